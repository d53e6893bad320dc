//! The pages of the reserve pools as screens: the pools (who is in each echelon, who the
//! records or a decision took out and why, the reviews falling due, the structure as a
//! chart and a table against the targets, and the forms) and one person's file.

use chrono::NaiveDate;

use super::decide::{Action, Command};
use super::event::{Echelon, PoolReview, TrainingKind};
use super::forms::{
    read, CADRES, CORRECT_FORM, ENTER_FORM, ENTRIES, FIX_REVIEW_FORM, FIX_TRAIN_FORM, LEAVE_FORM,
    LEFT, REVIEWED, REVIEW_FORM, TRAINED, TRAIN_FORM, WITHDRAW_FORM, WITHDRAW_REVIEW_FORM,
    WITHDRAW_TRAIN_FORM,
};
use super::pool::{members, review_due, Member};
use super::structure::{permille, shown, structure, Counts};
use super::Page;
use crate::domain::annual_assessment::results::annual_grades;
use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::cadre_selection::cadre::current_position;
use crate::domain::cadre_selection::words::{history_text, sanling_line};
use crate::domain::form::{Form, Options};
use crate::domain::screen::{
    colon, paren, t, Bar, Bars, Block, Card, Item, Items, Link, Place, Row, Screen, Table,
    TableCell, Tone,
};
use crate::domain::State;
use crate::route::Route;

fn route(page: Page) -> Route {
    Route::ReservePool(page)
}

fn form(f: Form, template: Command, (button, done): (String, String), options: Options) -> Block {
    let mut block = crate::domain::screen::FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    Block::Form(Box::new(block))
}

fn may(who: &Viewer) -> bool {
    who.may(Action::Record.roles())
}

/// The pools: members, those out, reviews due, structure, forms.
pub fn pools_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let today = who.today;
    let all = members(state, today);
    let mut head = vec![
        Block::Back(Link {
            text: t(zh, "← 年度考核", "← Annual assessment"),
            route: Route::AnnualAssessment(crate::domain::annual_assessment::Page::Current),
        }),
        Block::Title(t(zh, "后备干部库", "Reserve pools")),
    ];
    head.extend(review_lines(state, today, zh));
    for (name, n) in super::pool::entered_twice(state, today) {
        let text = match zh {
            true => format!(
                "{name}在库中有{n}条入库记录（两部手机分别录入），请用“调整出库”去掉多余的一条"
            ),
            false => {
                format!("{name} has {n} entries (entered on two phones): take out the extra one")
            }
        };
        head.push(Block::line(Tone::Warn, text).testid("entered-twice"));
    }
    for echelon in Echelon::ALL {
        let inside: Vec<&Member> = all
            .iter()
            .filter(|m| m.out.is_none() && m.entry.echelon == echelon)
            .collect();
        head.push(Block::Heading(match zh {
            true => format!("{}（{}人）", echelon.label(true), inside.len()),
            false => format!("{} ({})", echelon.label(false), inside.len()),
        }));
        head.push(Block::Items(Items {
            testid: match echelon {
                Echelon::First => "pool-first",
                Echelon::Second => "pool-second",
            },
            items: inside.iter().map(|m| member_item(state, m, who)).collect(),
        }));
    }
    let out: Vec<&Member> = all.iter().filter(|m| m.out.is_some()).collect();
    let mut cards = vec![Card::new(head)];
    if !out.is_empty() {
        let mut blocks = vec![Block::Heading(t(zh, "已调整出库", "Taken out"))];
        blocks.push(Block::Items(Items {
            testid: "pool-out",
            items: out.iter().map(|m| member_item(state, m, who)).collect(),
        }));
        cards.push(Card::new(blocks));
    }
    cards.push(Card::new(structure_blocks(state, today, zh)));
    cards.push(Card::new(form_blocks(state, &all, who)));
    cards
}

fn review_lines(state: &State, today: NaiveDate, zh: bool) -> Vec<Block> {
    [PoolReview::TopUp, PoolReview::OpenSelection]
        .into_iter()
        .filter_map(|r| {
            let due = review_due(state, r, today)?;
            let late = today > due;
            let text = match zh {
                true => format!(
                    "{}应于{due}前完成{}",
                    r.label(true),
                    if late { "（已逾期）" } else { "" }
                ),
                false => format!(
                    "{} due by {due}{}",
                    r.label(false),
                    if late { " (overdue)" } else { "" }
                ),
            };
            Some(Block::line(if late { Tone::Warn } else { Tone::Hint }, text).testid("review-due"))
        })
        .collect()
}

fn member_item(state: &State, m: &Member, who: &Viewer) -> Item {
    let zh = who.zh;
    let p = state.cadre_selection.cadre(&m.entry.cadre);
    let about = p.map(|p| {
        let post = current_position(p, who.today)
            .map(|x| format!("{}{}", x.unit, x.title))
            .unwrap_or_default();
        format!(
            "{} · {} · {} · {post}",
            p.gender,
            p.ethnicity,
            sanling_line(p, who.today, zh)
        )
    });
    let entered = match zh {
        true => format!("{}入库（{}）", m.entry.on, m.entry.echelon.label(true)),
        false => format!("in since {} ({})", m.entry.on, m.entry.echelon.label(false)),
    };
    let warn = m.out.as_ref().map(|o| match zh {
        true => format!("{}调整出库：{}", o.on, o.said(true)),
        false => format!("out since {}: {}", o.on, o.said(false)),
    });
    let differs = t(
        zh,
        "入库或调整出库记录在两部手机上不一致，请更正",
        "Its entry or leaving differs between two phones: correct it",
    );
    let warn = match (warn, m.differs) {
        (Some(w), true) => Some(format!("{w}{}{differs}", if zh { "；" } else { "; " })),
        (None, true) => Some(differs),
        (w, false) => w,
    };
    Item {
        link: Link {
            text: m.name.clone(),
            route: route(Page::Person(m.entry.cadre.clone())),
        },
        meta: format!("{} · {entered}", about.unwrap_or_default()),
        warn,
        urgent: false,
        attrs: vec![("data-cadre", m.entry.cadre.clone())],
    }
}

/// Each measure of `c` with its target: (label, part, target percent).
fn measures(c: &Counts, state: &State, today: NaiveDate, zh: bool) -> [(String, u32, u32); 4] {
    let p = state.policies.at(today).reserve_pool;
    [
        (t(zh, "年轻干部", "Young"), c.young, p.young_pct),
        (t(zh, "女干部", "Women"), c.women, p.women_pct),
        (
            t(zh, "少数民族干部", "Ethnic minority"),
            c.minority,
            p.minority_pct,
        ),
        (t(zh, "党外干部", "Non-party"), c.non_party, p.non_party_pct),
    ]
}

fn structure_blocks(state: &State, today: NaiveDate, zh: bool) -> Vec<Block> {
    let super::structure::Structure {
        whole,
        echelons,
        units,
    } = structure(state, today);
    let policy = state.policies.at(today).reserve_pool;
    let mut blocks = vec![
        Block::Heading(t(zh, "结构分析", "Structure")),
        Block::line(
            Tone::Hint,
            match zh {
                true => format!(
                    "年轻干部：第一梯队{}岁及以下、第二梯队{}岁及以下；目标比例为0的不设目标",
                    policy.young_age_first, policy.young_age_second
                ),
                false => format!(
                    "Young: first echelon aged {} or under, second {} or under; a target of 0 is none",
                    policy.young_age_first, policy.young_age_second
                ),
            },
        ),
    ];
    let bars = measures(&whole, state, today, zh)
        .into_iter()
        .map(|(label, part, target)| {
            let share = permille(part, whole.total);
            // An empty pool is short of nothing.
            let target = (target > 0 && whole.total > 0).then_some(target.min(100) * 10);
            let said = match (target, zh) {
                (Some(t), true) => format!(
                    "{part}/{} = {}，目标 {}",
                    whole.total,
                    shown(share),
                    shown(t)
                ),
                (Some(t), false) => format!(
                    "{part}/{} = {}, target {}",
                    whole.total,
                    shown(share),
                    shown(t)
                ),
                (None, _) => format!("{part}/{} = {}", whole.total, shown(share)),
            };
            Bar {
                label,
                permille: share,
                target,
                said,
            }
        });
    blocks.push(Block::Bars(Bars {
        testid: "structure-chart",
        caption: match zh {
            true => format!("全部后备干部（{}人）结构", whole.total),
            false => format!("Structure of all {} in the pools", whole.total),
        },
        bars: bars.collect(),
    }));
    let mut groups = vec![(t(zh, "全部", "All"), whole.clone())];
    groups.extend(
        echelons
            .iter()
            .map(|(e, c)| (e.label(zh).to_string(), c.clone())),
    );
    groups.extend(units.iter().map(|(u, c)| {
        let name = if u.is_empty() {
            t(zh, "（无现任职务）", "(no current post)")
        } else {
            u.clone()
        };
        (name, c.clone())
    }));
    let rows = groups
        .iter()
        .map(|(head, c)| counts_row(head.clone(), c, state, today, zh))
        .collect();
    let mut columns = vec![t(zh, "范围", "Group"), t(zh, "人数", "People")];
    columns.extend(
        measures(&whole, state, today, zh)
            .into_iter()
            .map(|(l, _, _)| l),
    );
    blocks.push(Block::Table(Table {
        class: "results",
        testid: "structure-table",
        columns,
        rows,
    }));
    blocks.push(structure_csv(&groups, state, today, zh));
    blocks
}

/// The structure table as CSV: per group its people, then each measure's count and share
/// (a number of percent, one decimal) as two number columns, and the day counted.
fn structure_csv(groups: &[(String, Counts)], state: &State, today: NaiveDate, zh: bool) -> Block {
    use crate::domain::csv::{typed, Cell};
    let mut heads = vec![t(zh, "范围", "Group"), t(zh, "人数", "People")];
    for (label, _, _) in measures(&Counts::default(), state, today, zh) {
        heads.push(format!("{label}{}", t(zh, "（人）", " (people)")));
        heads.push(format!("{label}{}", t(zh, "占比（%）", " share (%)")));
    }
    heads.push(t(zh, "统计日期", "Counted on"));
    let rows: Vec<Vec<Cell>> = groups
        .iter()
        .map(|(head, c)| {
            let mut row = vec![Cell::Text(head.clone()), Cell::int(i64::from(c.total))];
            for (_, part, _) in measures(c, state, today, zh) {
                let share = permille(part, c.total);
                row.push(Cell::int(i64::from(part)));
                row.push(Cell::Number(format!("{}.{}", share / 10, share % 10)));
            }
            row.push(Cell::Date(today));
            row
        })
        .collect();
    Block::Download {
        text: t(
            zh,
            "导出 CSV（Excel、WPS 可打开）",
            "Export CSV (opens in Excel, WPS)",
        ),
        file: match zh {
            true => format!("后备干部结构{today}.csv"),
            false => format!("reserve-pool-structure-{today}.csv"),
        },
        mime: "text/csv;charset=utf-8",
        content: typed(&heads, &rows),
        testid: "structure-csv",
    }
}

fn counts_row(head: String, c: &Counts, state: &State, today: NaiveDate, zh: bool) -> Row {
    let mut total = TableCell::new(c.total.to_string(), Place::Lead);
    total.number = true;
    let mut cells = vec![total];
    for (_, part, target) in measures(c, state, today, zh) {
        let share = permille(part, c.total);
        let mut cell = TableCell::new(format!("{part}{}", paren(zh, shown(share))), Place::More);
        cell.number = true;
        if target > 0 && share < target.min(100) * 10 && c.total > 0 {
            cell.marks
                .push((t(zh, "低于目标", "below target"), "below-target"));
        }
        cells.push(cell);
    }
    Row {
        head,
        attrs: Vec::new(),
        stale: false,
        cells,
    }
}

fn form_blocks(state: &State, all: &[Member], who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "入库、调整与培养",
        "Entries, leavings, training",
    ))];
    if !may(who) {
        let why = Action::Record.only();
        blocks.push(Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours"));
        return blocks;
    }
    let inside: Vec<(String, String)> = all
        .iter()
        .filter(|m| m.out.is_none())
        .map(|m| {
            (
                m.entry.id.clone(),
                format!("{}{}", m.name, paren(zh, m.entry.echelon.label(zh))),
            )
        })
        .collect();
    let outside: Vec<(String, String)> = state
        .cadre_selection
        .cadre_list()
        .filter(|(id, _)| !all.iter().any(|m| m.out.is_none() && &m.entry.cadre == *id))
        .map(|(id, p)| (id.clone(), p.name.clone()))
        .collect();
    let saved = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    if !outside.is_empty() {
        let template = Command::Enter {
            entry: String::new(),
            cadre: String::new(),
            echelon: Echelon::First,
            reason: String::new(),
            on: NaiveDate::MIN,
        };
        blocks.push(form(
            ENTER_FORM,
            template,
            (t(zh, "纳入后备干部库", "Add to the pool"), saved.1.clone()),
            Options::default().with(CADRES, outside),
        ));
    }
    if !inside.is_empty() {
        let options = Options::default().with(ENTRIES, inside);
        let leave = Command::Leave {
            entry: String::new(),
            reason: String::new(),
            on: NaiveDate::MIN,
        };
        blocks.push(form(
            LEAVE_FORM,
            leave,
            (t(zh, "调整出库", "Take out"), saved.1.clone()),
            options.clone(),
        ));
        let train = Command::Train {
            entry: String::new(),
            kind: TrainingKind::Course,
            note: String::new(),
            from: NaiveDate::MIN,
            until: None,
            fix: Default::default(),
        };
        blocks.push(form(
            TRAIN_FORM,
            train,
            (t(zh, "记录培养", "Record training"), saved.1.clone()),
            options.clone(),
        ));
        let entries = state.reserve_pool.entries.values();
        let correct = Command::CorrectEntry {
            entry: String::new(),
            echelon: Echelon::First,
            reason: String::new(),
            on: NaiveDate::MIN,
            why: String::new(),
            seen: entries.flat_map(|v| v.live_ids()).collect(),
        };
        blocks.push(form(
            CORRECT_FORM,
            correct,
            (t(zh, "更正入库记录", "Correct the entry"), saved.1.clone()),
            options,
        ));
    }
    let left: Vec<(String, String)> = all
        .iter()
        .filter(|m| m.out.as_ref().is_some_and(|o| !o.automatic))
        .map(|m| (m.entry.id.clone(), m.name.clone()))
        .collect();
    if !left.is_empty() {
        let leavings = state.reserve_pool.leavings.values();
        let withdraw = Command::WithdrawLeaving {
            entry: String::new(),
            why: String::new(),
            seen: leavings.flat_map(|v| v.live_ids()).collect(),
        };
        blocks.push(form(
            WITHDRAW_FORM,
            withdraw,
            (
                t(zh, "撤销调整出库", "Withdraw the leaving"),
                saved.1.clone(),
            ),
            Options::default().with(LEFT, left),
        ));
    }
    let review = Command::Review {
        review: PoolReview::TopUp,
        note: String::new(),
        on: NaiveDate::MIN,
        fix: Default::default(),
    };
    blocks.push(form(REVIEW_FORM, review, saved.clone(), Options::default()));
    blocks.extend(fix_blocks(state, all, zh));
    blocks
}

/// What a record recorded two ways on two phones says after it ("" when one way).
fn differs(zh: bool, two: bool) -> String {
    match (two, zh) {
        (false, _) => String::new(),
        (true, true) => "（两部手机记录不一致，待更正）".into(),
        (true, false) => " (differs between two phones: correct it)".into(),
    }
}

/// The forms correcting or withdrawing a training or a review recorded.
fn fix_blocks(state: &State, all: &[Member], zh: bool) -> Vec<Block> {
    let pool = &state.reserve_pool;
    let mut out = Vec::new();
    let done = t(zh, "已记录", "Recorded");
    let trained: Vec<(String, String)> = all
        .iter()
        .flat_map(|m| {
            let records = pool
                .training
                .get(&m.entry.id)
                .into_iter()
                .flat_map(|r| r.standing());
            records.map(|(id, x, two)| {
                let label = format!(
                    "{} · {} {}{}{}",
                    m.name,
                    x.from,
                    x.kind.label(zh),
                    colon(zh),
                    x.note
                );
                (format!("{}/{id}", m.entry.id), label + &differs(zh, two))
            })
        })
        .collect();
    if !trained.is_empty() {
        let seen: Vec<String> = pool
            .training
            .values()
            .flat_map(|r| r.by_id.values())
            .flat_map(|v| v.live_ids())
            .collect();
        let template = |withdrawn: bool| Command::Train {
            entry: String::new(),
            kind: TrainingKind::Course,
            note: String::new(),
            from: NaiveDate::MIN,
            until: None,
            fix: super::decide::Fix {
                withdrawn,
                seen: seen.clone(),
                ..Default::default()
            },
        };
        let options = Options::default().with(TRAINED, trained);
        out.push(form(
            FIX_TRAIN_FORM,
            template(false),
            (t(zh, "更正培养记录", "Correct a training"), done.clone()),
            options.clone(),
        ));
        out.push(form(
            WITHDRAW_TRAIN_FORM,
            template(true),
            (t(zh, "撤销培养记录", "Withdraw a training"), done.clone()),
            options,
        ));
    }
    let reviewed: Vec<(String, String)> = pool
        .reviews
        .standing()
        .into_iter()
        .map(|(id, r, two)| {
            let label = format!("{} {}{}{}", r.on, r.review.label(zh), colon(zh), r.note);
            (id.to_string(), label + &differs(zh, two))
        })
        .collect();
    if !reviewed.is_empty() {
        let seen: Vec<String> = pool
            .reviews
            .by_id
            .values()
            .flat_map(|v| v.live_ids())
            .collect();
        let template = |withdrawn: bool| Command::Review {
            review: PoolReview::TopUp,
            note: String::new(),
            on: NaiveDate::MIN,
            fix: super::decide::Fix {
                withdrawn,
                seen: seen.clone(),
                ..Default::default()
            },
        };
        let options = Options::default().with(REVIEWED, reviewed);
        out.push(form(
            FIX_REVIEW_FORM,
            template(false),
            (
                t(zh, "更正补充调整或公开选拔记录", "Correct a review"),
                done.clone(),
            ),
            options.clone(),
        ));
        out.push(form(
            WITHDRAW_REVIEW_FORM,
            template(true),
            (
                t(zh, "撤销补充调整或公开选拔记录", "Withdraw a review"),
                done,
            ),
            options,
        ));
    }
    out
}

/// One person's file (一人一档): profile, pool history, training, grades, cases.
pub fn person_screen(state: &State, cadre: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 后备干部库", "← Reserve pools"),
        route: route(Page::Pools),
    });
    let Some(p) = state.cadre_selection.cadre(cadre) else {
        return vec![Card::new(vec![
            back,
            Block::line(Tone::Warn, t(zh, "干部库中没有这名干部", "No such cadre")),
        ])];
    };
    let mut blocks = vec![
        back,
        Block::Title(match zh {
            true => format!("{} · 一人一档", p.name),
            false => format!("{} · personal file", p.name),
        }),
        Block::line(
            Tone::Plain,
            format!(
                "{} · {} · {}",
                p.gender,
                p.ethnicity,
                sanling_line(p, who.today, zh)
            ),
        )
        .testid("sanling"),
        Block::line(
            Tone::Hint,
            t(zh, "工作经历：", "History: ") + &history_text(p, who.today, zh),
        ),
    ];
    let mine: Vec<Member> = members(state, who.today)
        .into_iter()
        .filter(|m| m.entry.cadre == cadre)
        .collect();
    let history = mine.iter().map(|m| {
        let out = m.out.as_ref().map_or_else(
            || t(zh, "，在库", ", in the pool"),
            |o| match zh {
                true => format!("，{}调整出库：{}", o.on, o.said(true)),
                false => format!(", out since {}: {}", o.on, o.said(false)),
            },
        );
        format!(
            "{} {}{}{out}",
            m.entry.on,
            m.entry.echelon.label(zh),
            if zh { "入库" } else { " entry" }
        )
    });
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "后备干部经历：", "In the pools:"),
        items: history.collect(),
        testid: "pool-history",
    });
    let mut trained: Vec<(&super::state::Training, bool)> = mine
        .iter()
        .flat_map(|m| {
            state
                .reserve_pool
                .training
                .get(&m.entry.id)
                .into_iter()
                .flat_map(|t| t.standing())
                .map(|(_, t, two)| (t, two))
        })
        .collect();
    crate::domain::sorting::sort_by(&mut trained, |a, b| {
        (a.0.from, &a.0.note).cmp(&(b.0.from, &b.0.note))
    });
    let trained = trained.iter().map(|(x, two)| {
        let until = x
            .until
            .map_or_else(|| t(zh, "至今", "now"), |u| u.to_string());
        format!(
            "{}—{until} {}{}{}{}",
            x.from,
            x.kind.label(zh),
            colon(zh),
            x.note,
            differs(zh, *two)
        )
    });
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "培养锻炼：", "Training:"),
        items: trained.collect(),
        testid: "training",
    });
    let grades = annual_grades(state, cadre).into_iter().rev().map(|(y, g)| {
        let from = match (g.assessed, zh) {
            (true, true) => "（年度考核）",
            (true, false) => " (assessment)",
            (false, true) => "（干部信息）",
            (false, false) => " (profile)",
        };
        format!("{y} {}{from}", g.grade.label_in(zh))
    });
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "年度考核：", "Annual grades:"),
        items: grades.collect(),
        testid: "grades",
    });
    let cases = crate::domain::demotion_chain::progress::cases_of(state, cadre)
        .into_iter()
        .map(|c| {
            let (_, said) =
                crate::domain::demotion_chain::screens::phase_text_in(state, &c, who.today, zh);
            format!(
                "{} {}{}{said}",
                c.head.opened_on,
                c.head.standard,
                colon(zh)
            )
        });
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "能上能下：", "Demotion cases:"),
        items: cases.collect(),
        testid: "demotions",
    });
    let selections = state
        .cadre_selection
        .cases
        .values()
        .filter(|c| c.posts.iter().any(|post| c.nominated(post, cadre)))
        .map(|c| c.title.clone());
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "参与的干部选任：", "Selection cases:"),
        items: selections.collect(),
        testid: "selections",
    });
    vec![Card::new(blocks)]
}
