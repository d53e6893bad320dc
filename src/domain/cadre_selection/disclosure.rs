//! Disclosures of a new appointee's matters (有关事项公开, seed 002 开鲁): two per
//! target, each a working-day window, never backdated beyond the policy's tolerance.
//! Like step records they are corrected by a new disclosure naming what it
//! `supersedes`; two live disclosures of one round of one cadre (or two corrections
//! of one disclosure) are a conflict a recorder resolves by a correction naming all.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::gates::{linked, Names};
use super::rules::{not_future, text};
use super::state::{missing, Case, Disclosure, Missing};
use super::Round;
use crate::domain::id;
use crate::domain::policy::Policy;
use crate::domain::time::add_days;
use crate::domain::RuleViolation as V;

impl Case {
    /// Disclosures no later one corrects, by (start, round, id).
    pub fn live_disclosures(&self) -> Vec<&Disclosure> {
        let corrected: std::collections::BTreeSet<&str> = self
            .disclosures
            .values()
            .flat_map(|d| d.supersedes.iter().map(String::as_str))
            .collect();
        let mut out: Vec<&Disclosure> = self
            .disclosures
            .values()
            .filter(|d| !corrected.contains(d.id.as_str()))
            .collect();
        sorting::sort_by(&mut out, |a, b| {
            (a.start, a.round, &a.id).cmp(&(b.start, b.round, &b.id))
        });
        out
    }

    /// Groups of live disclosures recorded without seeing each other: one round of
    /// one cadre twice, or two corrections of the same disclosure.
    pub fn disclosure_conflicts(&self) -> Vec<Vec<&Disclosure>> {
        let live = self.live_disclosures();
        linked(&live, |d| {
            let mut keys: Vec<String> = d.supersedes.iter().map(|s| format!("^{s}")).collect();
            keys.push(format!("{}/{:?}", d.cadre, d.round));
            keys
        })
    }
}

/// The conflict reason of a group of disclosures.
pub(super) fn conflict_missing(group: &[&Disclosure], names: Names) -> Missing {
    let who = group
        .first()
        .map(|d| names.cadre(&d.cadre))
        .unwrap_or_default();
    let by: Vec<String> = group
        .iter()
        .map(|d| format!("{}@{}", d.author, d.device))
        .collect();
    missing(
        "w4.disclosure_conflict",
        format!(
            "{who} 的有关事项公开有 {} 条在不同手机上各自记录的内容（{}），须由记录人更正为一条",
            group.len(),
            by.join("、")
        ),
        format!(
            "{who}'s disclosure has {} versions recorded on phones that had not seen each other ({}); a recorder must correct them into one",
            group.len(),
            by.join(", ")
        ),
    )
}

/// A disclosure (or its correction) of `cadre`'s `round` starting on `start`: after
/// becoming a target, the first before the decision and the second after it, not in
/// the future and not backdated beyond the policy's tolerance (a correction may keep
/// the start of a disclosure it corrects), one live per round. `replacing`: the live
/// disclosures a correction replaces.
pub(super) fn disclosure_rules(
    c: &Case,
    cadre: &str,
    round: Round,
    start: NaiveDate,
    replacing: &[&Disclosure],
    policy: &Policy,
    today: NaiveDate,
) -> Result<(), V> {
    id::check(cadre, "cadre", "干部编号", "Cadre id")?;
    not_future(start, today, "start")?;
    in_order(c, cadre, round, start)?;
    let kept = replacing.iter().map(|d| d.start).min();
    if kept.is_none_or(|k| start < k) {
        not_backdated(start, today, policy, "start")?;
    }
    let taken = c
        .live_disclosures()
        .into_iter()
        .any(|d| d.cadre == cadre && d.round == round && !replacing.iter().any(|r| r.id == d.id));
    if taken {
        return Err(V::new(
            "w4.duplicate",
            "该次公开已记录；如需修改，请点该公开的“更正”",
            "This disclosure is recorded already; use “Correct” on it to change it",
        ));
    }
    Ok(())
}

/// A 任前公示 or disclosure cannot say it started before the day it is recorded,
/// beyond the policy's tolerance (`publicity_backdate_days`, default 0): its window
/// must really have existed.
pub(super) fn not_backdated(
    start: NaiveDate,
    today: NaiveDate,
    policy: &Policy,
    field: &str,
) -> Result<(), V> {
    let days = policy.publicity_backdate_days;
    let earliest = add_days(today, -i64::from(days));
    if start >= earliest {
        return Ok(());
    }
    let (zh, en) = if days == 0 {
        (
            format!("开始日期不能早于登记当天（{today}）"),
            format!("It cannot start before the day it is recorded ({today})"),
        )
    } else {
        (
            format!("开始日期最早只能是 {earliest}（登记日前 {days} 天）"),
            format!("It can start no earlier than {earliest} ({days} days before it is recorded)"),
        )
    };
    Err(V::new("w4.backdated", zh, en).on(field))
}

fn in_order(c: &Case, cadre: &str, round: Round, start: NaiveDate) -> Result<(), V> {
    let Some(target_on) = c.target_dates().get(cadre).copied() else {
        return Err(V::new(
            "w4.disclosure_round",
            "只有考察对象的有关事项才能公开",
            "Only an inspection target's matters are disclosed",
        ));
    };
    let decided = c.decided().get(cadre).map(|d| d.1);
    let ok = match round {
        Round::First => start >= target_on && decided.is_none_or(|d| start < d),
        Round::Second => decided.is_some_and(|d| start >= d),
    };
    if ok {
        return Ok(());
    }
    Err(match round {
        Round::First => V::new(
            "w4.disclosure_round",
            "第一次公开须在确定为考察对象之后、常委会讨论决定之前",
            "The first disclosure falls after becoming a target and before the decision",
        ),
        Round::Second => V::new(
            "w4.disclosure_round",
            "第二次公开须在讨论决定之后",
            "The second disclosure falls after the decision",
        ),
    })
}

/// The live disclosures a correction names (at least one, all of the same cadre and
/// round as the correction), and its reason.
pub(super) fn corrected_disclosures<'a>(
    c: &'a Case,
    cadre: &str,
    round: Round,
    mut named: Vec<String>,
    reason: &str,
) -> Result<(Vec<&'a Disclosure>, String), V> {
    let reason = text(
        reason,
        "correct_reason",
        "更正理由",
        "Reason for the correction",
    )?;
    sorting::sort(&mut named);
    named.dedup();
    let live = c.live_disclosures();
    let found: Vec<&Disclosure> = named
        .iter()
        .filter_map(|id| live.iter().find(|d| &d.id == id).copied())
        .collect();
    let same = found.iter().all(|d| d.cadre == cadre && d.round == round);
    if named.is_empty() || found.len() != named.len() || !same {
        return Err(V::new(
            "w4.correct_target",
            "要更正的公开不存在、已被更正，或不是同一人同一轮次的公开",
            "The disclosure to correct does not exist, was corrected already, or is of another cadre or round",
        ));
    }
    Ok((found, reason))
}
