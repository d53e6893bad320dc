//! Persistent sync metadata, kept in the store's meta values so it survives a
//! reload: which events the server acknowledged, the `_changes` checkpoint, remote
//! docs quarantined, and tamper alarms.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::store::{EventStore, StoreError};

const SCOPE: &str = "sync:remote";
const ACKED: &str = "sync:acked";
const CHECKPOINT: &str = "sync:checkpoint";
const CURSOR: &str = "sync:check_cursor";
const QUARANTINE: &str = "sync:quarantine";
const ALARMS: &str = "sync:alarms";

/// A document from the server that could not be decoded or whose hash does not
/// verify: kept aside and shown, never stored as an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteQuarantined {
    /// The document's `_id`.
    pub id: String,
    /// The document's JSON as received.
    pub raw: String,
    /// Why (English, technical).
    pub reason: String,
}

/// The server holds a different event under an id this device holds: someone
/// changed a record. Never treated as success.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TamperAlarm {
    /// The event id.
    pub id: String,
    /// The hash of the event this device holds.
    pub local_hash: String,
    /// The server's document, as received.
    pub remote: String,
}

impl TamperAlarm {
    /// Message for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        if zh {
            format!(
                "警告：服务器上的记录 {} 与本机记录内容不同，可能被篡改。",
                self.id
            )
        } else {
            format!(
                "Warning: the server's record {} differs from this device's; it may have been tampered with.",
                self.id
            )
        }
    }
}

/// The sync metadata of one device for one server database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncState {
    /// Which server database this state belongs to (URL + db).
    pub scope: String,
    /// Ids the server is known to hold (acknowledged on push, or pulled from it).
    pub acked: BTreeSet<String>,
    /// `since` of the next `_changes` request ("0" = from the start).
    pub checkpoint: String,
    /// The last acknowledged id the rolling rollback check looked at.
    pub check_cursor: String,
    /// Remote docs that could not be accepted.
    pub quarantine: Vec<RemoteQuarantined>,
    /// Tamper alarms raised.
    pub alarms: Vec<TamperAlarm>,
}

impl SyncState {
    /// Load the state for `scope` (the server URL and database). If the store's
    /// state belongs to another server, start afresh: nothing is acknowledged there.
    pub fn load(store: &dyn EventStore, scope: &str) -> SyncState {
        let mut state = SyncState {
            scope: scope.to_string(),
            checkpoint: "0".into(),
            ..SyncState::default()
        };
        if store.get_meta(SCOPE).as_deref() != Some(scope) {
            return state;
        }
        if let Some(acked) = store.get_meta(ACKED) {
            state.acked = acked
                .lines()
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
        }
        if let Some(c) = store.get_meta(CHECKPOINT).filter(|c| !c.is_empty()) {
            state.checkpoint = c;
        }
        state.check_cursor = store.get_meta(CURSOR).unwrap_or_default();
        state.quarantine = store
            .get_meta(QUARANTINE)
            .and_then(|q| serde_json::from_str(&q).ok())
            .unwrap_or_default();
        state.alarms = store
            .get_meta(ALARMS)
            .and_then(|a| serde_json::from_str(&a).ok())
            .unwrap_or_default();
        state
    }

    /// Write everything.
    pub fn save(&self, store: &mut dyn EventStore) -> Result<(), StoreError> {
        store.set_meta(SCOPE, &self.scope)?;
        self.save_acked(store)?;
        self.save_cursor(store)?;
        self.save_problems(store)?;
        self.save_checkpoint(store)
    }

    /// Write the acknowledged set (and the scope it belongs to).
    pub fn save_acked(&self, store: &mut dyn EventStore) -> Result<(), StoreError> {
        store.set_meta(SCOPE, &self.scope)?;
        let mut text = String::with_capacity(self.acked.len() * 29);
        for id in &self.acked {
            text.push_str(id);
            text.push('\n');
        }
        store.set_meta(ACKED, &text)
    }

    /// Write the checkpoint.
    pub fn save_checkpoint(&self, store: &mut dyn EventStore) -> Result<(), StoreError> {
        store.set_meta(CHECKPOINT, &self.checkpoint)
    }

    /// Write the rollback-check cursor.
    pub fn save_cursor(&self, store: &mut dyn EventStore) -> Result<(), StoreError> {
        store.set_meta(CURSOR, &self.check_cursor)
    }

    /// Write quarantine and alarms.
    pub fn save_problems(&self, store: &mut dyn EventStore) -> Result<(), StoreError> {
        let q = serde_json::to_string(&self.quarantine).expect("serializes");
        store.set_meta(QUARANTINE, &q)?;
        let a = serde_json::to_string(&self.alarms).expect("serializes");
        store.set_meta(ALARMS, &a)
    }

    /// Record a quarantined doc once. Returns whether it was new.
    pub fn quarantine(&mut self, q: RemoteQuarantined) -> bool {
        if self.quarantine.contains(&q) {
            return false;
        }
        self.quarantine.push(q);
        true
    }

    /// Record a tamper alarm once per id. Returns whether it was new.
    pub fn alarm(&mut self, a: TamperAlarm) -> bool {
        if self.alarms.iter().any(|x| x.id == a.id) {
            return false;
        }
        self.alarms.push(a);
        true
    }

    /// Events waiting to be sent: held by the ledger but not acknowledged.
    pub fn waiting<S: EventStore>(&self, ledger: &crate::store::Ledger<S>) -> usize {
        ledger
            .held()
            .filter(|h| !self.acked.contains(h.id()))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn state_round_trips_through_meta_and_is_scoped_to_one_server() {
        let mut store = MemoryStore::default();
        let mut s = SyncState::load(&store, "https://a/db");
        assert_eq!(s.checkpoint, "0");
        s.acked.insert("id-1".into());
        s.acked.insert("id-2".into());
        s.checkpoint = "7-g1AAAA".into();
        s.check_cursor = "id-1".into();
        assert!(s.quarantine(RemoteQuarantined {
            id: "x".into(),
            raw: "{}".into(),
            reason: "bad".into(),
        }));
        assert!(s.alarm(TamperAlarm {
            id: "y".into(),
            local_hash: "h".into(),
            remote: "{}".into(),
        }));
        assert!(!s.alarm(TamperAlarm {
            id: "y".into(),
            local_hash: "h".into(),
            remote: "{\"a\":1}".into(),
        }));
        s.save(&mut store).unwrap();
        assert_eq!(SyncState::load(&store, "https://a/db"), s);
        let other = SyncState::load(&store, "https://b/db");
        assert!(other.acked.is_empty());
        assert_eq!(other.checkpoint, "0");
    }
}
