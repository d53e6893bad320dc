//! Where each of the ledger's events is, by id, with no copy of any id for a log that
//! comes in rising id order (as every store of this app loads it): those events are
//! found by binary search over the ids they hold; only the others are keyed by a copy.
//! At 50,000 records this spares 50,000 id copies and map entries (about 4 MB) and
//! most of the indexing time while the app opens.
//!
//! Architecture invariant: `events[..in_order]` are indexed and their ids rise
//! strictly; every other indexed event is in `others`, whose positions all lie at or
//! past `in_order`. An id is indexed once: [`IdIndex::add`] refuses one it holds.

use std::collections::BTreeMap;

use crate::domain::event::Event;

/// The positions of indexed events in the ledger's list, by id.
#[derive(Default)]
pub struct IdIndex {
    /// How many events from the first are indexed in rising id order.
    in_order: usize,
    /// Every other indexed event: id → position.
    others: BTreeMap<String, usize>,
}

impl IdIndex {
    /// The position in `events` of the event indexed under `id`.
    pub fn get(&self, events: &[Event], id: &str) -> Option<usize> {
        let in_order = events.get(..self.in_order).unwrap_or_default();
        match in_order.binary_search_by(|e| e.id.as_str().cmp(id)) {
            Ok(at) => Some(at),
            Err(_) => self.others.get(id).copied(),
        }
    }

    /// Index `events[at]` (events are indexed by rising position); false if its id is
    /// indexed already (it is then left out).
    pub fn add(&mut self, events: &[Event], at: usize) -> bool {
        let Some(event) = events.get(at) else {
            return false;
        };
        let follows = at == self.in_order
            && self.others.is_empty()
            && at
                .checked_sub(1)
                .and_then(|before| events.get(before))
                .is_none_or(|before| before.id < event.id);
        if follows {
            self.in_order += 1;
            return true;
        }
        if self.get(events, &event.id).is_some() {
            return false;
        }
        self.others.insert(event.id.clone(), at);
        true
    }

    /// Forget every event.
    pub fn clear(&mut self) {
        *self = IdIndex::default();
    }
}
