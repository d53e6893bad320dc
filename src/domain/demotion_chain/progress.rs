//! How far a case has got, worked out from its records: each step as it stands, the
//! step to record next (strict order), what holds it (two versions that differ), where
//! it ended early (not found unfit, or no adjustment decided), the disposal decided, and
//! once filed, when the next talk and visit fall due.

use chrono::NaiveDate;

use super::event::{DemotionStep, Disposal, FollowUpKind};
use super::state::{CaseHead, Closing, StepEntry};
use crate::domain::cadre_selection::cadre::add_months;
use crate::domain::versions::{standing, Standing};
use crate::domain::State;

/// Where a case stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// A step is next.
    Next(DemotionStep),
    /// A step's record differs between two phones: settle it first.
    Held(DemotionStep),
    /// Ended at a step: 综合分析 found the cadre fit, or 讨论决定 decided no adjustment.
    Ended(DemotionStep),
    /// Filed: the follow-up runs.
    FollowUp,
    /// The follow-up ended.
    Closed(Closing),
    /// Its end differs between two phones.
    ClosingHeld,
}

/// A case and what its records work out to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The case.
    pub head: &'a CaseHead,
    /// Each step's standing record, in order, up to the first not recorded.
    pub steps: Vec<(DemotionStep, Standing<'a, StepEntry>)>,
    /// Where it stands.
    pub phase: Phase,
    /// The disposal decided, if any.
    pub disposal: Option<(Disposal, NaiveDate)>,
    /// The day it was filed (the follow-up's start).
    pub filed_on: Option<NaiveDate>,
}

/// The standing record of a case's step.
pub fn step<'a>(state: &'a State, case: &str, s: DemotionStep) -> Standing<'a, StepEntry> {
    standing(state.demotion_chain.steps.get(&(case.to_string(), s)))
}

/// How far `case` has got (`None`: no such case).
pub fn progress<'a>(state: &'a State, case: &str) -> Option<Progress<'a>> {
    let head = state.demotion_chain.case(case)?;
    let mut steps = Vec::new();
    let mut phase = Phase::FollowUp;
    let mut disposal = None;
    let mut filed_on = None;
    for s in DemotionStep::ALL {
        let standing = step(state, case, s);
        steps.push((s, standing));
        let entry = match standing {
            Standing::None => {
                phase = Phase::Next(s);
                break;
            }
            Standing::Conflict => {
                phase = Phase::Held(s);
                break;
            }
            Standing::One(e) => e,
        };
        match s {
            DemotionStep::Analysis if entry.record.unfit == Some(false) => {
                phase = Phase::Ended(s);
                break;
            }
            DemotionStep::Decision => match entry.record.disposal {
                Some(d) => disposal = Some((d, entry.on)),
                None => {
                    phase = Phase::Ended(s);
                    break;
                }
            },
            DemotionStep::Filing => filed_on = Some(entry.on),
            _ => {}
        }
    }
    // An end recorded closes the case: the follow-up's end once filed, or a case
    // withdrawn (opened on the wrong cadre or standard) before it was filed, whose
    // decision then counts for nothing. A withdrawal meeting a filing made on another
    // phone, or an end of follow-up before any filing, waits for a correction.
    let closing = standing(state.demotion_chain.closings.get(case));
    let filed = filed_on.is_some();
    match closing {
        Standing::One(c) if c.withdrawn && !filed => {
            phase = Phase::Closed(c.clone());
            disposal = None;
        }
        Standing::One(c) if !c.withdrawn && filed && phase == Phase::FollowUp => {
            phase = Phase::Closed(c.clone())
        }
        Standing::One(_) | Standing::Conflict => phase = Phase::ClosingHeld,
        Standing::None => {}
    }
    Some(Progress {
        head,
        steps,
        phase,
        disposal,
        filed_on,
    })
}

/// The next talk or visit of a case under follow-up: the last one held (or the filing)
/// plus the policy's months.
pub fn next_due(state: &State, case: &str, kind: FollowUpKind, filed_on: NaiveDate) -> NaiveDate {
    let policy = state.policies.at(filed_on).demotion_chain;
    let months = match kind {
        FollowUpKind::Talk => policy.talk_months,
        FollowUpKind::Visit => policy.visit_months,
    };
    let held = state.demotion_chain.follow_ups.get(case);
    let last = held
        .into_iter()
        .flat_map(|f| f.standing())
        .map(|(_, f, _)| f)
        .filter(|f| f.kind == kind && f.on >= filed_on)
        .map(|f| f.on)
        .max()
        .unwrap_or(filed_on);
    add_months(last, months.max(1))
}

/// Every case of `cadre`, each with its progress, oldest first.
pub fn cases_of<'a>(state: &'a State, cadre: &str) -> Vec<Progress<'a>> {
    let mut out: Vec<Progress> = state
        .demotion_chain
        .cases
        .values()
        .filter(|(_, h)| h.cadre == cadre)
        .filter_map(|(_, h)| progress(state, &h.id))
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.head.opened_on, &a.head.id).cmp(&(b.head.opened_on, &b.head.id))
    });
    out
}

/// The disposal decided for `cadre` (the latest), for the reserve pools (W9).
pub fn disposed(state: &State, cadre: &str) -> Option<(Disposal, NaiveDate, String)> {
    cases_of(state, cadre)
        .into_iter()
        .filter_map(|p| p.disposal.map(|(d, on)| (d, on, p.head.id.clone())))
        .max_by_key(|(_, on, _)| *on)
}
