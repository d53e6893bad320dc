//! Deciders of one village's period: scores, corrections and review (复核), with the
//! helpers `decide_publicity` (公示, 异议, 定稿) shares. Every resolution names what it
//! replaces.

use super::VillagePayEvent;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::decide::{
    check_not_future, check_scores, indicator_conflict_error, indicator_set, period_start, Command,
};
use super::decide_publicity;
use super::{IndicatorSet, Period, Review, ScoreVersion, Slot, Source};
use crate::domain::event::EventBody;
use crate::domain::id;
use crate::domain::master::{required, Village};
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation as V;

/// Decide a command about one village's period: scores here, 公示, 异议 and 定稿 in
/// `decide_publicity`.
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
        Command::ResolveConflict {
            village,
            year,
            period,
            scores,
            reason,
        } => resolve_review(state, (village, year, period), scores, reason, actor),
        other => decide_publicity::decide(state, other, actor),
    }
}

/// (village, year, period) of a command.
pub(super) type Key = (String, i32, Period);

pub(super) fn village<'a>(state: &'a State, id: &str) -> Result<&'a Village, V> {
    id::check(id, "village", "村编号", "Village id")?;
    state.master.village(id)
}

pub(super) fn slot<'a>(state: &'a State, (v, year, period): &Key) -> Option<&'a Slot> {
    state.village_pay.counted.slot(v, *year, *period)
}

/// What must be reviewed in a slot (需复核), as the township-year view shows it.
pub(super) fn reviews(state: &State, v: &Village, year: i32, period: Period) -> Vec<Review> {
    state
        .village_pay
        .counted
        .reviews(&state.policies, &v.township, &v.id, year, period)
}

/// Refuse while the slot needs review, saying why.
pub(super) fn require_no_review(
    state: &State,
    v: &Village,
    year: i32,
    period: Period,
) -> Result<(), V> {
    require_no_review_but(state, v, (year, period), &|_| false)
}

/// Refuse while the slot needs review for a reason other than those `ignored`.
pub(super) fn require_no_review_but(
    state: &State,
    v: &Village,
    (year, period): (i32, Period),
    ignored: &dyn Fn(&Review) -> bool,
) -> Result<(), V> {
    let mut reasons = reviews(state, v, year, period);
    reasons.retain(|r| !ignored(r));
    if reasons.contains(&Review::IndicatorConflict) {
        return Err(indicator_conflict_error());
    }
    match reasons.is_empty() {
        true => Ok(()),
        false => Err(review_error(&reasons)),
    }
}

pub(super) fn review_error(reasons: &[Review]) -> V {
    let zh: Vec<String> = reasons.iter().map(|r| r.describe(true)).collect();
    let en: Vec<String> = reasons.iter().map(|r| r.describe(false)).collect();
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
pub(super) fn same_as<'a>(
    state: &'a State,
    v: &'a Village,
    year: i32,
    scores: &'a BTreeMap<String, u32>,
    set: &'a IndicatorSet,
) -> impl Fn(&ScoreVersion) -> bool + 'a {
    move |b: &ScoreVersion| {
        &b.scores == scores
            && state
                .village_pay
                .counted
                .set_of(&v.township, year, b)
                .is_some_and(|s| s.indicators == set.indicators)
    }
}

pub(super) fn live_ids(slot: Option<&Slot>) -> Vec<String> {
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
        .village_pay
        .counted
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
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ScoresSubmitted {
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
        },
    )])
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
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ScoresSubmitted {
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
        },
    )])
}

/// The slot, if its scores stand and nothing needs review.
pub(super) fn standing_slot<'a>(state: &'a State, v: &Village, key: &Key) -> Result<&'a Slot, V> {
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

fn resolve_review(
    state: &State,
    key: Key,
    scores: BTreeMap<String, u32>,
    reason: String,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    let set = indicator_set(state, &v.township, key.1)?;
    let reasons = reviews(state, v, key.1, key.2);
    let slot = slot(state, &key)
        .filter(|_| !reasons.is_empty())
        .ok_or_else(|| {
            V::new(
                "w1.no_conflict",
                "该结果没有待复核的问题",
                "There is nothing to review here",
            )
        })?;
    if !reasons.iter().any(Review::settled_by_scores) {
        return Err(V::new(
            "w1.review_elsewhere",
            "此项复核不是确定评分：请处理异议或选定公示期",
            "This review is not settled by recording scores: resolve the objection or keep one publicity window",
        ));
    }
    check_scores(&set.indicators, &scores, &state.policies.at(actor.today))?;
    let reason = required(&reason, "reason", "复核说明", "Review note")?;
    let supersedes = slot.to_supersede(&same_as(state, v, key.1, &scores, set), false);
    let (village, year, period) = key;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ConflictResolved {
            village,
            year,
            period,
            scores,
            supersedes,
            reason,
            indicator_set: set.event.clone(),
        },
    )])
}
