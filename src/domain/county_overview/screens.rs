//! The overview's pages as screens (`domain::screen`): where every township, case and
//! workflow stands on one page, every figure leading to where the work is done; and
//! the list of what was submitted upward (初次提交 / 二次提交), each leading to its 纪实表.

use chrono::NaiveDate;

use super::figures::{
    case_lines, held_in_full, pay_year, township_figures, workflow_lines, CaseLine, Graded, Held,
    Submitted, TownshipFigures, WorkflowLine,
};
use super::Page;
use crate::domain::cadre_selection::screens::percent;
use crate::domain::cadre_selection::{self as w4, Sight, SignOff, Step, Submission};
use crate::domain::event::Role;
use crate::domain::screen::{
    t, Block, Card, Item, Items, Link, Place, Row, Screen, Table, TableCell, Todo, Tone,
};
use crate::domain::sorting;
use crate::domain::state::State;
use crate::domain::village_pay::Page as PayPage;
use crate::route::{Route, TownshipYear};

/// The roles of the organization department that supervise the county's work: the
/// home page leads them here.
pub const SUPERVISING: [Role; 6] = [
    Role::Admin,
    Role::Recorder,
    Role::Reviewer,
    Role::CadreChief,
    Role::SupervisionChief,
    Role::Approver,
];

/// The home page's line leading to the overview, for the supervising roles (none for
/// the others).
pub fn home_link(role: Option<Role>, zh: bool) -> Vec<Block> {
    match role.is_some_and(|r| SUPERVISING.contains(&r)) {
        true => vec![Block::Line {
            tone: Tone::Plain,
            text: t(zh, "全县概览 →", "County overview →"),
            testid: "overview-link",
            link: Some(Route::Overview(Page::Overview)),
        }],
        false => Vec::new(),
    }
}

/// The overview for a phone in `role` on `today`: W1's townships this year (only
/// `townships`, the user's, when the role holds only theirs and they are known), W4's
/// cases, then a line for every other workflow.
pub fn overview_screen(
    state: &State,
    (role, townships): (Option<Role>, &[String]),
    today: NaiveDate,
    zh: bool,
) -> Screen {
    let (pay_held, cases_held) = held_in_full(role);
    let title = vec![
        Block::Title(t(zh, "全县概览", "County overview")),
        Block::line(Tone::Hint, format!("{}{today}", t(zh, "截至 ", "As of "))),
        Block::Line {
            tone: Tone::Plain,
            text: t(
                zh,
                "上报记录（初次提交、二次提交）→",
                "Submitted upward (initial, second) →",
            ),
            testid: "submitted-link",
            link: Some(Route::Overview(Page::Submitted)),
        },
    ];
    vec![
        Card::new(title),
        Card::new(pay_card(state, (pay_held, townships), today, zh))
            .attr("data-part", "village-pay"),
        Card::new(cases_card(state, cases_held, Sight::of(role), today, zh))
            .attr("data-part", "cases"),
        Card::new(workflows_card(state, role, today, zh)).attr("data-part", "workflows"),
    ]
}

/// The line saying a part is not on this phone, or only partly.
fn not_held(held: Held, zh: bool) -> Option<Block> {
    let text = match held {
        Held::All => return None,
        Held::Part => t(
            zh,
            "本机只有这部分记录中本角色可读的数据库，以下数字不含其余部分。",
            "This phone holds only the databases of this part its role reads: the figures leave out the rest.",
        ),
        Held::Nothing => t(
            zh,
            "这部分记录不在本机：本角色不读取它们所在的数据库，故不显示数字。",
            "These records are not on this phone: its role does not read their databases, so no figures are shown.",
        ),
    };
    Some(Block::line(Tone::Hint, text).testid("not-held"))
}

/// The line naming the user's townships, the only ones on this phone.
fn only_these(state: &State, townships: &[String], zh: bool) -> Block {
    let names: Vec<String> = townships
        .iter()
        .map(|id| match state.master.township_label(id) {
            name if name.is_empty() => id.clone(),
            name => name,
        })
        .collect();
    let text = match zh {
        true => format!(
            "本机只有本人所在乡镇（{}）的记录；其余乡镇的记录不在本机，未列出。",
            names.join("、")
        ),
        false => format!(
            "This phone holds only your townships' records ({}); the other townships' are not on this phone and are not listed.",
            names.join(", ")
        ),
    };
    Block::line(Tone::Hint, text).testid("not-held")
}

/// W1: one row per township this year (only `townships` when the phone holds only
/// the user's and they are known).
fn pay_card(
    state: &State,
    (held, townships): (Held, &[String]),
    today: NaiveDate,
    zh: bool,
) -> Vec<Block> {
    let year = pay_year(state, today);
    let mut blocks = vec![Block::Heading(format!(
        "{} {year}",
        t(zh, "村级绩效考核", "Village performance pay")
    ))];
    let own_only = held == Held::Part && !townships.is_empty();
    match own_only {
        true => blocks.push(only_these(state, townships, zh)),
        false => blocks.extend(not_held(held, zh)),
    }
    if held == Held::Nothing {
        return blocks;
    }
    let columns = [
        ("乡镇", "Township"),
        ("已评分", "Scored"),
        ("已公示", "Publicized"),
        ("已定稿", "Finalized"),
        ("需复核", "To review"),
        ("待处理异议", "Open objections"),
        ("等次评定", "Grading"),
        ("诫勉谈话逾期", "Warning talks overdue"),
        ("整改逾期", "Rectifications overdue"),
    ];
    let rows = township_figures(state, year, today)
        .iter()
        .filter(|f| !own_only || townships.contains(&f.township))
        .map(|f| township_row(f, zh))
        .collect();
    blocks.push(Block::Table(Table {
        class: "overview",
        testid: "townships-overview",
        columns: columns.iter().map(|(z, e)| t(zh, z, e)).collect(),
        rows,
    }));
    blocks
}

/// A number cell leading to `route`.
fn linked(text: String, route: &Route, testid: &'static str) -> TableCell {
    TableCell {
        link: Some(route.clone()),
        testid,
        ..TableCell::number(text, Place::Lead)
    }
}

/// A township's row: its quarters on its board, its grading on its results, its
/// follow-ups on the results of the year they belong to.
fn township_row(f: &TownshipFigures, zh: bool) -> Row {
    let here = TownshipYear::new(f.township.clone(), f.year);
    let board = Route::VillagePay(PayPage::Township(here.clone()));
    let results = Route::VillagePay(PayPage::Results(here));
    let follow_up = TownshipYear::new(f.township.clone(), f.follow_up_year);
    let follow_ups = Route::VillagePay(PayPage::Results(follow_up));
    let of = |n: usize| format!("{n}/{}", f.quarters);
    let graded = match f.graded {
        Graded::No => t(zh, "未评定", "not graded"),
        Graded::Yes => t(zh, "已评定", "graded"),
        Graded::Redo => t(zh, "须重新评定", "to re-grade"),
    };
    Row {
        head: f.name.clone(),
        attrs: vec![("data-township", f.township.clone())],
        stale: false,
        cells: vec![
            linked(of(f.scored), &board, "scored"),
            linked(of(f.publicized), &board, "publicized"),
            linked(of(f.finalized), &board, "finalized"),
            linked(f.to_review.to_string(), &board, "to-review"),
            linked(f.open_objections.to_string(), &board, "objections"),
            TableCell {
                link: Some(results.clone()),
                testid: "graded",
                ..TableCell::new(graded, Place::Lead)
            },
            linked(f.talks_overdue.to_string(), &follow_ups, "talks-overdue"),
            linked(
                f.rectifications_overdue.to_string(),
                &follow_ups,
                "rectifications-overdue",
            ),
        ],
    }
}

/// W4: one row per case, by unit, as a phone with `sight` reads them.
fn cases_card(state: &State, held: Held, sight: Sight, today: NaiveDate, zh: bool) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(t(
        zh,
        "干部选拔任用纪实",
        "Cadre selection records",
    ))];
    blocks.extend(not_held(held, zh));
    if held == Held::Nothing {
        return blocks;
    }
    let mut lines = case_lines(state, today, sight);
    if lines.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            t(zh, "没有选任事项", "No selection case"),
        ));
        return blocks;
    }
    sorting::sort_by(&mut lines, |a, b| {
        (&a.units, &a.case).cmp(&(&b.units, &b.case))
    });
    let columns = [
        ("选任事项", "Case"),
        ("单位", "Unit"),
        ("当前关口", "Gate"),
        ("填写率", "Fill rate"),
        ("完整度", "Completeness"),
        ("初次提交", "Initial submission"),
        ("二次提交", "Second submission"),
    ];
    blocks.push(Block::Table(Table {
        class: "overview",
        testid: "cases-overview",
        columns: columns.iter().map(|(z, e)| t(zh, z, e)).collect(),
        rows: lines.iter().map(|l| case_row(l, today, zh)).collect(),
    }));
    blocks
}

/// A case's row: its gate and rates on its page; a submission made on its 纪实表, one
/// still to make (or make again) on its page, where it is signed and made.
fn case_row(l: &CaseLine, today: NaiveDate, zh: bool) -> Row {
    let page = Route::CadreSelection(w4::Page::Case(l.case.clone()));
    let sheet = Route::CadreSelection(w4::Page::CasePrint(l.case.clone()));
    let v = &l.summary;
    let gate = match (&v.ended, v.current) {
        (Some(e), _) => format!("{}{}", t(zh, "已终止：", "ended: "), e.ending.label(zh)),
        (None, Some(step)) => step.label(zh).to_string(),
        (None, None) => t(zh, "全部完成", "all done"),
    };
    let initial = match (l.initial, v.initial_due) {
        (Submitted::Not, Some(due)) if v.initial_overdue => {
            format!("{}{due}", t(zh, "已逾期，应于 ", "overdue, due "))
        }
        (Submitted::Not, Some(due)) => format!("{}{due}", t(zh, "截止 ", "due ")),
        (node, _) => submitted_text(node, today, zh),
    };
    let to = |node: Submitted| match node {
        Submitted::On(_) | Submitted::OnStepsOnly(_) => sheet.clone(),
        Submitted::Again
        | Submitted::Not
        | Submitted::DueSince(_)
        | Submitted::NotYet
        | Submitted::Ended => page.clone(),
    };
    let mut initial = TableCell {
        link: Some(to(l.initial)),
        testid: "initial",
        ..TableCell::new(initial, Place::More)
    };
    if v.initial_overdue {
        let late = match l.initial {
            Submitted::Not => t(zh, "逾期", "overdue"),
            _ => t(zh, "逾期提交", "submitted late"),
        };
        initial.marks.push((late, "initial-overdue"));
    }
    Row {
        head: l.title.clone(),
        attrs: vec![("data-case", l.case.clone())],
        stale: false,
        cells: vec![
            TableCell::new(l.units.join(if zh { "、" } else { ", " }), Place::More),
            TableCell {
                link: Some(page.clone()),
                testid: "gate",
                ..TableCell::new(gate, Place::Lead)
            },
            linked(percent(v.rates.fill_bp()), &page, "fill"),
            linked(percent(v.rates.completeness_bp()), &page, "completeness"),
            initial,
            TableCell {
                link: Some(to(l.second)),
                testid: "second",
                ..TableCell::new(submitted_text(l.second, today, zh), Place::More)
            },
        ],
    }
}

/// A submission node's state in words on `today`.
fn submitted_text(node: Submitted, today: NaiveDate, zh: bool) -> String {
    match node {
        Submitted::On(on) => format!("{}{on}", t(zh, "已提交 ", "submitted ")),
        Submitted::OnStepsOnly(on) => format!(
            "{}{on}{}",
            t(zh, "已提交 ", "submitted "),
            t(
                zh,
                "（有关事项本机无法核对）",
                " (disclosures not checkable on this phone)"
            )
        ),
        Submitted::Again => t(
            zh,
            "内容已更正，须重新提交",
            "records corrected: submit again",
        ),
        Submitted::Not => t(zh, "未提交", "not submitted"),
        Submitted::DueSince(on) => {
            let days = today.signed_duration_since(on).num_days().max(0);
            match zh {
                true => format!("待提交（任职于 {on}，已 {days} 天）"),
                false => format!("due (appointed {on}, {days} days ago)"),
            }
        }
        Submitted::NotYet => t(zh, "未到", "not yet due"),
        Submitted::Ended => t(zh, "无需提交（事项已终止）", "not required (case ended)"),
    }
}

/// Every other workflow: what it asks now, what of it has a due date to come, and what
/// is past its due date.
fn workflows_card(state: &State, role: Option<Role>, today: NaiveDate, zh: bool) -> Vec<Block> {
    let columns = [
        ("工作", "Work"),
        ("待办", "Open"),
        ("未到期", "Due"),
        ("逾期", "Overdue"),
    ];
    let rows = workflow_lines(state, role, today, zh)
        .iter()
        .map(|l| workflow_row(l, zh))
        .collect();
    vec![
        Block::Heading(t(zh, "其他工作的待办", "Other work due")),
        Block::Table(Table {
            class: "overview",
            testid: "workflows-overview",
            columns: columns.iter().map(|(z, e)| t(zh, z, e)).collect(),
            rows,
        }),
    ]
}

/// A count of a workflow's to-dos leading to `todo` (the first such), with its due date
/// under it when `dated` ("截止 2027-03-07", marked `<testid>-date`).
fn count_cell(
    n: usize,
    todo: Option<&Todo>,
    dated: Option<&'static str>,
    testid: &'static str,
    zh: bool,
) -> TableCell {
    let mut cell = match todo {
        Some(todo) => linked(n.to_string(), &todo.route, testid),
        None => TableCell {
            testid,
            ..TableCell::number(n.to_string(), Place::Lead)
        },
    };
    let date = todo.and_then(|x| x.due).zip(dated);
    if let Some((day, mark)) = date {
        cell.marks
            .push((format!("{}{day}", t(zh, "截止 ", "due ")), mark));
    }
    cell
}

/// A workflow's row: its open, due and overdue to-dos, each count leading to the first
/// of them (the nearest due, the longest overdue, with its date); or that its records
/// are not on this phone.
fn workflow_row(l: &WorkflowLine, zh: bool) -> Row {
    let head = t(zh, &l.zh, &l.en);
    let mut cells = match l.held {
        Held::Nothing => {
            let absent = t(zh, "不在本机", "not on this phone");
            ["open", "due", "overdue"]
                .into_iter()
                .map(|testid| TableCell {
                    testid,
                    ..TableCell::new(absent.clone(), Place::Lead)
                })
                .collect()
        }
        _ => vec![
            count_cell(l.open(), l.first_open(), None, "open", zh),
            count_cell(l.due(), l.nearest_due(), Some("due-date"), "due", zh),
            count_cell(
                l.overdue(),
                l.oldest_overdue(),
                Some("overdue-date"),
                "overdue",
                zh,
            ),
        ],
    };
    if l.held == Held::Part {
        if let Some(due) = cells.first_mut() {
            due.marks.push((
                t(zh, "部分记录不在本机", "partly on this phone"),
                "part-held",
            ));
        }
    }
    Row {
        head,
        attrs: vec![("data-workflow", l.folder.to_string())],
        stale: false,
        cells,
    }
}

/// Every 初次提交 and 二次提交 of every case, newest first, each leading to its 纪实表:
/// the date, who submitted, the record sheets it covers and who signed them.
pub fn submitted_screen(state: &State, role: Option<Role>, zh: bool) -> Screen {
    let (_, held) = held_in_full(role);
    let mut blocks = vec![
        Block::Back(Link {
            text: t(zh, "← 全县概览", "← County overview"),
            route: Route::Overview(Page::Overview),
        }),
        Block::Title(t(zh, "上报记录", "Submitted upward")),
    ];
    blocks.extend(not_held(held, zh));
    if held == Held::Nothing {
        return vec![Card::new(blocks)];
    }
    let items = submission_items(state, Sight::of(role), zh);
    match items.is_empty() {
        true => blocks.push(
            Block::line(Tone::Hint, t(zh, "尚无提交", "Nothing submitted yet")).testid("submitted"),
        ),
        false => blocks.push(Block::Items(Items {
            testid: "submitted",
            items,
        })),
    }
    vec![Card::new(blocks)]
}

/// One item per submission, newest first (by date, then by when it was recorded: a
/// submission made again the same day above the one it replaced; then by case and node).
fn submission_items(state: &State, sight: Sight, zh: bool) -> Vec<Item> {
    let mut all: Vec<(&w4::Case, &w4::Submitted)> = state
        .cadre_selection
        .cases
        .values()
        .flat_map(|c| c.submissions.values().map(move |s| (c, s)))
        .collect();
    sorting::sort_by(&mut all, |a, b| {
        let newest = |x: &w4::Submitted| std::cmp::Reverse((x.on, x.recorded_at));
        (newest(a.1), &a.0.id, a.1.node, &a.1.id).cmp(&(newest(b.1), &b.0.id, b.1.node, &b.1.id))
    });
    all.into_iter()
        .map(|(c, s)| submission_item(c, s, sight, zh))
        .collect()
}

/// A submission: the case and node leading to its 纪实表 (one no longer current to
/// its sheet as submitted); date, who, sheets, the signatures that stood for it.
fn submission_item(c: &w4::Case, s: &w4::Submitted, sight: Sight, zh: bool) -> Item {
    let stands = c
        .submission_seen(s.node, sight)
        .is_some_and(|x| x.id == s.id);
    let first = Step::ALL[0].label(zh);
    let last = s.node.last_step().label(zh);
    let signed = c.signed_for(s);
    let later = c.signed_for_recorded_later(s, &signed);
    let signatures: Vec<String> = SignOff::CHAIN
        .iter()
        .map(|line| {
            let who = match (signed.get(line), later.get(line)) {
                (Some(sig), _) => sig.signer.clone(),
                (None, Some(sig)) => sig.signer.clone() + &w4::documents::recorded_later(zh),
                (None, None) => t(zh, "未签", "not signed"),
            };
            format!("{} {who}", line.label_in(zh))
        })
        .collect();
    let sep = t(zh, "，", ", ");
    let meta = [
        format!(" · {}", s.on),
        format!("{}{}", t(zh, "提交人 ", "by "), s.by),
        format!("{}{first}—{last}", t(zh, "纪实表 ", "record sheets ")),
        format!("{}{}", t(zh, "签字：", "signed: "), signatures.join(&sep)),
    ]
    .join(" · ");
    let warn = (!stands).then(|| {
        t(
            zh,
            "此后内容已更正或再次提交，此次提交不再是现行版本",
            "records corrected or submitted again since: not the current submission",
        )
    });
    Item {
        link: Link {
            text: format!("{} · {}", c.title, s.node.label_in(zh)),
            route: Route::CadreSelection(match stands {
                true => w4::Page::CasePrint(c.id.clone()),
                false => w4::Page::CaseAsSubmitted(c.id.clone(), s.id.clone()),
            }),
        },
        meta,
        warn,
        urgent: false,
        attrs: vec![
            ("data-case", c.id.clone()),
            ("data-node", node_key(s.node).to_string()),
        ],
    }
}

/// A node's key for tests and automation.
fn node_key(node: Submission) -> &'static str {
    match node {
        Submission::Initial => "initial",
        Submission::Second => "second",
    }
}
