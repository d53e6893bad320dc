#![cfg(not(target_arch = "wasm32"))]
//! Sync at the edges: a clock that fell back or was far ahead, a previous user's records
//! held back, records of the version before databases (placement, chains), a restored
//! server holding a different record under a held id.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::{CadreSelectionEvent, MasterEvent, VillagePayEvent};
use std::cell::RefCell;

use common::cluster::*;
use common::*;
use jishi::domain::access::Scope;
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::village_pay::Period;
use jishi::sync::doc::to_doc;
use jishi::sync::{
    block_on, server_check, ChangesPage, Config, DocResult, MemoryRemote, Remote, RemoteError,
    Replicator, SyncState, UserCtx,
};
use serde_json::Value;

fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed;
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s
    }
}

// ---------------------------------------------------------------------------------
// S1. The recorded_at horizon (F3 fix) lets a device's records go backwards in time;
// the own-record high-water mark (`own_through`) assumes they never do. A phone whose
// clock falls back more than MAX_FUTURE_DAYS (2 days) after a sync — a cheap phone
// whose battery ran flat and came back on a default date — records below
// `own_through`: those records count as "on the server", are never sent, and the
// phone shows 0 waiting.
// ---------------------------------------------------------------------------------

#[test]
fn s1_records_made_after_the_clock_fell_back_reach_the_server() {
    let cluster = Cluster::new(21);
    let mut phone = SyncPhone::new("phone-clock-back");
    phone.user = Some(UserCtx::user(ADMIN, &["admin"]));
    let mut next = rng(5);
    let today = d(2027, 6, 1);
    let now = beijing_ms(today);
    phone
        .device
        .ledger
        .record(
            MasterCommand::RecordTownship {
                township: "t-a".into(),
                name: "甲苏木".into(),
            },
            &actor(Role::Admin, today),
            now,
            &mut next,
        )
        .unwrap();
    phone.sync(&cluster).unwrap();
    // The clock falls back three days (or to a factory default date).
    let back = now - 3 * 86_400_000;
    let later = phone
        .device
        .ledger
        .record(
            MasterCommand::RecordTownship {
                township: "t-b".into(),
                name: "乙苏木".into(),
            },
            &actor(Role::Admin, d(2027, 5, 29)),
            back,
            &mut next,
        )
        .unwrap();
    let waiting = phone.waiting();
    let s = phone.sync(&cluster).unwrap();
    assert!(
        cluster.ids().contains(&later[0].id),
        "a record made after the clock fell back is never sent (recorded_at {} below \
         own_through {}): waiting {waiting}, sent {}",
        later[0].recorded_at,
        phone.state(&Scope::Common).own_through,
        s.sent
    );
}

// ---------------------------------------------------------------------------------
// S2. Held-back records (F8 fix) are never acknowledged, so `own_through` stops before
// the first of them and every later own record of that database the server
// acknowledges stays in `own_above` — the ever-growing value issue 8 (item 4) forbids,
// rewritten on every batch, for as long as the previous user never signs in again.
// ---------------------------------------------------------------------------------

#[test]
fn s2_held_back_records_do_not_make_the_acknowledged_set_grow_with_history() {
    let cluster = Cluster::new(22);
    let mut phone = SyncPhone::new("phone-handed-on");
    // The previous user (the administrator 张卫东) recorded master data, never synced.
    phone.device.master_data();
    // The phone is handed to another administrator, who works with it for months.
    let next_user = "旗委组织部 李新";
    phone.user = Some(UserCtx::user(next_user, &["admin"]));
    for i in 0..60 {
        phone
            .device
            .run_as(
                next_user,
                Role::Admin,
                plus(d(2025, 2, 1), i),
                MasterCommand::RecordTownship {
                    township: format!("t-n{i}"),
                    name: format!("新苏木{i}"),
                },
            )
            .unwrap();
        if i % 10 == 9 {
            phone.sync(&cluster).unwrap();
        }
    }
    let common = phone.state(&Scope::Common);
    assert!(
        common.own_above.len() <= 5,
        "every record of the new user stays in own_above ({} ids, own_through {}): the \
         acknowledged set grows with history",
        common.own_above.len(),
        common.own_through
    );
}

// ---------------------------------------------------------------------------------
// S3. A record naming no database (the format of the version before; the server still
// takes it into any township database from a member of that township) about a village
// of ANOTHER township is taken or quarantined depending on whether the phone knew the
// village when it pulled it — and once taken it counts for that village forever (the
// fold counts every record naming no database). Two county phones with the same
// records disagree on the village's scores.
// ---------------------------------------------------------------------------------

#[test]
fn s3_a_legacy_record_for_another_townships_village_does_not_count_whatever_the_order() {
    let mut honest = Device::new("phone-honest");
    honest.township_2026();
    let sent = honest.submit(SMALL, 2026, Period::Q2, scores_of(80.0));
    let evil_name = "外乡考核组 钱某";
    let mut body = sent
        .iter()
        .find(|e| e.kind == "scores_submitted")
        .expect("a submission")
        .body
        .clone();
    match &mut body {
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            period,
            scores,
            assessor,
            ..
        }) => {
            *period = Period::Q1;
            *scores = scores_of(10.0);
            *assessor = evil_name.into();
        }
        other => panic!("not a submission: {other:?}"),
    }
    // Sealed in the old format: no `scope`.
    let legacy = Event::seal(
        body,
        Stamp {
            id: "e-legacy-evil-q1".into(),
            author: evil_name.into(),
            role: Role::Assessor,
            device: "evil-phone".into(),
            recorded_at: beijing_ms(d(2026, 4, 5)),
            parents: vec![],
        },
    );
    assert!(legacy.scope.is_empty());
    let evil = Scope::Township("t-evil".into());
    // The server refuses it from an assessor of t-evil (it names no database); only a
    // server admin could have put it there.
    let user = UserCtx::user(evil_name, &["assessor", "township:t-evil"]);
    let now = beijing_ms(d(2026, 4, 6));
    assert!(server_check(&to_doc(&legacy), None, &user, &evil, now)
        .is_err_and(|r| r.contains("names no database")));
    let db = MemoryRemote::new(31);
    db.put_raw(to_doc(&legacy));

    let pull = |dev: &mut Device| {
        let mut state = SyncState::fresh("server", &evil.database(PREFIX));
        let r = Replicator::new(&db, Config::default());
        block_on(r.sync(&mut dev.ledger, &mut state, &evil, &mut |_| {})).unwrap()
    };
    // A county phone that had the master data when it read t-evil's database.
    let mut knew = Device::new("phone-county-1");
    honest.send_to(&mut knew);
    pull(&mut knew);
    // A county phone that read t-evil's database before the common one (the common
    // database failed that pass, or the master data arrived later).
    let mut late = Device::new("phone-county-2");
    let s = pull(&mut late);
    honest.send_to(&mut late);
    // Whatever the order, both phones end with the same state.
    assert!(
        late.state().village_pay.counted == knew.state().village_pay.counted,
        "the other township's assessor's scores count for {SMALL} on one county phone \
         and not on the other (pulled: {} received, {} quarantined); the fold depends on \
         the order the databases were read",
        s.received,
        s.quarantined.len()
    );
}

// ---------------------------------------------------------------------------------
// S4. `held_unchanged` takes "revision generation 1" as "unchanged since we had it".
// A document replaced without a generation-2 revision — CouchDB after `_purge` and a
// new PUT, or a conflicting `new_edits:false` revision that wins (VDU sees no
// oldDoc) — is at generation 1 again with different content. Before the fix every
// new change row was fetched and compared (a tamper alarm); now the phones that hold
// the record, the only ones that can tell, skip it silently.
// ---------------------------------------------------------------------------------

/// A server whose documents' winning revisions are at generation 1 (as CouchDB
/// reports a document purged and written again).
struct Generation1<'a> {
    inner: &'a MemoryRemote,
    fetched: RefCell<usize>,
}

impl Remote for Generation1<'_> {
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocResult>, RemoteError> {
        self.inner.bulk_docs(docs).await
    }
    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        let mut page = self.inner.changes(since, limit, include_docs).await?;
        for r in &mut page.results {
            if let Some(rest) = r.rev.strip_prefix("2-") {
                r.rev = format!("1-{rest}");
            }
        }
        Ok(page)
    }
    async fn get_docs(&self, ids: &[String]) -> Result<Vec<Option<Value>>, RemoteError> {
        *self.fetched.borrow_mut() += ids.len();
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
fn s4_a_record_replaced_at_generation_1_raises_a_tamper_alarm() {
    let cluster = Cluster::new(24);
    let mut writer = SyncPhone::new("phone-writer");
    writer.device.township_2026();
    let sent = writer
        .device
        .submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    writer.sync(&cluster).unwrap();
    let mut reader = SyncPhone::new("phone-reader");
    reader.sync(&cluster).unwrap();
    // Someone replaces the submission on the server with other scores under the same
    // id (re-sealed: the hash is public arithmetic).
    let original = sent
        .iter()
        .find(|e| e.kind == "scores_submitted")
        .expect("a submission");
    let mut body = original.body.clone();
    if let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { scores, .. }) = &mut body {
        *scores = scores_of(20.0);
    }
    let forged = Event::seal_in(
        body,
        Stamp {
            id: original.id.clone(),
            author: original.author.clone(),
            role: original.role,
            device: original.device.clone(),
            recorded_at: original.recorded_at,
            parents: original.parents.clone(),
        },
        original.scope.clone(),
    );
    assert_ne!(forged.hash, original.hash);
    cluster.township().put_raw(to_doc(&forged));
    let gen1 = |db| Generation1 {
        inner: db,
        fetched: RefCell::new(0),
    };
    let w = writer.sync_via(&cluster, Config::default(), gen1).unwrap();
    let r = reader.sync_via(&cluster, Config::default(), gen1).unwrap();
    assert!(
        !w.alarms.is_empty() || !r.alarms.is_empty(),
        "the record was replaced on the server and neither phone holding it noticed \
         (writer pulled {} rows, fetched {}; reader pulled {} rows, fetched {})",
        w.pulled,
        w.fetched,
        r.pulled,
        r.fetched
    );
}

// ---------------------------------------------------------------------------------
// S5. Per-database chains (F4 fix) hold only for records of this version. Records of
// the version before (no `scope`) form one chain per phone across kinds — W1 and W4
// were recorded on the same phones before issue 8 — and are now spread over several
// databases by kind: a village head's phone shows "record chain incomplete (deleted
// or changed)" for the administrator's old master-data records, forever.
// ---------------------------------------------------------------------------------

#[test]
fn s5_records_of_the_version_before_show_no_broken_chain_on_a_reader_of_some_databases() {
    let cluster = Cluster::new(25);
    let (cadre, profile) = common::cadre::cadres().into_iter().next().unwrap();
    let stamp = |id: &str, at: i64, parents: Vec<String>| Stamp {
        id: id.into(),
        author: ADMIN.into(),
        role: Role::Admin,
        device: "old-admin-phone".into(),
        recorded_at: at,
        parents,
    };
    // On the administrator's phone, before the upgrade: a cadre, then a township.
    let at = beijing_ms(d(2025, 1, 6));
    let first = Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::CadreRecorded {
            cadre: cadre.into(),
            profile: profile.into(),
            supersedes: None,
        }),
        stamp("e-old-cadre", at, vec![]),
    );
    let second = Event::seal(
        EventBody::Master(MasterEvent::TownshipRecorded {
            township: TOWNSHIP.into(),
            name: TOWNSHIP_NAME.into(),
            supersedes: None,
        }),
        stamp("e-old-township", at + 1, vec![first.hash.clone()]),
    );
    assert!(first.scope.is_empty() && second.scope.is_empty());
    // After the upgrade each went to its kind's database.
    cluster.db(&Scope::Cadre).put_raw(to_doc(&first));
    cluster.common().put_raw(to_doc(&second));
    // A village head reads the common and the township database.
    let mut head = SyncPhone::new("phone-head");
    for scope in [Scope::Common, Scope::Township(TOWNSHIP.into())] {
        let r = Replicator::new(cluster.db(&scope), Config::default());
        let state = head.states.get_mut(&scope).unwrap();
        block_on(r.sync(&mut head.device.ledger, state, &scope, &mut |_| {})).unwrap();
    }
    assert!(head.device.ledger.event("e-old-township").is_some());
    let problems = head.device.ledger.verify_synced();
    assert!(
        problems.is_empty(),
        "the village head's Data page shows the chain as broken: {problems:?}"
    );
}

/// S4b. The same without any special server power: the township database is restored
/// from a backup taken before a submission was synced, and a member writes another
/// record under its id (a new document for the restored server: generation 1). The
/// phones holding the true record skip the document as "held unchanged"; a phone that
/// never held it takes the other one.
#[test]
fn s4b_after_a_restore_a_different_record_under_a_held_id_raises_a_tamper_alarm() {
    let cluster = Cluster::new(26);
    let mut writer = SyncPhone::new("phone-writer");
    writer.device.township_2026();
    writer.sync(&cluster).unwrap();
    let backup = cluster.snapshot();
    let sent = writer
        .device
        .submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    writer.sync(&cluster).unwrap();
    let mut reader = SyncPhone::new("phone-reader");
    reader.sync(&cluster).unwrap();
    cluster.restore(&backup);
    let original = sent
        .iter()
        .find(|e| e.kind == "scores_submitted")
        .expect("a submission");
    let mut body = original.body.clone();
    if let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { scores, .. }) = &mut body {
        *scores = scores_of(20.0);
    }
    let forged = Event::seal_in(
        body,
        Stamp {
            id: original.id.clone(),
            author: "考核组 另一人".into(), // a member of the township, in their own name
            role: original.role,
            device: "phone-other".into(),
            recorded_at: original.recorded_at,
            parents: vec![],
        },
        original.scope.clone(),
    );
    cluster.township().put_raw(to_doc(&forged));
    let w = writer.sync(&cluster).unwrap();
    let r = reader.sync(&cluster).unwrap();
    assert!(
        !w.alarms.is_empty() && !r.alarms.is_empty(),
        "a different record under an id both phones hold, and no alarm (writer: restarted \
         {}, pulled {}, fetched {}, alarms {}; reader: restarted {}, pulled {}, fetched {}, \
         alarms {})",
        w.restarted,
        w.pulled,
        w.fetched,
        w.alarms.len(),
        r.restarted,
        r.pulled,
        r.fetched,
        r.alarms.len()
    );
}

// ---------------------------------------------------------------------------------
// S6. After the F3 fix, records made once the clock is fixed reach the server — but
// `chain_head` picks the device's record with the greatest recorded_at, which is the
// one made with the clock far ahead and refused by the server. Every later record of
// that database names it as parent, so every other phone shows "record chain
// incomplete (deleted or changed)" for every one of them, until the refused record is
// accepted (a year later here; never for a clock set to 2099).
// ---------------------------------------------------------------------------------

#[test]
fn s6_records_made_after_the_clock_was_fixed_show_no_broken_chain_elsewhere() {
    let cluster = Cluster::new(27);
    let mut phone = SyncPhone::new("phone-clock");
    phone.user = Some(UserCtx::user(ADMIN, &["admin"]));
    let mut next = rng(9);
    let today = d(2027, 6, 1);
    let now = beijing_ms(today);
    let mut record = |phone: &mut SyncPhone, t: &str, at: i64| {
        phone
            .device
            .ledger
            .record(
                MasterCommand::RecordTownship {
                    township: t.into(),
                    name: format!("{t}苏木"),
                },
                &actor(Role::Admin, today),
                at,
                &mut next,
            )
            .unwrap()
    };
    record(&mut phone, "t-a", now + 365 * 86_400_000);
    let b = record(&mut phone, "t-b", now);
    let c = record(&mut phone, "t-c", now + 60_000);
    phone.sync(&cluster).unwrap();
    assert!(cluster.ids().contains(&b[0].id) && cluster.ids().contains(&c[0].id));
    let mut reader = SyncPhone::new("phone-reader");
    reader.sync(&cluster).unwrap();
    let problems = reader.device.ledger.verify();
    assert!(
        problems.is_empty(),
        "every record made after the clock was fixed points at the refused one: \
         {problems:?}"
    );
}
