#![cfg(not(target_arch = "wasm32"))]
//! A township's village-pay record counts only if it was recorded in that township's
//! database (`village_pay::Placement`): a record about a village of another township, written
//! into a member's own township database, is kept, listed as not counted, and never
//! folded into the village's scores — whatever order the records arrive in, and even
//! when the village's township is recorded (or changed) after the records.

mod common;

use common::*;
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::state::{Actor, State};
use jishi::domain::village_pay::{slot_view, township_year, Period};
use jishi::domain::workflows::{MasterEvent, VillagePayEvent};
use jishi::store::{Ledger, MemoryStore};

const EVIL: &str = "t-evil";

fn craft(body: EventBody, author: &str, role: Role, scope: &str, at: i64, id: &str) -> Event {
    Event::seal_in(
        body,
        Stamp {
            id: id.into(),
            author: author.into(),
            role,
            device: "evil-phone".into(),
            recorded_at: at,
            parents: vec![],
        },
        scope.into(),
    )
}

fn body_of(events: &[Event], kind: &str) -> EventBody {
    events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind}"))
        .body
        .clone()
}

/// The honest county with Q1 of 巴彦芒哈嘎查 (SMALL) publicized, plus t-evil and
/// records of another township's member: scores and a 公示 for SMALL written into
/// the t-evil database, and scores for 乌兰哈达嘎查 (MID) into t-evil, whose village
/// the administrator later moves to t-evil.
fn log() -> Vec<Event> {
    let mut honest = Device::new("phone-honest");
    honest.township_2026();
    honest.ok(
        Role::Admin,
        d(2025, 1, 7),
        MasterCommand::RecordTownship {
            township: EVIL.into(),
            name: "邪恶苏木".into(),
        },
    );
    let q1 = honest.submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    honest.open_publicity(SMALL, 2026, Period::Q1);
    let mid = honest.submit(MID, 2026, Period::Q2, scores_of(70.0));
    let now = beijing_ms(d(2026, 4, 5));
    let mut events = honest.events();
    // Scores for SMALL with other numbers, a 公示 and scores for MID, into t-evil.
    let mut forged = body_of(&q1, "scores_submitted");
    if let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { scores, .. }) = &mut forged {
        *scores = scores_of(20.0);
    }
    let evil_scope = format!("township:{EVIL}");
    events.push(craft(
        forged,
        "evil",
        Role::Assessor,
        &evil_scope,
        now,
        "e-evil-1",
    ));
    let publicity = body_of(&honest.events(), "publicity_opened");
    events.push(craft(
        publicity,
        "evil",
        Role::Organizer,
        &evil_scope,
        now + 1,
        "e-evil-2",
    ));
    let mut mid_scores = body_of(&mid, "scores_submitted");
    if let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { scores, .. }) = &mut mid_scores
    {
        *scores = scores_of(90.0);
    }
    events.push(craft(
        mid_scores,
        "evil",
        Role::Assessor,
        &evil_scope,
        now + 2,
        "e-evil-3",
    ));
    // The administrator moves 乌兰哈达嘎查 to t-evil (a new version of its record).
    let (_, name, population, _, _) = VILLAGES[1];
    let live = honest
        .state()
        .master
        .live_ids(jishi::domain::master::Part::Village, MID);
    events.push(craft(
        EventBody::Master(MasterEvent::VillageRecorded {
            village: MID.into(),
            township: EVIL.into(),
            name: name.into(),
            population,
            supersedes: Some(live),
        }),
        ADMIN,
        Role::Admin,
        "common",
        now + 3,
        "e-move-mid",
    ));
    events
}

/// xorshift64*.
fn shuffled(events: &[Event], seed: u64) -> Vec<Event> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut v = events.to_vec();
    for i in (1..v.len()).rev() {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let j = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

#[test]
fn records_in_another_townships_database_do_not_count_in_any_arrival_order() {
    let events = log();
    let sorted = State::fold(&events);
    // SMALL (still of t-wljmr): the forged scores and 公示 do not count.
    let slot = sorted
        .village_pay
        .counted
        .slot(SMALL, 2026, Period::Q1)
        .expect("scored");
    assert!(!slot.versions.contains_key("e-evil-1"));
    assert!(!slot.publicities.contains_key("e-evil-2"));
    assert_eq!(slot.live().len(), 1, "only the honest sheet");
    assert_eq!(slot.publicities.len(), 1, "only the honest 公示");
    let small: Vec<String> = sorted
        .village_pay
        .not_counted(&sorted.master, SMALL)
        .iter()
        .map(|n| n.placed.event.clone())
        .collect();
    assert_eq!(small, ["e-evil-1", "e-evil-2"]);
    // MID now belongs to t-evil: its record in t-evil counts, those of t-wljmr no more.
    let mid = sorted
        .village_pay
        .counted
        .slot(MID, 2026, Period::Q2)
        .expect("scored in t-evil");
    let ids: Vec<&String> = mid.versions.keys().collect();
    assert_eq!(ids, ["e-evil-3"]);
    assert_eq!(
        sorted.village_pay.not_counted(&sorted.master, MID).len(),
        1,
        "the t-wljmr sheet"
    );
    // Every order, folded one by one and received in batches, gives the same state.
    for seed in 1..=60_u64 {
        let order = shuffled(&events, seed);
        let mut state = State::default();
        for e in &order {
            state.evolve(e);
        }
        assert_eq!(state, sorted, "seed {seed}: evolve");
        let mut ledger = Ledger::open(MemoryStore::default(), "phone-admin");
        for batch in order.chunks(1 + (seed as usize % 7)) {
            ledger.receive(batch.to_vec()).unwrap();
        }
        assert_eq!(ledger.state(), &sorted, "seed {seed}: receive");
    }
}

#[test]
fn pages_say_which_records_are_not_counted_and_why() {
    let state = State::fold(&log());
    let today = d(2026, 4, 20);
    let page = slot_view(&state, SMALL, 2026, Period::Q1, today).unwrap();
    assert_eq!(page.not_counted.len(), 2);
    let note = &page.not_counted[0];
    assert!(
        note.zh.contains("未计入") && note.zh.contains("邪恶苏木"),
        "{}",
        note.zh
    );
    assert!(note.zh.contains(TOWNSHIP_NAME), "{}", note.zh);
    assert!(note.en.starts_with("Not counted"), "{}", note.en);
    assert!(slot_view(&state, SMALL, 2026, Period::Q2, today)
        .unwrap()
        .not_counted
        .is_empty());
    let board = township_year(&state, TOWNSHIP, 2026, today);
    assert_eq!(
        board.not_counted.len(),
        2,
        "MID is no more of this township"
    );
    let evil = township_year(&state, EVIL, 2026, today);
    assert_eq!(evil.not_counted.len(), 1, "MID's sheet recorded in t-wljmr");
    // A grading or indicator set naming another township's database does not count.
    let mut dev = Device::new("phone");
    dev.township_2026();
    let set = body_of(&dev.events(), "indicators_published");
    let scope = format!("township:{EVIL}");
    let at = beijing_ms(d(2026, 1, 20));
    let e = craft(set, "evil", Role::Organizer, &scope, at, "e-evil-set");
    let before = dev.state().village_pay.counted.indicator_sets.clone();
    dev.ledger.receive(vec![e]).unwrap();
    assert_eq!(dev.state().village_pay.counted.indicator_sets, before);
    let board = township_year(dev.state(), TOWNSHIP, 2026, today);
    assert_eq!(board.not_counted.len(), 1);
}

#[test]
fn a_member_of_one_township_may_not_record_for_a_village_of_another() {
    let mut dev = Device::new("phone");
    dev.township_2026();
    let (on, _) = quarter_dates(2026, Period::Q1);
    let cmd = submit_cmd(SMALL, 2026, Period::Q1, scores_of(80.0));
    let as_member_of = |townships: &[&str]| Actor {
        name: ASSESSOR.into(),
        role: Role::Assessor,
        today: on,
        townships: townships.iter().map(|t| t.to_string()).collect(),
    };
    let refused =
        jishi::domain::command::decide(dev.state(), cmd.clone().into(), &as_member_of(&[EVIL]))
            .expect_err("another township's village");
    assert_eq!(refused.code, "auth.township");
    assert!(refused.message(true).contains(TOWNSHIP_NAME));
    for townships in [&[TOWNSHIP][..], &[EVIL, TOWNSHIP], &[]] {
        let ok = jishi::domain::command::decide(
            dev.state(),
            cmd.clone().into(),
            &as_member_of(townships),
        );
        assert!(ok.is_ok(), "{townships:?}: {ok:?}");
    }
    assert_eq!(
        jishi::domain::access::townships_of(&[
            "assessor".into(),
            "township:t-1".into(),
            "township:bad id".into()
        ]),
        ["t-1"]
    );
    // Master data is not a township's record: no township check.
    let admin = Actor {
        name: ADMIN.into(),
        role: Role::Admin,
        today: on,
        townships: vec![EVIL.into()],
    };
    let census = MasterCommand::RecordTownship {
        township: "t-new".into(),
        name: "新苏木".into(),
    };
    assert!(jishi::domain::command::decide(dev.state(), census.into(), &admin).is_ok());
}
