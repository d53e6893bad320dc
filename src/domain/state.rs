//! The whole derived state: master data, policy history and W1, folded from events.

use std::collections::BTreeSet;

use super::event::{Event, EventBody, Role};
use super::master::{Master, Recorded};
use super::policy::PolicyHistory;
use super::w1::{Placement, W1};
use super::w4::W4;

/// Who is acting, and on which Beijing date: the context of every command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Name of the person using the device.
    pub name: String,
    /// The role they act in.
    pub role: Role,
    /// Today's Beijing date on the device.
    pub today: chrono::NaiveDate,
    /// The townships the user is a member of (their server roles `township:<id>`,
    /// `access::townships_of`): they may record village pay only for villages of these.
    /// Empty when not known (no server login on this device): not checked here then,
    /// the server still refuses a record for another township's database.
    pub townships: Vec<String>,
}

/// Everything derived from the log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// Master data.
    pub master: Master,
    /// Policy changes.
    pub policies: PolicyHistory,
    /// Village performance pay: the records that count (a record about a village
    /// counts only if recorded in its township's database, `w1::Placement`).
    pub w1: W1,
    /// Every W1 record's facts by the township database it names, to rebuild what
    /// counts when a village's township changes, and to show what does not count.
    pub w1_placement: Placement,
    /// Cadre selection records (cadres, posts, cases).
    pub w4: W4,
    /// Ids of every event folded in.
    pub ids: BTreeSet<String>,
}

impl State {
    /// Fold a set of events. Deterministic: any permutation of the same events
    /// gives the same state (events are applied in (recorded_at, id) order, and
    /// every accumulator is keyed by id).
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> State {
        let mut sorted: Vec<&Event> = events.into_iter().collect();
        sorted.sort_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)));
        let mut state = State::default();
        for e in sorted {
            state.evolve(e);
        }
        state
    }

    /// Apply one event. Duplicates (same id) are ignored.
    pub fn evolve(&mut self, e: &Event) {
        if !self.ids.insert(e.id.clone()) {
            return;
        }
        match &e.body {
            EventBody::TownshipRecorded {
                township,
                name,
                supersedes,
            } => {
                self.master
                    .record_township(township, name, recorded(e, supersedes));
            }
            EventBody::VillageRecorded {
                village,
                township,
                name,
                population,
                supersedes,
            } => {
                let record = (township.clone(), name.clone(), *population);
                let before = super::w1::placement_township(&self.master, village);
                self.master
                    .record_village(village, record, recorded(e, supersedes));
                self.w1_placement
                    .village_moved(&mut self.w1, &self.master, village, &before);
            }
            EventBody::HeadsRecorded {
                village,
                secretary,
                director,
                supersedes,
            } => {
                self.master
                    .record_heads(village, secretary, director, recorded(e, supersedes));
            }
            EventBody::PolicyChanged {
                effective_from,
                policy,
                supersedes,
            } => {
                self.policies
                    .add(*effective_from, recorded(e, supersedes), policy.clone());
            }
            EventBody::CadreRecorded { .. }
            | EventBody::PostRecorded { .. }
            | EventBody::W4CaseOpened { .. }
            | EventBody::W4StepRecorded { .. }
            | EventBody::W4Disclosed { .. }
            | EventBody::W4Signed { .. }
            | EventBody::W4Submitted { .. }
            | EventBody::W4CaseEnded { .. } => self.w4.evolve(e),
            _ => self.w1_placement.evolve(&mut self.w1, &self.master, e),
        }
    }
}

impl State {
    /// W1 records about `village` that do not count: recorded in the database of a
    /// township it does not belong to.
    pub fn w1_not_counted(&self, village: &str) -> Vec<super::w1::NotCounted> {
        self.w1_placement.not_counted(&self.master, village)
    }
}

/// Who recorded a version of a shared record, when, and what it replaces.
fn recorded(e: &Event, supersedes: &Option<Vec<String>>) -> Recorded {
    Recorded {
        id: e.id.clone(),
        recorded_at: e.recorded_at,
        author: e.author.clone(),
        supersedes: supersedes.clone(),
    }
}
