#![cfg(not(target_arch = "wasm32"))]
//! The first screen of a large log (`ui::first_screen`): the home page is kept as a
//! copy of text and paths (`domain::home::HomeCopy`) that gives back exactly the blocks
//! the home page drew, and the log's stamp (`store::LOG_STAMP`), which names the log a
//! copy was drawn from, changes with every record added and with nothing else.

mod common;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::home::{todo_screen, township_links, HomeCopy};
use jishi::domain::screen::{Block, Card, Tone};
use jishi::domain::village_pay::Command;
use jishi::store::{EventStore, Ledger, MemoryStore, LOG_STAMP, STALE};

/// The golden corpus (a W1 year on two phones, a whole W4 case) on one phone.
fn corpus_phone() -> Ledger<MemoryStore> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut ledger = Ledger::open(MemoryStore::default(), "phone-first");
    for f in ["village_pay.json", "cadre_selection.json"] {
        let text = std::fs::read_to_string(dir.join(f)).expect("golden corpus");
        ledger.import(&text).expect("imports");
    }
    ledger
}

#[test]
fn a_copy_of_the_home_page_gives_back_exactly_what_it_drew() {
    let full = corpus_phone();
    let empty = Ledger::open(MemoryStore::default(), "phone-empty");
    let mut urgent = 0;
    for ledger in [&full, &empty] {
        for (zh, admin) in [(true, true), (true, false), (false, true), (false, false)] {
            for today in [d(2026, 4, 10), d(2026, 7, 20), d(2026, 12, 20)] {
                let s = ledger.state();
                let townships = township_links(s, 2026, admin, zh);
                let todos = todo_screen(s, today, zh);
                let copy = HomeCopy::of("key".into(), &townships, &todos)
                    .expect("the home page's shapes are kept");
                let text = serde_json::to_string(&copy).unwrap();
                let read: HomeCopy = serde_json::from_str(&text).unwrap();
                assert_eq!(read, copy);
                assert_eq!(read.blocks(), (townships, todos));
                urgent += read.todos.iter().flatten().filter(|t| t.2).count();
            }
        }
    }
    let s = full.state();
    let copy = HomeCopy::of(
        "k".into(),
        &township_links(s, 2026, true, true),
        &todo_screen(s, d(2026, 12, 20), true),
    )
    .unwrap();
    let names: Vec<&str> = copy
        .townships
        .as_ref()
        .unwrap()
        .iter()
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(names.iter().any(|n| n.contains("2026")), "{names:?}");
    assert!(
        copy.todos.as_ref().is_ok_and(|t| !t.is_empty()),
        "to-dos kept: {:?}",
        copy.todos
    );
    assert!(urgent > 0, "an urgent to-do is kept marked");
    let none = HomeCopy::of(
        "k".into(),
        &township_links(empty.state(), 2026, true, true),
        &todo_screen(empty.state(), d(2026, 4, 10), true),
    )
    .unwrap();
    assert!(none
        .townships
        .as_ref()
        .is_err_and(|t| t.contains("尚无乡镇")));
}

/// Anything the home page does not draw is not kept (no copy rather than a copy that
/// would draw something else).
#[test]
fn a_screen_of_another_shape_is_not_kept() {
    let phone = corpus_phone();
    let s = phone.state();
    let townships = township_links(s, 2026, true, true);
    let todos = todo_screen(s, d(2026, 7, 20), true);
    let mut more = todos.clone();
    more[0].blocks.push(Block::line(Tone::Warn, "另有一行"));
    assert_eq!(HomeCopy::of("k".into(), &townships, &more), None);
    let mut two = todos.clone();
    two.push(Card::new(vec![Block::Heading("另一张卡片".into())]));
    assert_eq!(HomeCopy::of("k".into(), &townships, &two), None);
    let mut extra = townships.clone();
    extra.push(Block::Heading("乡镇".into()));
    assert_eq!(HomeCopy::of("k".into(), &extra, &todos), None);
}

/// The stamp changes when records are added — recorded here, received, imported —
/// and with nothing that adds none; two tabs adding different records to one log never
/// leave it the same stamp.
#[test]
fn the_log_stamp_changes_with_every_record_added_and_only_then() {
    let mut a = Device::new("phone-a");
    assert_eq!(a.ledger.stamp(), "", "an empty phone has none yet");
    a.master_data();
    let b = Device::new("phone-b");
    b.send_to(&mut a);
    let shared = a.ledger.stamp().to_string();
    assert_eq!(shared.len(), 16);
    assert_eq!(a.ledger.store().get_meta(LOG_STAMP), Some(shared.clone()));
    // The same records again add nothing and change nothing.
    let again = a.ledger.export(0);
    assert_eq!(a.ledger.import(&again).map(|(added, _)| added), Ok(0));
    let held = a.events();
    a.ledger.receive(held).unwrap();
    assert_eq!(a.ledger.stamp(), shared);
    // Reopened, the ledger knows the stamp the store holds.
    let reopened = Ledger::open(a.ledger.store().clone(), "phone-a");
    assert_eq!(reopened.stamp(), shared);
    // Two tabs over one log (one store, opened twice) each add a different record.
    let on = d(2025, 2, 1);
    let census = |population| Command::RecordVillage {
        village: VILLAGES[0].0.into(),
        township: TOWNSHIP.into(),
        name: VILLAGES[0].1.into(),
        population,
        secretary: String::new(),
        director: String::new(),
    };
    let mut tab_1 = Device::with_store(a.ledger.store().clone(), "phone-a-tab-1");
    let mut tab_2 = Device::with_store(a.ledger.store().clone(), "phone-a-tab-2");
    tab_1.ok(Role::Admin, on, census(1_500));
    tab_2.ok(Role::Admin, on, census(1_600));
    let (one, two) = (tab_1.ledger.stamp(), tab_2.ledger.stamp());
    assert!(
        one.len() == 16 && two.len() == 16 && one != two && one != shared,
        "{one} {two} {shared}"
    );
    // Received from another phone, or imported: the stamp moves again.
    let before = tab_1.ledger.stamp().to_string();
    tab_2.send_to(&mut tab_1);
    assert_ne!(tab_1.ledger.stamp(), before);
    let mut c = Device::new("phone-c");
    c.ledger.import(&tab_1.ledger.export(0)).unwrap();
    assert_eq!(
        c.ledger.store().get_meta(LOG_STAMP).as_deref(),
        Some(c.ledger.stamp())
    );
    assert_eq!(c.ledger.stamp().len(), 16);
}

/// A tab that finds a stamp other than the one it knew when it adds records (another
/// tab added some it does not hold) no longer names the log by any stamp, so it never
/// keeps a copy of its partial view as the log's.
#[test]
fn a_tab_that_missed_another_tabs_records_names_the_log_by_no_stamp() {
    let mut a = Device::new("phone-a");
    a.master_data();
    // Another tab (here: its stamp written straight into the shared meta) added records.
    let mut stale = Device::with_store(a.ledger.store().clone(), "phone-a");
    stale
        .ledger
        .store_mut()
        .set_meta(LOG_STAMP, "0123456789abcdef")
        .unwrap();
    let known = stale.ledger.stamp().to_string();
    assert_ne!(known, "0123456789abcdef", "it was opened before");
    stale.ok(
        Role::Admin,
        d(2025, 3, 1),
        Command::RecordTownship {
            township: "t-stale".into(),
            name: "甲镇".into(),
        },
    );
    assert_eq!(stale.ledger.stamp(), STALE);
    let stored = stale.ledger.store().get_meta(LOG_STAMP).unwrap();
    assert_eq!(stored.len(), 16, "the log itself has a new stamp");
    assert_ne!(stored, STALE);
    // And stays so: its next record finds its own stamp but still knows none.
    stale.ok(
        Role::Admin,
        d(2025, 3, 2),
        Command::RecordTownship {
            township: "t-stale2".into(),
            name: "乙镇".into(),
        },
    );
    assert_eq!(stale.ledger.stamp(), STALE);
    // A tab opened now holds the whole log and knows its stamp.
    let fresh = Ledger::open(stale.ledger.store().clone(), "phone-a");
    assert_eq!(fresh.stamp(), fresh.store().get_meta(LOG_STAMP).unwrap());
}

/// A stamp that can't be written (storage full) refuses the write: nothing stored.
#[test]
fn a_stamp_that_cannot_be_written_refuses_the_record() {
    let mut a = Device::new("phone-a");
    a.master_data();
    let n = a.events().len();
    let mut store = a.ledger.store().clone();
    store.meta_full = true;
    let mut full = Device::with_store(store, "phone-a");
    let refused = full.run(
        Role::Admin,
        d(2025, 3, 1),
        Command::RecordTownship {
            township: "t-full".into(),
            name: "丙镇".into(),
        },
    );
    assert!(
        matches!(
            refused,
            Err(jishi::store::RecordError::Storage(
                jishi::store::StoreError::QuotaExceeded
            ))
        ),
        "{refused:?}"
    );
    assert_eq!(full.events().len(), n);
    assert_eq!(full.ledger.store().entries.len(), n);
}
