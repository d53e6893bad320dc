//! The whole derived state: master data, policy history and each workflow's part
//! (`WorkflowState`), folded from events.

use crate::domain::sorting;
use crate::domain::workflows::MasterEvent;
use std::collections::BTreeSet;

use super::event::{Event, EventBody, Role};
use super::master::{Master, Recorded};
use super::policy::PolicyHistory;

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
    /// `access::townships_of`): they may record a township's records only for these.
    /// Empty when not known (no server login on this device): not checked here then,
    /// the server still refuses a record for another township's database.
    pub townships: Vec<String>,
}

/// A workflow's part of the state: folded from its own events alone, keyed by event id
/// so that any order of the same events gives the same part.
pub trait WorkflowState: Clone + std::fmt::Debug + Default + PartialEq {
    /// Fold one of the workflow's own events; `master` is the master data so far.
    fn evolve(&mut self, master: &Master, e: &Event);

    /// A village's township changed (a master record; `before` is the township it had,
    /// empty if none): a part whose records count by township places them again.
    fn village_moved(&mut self, _master: &Master, _village: &str, _before: &str) {}
}

/// `State` with a field for each workflow's part (`for_each_workflow!`), and what folds
/// into and takes them.
macro_rules! state_parts {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        /// Everything derived from the log.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct State {
            /// Master data.
            pub master: Master,
            /// Policy changes.
            pub policies: PolicyHistory,
            $($(#[doc = $doc])* pub $module: super::$module::State,)+
            /// How many events are folded in (each id once: see [`State::evolve`]).
            pub folded: usize,
        }

        impl State {
            /// Fold a workflow's event into its part.
            fn evolve_workflow(&mut self, e: &Event) {
                match &e.body {
                    EventBody::Master(_) => {}
                    $(EventBody::$variant(_) => WorkflowState::evolve(&mut self.$module, &self.master, e),)+
                }
            }

            /// Tell every part that a village's township changed.
            fn village_moved(&mut self, village: &str, before: &str) {
                $(self.$module.village_moved(&self.master, village, before);)+
            }

            /// Take the parts folded later (`workflows::folds_later`) from `later`, a state
            /// into which only their events were folded (`store::Ledger::open_later`): their
            /// fold reads and writes only their own part, so this is the state of the whole log.
            pub fn take_later_parts(&mut self, later: State) {
                // Each field named: a part added to the state is placed here, one way or the other.
                let State { master, policies, $($module,)+ folded } = later;
                debug_assert!(
                    master == Master::default() && policies == PolicyHistory::default(),
                    "only the parts folded later are folded into it"
                );
                $(if <super::$module::$part>::FOLDS_LATER {
                    debug_assert!(
                        self.$module == Default::default(),
                        "the parts folded later are folded into their own state alone"
                    );
                    self.$module = $module;
                } else {
                    debug_assert!($module == Default::default(), "only the parts folded later are folded into it");
                })+
                self.folded = self.folded.saturating_add(folded);
            }
        }
    };
}

crate::for_each_workflow!(state_parts);

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
                let before = self.master.township_of(village);
                self.master
                    .record_village(village, record, recorded(e, supersedes));
                self.village_moved(village, &before);
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
                    .add(*effective_from, recorded(e, supersedes), (**policy).clone());
            }
            _ => self.evolve_workflow(e),
        }
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
