//! The pages of the everyday performance record as screens (seed 004 淮安清河: 日记录、
//! 周申报): a cadre's start page (today's work at the top, saved in one tap; this week's
//! records and the week's report; corrections), a unit leader's unit (who has not
//! submitted), the organization department's units, one unit's weeks and one cadre's
//! year rolled up (weeks → months → quarters → year). Each list exports as CSV.

use chrono::{Datelike, Days, NaiveDate};

use super::analysis::{quarter_span, quarter_view, unit_cadres, year_evidence};
use super::decide::{rosters_drawn, Action, Command, Fix};
use super::evaluation::{month_name, month_of, score_roll, set_for, unit_month, Mean};
use super::event::Level;
use super::event::WorkCategory;
use super::forms::{
    read, CADRES, CORRECT_NOTE_FORM, DAYS, FIX_FORM, INDICATORS, LEVELS, LOG_FORM, MONTHS, NOTES,
    NOTE_FORM, RATERS, RATE_FORM, REVIEW_FORM, ROSTER_FORM, SETS, SET_FORM, SUBMIT_FORM, WEEKS,
    WITHDRAW_FORM, WITHDRAW_NOTE_FORM,
};
use super::rollup::{
    cadre_named, days_between, last_due_week, monday_of, report_due, unit_of, units_in_week, week,
    week_name, year_roll, DayRecord, Member, Tally, Week,
};
use super::roster::{changes, listed_on, name_of, Change};
use super::Page;
use crate::domain::csv::csv;
use crate::domain::event::Role;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{t, Block, Card, FormBlock, Item, Items, Link, Screen, Tone};
use crate::domain::State;
use crate::route::Route;

/// Who is looking: their role and name (a cadre's name is their profile's), the day
/// and the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    /// Their role (`None`: no user).
    pub role: Option<Role>,
    /// Their name.
    pub name: String,
    /// Today.
    pub today: NaiveDate,
    /// Chinese or English.
    pub zh: bool,
}

fn route(page: Page) -> Route {
    Route::PerformanceRecord(page)
}

fn form(f: Form, template: Command, (button, done): (String, String), options: Options) -> Block {
    let mut block = FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    Block::Form(Box::new(block))
}

fn weekday(day: NaiveDate, zh: bool) -> &'static str {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = day.weekday().num_days_from_monday() as usize;
    if zh {
        ZH.get(i).copied().unwrap_or_default()
    } else {
        EN.get(i).copied().unwrap_or_default()
    }
}

/// A day's record in a line: "3月2日 周一 · 发展推动 · 项目 · 工作".
pub fn day_line(d: &DayRecord, zh: bool) -> String {
    let w = &d.work;
    let day = match zh {
        true => format!(
            "{}月{}日 {}",
            w.day.month(),
            w.day.day(),
            weekday(w.day, true)
        ),
        false => format!("{} {}", w.day.format("%b %-d"), weekday(w.day, false)),
    };
    let mut parts = vec![day, w.category.label(zh).to_string()];
    if !w.project.is_empty() {
        parts.push(w.project.clone());
    }
    parts.push(w.text.clone());
    let mut line = parts.join(" · ");
    if d.differs {
        line.push_str(&t(
            zh,
            "（两部手机记录不一致，待更正）",
            " (differs between two phones: correct it)",
        ));
    }
    line
}

/// What a week's report says of itself.
pub fn week_status(w: &Week, zh: bool) -> (Tone, String) {
    let Some(s) = &w.submitted else {
        return (Tone::Warn, t(zh, "未申报", "Not submitted"));
    };
    let mut said = match zh {
        true => format!("已申报（汇总{}条记录）", s.report.entries.len()),
        false => format!("Submitted ({} daily records)", s.report.entries.len()),
    };
    if w.left_out > 0 {
        said.push_str(&match zh {
            true => format!("；申报后又记录{}条，可重新提交", w.left_out),
            false => format!("; {} recorded since: submit again", w.left_out),
        });
    }
    if w.withdrawn > 0 {
        said.push_str(&match zh {
            true => format!("；其中{}条已撤销", w.withdrawn),
            false => format!("; {} of them withdrawn since", w.withdrawn),
        });
    }
    if s.differs {
        said.push_str(&t(
            zh,
            "；两部手机分别申报，内容不一致",
            "; submitted differently on two phones",
        ));
    }
    (if s.differs { Tone::Warn } else { Tone::Ok }, said)
}

/// The start page, by role: a cadre's day and week, a unit leader's unit, the
/// organization department's units.
pub fn start_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    match who.role {
        Some(Role::Cadre) => cadre_start(state, who),
        Some(Role::UnitLeader) => {
            let mine = cadre_named(state, &who.name).and_then(|c| unit_of(state, c, who.today));
            match mine {
                Some(unit) => unit_screen(state, &unit, who),
                None => {
                    let mut screen = units_screen(state, who);
                    let hint = match zh {
                        true => format!(
                            "实绩纪实名单中找不到名为“{}”的干部及其单位（请组织部发布本单位名单），下面列出全部单位",
                            who.name
                        ),
                        false => format!(
                            "No cadre named “{}” with a unit on the rosters (the organization department publishes them): every unit is listed",
                            who.name
                        ),
                    };
                    if let Some(card) = screen.first_mut() {
                        card.blocks.insert(1, Block::line(Tone::Hint, hint));
                    }
                    screen
                }
            }
        }
        _ => units_screen(state, who),
    }
}

/// What a cadre the rosters name but no unit's roster lists today is told.
fn unlisted_said(name: &str, zh: bool) -> String {
    match zh {
        true => format!("{name}今天不在任何单位的实绩纪实名单中：记录仍会保存，但不计入单位的周申报和测评；如已调入新单位，请组织部按干部库发布名单"),
        false => format!("{name} is not on any unit's roster today: records are kept but count in no unit's weekly reports or ratings; if you moved, the organization department publishes the rosters from the cadre records"),
    }
}

fn cadre_start(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let title = Block::Title(t(zh, "实绩纪实", "Performance record"));
    let Some(cadre) = cadre_named(state, &who.name).cloned() else {
        let text = match zh {
            true => format!("实绩纪实名单中没有名为“{}”的干部（或有重名）：请组织部在干部信息中登记并发布本单位名单后再记录", who.name),
            false => format!("No single cadre named “{}” on the units' rosters: the organization department records the profile and publishes the unit's roster first", who.name),
        };
        return vec![Card::new(vec![
            title,
            Block::line(Tone::Warn, text).testid("no-profile"),
        ])];
    };
    let today = who.today;
    let listed = unit_of(state, &cadre, today);
    let unit = listed.clone().unwrap_or_default();
    let saved = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    let log = Command::Log {
        cadre: cadre.clone(),
        day: today,
        category: WorkCategory::Development,
        project: String::new(),
        text: String::new(),
        fix: Fix::default(),
    };
    let mut head = vec![title];
    match listed {
        Some(unit) => {
            head.push(Block::line(Tone::Hint, format!("{} · {unit}", who.name)).testid("who"))
        }
        None => head.push(Block::line(Tone::Warn, unlisted_said(&who.name, zh)).testid("who")),
    }
    head.push(form(LOG_FORM, log, saved, Options::default()));
    let mut cards = vec![Card::new(head)];
    let this_week = week(state, &cadre, monday_of(today));
    cards.push(Card::new(week_blocks(&this_week, zh, "this-week")));
    cards.push(Card::new(submit_blocks(state, &cadre, who)));
    cards.push(Card::new(fix_blocks(state, &cadre, who)));
    let rates = set_for(state, &unit, month_of(today))
        .is_some_and(|(s, _)| s.raters.iter().any(|r| r == who.name.trim()));
    if rates {
        cards.push(Card::new(rating_blocks(state, &unit, who)));
    }
    cards.push(Card::new(vec![Block::Actions {
        links: vec![Link {
            text: t(zh, "我的全年纪实", "My year"),
            route: route(Page::Cadre(cadre, today.year())),
        }],
        main: None,
    }]));
    cards
}

fn week_blocks(w: &Week, zh: bool, testid: &'static str) -> Vec<Block> {
    let (tone, said) = week_status(w, zh);
    let mut blocks = vec![Block::Heading(week_name(w.monday, zh))];
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: match zh {
            true => format!("本周记录{}条：", w.days.len()),
            false => format!("{} daily records:", w.days.len()),
        },
        items: w.days.iter().map(|d| day_line(d, zh)).collect(),
        testid,
    });
    blocks.push(Block::line(tone, said).testid("week-status"));
    if let Some(s) = w
        .submitted
        .as_ref()
        .filter(|s| !s.report.summary.is_empty())
    {
        blocks.push(Block::line(
            Tone::Plain,
            t(zh, "小结：", "Summary: ") + &s.report.summary,
        ));
    }
    blocks
}

/// The weeks a cadre may submit now: this week and those the look-back reaches.
fn weeks_open(state: &State, today: NaiveDate) -> Vec<NaiveDate> {
    let policy = state.policies.at(today).performance_record;
    let back = Days::new(u64::from(policy.days_back));
    let earliest = monday_of(today.checked_sub_days(back).unwrap_or(today));
    let mut out = Vec::new();
    let mut monday = monday_of(today);
    while monday >= earliest && out.len() < 60 {
        out.push(monday);
        match monday.checked_sub_days(Days::new(7)) {
            Some(m) => monday = m,
            None => break,
        }
    }
    out
}

fn submit_blocks(state: &State, cadre: &str, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "周申报", "Weekly report"))];
    let policy = state.policies.at(who.today).performance_record;
    let mut options = Vec::new();
    let mut seen = Vec::new();
    for monday in weeks_open(state, who.today) {
        let w = week(state, cadre, monday);
        if let Some(v) = super::rollup::week_versions(state, cadre, monday) {
            seen.extend(v.live_ids());
        }
        let mut label = week_name(monday, zh);
        label.push_str(&match (w.submitted.is_some(), zh) {
            (true, true) => format!("（{}条，已申报）", w.days.len()),
            (true, false) => format!(" ({} records, submitted)", w.days.len()),
            (false, true) => format!(
                "（{}条，{}前申报）",
                w.days.len(),
                report_due(monday, &policy)
            ),
            (false, false) => format!(
                " ({} records, due {})",
                w.days.len(),
                report_due(monday, &policy)
            ),
        });
        options.push((monday.to_string(), label));
    }
    // The last week first while its report is not in: it is the one due.
    if let Some(pos) = options.iter().position(|(m, _)| {
        m.parse::<NaiveDate>()
            .is_ok_and(|m| m < monday_of(who.today) && week(state, cadre, m).submitted.is_none())
    }) {
        let due = options.remove(pos);
        options.insert(0, due);
    }
    let template = Command::SubmitWeek {
        cadre: cadre.to_string(),
        week: monday_of(who.today),
        summary: String::new(),
        seen,
    };
    blocks.push(form(
        SUBMIT_FORM,
        template,
        (
            t(zh, "提交周申报", "Submit the week"),
            t(zh, "已提交", "Submitted"),
        ),
        Options::default().with(WEEKS, options),
    ));
    let last = week(state, cadre, last_due_week(who.today, &policy));
    if last.monday < monday_of(who.today) && last.submitted.is_none() {
        blocks.push(Block::line(
            Tone::Warn,
            match zh {
                true => format!("{}尚未申报", week_name(last.monday, true)),
                false => format!("{} is not submitted", week_name(last.monday, false)),
            },
        ));
    }
    blocks
}

fn fix_blocks(state: &State, cadre: &str, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "更正或撤销记录",
        "Correct or withdraw a record",
    ))];
    let policy = state.policies.at(who.today).performance_record;
    let back = Days::new(u64::from(policy.days_back));
    let from = who.today.checked_sub_days(back).unwrap_or(who.today);
    let recent = days_between(state, cadre, from, who.today);
    if recent.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            t(zh, "近期没有可更正的记录", "No recent record to correct"),
        ));
        return blocks;
    }
    let options: Vec<(String, String)> = recent
        .iter()
        .rev()
        .map(|d| (d.id.to_string(), day_line(d, zh)))
        .collect();
    let seen: Vec<String> = super::rollup::days_of(state, cadre)
        .map(|r| r.by_id.values().flat_map(|v| v.live_ids()).collect())
        .unwrap_or_default();
    let template = |withdrawn: bool| Command::Log {
        cadre: cadre.to_string(),
        day: who.today,
        category: WorkCategory::Development,
        project: String::new(),
        text: String::new(),
        fix: Fix {
            withdrawn,
            seen: seen.clone(),
            ..Fix::default()
        },
    };
    let done = t(zh, "已记录", "Recorded");
    let options = Options::default().with(DAYS, options);
    let mut fix = FormBlock::new(
        FIX_FORM,
        template(false).into(),
        read,
        t(zh, "更正记录", "Correct the record"),
        done.clone(),
    );
    fix.testid = FIX_FORM.key;
    fix.options = options.clone();
    fix.folded = Some(t(zh, "更正一条记录", "Correct a record"));
    let mut withdraw = FormBlock::new(
        WITHDRAW_FORM,
        template(true).into(),
        read,
        t(zh, "撤销记录", "Withdraw the record"),
        done,
    );
    withdraw.testid = WITHDRAW_FORM.key;
    withdraw.options = options;
    withdraw.folded = Some(t(
        zh,
        "撤销一条误记的记录",
        "Withdraw a record made by mistake",
    ));
    blocks.push(Block::Form(Box::new(fix)));
    blocks.push(Block::Form(Box::new(withdraw)));
    blocks
}

fn status_word(m: &Member, zh: bool) -> String {
    match (m.submitted, zh) {
        (true, true) => format!("已申报 · {}条记录", m.days),
        (true, false) => format!("submitted · {} records", m.days),
        (false, true) => format!("{}条记录", m.days),
        (false, false) => format!("{} records", m.days),
    }
}

fn member_items(members: &[Member], year: i32, zh: bool, testid: &'static str) -> Block {
    Block::Items(Items {
        testid,
        items: members
            .iter()
            .map(|m| Item {
                link: Link {
                    text: m.name.clone(),
                    route: route(Page::Cadre(m.cadre.clone(), year)),
                },
                meta: status_word(m, zh),
                warn: (!m.submitted).then(|| t(zh, "未申报", "Not submitted")),
                urgent: false,
                attrs: vec![("data-cadre", m.cadre.clone())],
            })
            .collect(),
    })
}

fn members_csv(unit: &str, monday: NaiveDate, members: &[Member], zh: bool) -> Block {
    let headers = match zh {
        true => ["单位", "周", "姓名", "每日记录（条）", "周申报"],
        false => ["Unit", "Week", "Name", "Daily records", "Weekly report"],
    };
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                unit.to_string(),
                week_name(monday, zh),
                m.name.clone(),
                m.days.to_string(),
                t(
                    zh,
                    if m.submitted {
                        "已申报"
                    } else {
                        "未申报"
                    },
                    if m.submitted {
                        "submitted"
                    } else {
                        "not submitted"
                    },
                ),
            ]
        })
        .collect();
    Block::Download {
        text: t(zh, "导出 CSV", "Export CSV"),
        file: format!("{unit}-{monday}.csv"),
        mime: "text/csv;charset=utf-8",
        content: csv(&headers, &rows),
        testid: "export-week",
    }
}

/// One unit's weeks: the last week whose report is due and this week, who submitted.
pub fn unit_screen(state: &State, unit: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let policy = state.policies.at(who.today).performance_record;
    let mut head = Vec::new();
    if who.role != Some(Role::UnitLeader) {
        head.push(Block::Back(Link {
            text: t(zh, "← 实绩纪实", "← Performance record"),
            route: route(Page::Start),
        }));
    }
    head.push(Block::Title(match zh {
        true => format!("{unit} · 实绩纪实"),
        false => format!("{unit} · performance record"),
    }));
    let mut cards = vec![Card::new(head)];
    let due = last_due_week(who.today, &policy);
    for (monday, testid) in [
        (due, "unit-due-week"),
        (monday_of(who.today), "unit-this-week"),
    ] {
        let mut all = units_in_week(state, monday);
        let members = all.remove(unit).unwrap_or_default();
        let missing = members.iter().filter(|m| !m.submitted).count();
        let mut blocks = vec![Block::Heading(week_name(monday, zh))];
        let said = match zh {
            true => format!(
                "共{}人，已申报{}人，未申报{missing}人",
                members.len(),
                members.len().saturating_sub(missing)
            ),
            false => format!(
                "{} cadres: {} submitted, {missing} not",
                members.len(),
                members.len().saturating_sub(missing)
            ),
        };
        let tone = if missing > 0 && monday == due {
            Tone::Warn
        } else {
            Tone::Plain
        };
        blocks.push(Block::line(tone, said).testid("unit-count"));
        blocks.push(member_items(&members, monday.year(), zh, testid));
        blocks.push(members_csv(unit, monday, &members, zh));
        cards.push(Card::new(blocks));
    }
    cards.push(Card::new(evaluation_blocks(state, unit, who)));
    cards
}

fn month_options(months: &[NaiveDate], zh: bool) -> Vec<(String, String)> {
    months
        .iter()
        .map(|m| (m.to_string(), month_name(*m, zh)))
        .collect()
}

/// The month before `month`'s (or itself at the calendar's start).
fn previous_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(month)
}

/// 月测评 of a unit: its set and raters, the leader's form setting them, the rater's
/// form, and the results of this month and the last, ranked, with their export.
fn evaluation_blocks(state: &State, unit: &str, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let month = month_of(who.today);
    let mut blocks = vec![Block::Heading(t(zh, "月测评", "Monthly evaluation"))];
    let current = set_for(state, unit, month);
    match current {
        Some((set, differs)) => {
            let sep = if zh { "、" } else { ", " };
            let text = match zh {
                true => format!(
                    "指标体系：{}（{}）；测评人：{}",
                    set.set,
                    set.indicators.join(sep),
                    set.raters.join(sep)
                ),
                false => format!(
                    "Indicator set: {} ({}); raters: {}",
                    set.set,
                    set.indicators.join(sep),
                    set.raters.join(sep)
                ),
            };
            blocks.push(Block::line(Tone::Plain, text).testid("indicator-set"));
            if differs {
                blocks.push(Block::line(
                    Tone::Warn,
                    t(
                        zh,
                        "两部手机设置的指标体系不一致，请重新设置",
                        "The set differs between two phones: set it again",
                    ),
                ));
            }
        }
        None => blocks.push(
            Block::line(
                Tone::Warn,
                t(
                    zh,
                    "本月尚未设置测评指标和测评人",
                    "No indicators or raters set for this month",
                ),
            )
            .testid("indicator-set"),
        ),
    }
    let leads = who.role == Some(Role::UnitLeader)
        && cadre_named(state, &who.name)
            .and_then(|c| unit_of(state, c, who.today))
            .as_deref()
            == Some(unit);
    if leads {
        let policy = state.policies.at(who.today).performance_record;
        let sets: Vec<(String, String)> = policy
            .sets()
            .into_iter()
            .map(|s| {
                let label = match zh {
                    true => format!("{}（{}项）", s.name, s.indicators.len()),
                    false => format!("{} ({} indicators)", s.name, s.indicators.len()),
                };
                (s.name, label)
            })
            .collect();
        let mut raters: Vec<(String, String)> = Vec::new();
        for (_, name) in super::evaluation::units_at(state, who.today)
            .remove(unit)
            .unwrap_or_default()
        {
            if !raters.iter().any(|(n, _)| *n == name) {
                raters.push((name.clone(), name));
            }
        }
        let next = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(month);
        let seen: Vec<String> = state
            .performance_record
            .sets
            .iter()
            .filter(|((u, _), _)| u == unit)
            .flat_map(|(_, v)| v.live_ids())
            .collect();
        let template = Command::SetIndicators {
            unit: unit.to_string(),
            set: String::new(),
            raters: Vec::new(),
            from: month,
            seen,
        };
        let options = Options::default()
            .with(SETS, sets)
            .with(RATERS, raters)
            .with(MONTHS, month_options(&[month, next], zh));
        let mut set_form = FormBlock::new(
            SET_FORM,
            template.into(),
            read,
            t(zh, "保存测评设置", "Save the set"),
            t(zh, "已保存", "Saved"),
        );
        set_form.testid = SET_FORM.key;
        set_form.options = options;
        if current.is_some() {
            set_form.folded = Some(t(
                zh,
                "更改测评指标或测评人",
                "Change the indicators or raters",
            ));
        }
        blocks.push(Block::Form(Box::new(set_form)));
    }
    let rates = current.is_some_and(|(s, _)| s.raters.iter().any(|r| r == who.name.trim()))
        && Action::Rate.roles().iter().any(|r| who.role == Some(*r));
    if rates && who.role == Some(Role::UnitLeader) {
        blocks.extend(rating_blocks(state, unit, who));
    }
    for m in [month, previous_month(month)] {
        blocks.extend(results_blocks(state, unit, m, zh));
    }
    blocks
}

/// The rater's form: a cadre of the unit, this month or the last, a level per indicator.
fn rating_blocks(state: &State, unit: &str, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let month = month_of(who.today);
    let Some((set, _)) = set_for(state, unit, month) else {
        return Vec::new();
    };
    let policy = state.policies.at(who.today).performance_record;
    let cadres: Vec<(String, String)> = super::evaluation::units_at(state, who.today)
        .remove(unit)
        .unwrap_or_default();
    let indicators: Vec<(String, String)> = set
        .indicators
        .iter()
        .enumerate()
        .map(|(i, x)| (i.to_string(), x.clone()))
        .collect();
    let levels: Vec<(String, String)> = Level::ALL
        .iter()
        .map(|l| {
            let label = match zh {
                true => format!("{}（{}分）", l.label(true), policy.value(*l)),
                false => format!("{} ({})", l.label(false), policy.value(*l)),
            };
            (l.key().to_string(), label)
        })
        .collect();
    let seen: Vec<String> = state
        .performance_record
        .ratings
        .iter()
        .filter(|((_, _, r), _)| r == who.name.trim())
        .flat_map(|(_, v)| v.live_ids())
        .collect();
    let template = Command::RateMonth {
        cadre: String::new(),
        month,
        levels: Vec::new(),
        seen,
    };
    let options = Options::default()
        .with(CADRES, cadres)
        .with(MONTHS, month_options(&[month, previous_month(month)], zh))
        .with(INDICATORS, indicators)
        .with(LEVELS, levels);
    vec![
        Block::Heading(t(zh, "我的测评", "My ratings")),
        form(
            RATE_FORM,
            template,
            (
                t(zh, "提交测评", "Submit the rating"),
                t(zh, "已提交", "Submitted"),
            ),
            options,
        ),
    ]
}

/// A unit's month: its cadres ranked by their score, each indicator's mean, exported.
fn results_blocks(state: &State, unit: &str, month: NaiveDate, zh: bool) -> Vec<Block> {
    let ranked = unit_month(state, unit, month);
    let rated: Vec<_> = ranked.iter().filter(|(_, _, r)| r.is_some()).collect();
    let head = match zh {
        true => format!(
            "{}测评结果（{}人已测评）：",
            month_name(month, true),
            rated.len()
        ),
        false => format!(
            "{} results ({} rated):",
            month_name(month, false),
            rated.len()
        ),
    };
    let mut names: Vec<String> = Vec::new();
    for (x, _) in rated
        .iter()
        .filter_map(|(_, _, r)| r.as_ref())
        .flat_map(|r| &r.indicators)
    {
        if !names.contains(x) {
            names.push(x.clone());
        }
    }
    let mut items = Vec::new();
    let mut rows = Vec::new();
    for (i, (_, name, result)) in rated.iter().enumerate() {
        let Some(r) = result else { continue };
        let differs = match (r.differs, zh) {
            (false, _) => "",
            (true, true) => "（两部手机测评不一致）",
            (true, false) => " (rated two ways on two phones)",
        };
        items.push(match zh {
            true => format!(
                "{}. {name} {}分（{}人测评）{differs}",
                i + 1,
                r.overall.shown(),
                r.raters
            ),
            false => format!(
                "{}. {name} {} ({} raters){differs}",
                i + 1,
                r.overall.shown(),
                r.raters
            ),
        });
        let mut row = vec![
            (i + 1).to_string(),
            name.clone(),
            r.overall.shown(),
            r.raters.to_string(),
        ];
        row.extend(names.iter().map(|x| {
            r.indicators
                .iter()
                .find(|(n, _)| n == x)
                .map_or_else(|| "—".to_string(), |(_, m)| m.shown())
        }));
        rows.push(row);
    }
    let mut blocks = vec![Block::List {
        tone: Tone::Plain,
        head,
        items,
        testid: "month-results",
    }];
    if !rows.is_empty() {
        let mut headers: Vec<String> = match zh {
            true => vec![
                "名次".into(),
                "姓名".into(),
                "得分".into(),
                "测评人数".into(),
            ],
            false => vec![
                "Rank".into(),
                "Name".into(),
                "Score".into(),
                "Raters".into(),
            ],
        };
        headers.extend(names.iter().cloned());
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        blocks.push(Block::Download {
            text: t(zh, "导出测评结果 CSV", "Export results CSV"),
            file: format!("{unit}-{}.csv", month.format("%Y-%m")),
            mime: "text/csv;charset=utf-8",
            content: csv(&headers, &rows),
            testid: "export-month",
        });
    }
    blocks
}

/// The organization department's view: each unit's last due week.
pub fn units_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let policy = state.policies.at(who.today).performance_record;
    let monday = last_due_week(who.today, &policy);
    let units = units_in_week(state, monday);
    let mut blocks = vec![
        Block::Title(t(zh, "实绩纪实", "Performance record")),
        Block::line(
            Tone::Hint,
            match zh {
                true => format!("{}周申报情况（按各单位干部）", week_name(monday, true)),
                false => format!("Weekly reports of {}, by unit", week_name(monday, false)),
            },
        ),
    ];
    let items = units.iter().map(|(unit, members)| {
        let missing = members.iter().filter(|m| !m.submitted).count();
        Item {
            link: Link {
                text: unit.clone(),
                route: route(Page::Unit(unit.clone())),
            },
            meta: match zh {
                true => format!(
                    "已申报{}/{}",
                    members.len().saturating_sub(missing),
                    members.len()
                ),
                false => format!(
                    "{}/{} submitted",
                    members.len().saturating_sub(missing),
                    members.len()
                ),
            },
            warn: (missing > 0).then(|| match zh {
                true => format!("{missing}人未申报"),
                false => format!("{missing} not submitted"),
            }),
            urgent: false,
            attrs: Vec::new(),
        }
    });
    blocks.push(Block::Items(Items {
        testid: "performance-units",
        items: items.collect(),
    }));
    let headers = match zh {
        true => ["单位", "周", "干部（人）", "已申报（人）", "未申报（人）"],
        false => ["Unit", "Week", "Cadres", "Submitted", "Not submitted"],
    };
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|(unit, members)| {
            let missing = members.iter().filter(|m| !m.submitted).count();
            vec![
                unit.clone(),
                week_name(monday, zh),
                members.len().to_string(),
                members.len().saturating_sub(missing).to_string(),
                missing.to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Download {
        text: t(zh, "导出 CSV", "Export CSV"),
        file: format!("weekly-reports-{monday}.csv"),
        mime: "text/csv;charset=utf-8",
        content: csv(&headers, &rows),
        testid: "export-units",
    });
    vec![Card::new(blocks), Card::new(roster_blocks(state, who))]
}

/// What a roster change says: "未发布" / "新增：甲、乙；移出：丙".
fn change_said(c: &Change, zh: bool) -> String {
    let list = |names: &[String]| names.join(if zh { "、" } else { ", " });
    let mut parts = Vec::new();
    if c.unpublished {
        parts.push(t(zh, "名单未发布", "no roster published").to_string());
    }
    if !c.added.is_empty() && !c.unpublished {
        parts.push(format!("{}{}", t(zh, "新增：", "added: "), list(&c.added)));
    }
    if !c.removed.is_empty() {
        parts.push(format!(
            "{}{}",
            t(zh, "移出：", "removed: "),
            list(&c.removed)
        ));
    }
    if !c.renamed.is_empty() {
        let pairs: Vec<String> = c.renamed.iter().map(|(a, b)| format!("{a}→{b}")).collect();
        parts.push(format!("{}{}", t(zh, "改名：", "renamed: "), list(&pairs)));
    }
    if c.differs {
        parts.push(
            t(
                zh,
                "两台设备发布的名单不同",
                "published differently on two phones",
            )
            .to_string(),
        );
    }
    parts.join(if zh { "；" } else { "; " })
}

/// 实绩纪实名单: how many are listed, the units whose roster differs from the cadre
/// records (on the department's phone), and the form publishing them.
fn roster_blocks(state: &State, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let listed = listed_on(state, who.today);
    let units = listed
        .values()
        .map(|l| l.unit.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut blocks = vec![
        Block::Heading(t(zh, "实绩纪实名单", "Unit rosters")),
        Block::line(
            Tone::Hint,
            match zh {
                true => format!("{units}个单位、{}名干部在名单中；干部和单位负责人的手机按名单记录", listed.len()),
                false => format!("{units} units, {} cadres on the rosters; cadres' and unit leaders' phones record by them", listed.len()),
            },
        )
        .testid("roster-count"),
    ];
    if state.cadre_selection.cadre_list().next().is_none() {
        return blocks;
    }
    let changed = changes(state, who.today);
    if changed.is_empty() {
        let same = t(
            zh,
            "各单位名单与干部库一致",
            "Every roster matches the cadre records",
        );
        blocks.push(Block::line(Tone::Ok, same).testid("roster-same"));
        return blocks;
    }
    let items = changed.iter().map(|c| Item {
        link: Link {
            text: c.unit.clone(),
            route: route(Page::Unit(c.unit.clone())),
        },
        meta: String::new(),
        warn: Some(change_said(c, zh)),
        urgent: false,
        attrs: Vec::new(),
    });
    blocks.push(Block::Items(Items {
        testid: "roster-changes",
        items: items.collect(),
    }));
    if who
        .role
        .is_some_and(|r| Action::PublishRosters.roles().contains(&r))
    {
        let template = Command::PublishRosters {
            from: who.today,
            drawn: rosters_drawn(state),
        };
        let button = match zh {
            true => format!("按干部库发布{}个单位的名单", changed.len()),
            false => format!("Publish {} units' rosters from the records", changed.len()),
        };
        let done = t(zh, "已发布", "Published");
        blocks.push(form(
            ROSTER_FORM,
            template,
            (button, done),
            Options::default(),
        ));
    }
    blocks
}

/// " · 测评86.7分" (nothing when not rated).
fn score_said(m: Mean, zh: bool) -> String {
    match (m.count, zh) {
        (0, _) => String::new(),
        (_, true) => format!(" · 测评{}分", m.shown()),
        (_, false) => format!(" · rated {}", m.shown()),
    }
}

fn tally_said(t: &Tally, zh: bool) -> String {
    match zh {
        true => format!(
            "记录{}条 · 有记录{}周 · 已申报{}周",
            t.days, t.weeks, t.submitted
        ),
        false => format!(
            "{} records · {} weeks recorded · {} submitted",
            t.days, t.weeks, t.submitted
        ),
    }
}

/// One cadre's year: each month's, quarter's and the year's tally, and the weeks.
pub fn cadre_screen(state: &State, cadre: &str, year: i32, who: &Viewer) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 实绩纪实", "← Performance record"),
        route: route(Page::Start),
    });
    let name = name_of(state, cadre)
        .cloned()
        .or_else(|| state.cadre_selection.cadre(cadre).map(|p| p.name.clone()));
    let Some(name) = name else {
        return vec![Card::new(vec![
            back,
            Block::line(
                Tone::Warn,
                t(
                    zh,
                    "实绩纪实名单中没有这名干部",
                    "No such cadre on the rosters",
                ),
            ),
        ])];
    };
    let roll = year_roll(state, cadre, year);
    let scores = score_roll(state, cadre, year);
    let mut head = vec![
        back,
        Block::Title(match zh {
            true => format!("{name} · {year}年实绩纪实"),
            false => format!("{name} · performance record {year}"),
        }),
        Block::Actions {
            links: vec![
                Link {
                    text: format!("{}", year.saturating_sub(1)),
                    route: route(Page::Cadre(cadre.to_string(), year.saturating_sub(1))),
                },
                Link {
                    text: format!("{}", year.saturating_add(1)),
                    route: route(Page::Cadre(cadre.to_string(), year.saturating_add(1))),
                },
            ],
            main: None,
        },
        Block::line(
            Tone::Plain,
            t(zh, "全年：", "Year: ") + &tally_said(&roll.year, zh) + &score_said(scores.year, zh),
        )
        .testid("year-tally"),
    ];
    let quarters = roll.quarters.iter().enumerate().map(|(i, q)| {
        let name = match zh {
            true => format!("第{}季度：", i + 1),
            false => format!("Q{}: ", i + 1),
        };
        let score = scores.quarters.get(i).copied().unwrap_or_default();
        name + &tally_said(q, zh) + &score_said(score, zh)
    });
    head.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "季度：", "Quarters:"),
        items: quarters.collect(),
        testid: "quarter-tallies",
    });
    let months = roll.months.iter().enumerate().filter_map(|(i, m)| {
        let score = scores.months.get(i).copied().unwrap_or_default();
        if *m == Tally::default() && score.count == 0 {
            return None;
        }
        let name = match zh {
            true => format!("{}月：", i + 1),
            false => format!("Month {}: ", i + 1),
        };
        Some(name + &tally_said(m, zh) + &score_said(score, zh))
    });
    head.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "月份：", "Months:"),
        items: months.collect(),
        testid: "month-tallies",
    });
    head.extend(review_blocks(state, cadre, year, zh));
    let mut cards = vec![Card::new(head)];
    cards.extend(quarter_cards(state, cadre, year, who));
    // The weeks of the year with a record or a report, latest first.
    let mut mondays: Vec<NaiveDate> = super::rollup::days_of(state, cadre)
        .map(|r| {
            r.standing()
                .into_iter()
                .map(|(_, w, _)| monday_of(w.day))
                .collect()
        })
        .unwrap_or_default();
    mondays.extend(super::rollup::weeks_of(state, cadre));
    mondays.retain(|m| super::rollup::thursday_of(*m).year() == year);
    crate::domain::sorting::sort(&mut mondays);
    mondays.dedup();
    let mut rows = Vec::new();
    for monday in mondays.into_iter().rev() {
        let w = week(state, cadre, monday);
        let (_, said) = week_status(&w, zh);
        for d in &w.days {
            rows.push(vec![
                week_name(monday, zh),
                d.work.day.to_string(),
                d.work.category.label(zh).to_string(),
                d.work.project.clone(),
                d.work.text.clone(),
                said.clone(),
            ]);
        }
        cards.push(Card::new(week_blocks(&w, zh, "cadre-week")));
    }
    let headers = match zh {
        true => ["周", "日期", "类别", "项目或任务", "工作内容", "周申报"],
        false => [
            "Week",
            "Day",
            "Category",
            "Project",
            "Work done",
            "Weekly report",
        ],
    };
    if let Some(card) = cards.first_mut() {
        card.blocks.push(Block::Download {
            text: t(zh, "导出 CSV", "Export CSV"),
            file: format!("{name}-{year}.csv"),
            mime: "text/csv;charset=utf-8",
            content: csv(&headers, &rows),
            testid: "export-cadre",
        });
    }
    cards
}

/// 年总评: the review line, and the department's form recording it.
fn review_blocks(state: &State, cadre: &str, year: i32, zh: bool) -> Vec<Block> {
    let evidence = year_evidence(state, cadre, year);
    let text = match evidence.review {
        Some((r, differs)) => {
            let two = match (differs, zh) {
                (false, _) => "",
                (true, true) => "（两部手机记录不一致，请重新总评）",
                (true, false) => " (differs between two phones: review again)",
            };
            match zh {
                true => format!("年总评：{}。{}{two}", r.level.label(true), r.text),
                false => format!("Year review: {}. {}{two}", r.level.label(false), r.text),
            }
        }
        None => t(zh, "年总评：尚未总评", "Year review: not yet"),
    };
    vec![Block::line(Tone::Plain, text).testid("year-review")]
}

/// 季分析: each quarter begun, as analysed, with the department's forms.
fn quarter_cards(state: &State, cadre: &str, year: i32, who: &Viewer) -> Vec<Card> {
    let zh = who.zh;
    let mut cards = Vec::new();
    let mut notes_of_year: Vec<(String, String)> = Vec::new();
    for quarter in 1..=4_u32 {
        let Some((from, _)) = quarter_span(year, quarter) else {
            continue;
        };
        if from > who.today {
            continue;
        }
        let q = quarter_view(state, cadre, (year, quarter), who.today);
        let mut blocks = vec![Block::Heading(match zh {
            true => format!("第{quarter}季度 · 季分析"),
            false => format!("Q{quarter} analysis"),
        })];
        let measured = match zh {
            true => format!(
                "测：{}{}",
                tally_said(&q.tally, true),
                score_said(q.score, true)
            ),
            false => format!(
                "Measured: {}{}",
                tally_said(&q.tally, false),
                score_said(q.score, false)
            ),
        };
        blocks.push(Block::line(Tone::Plain, measured).testid("quarter-measured"));
        let compared = match (q.place, zh) {
            (Some((place, of)), true) => format!(
                "同一单位测评排名：第{place}名（共{of}人）；序时进度：周申报{}/{}",
                q.schedule.0, q.schedule.1
            ),
            (Some((place, of)), false) => format!(
                "Place in the unit: {place} of {of}; weekly reports on schedule: {}/{}",
                q.schedule.0, q.schedule.1
            ),
            (None, true) => format!(
                "同一单位测评排名：未测评；序时进度：周申报{}/{}",
                q.schedule.0, q.schedule.1
            ),
            (None, false) => format!(
                "Place in the unit: not rated; weekly reports on schedule: {}/{}",
                q.schedule.0, q.schedule.1
            ),
        };
        blocks.push(Block::line(Tone::Plain, compared).testid("quarter-compared"));
        let mut notes = q.notes.clone();
        crate::domain::sorting::sort_by_key(&mut notes, |(id, n, _)| (n.note, *id));
        let items = notes.iter().map(|(id, n, differs)| {
            let two = if *differs {
                t(
                    zh,
                    "（两部手机记录不一致）",
                    " (differs between two phones)",
                )
            } else {
                String::new()
            };
            let line = format!(
                "{}{}{}{two}",
                n.note.label(zh),
                if zh { "：" } else { ": " },
                n.text
            );
            let short: String = n.text.chars().take(30).collect();
            notes_of_year.push((
                format!("{quarter}/{id}"),
                format!(
                    "{}{} {short}",
                    if zh {
                        format!("第{quarter}季度 ")
                    } else {
                        format!("Q{quarter} ")
                    },
                    n.note.label(zh)
                ),
            ));
            line
        });
        blocks.push(Block::List {
            tone: Tone::Plain,
            head: t(zh, "谈、访、析：", "Talks, visits, analysis:"),
            items: items.collect(),
            testid: "quarter-notes",
        });
        cards.push(Card::new(blocks));
    }
    if !Action::Analyse.roles().iter().any(|r| who.role == Some(*r)) || cards.is_empty() {
        return cards;
    }
    let mut blocks = vec![Block::Heading(t(
        zh,
        "记录季分析、年总评",
        "Record an analysis or the year's review",
    ))];
    let note = Command::NoteQuarter {
        cadre: cadre.to_string(),
        year,
        quarter: 1,
        note: super::event::NoteKind::Analysis,
        text: String::new(),
        fix: Fix::default(),
    };
    blocks.push(form(
        NOTE_FORM,
        note,
        (t(zh, "保存", "Save"), t(zh, "已保存", "Saved")),
        Options::default(),
    ));
    if !notes_of_year.is_empty() {
        let seen: Vec<String> = (1..=4_u32)
            .filter_map(|q| {
                state
                    .performance_record
                    .quarters
                    .get(&(cadre.to_string(), year, q))
            })
            .flat_map(|r| r.by_id.values().flat_map(|v| v.live_ids()))
            .collect();
        let correct = Command::NoteQuarter {
            cadre: cadre.to_string(),
            year,
            quarter: 1,
            note: super::event::NoteKind::Analysis,
            text: String::new(),
            fix: Fix {
                seen: seen.clone(),
                ..Fix::default()
            },
        };
        let mut block = FormBlock::new(
            CORRECT_NOTE_FORM,
            correct.into(),
            read,
            t(zh, "保存更正", "Save the correction"),
            t(zh, "已更正", "Corrected"),
        );
        block.testid = CORRECT_NOTE_FORM.key;
        block.options = Options::default().with(NOTES, notes_of_year.clone());
        block.folded = Some(t(
            zh,
            "更正一条季分析记录（原记录保留）",
            "Correct a record (the first is kept)",
        ));
        blocks.push(Block::Form(Box::new(block)));
        let withdraw = Command::NoteQuarter {
            cadre: cadre.to_string(),
            year,
            quarter: 1,
            note: super::event::NoteKind::Analysis,
            text: String::new(),
            fix: Fix {
                withdrawn: true,
                seen,
                ..Fix::default()
            },
        };
        let mut block = FormBlock::new(
            WITHDRAW_NOTE_FORM,
            withdraw.into(),
            read,
            t(zh, "撤销记录", "Withdraw the record"),
            t(zh, "已撤销", "Withdrawn"),
        );
        block.testid = WITHDRAW_NOTE_FORM.key;
        block.options = Options::default().with(NOTES, notes_of_year);
        block.folded = Some(t(
            zh,
            "撤销一条误记的季分析记录",
            "Withdraw a record made by mistake",
        ));
        blocks.push(Block::Form(Box::new(block)));
    }
    let seen = state
        .performance_record
        .reviews
        .get(&(cadre.to_string(), year))
        .map(|v| v.live_ids())
        .unwrap_or_default();
    let review = Command::ReviewYear {
        cadre: cadre.to_string(),
        year,
        level: Level::Average,
        text: String::new(),
        seen,
    };
    blocks.push(form(
        REVIEW_FORM,
        review,
        (
            t(zh, "保存年总评", "Save the review"),
            t(zh, "已保存", "Saved"),
        ),
        Options::default(),
    ));
    cards.push(Card::new(blocks));
    cards
}

/// 实绩纪实 as evidence on the annual assessment's unit page: each cadre of `unit`
/// with a record in `year`, its figures and review (nothing when none has one).
pub fn evidence_blocks(
    state: &State,
    year: i32,
    unit: &str,
    today: NaiveDate,
    zh: bool,
) -> Vec<Block> {
    let items: Vec<String> = unit_cadres(state, unit, year, today)
        .into_iter()
        .filter_map(|(id, name)| {
            let e = year_evidence(state, &id, year);
            if e.is_empty() {
                return None;
            }
            let review = match (e.review, zh) {
                (Some((r, _)), true) => format!(" · 年总评：{}", r.level.label(true)),
                (Some((r, _)), false) => format!(" · year review: {}", r.level.label(false)),
                (None, true) => " · 尚未年总评".into(),
                (None, false) => " · not yet reviewed".into(),
            };
            let notes = match zh {
                true => format!(" · 谈访析{}条", e.notes),
                false => format!(" · {} talks, visits, analyses", e.notes),
            };
            Some(format!(
                "{name}{}{}{}{notes}{review}",
                if zh { "：" } else { ": " },
                tally_said(&e.tally, zh),
                score_said(e.score, zh)
            ))
        })
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    vec![Block::List {
        tone: Tone::Hint,
        head: match zh {
            true => format!("{year}年实绩纪实（作为考核参考，不代替测评）："),
            false => {
                format!("Performance record {year} (evidence; it does not replace the rating):")
            }
        },
        items,
        testid: "performance-evidence",
    }]
}
