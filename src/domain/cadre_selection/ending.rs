//! Ending a case without (further) appointment, and correcting or withdrawing an
//! ending. An ending records the step records it saw; a record it did not see (made
//! on a phone that had not seen the ending), or a second live ending, is a conflict a
//! recorder resolves with a new ending naming the ones it replaces: confirming it
//! (having seen everything) or withdrawing it (`Ending::Revoked`: the case goes on).
//!
//! Until resolved, the case shows as ended with the conflict, and any appointment it
//! holds keeps its seat in the 凡提必审 count: counting it can only make another
//! appointment to the post wait, never let a post exceed its 职数.

use crate::domain::sorting;
use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::rules::{not_future, text};
use super::state::{missing, Case, Ended, Missing};
use super::{Ending, Finding, StepRecord};
use crate::domain::RuleViolation as V;

impl Case {
    /// Endings (and withdrawals) no later one replaces, by (date, id).
    pub fn live_endings(&self) -> Vec<&Ended> {
        let replaced: BTreeSet<&str> = self
            .endings
            .values()
            .flat_map(|e| e.supersedes.iter().map(String::as_str))
            .collect();
        let mut out: Vec<&Ended> = self
            .endings
            .values()
            .filter(|e| !replaced.contains(e.id.as_str()))
            .collect();
        sorting::sort_by(&mut out, |a, b| (a.on, &a.id).cmp(&(b.on, &b.id)));
        out
    }

    /// How the case ended without appointment, if it did (the earliest live ending
    /// by date and id; a withdrawn ending does not count).
    pub fn ended(&self) -> Option<&Ended> {
        self.live_endings()
            .into_iter()
            .find(|e| e.ending != Ending::Revoked)
    }

    /// Why the case's ending needs a person: two live endings, or an ending that did
    /// not see records made since on another phone.
    pub fn ending_conflict(&self) -> Option<Missing> {
        let live = self.live_endings();
        if live.len() > 1 {
            return Some(missing(
                "w4.ending_conflict",
                "本事项在不同手机上有两条终止（或撤销终止）记录，须由记录人确认一条",
                "This case has two endings (or withdrawals) recorded on different phones; a recorder must settle one",
            ));
        }
        let end = self.ended()?;
        let saw = self.saw_steps(super::Step::Probation, &end.over, end.recorded_at);
        (!saw).then(|| {
            missing(
                "w4.ending_conflict",
                format!(
                    "本事项于 {} 终止（{}），但另一部手机在未看到终止时又记录了本事项的内容（如任职）；须由记录人确认终止或撤销终止",
                    end.on,
                    end.ending.label(true)
                ),
                format!(
                    "This case ended on {} ({}), but another phone recorded more of it (e.g. an appointment) without seeing the ending; a recorder must confirm or withdraw the ending",
                    end.on,
                    end.ending.label(false)
                ),
            )
        })
    }
}

fn end_reason(zh: &str, en: &str) -> V {
    V::new("w4.end_reason", zh, en).on("ending")
}

/// Ending a case: with a reason in words, dated after its last record and not in the
/// future, before every post is filled, for a reason the record bears out.
pub(super) fn end_rules(
    c: &Case,
    on: NaiveDate,
    ending: Ending,
    reason: &str,
    today: NaiveDate,
) -> Result<String, V> {
    let reason = text(reason, "reason", "终止原因", "Reason")?;
    not_future(on, today, "on")?;
    let last = c
        .live()
        .iter()
        .map(|e| e.record.on())
        .chain(c.opened_on)
        .max();
    if let Some(last) = last.filter(|l| on < *l) {
        return Err(V::new(
            "w4.date_order",
            format!("终止日期不能早于本事项最后一条记录的日期 {last}"),
            format!("The case cannot end before its last record of {last}"),
        )
        .on("on"));
    }
    let appointed = c.appointed();
    if c.posts
        .iter()
        .all(|p| appointed.values().any(|(ap, _)| ap == p))
    {
        return Err(V::new(
            "w4.end_after_appointment",
            "各职位均已任职，事项不能以未任职终止",
            "Every post is filled; the case cannot end without appointment",
        ));
    }
    borne_out(c, ending)?;
    Ok(reason)
}

/// The record bears the ending out: an upheld complaint, a failed vote with no
/// decision, or (withdrawn) nothing to check.
fn borne_out(c: &Case, ending: Ending) -> Result<(), V> {
    match ending {
        Ending::ComplaintUpheld => {
            let upheld = c
                .complaints()
                .iter()
                .any(|x| matches!(x.verified, Some((_, Finding::Upheld, _))));
            if !upheld {
                return Err(end_reason(
                    "本事项没有经核实属实、影响任用的举报",
                    "No complaint of this case was upheld",
                ));
            }
        }
        Ending::VoteFailed => {
            let failed = c
                .live()
                .iter()
                .any(|e| matches!(*e.record, StepRecord::Vote { passed: false, .. }));
            if !failed || c.decision_date().is_some() {
                return Err(end_reason(
                    "本事项没有未通过的表决（或拟任人选已表决通过）",
                    "No vote of this case failed (or the appointees passed)",
                ));
            }
        }
        Ending::Withdrawn => {}
        Ending::Revoked => {
            return Err(end_reason(
                "撤销终止须针对已有的终止记录",
                "Withdrawing an ending names the ending it withdraws",
            ))
        }
    }
    Ok(())
}

/// The live endings a revision names (at least one).
pub(super) fn revised_endings(c: &Case, mut named: Vec<String>) -> Result<Vec<String>, V> {
    sorting::sort(&mut named);
    named.dedup();
    let live = c.live_endings();
    if named.is_empty() || !named.iter().all(|id| live.iter().any(|e| &e.id == id)) {
        return Err(V::new(
            "w4.correct_target",
            "要更正的终止记录不存在或已被更正",
            "The ending to correct does not exist or was corrected already",
        ));
    }
    Ok(named)
}
