//! 责任追究 (证据保全): the accountability trace of a selection case, or of a cadre
//! (every case naming them — nominated, recommended, inspected, appointed or not —
//! with their part in it and how it ended for them). Built from the case's events in the log, in
//! the order they are folded, so it cannot disagree with the records: each line says
//! when (Beijing time), who (author and role), what, a correction's reason and what it
//! corrects, and the event's hash, so a printed copy can be checked against the
//! records later. A phone holds only the databases its role reads: the trace lists
//! only what this phone holds, and says so.

use std::collections::BTreeMap;

use super::forms::{describe, finding_label, nominator_label, Choices};
use super::{form_label, CadreSelectionEvent, Case, Ending, Page, Round, StepRecord};
use crate::domain::event::{Event, EventBody, Role};
use crate::domain::screen::{
    paren, t, Block, Card, CellLine, Link, Screen, Sheet, SheetCell, Tone,
};
use crate::domain::sorting;
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::route::Route;
use chrono::NaiveDate;

/// How many hex digits of a hash a reader is shown where the whole one would not fit
/// (a correction naming the record it corrects).
pub const SHORT_HASH: usize = 12;

/// One event of a case's trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceLine {
    /// The event's id.
    pub id: String,
    /// The event's hash (SHA-256, hex), whole.
    pub hash: String,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
    /// Who recorded it.
    pub author: String,
    /// The role they recorded it in.
    pub role: Role,
    /// What it is (a step record's form, a signature's line, …).
    pub what: String,
    /// Its content, line by line: (label, text).
    pub lines: Vec<(String, String)>,
    /// The hashes of the events it corrects or replaces that this phone holds (empty:
    /// none).
    pub corrects: Vec<String>,
    /// The ids of the events it corrects or replaces that this phone does not hold (no
    /// hash to show for them).
    pub corrects_unheld: Vec<String>,
    /// Why it corrected them (empty: not a correction, or none given).
    pub reason: String,
}

/// The first `SHORT_HASH` digits of a hash.
pub fn short_hash(hash: &str) -> &str {
    hash.get(..SHORT_HASH).unwrap_or(hash)
}

/// The events of case `case` among `events`, in fold order (recorded, then id).
pub fn case_events<'a>(events: impl IntoIterator<Item = &'a Event>, case: &str) -> Vec<&'a Event> {
    let subject = format!("w4/{case}");
    let mut mine: Vec<&Event> = events
        .into_iter()
        .filter(|e| e.subject == subject)
        .collect();
    sorting::sort_by(&mut mine, |a, b| {
        State::fold_key(a).cmp(&State::fold_key(b))
    });
    mine
}

/// The trace of case `case` from the events this phone holds.
pub fn case_trace<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    s: &State,
    case: &str,
    zh: bool,
) -> Vec<TraceLine> {
    let mine = case_events(events, case);
    let hashes: BTreeMap<&str, &str> = mine.iter().map(|e| (&*e.id, &*e.hash)).collect();
    let choices = s
        .cadre_selection
        .cases
        .get(case)
        .map(|c| Choices::named(s, c, zh));
    let said = |e: &&Event| {
        let EventBody::CadreSelection(body) = &e.body else {
            return None;
        };
        let (what, lines, corrects, reason) = said_of(s, body, choices.as_ref(), zh)?;
        let (held, unheld): (Vec<String>, Vec<String>) = corrects
            .into_iter()
            .partition(|id| hashes.contains_key(id.as_str()));
        let hash_of = |id: String| hashes.get(id.as_str()).map_or(id, |h| h.to_string());
        Some(TraceLine {
            id: e.id.clone(),
            hash: e.hash.clone(),
            recorded_at: e.recorded_at,
            author: e.author.clone(),
            role: e.role,
            what,
            lines,
            corrects: held.into_iter().map(hash_of).collect(),
            corrects_unheld: unheld,
            reason,
        })
    };
    mine.iter().filter_map(said).collect()
}

/// What one event says: (what, its lines, the ids it corrects, the reason).
type Said = (String, Vec<(String, String)>, Vec<String>, String);

/// A label and a text, as owned strings.
fn pair(zh: bool, z: &str, e: &str, text: impl Into<String>) -> (String, String) {
    (t(zh, z, e), text.into())
}

/// What a case event says.
fn said_of(s: &State, body: &CadreSelectionEvent, ch: Option<&Choices>, zh: bool) -> Option<Said> {
    let pool = &s.cadre_selection;
    Some(match body {
        CadreSelectionEvent::CaseOpened {
            title,
            posts,
            opened_on,
            ..
        } => {
            let posts: Vec<String> = posts.iter().map(|p| pool.post_name(p)).collect();
            let lines = vec![
                pair(zh, "事项", "Case", title.clone()),
                pair(
                    zh,
                    "职位",
                    "Posts",
                    posts.join(if zh { "、" } else { ", " }),
                ),
                pair(zh, "日期", "Date", opened_on.to_string()),
            ];
            let what = t(zh, "建立选任事项", "Case opened");
            (what, lines, vec![], String::new())
        }
        CadreSelectionEvent::StepRecorded {
            record,
            supersedes,
            reason,
            ..
        } => {
            let (step, form) = (record.step().label(zh), form_label(record.form(), zh));
            let what = match step == form {
                true => form.to_string(),
                false => format!("{step} · {form}"),
            };
            let lines = ch.map(|ch| describe(zh, record, ch)).unwrap_or_default();
            let lines = lines.into_iter().map(|(l, x)| (l.to_string(), x)).collect();
            (what, lines, supersedes.clone(), reason.clone())
        }
        CadreSelectionEvent::Disclosed {
            cadre,
            round,
            start,
            end,
            supersedes,
            reason,
            ..
        } => {
            let round = match round {
                Round::First => t(zh, "第一次", "first"),
                Round::Second => t(zh, "第二次", "second"),
            };
            let what = t(zh, "有关事项公开 ", "Disclosure, ") + &round;
            let lines = vec![
                pair(zh, "公开对象", "Cadre", pool.cadre_name(cadre)),
                pair(zh, "公开期", "Window", format!("{start} – {end}")),
            ];
            (what, lines, supersedes.clone(), reason.clone())
        }
        CadreSelectionEvent::Signed {
            node,
            sign,
            signer,
            on,
            supersedes,
            ..
        } => {
            let what = format!(
                "{}{} · {}",
                t(zh, "签字：", "Signed: "),
                sign.label_in(zh),
                node.label_in(zh)
            );
            let lines = vec![
                pair(zh, "签字人", "Signer", signer.clone()),
                pair(zh, "日期", "Date", on.to_string()),
            ];
            (what, lines, supersedes.clone(), String::new())
        }
        CadreSelectionEvent::Submitted { node, on, .. } => {
            let what = t(zh, "提交：", "Submitted: ") + node.label_in(zh);
            let lines = vec![pair(zh, "日期", "Date", on.to_string())];
            (what, lines, vec![], String::new())
        }
        CadreSelectionEvent::CaseEnded {
            on,
            ending,
            reason,
            supersedes,
            ..
        } => {
            let what = t(zh, "终止：", "Ended: ") + ending.label(zh);
            let lines = vec![
                pair(zh, "日期", "Date", on.to_string()),
                pair(zh, "理由", "Reason", reason.clone()),
            ];
            (what, lines, supersedes.clone(), String::new())
        }
        CadreSelectionEvent::CadreRecorded { .. } | CadreSelectionEvent::PostRecorded { .. } => {
            return None
        }
    })
}

/// Back to the case (or the cadre pool), and print.
fn print_bar(back: Route, zh: bool) -> Block {
    Block::PrintBar {
        back: Link {
            text: t(zh, "← 返回", "← Back"),
            route: back,
        },
        print: t(zh, "打印", "Print"),
    }
}

/// What the page can and cannot show: only what this phone holds.
fn holds_note(zh: bool) -> Block {
    let text = t(
        zh,
        "本页依据本机所存记录生成（本机只保存其角色可读取的数据库）；其他数据库的记录不在本页。每条记录的校验码为其 SHA-256 哈希，可与记录核对。",
        "Built from the records this phone holds (a phone holds only the databases its role reads); records of other databases are not on this page. Each record's check code is its SHA-256 hash, to be checked against the records.",
    );
    Block::line(Tone::Hint, text).testid("trace-scope")
}

/// Who is answerable, in a few lines: who proposed, each first nominator, each
/// complaint and how it was resolved, each appointment.
fn answerable(s: &State, case: &Case, zh: bool) -> Vec<CellLine> {
    let pool = &s.cadre_selection;
    let mut lines = vec![];
    for e in case.live() {
        match &*e.record {
            super::StepRecord::Initiation { proposer, .. } => {
                lines.push(CellLine::labelled(
                    zh,
                    &t(zh, "动议提出", "Proposed by"),
                    proposer,
                ));
            }
            super::StepRecord::Nomination {
                cadre,
                first_nominator,
                kind,
                ..
            } => {
                let label = t(zh, "首提责任人", "First nominator");
                let text = format!(
                    "{first_nominator}{} → {}",
                    paren(zh, nominator_label(*kind, zh)),
                    pool.cadre_name(cadre)
                );
                lines.push(CellLine::labelled(zh, &label, text));
            }
            _ => {}
        }
    }
    for c in case.complaints() {
        let outcome = match &c.verified {
            Some((on, finding, note)) => format!("{on} {} · {note}", finding_label(*finding, zh)),
            None => t(zh, "尚未核实", "not yet verified"),
        };
        let text = format!(
            "{} · {} · {} → {outcome}",
            c.on,
            pool.cadre_name(&c.cadre),
            c.content
        );
        lines.push(CellLine::labelled(zh, &t(zh, "举报", "Complaint"), text));
    }
    for (cadre, (post, on)) in case.appointed() {
        let text = format!(
            "{} → {} · {on}",
            pool.cadre_name(&cadre),
            pool.post_name(&post)
        );
        lines.push(CellLine::labelled(zh, &t(zh, "任职", "Appointed"), text));
    }
    lines
}

/// A line of the trace as a row: when, who, what (with a correction's reason), hash.
fn row(zh: bool, n: usize, line: &TraceLine) -> Vec<SheetCell> {
    let mut what = vec![CellLine::strong(line.what.clone())];
    what.extend(
        line.lines
            .iter()
            .map(|(l, x)| CellLine::labelled(zh, l, x.clone())),
    );
    if !line.corrects.is_empty() || !line.corrects_unheld.is_empty() {
        if !line.corrects.is_empty() {
            let named: Vec<&str> = line.corrects.iter().map(|h| short_hash(h)).collect();
            let label = t(zh, "更正/替换", "Corrects");
            what.push(CellLine::labelled(zh, &label, named.join(", ")));
        }
        if !line.corrects_unheld.is_empty() {
            let label = t(
                zh,
                "本机未存的被更正记录",
                "Corrects records not on this phone",
            );
            what.push(CellLine::labelled(
                zh,
                &label,
                line.corrects_unheld.join(", "),
            ));
        }
        if !line.reason.is_empty() {
            what.push(CellLine::labelled(
                zh,
                &t(zh, "更正理由", "Reason"),
                line.reason.clone(),
            ));
        }
    }
    let who = vec![
        CellLine::text(line.author.clone()),
        CellLine::text(line.role.label(zh)),
    ];
    let hash = SheetCell {
        hint: true,
        testid: "trace-hash",
        ..SheetCell::text(line.hash.clone())
    };
    vec![
        SheetCell::text(n.to_string()),
        SheetCell::text(format_beijing(line.recorded_at)),
        SheetCell::lines(who),
        SheetCell::lines(what),
        hash,
    ]
}

/// The trace as a sheet, one row an event, numbered.
fn trace_sheet(zh: bool, lines: &[TraceLine]) -> Sheet {
    let columns = vec![
        t(zh, "序号", "No."),
        t(zh, "时间（北京）", "When (Beijing)"),
        t(zh, "记录人/角色", "By / role"),
        t(zh, "事项", "What"),
        t(zh, "校验码（哈希）", "Check code (hash)"),
    ];
    let rows = lines.iter().enumerate().map(|(i, l)| row(zh, i + 1, l));
    Sheet {
        testid: "trace-sheet",
        columns,
        rows: rows.collect(),
        ..Sheet::default()
    }
}

/// One case's part of a trace: what it is, who answers for it, every event in order.
fn case_blocks<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    s: &State,
    case: &Case,
    zh: bool,
) -> Vec<Block> {
    let lines = case_trace(events, s, &case.id, zh);
    let corrections = lines
        .iter()
        .filter(|l| !l.corrects.is_empty() || !l.corrects_unheld.is_empty())
        .count();
    let posts: Vec<String> = case
        .posts
        .iter()
        .map(|p| s.cadre_selection.post_name(p))
        .collect();
    let head = format!(
        "{}{} · {}{}",
        t(zh, "事项：", "Case: "),
        case.title,
        t(zh, "职位：", "Posts: "),
        posts.join(if zh { "、" } else { ", " })
    );
    let count = if zh {
        format!(
            "共 {} 条记录，其中更正或替换 {corrections} 条。",
            lines.len()
        )
    } else {
        format!(
            "{} records, {corrections} of them corrections or replacements.",
            lines.len()
        )
    };
    vec![
        Block::line(Tone::Plain, head),
        Block::Facts {
            tone: Tone::Plain,
            testid: "answerable",
            lines: answerable(s, case, zh),
        },
        Block::line(Tone::Plain, count).testid("trace-count"),
        Block::Sheet(trace_sheet(zh, &lines)),
    ]
}

/// Title of both traces.
fn title(zh: bool) -> String {
    t(
        zh,
        "干部选拔任用责任追溯",
        "Cadre selection accountability trace",
    )
}

/// The printable trace of case `id` from `events` (this phone's log) and its state.
pub fn case_trace_screen<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    s: &State,
    id: &str,
    zh: bool,
) -> Screen {
    let back = Route::CadreSelection(Page::Case(id.to_string()));
    let bar = Card::new(vec![print_bar(back, zh)]).class("no-print");
    let Some(case) = s.cadre_selection.cases.get(id) else {
        let none = t(zh, "未找到该选任事项", "No such case");
        return vec![bar, Card::new(vec![Block::line(Tone::Plain, none)])];
    };
    let mut blocks = vec![Block::DocTitle(title(zh)), holds_note(zh)];
    blocks.extend(case_blocks(events, s, case, zh));
    vec![bar, Card::document(blocks).attr("data-testid", "trace")]
}

/// A cadre's part in a case, in the order of the steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Nominated (提名).
    Nominated,
    /// Named in a 民主推荐, with the votes received.
    Recommended(u32),
    /// Made an inspection target (考察对象).
    Target,
    /// Inspected (组织考察).
    Inspected,
    /// Their matters disclosed (有关事项公开).
    Disclosed,
    /// Proposed as appointee at 酝酿.
    Proposed,
    /// A 讨论决定 vote on them passed.
    Passed,
    /// A 讨论决定 vote on them failed.
    NotPassed,
    /// A complaint about them was received during 任前公示.
    Complained,
    /// Appointed (任职).
    Appointed,
    /// Confirmed at the end of probation (转正).
    Confirmed,
    /// Not confirmed at the end of probation.
    NotConfirmed,
}

impl Part {
    /// The part in words.
    pub fn label(self, zh: bool) -> String {
        match self {
            Part::Nominated => t(zh, "被提名", "nominated"),
            Part::Recommended(n) => match zh {
                true => format!("民主推荐得 {n} 票"),
                false => format!("{n} votes in the recommendation"),
            },
            Part::Target => t(zh, "考察对象", "inspection target"),
            Part::Inspected => t(zh, "已考察", "inspected"),
            Part::Disclosed => t(zh, "有关事项公开", "matters disclosed"),
            Part::Proposed => t(zh, "酝酿拟任人选", "proposed at deliberation"),
            Part::Passed => t(zh, "讨论决定通过", "passed by the decision vote"),
            Part::NotPassed => t(zh, "讨论决定未通过", "not passed by the decision vote"),
            Part::Complained => t(zh, "公示期间被举报", "complained about in publicity"),
            Part::Appointed => t(zh, "任职", "appointed"),
            Part::Confirmed => t(zh, "试用期满转正", "confirmed after probation"),
            Part::NotConfirmed => t(zh, "试用期满未转正", "not confirmed after probation"),
        }
    }
}

/// The part a step record gives cadre `cadre`, if any.
fn part_of(record: &StepRecord, cadre: &str) -> Option<Part> {
    use StepRecord as R;
    let me = |c: &String| c == cadre;
    Some(match record {
        R::Nomination { cadre: c, .. } if me(c) => Part::Nominated,
        R::Recommendation { votes, .. } => Part::Recommended(*votes.get(cadre)?),
        R::Target { cadre: c, .. } if me(c) => Part::Target,
        R::Inspection { cadre: c, .. } if me(c) => Part::Inspected,
        R::Deliberation { proposed, .. } if proposed.values().any(me) => Part::Proposed,
        R::Vote {
            cadre: c, passed, ..
        } if me(c) => match passed {
            true => Part::Passed,
            false => Part::NotPassed,
        },
        R::Complaint { cadre: c, .. } if me(c) => Part::Complained,
        R::Appointment { cadre: c, .. } if me(c) => Part::Appointed,
        R::ProbationEnded {
            cadre: c,
            confirmed,
            ..
        } if me(c) => match confirmed {
            true => Part::Confirmed,
            false => Part::NotConfirmed,
        },
        _ => return None,
    })
}

/// Every part cadre `cadre` has in `case`'s live records and disclosures, in step
/// order (none: the case does not name them).
pub fn parts_in(case: &Case, cadre: &str) -> Vec<Part> {
    let mut parts: std::collections::BTreeSet<Part> = case
        .live()
        .into_iter()
        .filter_map(|e| part_of(&e.record, cadre))
        .collect();
    if case.live_disclosures().iter().any(|d| d.cadre == cadre) {
        parts.insert(Part::Disclosed);
    }
    parts.into_iter().collect()
}

/// How a case ended for a cadre it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Appointed to this post on this date.
    Appointed(String, NaiveDate),
    /// The case ended without appointing them.
    Ended(Ending),
    /// Every post of the case was filled by others.
    NotAppointed,
    /// The case is still under way.
    Open,
}

impl Outcome {
    /// How a case ended for `cadre`.
    pub fn of(case: &Case, cadre: &str) -> Outcome {
        if let Some((post, on)) = case.appointed().remove(cadre) {
            return Outcome::Appointed(post, on);
        }
        match (case.ended(), case.second_due_since()) {
            (Some(e), _) => Outcome::Ended(e.ending),
            (None, Some(_)) => Outcome::NotAppointed,
            (None, None) => Outcome::Open,
        }
    }

    /// The outcome in words (post names from `s`).
    pub fn text(&self, s: &State, zh: bool) -> String {
        match self {
            Outcome::Appointed(post, on) => format!(
                "{}{} · {on}",
                t(zh, "任职：", "appointed: "),
                s.cadre_selection.post_name(post)
            ),
            Outcome::Ended(e) => {
                t(zh, "事项终止，未任用：", "case ended, not appointed: ") + e.label(zh)
            }
            Outcome::NotAppointed => t(
                zh,
                "未任用（职位已任用他人）",
                "not appointed (the post went to another)",
            ),
            Outcome::Open => t(zh, "事项进行中", "case under way"),
        }
    }
}

/// The cases naming cadre `cadre` in any part (nominated, recommended, inspected,
/// appointed…), by id, each with their parts.
pub fn naming_cases<'s>(s: &'s State, cadre: &str) -> Vec<(&'s Case, Vec<Part>)> {
    let cases = s.cadre_selection.cases.values();
    let named = cases.map(|c| (c, parts_in(c, cadre)));
    named.filter(|(_, parts)| !parts.is_empty()).collect()
}

/// Every cadre some case names as a candidate (nominated, recommended, a target, a
/// proposed appointee, appointed…): one walk over the cases.
pub fn named_cadres(s: &State) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for c in s.cadre_selection.cases.values() {
        for e in c.live() {
            out.extend(cadres_named(&e.record));
        }
        out.extend(c.live_disclosures().into_iter().map(|d| d.cadre.clone()));
    }
    out
}

/// The cadres a step record names as candidates.
fn cadres_named(record: &StepRecord) -> Vec<String> {
    use StepRecord as R;
    match record {
        R::Nomination { cadre, .. }
        | R::Target { cadre, .. }
        | R::Inspection { cadre, .. }
        | R::Vote { cadre, .. }
        | R::Complaint { cadre, .. }
        | R::Appointment { cadre, .. }
        | R::ProbationEnded { cadre, .. } => vec![cadre.clone()],
        R::Recommendation { votes, .. } => votes.keys().cloned().collect(),
        R::Deliberation { proposed, .. } => proposed.values().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The line saying a cadre's part in a case and how it ended for them.
fn part_line(s: &State, case: &Case, cadre: &str, parts: &[Part], zh: bool) -> Block {
    let sep = if zh { "、" } else { ", " };
    let parts: Vec<String> = parts.iter().map(|p| p.label(zh)).collect();
    let text = format!(
        "{}{} · {}{}",
        t(zh, "该干部在本事项中：", "This cadre in the case: "),
        parts.join(sep),
        t(zh, "结果：", "outcome: "),
        Outcome::of(case, cadre).text(s, zh)
    );
    Block::line(Tone::Plain, text).testid("cadre-part")
}

/// The printable trace of cadre `cadre`: every case naming them, each with their
/// part in it and how it ended for them.
pub fn cadre_trace_screen(events: &[Event], s: &State, cadre: &str, zh: bool) -> Screen {
    let back = Route::CadreSelection(Page::Cadres);
    let bar = Card::new(vec![print_bar(back, zh)]).class("no-print");
    let name = s.cadre_selection.cadre_name(cadre);
    let mut blocks = vec![
        Block::DocTitle(title(zh)),
        Block::line(Tone::Plain, t(zh, "干部：", "Cadre: ") + &name),
        holds_note(zh),
    ];
    let cases = naming_cases(s, cadre);
    if cases.is_empty() {
        let none = t(
            zh,
            "本机所存记录中没有涉及该干部的选任事项。",
            "No case on this phone names this cadre.",
        );
        blocks.push(Block::line(Tone::Hint, none));
    }
    for (case, parts) in cases {
        blocks.push(Block::Heading(case.title.clone()));
        blocks.push(part_line(s, case, cadre, &parts, zh));
        blocks.extend(case_blocks(events, s, case, zh));
    }
    vec![bar, Card::document(blocks).attr("data-testid", "trace")]
}
