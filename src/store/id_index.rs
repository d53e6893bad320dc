//! Where each of the ledger's events is, by id, with no copy of any id for the part of
//! the log that comes in rising id order (IndexedDB gives its records so, and they are
//! loaded first): those events are found by binary search over the ids they hold; only
//! the others (records waiting in localStorage, in the browser's order, or received
//! later) are keyed by a copy. At 50,000 records this spared 50,000 id copies and map
//! entries (about 3 MiB of wasm memory) and most of the indexing time while the app
//! opens.
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
        // (`others` is empty whenever `at == in_order`, events being added at rising
        // positions: checked anyway, as the invariant depends on it.)
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

    /// How many events from the first are indexed in rising id order.
    pub fn rising(&self) -> usize {
        self.in_order
    }

    /// Forget every event.
    pub fn clear(&mut self) {
        *self = IdIndex::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event with this id (the rest does not matter to the index).
    fn event(id: &str) -> Event {
        let text = format!(
            r#"{{"id":"{id}","subject":"master","kind":"township_recorded","body":{{"township_recorded":{{"township":"t-a","name":"甲"}}}},"author":"a","role":"admin","device":"d","recorded_at":0,"parents":[],"hash":""}}"#
        );
        serde_json::from_str(&text).expect("an event")
    }

    /// Events with these ids, each added to an index in turn: the events, the index,
    /// and what each add answered.
    fn indexed(ids: &[&str]) -> (Vec<Event>, IdIndex, Vec<bool>) {
        let events: Vec<Event> = ids.iter().map(|id| event(id)).collect();
        let mut index = IdIndex::default();
        let added = (0..events.len()).map(|at| index.add(&events, at)).collect();
        (events, index, added)
    }

    #[test]
    fn a_log_in_rising_order_is_indexed_without_a_copy_of_any_id() {
        let (events, index, added) = indexed(&["a1", "a2", "b", "c0"]);
        assert!(added.iter().all(|a| *a));
        assert_eq!(index.in_order, 4);
        assert!(index.others.is_empty());
        for (at, e) in events.iter().enumerate() {
            assert_eq!(index.get(&events, &e.id), Some(at));
        }
        assert_eq!(index.get(&events, "a"), None);
        assert_eq!(index.get(&events, "c1"), None);
    }

    #[test]
    fn ids_out_of_order_or_repeated_are_found_once_at_their_first_place() {
        let (events, index, added) = indexed(&["b", "c", "a", "c", "b", "d"]);
        assert_eq!(added, [true, true, true, false, false, true]);
        assert_eq!(index.in_order, 2);
        assert_eq!(index.others.len(), 2, "a and d");
        let found: Vec<_> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| index.get(&events, id))
            .collect();
        assert_eq!(found, [Some(2), Some(0), Some(1), Some(5), None]);
    }
}
