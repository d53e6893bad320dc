//! The ledger: the loaded log plus its folded state; records commands so that an
//! event is in state only once it is safely stored.

use std::collections::BTreeMap;

use super::{EventStore, Quarantined, StoreError};
use crate::domain::backup::{self, ImportPlan};
use crate::domain::command::{decide, Command};
use crate::domain::event::{Event, Stamp};
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation;

/// Why recording failed. In every case nothing was stored.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordError {
    /// A rule refused the command.
    Rule(RuleViolation),
    /// The store refused the write.
    Storage(StoreError),
}

impl RecordError {
    /// Message for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        match self {
            RecordError::Rule(v) => v.message(zh).to_string(),
            RecordError::Storage(s) => s.message(zh),
        }
    }

    /// The form field the message belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            RecordError::Rule(v) => v.field.as_deref(),
            RecordError::Storage(_) => None,
        }
    }
}

/// What [`Ledger::receive`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Received {
    /// How many events were new and are now stored and folded.
    pub added: usize,
    /// Events refused (not stored).
    pub rejected: Vec<Rejected>,
}

/// An event [`Ledger::receive`] refused to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Its id.
    pub id: String,
    /// Why.
    pub reason: RejectReason,
}

/// Why a received event was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RejectReason {
    /// Its content does not match its hash.
    HashMismatch,
    /// An event with the same id but different content is already held.
    IdClash,
}

impl RejectReason {
    /// Message for the user (`zh` = Chinese).
    pub fn message(self, zh: bool) -> &'static str {
        match (self, zh) {
            (RejectReason::HashMismatch, true) => "内容与其哈希不符（记录后被改动）",
            (RejectReason::HashMismatch, false) => {
                "content does not match its hash (changed after it was recorded)"
            }
            (RejectReason::IdClash, true) => "与本机已有的同编号记录内容不同",
            (RejectReason::IdClash, false) => {
                "differs from the event this device holds under the same id"
            }
        }
    }
}

/// A store, the events it holds, and the state folded from them.
pub struct Ledger<S: EventStore> {
    store: S,
    events: Vec<Event>,
    by_id: BTreeMap<String, usize>,
    state: State,
    quarantined: Vec<Quarantined>,
    device: String,
}

/// Time-ordered unique id: 12 hex digits of UTC ms, then 16 random hex digits.
pub fn new_id(now_ms: i64, random: u64) -> String {
    format!("{:012x}{:016x}", now_ms.max(0), random)
}

impl<S: EventStore> Ledger<S> {
    /// Load everything from `store`. `device` identifies this device in events.
    pub fn open(mut store: S, device: &str) -> Self {
        let loaded = store.load();
        let mut ledger = Ledger {
            store,
            events: Vec::new(),
            by_id: BTreeMap::new(),
            state: State::default(),
            quarantined: loaded.quarantined,
            device: device.to_string(),
        };
        for e in loaded.events {
            ledger.index(e);
        }
        ledger.state = State::fold(&ledger.events);
        ledger
    }

    fn index(&mut self, e: Event) {
        if !self.by_id.contains_key(&e.id) {
            self.by_id.insert(e.id.clone(), self.events.len());
            self.events.push(e);
        }
    }

    /// The derived state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Every event held.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// An event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.by_id.get(id).map(|i| &self.events[*i])
    }

    /// Entries that could not be loaded.
    pub fn quarantined(&self) -> &[Quarantined] {
        &self.quarantined
    }

    /// The store (for meta values).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, mutably (for meta values).
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// This device's id.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// Hash of the latest event recorded on this device: the next event's parent.
    pub fn chain_head(&self) -> Option<&str> {
        self.events
            .iter()
            .filter(|e| e.device == self.device)
            .max_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)))
            .map(|e| e.hash.as_str())
    }

    /// Decide `cmd`, seal the events, store them atomically, then fold them in.
    /// `random` supplies randomness for ids.
    pub fn record(
        &mut self,
        cmd: impl Into<Command>,
        actor: &Actor,
        now_ms: i64,
        random: &mut dyn FnMut() -> u64,
    ) -> Result<Vec<Event>, RecordError> {
        let bodies = decide(&self.state, cmd.into(), actor).map_err(RecordError::Rule)?;
        let mut parent = self.chain_head().map(str::to_string);
        // Keep the chain strictly ordered even if the clock went backwards.
        let last = self
            .events
            .iter()
            .filter(|e| e.device == self.device)
            .map(|e| e.recorded_at)
            .max();
        let start = now_ms.max(last.map_or(i64::MIN, |l| l + 1));
        let mut sealed = Vec::with_capacity(bodies.len());
        for (at, body) in (start..).zip(bodies) {
            let e = Event::seal(
                body,
                Stamp {
                    id: new_id(at, random()),
                    author: actor.name.clone(),
                    role: actor.role,
                    device: self.device.clone(),
                    recorded_at: at,
                    parents: parent.take().into_iter().collect(),
                },
            );
            parent = Some(e.hash.clone());
            sealed.push(e);
        }
        self.store.append(&sealed).map_err(RecordError::Storage)?;
        self.absorb(&sealed);
        Ok(sealed)
    }

    /// Add events received from elsewhere (import, sync): store them, then fold.
    ///
    /// Events already held (same id, same hash) are skipped silently; an event
    /// whose hash does not verify, or whose id is held with a different hash, is
    /// not stored and is reported in [`Received::rejected`]. The rest are stored
    /// atomically (all or none) before they reach the state.
    pub fn receive(&mut self, events: Vec<Event>) -> Result<Received, StoreError> {
        let mut rejected = Vec::new();
        let mut new: Vec<Event> = Vec::new();
        let mut batch: BTreeMap<String, String> = BTreeMap::new();
        for e in events {
            if !e.hash_ok() {
                rejected.push(Rejected {
                    id: e.id.clone(),
                    reason: RejectReason::HashMismatch,
                });
                continue;
            }
            let held = self
                .event(&e.id)
                .map(|h| h.hash.clone())
                .or_else(|| batch.get(&e.id).cloned());
            match held {
                Some(h) if h == e.hash => {}
                Some(_) => rejected.push(Rejected {
                    id: e.id.clone(),
                    reason: RejectReason::IdClash,
                }),
                None => {
                    batch.insert(e.id.clone(), e.hash.clone());
                    new.push(e);
                }
            }
        }
        if !new.is_empty() {
            self.store.append(&new)?;
            self.absorb(&new);
        }
        Ok(Received {
            added: new.len(),
            rejected,
        })
    }

    /// Events held that are not in `known` (e.g. not yet acknowledged by a
    /// server), oldest first.
    pub fn unsynced(&self, known: &dyn Fn(&str) -> bool) -> Vec<&Event> {
        let mut out: Vec<&Event> = self.events.iter().filter(|e| !known(&e.id)).collect();
        out.sort_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)));
        out
    }

    fn absorb(&mut self, events: &[Event]) {
        // Appending out of (time, id) order would make an incremental fold
        // order-dependent for last-writer master data, so refold when needed.
        // Compare with the newest event held, not the last one appended: after an
        // out-of-order batch the last one appended is not the newest.
        let newest = self.events.iter().map(|e| (e.recorded_at, &e.id)).max();
        let in_order = events
            .iter()
            .all(|e| newest.is_none_or(|l| l < (e.recorded_at, &e.id)));
        for e in events {
            self.index(e.clone());
        }
        if in_order {
            let mut sorted: Vec<&Event> = events.iter().collect();
            sorted.sort_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)));
            for e in sorted {
                self.state.evolve(e);
            }
        } else {
            self.state = State::fold(&self.events);
        }
    }

    /// Serialize every event as a backup file.
    pub fn export(&self, now_ms: i64) -> String {
        backup::export(&self.events, &self.device, now_ms)
    }

    /// Check a backup file without changing anything.
    pub fn plan_import(&self, text: &str) -> Result<ImportPlan, RuleViolation> {
        backup::plan_import(text, &|id| self.event(id).map(|e| e.hash.clone()))
    }

    /// Import a backup file: all of it or nothing. Returns (added, skipped).
    pub fn import(&mut self, text: &str) -> Result<(usize, usize), RecordError> {
        let plan = self.plan_import(text).map_err(RecordError::Rule)?;
        let added = self
            .receive(plan.new_events)
            .map_err(RecordError::Storage)?
            .added;
        Ok((added, plan.skipped))
    }
}
