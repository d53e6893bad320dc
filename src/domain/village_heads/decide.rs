//! What a user may record of village heads and their care, and the rules it is held to.

use chrono::{Datelike, NaiveDate};

use super::care::{care_lines, entries, list_day, CareStatus};
use super::event::{CareEntry, CareExclusion, Tenure, VillageHeadsEvent};
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::state::Actor;
use crate::domain::{RuleViolation, State};

/// The earliest day a tenure may start (no village head of the records is older).
pub const EARLIEST_START: NaiveDate = match NaiveDate::from_ymd_opt(1949, 10, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The longest name or reason kept, in characters.
pub const MAX_TEXT_CHARS: usize = 50;

/// What a user may do here, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record tenures and confirm care lists: the county's organization department.
    Record,
}

impl Action {
    /// The roles allowed.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Admin]
    }

    /// Whether `role` may.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words, for everyone else.
    pub fn only(self) -> RuleViolation {
        only_roles(
            self.roles(),
            "登记村两委正职任职和确认退后关爱名单",
            "record village heads' tenures and confirm care lists",
        )
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Record a tenure, or a new version of one (a correction, its end): it replaces the
    /// tenure's versions this phone knows.
    RecordTenure {
        /// The tenure's id (new, or the one corrected).
        tenure: String,
        /// What it records.
        record: Tenure,
        /// The versions of it the user saw, which this one replaces (empty: a new
        /// tenure). A version that arrived meanwhile stays live: a conflict to review.
        seen: Vec<String>,
    },
    /// Confirm `year`'s care list as the records give it, leaving out `excluded`.
    ConfirmCareList {
        /// The year paid for.
        year: i32,
        /// Who qualifies but is not paid, and why.
        excluded: Vec<CareExclusion>,
        /// The confirmations of the year the user saw, which this one replaces.
        seen: Vec<String>,
        /// The list the user saw before anyone was left off (what qualified, for how
        /// much): refused if the records say otherwise by the time it is recorded.
        shown: Vec<CareEntry>,
    },
}

/// The events a command makes, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    if !Action::Record.allows(actor.role) {
        return Err(Action::Record.only());
    }
    let body = match cmd {
        Command::RecordTenure {
            tenure,
            record,
            seen,
        } => record_tenure(state, (tenure, record, seen), actor)?,
        Command::ConfirmCareList {
            year,
            excluded,
            seen,
            shown,
        } => confirm(state, (year, excluded, seen), &shown, actor)?,
    };
    Ok(vec![EventBody::VillageHeads(body)])
}

fn record_tenure(
    state: &State,
    (tenure, record, seen): (String, Tenure, Vec<String>),
    actor: &Actor,
) -> Result<VillageHeadsEvent, RuleViolation> {
    crate::domain::id::check(&tenure, "tenure", "任职记录编号", "Tenure id")?;
    if let Some(problem) = tenure_problems(state, &tenure, &record, actor.today)
        .into_iter()
        .next()
    {
        return Err(problem);
    }
    let heads = &state.village_heads;
    let versions = heads.tenures.get(&tenure);
    if versions.is_some_and(|v| !v.is_empty()) && seen.is_empty() {
        return Err(RuleViolation::new(
            "heads.exists",
            "该任职记录已存在，请在人员页点“更正或登记离任”修改",
            "This tenure exists: correct it from the person's page",
        ));
    }
    if !seen
        .iter()
        .all(|id| versions.is_some_and(|v| v.contains(id)))
    {
        return Err(RuleViolation::new(
            "heads.seen",
            "要更正的版本不属于该任职记录",
            "The versions corrected are not of this tenure",
        ));
    }
    let live = heads.tenure_live_ids(&tenure);
    if heads.tenure(&tenure) == Some(&record) && live.len() == 1 && live == seen {
        return Err(RuleViolation::new(
            "heads.unchanged",
            "内容与现有记录相同，没有需要保存的改动",
            "Nothing differs from the record: there is nothing to save",
        ));
    }
    Ok(VillageHeadsEvent::TenureRecorded {
        tenure,
        record,
        supersedes: seen,
    })
}

/// Every problem of a tenure's content (empty: it may be recorded), each on its field.
/// Every problem of `t` as the content of the tenure `id` ("" for a new one), each on
/// its field.
pub fn tenure_problems(
    state: &State,
    id: &str,
    t: &Tenure,
    today: NaiveDate,
) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    if let Err(e) = crate::domain::id::check(&t.person, "person", "人员编号", "Person id") {
        out.push(e.on("person"));
    }
    if let Some(e) = text_problem(&t.name, "name", ("姓名", "Name")) {
        out.push(e);
    }
    if state
        .master
        .villages
        .get(&t.village)
        .is_none_or(|v| v.name.is_empty())
    {
        out.push(
            RuleViolation::new(
                "heads.village",
                "请选择已登记的村",
                "Choose a recorded village",
            )
            .on("village"),
        );
    }
    out.extend(date_problems(t, today));
    out.extend(death_problems(state, id, t));
    out
}

/// A tenure after its person's death, or a death while another tenure of theirs goes on.
fn death_problems(state: &State, id: &str, t: &Tenure) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    let died = Some(super::event::EndReason::Died);
    let others: Vec<&Tenure> = state
        .village_heads
        .current_tenures()
        .filter(|(other, o)| other.as_str() != id && o.person == t.person)
        .map(|(_, o)| o)
        .collect();
    let deaths = others
        .iter()
        .filter(|o| o.end_reason == died)
        .filter_map(|o| o.end);
    let after = |d: &NaiveDate| t.start >= *d || t.end.is_none_or(|end| end > *d);
    if let Some(died) = deaths.filter(after).min() {
        out.push(
            RuleViolation::new(
                "heads.after_death",
                format!("该人员已于{died}去世，任职不能持续到此日之后"),
                format!("This person died on {died}: no tenure can go on after it"),
            )
            .on("start"),
        );
    }
    if let (Some(end), true) = (t.end, t.end_reason == died) {
        let goes_on = |o: &&&Tenure| o.start >= end || o.end.is_none_or(|e| e > end);
        if let Some(other) = others.iter().find(goes_on) {
            out.push(
                RuleViolation::new(
                    "heads.after_death",
                    format!("该人员另有任职（{} 起）在此日期后仍在继续，不能登记为去世", other.start),
                    format!("Another tenure of theirs (from {}) goes on after this day: it cannot end with their death", other.start),
                )
                .on("end_reason"),
            );
        }
    }
    out
}

fn text_problem(text: &str, field: &str, (zh, en): (&str, &str)) -> Option<RuleViolation> {
    if crate::domain::text::blank(text) {
        let e = RuleViolation::new(
            "field.required",
            format!("请填写{zh}"),
            format!("{en} is required"),
        );
        return Some(e.on(field));
    }
    (text.chars().count() > MAX_TEXT_CHARS).then(|| {
        RuleViolation::new(
            "field.too_long",
            format!("{zh}最多{MAX_TEXT_CHARS}个字"),
            format!("{en}: at most {MAX_TEXT_CHARS} characters"),
        )
        .on(field)
    })
}

fn date_problems(t: &Tenure, today: NaiveDate) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    let problem = |code, zh: String, en: String, field| RuleViolation::new(code, zh, en).on(field);
    if t.start < EARLIEST_START || t.start > today {
        out.push(problem(
            "heads.start",
            format!("任职日期应在{EARLIEST_START}至今天（{today}）之间"),
            format!("The first day in office must be between {EARLIEST_START} and today ({today})"),
            "start",
        ));
    }
    if t.end.is_some_and(|end| end <= t.start || end > today) {
        out.push(problem(
            "heads.end",
            format!("离任日期应晚于任职日期，且不晚于今天（{today}）"),
            format!("The day of leaving must be after the first day and not after today ({today})"),
            "end",
        ));
    }
    match (t.end, t.end_reason) {
        (Some(_), None) => out.push(problem(
            "heads.end_reason",
            "请选择离任原因".into(),
            "Choose why they left".into(),
            "end_reason",
        )),
        (None, Some(_)) => out.push(problem(
            "heads.end_reason",
            "未填离任日期时不能填离任原因".into(),
            "A reason for leaving needs the day they left".into(),
            "end_reason",
        )),
        _ => {}
    }
    out
}

fn confirm(
    state: &State,
    (year, excluded, seen): (i32, Vec<CareExclusion>, Vec<String>),
    shown: &[CareEntry],
    actor: &Actor,
) -> Result<VillageHeadsEvent, RuleViolation> {
    if !confirmable_year(year, actor.today) {
        return Err(RuleViolation::new(
            "care.year",
            format!(
                "只能确认{}年至{}年的名单",
                EARLIEST_START.year(),
                latest_year(actor.today)
            ),
            format!(
                "Only lists of {} to {} can be confirmed",
                EARLIEST_START.year(),
                latest_year(actor.today)
            ),
        ));
    }
    let heads = &state.village_heads;
    if let Some(id) = heads.tenure_conflicts().first() {
        let who = heads.tenure(id).map(|t| t.name.clone()).unwrap_or_default();
        return Err(RuleViolation::new(
            "care.tenure_conflict",
            format!("{who}的任职记录在两部手机上被同时修改，须先核对确认，再确认名单"),
            format!("{who}'s tenure was edited on two phones at once: settle it before confirming the list"),
        ));
    }
    if entries(state, year, &[]) != shown {
        return Err(RuleViolation::new(
            "care.changed",
            "名单在您查看后有变化（任职记录或政策有更新），请核对后再确认",
            "The list changed since you saw it (a tenure or the policy was updated): check it and confirm again",
        ));
    }
    check_exclusions(state, year, &excluded)?;
    let entries = entries(state, year, &excluded);
    let live = heads.list_live_ids(year);
    let same = heads
        .confirmed(year)
        .is_some_and(|c| c.value.entries == entries && c.value.excluded == excluded);
    if same && live.len() == 1 && live == seen {
        return Err(RuleViolation::new(
            "care.unchanged",
            format!("{year}年名单已按现有记录确认过，没有变化"),
            format!("The {year} list was already confirmed as the records give it"),
        ));
    }
    let ours = heads.care_lists.get(&year);
    if !seen.iter().all(|id| ours.is_some_and(|v| v.contains(id))) {
        return Err(RuleViolation::new(
            "care.seen",
            "要替换的确认不属于该年度名单",
            "The confirmations replaced are not of this year's list",
        ));
    }
    Ok(VillageHeadsEvent::CareListConfirmed {
        year,
        entries,
        excluded,
        supersedes: seen,
    })
}

/// The last year whose list may be confirmed on `today`: next year's (budgets are made
/// ahead).
pub fn latest_year(today: NaiveDate) -> i32 {
    today.year().saturating_add(1)
}

/// Whether `year`'s list may be shown for confirming and confirmed on `today`.
pub fn confirmable_year(year: i32, today: NaiveDate) -> bool {
    list_day(year).is_some() && (EARLIEST_START.year()..=latest_year(today)).contains(&year)
}

fn check_exclusions(
    state: &State,
    year: i32,
    excluded: &[CareExclusion],
) -> Result<(), RuleViolation> {
    let lines = care_lines(state, year);
    for (i, x) in excluded.iter().enumerate() {
        let qualifies = lines
            .iter()
            .any(|l| l.person == x.person && l.status == CareStatus::Qualifies);
        let repeated = excluded[..i].iter().any(|y| y.person == x.person);
        if !qualifies || repeated {
            return Err(RuleViolation::new(
                "care.excluded",
                "只能从符合条件的人员中不列入，且每人一次",
                "Only people who qualify can be left off, each once",
            )
            .on("excluded"));
        }
    }
    Ok(())
}
