//! Persistent sync metadata of one database on one server, kept in the store's meta
//! values so it survives a reload: where the pull stands (our own checkpoint), which
//! records the server holds, remote docs quarantined, and tamper alarms.
//!
//! What the server holds is tracked without an ever-growing list: this device's own
//! records are recorded in time order, so "every own record of this database up to
//! `own_through`" plus the few acknowledged beyond it (`own_above`) say which own
//! records are there; records of other phones came from the server, except the few
//! listed in `pending` (imported from a backup, or held before this database was
//! synced). Every value stays small, whatever the history.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::domain::json_reader::Json;

use crate::store::{Meta, StoreError};

const SERVER: &str = "sync:server";

/// A document from the server that could not be decoded or whose hash does not
/// verify: kept aside and shown, never stored as an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TamperAlarm {
    /// The event id.
    pub id: String,
    /// The hash of the event this device holds.
    pub local_hash: String,
    /// The server's document, as received.
    pub remote: String,
}

impl RemoteQuarantined {
    /// The list `text` holds, as `serde_json::to_string` wrote it (read without
    /// serde_json's deserializer: `domain::json_reader`).
    pub fn read_all(text: &str) -> Option<Vec<RemoteQuarantined>> {
        Json::list_of(text, ["id", "raw", "reason"], |[id, raw, reason]| {
            RemoteQuarantined { id, raw, reason }
        })
    }
}

impl TamperAlarm {
    /// The list `text` holds, as `serde_json::to_string` wrote it (read without
    /// serde_json's deserializer: `domain::json_reader`).
    pub fn read_all(text: &str) -> Option<Vec<TamperAlarm>> {
        Json::list_of(
            text,
            ["id", "local_hash", "remote"],
            |[id, local_hash, remote]| TamperAlarm {
                id,
                local_hash,
                remote,
            },
        )
    }

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncState {
    /// Which server this state belongs to (URL and county prefix); another server
    /// starts afresh.
    pub server: String,
    /// The database (its name on the server).
    pub db: String,
    /// `since` of the next `_changes` request ("0" = from the start). Ours: the
    /// server's copy is only a hint (see the replicator).
    pub checkpoint: String,
    /// The marker this device last stored in its `_local` doc on the server
    /// (`<checkpoint>|<n>`, changed whenever the server acknowledged something); a
    /// server whose copy differs was restored, lost a write, or was tampered with.
    pub marker: String,
    /// This device's records of this database recorded at or before this time (UTC
    /// ms) are on the server.
    pub own_through: i64,
    /// This device's records after `own_through` the server acknowledged.
    pub own_above: BTreeSet<String>,
    /// This device's records by a user other than the one signed in, not offered (the
    /// server takes a record only from its author): `own_through` passes over them,
    /// they stay unsent until their author signs in again. Only what the previous
    /// user left unsent.
    pub held_back: BTreeSet<String>,
    /// Records of other devices this device must still send (imported from a backup,
    /// or held before this database was first synced).
    pub pending: BTreeSet<String>,
    /// Whether `pending` was filled with what this device held when the database was
    /// first synced.
    pub primed: bool,
    /// How far this database has read the import journal (`store::journal`): records
    /// imported since are added to `pending`.
    pub journal_seen: u64,
    /// Remote docs that could not be accepted.
    pub quarantine: Vec<RemoteQuarantined>,
    /// Tamper alarms raised.
    pub alarms: Vec<TamperAlarm>,
}

impl SyncState {
    /// A state for `db` on `server` with nothing synced yet.
    pub fn fresh(server: &str, db: &str) -> SyncState {
        SyncState {
            server: server.to_string(),
            db: db.to_string(),
            checkpoint: "0".into(),
            marker: String::new(),
            own_through: i64::MIN,
            own_above: BTreeSet::new(),
            held_back: BTreeSet::new(),
            pending: BTreeSet::new(),
            primed: false,
            journal_seen: 0,
            quarantine: Vec::new(),
            alarms: Vec::new(),
        }
    }

    fn key(&self, what: &str) -> String {
        format!("sync:{}:{what}", self.db)
    }

    /// Load the state of `db` on `server`. If the store's sync metadata belongs to
    /// another server, start afresh: nothing is acknowledged there.
    pub fn load(store: &dyn Meta, server: &str, db: &str) -> SyncState {
        let mut state = SyncState::fresh(server, db);
        if store.get_meta(SERVER).as_deref() != Some(server) {
            return state;
        }
        let db = db.to_string();
        let get = |what: &str| store.get_meta(&format!("sync:{db}:{what}"));
        let lines = |v: Option<String>| -> BTreeSet<String> {
            v.unwrap_or_default()
                .lines()
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        if let Some(c) = get("checkpoint").filter(|c| !c.is_empty()) {
            state.checkpoint = c;
        }
        state.marker = get("marker").unwrap_or_default();
        state.own_through = get("own_through")
            .and_then(|t| t.parse().ok())
            .unwrap_or(i64::MIN);
        state.own_above = lines(get("own_above"));
        state.held_back = lines(get("held_back"));
        state.pending = lines(get("pending"));
        state.primed = get("primed").as_deref() == Some("1");
        state.journal_seen = get("journal_seen")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        state.quarantine = get("quarantine")
            .and_then(|q| RemoteQuarantined::read_all(&q))
            .unwrap_or_default();
        state.alarms = get("alarms")
            .and_then(|a| TamperAlarm::read_all(&a))
            .unwrap_or_default();
        state
    }

    /// Write everything.
    pub fn save(&self, store: &mut dyn Meta) -> Result<(), StoreError> {
        self.save_acked(store)?;
        self.save_problems(store)?;
        self.save_checkpoint(store)
    }

    /// Write what the server is known to hold (small values only).
    pub fn save_acked(&self, store: &mut dyn Meta) -> Result<(), StoreError> {
        store.set_meta(SERVER, &self.server)?;
        let list = |set: &BTreeSet<String>| {
            let mut text = String::new();
            for id in set {
                text.push_str(id);
                text.push('\n');
            }
            text
        };
        store.set_meta(&self.key("own_through"), &self.own_through.to_string())?;
        store.set_meta(&self.key("own_above"), &list(&self.own_above))?;
        store.set_meta(&self.key("held_back"), &list(&self.held_back))?;
        store.set_meta(&self.key("pending"), &list(&self.pending))?;
        store.set_meta(&self.key("journal_seen"), &self.journal_seen.to_string())?;
        store.set_meta(&self.key("primed"), if self.primed { "1" } else { "" })
    }

    /// Write the checkpoint and the marker.
    pub fn save_checkpoint(&self, store: &mut dyn Meta) -> Result<(), StoreError> {
        store.set_meta(SERVER, &self.server)?;
        store.set_meta(&self.key("marker"), &self.marker)?;
        store.set_meta(&self.key("checkpoint"), &self.checkpoint)
    }

    /// The next marker to store on the server: the checkpoint and a counter.
    pub fn next_marker(&self) -> String {
        let n: u64 = self
            .marker
            .rsplit('|')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        format!("{}|{}", self.checkpoint, n.wrapping_add(1))
    }

    /// Write quarantine and alarms.
    pub fn save_problems(&self, store: &mut dyn Meta) -> Result<(), StoreError> {
        let q = serde_json::to_string(&self.quarantine).unwrap_or_default();
        store.set_meta(&self.key("quarantine"), &q)?;
        let a = serde_json::to_string(&self.alarms).unwrap_or_default();
        store.set_meta(&self.key("alarms"), &a)
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

    /// Whether the server is known to hold this record.
    pub fn holds(&self, id: &str, own: bool, recorded_at: i64) -> bool {
        if own {
            (recorded_at <= self.own_through && !self.held_back.contains(id))
                || self.own_above.contains(id)
        } else {
            self.primed && !self.pending.contains(id)
        }
    }

    /// The server holds this record now (acknowledged on push, or pulled from it).
    pub fn acknowledge(&mut self, id: &str, own: bool, recorded_at: i64) {
        if own {
            if recorded_at > self.own_through {
                self.own_above.insert(id.to_string());
            }
            self.held_back.remove(id);
        } else {
            self.pending.remove(id);
        }
    }

    /// Move `own_through` forward over acknowledged records: `own_times` are this
    /// device's records of this database as (recorded_at, id), in time order.
    pub fn compact(&mut self, own_times: &[(i64, &str)]) {
        let start = own_times.partition_point(|(t, _)| *t <= self.own_through);
        for (t, id) in &own_times[start..] {
            if !self.own_above.remove(*id) && !self.held_back.contains(*id) {
                break;
            }
            self.own_through = *t;
        }
    }

    /// The server lost these records (a restored backup): send them again. `own`
    /// are this device's as (recorded_at, id).
    pub fn lost(&mut self, own: &[(i64, &str)], others: &[&str]) {
        for (t, id) in own {
            self.own_above.remove(*id);
            self.held_back.remove(*id);
            if *t <= self.own_through {
                self.own_through = t.saturating_sub(1);
            }
        }
        self.pending.extend(others.iter().map(|s| s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn state_round_trips_through_meta_and_is_scoped_to_one_server() {
        let mut store = MemoryStore::default();
        let mut s = SyncState::load(&store, "https://a/jishi", "jishi-common");
        assert_eq!(s.checkpoint, "0");
        s.own_through = 1_700_000_000_000;
        s.own_above.insert("id-2".into());
        s.pending.insert("id-9".into());
        s.primed = true;
        s.checkpoint = "7-g1AAAA".into();
        s.marker = s.next_marker();
        assert_eq!(s.marker, "7-g1AAAA|1");
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
        assert_eq!(
            SyncState::load(&store, "https://a/jishi", "jishi-common"),
            s
        );
        let other_db = SyncState::load(&store, "https://a/jishi", "jishi-cadre");
        assert_eq!(other_db, SyncState::fresh("https://a/jishi", "jishi-cadre"));
        let other = SyncState::load(&store, "https://b/jishi", "jishi-common");
        assert!(!other.primed && other.pending.is_empty());
        assert_eq!(other.checkpoint, "0");
    }

    #[test]
    fn own_records_are_tracked_by_a_high_water_mark_and_a_small_set() {
        let mut s = SyncState::fresh("s", "db");
        let own = [(10, "a"), (20, "b"), (30, "c"), (40, "d")];
        s.acknowledge("b", true, 20);
        s.acknowledge("d", true, 40);
        s.compact(&own);
        assert_eq!(s.own_through, i64::MIN, "a is not acknowledged yet");
        s.acknowledge("a", true, 10);
        s.compact(&own);
        assert_eq!((s.own_through, s.own_above.len()), (20, 1));
        assert!(s.holds("b", true, 20) && !s.holds("c", true, 30) && s.holds("d", true, 40));
        s.acknowledge("c", true, 30);
        s.compact(&own);
        assert_eq!((s.own_through, s.own_above.len()), (40, 0));
        // The server lost b: it and everything after it are offered again.
        s.lost(&[(20, "b")], &["x"]);
        assert_eq!(s.own_through, 19);
        assert!(!s.holds("b", true, 20) && s.pending.contains("x"));
    }
}
