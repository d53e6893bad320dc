#![cfg(not(target_arch = "wasm32"))]
//! The first screen of a large log (`ui::first_screen`): the home page is kept as a
//! copy of text and paths (`domain::home::HomeCopy`) that gives back exactly the blocks
//! the home page drew, and the log's stamp (`store::LOG_STAMP`), which names the log a
//! copy was drawn from, changes with every record added and with nothing else.

mod common;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::home::{todo_screen, todo_screen_of, todos, township_links, HomeCopy};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::screen::{Block, Card, Tone};
use jishi::domain::state::Actor;
use jishi::domain::workflows;
use jishi::store::{
    names_a_log, Entry, EventStore, Ledger, Loaded, MemoryStore, StoreError, LOG_STAMP, PENDING,
    STALE,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The golden corpus (a W1 year on two phones, a whole W4 case) on one phone.
fn corpus_phone() -> Ledger<MemoryStore> {
    golden_phone("phone-first")
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
                let read = HomeCopy::read(&text).unwrap();
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

/// The app's first load has no workflow's rules: until the chunk that works out the
/// workflows' to-dos comes, the card lists the calendar's and says the rest are loading
/// — never "nothing to do" — and no copy of that is kept; once they are known it is
/// the whole card.
#[test]
fn to_dos_not_known_yet_are_said_to_be_loading_and_never_kept() {
    let phone = corpus_phone();
    let s = phone.state();
    let today = d(2027, 1, 4); // the 2027 holiday schedule is missing: a calendar to-do
    let whole = todo_screen(s, today, true);
    let all = todos(s, today, true);
    let calendar: Vec<_> = all
        .iter()
        .filter(|t| t.text.contains("2027 年节假日"))
        .collect();
    assert_eq!(calendar.len(), 1, "{all:?}");
    assert!(all.len() > 1, "the corpus has workflow to-dos too: {all:?}");

    let loading = todo_screen_of(s, (today, true, None), None, true);
    let blocks = &loading[0].blocks;
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    let Block::Items(items) = &blocks[1] else {
        panic!("the calendar's to-do is listed: {blocks:?}");
    };
    assert_eq!(items.items.len(), 1);
    assert!(items.items[0].link.text.contains("2027 年节假日"));
    assert!(
        matches!(&blocks[2], Block::Line { text, .. } if text.contains("正在载入待办事项")),
        "{blocks:?}"
    );
    let townships = township_links(s, 2027, true, true);
    assert_eq!(HomeCopy::of("k".into(), &townships, &loading), None);

    assert_eq!(
        todo_screen_of(s, (today, true, None), Some(workflows::todos), true),
        whole
    );
    let english = todo_screen_of(s, (d(2026, 4, 10), false, None), None, true);
    let lines: Vec<&str> = english[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(lines, ["Loading the to-do list…"]);
}

/// While the parts folded later (干部选任纪实) are still being folded, the home page is
/// drawn from the rest of the log: its to-dos are listed, a line says the rest of the
/// list is loading — never "nothing to do" — and no copy of it is kept.
#[test]
fn to_dos_of_the_parts_folded_later_are_said_to_be_loading_and_never_kept() {
    let phone = corpus_phone();
    let rest =
        jishi::domain::state::State::fold(phone.events().iter().filter(|e| !e.body.folds_later()));
    assert!(phone.events().iter().any(|e| e.body.folds_later()));
    for today in [d(2026, 4, 10), d(2027, 1, 4)] {
        let partial = todo_screen_of(&rest, (today, true, None), Some(workflows::todos), false);
        let listed: Vec<String> = partial[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Items(items) => Some(items.items.iter().map(|i| i.link.text.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        let want: Vec<String> = todos(&rest, today, true)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(listed, want);
        let last = partial[0].blocks.last();
        assert!(
            matches!(last, Some(Block::Line { text, .. }) if text == "正在载入其余待办事项…"),
            "{partial:?}"
        );
        let townships = township_links(&rest, chrono::Datelike::year(&today), true, true);
        assert_eq!(HomeCopy::of("k".into(), &townships, &partial), None);
        let english = todo_screen_of(&rest, (today, false, None), Some(workflows::todos), false);
        let last = english[0].blocks.last();
        assert!(
            matches!(last, Some(Block::Line { text, .. }) if text == "Loading the rest of the to-do list…"),
            "{english:?}"
        );
    }
}

/// A log with no event needs no workflow's code to know its to-dos: every workflow's
/// come from its records, so a new phone's home is whole without the chunk.
#[test]
fn a_log_without_events_has_no_workflow_to_dos() {
    let empty = Ledger::open(MemoryStore::default(), "phone-empty");
    let s = empty.state();
    for today in [
        d(2026, 1, 1),
        d(2026, 4, 10),
        d(2026, 12, 20),
        d(2027, 1, 4),
    ] {
        for zh in [true, false] {
            assert!(workflows::todos(s, today, zh).is_empty());
            assert_eq!(
                todo_screen_of(s, (today, zh, None), None, true),
                todo_screen(s, today, zh)
            );
        }
    }
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
    // Two phones with one log (copies of one store) each add a different record.
    let on = d(2025, 2, 1);
    let census = |population| MasterCommand::RecordVillage {
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

/// One store that tabs share (a phone's storage), each tab a ledger over it; it can
/// refuse to settle a stamp (a tab closed half-way, a full storage).
#[derive(Clone, Default)]
struct Shared {
    store: Rc<RefCell<MemoryStore>>,
    refuse_settling: Rc<Cell<bool>>,
}

impl EventStore for Shared {
    fn load(&mut self) -> Loaded {
        self.store.borrow_mut().load()
    }
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        self.store.borrow_mut().append(entries)
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        self.store.borrow().get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == LOG_STAMP && !value.starts_with(PENDING) && self.refuse_settling.get() {
            return Err(StoreError::QuotaExceeded);
        }
        self.store.borrow_mut().set_meta(key, value)
    }
}

impl Shared {
    fn stamp(&self) -> String {
        self.get_meta(LOG_STAMP).unwrap_or_default()
    }
}

/// A tab of the shared phone adds township `n`.
fn add_township(tab: &mut Ledger<Shared>, n: u64) {
    let on = d(2025, 3, 1);
    let actor = Actor {
        name: "旗委组织部 张卫东".into(),
        role: Role::Admin,
        today: on,
        townships: Vec::new(),
    };
    let mut next = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut random = move || {
        next = next.wrapping_add(0x632b_e59b_d9b4_e019);
        next
    };
    let cmd = MasterCommand::RecordTownship {
        township: format!("t-s{n}"),
        name: format!("乡镇{n}"),
    };
    tab.record(cmd, &actor, beijing_ms(on) + n as i64, &mut random)
        .expect("recorded");
}

/// Whether `tab` names the log the shared store holds (only then may it keep a copy).
fn names_the_log(tab: &Ledger<Shared>, shared: &Shared) -> bool {
    tab.stamp() == shared.stamp() && names_a_log(tab.stamp())
}

/// Two tabs over one store: the one that adds records after the other did no longer
/// names the log by any stamp, nor does the other once the log moved past it; a tab
/// opened afterwards holds the whole log and names it.
#[test]
fn a_tab_that_missed_another_tabs_records_names_the_log_by_no_stamp() {
    let shared = Shared::default();
    let mut tab_1 = Ledger::open(shared.clone(), "phone");
    let mut tab_2 = Ledger::open(shared.clone(), "phone");
    add_township(&mut tab_1, 1);
    assert!(names_the_log(&tab_1, &shared));
    assert!(!names_the_log(&tab_2, &shared), "tab 2 does not hold 乡镇1");
    add_township(&mut tab_2, 2);
    assert_eq!(tab_2.stamp(), STALE, "it found a stamp it did not know");
    assert!(!names_the_log(&tab_1, &shared), "tab 1 does not hold 乡镇2");
    add_township(&mut tab_2, 3);
    assert_eq!(tab_2.stamp(), STALE, "and stays so");
    let tab_3 = Ledger::open(shared.clone(), "phone");
    assert_eq!(tab_3.state().master.townships_sorted().len(), 3);
    assert!(names_the_log(&tab_3, &shared));
}

/// While a write is under way (an import adopting its batches) the stamp is pending: a
/// tab that opens then, without the records, names no log — nor after the write is
/// done; a write whose stamp can't be settled leaves it pending until the next write.
#[test]
fn a_tab_opened_during_a_write_names_no_log() {
    let shared = Shared::default();
    let mut importing = Ledger::open(shared.clone(), "phone");
    add_township(&mut importing, 1);
    importing
        .note_new_records(["019d00000000aaaaaaaaaaaaaaaa"])
        .unwrap();
    assert!(!names_a_log(&shared.stamp()), "pending");
    let opened = Ledger::open(shared.clone(), "phone");
    assert!(!names_the_log(&opened, &shared));
    importing
        .note_records_stored(["019d00000000aaaaaaaaaaaaaaaa"])
        .unwrap();
    assert!(names_the_log(&importing, &shared));
    assert!(!names_the_log(&opened, &shared));
    // Storage refuses to settle: the record is stored, the stamp stays pending.
    shared.refuse_settling.set(true);
    add_township(&mut importing, 2);
    assert_eq!(importing.state().master.townships_sorted().len(), 2);
    assert!(shared.stamp().starts_with(PENDING));
    assert!(!names_the_log(&importing, &shared));
    shared.refuse_settling.set(false);
    add_township(&mut importing, 3);
    assert!(
        names_the_log(&importing, &shared),
        "the next write settles it"
    );
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
        MasterCommand::RecordTownship {
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
