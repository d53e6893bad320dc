//! Deciders of one village's period: scores, corrections, 公示, 异议, review (复核)
//! and 定稿. Every 公示 and 定稿 names the score versions it publicized or finalized;
//! every resolution names what it replaces.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::decide::{
    check_not_future, check_scores, indicator_conflict_error, indicator_set, period_start,
    window_end, Command,
};
use super::{IndicatorSet, Outcome, Period, Review, ScoreVersion, Slot, Source};
use crate::domain::event::EventBody;
use crate::domain::id;
use crate::domain::master::{required, Village};
use crate::domain::state::{Actor, State};
use crate::domain::time::add_days;
use crate::domain::RuleViolation as V;

/// Decide a command about one village's period.
pub(super) fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    match cmd {
        Command::SubmitScores {
            village,
            year,
            period,
            scores,
            assessor,
            assessed_on,
            note,
        } => submit(
            state,
            (village, year, period),
            scores,
            (assessor, assessed_on, note),
            actor,
        ),
        Command::CorrectScores {
            village,
            year,
            period,
            scores,
            reason,
        } => correct(state, (village, year, period), scores, reason, actor),
        Command::OpenPublicity {
            village,
            year,
            period,
            start,
        } => open_publicity(state, (village, year, period), start, actor),
        Command::RaiseObjection {
            village,
            year,
            period,
            objector,
            content,
            raised_on,
        } => raise_objection(
            state,
            (village, year, period),
            objector,
            content,
            raised_on,
            actor,
        ),
        Command::ResolveObjection {
            village,
            year,
            period,
            objection,
            upheld,
            note,
            resolved_on,
        } => resolve_objection(
            state,
            (village, year, period),
            (objection, upheld, note, resolved_on),
            actor,
        ),
        Command::ResolveConflict {
            village,
            year,
            period,
            scores,
            reason,
        } => resolve_review(state, (village, year, period), scores, reason, actor),
        Command::Finalize {
            village,
            year,
            period,
            on,
        } => finalize(state, (village, year, period), on, actor),
        _ => Err(V::new(
            "w1.unknown_command",
            "无法处理的操作",
            "This operation cannot be handled here",
        )),
    }
}

/// (village, year, period) of a command.
type Key = (String, i32, Period);

fn village<'a>(state: &'a State, id: &str) -> Result<&'a Village, V> {
    id::check(id, "village", "村编号", "Village id")?;
    state.master.village(id)
}

fn slot<'a>(state: &'a State, (v, year, period): &Key) -> Option<&'a Slot> {
    state.w1.slot(v, *year, *period)
}

/// What must be reviewed in a slot (需复核), as the township-year view shows it.
fn reviews(state: &State, v: &Village, year: i32, period: Period) -> Vec<Review> {
    state.w1.reviews(&v.township, &v.id, year, period)
}

/// Refuse while the slot needs review, saying why.
fn require_no_review(state: &State, v: &Village, year: i32, period: Period) -> Result<(), V> {
    let reasons = reviews(state, v, year, period);
    if reasons.contains(&Review::IndicatorConflict) {
        return Err(indicator_conflict_error());
    }
    match reasons.is_empty() {
        true => Ok(()),
        false => Err(review_error(&reasons)),
    }
}

fn review_error(reasons: &[Review]) -> V {
    let zh: Vec<&str> = reasons.iter().map(|r| r.label(true)).collect();
    let en: Vec<&str> = reasons.iter().map(|r| r.label(false)).collect();
    V::new(
        "w1.needs_review",
        format!(
            "该结果需复核（{}），须先由乡镇组织委员确定有效评分",
            zh.join("；")
        ),
        format!(
            "This result needs review ({}); the township organizer must first record the scores that stand",
            en.join("; ")
        ),
    )
}

/// Whether a version is the same sheet as `scores` on the current `set`.
fn same_as<'a>(
    state: &'a State,
    v: &'a Village,
    year: i32,
    scores: &'a BTreeMap<String, u32>,
    set: &'a IndicatorSet,
) -> impl Fn(&ScoreVersion) -> bool + 'a {
    move |b: &ScoreVersion| {
        &b.scores == scores
            && state
                .w1
                .set_of(&v.township, year, b)
                .is_some_and(|s| s.indicators == set.indicators)
    }
}

fn live_ids(slot: Option<&Slot>) -> Vec<String> {
    slot.map(|s| s.live().iter().map(|v| v.event.clone()).collect())
        .unwrap_or_default()
}

fn submit(
    state: &State,
    (vid, year, period): Key,
    scores: BTreeMap<String, u32>,
    (assessor, assessed_on, note): (String, NaiveDate, String),
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &vid)?;
    let set = indicator_set(state, &v.township, year)?;
    let assessor = required(&assessor, "assessor", "考核人", "Assessor")?;
    check_not_future(assessed_on, actor.today, "assessed_on")?;
    check_assessed_in_period(assessed_on, year, period)?;
    check_scores(&set.indicators, &scores, &state.policies.at(assessed_on))?;
    if state
        .w1
        .slot(&vid, year, period)
        .is_some_and(|s| !s.live().is_empty())
    {
        return Err(V::new(
            "w1.already_submitted",
            format!(
                "{}{}的评分已提交，如需修改请作更正并说明理由",
                v.name,
                period.label(true)
            ),
            format!(
                "{} {} was already submitted; record a correction with a reason instead",
                v.name,
                period.label(false)
            ),
        ));
    }
    Ok(vec![EventBody::ScoresSubmitted {
        village: vid,
        year,
        period,
        indicator_version: set.version,
        indicator_set: set.event.clone(),
        scores,
        assessor,
        assessed_on,
        note: note.trim().to_string(),
        supersedes: vec![],
        reason: String::new(),
    }])
}

/// A period's assessment (考核日期) must fall inside its quarter or after it (the
/// annual one inside its year or after).
fn check_assessed_in_period(assessed_on: NaiveDate, year: i32, period: Period) -> Result<(), V> {
    let start = period_start(year, period)
        .ok_or_else(|| V::new("w1.year", "年度无效", "Invalid year").on("assessed_on"))?;
    if assessed_on >= start {
        return Ok(());
    }
    Err(V::new(
        "w1.assessed_before_period",
        format!("{year}年{}的考核日期不能早于{start}", period.label(true)),
        format!(
            "The assessment of {year} {} cannot be dated before {start}",
            period.label(false)
        ),
    )
    .on("assessed_on"))
}

fn correct(
    state: &State,
    key: Key,
    scores: BTreeMap<String, u32>,
    reason: String,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    let set = indicator_set(state, &v.township, key.1)?;
    require_no_review(state, v, key.1, key.2)?;
    let slot = slot(state, &key);
    let standing = slot.and_then(|s| s.standing()).ok_or_else(|| {
        V::new(
            "w1.nothing_to_correct",
            "尚无评分可更正",
            "There are no scores to correct",
        )
    })?;
    if slot.is_some_and(|s| s.publicity_start().is_some() || s.finalized.is_some()) {
        return Err(V::new(
            "w1.correction_in_publicity",
            "结果已进入公示，更正须通过异议处理",
            "The result is under publicity; corrections go through an objection",
        ));
    }
    let reason = required(&reason, "reason", "更正理由", "Reason for the correction")?;
    check_scores(&set.indicators, &scores, &state.policies.at(actor.today))?;
    let (assessor, assessed_on, note) = match &standing.source {
        Source::Assessment {
            assessor,
            assessed_on,
            note,
            ..
        } => (assessor.clone(), *assessed_on, note.clone()),
        _ => (actor.name.clone(), actor.today, String::new()),
    };
    let (village, year, period) = key;
    Ok(vec![EventBody::ScoresSubmitted {
        village,
        year,
        period,
        indicator_version: set.version,
        indicator_set: set.event.clone(),
        scores,
        assessor,
        assessed_on,
        note,
        supersedes: live_ids(slot),
        reason,
    }])
}

/// The slot, if its scores stand and nothing needs review.
fn standing_slot<'a>(state: &'a State, v: &Village, key: &Key) -> Result<&'a Slot, V> {
    require_no_review(state, v, key.1, key.2)?;
    match slot(state, key) {
        Some(s) if s.standing().is_some() => Ok(s),
        _ => Err(V::new(
            "w1.no_scores",
            format!("{}{}尚未评分", v.name, key.2.label(true)),
            format!("{} {} has no scores yet", v.name, key.2.label(false)),
        )),
    }
}

fn no_publicity_for_annual(period: Period, zh: &str, en: &str) -> Result<(), V> {
    if period.is_quarter() {
        Ok(())
    } else {
        Err(V::new("w1.no_publicity_annual", zh, en))
    }
}

fn open_publicity(
    state: &State,
    key: Key,
    start: NaiveDate,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    no_publicity_for_annual(
        key.2,
        "年度考评结果不单独公示",
        "Annual results are not publicized separately",
    )?;
    let slot = standing_slot(state, v, &key)?;
    if slot.publicity_start().is_some() || slot.finalized.is_some() {
        return Err(V::new(
            "w1.publicity_already_open",
            "该结果已在公示",
            "Publicity is already open",
        ));
    }
    check_not_future(start, actor.today, "start")?;
    check_not_backdated(state, start, actor.today)?;
    if let Some(Source::Assessment { assessed_on, .. }) = slot.standing().map(|s| &s.source) {
        if start < *assessed_on {
            return Err(V::new(
                "w1.publicity_before_assessment",
                "公示不能早于考核日期",
                "Publicity cannot start before the assessment date",
            )
            .on("start"));
        }
    }
    let versions = live_ids(Some(slot));
    let (village, year, period) = key;
    Ok(vec![EventBody::PublicityOpened {
        village,
        year,
        period,
        start,
        versions,
    }])
}

/// A 公示 cannot say it started before the day it is recorded, beyond the policy's
/// tolerance (default 0 days): its objection window must really have existed.
fn check_not_backdated(state: &State, start: NaiveDate, today: NaiveDate) -> Result<(), V> {
    let days = state.policies.at(today).publicity_backdate_days;
    let earliest = add_days(today, -i64::from(days));
    if start >= earliest {
        return Ok(());
    }
    let (zh, en) = if days == 0 {
        (
            format!("公示开始日期不能早于登记当天（{today}）"),
            format!("Publicity cannot start before the day it is recorded ({today})"),
        )
    } else {
        (
            format!("公示开始日期最早只能是 {earliest}（登记日前 {days} 天）"),
            format!("Publicity can start no earlier than {earliest} ({days} days before it is recorded)"),
        )
    };
    Err(V::new("w1.publicity_backdated", zh, en).on("start"))
}

fn raise_objection(
    state: &State,
    key: Key,
    objector: String,
    content: String,
    raised_on: NaiveDate,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    let slot = slot(state, &key);
    let start = slot.and_then(|s| s.publicity_start()).ok_or_else(|| {
        V::new(
            "w1.no_publicity",
            format!("{}{}尚未公示，无法登记异议", v.name, key.2.label(true)),
            "The result is not under publicity; no objection can be recorded",
        )
    })?;
    if slot.is_some_and(|s| s.finalized.is_some()) {
        return Err(already_final());
    }
    let end = window_end(start, &state.policies.at(start));
    if raised_on < start || raised_on > end {
        return Err(V::new(
            "w1.objection_outside_window",
            format!("异议须在公示期内（{start} 至 {end}）提出"),
            format!("Objections must be raised within the publicity window ({start} to {end})"),
        )
        .on("raised_on"));
    }
    check_not_future(raised_on, actor.today, "raised_on")?;
    let objector = required(&objector, "objector", "异议人", "Objector")?;
    let content = required(&content, "content", "异议内容", "Objection")?;
    let (village, year, period) = key;
    Ok(vec![EventBody::ObjectionRaised {
        village,
        year,
        period,
        objector,
        content,
        raised_on,
    }])
}

fn already_final() -> V {
    V::new(
        "w1.already_final",
        "结果已定稿",
        "The result is already final",
    )
}

fn resolve_objection(
    state: &State,
    key: Key,
    (objection, upheld, note, resolved_on): (
        String,
        Option<BTreeMap<String, u32>>,
        String,
        NaiveDate,
    ),
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    id::check(&objection, "objection", "异议编号", "Objection id")?;
    let slot = slot(state, &key).ok_or_else(unknown_objection)?;
    let o = slot
        .objections
        .get(&objection)
        .filter(|o| !o.content.is_empty())
        .ok_or_else(unknown_objection)?;
    if slot.objection_in_conflict(&objection) {
        return Err(review_error(&[Review::ObjectionConflict {
            objection: objection.clone(),
        }]));
    }
    if o.resolution.is_some() {
        return Err(V::new(
            "w1.objection_resolved",
            "该异议已处理",
            "The objection is already resolved",
        ));
    }
    check_not_future(resolved_on, actor.today, "resolved_on")?;
    if resolved_on < o.raised_on {
        return Err(V::new(
            "w1.resolved_before_raised",
            "处理日期不能早于异议日期",
            "Resolution cannot predate the objection",
        )
        .on("resolved_on"));
    }
    let outcome = match upheld {
        Some(scores) => upheld_outcome(state, v, &key, slot, scores, note, actor)?,
        None => Outcome::Dismissed {
            reason: required(&note, "note", "不予采纳的理由", "Reason for dismissal")?,
        },
    };
    let (village, year, period) = key;
    Ok(vec![EventBody::ObjectionResolved {
        village,
        year,
        period,
        objection,
        outcome,
        resolved_on,
    }])
}

fn unknown_objection() -> V {
    V::new("w1.no_objection", "找不到该异议", "Unknown objection")
}

fn upheld_outcome(
    state: &State,
    v: &Village,
    key: &Key,
    slot: &Slot,
    scores: BTreeMap<String, u32>,
    note: String,
    actor: &Actor,
) -> Result<Outcome, V> {
    let set = indicator_set(state, &v.township, key.1)?;
    require_no_review(state, v, key.1, key.2)?;
    check_scores(&set.indicators, &scores, &state.policies.at(actor.today))?;
    let note = required(&note, "note", "核实情况", "Finding")?;
    let supersedes = slot.to_supersede(&same_as(state, v, key.1, &scores, set), true);
    Ok(Outcome::Upheld {
        supersedes,
        note,
        indicator_set: set.event.clone(),
        scores,
    })
}

fn resolve_review(
    state: &State,
    key: Key,
    scores: BTreeMap<String, u32>,
    reason: String,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    let set = indicator_set(state, &v.township, key.1)?;
    let slot = slot(state, &key)
        .filter(|_| !reviews(state, v, key.1, key.2).is_empty())
        .ok_or_else(|| {
            V::new(
                "w1.no_conflict",
                "该结果没有待复核的问题",
                "There is nothing to review here",
            )
        })?;
    check_scores(&set.indicators, &scores, &state.policies.at(actor.today))?;
    let reason = required(&reason, "reason", "复核说明", "Review note")?;
    let supersedes = slot.to_supersede(&same_as(state, v, key.1, &scores, set), false);
    let (village, year, period) = key;
    Ok(vec![EventBody::ConflictResolved {
        village,
        year,
        period,
        scores,
        supersedes,
        reason,
        indicator_set: set.event.clone(),
    }])
}

fn finalize(state: &State, key: Key, on: NaiveDate, actor: &Actor) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    no_publicity_for_annual(
        key.2,
        "年度考评结果无需定稿",
        "Annual results need no finalization",
    )?;
    let slot = standing_slot(state, v, &key)?;
    if slot.finalized.is_some() {
        return Err(already_final());
    }
    let start = slot.publicity_start().ok_or_else(|| {
        V::new(
            "w1.no_publicity",
            "结果须先公示7天才能定稿",
            "The result must be publicized before it is final",
        )
    })?;
    let p = state.policies.at(start);
    let end = window_end(start, &p);
    check_not_future(on, actor.today, "on")?;
    if on <= end {
        let from = add_days(end, 1);
        return Err(V::new(
            "w1.publicity_open",
            format!(
                "公示期（{start} 至 {end}，共{}天）未满，{from} 起方可定稿",
                p.publicity_days
            ),
            format!(
                "The {}-day publicity ({start} to {end}) has not ended; finalize from {from}",
                p.publicity_days
            ),
        ));
    }
    let open = slot.open_objections();
    if !open.is_empty() {
        return Err(V::new(
            "w1.objection_open",
            format!("还有{}条异议未处理，不能定稿", open.len()),
            format!("{} objection(s) unresolved; cannot finalize", open.len()),
        ));
    }
    let versions = live_ids(Some(slot));
    let (village, year, period) = key;
    Ok(vec![EventBody::ResultFinalized {
        village,
        year,
        period,
        finalized_on: on,
        versions,
    }])
}
