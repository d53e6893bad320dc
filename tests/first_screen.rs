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
use jishi::store::{EventStore, Ledger, MemoryStore, LOG_STAMP};

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

/// The stamp changes before records are added — recorded here, received, imported —
/// and with nothing that adds none; two phones adding different records from one log
/// never end on the same stamp; a stamp that can't be written refuses the write.
#[test]
fn the_log_stamp_changes_with_every_record_added_and_only_then() {
    let mut a = Device::new("phone-a");
    let mut b = Device::new("phone-b");
    assert_eq!(a.ledger.stamp(), "", "an empty phone has none yet");
    a.master_data();
    b.send_to(&mut a);
    a.send_to(&mut b);
    let shared = a.ledger.stamp().to_string();
    assert_eq!(shared.len(), 16);
    assert_eq!(a.ledger.store().get_meta(LOG_STAMP), Some(shared.clone()));
    // The same records again add nothing and change nothing.
    let again = a.ledger.export(0);
    assert_eq!(a.ledger.import(&again).map(|(added, _)| added), Ok(0));
    b.send_to(&mut a);
    assert_eq!(a.ledger.stamp(), shared);
    // Reopened, the ledger knows the stamp the store holds.
    let reopened = Ledger::open(a.ledger.store().clone(), "phone-a");
    assert_eq!(reopened.stamp(), shared);
    // Each phone adds its own record to the same log: different stamps.
    let on = d(2025, 2, 1);
    let census = |population| Command::RecordVillage {
        village: VILLAGES[0].0.into(),
        township: TOWNSHIP.into(),
        name: VILLAGES[0].1.into(),
        population,
        secretary: String::new(),
        director: String::new(),
    };
    let b_stamp = b.ledger.stamp().to_string();
    a.ok(Role::Admin, on, census(1_500));
    b.ok(Role::Admin, on, census(1_600));
    assert_ne!(a.ledger.stamp(), shared);
    assert_ne!(b.ledger.stamp(), b_stamp);
    assert_ne!(a.ledger.stamp(), b.ledger.stamp());
    // Received from the other phone, or imported: the stamp moves again.
    let before = a.ledger.stamp().to_string();
    b.send_to(&mut a);
    assert_ne!(a.ledger.stamp(), before);
    let mut c = Device::new("phone-c");
    c.ledger.import(&a.ledger.export(0)).unwrap();
    assert_eq!(
        c.ledger.store().get_meta(LOG_STAMP).as_deref(),
        Some(c.ledger.stamp())
    );
    assert_eq!(c.ledger.stamp().len(), 16);
}
