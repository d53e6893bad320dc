//! What the organization department may record of the reserve pools, and why not: a
//! cadre enters a pool only when no record would take them straight out and they are
//! not in one already; a leaving names its reason; training is dated; a review says what
//! was done.

use chrono::NaiveDate;

use super::event::{Echelon, PoolReview, ReservePoolEvent, TrainingKind};
use super::pool::{members, taken_out};
use super::state::Entry;
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::state::Actor;
use crate::domain::{RuleViolation, State};

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record entries, leavings, training and reviews.
    Record,
}

impl Action {
    /// The roles allowed: the organization department's recorder and approver.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Recorder, Role::Approver]
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(self.roles(), "管理后备干部库", "manage the reserve pools")
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Put a cadre in a pool.
    Enter {
        /// A new id.
        entry: String,
        /// The cadre.
        cadre: String,
        /// The echelon.
        echelon: Echelon,
        /// How and why.
        reason: String,
        /// The day.
        on: NaiveDate,
    },
    /// Take a person out by decision.
    Leave {
        /// The entry.
        entry: String,
        /// Why.
        reason: String,
        /// The day.
        on: NaiveDate,
    },
    /// Correct an entry's echelon, reason or day, with why.
    CorrectEntry {
        /// The entry.
        entry: String,
        /// The echelon.
        echelon: Echelon,
        /// How and why it was entered.
        reason: String,
        /// The day it was entered.
        on: NaiveDate,
        /// Why it is corrected.
        why: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// Withdraw a leaving recorded by mistake, with why.
    WithdrawLeaving {
        /// The entry.
        entry: String,
        /// Why.
        why: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// Record a training or test.
    Train {
        /// The entry.
        entry: String,
        /// How.
        kind: TrainingKind,
        /// What, where.
        note: String,
        /// From.
        from: NaiveDate,
        /// Until.
        until: Option<NaiveDate>,
        /// A correction or withdrawal of a training recorded (default: a new one).
        fix: Fix,
    },
    /// Record a top-up or open selection held.
    Review {
        /// Which.
        review: PoolReview,
        /// What was done.
        note: String,
        /// The day.
        on: NaiveDate,
        /// A correction or withdrawal of a review recorded (default: a new one).
        fix: Fix,
    },
}

/// What a record corrects or withdraws (all empty: a new record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fix {
    /// The record (the id of the event that first recorded it).
    pub record: String,
    /// Whether to withdraw it (recorded by mistake).
    pub withdrawn: bool,
    /// Why.
    pub reason: String,
    /// The versions on the page as drawn.
    pub seen: Vec<String>,
}

/// A fix checked: what the event names, and the record's content when it is withdrawn.
struct Fixed<'a, T> {
    corrects: String,
    withdrawn: bool,
    reason: String,
    supersedes: Vec<String>,
    was: Option<&'a T>,
}

/// The checked fix of a record of `records`.
fn fixed<T: PartialEq>(
    records: Option<&crate::domain::versions::Records<T>>,
    fix: Fix,
) -> Result<Fixed<'_, T>, RuleViolation> {
    if fix.record.is_empty() {
        return Ok(Fixed {
            corrects: String::new(),
            withdrawn: false,
            reason: String::new(),
            supersedes: Vec::new(),
            was: None,
        });
    }
    let versions = records.and_then(|r| r.by_id.get(&fix.record));
    let current = versions.and_then(crate::domain::versions::Records::content);
    let (Some(versions), Some(current)) = (versions, current) else {
        let e = refuse(
            "reserve.no_record",
            "没有这条记录（或已撤销）".into(),
            "No such record (or withdrawn)".into(),
        );
        return Err(e.on("record"));
    };
    let supersedes = replaced(Some(versions), &fix.seen);
    if supersedes.is_empty() {
        return Err(refuse(
            "reserve.stale",
            "页面上的记录已有新版本，请刷新后再更正".into(),
            "The record has changed since the page was drawn: look again".into(),
        ));
    }
    let reason = required(
        &fix.reason,
        "reason",
        "更正原因",
        "Reason for the correction",
    )?;
    Ok(Fixed {
        was: fix.withdrawn.then_some(current),
        corrects: fix.record,
        withdrawn: fix.withdrawn,
        reason,
        supersedes,
    })
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

fn not_future(on: NaiveDate, today: NaiveDate, field: &str) -> Result<(), RuleViolation> {
    if on <= today {
        return Ok(());
    }
    let e = refuse(
        "reserve.date",
        format!("日期不能晚于今天（{today}）"),
        format!("The day cannot be after today ({today})"),
    );
    Err(e.on(field))
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Record.roles(), actor)?;
    let today = actor.today;
    let event = match cmd {
        Command::Enter {
            entry,
            cadre,
            echelon,
            reason,
            on,
        } => {
            crate::domain::id::check(&entry, "entry", "入库编号", "Entry id")?;
            crate::domain::id::check(&cadre, "cadre", "干部", "Cadre")?;
            not_future(on, today, "on")?;
            enter_ok(state, &entry, &cadre, echelon, on, today)?;
            ReservePoolEvent::ReserveEntered {
                entry,
                cadre,
                echelon,
                reason: required(&reason, "reason", "入库依据", "Why")?,
                on,
                correction: String::new(),
                supersedes: Vec::new(),
            }
        }
        Command::CorrectEntry {
            entry,
            echelon,
            reason,
            on,
            why,
            seen,
        } => {
            not_future(on, today, "on")?;
            let cadre = known(state, &entry)?.cadre.clone();
            entry_day_ok(state, &entry, on)?;
            let supersedes = replaced(state.reserve_pool.entries.get(&entry), &seen);
            if supersedes.is_empty() {
                return Err(refuse(
                    "reserve.stale",
                    "页面上的入库记录已有新版本，请刷新后再更正".into(),
                    "The entry has changed since the page was drawn: look again".into(),
                ));
            }
            ReservePoolEvent::ReserveEntered {
                entry,
                cadre,
                echelon,
                reason: required(&reason, "reason", "入库依据", "Why")?,
                on,
                correction: required(&why, "why", "更正原因", "Reason for the correction")?,
                supersedes,
            }
        }
        Command::WithdrawLeaving { entry, why, seen } => {
            let cadre = known(state, &entry)?.cadre.clone();
            let other = standing_entry(state, &cadre, today).filter(|m| *m != entry);
            if other.is_some() {
                return Err(refuse(
                    "reserve.already_in",
                    "此人已另有入库记录在库中，不能撤销这条调整出库".into(),
                    "The person is in the pool by another entry: this leaving cannot be withdrawn"
                        .into(),
                ));
            }
            let versions = state.reserve_pool.leavings.get(&entry);
            let live = versions.map(|v| v.live()).unwrap_or_default();
            if !live.iter().any(|l| !l.value.withdrawn) {
                return Err(refuse(
                    "reserve.not_left",
                    "这条记录没有由决定调整出库，无可撤销".into(),
                    "No leaving by decision to withdraw".into(),
                ));
            }
            let supersedes = replaced(versions, &seen);
            if supersedes.is_empty() {
                return Err(refuse(
                    "reserve.stale",
                    "页面上的调整出库记录已有新版本，请刷新后再撤销".into(),
                    "The leaving has changed since the page was drawn: look again".into(),
                ));
            }
            ReservePoolEvent::ReserveLeft {
                entry,
                reason: required(&why, "why", "撤销原因", "Why it is withdrawn")?,
                on: today,
                withdrawn: true,
                supersedes,
            }
        }
        Command::Leave { entry, reason, on } => {
            not_future(on, today, "on")?;
            let e = active(state, &entry, today)?;
            if on < e.on {
                let v = refuse(
                    "reserve.date",
                    format!("日期不能早于入库日期（{}）", e.on),
                    format!("The day cannot precede the entry ({})", e.on),
                );
                return Err(v.on("on"));
            }
            // A withdrawal standing is replaced by this leaving.
            let supersedes = withdrawals(state, &entry);
            ReservePoolEvent::ReserveLeft {
                entry,
                reason: required(&reason, "reason", "调整原因", "Why")?,
                on,
                withdrawn: false,
                supersedes,
            }
        }
        Command::Train {
            entry,
            kind,
            note,
            from,
            until,
            fix,
        } => {
            let records = state.reserve_pool.training.get(&entry);
            let Fixed {
                corrects,
                withdrawn,
                reason,
                supersedes,
                was,
            } = fixed(records, fix)?;
            let (kind, note, from, until) = match was {
                Some(t) => (t.kind, t.note.clone(), t.from, t.until),
                None => (kind, note, from, until),
            };
            let entered = known(state, &entry)?.on;
            not_future(from, today, "from")?;
            let left = state
                .reserve_pool
                .leavings
                .get(&entry)
                .into_iter()
                .flat_map(|v| v.live());
            let left = left
                .filter(|l| !l.value.withdrawn)
                .map(|l| l.value.on)
                .min();
            if from < entered || left.is_some_and(|l| from > l) {
                let v = refuse(
                    "reserve.date",
                    format!("培养开始日期应在入库（{entered}）之后、调整出库之前"),
                    format!("Training starts after the entry ({entered}) and before any leaving"),
                );
                return Err(v.on("from"));
            }
            if until.is_some_and(|u| u < from) {
                let v = refuse(
                    "reserve.date",
                    "结束日期不能早于开始日期".into(),
                    "It cannot end before it starts".into(),
                );
                return Err(v.on("until"));
            }
            ReservePoolEvent::ReserveTrained {
                entry,
                training: kind,
                note: required(&note, "note", "内容", "What")?,
                from,
                until,
                corrects,
                withdrawn,
                reason,
                supersedes,
            }
        }
        Command::Review {
            review,
            note,
            on,
            fix,
        } => {
            let Fixed {
                corrects,
                withdrawn,
                reason,
                supersedes,
                was,
            } = fixed(Some(&state.reserve_pool.reviews), fix)?;
            let (review, note, on) = match was {
                Some(r) => (r.review, r.note.clone(), r.on),
                None => (review, note, on),
            };
            not_future(on, today, "on")?;
            ReservePoolEvent::PoolReviewed {
                review,
                note: required(&note, "note", "完成情况", "What was done")?,
                on,
                corrects,
                withdrawn,
                reason,
                supersedes,
            }
        }
    };
    Ok(vec![EventBody::ReservePool(event)])
}

/// The entry by which `cadre` stands in the pools on `today`, if any.
fn standing_entry(state: &State, cadre: &str, today: NaiveDate) -> Option<String> {
    let found = members(state, today)
        .into_iter()
        .find(|m| m.entry.cadre == cadre && m.out.is_none());
    found.map(|m| m.entry.id.clone())
}

/// A corrected entry day: not after its leaving, nor after a training recorded for it.
fn entry_day_ok(state: &State, entry: &str, on: NaiveDate) -> Result<(), RuleViolation> {
    let pool = &state.reserve_pool;
    let left = pool.leavings.get(entry).into_iter().flat_map(|v| v.live());
    let left = left.filter(|l| !l.value.withdrawn).map(|l| l.value.on);
    let trained = pool
        .training
        .get(entry)
        .into_iter()
        .flat_map(|t| t.standing())
        .map(|(_, t, _)| t.from);
    match left.chain(trained).min() {
        Some(limit) if on > limit => {
            let e = refuse(
                "reserve.date",
                format!("入库日期不能晚于已记录的调整出库或培养日期（{limit}）"),
                format!(
                    "The entry cannot be after its leaving or training already recorded ({limit})"
                ),
            );
            Err(e.on("on"))
        }
        _ => Ok(()),
    }
}

/// The live withdrawals of `entry`'s leavings.
fn withdrawals(state: &State, entry: &str) -> Vec<String> {
    let versions = state.reserve_pool.leavings.get(entry);
    let live = versions.map(|v| v.live()).unwrap_or_default();
    live.iter()
        .filter(|l| l.value.withdrawn)
        .map(|l| l.id.clone())
        .collect()
}

/// The live versions among those drawn (what a new version replaces).
fn replaced<T>(
    versions: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

fn known<'a>(state: &'a State, entry: &str) -> Result<&'a Entry, RuleViolation> {
    let found = state
        .reserve_pool
        .entries
        .get(entry)
        .and_then(|v| v.current());
    found.ok_or_else(|| {
        refuse(
            "reserve.no_entry",
            "后备干部库中没有这条记录".into(),
            "No such entry".into(),
        )
        .on("entry")
    })
}

fn active<'a>(state: &'a State, entry: &str, today: NaiveDate) -> Result<&'a Entry, RuleViolation> {
    let e = known(state, entry)?;
    let out = members(state, today)
        .into_iter()
        .find(|m| m.entry.id == entry)
        .and_then(|m| m.out);
    match out {
        None => Ok(e),
        Some(o) => Err(refuse(
            "reserve.not_in_pool",
            format!("已于{}调整出库：{}", o.on, o.said(true)),
            format!("Out of the pool since {}: {}", o.on, o.said(false)),
        )),
    }
}

fn enter_ok(
    state: &State,
    entry: &str,
    cadre: &str,
    echelon: Echelon,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), RuleViolation> {
    if state.cadre_selection.cadre(cadre).is_none() {
        let e = refuse(
            "reserve.cadre",
            "干部库中没有这名干部".into(),
            "No such cadre in the pool of cadres".into(),
        );
        return Err(e.on("cadre"));
    }
    if state.reserve_pool.entries.contains_key(entry) {
        return Err(refuse(
            "reserve.entry_exists",
            "该入库记录已存在".into(),
            "This entry exists already".into(),
        ));
    }
    if let Some(m) = members(state, today)
        .into_iter()
        .find(|m| m.entry.cadre == cadre && m.out.is_none())
    {
        let e = refuse(
            "reserve.already_in",
            format!("{}已在{}中", m.name, m.entry.echelon.label(true)),
            format!(
                "{} is in the {} already",
                m.name,
                m.entry.echelon.label(false).to_lowercase()
            ),
        );
        return Err(e.on("cadre"));
    }
    let trial = Entry {
        id: entry.to_string(),
        cadre: cadre.to_string(),
        echelon,
        reason: String::new(),
        on,
    };
    if let Some(out) = taken_out(state, &trial, today.max(on)) {
        let e = refuse(
            "reserve.barred",
            format!("不能入库：{}", out.said(true)),
            format!("Cannot enter: {}", out.said(false)),
        );
        return Err(e.on("cadre"));
    }
    Ok(())
}
