//! A W4 case page as screens (`domain::screen`), built here for one user and one
//! language: the head (posts, rates, ending, documents), what needs review, records in
//! conflict, the "1+8" steps with their windows, reasons and records, the inspection
//! ranking, and the disclosures as the user may see them. Each record the user may
//! correct carries the button that turns the page to its correction (`Focus`).

use super::Page;
use crate::domain::screen::t;
use chrono::NaiveDate;

use super::forms::{describe, Choices, DIMENSIONS};
use super::screens::percent;
use super::words::{ending_text, sanling_line};
use super::{add_months, case_view, disclosures_for, form_label, ranking, Action, Case};
use super::{CaseView, DisclosureView, Round, Step, StepEntry, StepRecord};
use crate::domain::event::Role;
use crate::domain::screen::Tone;
use crate::domain::screen::{Block, Card, CellLine, Focus, Link, Record, Screen, Sheet, Stage};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::route::Route;

/// The focus key of the disclosure form (the step forms use their own keys).
pub const DISCLOSURE_FORM: &str = "disclosure";

/// The part of a case page with the step-record form.
pub const RECORD_AREA: &str = "record";

/// The part of a case page with the disclosure form.
pub const DISCLOSURE_AREA: &str = "disclosure";

/// Whether the case has ended without appointment (it then takes no record, no
/// disclosure and no correction: the decider refuses them, `w4.case_ended`).
pub fn has_ended(case: &Case) -> bool {
    case.ended().is_some()
}

/// Who is looking, when, in which language.
#[derive(Clone, Copy, Debug)]
pub struct Viewer {
    /// Their role.
    pub role: Role,
    /// Today on their phone.
    pub today: NaiveDate,
    /// Chinese (else English).
    pub zh: bool,
}

/// What a case page shows above its forms: the head, what needs review and the
/// records in conflict; "no such case" for an unknown or unopened id.
pub fn case_top(s: &State, id: &str, who: Viewer) -> Screen {
    let zh = who.zh;
    let case = s
        .cadre_selection
        .cases
        .get(id)
        .filter(|c| c.opened_on.is_some());
    let (Some(case), Some(mut v)) = (case, case_view(s, id, who.today)) else {
        return vec![Card::new(vec![
            Block::Back(back_to_cases(zh)),
            Block::line(Tone::Plain, t(zh, "未找到该选任事项", "No such case")),
        ])];
    };
    let sight = super::Sight::of(Some(who.role));
    if sight != super::Sight::Full {
        v.reviews = super::view::reviews_seen(s, case, who.today, sight);
    }
    let ch = Choices::named(s, case, zh);
    let mut cards = vec![head(case, &v, &ch, zh)];
    if !v.reviews.is_empty() {
        let items = v
            .reviews
            .iter()
            .map(|m| if zh { &m.zh } else { &m.en }.clone());
        let blocks = vec![
            Block::Heading(t(zh, "需复核", "Needs review")),
            Block::List {
                tone: Tone::Warn,
                head: String::new(),
                items: items.collect(),
                testid: "",
            },
        ];
        cards.push(Card::new(blocks).attr("data-testid", "reviews"));
    }
    if !v.conflicts.is_empty() {
        let heading = t(
            zh,
            "记录冲突：须更正为一条有效记录",
            "Conflicting records: correct them into one",
        );
        let mut blocks = vec![Block::Heading(heading)];
        // One list per conflict: the records to be corrected into one, together.
        let group = |g: &Vec<StepEntry>| Block::Records {
            testid: "conflict-group",
            records: g.iter().map(|e| entry(e, &ch, &v, who)).collect(),
        };
        blocks.extend(v.conflicts.iter().map(group));
        cards.push(
            Card::new(blocks)
                .class("fail")
                .attr("data-testid", "conflicts"),
        );
    }
    cards
}

/// The case's title, posts, rates, ending and document links.
fn head(case: &Case, v: &CaseView, ch: &Choices, zh: bool) -> Card {
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let opened = case.opened_on.map(|d| d.to_string()).unwrap_or_default();
    let about = format!(
        "{} · {}{opened} · {}",
        posts.join(if zh { "、" } else { ", " }),
        t(zh, "建立于 ", "opened "),
        case.opened_by
    );
    let rates = format!(
        "{}{}{}{}",
        t(zh, "填写率 ", "Fill rate "),
        percent(v.rates.fill_bp()),
        t(zh, "，完整度 ", ", completeness "),
        percent(v.rates.completeness_bp())
    );
    let mut blocks = vec![
        Block::Back(back_to_cases(zh)),
        Block::Title(case.title.clone()),
        Block::line(Tone::Hint, about),
        Block::line(Tone::Plain, rates).testid("rates"),
    ];
    if let Some(e) = &v.ended {
        blocks.push(Block::line(Tone::Warn, ending_text(zh, e)).testid("ended"));
    }
    let doc = |text: String, route: Route| Link { text, route };
    let links = vec![
        doc(
            t(zh, "纪实表", "Record sheet"),
            Route::CadreSelection(Page::CasePrint(case.id.clone())),
        ),
        doc(
            t(zh, "公示通知", "Publicity notice"),
            Route::CadreSelection(Page::CaseNotice(case.id.clone())),
        ),
        doc(
            t(zh, "责任追溯", "Accountability trace"),
            Route::CadreSelection(Page::CaseTrace(case.id.clone())),
        ),
    ];
    blocks.push(Block::Actions { links, main: None });
    Card::new(blocks)
}

/// A step record: its form, its lines, why it cannot be used, a correction's reason;
/// who, when, where; and its correction button (for a record in a conflict, the button
/// corrects the whole conflict).
fn entry(e: &StepEntry, ch: &Choices, v: &CaseView, who: Viewer) -> Record {
    let zh = who.zh;
    let key = e.record.form();
    let conflict = v.conflicts.iter().find(|g| g.iter().any(|x| x.id == e.id));
    let group: Vec<String> = match conflict {
        Some(g) => g.iter().map(|x| x.id.clone()).collect(),
        None => vec![e.id.clone()],
    };
    let lines = describe(zh, &e.record, ch).into_iter();
    let mut body = vec![Block::Facts {
        tone: Tone::Plain,
        testid: "",
        lines: lines.map(|(l, x)| CellLine::labelled(zh, l, x)).collect(),
    }];
    let unusable = v.steps.iter().flat_map(|s| s.unusable.iter());
    if let Some((_, m)) = unusable.into_iter().find(|(id, _)| *id == e.id) {
        let why = if zh { &m.zh } else { &m.en };
        body.push(Block::line(Tone::Warn, why.clone()).testid("unusable"));
    }
    if !e.supersedes.is_empty() {
        let why = t(zh, "更正原记录，理由：", "Corrects an earlier record: ") + &e.reason;
        body.push(Block::line(Tone::Warn, why));
    }
    let (text, focus) = correction(zh, (RECORD_AREA, key), group, &e.id);
    // An ended case takes no correction (the decider refuses: `w4.case_ended`).
    let may = Action::Record.allows(who.role) && v.ended.is_none();
    Record {
        title: form_label(key, zh).to_string(),
        body,
        meta: format!(
            "{} · {} · {}",
            e.author,
            format_beijing(e.recorded_at),
            e.device
        ),
        correct: may.then_some((text, focus)),
        attrs: vec![("data-form", key.to_string())],
    }
}

/// What a case page shows below its forms: the steps and the inspection ranking.
pub fn case_progress(s: &State, id: &str, who: Viewer) -> Screen {
    let zh = who.zh;
    let case = s
        .cadre_selection
        .cases
        .get(id)
        .filter(|c| c.opened_on.is_some());
    let (Some(case), Some(v)) = (case, case_view(s, id, who.today)) else {
        return Vec::new();
    };
    let ch = Choices::named(s, case, zh);
    let next = match (&v.ended, v.current) {
        (Some(_), _) => t(zh, "本事项已终止", "This case has ended"),
        (None, Some(st)) => t(zh, "下一步：", "Next: ") + st.label(zh),
        (None, None) => t(zh, "全部环节已完成", "Every step is complete"),
    };
    let wins = windows(s, case, &v, who);
    let stages = v.steps.iter().map(|st| {
        let current = v.current == Some(st.step);
        let state = match (st.complete, current) {
            (true, _) => (Tone::Ok, t(zh, "✓ 已完成", "✓ complete")),
            (false, true) => (Tone::Hint, t(zh, "● 当前环节", "● current")),
            _ => (Tone::Hint, t(zh, "○ 未开始", "○ not started")),
        };
        let mut notes: Vec<Block> = wins
            .iter()
            .filter(|w| w.0 == st.step)
            .map(|w| Block::line(Tone::Hint, w.1.clone()).testid("window"))
            .collect();
        if !st.complete && (current || !st.entries.is_empty()) {
            let items = st
                .reasons
                .iter()
                .map(|m| if zh { &m.zh } else { &m.en }.clone());
            let missing = Block::List {
                tone: Tone::Hint,
                head: String::new(),
                items: items.collect(),
                testid: "missing",
            };
            notes.push(missing);
        }
        Stage {
            title: st.step.label(zh).to_string(),
            state,
            current,
            notes,
            records: st.entries.iter().map(|e| entry(e, &ch, &v, who)).collect(),
            attrs: vec![("data-step", format!("{:?}", st.step))],
        }
    });
    let rule = t(
        zh,
        "已记录的内容不可修改；如有错误，请点“更正”提交新记录并说明理由。",
        "Records cannot be changed; use “Correct” to add a new record with a reason.",
    );
    let steps = vec![
        Block::line(Tone::Warn, next).testid("next"),
        Block::Stages(stages.collect()),
        Block::line(Tone::Hint, rule),
    ];
    vec![
        Card::new(steps),
        Card::new(ranking_blocks(s, case, &ch, zh)),
    ]
}

/// The windows shown beside the steps: (step, text).
fn windows(s: &State, case: &Case, v: &CaseView, who: Viewer) -> Vec<(Step, String)> {
    let zh = who.zh;
    let policy = s.policies.at(who.today).cadre_selection;
    let mut out = Vec::new();
    for e in case.records(Step::Nomination) {
        if let StepRecord::Recommendation { on, .. } = &*e.record {
            let end = add_months(*on, policy.recommendation_valid_months);
            let end = end.pred_opt().unwrap_or(*on);
            let label = t(zh, "民主推荐结果有效期 ", "Recommendation valid ");
            out.push((Step::Nomination, format!("{label}{on} – {end}")));
        }
    }
    let disclosures = disclosures_for(s, &case.id, Role::Admin).into_iter();
    out.extend(disclosures.map(|d| disclosure_window(&d, zh)));
    if let Some(due) = v.initial_due {
        let late = if v.initial_overdue {
            t(zh, "（已逾期）", " (overdue)")
        } else {
            String::new()
        };
        let label = t(zh, "初次提交截止 ", "Initial submission due ");
        out.push((Step::Decision, format!("{label}{due}{late}")));
    }
    if let Some((a, b)) = v.publicity {
        let label = t(zh, "任前公示（工作日）", "Publicity (working days) ");
        out.push((Step::Publicity, format!("{label}{a} – {b}")));
    }
    for (cadre, (_, from)) in case.appointed() {
        let end = add_months(from, policy.probation_months);
        let name = s.cadre_selection.cadre_name(&cadre);
        let label = t(zh, "试用期 ", "probation ");
        out.push((Step::Probation, format!("{name} {label}{from} – {end}")));
    }
    out
}

/// A disclosure's window: the first beside 组织考察, the second beside 讨论决定.
fn disclosure_window(d: &DisclosureView, zh: bool) -> (Step, String) {
    let (step, round) = match d.round {
        Round::First => (
            Step::Inspection,
            t(zh, "第一次有关事项公开", "first disclosure"),
        ),
        Round::Second => (
            Step::Decision,
            t(zh, "第二次有关事项公开", "second disclosure"),
        ),
    };
    let colon = if zh { "：" } else { ": " };
    (
        step,
        format!("{} {round}{colon}{} – {}", d.name, d.start, d.end),
    )
}

/// The link back to the case list.
fn back_to_cases(zh: bool) -> Link {
    Link {
        text: t(zh, "← 选任事项", "← Cases"),
        route: Route::CadreSelection(Page::Cases),
    }
}

/// 考察得分排序: each post's targets by total, the name first (kept in view when the
/// sheet scrolls sideways on a narrow phone).
fn ranking_blocks(s: &State, case: &Case, ch: &Choices, zh: bool) -> Vec<Block> {
    let mut out = vec![Block::Heading(t(zh, "考察得分排序", "Inspection ranking"))];
    let mut columns = vec![t(zh, "姓名", "Name"), t(zh, "名次", "Rank")];
    columns.extend(
        DIMENSIONS
            .iter()
            .map(|d| if zh { d.zh } else { d.en }.to_string()),
    );
    columns.extend([t(zh, "合计", "Total"), t(zh, "延伸考察", "Extended")]);
    for (post, name) in &ch.posts {
        let rows = ranking(case, post).into_iter().map(|r| {
            let mut row = vec![s.cadre_selection.cadre_name(&r.cadre), r.rank.to_string()];
            row.extend(r.scores.all().iter().map(|x| x.to_string()));
            row.push(r.total.to_string());
            row.push(if r.extended {
                t(zh, "是", "yes")
            } else {
                String::new()
            });
            row
        });
        out.push(Block::line(Tone::Plain, name.clone()));
        out.push(Block::Sheet(Sheet::plain(
            "ranking",
            columns.clone(),
            rows.collect(),
        )));
    }
    out
}

/// The case's live disclosures as the viewer may see them, each with its correction
/// button (for a disclosure in conflict, the button corrects the whole group).
pub fn disclosure_records(s: &State, case: &Case, who: Viewer) -> Vec<Block> {
    let zh = who.zh;
    let may_record = Action::Record.allows(who.role) && !has_ended(case);
    let groups: Vec<Vec<String>> = case
        .disclosure_conflicts()
        .iter()
        .map(|g| g.iter().map(|d| d.id.clone()).collect())
        .collect();
    let record = |d: DisclosureView| {
        let content = match &d.content {
            Some((m, _)) => {
                let cadre = s.cadre_selection.cadre(&d.cadre);
                let line = cadre
                    .map(|p| sanling_line(p, d.start, zh))
                    .unwrap_or_default();
                let mut lines = vec![CellLine::text(line)];
                lines.extend(
                    m.listed(zh)
                        .into_iter()
                        .map(|(l, x)| CellLine::labelled(zh, l, x)),
                );
                Block::Facts {
                    tone: Tone::Plain,
                    testid: "matters",
                    lines,
                }
            }
            None => {
                let hidden = t(
                    zh,
                    "已公开（内容仅限记录人、审核人、审批人查看）",
                    "Disclosed (content visible to recorder, reviewers and approver only)",
                );
                Block::Facts {
                    tone: Tone::Hint,
                    testid: "matters-hidden",
                    lines: vec![CellLine::text(hidden)],
                }
            }
        };
        let round = match d.round {
            Round::First => t(zh, "第一次公开", "First disclosure"),
            Round::Second => t(zh, "第二次公开", "Second disclosure"),
        };
        let group = groups.iter().find(|g| g.contains(&d.id)).cloned();
        let group = group.unwrap_or_else(|| vec![d.id.clone()]);
        let (text, focus) = correction(zh, (DISCLOSURE_AREA, DISCLOSURE_FORM), group, &d.id);
        Block::Record(Box::new(Record {
            title: format!("{} · {round} · {} – {}", d.name, d.start, d.end),
            body: vec![content],
            meta: String::new(),
            correct: may_record.then_some((text, focus)),
            attrs: vec![("data-disclosure", d.id.clone())],
        }))
    };
    disclosures_for(s, &case.id, who.role)
        .into_iter()
        .map(record)
        .collect()
}

/// The button correcting record `from` (with the records of its conflict, `group`) in the
/// form `form` of the page's `area`: "以此为准更正" for a conflict, else "更正".
fn correction(
    zh: bool,
    (area, form): (&'static str, &str),
    group: Vec<String>,
    from: &str,
) -> (String, Focus) {
    let text = if group.len() > 1 {
        t(zh, "以此为准更正", "Correct, keeping this one")
    } else {
        t(zh, "更正", "Correct")
    };
    let focus = Focus {
        area,
        form: form.to_string(),
        replaces: group,
        from: from.to_string(),
        follow: false,
        each: false,
    };
    (text, focus)
}
