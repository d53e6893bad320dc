#![cfg(not(target_arch = "wasm32"))]
//! Targeted sync cases against the in-memory CouchDB-like server: conflicts
//! checked by hash, tampering, quarantine, checkpoints, rollback, batching,
//! and `Ledger::receive` refusing bad events.

mod common;

use jishi::domain::workflows::MasterEvent;
use std::cell::RefCell;

use common::cluster::*;
use common::*;
use jishi::domain::access::Scope;
use jishi::domain::event::Event;
use jishi::domain::village_pay::Period;
use jishi::store::{MemoryStore, RejectReason, StoreError};
use jishi::sync::doc::{doc_bytes, to_doc, Outgoing};
use jishi::sync::replicator::batches;
use jishi::sync::{
    block_on, ChangesPage, Config, DocResult, Faults, MemoryRemote, Progress, Remote, RemoteError,
    Replicator, SyncError, SyncState,
};
use serde_json::Value;

type Phone = SyncPhone;

/// A phone with the township's master data, indicators and one quarter scored.
fn busy_phone(name: &str) -> Phone {
    let mut p = Phone::new(name);
    p.device.township_2026();
    p.device.submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    p
}

fn township() -> Scope {
    Scope::Township(TOWNSHIP.into())
}

#[test]
fn two_phones_converge_and_a_second_pass_moves_nothing() {
    let server = Cluster::new(1);
    let mut a = busy_phone("phone-a");
    let mut b = Phone::new("phone-b");
    let (on, _) = quarter_dates(2026, Period::Q1);
    let cmd = submit_cmd(MID, 2026, Period::Q1, scores_of(70.0));
    assert!(
        b.device
            .run(jishi::domain::Role::Assessor, on, cmd)
            .is_err(),
        "no master data yet"
    );
    let s = a.sync(&server).unwrap();
    assert_eq!(s.sent, a.device.events().len());
    assert_eq!(a.waiting(), 0);
    let s = b.sync(&server).unwrap();
    assert_eq!(s.received, a.device.events().len());
    b.device.submit(MID, 2026, Period::Q1, scores_of(70.0));
    b.sync(&server).unwrap();
    a.sync(&server).unwrap();
    assert_eq!(a.ids(), b.ids());
    assert_eq!(a.ids(), server.ids());
    assert_eq!(a.device.state(), b.device.state());
    assert!(!a.sync(&server).unwrap().moved());
    assert!(!b.sync(&server).unwrap().moved());
}

#[test]
fn a_conflict_with_the_same_hash_is_acknowledged_as_already_there() {
    let server = Cluster::new(2);
    let mut a = busy_phone("phone-a");
    let n = a.device.events().len();
    // The server stores the batch but the answer is lost.
    server.set_faults(Faults {
        drop_response: 1000,
        ..Faults::none()
    });
    assert!(matches!(
        a.sync(&server),
        Err(SyncError::Remote(RemoteError::Network(_)))
    ));
    assert_eq!(a.waiting(), n, "nothing acknowledged");
    assert_eq!(server.ids().len(), n, "but the server has it all");
    server.set_faults(Faults::none());
    let s = a.sync(&server).unwrap();
    assert_eq!((s.sent, s.already_there), (0, n));
    assert!(s.alarms.is_empty());
    assert_eq!(a.waiting(), 0);
    assert_eq!(server.feed_len(), n, "no duplicate on the server");
}

#[test]
fn a_conflict_with_different_content_raises_a_tamper_alarm_and_is_not_acknowledged() {
    let server = Cluster::new(3);
    let mut a = busy_phone("phone-a");
    let victim: Event = a.device.events().last().unwrap().clone();
    // Someone stored a different event under the same id (re-hashed, so it verifies).
    let mut forged = victim.clone();
    forged.author = "冒名者".into();
    forged.hash = forged.compute_hash();
    server.township().put_raw(to_doc(&forged));
    let s = a.sync(&server).unwrap();
    assert_eq!(s.alarms.len(), 1);
    assert_eq!(s.alarms[0].id, victim.id);
    assert_eq!(s.alarms[0].local_hash, victim.hash);
    assert!(s.alarms[0].message(true).contains("篡改"));
    assert_eq!(a.waiting(), 1, "not acknowledged");
    // The alarm survives a restart, and is raised once.
    let before = a.alarms();
    a.reload_states(SERVER);
    assert_eq!(a.alarms(), before);
    let s = a.sync(&server).unwrap();
    assert!(s.alarms.is_empty());
    assert_eq!(a.alarms().len(), 1);
    // The forged event was never taken in.
    assert_eq!(a.device.ledger.event(&victim.id), Some(&victim));
}

#[test]
fn a_tampered_doc_from_changes_is_quarantined_and_the_rest_of_the_page_applied() {
    let server = Cluster::new(4);
    let mut a = busy_phone("phone-a");
    a.sync(&server).unwrap();
    let events = a.device.events();
    let victim = &events[3];
    // Changed on the server after the fact, hash left as it was.
    let common = server.common();
    let mut doc = common.doc(&victim.id).unwrap();
    doc["author"] = "改过的人".into();
    common.put_raw(doc);
    // Junk and a design doc in the feed as well.
    common.put_raw(serde_json::json!({"_id": "junk", "hello": "world"}));
    common.put_raw(
        serde_json::json!({"_id": "_design/jishi", "validate_doc_update": "function(){}"}),
    );
    let mut b = Phone::new("phone-b");
    let s = b
        .sync_with(
            &server,
            Config {
                changes_limit: 3,
                ..Config::default()
            },
        )
        .unwrap();
    assert_eq!(s.received, events.len() - 1);
    let mut reasons: Vec<(&str, &str)> = s
        .quarantined
        .iter()
        .map(|q| (q.id.as_str(), q.reason.as_str()))
        .collect();
    reasons.sort();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons
        .iter()
        .any(|(id, r)| *id == victim.id && r.contains("hash")));
    assert!(reasons
        .iter()
        .any(|(id, r)| *id == "junk" && r.starts_with("not an event")));
    assert!(b.device.ledger.event(&victim.id).is_none());
    assert_eq!(
        b.state(&Scope::Common).checkpoint,
        common.seq().to_string(),
        "never blocks the sync"
    );
    b.reload_states(SERVER);
    assert_eq!(b.quarantine().len(), 2, "kept across a restart");
    // Phone A, which holds the genuine event, raises an alarm when it sees the change.
    let s = a.sync(&server).unwrap();
    assert_eq!(s.alarms.len() + s.quarantined.len(), 2);
}

#[test]
fn the_checkpoint_is_not_advanced_when_storing_locally_fails() {
    let server = Cluster::new(5);
    let mut a = busy_phone("phone-a");
    a.sync(&server).unwrap();
    // Room for no page of either database.
    let store = MemoryStore {
        quota: Some(400),
        ..MemoryStore::default()
    };
    let mut b = Phone::with_device(Device::with_store(store, "phone-b"));
    let r = b.sync(&server);
    assert_eq!(r, Err(SyncError::Store(StoreError::QuotaExceeded)));
    assert!(r.unwrap_err().message(true).contains("存储空间已满"));
    assert_eq!(b.state(&Scope::Common).checkpoint, "0");
    assert_eq!(b.state(&township()).checkpoint, "0");
    b.reload_states(SERVER);
    assert_eq!(b.state(&Scope::Common).checkpoint, "0");
    assert!(b.device.events().is_empty());
    // Space freed: everything arrives.
    b.device.ledger.store_mut().quota = None;
    let s = b.sync(&server).unwrap();
    assert_eq!(s.received, a.device.events().len());
    assert_eq!(b.ids(), a.ids());
}

#[test]
fn a_server_restored_from_an_older_backup_gets_back_what_it_lost() {
    let server = Cluster::new(6);
    let mut a = Phone::new("phone-a");
    a.device.township_2026();
    a.sync(&server).unwrap();
    let backup = server.snapshot();
    let mut b = Phone::new("phone-b");
    b.sync(&server).unwrap();
    // A records and syncs a quarter; B pulls it.
    a.device.submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    a.device.submit(MID, 2026, Period::Q1, scores_of(75.0));
    a.sync(&server).unwrap();
    b.sync(&server).unwrap();
    let checkpoint_b = b.state(&township()).checkpoint.clone();
    // The server is restored from the backup: A's two submissions are gone.
    server.restore(&backup);
    assert_eq!(server.ids().len(), a.device.events().len() - 2);
    // C records something new: it lands at sequences B believes it has seen.
    let mut c = Phone::new("phone-c");
    c.sync(&server).unwrap();
    c.device.submit(UPPER, 2026, Period::Q1, scores_of(90.0));
    c.sync(&server).unwrap();
    assert!(server.township().seq() <= checkpoint_b.parse().unwrap());
    // B finds the server's checkpoint went back and pulls C's entry; B also
    // re-sends A's two lost submissions it had acknowledged by pulling them.
    let s = b.sync(&server).unwrap();
    assert!(s.restarted);
    assert_eq!(s.resent, 2);
    assert_eq!(s.received, 1);
    // A finds its submissions back on the server (B was faster) and gets C's.
    let s = a.sync(&server).unwrap();
    assert_eq!((s.resent, s.sent, s.received), (0, 0, 1));
    c.sync(&server).unwrap();
    assert_eq!(a.ids(), server.ids());
    assert_eq!(b.ids(), server.ids());
    assert_eq!(c.ids(), server.ids());
}

/// Records what each `_bulk_docs` request carried.
struct Recording<'a> {
    inner: &'a MemoryRemote,
    batches: RefCell<Vec<(usize, usize)>>,
}

impl Remote for Recording<'_> {
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocResult>, RemoteError> {
        let bytes = docs.iter().map(|d| d.to_string().len()).sum();
        self.batches.borrow_mut().push((docs.len(), bytes));
        self.inner.bulk_docs(docs).await
    }
    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        self.inner.changes(since, limit, include_docs).await
    }
    async fn get_docs(
        &self,
        ids: &[String],
    ) -> Result<Vec<Option<serde_json::Value>>, RemoteError> {
        self.inner.get_docs(ids).await
    }
    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError> {
        self.inner.missing(ids).await
    }
    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError> {
        self.inner.get_checkpoint(key).await
    }
    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError> {
        self.inner.put_checkpoint(key, seq).await
    }
}

#[test]
fn batches_respect_the_count_and_byte_limits() {
    let mut a = busy_phone("phone-a");
    for v in [MID, UPPER, LARGE] {
        a.device.submit(v, 2026, Period::Q1, scores_of(66.5));
    }
    let events: Vec<Outgoing> = a.device.ledger.held().map(Outgoing::of).collect();
    let sizes: Vec<usize> = a.device.events().iter().map(doc_bytes).collect();
    assert_eq!(sizes, events.iter().map(|o| o.bytes).collect::<Vec<_>>());
    let biggest = *sizes.iter().max().unwrap();
    for (max_docs, max_bytes) in [
        (100, 256 * 1024),
        (3, 1 << 20),
        (100, 2_500),
        (4, 2_000),
        (10, 1),
    ] {
        let parts = batches(&events, max_docs, max_bytes);
        assert_eq!(parts.concat(), events, "in order, nothing left out");
        for part in &parts {
            let bytes: usize = part.iter().map(|o| o.bytes).sum();
            assert!(part.len() <= max_docs);
            assert!(bytes <= max_bytes || part.len() == 1);
        }
    }
    assert_eq!(
        batches(&events, 10, 1).len(),
        events.len(),
        "oversized docs go alone"
    );
    assert!(biggest < 2_000);

    let server = MemoryRemote::new(7);
    let rec = Recording {
        inner: &server,
        batches: RefCell::new(Vec::new()),
    };
    // One database at a time: the township's records (everything but master data).
    let common = Cluster::new(7);
    a.sync(&common).unwrap();
    let events: Vec<Event> = a
        .device
        .events()
        .into_iter()
        .filter(|e| e.subject != "master" && e.subject != "policy")
        .collect();
    let config = Config {
        max_docs: 4,
        max_bytes: 2_500,
        ..Config::default()
    };
    let mut progress: Vec<Progress> = Vec::new();
    let r = Replicator::new(&rec, config);
    let mut state = SyncState::fresh("mem://other", "mem-township");
    let s = block_on(
        r.sync(&mut a.device.ledger, &mut state, &township(), &mut |p| {
            progress.push(p.clone())
        }),
    )
    .unwrap();
    assert_eq!(s.sent, events.len());
    let sent = rec.batches.borrow();
    assert!(sent.len() >= events.len() / 4);
    assert!(sent
        .iter()
        .all(|(n, bytes)| *n <= 4 && (*bytes <= 2_500 || *n == 1)));
    assert_eq!(sent.iter().map(|(n, _)| n).sum::<usize>(), events.len());
    let last = progress.last().unwrap();
    assert_eq!((last.sent, last.to_send), (events.len(), events.len()));
    assert_eq!(last.to_receive, Some(last.received));
    assert!(progress.windows(2).all(|w| w[0].sent <= w[1].sent));
}

#[test]
fn receive_refuses_tampered_events_and_id_clashes_and_stores_the_rest() {
    let a = busy_phone("phone-a");
    let events = a.device.events();
    let mut b = Phone::new("phone-b");
    b.device.ledger.receive(events[..2].to_vec()).unwrap();
    let mut batch = events.clone();
    // A changed copy of an event b holds (re-hashed), and one whose hash is stale.
    let mut clash = events[0].clone();
    clash.author = "冒名者".into();
    clash.hash = clash.compute_hash();
    batch.push(clash.clone());
    batch[5].author = "改过的人".into();
    let r = b.device.ledger.receive(batch).unwrap();
    assert_eq!(r.added, events.len() - 3);
    let mut rejected: Vec<(String, RejectReason)> =
        r.rejected.into_iter().map(|x| (x.id, x.reason)).collect();
    rejected.sort();
    let mut expected = vec![
        (events[0].id.clone(), RejectReason::IdClash),
        (events[5].id.clone(), RejectReason::HashMismatch),
    ];
    expected.sort();
    assert_eq!(rejected, expected);
    assert_eq!(b.device.ledger.event(&events[0].id), Some(&events[0]));
    assert!(b.device.ledger.event(&events[5].id).is_none());
    assert_eq!(b.device.ledger.store().entries.len(), events.len() - 1);
    // Within one batch, the second of two different events with one id is refused too.
    let mut c = Phone::new("phone-c");
    let r = c
        .device
        .ledger
        .receive(vec![events[0].clone(), clash])
        .unwrap();
    assert_eq!(r.added, 1);
    assert_eq!(r.rejected[0].reason, RejectReason::IdClash);
    assert!(RejectReason::IdClash.message(true).contains("不同"));
}

#[test]
fn switching_servers_starts_afresh_and_keeps_local_events() {
    let one = Cluster::new(8);
    let two = Cluster::new(9);
    let mut a = busy_phone("phone-a");
    a.sync(&one).unwrap();
    assert_eq!(a.waiting(), 0);
    a.reload_states("mem://other");
    assert_eq!(a.waiting(), a.device.events().len());
    a.sync(&two).unwrap();
    assert_eq!(two.ids(), one.ids());
}

#[test]
fn a_doc_the_server_forbids_is_reported_and_stays_in_the_outbox() {
    let server = Cluster::new(10);
    server.township().set_validate(Some(|doc: &Value| {
        (doc["kind"] == "scores_submitted").then(|| "assessors only".to_string())
    }));
    let mut a = busy_phone("phone-a");
    let s = a.sync(&server).unwrap();
    assert_eq!(s.forbidden.len(), 1);
    assert_eq!(s.forbidden[0].1, "assessors only");
    assert_eq!(a.waiting(), 1);
    server.township().set_validate(None);
    let s = a.sync(&server).unwrap();
    assert_eq!((s.sent, a.waiting()), (1, 0));
}

/// PouchDB Server runs `validate_doc_update` before its conflict check, so re-sending
/// a stored event comes back 403 "immutable" instead of 409.
struct ValidatesFirst<'a>(&'a MemoryRemote);

impl Remote for ValidatesFirst<'_> {
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocResult>, RemoteError> {
        let results = self.0.bulk_docs(docs).await?;
        Ok(results
            .into_iter()
            .map(|mut r| {
                if r.status == jishi::sync::DocStatus::Conflict {
                    r.status = jishi::sync::DocStatus::Forbidden(
                        "events are immutable: an existing event cannot be changed".into(),
                    );
                }
                r
            })
            .collect())
    }
    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        self.0.changes(since, limit, include_docs).await
    }
    async fn get_docs(
        &self,
        ids: &[String],
    ) -> Result<Vec<Option<serde_json::Value>>, RemoteError> {
        self.0.get_docs(ids).await
    }
    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError> {
        self.0.missing(ids).await
    }
    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError> {
        self.0.get_checkpoint(key).await
    }
    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError> {
        self.0.put_checkpoint(key, seq).await
    }
}

#[test]
fn a_refusal_of_an_event_the_server_already_holds_is_checked_by_hash_like_a_conflict() {
    let server = Cluster::new(11);
    let mut a = busy_phone("phone-a");
    let n = a.device.events().len();
    server.set_faults(Faults {
        drop_response: 1000,
        ..Faults::none()
    });
    assert!(a.sync(&server).is_err());
    server.set_faults(Faults::none());
    let s = a
        .sync_via(&server, Config::default(), ValidatesFirst)
        .unwrap();
    assert_eq!((s.sent, s.already_there), (0, n));
    assert!(s.forbidden.is_empty() && s.alarms.is_empty());
    assert_eq!(a.waiting(), 0);
}

#[test]
fn a_record_of_a_kind_this_version_does_not_know_is_forwarded_not_quarantined() {
    let server = Cluster::new(21);
    let mut a = busy_phone("phone-a");
    // A newer phone wrote a kind this version doesn't know (as W2–W10 will).
    let template: Value = serde_json::from_str(&a.device.events()[0].json()).unwrap();
    let mut future = template.as_object().unwrap().clone();
    future.remove("hash");
    future.insert("id".into(), "019e00000000eeeeeeeeeeeeeeee".into());
    future.insert("kind".into(), "cadre_rated".into());
    future.insert("scope".into(), "cadre".into());
    future.insert(
        "body".into(),
        serde_json::json!({"cadre_rated": {"cadre": "c-1"}}),
    );
    let hash = jishi::domain::event::sha256_hex(&Value::Object(future.clone()).to_string());
    future.insert("hash".into(), hash.into());
    let mut doc = future.clone();
    doc.insert("_id".into(), "019e00000000eeeeeeeeeeeeeeee".into());
    server.db(&Scope::Cadre).put_raw(Value::Object(doc));
    a.sync(&server).unwrap();
    assert_eq!(a.device.ledger.foreign().len(), 1, "kept, not quarantined");
    assert!(a.quarantine().is_empty());
    assert_eq!(a.waiting(), 0);
    // Another phone that gets it only from phone A's backup forwards it to a new server.
    let mut b = Phone::new("phone-b");
    b.device.ledger.import(&a.device.ledger.export(0)).unwrap();
    assert_eq!(b.device.ledger.foreign().len(), 1);
    let fresh = Cluster::new(22);
    b.sync(&fresh).unwrap();
    let held = fresh
        .db(&Scope::Cadre)
        .doc("019e00000000eeeeeeeeeeeeeeee")
        .expect("forwarded to the database its envelope names");
    assert_eq!(held["kind"], "cadre_rated");
    assert_eq!(held["hash"], future["hash"]);
    assert_eq!(fresh.ids().len(), a.device.events().len() + 1);
}

/// `n` master-data records made on `phone` (its own), as a county's phone holds them.
fn many_records(phone: &mut Phone, n: usize) {
    let device = phone.device.ledger.device().to_string();
    let events: Vec<Event> = (0..n)
        .map(|i| {
            Event::seal_in(
                jishi::domain::EventBody::Master(MasterEvent::HeadsRecorded {
                    village: format!("v-bulk-{i}"),
                    secretary: format!("书记{i}"),
                    director: format!("主任{i}"),
                    supersedes: None,
                }),
                jishi::domain::event::Stamp {
                    id: format!("{:012x}{:016x}", 1_780_000_000_000i64 + i as i64, i),
                    author: ADMIN.into(),
                    role: jishi::domain::Role::Admin,
                    device: device.clone(),
                    recorded_at: 1_780_000_000_000 + i as i64,
                    parents: vec![],
                },
                "common".into(),
            )
        })
        .collect();
    phone.device.ledger.receive(events).unwrap();
}

#[test]
fn a_pass_with_nothing_new_costs_the_same_few_requests_at_1000_and_10000_records() {
    let mut idle = Vec::new();
    for n in [1_000, 10_000] {
        let server = Cluster::new(30);
        let mut a = busy_phone("phone-a");
        many_records(&mut a, n);
        let first = a.sync(&server).unwrap();
        assert_eq!(first.sent, a.device.events().len());
        let before = server.requests();
        let s = a.sync(&server).unwrap();
        assert!(!s.moved() && !s.restarted);
        assert_eq!(s.requests, server.requests() - before);
        idle.push(s.requests);
        // What is kept to know this stays small: no list of every id.
        let common = a.state(&Scope::Common);
        assert!(common.own_above.is_empty() && common.pending.is_empty());
    }
    assert_eq!(
        idle[0], idle[1],
        "idle passes at 1,000 and 10,000 records: {idle:?}"
    );
    assert_eq!(
        idle[0],
        2 * scopes().len(),
        "the marker and one _changes page per database"
    );
}

#[test]
fn a_forged_checkpoint_on_the_server_never_makes_a_phone_skip_records() {
    let server = Cluster::new(31);
    let mut a = busy_phone("phone-a");
    let mut b = Phone::new("phone-b");
    a.sync(&server).unwrap();
    b.sync(&server).unwrap();
    // Anyone who may write the database writes phone B's checkpoint doc far ahead.
    let key = jishi::sync::replicator::checkpoint_key("phone-b");
    block_on(server.township().put_checkpoint(&key, "999999|1")).unwrap();
    a.device.submit(MID, 2026, Period::Q1, scores_of(70.0));
    a.sync(&server).unwrap();
    let s = b.sync(&server).unwrap();
    assert!(s.restarted, "the disagreement is noticed");
    assert_eq!(s.received, 1, "and the new record still arrives");
    assert_eq!(b.ids(), a.ids());
    // The phone put its own marker back: the next pass is quiet.
    let s = b.sync(&server).unwrap();
    assert!(!s.restarted && !s.moved());
}

#[test]
fn records_imported_after_a_database_was_first_synced_are_sent_too() {
    let server = Cluster::new(32);
    let mut a = busy_phone("phone-a");
    a.sync(&server).unwrap();
    // Phone B never reached the server; its records come to A by a backup file.
    let mut b = Phone::new("phone-b");
    a.device.send_to(&mut b.device);
    b.device.submit(MID, 2026, Period::Q1, scores_of(66.0));
    b.device.submit(UPPER, 2026, Period::Q1, scores_of(71.5));
    let (added, _) = a.device.ledger.import(&b.device.ledger.export(0)).unwrap();
    assert_eq!(added, 2);
    assert_eq!(
        a.waiting(),
        2,
        "imported records are waiting, not assumed sent"
    );
    let s = a.sync(&server).unwrap();
    assert_eq!(s.sent, 2);
    assert_eq!(server.ids(), a.ids());
    assert_eq!(a.waiting(), 0);
}
