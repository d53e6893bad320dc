//! The fold of the demotion chain: each case's head, every version of each step's
//! record, the follow-ups held and the end of the follow-up; keyed by id so that any
//! order of the same events gives the same part.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{
    DemotionChainEvent as D, DemotionStep, FollowUpKind, StandardKind, StepContent,
};
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Records, Version, Versions};

/// A case as opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseHead {
    /// The case's id.
    pub id: String,
    /// The cadre.
    pub cadre: String,
    /// The standard.
    pub standard: String,
    /// Qualitative or quantitative.
    pub kind: StandardKind,
    /// The day it was opened.
    pub opened_on: NaiveDate,
}

/// A step's record as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepEntry {
    /// What it records.
    pub record: StepContent,
    /// The day.
    pub on: NaiveDate,
    /// Why it was corrected ("" for a first record).
    pub reason: String,
}

/// A follow-up held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    /// Talk or visit.
    pub kind: FollowUpKind,
    /// Who held it.
    pub by: String,
    /// What was found.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
}

/// The end of a case's follow-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closing {
    /// Whether the cadre was used again.
    pub reinstated: bool,
    /// Whether it withdraws a case not yet filed.
    pub withdrawn: bool,
    /// The post they were given.
    pub post: String,
    /// Why.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
}

/// 能上能下's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemotionChain {
    /// Cases by id: (the event that opened it, its head); the smallest event id wins if
    /// an id were reused.
    pub cases: BTreeMap<String, (String, CaseHead)>,
    /// Step records by (case, step).
    pub steps: BTreeMap<(String, DemotionStep), Versions<StepEntry>>,
    /// Follow-ups by case, each correctable.
    pub follow_ups: BTreeMap<String, Records<FollowUp>>,
    /// Ends of follow-up by case.
    pub closings: BTreeMap<String, Versions<Closing>>,
}

impl DemotionChain {
    /// The case `id`, if opened.
    pub fn case(&self, id: &str) -> Option<&CaseHead> {
        self.cases.get(id).map(|(_, head)| head)
    }
}

fn version<T>(e: &Event, value: T, supersedes: &[String]) -> Version<T> {
    Version::of_event(e, value, Some(supersedes.to_vec()))
}

impl WorkflowState for DemotionChain {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::DemotionChain(body) = &e.body else {
            return;
        };
        match body.clone() {
            D::DemotionOpened {
                case,
                cadre,
                standard,
                kind,
                on,
            } => {
                let head = CaseHead {
                    id: case.clone(),
                    cadre,
                    standard,
                    kind,
                    opened_on: on,
                };
                let keep = self.cases.get(&case).is_none_or(|(by, _)| e.id < *by);
                if keep {
                    self.cases.insert(case, (e.id.clone(), head));
                }
            }
            D::DemotionStepRecorded {
                case,
                step,
                record,
                on,
                reason,
                supersedes,
            } => {
                let entry = StepEntry { record, on, reason };
                let v = version(e, entry, &supersedes);
                self.steps.entry((case, step)).or_default().add(v);
            }
            D::DemotionFollowedUp {
                case,
                follow_up,
                by,
                note,
                on,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let f = FollowUp {
                    kind: follow_up,
                    by,
                    note,
                    on,
                };
                let value = (!withdrawn).then_some(f);
                let records = self.follow_ups.entry(case).or_default();
                records.add(e, &corrects, value, &supersedes);
            }
            D::DemotionClosed {
                case,
                reinstated,
                withdrawn,
                post_given: post,
                note,
                on,
                supersedes,
                ..
            } => {
                let c = Closing {
                    reinstated,
                    withdrawn,
                    post,
                    note,
                    on,
                };
                let v = version(e, c, &supersedes);
                self.closings.entry(case).or_default().add(v);
            }
        }
    }
}
