//! The fold of the reserve pools: entries by id, leavings, training, and the pool's
//! reviews; keyed by event id so that any order of the same events gives the same part.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{Echelon, PoolReview, ReservePoolEvent as R, TrainingKind};
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Records, Version, Versions};

/// A cadre's entry into a pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's id.
    pub id: String,
    /// The cadre.
    pub cadre: String,
    /// The echelon.
    pub echelon: Echelon,
    /// How and why.
    pub reason: String,
    /// The day.
    pub on: NaiveDate,
}

/// A leaving by decision (or its withdrawal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaving {
    /// Why.
    pub reason: String,
    /// The day.
    pub on: NaiveDate,
    /// Whether it withdraws the leavings it replaces.
    pub withdrawn: bool,
}

/// A training or test of a person in a pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Training {
    /// How.
    pub kind: TrainingKind,
    /// What, where.
    pub note: String,
    /// From.
    pub from: NaiveDate,
    /// Until.
    pub until: Option<NaiveDate>,
}

/// A pool-wide review held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// Which.
    pub review: PoolReview,
    /// The day.
    pub on: NaiveDate,
    /// What was done.
    pub note: String,
}

/// 后备干部's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReservePool {
    /// Every version of each entry, by id.
    pub entries: BTreeMap<String, Versions<Entry>>,
    /// Every version of each entry's leaving (withdrawals too), by entry.
    pub leavings: BTreeMap<String, Versions<Leaving>>,
    /// Training by entry, each correctable.
    pub training: BTreeMap<String, Records<Training>>,
    /// The pool's reviews, each correctable.
    pub reviews: Records<Review>,
}

impl WorkflowState for ReservePool {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::ReservePool(body) = &e.body else {
            return;
        };
        match body.clone() {
            R::ReserveEntered {
                entry,
                cadre,
                echelon,
                reason,
                on,
                supersedes,
                ..
            } => {
                let value = Entry {
                    id: entry.clone(),
                    cadre,
                    echelon,
                    reason,
                    on,
                };
                let v = Version::of_event(e, value, Some(supersedes));
                self.entries.entry(entry).or_default().add(v);
            }
            R::ReserveLeft {
                entry,
                reason,
                on,
                withdrawn,
                supersedes,
            } => {
                let leaving = Leaving {
                    reason,
                    on,
                    withdrawn,
                };
                let v = Version::of_event(e, leaving, Some(supersedes));
                self.leavings.entry(entry).or_default().add(v);
            }
            R::ReserveTrained {
                entry,
                training,
                note,
                from,
                until,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let t = Training {
                    kind: training,
                    note,
                    from,
                    until,
                };
                let value = (!withdrawn).then_some(t);
                let records = self.training.entry(entry).or_default();
                records.add(e, &corrects, value, &supersedes);
            }
            R::PoolReviewed {
                review,
                note,
                on,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = (!withdrawn).then_some(Review { review, on, note });
                self.reviews.add(e, &corrects, value, &supersedes);
            }
        }
    }
}
