//! The whole derived state: master data, policy history and W1, folded from events.

use crate::domain::sorting;
use crate::domain::workflows::MasterEvent;
use std::collections::BTreeSet;

use super::cadre_selection::CadreSelection;
use super::event::{Event, EventBody, Role};
use super::master::{Master, Recorded};
use super::policy::PolicyHistory;
use super::village_pay::{Placement, VillagePay};

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
    /// counts only if recorded in its township's database, `village_pay::Placement`).
    pub village_pay: VillagePay,
    /// Every W1 record's facts by the township database it names, to rebuild what
    /// counts when a village's township changes, and to show what does not count.
    pub village_pay_placement: Placement,
    /// Cadre selection records (cadres, posts, cases).
    pub cadre_selection: CadreSelection,
    /// How many events are folded in (each id once: see [`State::evolve`]).
    pub folded: usize,
}

impl State {
    /// Fold a set of events. Deterministic: any permutation of the same events
    /// gives the same state (events are applied in (recorded_at, id) order, and
    /// every accumulator is keyed by id).
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> State {
        let mut sorted: Vec<&Event> = events.into_iter().collect();
        sorting::sort_by(&mut sorted, |a, b| {
            State::fold_key(a).cmp(&State::fold_key(b))
        });
        let mut state = State::default();
        let mut seen = BTreeSet::new();
        for e in sorted {
            if seen.insert(e.id.as_str()) {
                state.evolve(e);
            }
        }
        state
    }

    /// The order events are folded in: by time recorded, then id.
    pub fn fold_key(e: &Event) -> (i64, &str) {
        (e.recorded_at, &e.id)
    }

    /// Apply one event not folded in before. The caller keeps each id once (the
    /// ledger's index does, [`State::fold`] does): the state keeps no second set of
    /// every id, which cost a copy of each and a tenth of a county's open.
    pub fn evolve(&mut self, e: &Event) {
        self.folded += 1;
        match &e.body {
            EventBody::Master(MasterEvent::TownshipRecorded {
                township,
                name,
                supersedes,
            }) => {
                self.master
                    .record_township(township, name, recorded(e, supersedes));
            }
            EventBody::Master(MasterEvent::VillageRecorded {
                village,
                township,
                name,
                population,
                supersedes,
            }) => {
                let record = (township.clone(), name.clone(), *population);
                let before = super::village_pay::placement_township(&self.master, village);
                self.master
                    .record_village(village, record, recorded(e, supersedes));
                self.village_pay_placement.village_moved(
                    &mut self.village_pay,
                    &self.master,
                    village,
                    &before,
                );
            }
            EventBody::Master(MasterEvent::HeadsRecorded {
                village,
                secretary,
                director,
                supersedes,
            }) => {
                self.master
                    .record_heads(village, secretary, director, recorded(e, supersedes));
            }
            EventBody::Master(MasterEvent::PolicyChanged {
                effective_from,
                policy,
                supersedes,
            }) => {
                self.policies
                    .add(*effective_from, recorded(e, supersedes), policy.clone());
            }
            EventBody::CadreSelection(_) => self.cadre_selection.evolve(e),
            EventBody::VillagePay(_) => {
                self.village_pay_placement
                    .evolve(&mut self.village_pay, &self.master, e)
            }
        }
    }
}

impl State {
    /// Take the parts folded later (`workflows::folds_later`) from `later`, a state
    /// into which only their events were folded (`store::Ledger::open_later`): their
    /// fold reads and writes only their own part, so this is the state of the whole log.
    pub fn take_later_parts(&mut self, later: State) {
        // Each field named: a part added to the state is placed here, one way or the other.
        let State {
            master,
            policies,
            village_pay,
            village_pay_placement,
            cadre_selection,
            folded,
        } = later;
        debug_assert!(
            master == Master::default()
                && policies == PolicyHistory::default()
                && village_pay == VillagePay::default()
                && village_pay_placement == Placement::default(),
            "only the parts folded later are folded into it"
        );
        debug_assert!(
            self.cadre_selection == CadreSelection::default(),
            "the parts folded later are folded into their own state alone"
        );
        self.cadre_selection = cadre_selection;
        self.folded = self.folded.saturating_add(folded);
    }

    /// W1 records about `village` that do not count: recorded in the database of a
    /// township it does not belong to.
    pub fn village_pay_not_counted(&self, village: &str) -> Vec<super::village_pay::NotCounted> {
        self.village_pay_placement
            .not_counted(&self.master, village)
    }
}

/// Who recorded a version of a shared record, when, and what it replaces.
fn recorded(e: &Event, supersedes: &Option<Vec<String>>) -> Recorded {
    Recorded {
        id: e.id.clone(),
        recorded_at: e.recorded_at,
        author: e.author.clone(),
        device: e.device.clone(),
        supersedes: supersedes.clone(),
    }
}
