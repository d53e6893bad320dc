//! Deciders of a quarter's 公示 (publicity), 异议 (objections) and 定稿 (finalization).
//! Every 公示 records the window it announced and the score versions it publicized;
//! every 定稿 the versions it finalized. Objections are judged against the windows as
//! announced, never against a window recomputed from a later policy.

use super::VillagePayEvent;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::decide::{check_not_future, check_scores, indicator_set, window_end, Command};
use super::decide_slot::{
    live_ids, require_no_review_but, review_error, same_as, slot, standing_slot, village, Key,
};
use super::{Outcome, Period, Review, Slot, Source, Window};
use crate::domain::event::EventBody;
use crate::domain::id;
use crate::domain::master::{required, Village};
use crate::domain::state::{Actor, State};
use crate::domain::time::add_days;
use crate::domain::RuleViolation as V;

/// Decide a 公示, 异议 or 定稿 command about one village's quarter.
pub(super) fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    match cmd {
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
            (objector, content, raised_on),
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
        Command::ResolvePublicityConflict {
            village,
            year,
            period,
            keep,
            reason,
        } => keep_publicity(state, (village, year, period), keep, reason),
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
    let end = Some(window_end(start, &state.policies.at(start)));
    let (village, year, period) = key;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::PublicityOpened {
            village,
            year,
            period,
            start,
            versions,
            end,
        },
    )])
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

/// The windows announced, in words: "03-26 至 04-01、04-05 至 04-11".
fn windows_text(windows: &[Window], zh: bool) -> String {
    let (to, sep) = if zh { (" 至 ", "、") } else { (" to ", ", ") };
    windows
        .iter()
        .map(|w| format!("{}{to}{}", w.start, w.end))
        .collect::<Vec<_>>()
        .join(sep)
}

/// An objection is recorded when it was raised inside a window a live 公示 announced
/// (any of them, while two disagree), even when it reaches this phone after the 定稿:
/// the result then needs review until the objection is resolved.
fn raise_objection(
    state: &State,
    key: Key,
    (objector, content, raised_on): (String, String, NaiveDate),
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    let windows = slot(state, &key)
        .map(|s| s.windows(&state.policies))
        .unwrap_or_default();
    if windows.is_empty() {
        return Err(V::new(
            "w1.no_publicity",
            format!("{}{}尚未公示，无法登记异议", v.name, key.2.label(true)),
            "The result is not under publicity; no objection can be recorded",
        ));
    }
    if !windows.iter().any(|w| w.contains(raised_on)) {
        return Err(V::new(
            "w1.objection_outside_window",
            format!("异议须在公示期内（{}）提出", windows_text(&windows, true)),
            format!(
                "Objections must be raised within the publicity window ({})",
                windows_text(&windows, false)
            ),
        )
        .on("raised_on"));
    }
    check_not_future(raised_on, actor.today, "raised_on")?;
    let objector = required(&objector, "objector", "异议人", "Objector")?;
    let content = required(&content, "content", "异议内容", "Objection")?;
    let (village, year, period) = key;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ObjectionRaised {
            village,
            year,
            period,
            objector,
            content,
            raised_on,
        },
    )])
}

fn already_final() -> V {
    V::new(
        "w1.already_final",
        "结果已定稿",
        "The result is already final",
    )
}

/// The objection `id`, if it is recorded here and can be resolved now.
fn open_objection<'a>(slot: Option<&'a Slot>, id: &str) -> Result<&'a Slot, V> {
    let unknown = || V::new("w1.no_objection", "找不到该异议", "Unknown objection");
    let slot = slot.ok_or_else(unknown)?;
    let o = slot
        .objections
        .get(id)
        .filter(|o| !o.content.is_empty())
        .ok_or_else(unknown)?;
    if slot.objection_in_conflict(id) {
        return Err(review_error(&[Review::ObjectionConflict {
            objection: id.to_string(),
        }]));
    }
    if o.resolution.is_some() {
        return Err(V::new(
            "w1.objection_resolved",
            "该异议已处理",
            "The objection is already resolved",
        ));
    }
    Ok(slot)
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
    let slot = open_objection(slot(state, &key), &objection)?;
    let raised_on = slot.objections.get(&objection).map(|o| o.raised_on);
    check_not_future(resolved_on, actor.today, "resolved_on")?;
    if raised_on.is_some_and(|r| resolved_on < r) {
        return Err(V::new(
            "w1.resolved_before_raised",
            "处理日期不能早于异议日期",
            "Resolution cannot predate the objection",
        )
        .on("resolved_on"));
    }
    let outcome = match upheld {
        Some(scores) => upheld_outcome(state, v, &key, (slot, &objection), scores, note, actor)?,
        None => Outcome::Dismissed {
            reason: required(&note, "note", "不予采纳的理由", "Reason for dismissal")?,
        },
    };
    let (village, year, period) = key;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ObjectionResolved {
            village,
            year,
            period,
            objection,
            outcome,
            resolved_on,
        },
    )])
}

/// Upholding replaces the scores; after a 定稿 (the objection arrived late) the 定稿
/// and its 公示 are withdrawn, so the new scores need a new 公示.
fn upheld_outcome(
    state: &State,
    v: &Village,
    key: &Key,
    (slot, objection): (&Slot, &str),
    scores: BTreeMap<String, u32>,
    note: String,
    actor: &Actor,
) -> Result<Outcome, V> {
    let set = indicator_set(state, &v.township, key.1)?;
    let this_one =
        |r: &Review| matches!(r, Review::ObjectionAfterFinal { objection: o } if o == objection);
    require_no_review_but(state, v, (key.1, key.2), &this_one)?;
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

/// Keep one of two 公示 that announced different windows: a review resolution that
/// restates the standing scores and replaces the other 公示, and any 定稿 made before
/// the kept window ended.
fn keep_publicity(
    state: &State,
    key: Key,
    keep: String,
    reason: String,
) -> Result<Vec<EventBody>, V> {
    let v = village(state, &key.0)?;
    id::check(&keep, "keep", "公示记录", "Publicity")?;
    let slot = slot(state, &key);
    let conflict = slot.map(Slot::publicity_conflict).unwrap_or_default();
    if conflict.is_empty() {
        return Err(V::new(
            "w1.no_publicity_conflict",
            "该结果没有待确定的公示期",
            "This result has no conflicting publicity windows to settle",
        ));
    }
    let kept = conflict.iter().find(|p| p.event == keep).ok_or_else(|| {
        V::new(
            "w1.unknown_publicity",
            "所选公示不是待确定的公示之一",
            "The chosen publicity is not one of the conflicting ones",
        )
        .on("keep")
    })?;
    let reason = required(&reason, "reason", "确定理由", "Reason")?;
    let set = indicator_set(state, &v.township, key.1)?;
    let elsewhere = |r: &Review| {
        matches!(
            r,
            Review::PublicityConflict { .. } | Review::ObjectionAfterFinal { .. }
        )
    };
    require_no_review_but(state, v, (key.1, key.2), &elsewhere)?;
    let (Some(slot), Some(standing)) = (slot, slot.and_then(Slot::standing)) else {
        return Err(review_error(&[Review::Conflict]));
    };
    let end = kept.window(&state.policies).end;
    let mut supersedes = live_ids(Some(slot));
    supersedes.extend(
        conflict
            .iter()
            .filter(|p| p.event != keep)
            .map(|p| p.event.clone()),
    );
    supersedes.extend(
        slot.live_finalizations()
            .iter()
            .filter(|f| f.on <= end)
            .map(|f| f.event.clone()),
    );
    let (village, year, period) = key;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ConflictResolved {
            village,
            year,
            period,
            scores: standing.scores.clone(),
            supersedes,
            reason,
            indicator_set: set.event.clone(),
        },
    )])
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
    let w = slot
        .windows(&state.policies)
        .into_iter()
        .next()
        .ok_or_else(|| {
            V::new(
                "w1.no_publicity",
                "结果须先公示才能定稿",
                "The result must be publicized before it is final",
            )
        })?;
    check_not_future(on, actor.today, "on")?;
    if on < w.finalize_from {
        let (start, end, days, from) = (w.start, w.end, w.days, w.finalize_from);
        return Err(V::new(
            "w1.publicity_open",
            format!("公示期（{start} 至 {end}，共{days}天）未满，{from} 起方可定稿"),
            format!(
                "The {days}-day publicity ({start} to {end}) has not ended; finalize from {from}"
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
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::ResultFinalized {
            village,
            year,
            period,
            finalized_on: on,
            versions,
        },
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_listed_in_the_language_asked() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let w = |s, e| Window {
            publicity: "p".into(),
            start: s,
            end: e,
            days: 7,
            finalize_from: e,
        };
        let ws = [w(d(4, 1), d(4, 7)), w(d(4, 5), d(4, 11))];
        assert_eq!(
            windows_text(&ws, true),
            "2026-04-01 至 2026-04-07、2026-04-05 至 2026-04-11"
        );
        assert_eq!(
            windows_text(&ws, false),
            "2026-04-01 to 2026-04-07, 2026-04-05 to 2026-04-11"
        );
    }
}
