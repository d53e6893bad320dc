#![cfg(target_arch = "wasm32")]
//! The browser store (`LocalStore` over `window.localStorage`) in headless Chromium:
//! persistence across a reload, corrupt entries, and the storage quota.
//!
//! Run: `CARGO_PROFILE_DEV_DEBUG=false PATH=/root/.cache/jishi/tools/wasm-bindgen-0.2.130/bin:$PATH
//! cargo test --target wasm32-unknown-unknown --test browser_store`

use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::state::Actor;
use jishi::domain::village_pay::Period;
use jishi::domain::workflows::{MasterEvent, VillagePayEvent};
use jishi::store::local::{LocalStore, EVENT_PREFIX};
use jishi::store::{entries, EventStore, Ledger, StoreError};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const T0: i64 = 1_774_404_000_000; // 2026-03-25 10:00 Beijing

fn storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("localStorage")
        .expect("localStorage enabled")
}

/// A store over an empty localStorage.
fn fresh_store() -> LocalStore {
    storage().clear().expect("clear");
    LocalStore::open().expect("open")
}

fn event(n: u64, name: &str) -> Event {
    Event::seal(
        EventBody::Master(MasterEvent::TownshipRecorded {
            township: format!("t-{n}"),
            name: name.into(),
            supersedes: None,
        }),
        Stamp {
            id: format!("{:012x}{:016x}", T0 + n as i64, n),
            author: "旗委组织部 张卫东".into(),
            role: Role::Admin,
            device: "browser".into(),
            recorded_at: T0 + n as i64,
            parents: vec![],
        },
    )
}

fn key_of(e: &Event) -> String {
    format!("{EVENT_PREFIX}{}", e.id)
}

fn sorted(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by(|a, b| a.id.cmp(&b.id));
    events
}

#[wasm_bindgen_test]
fn events_survive_dropping_and_reopening_the_store() {
    let mut store = fresh_store();
    let written = vec![
        event(1, "乌力吉木仁苏木"),
        event(2, "巴彦塔拉苏木"),
        event(3, "鲁北镇"),
    ];
    store.append(&entries(&written[..2])).expect("append");
    store.append(&entries(&written[2..])).expect("append");
    store.set_meta("device", "browser-1").expect("meta");
    drop(store);

    let mut reopened = LocalStore::open().expect("open");
    let loaded = reopened.load();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    assert_eq!(sorted(loaded.events), written);
    assert_eq!(reopened.get_meta("device").as_deref(), Some("browser-1"));
}

#[wasm_bindgen_test]
fn a_ledger_over_local_storage_keeps_recorded_commands_across_a_reload() {
    let store = fresh_store();
    let mut ledger = Ledger::open(store, "browser-1");
    let admin = Actor {
        name: "旗委组织部 张卫东".into(),
        role: Role::Admin,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap(),
        townships: Vec::new(),
    };
    let mut n = 0_u64;
    let mut random = || {
        n += 1;
        n
    };
    ledger
        .record(
            MasterCommand::RecordTownship {
                township: "t-wljmr".into(),
                name: "乌力吉木仁苏木".into(),
            },
            &admin,
            T0,
            &mut random,
        )
        .expect("recorded");
    ledger
        .record(
            MasterCommand::RecordVillage {
                village: "v-wlhd".into(),
                township: "t-wljmr".into(),
                name: "乌兰哈达嘎查".into(),
                population: 1_000,
                secretary: "韩宝音".into(),
                director: "吴桂芝".into(),
            },
            &admin,
            T0 + 1_000,
            &mut random,
        )
        .expect("recorded");
    let state = ledger.state().clone();
    drop(ledger);

    let reopened = Ledger::open(LocalStore::open().expect("open"), "browser-1");
    assert_eq!(*reopened.state(), state);
    assert_eq!(reopened.state().master.villages["v-wlhd"].population, 1_000);
    assert_eq!(
        reopened.state().master.villages["v-wlhd"].director,
        "吴桂芝"
    );
    assert_eq!(reopened.events().len(), 3);
}

#[wasm_bindgen_test]
fn a_corrupt_and_a_tampered_entry_are_quarantined_while_the_other_events_load() {
    let mut store = fresh_store();
    let good = vec![event(1, "乌力吉木仁苏木"), event(2, "巴彦塔拉苏木")];
    store.append(&entries(&good)).expect("append");
    let corrupt = event(3, "鲁北镇");
    let tampered = event(4, "黄花山镇");
    store
        .append(&entries(std::slice::from_ref(&tampered)))
        .expect("append");
    // Written behind the store's back, as a broken write or a curious user might.
    storage()
        .set_item(&key_of(&corrupt), "{\"id\":\"0000\",\"subj")
        .expect("set");
    let changed = storage()
        .get_item(&key_of(&tampered))
        .unwrap()
        .unwrap()
        .replace("黄花山镇", "黄花山镇（改）");
    storage()
        .set_item(&key_of(&tampered), &changed)
        .expect("set");

    let mut reopened = LocalStore::open().expect("open");
    let loaded = reopened.load();
    assert_eq!(sorted(loaded.events), good);
    let mut keys: Vec<String> = loaded.quarantined.iter().map(|q| q.key.clone()).collect();
    keys.sort();
    assert_eq!(keys, vec![key_of(&corrupt), key_of(&tampered)]);
    let tampered_q = loaded
        .quarantined
        .iter()
        .find(|q| q.key == key_of(&tampered))
        .unwrap();
    assert!(tampered_q.reason.contains("hash"), "{}", tampered_q.reason);
    assert_eq!(
        tampered_q.raw, changed,
        "the raw text is kept to show the user"
    );
}

/// Fill localStorage until `setItem` throws; returns the filler keys, biggest first.
fn fill_storage(s: &web_sys::Storage) -> Vec<(String, usize)> {
    let mut fillers = Vec::new();
    let mut size = 1 << 20;
    while size >= 4 {
        let key = format!("filler:{}", fillers.len());
        if s.set_item(&key, &"x".repeat(size)).is_ok() {
            fillers.push((key, size));
        } else {
            size /= 2;
        }
    }
    fillers
}

#[wasm_bindgen_test]
fn a_batch_that_does_not_fit_the_quota_is_refused_whole_and_fits_once_space_is_freed() {
    let mut store = fresh_store();
    let s = storage();
    let small = event(1, "乌力吉木仁苏木");
    // Under the largest record accepted (256 KB), far over the room left.
    let huge = event(2, &"巴彦塔拉苏木".repeat(10_000)); // 60,000 characters
    let after = event(3, "鲁北镇");
    let batch = vec![small.clone(), huge.clone(), after.clone()];

    let fillers = fill_storage(&s);
    assert!(!fillers.is_empty());
    assert!(
        s.set_item("probe", &"x".repeat(64)).is_err(),
        "storage is full"
    );
    // Free room for the small event (with a margin) but not for the huge one.
    let small_json = serde_json::to_string(&small).unwrap();
    let room = 2 * (key_of(&small).len() + small_json.len()) + 4_096;
    let (big_key, big_size) = fillers[0].clone();
    assert!(big_size > room);
    s.remove_item(&big_key).unwrap();
    s.set_item(&big_key, &"x".repeat(big_size - room))
        .expect("refill");
    // Prove the first event of the batch does fit, so the append really writes it.
    s.set_item(&key_of(&small), &small_json)
        .expect("the small event fits");
    s.remove_item(&key_of(&small)).unwrap();

    assert_eq!(
        store.append(&entries(&batch)),
        Err(StoreError::QuotaExceeded)
    );
    for e in &batch {
        assert_eq!(
            s.get_item(&key_of(e)).unwrap(),
            None,
            "{} was left behind",
            e.id
        );
    }
    assert!(
        store.load().events.is_empty(),
        "nothing of the batch is stored"
    );

    for (k, _) in &fillers {
        s.remove_item(k).unwrap();
    }
    store
        .append(&entries(&batch))
        .expect("fits once space is freed");
    let loaded = store.load();
    assert!(loaded.quarantined.is_empty());
    assert_eq!(sorted(loaded.events), batch);
    s.clear().unwrap();
}

/// Same event and value as `the_hash_of_a_known_event_is_stable` in tests/integrity.rs:
/// the browser build must hash exactly like the native one.
#[wasm_bindgen_test]
fn the_hash_of_a_known_event_matches_the_native_build() {
    let e = Event::seal(
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            village: "v-wlhd".into(),
            year: 2026,
            period: Period::Q1,
            indicator_version: 1,
            indicator_set: String::new(),
            scores: [("dj", 54), ("cy", 45), ("zl", 36), ("ms", 27), ("zf", 18)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            assessor: "考核组 赵志刚".into(),
            assessed_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 25).unwrap(),
            note: "入村实地查验".into(),
            supersedes: vec![],
            reason: String::new(),
        }),
        Stamp {
            id: "019d2a1b2c3d0123456789abcdef".into(),
            author: "考核组 赵志刚".into(),
            role: Role::Assessor,
            device: "phone-a".into(),
            recorded_at: 1_774_404_000_000,
            parents: vec!["00".repeat(32)],
        },
    );
    assert_eq!(
        e.hash,
        "04ffa511f2a01402a5f5f14651869e114cd576e5c8ac29108b4fd81d251d1142"
    );
}
