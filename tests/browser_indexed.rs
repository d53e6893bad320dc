#![cfg(target_arch = "wasm32")]
//! The phone's store in headless Chromium: IndexedDB holds the log, localStorage takes
//! each new record first, and records move from one to the other without loss —
//! including a phone of the version that kept everything in localStorage.
//!
//! Run: `CARGO_PROFILE_DEV_DEBUG=false cargo test --target wasm32-unknown-unknown --test browser_indexed`

use jishi::domain::cadre_selection::CadreSelectionEvent;
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::state::{Actor, State};
use jishi::domain::workflows::MasterEvent;
use jishi::store::browser::{
    checks_at_hand, move_to_indexed, pack, BrowserStore, Checks, Mover, RecordCheck,
};
use jishi::store::indexed::{IdbLog, Writes};
use jishi::store::local::{LocalStore, EVENT_PREFIX};
use jishi::store::page::{Page, PAGE_SIZE};
use jishi::store::{entries, Entry, EventStore, Ledger};
use jishi::store::{DAMAGED_COPY, DIFFERS};
use std::cell::Cell;
use std::rc::Rc;
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

/// Empty localStorage and IndexedDB.
async fn empty_phone() -> (LocalStore, IdbLog) {
    storage().clear().expect("clear");
    let idb = IdbLog::open().await.expect("IndexedDB");
    idb.clear().await.expect("clear IndexedDB");
    (LocalStore::open().expect("localStorage"), idb)
}

/// The county administrator's `n`th record on this browser.
fn admin_stamp(n: u64) -> Stamp {
    Stamp {
        id: format!("{:012x}{:016x}", T0 + n as i64, n),
        author: "旗委组织部 张卫东".into(),
        role: Role::Admin,
        device: "browser".into(),
        recorded_at: T0 + n as i64,
        parents: vec![],
    }
}

fn township(n: u64, name: &str) -> Event {
    Event::seal(
        EventBody::Master(MasterEvent::TownshipRecorded {
            township: format!("t-{n}"),
            name: name.into(),
            supersedes: None,
        }),
        admin_stamp(n),
    )
}

/// IndexedDB holds a damaged entry under `sound`'s id, and localStorage the sound
/// record waiting to move (a phone whose move was cut short by damage).
async fn damaged_in_indexed_db(local: &mut LocalStore, idb: &IdbLog, sound: &Event) {
    idb.add(&[Entry {
        id: sound.id.clone(),
        json: "{damaged".into(),
    }])
    .await
    .unwrap();
    local.append(&entries(std::slice::from_ref(sound))).unwrap();
}

/// Store one page as packing or an import does.
async fn store_page(idb: &IdbLog, page: &Page) {
    let writes = Writes {
        pages: std::slice::from_ref(page),
        ..Writes::default()
    };
    idb.write_all(writes).await.expect("store the page");
}

fn event_keys() -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(EVENT_PREFIX))
        .collect()
}

fn ids(events: &[Event]) -> Vec<String> {
    let mut ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    ids.sort();
    ids
}

#[wasm_bindgen_test]
async fn a_phone_of_the_local_storage_version_opens_with_everything_moved_into_indexed_db() {
    let (mut local, _) = empty_phone().await;
    let written = vec![
        township(1, "乌力吉木仁苏木"),
        township(2, "巴彦塔拉苏木"),
        township(3, "鲁北镇"),
    ];
    local.append(&entries(&written)).expect("append");
    storage()
        .set_item(&format!("{EVENT_PREFIX}broken"), "{not json")
        .unwrap();
    local.set_meta("device", "d-old-phone").unwrap();

    let mut opened = BrowserStore::open().await.expect("open");
    assert_eq!(opened.moved, 4, "every entry moves, the unreadable one too");
    assert!(event_keys().is_empty(), "{:?}", event_keys());
    let loaded = opened.store.load();
    assert_eq!(ids(&loaded.events), ids(&written));
    assert_eq!(
        loaded.quarantined.len(),
        1,
        "the unreadable entry is still shown"
    );
    assert_eq!(
        opened.store.get_meta("device").as_deref(),
        Some("d-old-phone")
    );

    // Opened again: the same, from IndexedDB alone.
    let mut again = BrowserStore::open().await.expect("open");
    assert_eq!(again.moved, 0);
    let loaded = again.store.load();
    assert_eq!(ids(&loaded.events), ids(&written));
    assert_eq!(loaded.quarantined.len(), 1);
}

#[wasm_bindgen_test]
async fn a_move_cut_short_after_indexed_db_took_the_records_loads_each_once() {
    let (mut local, idb) = empty_phone().await;
    let both = township(1, "乌力吉木仁苏木");
    let only_local = township(2, "巴彦塔拉苏木");
    // IndexedDB took the first, the tab closed before localStorage was cleared.
    idb.add(&entries(std::slice::from_ref(&both)))
        .await
        .expect("add");
    local
        .append(&entries(&[both.clone(), only_local.clone()]))
        .expect("append");

    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(ids(&loaded.events), ids(&[both, only_local]));
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    assert!(event_keys().is_empty());
}

#[wasm_bindgen_test]
async fn a_local_entry_that_differs_from_indexed_db_under_its_id_is_kept_aside_not_moved() {
    let (local, idb) = empty_phone().await;
    let held = township(1, "乌力吉木仁苏木");
    idb.add(&entries(std::slice::from_ref(&held)))
        .await
        .expect("add");
    let changed = held.json().replace("乌力吉木仁苏木", "鲁北镇");
    storage()
        .set_item(&format!("{EVENT_PREFIX}{}", held.id), &changed)
        .unwrap();

    assert_eq!(move_to_indexed(&local, &idb).await.expect("move"), 0);
    assert_eq!(event_keys().len(), 1, "what differs stays where it is");
    let stored = idb.read(std::slice::from_ref(&held.id)).await.unwrap();
    assert_eq!(
        stored,
        vec![Some(held.json().into_owned())],
        "IndexedDB keeps its text"
    );

    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(loaded.events, vec![held]);
    assert_eq!(loaded.quarantined.len(), 1);
    assert_eq!(loaded.quarantined[0].raw, changed);
}

#[wasm_bindgen_test]
async fn adding_keeps_what_an_id_holds_and_stores_the_rest() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    idb.add(&entries(std::slice::from_ref(&first)))
        .await
        .unwrap();
    let second = township(2, "巴彦塔拉苏木");
    let clash = Entry {
        id: first.id.clone(),
        json: "{}".into(),
    };
    idb.add(&[clash, Entry::from(&second)]).await.expect("add");
    let stored = idb
        .read(&[first.id.clone(), second.id.clone()])
        .await
        .unwrap();
    assert_eq!(
        stored,
        vec![
            Some(first.json().into_owned()),
            Some(second.json().into_owned())
        ]
    );
    assert_eq!(idb.read_all().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn commands_recorded_on_the_browser_store_are_kept_across_a_reload() {
    let (local, idb) = empty_phone().await;
    let opened = BrowserStore::open().await.expect("open");
    let mut ledger = Ledger::open(opened.store, "browser-1");
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
    let township = MasterCommand::RecordTownship {
        township: "t-wljmr".into(),
        name: "乌力吉木仁苏木".into(),
    };
    ledger
        .record(township, &admin, T0, &mut random)
        .expect("recorded");
    assert_eq!(event_keys().len(), 1, "written to localStorage at once");
    assert_eq!(move_to_indexed(&local, &idb).await.unwrap(), 1);
    let village = MasterCommand::RecordVillage {
        village: "v-wlhd".into(),
        township: "t-wljmr".into(),
        name: "乌兰哈达嘎查".into(),
        population: 1_000,
        secretary: "韩宝音".into(),
        director: "吴桂芝".into(),
    };
    ledger
        .record(village, &admin, T0 + 1_000, &mut random)
        .expect("recorded");
    let state = ledger.state().clone();
    drop(ledger);

    // Reloaded before the second record moved: it is loaded from localStorage.
    let reopened = BrowserStore::open().await.expect("open");
    assert_eq!(reopened.moved, 2, "the village and its heads");
    let reopened = Ledger::open(reopened.store, "browser-1");
    assert_eq!(*reopened.state(), state);
    assert_eq!(reopened.events().len(), 3);
    assert!(event_keys().is_empty());
}

#[wasm_bindgen_test]
async fn a_value_with_a_line_break_is_read_back_exactly_with_the_others() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    let odd = Entry {
        id: "0000odd".into(),
        json: "{\"two\":\n\"lines\"}".into(),
    };
    idb.add(&[Entry::from(&first), odd.clone()]).await.unwrap();
    let all: Vec<(String, String)> = idb
        .read_all()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.text))
        .collect();
    assert_eq!(
        all,
        vec![
            (odd.id.clone(), odd.json.clone()),
            (first.id.clone(), first.json().into_owned())
        ]
    );
}

#[wasm_bindgen_test]
async fn a_damaged_entry_is_replaced_by_the_sound_record_of_its_id_waiting_in_local_storage() {
    let (mut local, idb) = empty_phone().await;
    let sound = township(1, "乌力吉木仁苏木");
    damaged_in_indexed_db(&mut local, &idb, &sound).await;

    let mut opened = BrowserStore::open().await.expect("open");
    assert_eq!(
        opened.moved, 1,
        "the sound record moves over the damaged one"
    );
    let loaded = opened.store.load();
    assert_eq!(loaded.events, vec![sound.clone()]);
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    assert!(event_keys().is_empty());
    let stored = idb.read(std::slice::from_ref(&sound.id)).await.unwrap();
    assert_eq!(stored, vec![Some(sound.json().into_owned())]);
}

/// The app reads the store before the `folder` chunk (which decodes) has come: a
/// damaged IndexedDB entry is not repaired then, yet its sound record waiting in
/// localStorage is what loads, and the next move repairs it.
#[wasm_bindgen_test]
async fn read_without_a_check_loads_the_sound_record_and_the_next_move_repairs_the_damage() {
    let (mut local, idb) = empty_phone().await;
    let sound = township(1, "乌力吉木仁苏木");
    damaged_in_indexed_db(&mut local, &idb, &sound).await;

    let unread = BrowserStore::read(None).await.expect("read");
    let Err(unread) = unread.without_records(checks_at_hand()) else {
        panic!("a log that holds records is never opened without decoding them");
    };
    let mut opened = unread.decode(checks_at_hand()).await;
    assert_eq!(opened.moved, 0, "nothing repaired without a check");
    let loaded = opened.store.load();
    assert_eq!(loaded.events, vec![sound.clone()]);
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    assert_eq!(
        event_keys().len(),
        1,
        "the sound record waits in localStorage"
    );

    assert_eq!(move_to_indexed(&local, &idb).await.unwrap(), 1);
    let stored = idb.read(std::slice::from_ref(&sound.id)).await.unwrap();
    assert_eq!(stored, vec![Some(sound.json().into_owned())]);
    assert!(event_keys().is_empty());
}

/// Kick `mover` and wait until its runs are over.
async fn run_mover(mover: &Mover) {
    mover.kick();
    while mover.busy() {
        jishi::timing::next_tick().await;
    }
}

/// The app's Mover asks for the record check (from the `folder` chunk) only when a run
/// needs it: a move that needs none goes on without asking; a possible repair waits
/// for it, every other record moving meanwhile, and is made once it comes.
#[wasm_bindgen_test]
async fn the_mover_asks_for_the_check_only_to_repair_and_repairs_once_it_comes() {
    let (mut local, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    local
        .append(&entries(std::slice::from_ref(&first)))
        .unwrap();
    let (at_hand, asked) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(0)));
    let waiting_when_asked = Rc::new(Cell::new(usize::MAX));
    let checks: Checks = {
        let (at_hand, asked, waiting) =
            (at_hand.clone(), asked.clone(), waiting_when_asked.clone());
        Rc::new(move || {
            asked.set(asked.get() + 1);
            waiting.set(event_keys().len());
            let check = at_hand.get().then(RecordCheck::decoding);
            Box::pin(async move { check })
        })
    };
    let unread = BrowserStore::read(None).await.expect("read");
    let Err(unread) = unread.without_records(checks.clone()) else {
        panic!("a log with a record in localStorage holds records");
    };
    let opened = unread.decode(checks).await;
    let mover = opened.mover.expect("IndexedDB");
    assert!(event_keys().is_empty(), "moved while the store was read");

    let second = township(2, "巴彦塔拉苏木");
    local
        .append(&entries(std::slice::from_ref(&second)))
        .unwrap();
    run_mover(&mover).await;
    assert!(event_keys().is_empty());
    assert_eq!(
        asked.get(),
        0,
        "a move that needs no check does not ask for it"
    );

    let damaged = township(3, "鲁北镇");
    damaged_in_indexed_db(&mut local, &idb, &damaged).await;
    let third = township(4, "香山镇");
    local
        .append(&entries(std::slice::from_ref(&third)))
        .unwrap();
    run_mover(&mover).await;
    assert_eq!(asked.get(), 1, "a possible repair asks");
    assert_eq!(
        waiting_when_asked.get(),
        1,
        "every other record had left localStorage before the check was asked for"
    );
    assert_eq!(event_keys(), vec![format!("{EVENT_PREFIX}{}", damaged.id)]);
    let held = idb
        .read(&[damaged.id.clone(), third.id.clone()])
        .await
        .unwrap();
    assert_eq!(
        held,
        vec![Some("{damaged".into()), Some(third.json().into_owned())]
    );

    at_hand.set(true);
    run_mover(&mover).await;
    assert!(event_keys().is_empty(), "repaired once the check came");
    let held = idb.read(std::slice::from_ref(&damaged.id)).await.unwrap();
    assert_eq!(held, vec![Some(damaged.json().into_owned())]);
}

/// The Mover packs single records into a page once a page's worth waits, asking for the
/// record check only then; without it they stay single (and load as such) until a later
/// run has it.
#[wasm_bindgen_test]
async fn the_mover_packs_a_page_once_a_page_worth_waits_and_the_check_comes() {
    let (mut local, idb) = empty_phone().await;
    let (at_hand, asked) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(0)));
    let checks: Checks = {
        let (at_hand, asked) = (at_hand.clone(), asked.clone());
        Rc::new(move || {
            asked.set(asked.get() + 1);
            let check = at_hand.get().then(RecordCheck::decoding);
            Box::pin(async move { check })
        })
    };
    let unread = BrowserStore::read(None).await.expect("read");
    let Ok(opened) = unread.without_records(checks) else {
        panic!("a new phone holds no records");
    };
    let mover = opened.mover.expect("IndexedDB");

    let short: Vec<Event> = (1..PAGE_SIZE as u64)
        .map(|n| township(n, &format!("乡镇{n}")))
        .collect();
    local.append(&entries(&short)).unwrap();
    run_mover(&mover).await;
    assert!(event_keys().is_empty(), "every record moved");
    assert_eq!(idb.singles().await.unwrap(), PAGE_SIZE - 1);
    assert_eq!(asked.get(), 0, "less than a page waits: no check asked for");

    let more: Vec<Event> = (PAGE_SIZE as u64..PAGE_SIZE as u64 + 3)
        .map(|n| township(n, &format!("乡镇{n}")))
        .collect();
    local.append(&entries(&more)).unwrap();
    run_mover(&mover).await;
    assert_eq!(
        asked.get(),
        1,
        "a page's worth waits: the check is asked for"
    );
    assert_eq!(
        idb.singles().await.unwrap(),
        PAGE_SIZE + 2,
        "without the check, nothing is packed"
    );

    at_hand.set(true);
    run_mover(&mover).await;
    assert_eq!(asked.get(), 2);
    assert_eq!(
        idb.singles().await.unwrap(),
        2,
        "a page packed, the rest single"
    );
    let mut reopened = BrowserStore::open().await.expect("open");
    let loaded = reopened.store.load();
    let all: Vec<Event> = short.into_iter().chain(more).collect();
    assert_eq!(ids(&loaded.events), ids(&all));
    assert!(loaded.quarantined.is_empty());
}

/// A new phone opens without decoding anything; its log's stamp is kept.
#[wasm_bindgen_test]
async fn an_empty_store_opens_without_decoding() {
    let (mut local, _) = empty_phone().await;
    local.set_meta(jishi::store::LOG_STAMP, "s1").unwrap();
    let unread = BrowserStore::read(None).await.expect("read");
    let Ok(mut opened) = unread.without_records(checks_at_hand()) else {
        panic!("an empty store needs no decoding");
    };
    let loaded = opened.store.load();
    assert!(loaded.events.is_empty() && loaded.quarantined.is_empty());
    assert_eq!(loaded.stamp.as_deref(), Some("s1"));
    assert!(opened.mover.is_some());

    local
        .append(&entries(&[township(1, "乌力吉木仁苏木")]))
        .unwrap();
    // Moved into IndexedDB while read: held there now, never opened as empty.
    let unread = BrowserStore::read(None).await.expect("read");
    assert!(unread.without_records(checks_at_hand()).is_err());
}

#[wasm_bindgen_test]
async fn a_record_stored_under_a_key_that_is_not_its_id_is_quarantined() {
    let (_, idb) = empty_phone().await;
    let record = township(1, "乌力吉木仁苏木");
    // Sound, but under a key that only ends with its id.
    let elsewhere = Entry {
        id: format!("0{}", record.id),
        json: record.json().into_owned(),
    };
    idb.add(&[elsewhere]).await.unwrap();
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert!(loaded.events.is_empty(), "{:?}", loaded.events);
    assert_eq!(loaded.quarantined.len(), 1);
    assert!(loaded.quarantined[0].reason.contains("not its id"));
}

#[wasm_bindgen_test]
async fn single_records_are_packed_into_pages_once_a_page_worth_waits_and_load_the_same() {
    let (_, idb) = empty_phone().await;
    let written: Vec<Event> = (1..=PAGE_SIZE as u64 + 5)
        .map(|n| township(n, &format!("乡镇{n}")))
        .collect();
    idb.add(&entries(&written)).await.expect("add");
    let damaged = Entry {
        id: format!("{:012x}{:016x}", T0, 0),
        json: "{damaged".into(),
    };
    idb.add(std::slice::from_ref(&damaged)).await.expect("add");

    assert_eq!(pack(&idb).await.expect("pack"), PAGE_SIZE);
    assert_eq!(
        idb.singles().await.unwrap(),
        6,
        "the damaged record and the rest of a page stay single"
    );
    assert_eq!(
        pack(&idb).await.expect("pack again"),
        0,
        "less than a page waits"
    );

    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(ids(&loaded.events), ids(&written));
    assert_eq!(loaded.quarantined.len(), 1);
    assert_eq!(loaded.quarantined[0].raw, damaged.json);
    let state = jishi::domain::state::State::fold(&loaded.events);
    assert_eq!(state.master.townships_sorted().len(), written.len());
}

#[wasm_bindgen_test]
async fn a_page_stored_again_is_stored_once_and_repairs_a_damaged_copy_of_itself() {
    let (_, idb) = empty_phone().await;
    let written = [township(1, "乌力吉木仁苏木"), township(2, "巴彦塔拉苏木")];
    let page = Page::new(&entries(&written[..1]));
    let store = |page: Page, delete: Vec<String>| {
        let idb = idb.clone();
        async move {
            let pages = [page];
            let writes = Writes {
                pages: &pages,
                delete: &delete,
                ..Writes::default()
            };
            idb.write_all(writes).await
        }
    };
    // The page's value damaged where it is stored (its key kept): its record is lost…
    let damaged = Page {
        key: page.key.clone(),
        bytes: b"\xff damaged".to_vec(),
    };
    store(damaged, Vec::new()).await.expect("damaged page");
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert!(loaded.events.is_empty());
    assert_eq!(loaded.quarantined.len(), 1);

    // …until the same page is stored again (an import of the backup, or a pack).
    idb.add(&entries(&written)).await.expect("add");
    store(page.clone(), vec![written[0].id.clone()])
        .await
        .expect("stored again");
    store(page, Vec::new())
        .await
        .expect("and once more (another tab)");
    assert_eq!(
        idb.singles().await.unwrap(),
        1,
        "the packed single is deleted"
    );
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(ids(&loaded.events), ids(&written));
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
}

#[wasm_bindgen_test]
async fn copies_of_one_record_that_differ_keep_the_sound_one_and_show_the_other() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    let second = township(2, "巴彦塔拉苏木");
    let damaged_in_page = Entry {
        id: second.id.clone(),
        json: second.json().replace("巴彦塔拉苏木", "鲁北镇"),
    };
    let page = Page::new(&[Entry::from(&first), damaged_in_page.clone()]);
    let changed = township(1, "鲁北镇"); // same id, other content: sound on its own
    let writes = Writes {
        pages: std::slice::from_ref(&page),
        fresh: &entries(&[changed.clone(), second.clone()]),
        ..Writes::default()
    };
    idb.write_all(writes).await.expect("write");

    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(
        loaded.events,
        vec![first, second],
        "the page's sound copy, the single's sound copy"
    );
    let aside: Vec<(&str, &str)> = loaded
        .quarantined
        .iter()
        .map(|q| (q.raw.as_str(), q.reason.as_str()))
        .collect();
    assert_eq!(
        aside,
        vec![
            (changed.json().as_ref(), DIFFERS),
            (damaged_in_page.json.as_str(), DAMAGED_COPY)
        ]
    );
}

#[wasm_bindgen_test]
async fn a_page_line_with_no_id_is_quarantined_and_the_rest_of_the_page_loads() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    let mut page = Page::new(&entries(std::slice::from_ref(&first)));
    page.bytes.extend_from_slice(b"\nno tab here");
    store_page(&idb, &page).await;
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(loaded.events, vec![first]);
    assert_eq!(loaded.quarantined.len(), 1);
    assert_eq!(loaded.quarantined[0].raw, "no tab here");
}

#[wasm_bindgen_test]
async fn a_page_changed_behind_the_apps_back_is_checked_record_by_record() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    let second = township(2, "巴彦塔拉苏木");
    let mut page = Page::new(&entries(&[first.clone(), second.clone()]));
    // The second record's content changed, its hash and the page's digest left as they were.
    let text = String::from_utf8(page.bytes.clone()).unwrap();
    page.bytes = text.replace("巴彦塔拉苏木", "鲁北镇").into_bytes();
    store_page(&idb, &page).await;
    let all = idb.read_all().await.unwrap();
    assert!(
        all.iter().all(|r| !r.sealed),
        "the digest no longer matches"
    );
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(loaded.events, vec![first]);
    assert_eq!(loaded.quarantined.len(), 1);
    assert!(loaded.quarantined[0].raw.contains("鲁北镇"));
}

#[wasm_bindgen_test]
async fn a_sealed_page_loads_without_rederiving_hashes_and_the_data_check_still_names_a_bad_one() {
    let (_, idb) = empty_phone().await;
    let first = township(1, "乌力吉木仁苏木");
    // Sealed over a record whose content no longer matches its hash (only someone
    // writing pages by hand could): the page loads it, the Data page's check names it.
    let forged = Entry {
        id: first.id.clone(),
        json: first.json().replace("乌力吉木仁苏木", "鲁北镇"),
    };
    let page = Page::new(std::slice::from_ref(&forged));
    store_page(&idb, &page).await;
    let all = idb.read_all().await.unwrap();
    assert!(
        all.iter().all(|r| r.sealed),
        "the browser's digest matches the page's"
    );
    let opened = BrowserStore::open().await.expect("open");
    let ledger = Ledger::open(opened.store, "browser");
    assert_eq!(ledger.events().len(), 1);
    assert_eq!(
        ledger.verify(),
        vec![jishi::domain::event::Problem::HashMismatch { id: first.id }]
    );
}

/// A phone whose log has every kind of entry, nine townships in all: five in a page,
/// two single records (one of them damaged), and in localStorage the sound copy of the
/// damaged one, a copy that differs from IndexedDB's, and two records of its own; and
/// the log's `stamp`.
async fn a_log_of_every_kind(stamp: &str) -> (LocalStore, IdbLog) {
    let (mut local, idb) = empty_phone().await;
    let events: Vec<Event> = (1..=9).map(|n| township(n, &format!("乡镇{n}"))).collect();
    store_page(&idb, &Page::new(&entries(&events[..5]))).await;
    let mut singles = entries(&events[5..7]);
    singles[0].json = singles[0].json.replace("乡镇6", "被改动");
    let writes = Writes {
        fresh: &singles,
        ..Writes::default()
    };
    idb.write_all(writes).await.expect("singles");
    // localStorage: the sound copy of the damaged one, a differing copy, two of its own.
    let differing = township(7, "另一个名字");
    let waiting = [&events[5], &differing, &events[7], &events[8]].map(Clone::clone);
    local.append(&entries(&waiting)).expect("localStorage");
    storage()
        .set_item("jishi:m:log_stamp", stamp)
        .expect("stamp");
    (local, idb)
}

/// The store decodes its records a part at a time while it opens (`Merging`, so the
/// first screen keeps answering): whatever the part, it loads exactly what `merge`
/// loads at once — pages, single records, localStorage's own, a damaged copy and its
/// repair, a differing copy — and the stamp read before the log.
#[wasm_bindgen_test]
async fn a_log_decoded_a_part_at_a_time_loads_what_it_loads_at_once() {
    use jishi::store::browser::{merge, Merging};
    let (local, idb) = a_log_of_every_kind("00000000000000aa").await;

    let stored = idb.read_all().await.expect("read");
    let held = local.event_entries();
    let whole = merge(stored.clone(), held.clone());
    assert_eq!(whole.events.len(), 9, "every record once");
    assert_eq!(whole.quarantined.len(), 1, "the differing copy");
    for limit in [1, 2, 3, 100] {
        let mut merging = Merging::new(stored.clone(), held.clone());
        let mut left = vec![merging.left()];
        while !merging.step(limit) {
            left.push(merging.left());
        }
        assert!(left.windows(2).all(|w| w[0] > w[1]), "{left:?}");
        assert_eq!(merging.finish(), whole, "in parts of {limit}");
    }
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    assert_eq!(loaded.stamp.as_deref(), Some("00000000000000aa"));
    assert_eq!(
        ids(&loaded.events),
        ids(&whole.events),
        "moved in, the same records"
    );
    // No stamp yet reads as the empty one, before the log: never a later one.
    storage().remove_item("jishi:m:log_stamp").expect("remove");
    let mut opened = BrowserStore::open().await.expect("open");
    assert_eq!(opened.store.load().stamp.as_deref(), Some(""));
}

/// How many times the store took the log as the worker read it ahead.
fn read_ahead_marks() -> usize {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let entries = js_sys::Reflect::get(&performance, &"getEntriesByName".into()).unwrap();
    let entries: js_sys::Function = wasm_bindgen::JsCast::dyn_into(entries).unwrap();
    let found = entries
        .call1(&performance, &jishi::timing::READ_AHEAD.into())
        .unwrap();
    js_sys::Array::from(&found).length() as usize
}

/// The log read ahead by the worker as the app starts (`store::read_ahead`) loads
/// exactly what the store reads itself — pages, single records, localStorage's own, a
/// damaged copy and its sound record, a differing copy — with the stamp read first.
#[wasm_bindgen_test]
async fn a_log_read_ahead_by_the_worker_loads_what_the_store_reads_itself() {
    use jishi::store::browser::merge;
    let (local, idb) = a_log_of_every_kind("00000000000000ab").await;
    let whole = merge(idb.read_all().await.expect("read"), local.event_entries());

    let before = read_ahead_marks();
    jishi::store::read_ahead::start();
    let mut opened = BrowserStore::open().await.expect("open");
    assert_eq!(
        read_ahead_marks(),
        before + 1,
        "taken as the worker read it"
    );
    let loaded = opened.store.load();
    assert_eq!(loaded.stamp.as_deref(), Some("00000000000000ab"));
    let mut got = ids(&loaded.events);
    got.sort();
    assert_eq!(got, ids(&whole.events));
    assert_eq!(loaded.quarantined.len(), 1, "the differing copy");
    assert_eq!(loaded.quarantined[0].raw, whole.quarantined[0].raw);
    // Taken once: the next open reads the store itself.
    let _ = BrowserStore::open().await.expect("open again");
    assert_eq!(read_ahead_marks(), before + 1);
}

/// A record that moves from localStorage into IndexedDB while the worker reads (another
/// tab's move) is loaded once: localStorage is read before the worker starts, so it is
/// in one read or the other, never in neither.
#[wasm_bindgen_test]
async fn a_record_moved_while_the_log_is_read_ahead_is_loaded_once() {
    let (mut local, idb) = empty_phone().await;
    let held: Vec<Event> = (1..=5).map(|n| township(n, &format!("乡镇{n}"))).collect();
    store_page(&idb, &Page::new(&entries(&held))).await;
    let moving = township(6, "巴彦塔拉苏木");
    local
        .append(&entries(std::slice::from_ref(&moving)))
        .expect("localStorage");
    jishi::store::read_ahead::start();
    idb.add(&entries(std::slice::from_ref(&moving)))
        .await
        .expect("moved in");
    local.remove_event(&moving.id);
    let mut opened = BrowserStore::open().await.expect("open");
    let loaded = opened.store.load();
    let mut got = ids(&loaded.events);
    got.sort();
    let mut want = ids(&held);
    want.push(moving.id.clone());
    assert_eq!(got, want);
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
}

/// A post (a record of 干部选任纪实, a part folded after the rest).
fn post(n: u64) -> Event {
    Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::PostRecorded {
            post: format!("p-{n}"),
            unit: "u-1".into(),
            title: format!("职位{n}"),
            quota: 1,
            supersedes: None,
        }),
        admin_stamp(n),
    )
}

/// A county's log opens in two parts: the app is drawn from every record but those of
/// the parts folded later (干部选任纪实), which are held undecoded — read from a page,
/// as single records or from localStorage — then decoded and folded: the ledger ends
/// holding every record once, found by its id, in the whole log's state.
#[wasm_bindgen_test]
async fn records_of_parts_folded_later_are_held_back_then_folded_with_the_rest() {
    let (mut local, idb) = empty_phone().await;
    let events: Vec<Event> = (1..=12)
        .map(|n| match n % 3 {
            0 => township(n, &format!("乡镇{n}")),
            _ => post(n),
        })
        .collect();
    store_page(&idb, &Page::new(&entries(&events[..6]))).await;
    let singles = entries(&events[6..9]);
    let writes = Writes {
        fresh: &singles,
        ..Writes::default()
    };
    idb.write_all(writes).await.expect("singles");
    local.append(&entries(&events[9..])).expect("localStorage");

    let opened = BrowserStore::open().await.expect("open");
    let mut opening = Ledger::opening(opened.store, "browser");
    while !opening.step(2) {}
    let mut ledger = opening.finish();
    assert!(!ledger.is_whole(), "the posts are still to fold");
    let rest: Vec<&Event> = events.iter().filter(|e| !e.body.folds_later()).collect();
    assert_eq!(rest.len(), 4);
    assert!(
        *ledger.state() == State::fold(rest),
        "drawn from the townships alone"
    );
    while !ledger.open_later(2) {}
    assert!(ledger.is_whole());
    assert!(*ledger.state() == State::fold(&events), "the whole log");
    assert_eq!(ledger.state().cadre_selection.posts.len(), 8);
    assert_eq!(ledger.events().len(), events.len());
    for e in &events {
        assert_eq!(ledger.event(&e.id), Some(e), "{}", e.id);
    }
    assert!(
        ledger.quarantined().is_empty(),
        "{:?}",
        ledger.quarantined()
    );
}
