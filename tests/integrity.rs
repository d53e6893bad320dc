#![cfg(not(target_arch = "wasm32"))]
//! Tamper evidence, corrupt storage, the storage quota and backup files
//! (DESIGN.md principles 1 and 5; the store's all-or-nothing invariant).

mod common;

use common::*;
use jishi::domain::event::{verify, Event, EventBody, Problem, Role, Stamp};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::state::State;
use jishi::domain::village_pay::Period;
use jishi::domain::workflows::{MasterEvent, VillagePayEvent};
use jishi::store::{ChainCheck, Ledger, MemoryStore, RecordError, StoreError};
use serde_json::Value;

/// Phone A: master data, indicators, 2026 Q1 of every village (乌兰哈达嘎查 only
/// scored) — and the same log on phone B, which then records Q2 for 巴彦芒哈嘎查.
fn scenario() -> (Device, Device) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    for (v, p) in [(LARGE, 92.0), (UPPER, 78.0), (SMALL, 55.0)] {
        a.final_quarter(v, Period::Q1, p);
    }
    a.submit(MID, 2026, Period::Q1, scores_of(70.0));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    b.submit(SMALL, 2026, Period::Q2, scores_of(61.5));
    b.open_publicity(SMALL, 2026, Period::Q2);
    (a, b)
}

/// The event that recorded 乌兰哈达嘎查's Q1 scores.
fn mid_q1_scores(events: &[Event]) -> Event {
    events
        .iter()
        .find(|e| matches!(&e.body, EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { village, period: Period::Q1, .. }) if village == MID))
        .cloned()
        .expect("MID Q1 scores")
}

/// Change the 党建引领 score inside a stored JSON event, leaving its hash as it was.
fn tamper_score_json(raw: &str, halves: u32) -> String {
    let mut v: Value = serde_json::from_str(raw).unwrap();
    v["body"]["scores_submitted"]["scores"]["dj"] = Value::from(halves);
    serde_json::to_string(&v).unwrap()
}

/// Serialize a JSON value with every object's keys in reverse order.
fn reversed_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            out.push('{');
            for (i, (k, x)) in map.iter().rev().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(':');
                reversed_json(x, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                reversed_json(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

fn reordered(e: &Event) -> String {
    let mut out = String::new();
    reversed_json(&serde_json::to_value(e).unwrap(), &mut out);
    out
}

fn rule_code<T: std::fmt::Debug>(r: Result<T, RecordError>) -> &'static str {
    code(r)
}

// ---------------------------------------------------------------- hashes

#[test]
fn verify_finds_nothing_wrong_in_an_untouched_log() {
    let (mut a, b) = scenario();
    b.send_to(&mut a);
    let log = a.events();
    assert!(log.iter().any(|e| e.device == "phone-b") && log.iter().any(|e| e.device == "phone-a"));
    assert!(log.iter().all(Event::hash_ok));
    assert_eq!(verify(&log), vec![]);
}

#[test]
fn verify_reports_a_score_changed_after_it_was_recorded() {
    let (a, _) = scenario();
    let mut log = a.events();
    let target = mid_q1_scores(&log).id;
    let e = log.iter_mut().find(|e| e.id == target).unwrap();
    if let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { scores, .. }) = &mut e.body {
        *scores.get_mut("dj").unwrap() = 60; // 党建引领 raised to the full 30
    }
    assert!(!e.hash_ok());
    assert_eq!(
        verify(&log),
        vec![Problem::HashMismatch { id: target.clone() }]
    );

    // Changing who recorded it is caught the same way.
    let mut log = a.events();
    let e = log.iter_mut().find(|e| e.id == target).unwrap();
    e.author = "旗委组织部 张卫东".into();
    assert_eq!(verify(&log), vec![Problem::HashMismatch { id: target }]);
}

#[test]
fn verify_reports_an_event_whose_parent_is_missing_from_the_log() {
    let (a, _) = scenario();
    let mut log = a.events();
    let removed = log.remove(3);
    let child = log
        .iter()
        .find(|e| e.parents.contains(&removed.hash))
        .expect("the chain continues")
        .id
        .clone();
    assert_eq!(
        verify(&log),
        vec![Problem::MissingParent {
            id: child,
            parent: removed.hash
        }]
    );
}

#[test]
fn hash_does_not_depend_on_the_key_order_of_the_stored_json() {
    let (a, _) = scenario();
    for e in a.events() {
        let text = reordered(&e);
        assert_ne!(
            text,
            serde_json::to_string(&e).unwrap(),
            "the keys really are in another order"
        );
        let back: Event = serde_json::from_str(&text).unwrap();
        assert!(
            back.hash_ok(),
            "{} no longer verifies when its keys are reordered",
            e.id
        );
        assert_eq!(back.canonical_json(), e.canonical_json());
        assert_eq!(back, e);
    }
    // The store reads such entries without quarantining them.
    let mut store = a.ledger.store().clone();
    for raw in store.entries.values_mut() {
        let e: Event = serde_json::from_str(raw).unwrap();
        *raw = reordered(&e);
    }
    let ledger = Ledger::open(store, "phone-a");
    assert!(ledger.quarantined().is_empty());
    assert_eq!(ledger.state(), a.state());
}

/// SHA-256 of the canonical JSON below, cross-checked with Python's
/// `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`. The same
/// value is asserted by the browser test (tests/browser_store.rs), so a dependency
/// that changed serde_json's key order on one target would be caught.
pub const KNOWN_HASH: &str = "04ffa511f2a01402a5f5f14651869e114cd576e5c8ac29108b4fd81d251d1142";

#[test]
fn the_hash_of_a_known_event_is_stable() {
    let e = Event::seal(
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            village: MID.into(),
            year: 2026,
            period: Period::Q1,
            indicator_version: 1,
            indicator_set: String::new(),
            scores: halves(&[("dj", 54), ("cy", 45), ("zl", 36), ("ms", 27), ("zf", 18)]),
            assessor: ASSESSOR.into(),
            assessed_on: d(2026, 3, 25),
            note: "入村实地查验".into(),
            supersedes: vec![],
            reason: String::new(),
        }),
        Stamp {
            id: "019d2a1b2c3d0123456789abcdef".into(),
            author: ASSESSOR.into(),
            role: Role::Assessor,
            device: "phone-a".into(),
            recorded_at: 1_774_404_000_000,
            parents: vec!["00".repeat(32)],
        },
    );
    assert_eq!(e.subject, "w1v/v-wlhd/2026");
    assert_eq!(e.hash, KNOWN_HASH, "canonical JSON: {}", e.canonical_json());
}

// ---------------------------------------------------------------- corrupt and tampered storage

#[test]
fn opening_the_store_quarantines_a_garbage_entry_and_a_tampered_entry_and_loads_everything_else() {
    let (a, _) = scenario();
    let log = a.events();
    let tampered = mid_q1_scores(&log);
    let garbage = log
        .iter()
        .find(|e| {
            matches!(
                e.body,
                EventBody::VillagePay(VillagePayEvent::PublicityOpened { .. })
            )
        })
        .unwrap()
        .clone();
    let mut store = a.ledger.store().clone();
    let tampered_key = MemoryStore::key(&tampered.id);
    let garbage_key = MemoryStore::key(&garbage.id);
    let raw = store.entries[&tampered_key].clone();
    store
        .entries
        .insert(tampered_key.clone(), tamper_score_json(&raw, 60));
    store.entries.insert(
        garbage_key.clone(),
        "{\"id\":\"019d2a1b2c3d\",\"subj\u{fffd}\u{0}".into(),
    );

    let ledger = Ledger::open(store, "phone-a");
    let mut keys: Vec<&str> = ledger
        .quarantined()
        .iter()
        .map(|q| q.key.as_str())
        .collect();
    keys.sort();
    let mut expected = vec![tampered_key.as_str(), garbage_key.as_str()];
    expected.sort();
    assert_eq!(keys, expected);
    for q in ledger.quarantined() {
        if q.key == tampered_key {
            assert!(q.reason.contains("hash"), "{}", q.reason);
        } else {
            assert!(q.reason.starts_with("unreadable"), "{}", q.reason);
        }
    }
    assert_eq!(ledger.events().len(), log.len() - 2);
    let others: Vec<Event> = log
        .iter()
        .filter(|e| e.id != tampered.id && e.id != garbage.id)
        .cloned()
        .collect();
    assert_eq!(*ledger.state(), State::fold(&others));
    let slot = ledger
        .state()
        .village_pay
        .counted
        .slot(MID, 2026, Period::Q1);
    assert!(
        slot.is_none_or(|s| s.versions.is_empty()),
        "the tampered score is not in the state"
    );
    assert!(ledger
        .state()
        .village_pay
        .counted
        .slot(LARGE, 2026, Period::Q1)
        .unwrap()
        .finalized
        .is_some());
}

// ---------------------------------------------------------------- storage quota

#[test]
fn a_record_that_does_not_fit_the_storage_quota_stores_nothing_and_succeeds_once_there_is_room() {
    let (a, _) = scenario();
    let mut store = a.ledger.store().clone();
    let used: usize = store.entries.values().map(String::len).sum();
    store.quota = Some(used + 10);
    let mut dev = Device::with_store(store, "phone-a");
    let before_state = dev.state().clone();
    let before_entries = dev.ledger.store().entries.clone();
    let before_events = dev.events().len();

    let cmd = submit_cmd(MID, 2026, Period::Q2, scores_of(74.0));
    let on = quarter_dates(2026, Period::Q2).0;
    match dev.run(Role::Assessor, on, cmd.clone()) {
        Err(e @ RecordError::Storage(StoreError::QuotaExceeded)) => {
            assert!(e.message(true).contains("未保存"), "{}", e.message(true));
        }
        other => panic!("expected QuotaExceeded, got {other:?}"),
    }
    assert_eq!(
        dev.ledger.store().entries,
        before_entries,
        "nothing of it is stored"
    );
    assert_eq!(dev.events().len(), before_events);
    assert_eq!(*dev.state(), before_state, "the state is unchanged");

    dev.ledger.store_mut().quota = Some(used + 100_000);
    let recorded = dev.ok(Role::Assessor, on, cmd);
    assert_eq!(dev.ledger.store().entries.len(), before_entries.len() + 1);
    assert!(dev
        .ledger
        .store()
        .entries
        .contains_key(&MemoryStore::key(&recorded[0].id)));
    assert_eq!(
        dev.state()
            .village_pay
            .counted
            .slot(MID, 2026, Period::Q2)
            .unwrap()
            .standing()
            .unwrap()
            .scores,
        scores_of(74.0)
    );
}

#[test]
fn an_import_that_does_not_fit_the_storage_quota_adds_nothing() {
    let (a, _) = scenario();
    let text = a.ledger.export(beijing_ms(d(2026, 4, 10)));
    let mut ledger = Ledger::open(
        MemoryStore {
            quota: Some(2_000),
            ..MemoryStore::default()
        },
        "phone-new",
    );
    assert_eq!(
        ledger.import(&text),
        Err(RecordError::Storage(StoreError::QuotaExceeded))
    );
    assert!(ledger.events().is_empty());
    assert!(ledger.store().entries.is_empty());
    assert_eq!(*ledger.state(), State::default());
}

// ---------------------------------------------------------------- backup files

#[test]
fn a_backup_imported_into_a_new_phone_gives_the_same_state() {
    let (mut a, b) = scenario();
    b.send_to(&mut a);
    let text = a.ledger.export(beijing_ms(d(2026, 4, 10)));
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(fresh.import(&text), Ok((a.events().len(), 0)));
    assert_eq!(fresh.state(), a.state());
    assert_eq!(verify(fresh.events()), vec![]);
    // And the new phone's store holds it: it survives a restart.
    let reopened = Ledger::open(fresh.store().clone(), "phone-new");
    assert_eq!(reopened.state(), a.state());
}

/// The Data page writes a backup a part at a time (the page keeps answering): the
/// parts, whatever their size, make exactly the file written at once, and it imports.
#[test]
fn a_backup_written_in_parts_is_the_file_written_at_once() {
    let (mut a, b) = scenario();
    b.send_to(&mut a);
    let now = beijing_ms(d(2026, 4, 10));
    let whole = a.ledger.export(now);
    let order = a.ledger.backup_order();
    assert_eq!(order.len(), a.events().len());
    for size in [1, 3, 1000] {
        let mut file = a.ledger.backup_head(now);
        for (turn, ids) in order.chunks(size).enumerate() {
            a.ledger.push_backup_part(ids, turn * size, &mut file);
        }
        file.push_str(jishi::domain::backup::FILE_TAIL);
        assert_eq!(file, whole, "parts of {size}");
    }
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(fresh.import(&whole), Ok((a.events().len(), 0)));
}

#[test]
fn importing_the_same_backup_again_adds_nothing_and_skips_everything() {
    let (a, _) = scenario();
    let n = a.events().len();
    let text = a.ledger.export(beijing_ms(d(2026, 4, 10)));
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(fresh.import(&text), Ok((n, 0)));
    let state = fresh.state().clone();
    assert_eq!(fresh.import(&text), Ok((0, n)));
    assert_eq!(fresh.events().len(), n);
    assert_eq!(*fresh.state(), state);
    assert_eq!(fresh.store().entries.len(), n);
}

/// Phone B's backup holds phone A's events plus new ones; importing it into A
/// after `spoil` must be refused with `code` and add none of the new events.
fn refused_import(spoil: impl FnOnce(&mut Value), expected: &str) {
    let (mut a, b) = scenario();
    let new_ids: Vec<String> = b
        .events()
        .into_iter()
        .filter(|e| e.device == "phone-b")
        .map(|e| e.id)
        .collect();
    assert!(!new_ids.is_empty());
    let mut file: Value =
        serde_json::from_str(&b.ledger.export(beijing_ms(d(2026, 7, 1)))).unwrap();
    spoil(&mut file);
    let text = serde_json::to_string_pretty(&file).unwrap();
    let before = a.state().clone();
    let before_n = a.events().len();
    assert_eq!(rule_code(a.ledger.import(&text)), expected);
    assert_eq!(a.events().len(), before_n, "nothing is added");
    assert_eq!(*a.state(), before);
    assert!(
        new_ids.iter().all(|id| a.ledger.event(id).is_none()),
        "the good events are not added either"
    );
    assert_eq!(a.ledger.store().entries.len(), before_n);
    // The unspoiled file imports fine.
    assert_eq!(
        a.ledger.import(&b.ledger.export(0)).map(|r| r.0),
        Ok(new_ids.len())
    );
}

fn events_mut(file: &mut Value) -> &mut Vec<Value> {
    file["events"].as_array_mut().unwrap()
}

#[test]
fn a_backup_with_a_tampered_event_is_rejected_whole() {
    refused_import(
        |file| {
            let list = events_mut(file);
            let i = list
                .iter()
                .position(|e| e["kind"] == "scores_submitted")
                .unwrap();
            list[i]["body"]["scores_submitted"]["scores"]["dj"] = Value::from(60);
        },
        "backup.hash",
    );
}

#[test]
fn a_backup_whose_event_clashes_with_a_different_local_event_of_the_same_id_is_rejected_whole() {
    refused_import(
        |file| {
            let list = events_mut(file);
            let i = list
                .iter()
                .position(|e| e["kind"] == "township_recorded")
                .unwrap();
            let mut e: Event = serde_json::from_value(list[i].clone()).unwrap();
            e.body = EventBody::Master(MasterEvent::TownshipRecorded {
                township: TOWNSHIP.into(),
                name: "乌力吉木仁镇".into(),
                supersedes: None,
            });
            e.hash = e.compute_hash(); // a valid event, just not the one this phone holds
            assert!(e.hash_ok());
            list[i] = serde_json::to_value(&e).unwrap();
        },
        "backup.clash",
    );
}

#[test]
fn a_file_that_is_not_json_is_rejected() {
    let (mut a, _) = scenario();
    let n = a.events().len();
    let refused = a.ledger.import("纪实备份 2026-04-10");
    assert_eq!(rule_code(refused.clone()), "backup.not_json");
    // Said in Chinese, with where: no parser words in English.
    let Err(RecordError::Rule(v)) = refused else {
        unreachable!()
    };
    assert_eq!(v.zh, "文件不是有效的 JSON：第 1 行第 1 列有格式错误");
    assert!(v.en.contains("expected value"), "{}", v.en);
    let text = a.ledger.export(0);
    // Cut at a character boundary (the file holds Chinese text).
    let cut = (0..=text.len() / 2)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let refused = a.ledger.import(&text[..cut]);
    assert_eq!(
        rule_code(refused.clone()),
        "backup.not_json",
        "a truncated file"
    );
    let Err(RecordError::Rule(v)) = refused else {
        unreachable!()
    };
    assert!(v.zh.starts_with("文件不完整：在第 "), "{}", v.zh);
    assert!(v.zh.contains("可能没有下载或复制完整"), "{}", v.zh);
    assert_eq!(a.events().len(), n);
}

/// An empty file (or one of spaces and newlines, or of a byte-order mark alone) is
/// named as empty, not as broken JSON; a backup behind a byte-order mark imports.
#[test]
fn an_empty_file_is_named_empty_and_adds_nothing() {
    let (mut a, _) = scenario();
    let n = a.events().len();
    for text in ["", "  \n\t\r\n", "\u{feff}", "\u{feff}\n"] {
        let refused = a.ledger.import(text);
        assert_eq!(rule_code(refused.clone()), "backup.empty", "{text:?}");
        let Err(RecordError::Rule(v)) = refused else {
            unreachable!()
        };
        assert!(v.zh.contains("文件是空的"), "{}", v.zh);
    }
    assert_eq!(a.events().len(), n);
    // A backup behind a byte-order mark imports.
    let text = format!("\u{feff}{}", a.ledger.export(0));
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(fresh.import(&text), Ok((n, 0)));
}

/// A file laid out as an export but with two records joined on one line (an edit by
/// hand) is still read whole: every record is imported.
#[test]
fn two_records_on_one_line_of_an_exported_file_are_both_imported() {
    let (mut a, b) = scenario();
    b.send_to(&mut a);
    let text = a.ledger.export(0);
    let joined = text.replacen("},\n{", "},{", 1);
    assert_ne!(joined, text);
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(fresh.import(&joined), Ok((a.events().len(), 0)));
    assert_eq!(fresh.state(), a.state());
}

#[test]
fn a_json_file_of_another_format_is_rejected() {
    let (mut a, _) = scenario();
    let n = a.events().len();
    let other = serde_json::json!({ "format": "wechat-export", "version": 1, "events": [] });
    assert_eq!(
        rule_code(a.ledger.import(&other.to_string())),
        "backup.format"
    );
    assert_eq!(rule_code(a.ledger.import("[1, 2, 3]")), "backup.format");
    // A bare list of events is not a backup file either, even with good events.
    let bare = serde_json::to_string(&a.events()).unwrap();
    assert_eq!(rule_code(a.ledger.import(&bare)), "backup.format");
    assert_eq!(a.events().len(), n);
}

#[test]
fn a_backup_holding_two_different_events_with_one_id_is_rejected_whole() {
    let (_, b) = scenario();
    let mut file: Value = serde_json::from_str(&b.ledger.export(0)).unwrap();
    let list = events_mut(&mut file);
    let i = list.iter().rposition(|e| e["device"] == "phone-b").unwrap();
    let mut twin: Event = serde_json::from_value(list[i].clone()).unwrap();
    twin.author = "考核组 另一人".into();
    twin.hash = twin.compute_hash(); // valid on its own; same id, different content
    list.push(serde_json::to_value(&twin).unwrap());
    let text = serde_json::to_string(&file).unwrap();

    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(rule_code(fresh.import(&text)), "backup.clash");
    assert!(fresh.events().is_empty(), "neither twin is silently chosen");
}

#[test]
fn a_backup_listing_the_same_event_twice_imports_it_once() {
    let (a, _) = scenario();
    let n = a.events().len();
    let mut file: Value = serde_json::from_str(&a.ledger.export(0)).unwrap();
    let list = events_mut(&mut file);
    let copy = list[5].clone();
    list.push(copy);
    let mut fresh = Ledger::open(MemoryStore::default(), "phone-new");
    assert_eq!(
        fresh.import(&serde_json::to_string(&file).unwrap()),
        Ok((n, 1))
    );
    assert_eq!(fresh.state(), a.state());
}

// ---------------------------------------------------------------- schema evolution

/// Re-seal a stored record after `edit`: the hash over its new canonical value, as a
/// newer version of the app (or a forger who knows the format) would write it.
fn resealed(mut v: Value, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
    let map = v.as_object_mut().unwrap();
    map.remove("hash");
    edit(map);
    let hash = jishi::domain::event::sha256_hex(&Value::Object(map.clone()).to_string());
    map.insert("hash".into(), hash.into());
    v
}

/// A record of a kind this version does not know (as W2 will write), from phone A.
fn future_record(a: &Device) -> Value {
    let template: Value = serde_json::from_str(&a.events()[0].json()).unwrap();
    resealed(template, |m| {
        m.insert("id".into(), "019e00000000aaaaaaaaaaaaaaaa".into());
        m.insert("kind".into(), "village_head_selected".into());
        m.insert("subject".into(), "w2/t-wljmr/2027".into());
        m.insert(
            "body".into(),
            serde_json::json!({"village_head_selected": {"village": MID, "year": 2027}}),
        );
    })
}

fn backup_with(a: &Device, extra: Vec<Value>) -> String {
    let mut file: Value = serde_json::from_str(&a.ledger.export(0)).unwrap();
    events_mut(&mut file).extend(extra);
    serde_json::to_string(&file).unwrap()
}

#[test]
fn a_record_with_a_field_this_version_does_not_know_verifies_and_is_kept_verbatim() {
    let (a, _) = scenario();
    let original = mid_q1_scores(&a.events());
    let newer = resealed(serde_json::from_str(&original.json()).unwrap(), |m| {
        m.insert("id".into(), "019e00000000bbbbbbbbbbbbbbbb".into());
        m["body"]["scores_submitted"]["gps"] = serde_json::json!("44.56,120.91");
        m.insert("app_version".into(), "2027.1".into());
    });
    let text = backup_with(&a, vec![newer.clone()]);
    let mut phone = Ledger::open(MemoryStore::default(), "phone-new");
    phone
        .import(&text)
        .expect("a newer version's record imports");
    let e = phone
        .event("019e00000000bbbbbbbbbbbbbbbb")
        .expect("understood: the fields it knows are read");
    assert!(e.hash_ok());
    assert_eq!(
        serde_json::from_str::<Value>(&e.json()).unwrap(),
        newer,
        "stored, exported and synced with the unknown fields"
    );
    assert!(verify(phone.events()).is_empty());
    // After a restart it still verifies and folds.
    let reopened = Ledger::open(phone.store().clone(), "phone-new");
    assert!(reopened.quarantined().is_empty());
    assert!(reopened.event("019e00000000bbbbbbbbbbbbbbbb").is_some());
    assert!(reopened.export(0).contains("44.56,120.91"));
}

#[test]
fn a_record_of_an_unknown_kind_is_kept_stored_and_exported_but_not_folded() {
    let (a, _) = scenario();
    let future = future_record(&a);
    let mut phone = Ledger::open(MemoryStore::default(), "phone-old");
    let (added, _) = phone
        .import(&backup_with(&a, vec![future.clone()]))
        .unwrap();
    assert_eq!(added, a.events().len() + 1, "nothing refused");
    assert_eq!(phone.state(), a.state(), "folded exactly as without it");
    assert_eq!(phone.foreign().len(), 1);
    assert_eq!(phone.foreign()[0].kind, "village_head_selected");
    assert!(phone.quarantined().is_empty());
    // The Data page's count and its hash check name the same total: the newer
    // version's record was checked in full when it was read.
    let held = a.events().len() + 1;
    assert_eq!(phone.check_hashes(0), (1, held));
    assert_eq!(phone.check_hashes(usize::MAX), (held, held));
    // Kept across a restart (never quarantined), re-read by whatever version opens it.
    let reopened = Ledger::open(phone.store().clone(), "phone-old");
    assert_eq!(reopened.foreign().len(), 1);
    assert!(reopened.quarantined().is_empty());
    // And exported verbatim, so a second phone gets it too.
    let mut other = Ledger::open(MemoryStore::default(), "phone-other");
    other.import(&reopened.export(0)).unwrap();
    let kept: Value = serde_json::from_str(&other.foreign()[0].json).unwrap();
    assert_eq!(kept, future);
}

#[test]
fn a_policy_out_of_range_or_an_id_outside_the_safe_alphabet_is_refused_when_it_arrives() {
    let (a, _) = scenario();
    let template: Value = serde_json::from_str(&a.events()[0].json()).unwrap();
    let policy = jishi::domain::policy::Policy {
        publicity_days: 3_000_000_000,
        ..Default::default()
    };
    let absurd = resealed(template.clone(), |m| {
        m.insert("id".into(), "019e00000000cccccccccccccccc".into());
        m.insert("kind".into(), "policy_changed".into());
        m.insert("subject".into(), "policy".into());
        m.insert(
            "body".into(),
            serde_json::json!({"policy_changed": {"effective_from": "2026-01-01", "policy": policy}}),
        );
    });
    let hostile = resealed(template, |m| {
        m.insert("id".into(), "019e00000000dddddddddddddddd".into());
        m["body"]["township_recorded"]["township"] = "t1' autofocus onfocus='alert(8)'".into();
    });
    for (record, why) in [(absurd, "out of range"), (hostile, "safe alphabet")] {
        let mut phone = Ledger::open(MemoryStore::default(), "phone-new");
        let err = phone
            .import(&backup_with(&a, vec![record.clone()]))
            .unwrap_err();
        assert!(err.message(false).contains(why), "{}", err.message(false));
        assert!(phone.events().is_empty(), "the import is refused whole");
        // By sync, it is refused alone; on disk, it is quarantined and never folded.
        let r = phone
            .receive_decoded(vec![jishi::domain::record::decode_value(record.clone())])
            .unwrap();
        assert_eq!(r.rejected[0].reason, jishi::store::RejectReason::Invalid);
        let mut store = MemoryStore::default();
        let id = record["id"].as_str().unwrap();
        store
            .entries
            .insert(MemoryStore::key(id), record.to_string());
        let opened = Ledger::open(store, "phone-new");
        assert_eq!(opened.quarantined().len(), 1);
        assert!(opened.events().is_empty());
    }
}

// ---------------------------------------------------------------- local tamper evidence

#[test]
fn a_resealed_edit_or_a_deleted_record_on_the_phone_breaks_the_chain_and_is_shown() {
    let (a, _) = scenario();
    assert_eq!(a.ledger.verify(), vec![], "an untouched phone is whole");
    let target = a
        .events()
        .into_iter()
        .find(|e| matches!(&e.body, EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { village, .. }) if village == LARGE))
        .expect("乌力吉木仁嘎查 Q1 scores");
    let child = a
        .events()
        .into_iter()
        .find(|e| e.parents.contains(&target.hash))
        .expect("recorded after it on the same phone");
    // Someone edits the stored score and re-computes its hash, so it verifies alone.
    let mut store = a.ledger.store().clone();
    let key = MemoryStore::key(&target.id);
    let edited = resealed(serde_json::from_str(&store.entries[&key]).unwrap(), |m| {
        m["body"]["scores_submitted"]["scores"]["dj"] = Value::from(60);
    });
    store.entries.insert(key.clone(), edited.to_string());
    let phone = Ledger::open(store.clone(), "phone-a");
    assert!(
        phone.quarantined().is_empty(),
        "the edit verifies on its own"
    );
    assert_eq!(
        phone.verify(),
        vec![Problem::MissingParent {
            id: child.id.clone(),
            parent: target.hash.clone()
        }],
        "but the next record on that phone no longer links to it"
    );
    // Deleting the record instead breaks the chain at the same place.
    store.entries.remove(&key);
    let phone = Ledger::open(store, "phone-a");
    let broken = vec![Problem::MissingParent {
        id: child.id.clone(),
        parent: target.hash.clone(),
    }];
    assert_eq!(phone.verify(), broken);
    // The Data page walks the chain a part at a time: whatever the part, it names the
    // same break, and the progress it reports only grows, to the end.
    for limit in [1, 2, 7, 1000] {
        let mut check = ChainCheck::new(&phone, true);
        let mut seen = vec![check.progress()];
        let found = loop {
            if let Some(found) = check.step(&phone, limit) {
                break found;
            }
            seen.push(check.progress());
        };
        assert_eq!(found, broken, "in parts of {limit}");
        assert!(seen
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1));
        assert!(seen.len() > 1);
    }
    // A record that arrives while the walk goes on and is the missing one fills the gap.
    let mut phone = phone;
    let mut check = ChainCheck::new(&phone, true);
    assert_eq!(check.step(&phone, 1), None);
    phone.receive(vec![target.clone()]).unwrap();
    let found = loop {
        if let Some(found) = check.step(&phone, 3) {
            break found;
        }
    };
    assert_eq!(found, vec![]);
    assert_eq!(phone.verify(), vec![]);
}

#[test]
fn a_policy_an_earlier_version_accepted_still_folds_when_it_arrives() {
    let (a, _) = scenario();
    let template: Value = serde_json::from_str(&a.events()[0].json()).unwrap();
    // Bands out of order, 优秀 5,000 and a 0-day warning talk: today's form refuses them,
    // but the previous version recorded such policies and they keep their effect.
    let mut policy = jishi::domain::policy::Policy::default();
    policy.base_pay_bands = vec![
        jishi::domain::policy::PayBand {
            min_population: 0,
            yuan: 7_000,
        },
        jishi::domain::policy::PayBand {
            min_population: 3_000,
            yuan: 9_500,
        },
        jishi::domain::policy::PayBand {
            min_population: 1_000,
            yuan: 8_000,
        },
    ];
    policy.pay_excellent = 5_000;
    policy.warning_talk_days = 0;
    assert!(policy.validate().is_err(), "today's form would refuse it");
    let old = resealed(template, |m| {
        m.insert("id".into(), "019e00000000abababababababab".into());
        m.insert("kind".into(), "policy_changed".into());
        m.insert("subject".into(), "policy".into());
        m.insert(
            "body".into(),
            serde_json::json!({"policy_changed": {"effective_from": "2026-01-01", "policy": policy}}),
        );
    });
    let mut phone = Ledger::open(MemoryStore::default(), "phone-new");
    phone
        .import(&backup_with(&a, vec![old]))
        .expect("kept and folded");
    let in_force = phone.state().policies.at(d(2026, 6, 1));
    assert_eq!(in_force.pay_excellent, 5_000);
    assert_eq!(in_force.base_pay(3_500), 9_500);
}

#[test]
fn text_longer_than_anyone_types_is_refused_on_its_field_and_nothing_is_saved() {
    let (mut a, _) = scenario();
    let n = a.events().len();
    let long_name = MasterCommand::RecordTownship {
        township: "t-long".into(),
        name: "乌".repeat(2_000),
    };
    let r = a.run(Role::Admin, d(2026, 5, 1), long_name);
    let Err(RecordError::Rule(v)) = r else {
        panic!("a 2,000-character township name was accepted: {r:?}")
    };
    assert_eq!(
        (v.code, v.field.as_deref()),
        ("field.too_long", Some("name"))
    );
    // A 120,000-character note would make a record no phone could import again.
    let huge = jishi::domain::village_pay::Command::CorrectScores {
        village: MID.into(),
        year: 2026,
        period: Period::Q1,
        scores: scores_of(71.0),
        reason: "长".repeat(120_000),
    };
    assert_eq!(
        rule_code(a.run(Role::Assessor, d(2026, 3, 25), huge)),
        "field.too_long"
    );
    assert_eq!(a.events().len(), n, "nothing was saved");
    // What is saved always imports again on another phone.
    let mut other = Ledger::open(MemoryStore::default(), "phone-other");
    other
        .import(&a.ledger.export(0))
        .expect("the phone's own backup imports");
}

/// A hash-valid record of a known kind whose fields are written as an array (never by
/// this app): the array would hide its ids from the safe-alphabet check, so it is
/// refused, as the server refuses it — not kept and forwarded as a newer version's.
#[test]
fn a_known_kind_with_its_fields_as_an_array_is_refused_not_forwarded() {
    use jishi::domain::event::sha256_hex;
    use jishi::domain::record::{decode_value, Decoded};
    let mut doc = serde_json::json!({
        "id": "e-array-1",
        "subject": "master",
        "kind": "township_recorded",
        "body": {"township_recorded": ["<img src=x onerror=alert(1)>", "巴彦", null]},
        "author": "王芳",
        "role": "admin",
        "device": "d-1",
        "recorded_at": 1_772_416_810_000_i64,
        "parents": [],
    });
    let hash = sha256_hex(&doc.to_string());
    doc["hash"] = hash.into();
    let refused = match decode_value(doc.clone()) {
        Err(r) => r,
        Ok(Decoded::Known(_)) => panic!("an array body is no event of this version"),
        Ok(_) => panic!("an array body of a known kind must not be kept as foreign"),
    };
    assert!(
        refused.reason.contains("not a JSON object"),
        "{}",
        refused.reason
    );
    // A kind this version does not know stays a record of a newer version.
    doc["kind"] = "career_pay_applied".into();
    doc["body"] = serde_json::json!({"career_pay_applied": ["x"]});
    doc.as_object_mut().map(|m| m.remove("hash"));
    let hash = sha256_hex(&doc.to_string());
    doc["hash"] = hash.into();
    assert!(matches!(decode_value(doc), Ok(Decoded::Foreign(_))));
}
