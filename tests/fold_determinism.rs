#![cfg(not(target_arch = "wasm32"))]
//! Folding is deterministic (DESIGN.md principle 2): the same set of events gives the
//! same state on every device, whatever order they arrived in.
//!
//! Failures print the PRNG seed; re-run one seed with `JISHI_SEED=<seed> cargo test
//! --test fold_determinism`.

mod common;

use chrono::NaiveDate;
use common::*;
use jishi::domain::event::{Event, Role};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::state::State;
use jishi::domain::village_pay::{township_year, Command, Outcome, Period, TownshipYearView};
use jishi::store::later::LaterRecord;
use jishi::store::page::StoredRecord;
use jishi::store::{Ledger, MemoryStore};

/// xorshift64*: tiny, seeded, good enough to shuffle.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn base_seed() -> u64 {
    std::env::var("JISHI_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_326)
}

fn objection_cmd(village: &str, period: Period, raised_on: NaiveDate) -> Command {
    Command::RaiseObjection {
        village: village.into(),
        year: 2026,
        period,
        objector: "村民代表 李二虎".into(),
        content: "对得分有异议".into(),
        raised_on,
    }
}

fn resolve_cmd(
    village: &str,
    period: Period,
    objection: &str,
    upheld: Option<f64>,
    on: NaiveDate,
) -> Command {
    Command::ResolveObjection {
        village: village.into(),
        year: 2026,
        period,
        objection: objection.into(),
        upheld: upheld.map(scores_of),
        note: if upheld.is_some() {
            "经复核予以更正".into()
        } else {
            "经核实不予采纳".into()
        },
        resolved_on: on,
    }
}

fn census(village: &str, name: &str, population: u32) -> MasterCommand {
    MasterCommand::RecordVillage {
        village: village.into(),
        township: TOWNSHIP.into(),
        name: name.into(),
        population,
        secretary: String::new(),
        director: String::new(),
    }
}

/// A year of 乌力吉木仁苏木 recorded on two phones: master data, a policy change,
/// indicators, four quarters with publicity, objections upheld and dismissed, a
/// concurrent conflict and its resolution, census corrections from both phones,
/// annual scores, a grading, a re-grading, a warning talk and a rectification.
fn realistic_log() -> Vec<Event> {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.ok(
        Role::Admin,
        d(2026, 2, 1),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 6, 1),
            policy: Box::new(Policy {
                rectification_days: 60,
                ..Policy::default()
            }),
        },
    );
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);

    // Q1 on phone A; 乌兰哈达嘎查's result is corrected by an upheld objection.
    for (v, p) in [(LARGE, 92.0), (UPPER, 78.0), (SMALL, 55.0)] {
        a.final_quarter(v, Period::Q1, p);
    }
    a.submit(MID, 2026, Period::Q1, scores_of(70.0));
    let start = a.open_publicity(MID, 2026, Period::Q1);
    let obj = a.ok(
        Role::VillageHead,
        plus(start, 2),
        objection_cmd(MID, Period::Q1, plus(start, 2)),
    );
    a.ok(
        Role::Organizer,
        plus(start, 4),
        resolve_cmd(MID, Period::Q1, &obj[0].id, Some(76.0), plus(start, 4)),
    );
    a.finalize(MID, 2026, Period::Q1);

    // Q2: phone B does the field work offline; phone A publicizes after syncing.
    for (v, p) in [(LARGE, 94.0), (UPPER, 80.5), (MID, 77.0), (SMALL, 58.0)] {
        b.submit(v, 2026, Period::Q2, scores_of(p));
    }
    b.send_to(&mut a);
    a.send_to(&mut b);
    let mut start = d(2026, 1, 1);
    for v in ALL_VILLAGES {
        start = a.open_publicity(v, 2026, Period::Q2);
    }
    a.send_to(&mut b);
    let obj = b.ok(
        Role::VillageHead,
        plus(start, 5),
        objection_cmd(UPPER, Period::Q2, plus(start, 5)),
    );
    b.send_to(&mut a);
    a.ok(
        Role::Organizer,
        plus(start, 6),
        resolve_cmd(UPPER, Period::Q2, &obj[0].id, None, plus(start, 6)),
    );
    for v in ALL_VILLAGES {
        a.finalize(v, 2026, Period::Q2);
    }

    // Census corrections of 巴彦芒哈嘎查 from both phones (the second made after the
    // first reached it: it replaces it), and new heads.
    b.ok(
        Role::Admin,
        d(2026, 7, 1),
        census(SMALL, "巴彦芒哈嘎查", 820),
    );
    b.send_to(&mut a);
    a.ok(
        Role::Admin,
        d(2026, 8, 1),
        census(SMALL, "巴彦芒哈嘎查", 850),
    );
    b.ok(
        Role::Admin,
        d(2026, 8, 15),
        MasterCommand::RecordHeads {
            village: SMALL.into(),
            secretary: "包金山".into(),
            director: "那仁满都拉".into(),
        },
    );
    a.send_to(&mut b);
    b.send_to(&mut a);

    // Q3: both phones enter 巴彦芒哈嘎查 offline with different scores; A resolves.
    for (v, p) in [(LARGE, 91.0), (UPPER, 79.0), (MID, 78.0)] {
        a.submit(v, 2026, Period::Q3, scores_of(p));
    }
    a.submit(SMALL, 2026, Period::Q3, scores_of(60.0));
    b.submit(SMALL, 2026, Period::Q3, scores_of(57.5));
    a.send_to(&mut b);
    b.send_to(&mut a);
    a.ok(
        Role::Organizer,
        d(2026, 9, 26),
        Command::ResolveConflict {
            village: SMALL.into(),
            year: 2026,
            period: Period::Q3,
            scores: scores_of(58.5),
            reason: "核对现场记录后确定".into(),
        },
    );
    for v in ALL_VILLAGES {
        a.open_publicity(v, 2026, Period::Q3);
        a.finalize(v, 2026, Period::Q3);
    }

    // Q4 and the annual assessment, then the grading.
    for (v, p, annual) in [
        (LARGE, 93.0, 95.0),
        (UPPER, 81.0, 82.0),
        (MID, 79.5, 80.0),
        (SMALL, 56.0, 52.0),
    ] {
        a.final_quarter(v, Period::Q4, p);
        a.submit(v, 2026, Period::Annual, scores_of(annual));
    }
    a.grade(2026, grading_day(2026), "");
    a.send_to(&mut b);
    b.grade(2026, d(2026, 12, 30), "人口数更正后重新核定");
    b.send_to(&mut a);
    a.ok(
        Role::Organizer,
        d(2027, 1, 12),
        Command::RecordWarningTalk {
            village: SMALL.into(),
            year: 2026,
            held_by: "苏木党委书记 额尔敦".into(),
            held_on: d(2027, 1, 12),
            note: String::new(),
        },
    );
    b.ok(
        Role::Organizer,
        d(2027, 2, 20),
        Command::CompleteRectification {
            village: SMALL.into(),
            year: 2026,
            completed_on: d(2027, 2, 20),
            note: "整改完成".into(),
        },
    );
    a.send_to(&mut b);
    b.send_to(&mut a);
    assert_eq!(a.events().len(), b.events().len());
    a.events()
}

const VIEW_DAYS: [(i32, u32, u32); 4] = [(2026, 4, 1), (2026, 9, 27), (2027, 1, 20), (2027, 4, 1)];

fn views(state: &State) -> Vec<TownshipYearView> {
    VIEW_DAYS
        .iter()
        .map(|(y, m, day)| township_year(state, TOWNSHIP, 2026, d(*y, *m, *day)))
        .collect()
}

#[test]
fn the_realistic_log_covers_every_kind_of_event() {
    let log = realistic_log();
    let kinds: std::collections::BTreeSet<&str> = log.iter().map(|e| e.body.kind()).collect();
    for k in [
        "township_recorded",
        "village_recorded",
        "heads_recorded",
        "policy_changed",
        "indicators_published",
        "scores_submitted",
        "publicity_opened",
        "objection_raised",
        "objection_resolved",
        "conflict_resolved",
        "result_finalized",
        "township_graded",
        "warning_talk_held",
        "rectification_completed",
    ] {
        assert!(kinds.contains(k), "log has no {k}");
    }
    let devices: std::collections::BTreeSet<&str> = log.iter().map(|e| e.device.as_str()).collect();
    assert_eq!(devices.len(), 2);

    let state = State::fold(&log);
    assert_eq!(
        state.master.villages[SMALL].population, 850,
        "the later census wins"
    );
    assert_eq!(state.master.villages[SMALL].director, "那仁满都拉");
    let slot = state
        .village_pay
        .counted
        .slot(SMALL, 2026, Period::Q3)
        .unwrap();
    assert!(!slot.needs_review());
    assert_eq!(slot.standing().unwrap().scores, scores_of(58.5));
    let mid_q1 = state
        .village_pay
        .counted
        .slot(MID, 2026, Period::Q1)
        .unwrap();
    assert!(matches!(
        mid_q1.objections.values().next().unwrap().resolution,
        Some((Outcome::Upheld { .. }, _, _))
    ));
    let grading = state.village_pay.counted.grading(TOWNSHIP, 2026).unwrap();
    assert_eq!(grading.graded_on, d(2026, 12, 30));
    assert_eq!(result_of(&grading.results, SMALL).population, 850);
    let view = township_year(&state, TOWNSHIP, 2026, d(2027, 4, 1));
    let small = view.rows.iter().find(|r| r.village.id == SMALL).unwrap();
    assert_eq!(small.talk.as_ref().unwrap().done, Some(d(2027, 1, 12)));
    // Rectification: 60 days (the policy in force on the grading date).
    assert_eq!(small.rectification.as_ref().unwrap().due, d(2027, 2, 28));
}

#[test]
fn folding_500_random_permutations_of_the_log_gives_the_same_state_and_view() {
    let log = realistic_log();
    let reference = State::fold(&log);
    let reference_views = views(&reference);
    let seed = base_seed();
    let mut rng = Rng::new(seed);
    for round in 0..500 {
        let mut shuffled = log.clone();
        rng.shuffle(&mut shuffled);
        let state = State::fold(&shuffled);
        assert!(
            state == reference,
            "seed {seed}, permutation {round}: the state differs"
        );
        assert!(
            views(&state) == reference_views,
            "seed {seed}, permutation {round}: the township view differs"
        );
    }
}

#[test]
fn folding_a_log_that_holds_events_twice_gives_the_same_state() {
    let log = realistic_log();
    let reference = State::fold(&log);
    let mut doubled = log.clone();
    doubled.extend(log.iter().rev().cloned());
    assert_eq!(State::fold(&doubled), reference);
}

#[test]
fn a_phone_receiving_the_log_in_random_batches_and_orders_ends_in_the_folded_state() {
    let log = realistic_log();
    let reference = State::fold(&log);
    let reference_views = views(&reference);
    let seed = base_seed() ^ 0x5eed;
    let mut rng = Rng::new(seed);
    for round in 0..200 {
        let mut shuffled = log.clone();
        rng.shuffle(&mut shuffled);
        let mut ledger = Ledger::open(MemoryStore::default(), "phone-c");
        let mut rest = shuffled.as_slice();
        while !rest.is_empty() {
            let n = 1 + rng.below(rest.len().min(12));
            // Sync sometimes re-sends what was already received.
            let mut batch = rest[..n].to_vec();
            if rng.below(4) == 0 {
                batch.push(log[rng.below(log.len())].clone());
            }
            ledger.receive(batch).expect("no quota");
            rest = &rest[n..];
        }
        assert_eq!(
            ledger.events().len(),
            log.len(),
            "seed {seed}, round {round}"
        );
        assert!(
            *ledger.state() == reference,
            "seed {seed}, round {round}: incremental state differs from the fold"
        );
        assert!(
            views(ledger.state()) == reference_views,
            "seed {seed}, round {round}: view differs"
        );
        // And after a restart of the app (re-open from the store).
        let store = ledger.store().clone();
        let reopened = Ledger::open(store, "phone-c");
        assert!(
            *reopened.state() == reference,
            "seed {seed}, round {round}: re-opened state differs"
        );
    }
}

#[test]
fn the_latest_census_correction_wins_even_when_corrections_arrive_out_of_order() {
    let mut admin = Device::new("county-pc");
    admin.master_data();
    let mut corrections = Vec::new();
    for (on, population) in [
        (d(2026, 5, 1), 810),
        (d(2026, 6, 1), 820),
        (d(2026, 7, 1), 830),
    ] {
        corrections.extend(admin.ok(Role::Admin, on, census(SMALL, "巴彦芒哈嘎查", population)));
    }
    let master: Vec<Event> = admin
        .events()
        .into_iter()
        .filter(|e| !corrections.contains(e))
        .collect();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-c");
    phone.receive(master).unwrap();
    // Sync delivers the newest first, then the oldest, then the middle one.
    for i in [2, 0, 1] {
        phone.receive(vec![corrections[i].clone()]).unwrap();
    }
    assert_eq!(phone.state().master.villages[SMALL].population, 830);
    assert_eq!(phone.state(), admin.state());
}

/// Every event of the golden corpus (a W1 year on two phones and a whole W4 case).
fn corpus() -> Vec<Event> {
    golden_phone("phone-corpus").events().to_vec()
}

/// `State::evolve` itself is order-independent: applying the events one by one in
/// any arrival order, without sorting them first, gives the state of the sorted fold.
/// Ties (same date, same author) are never broken by arrival.
#[test]
fn evolving_events_in_any_arrival_order_without_sorting_gives_the_folded_state() {
    let mut log = corpus();
    log.extend(realistic_log());
    let reference = State::fold(&log);
    let seed = base_seed() ^ 0xe401;
    let mut rng = Rng::new(seed);
    for round in 0..300 {
        let mut shuffled = log.clone();
        rng.shuffle(&mut shuffled);
        let mut state = State::default();
        for e in &shuffled {
            state.evolve(e);
        }
        assert!(
            state == reference,
            "seed {seed}, round {round}: evolving in arrival order differs from the fold"
        );
    }
}

/// The path phones really use: the W1 and W4 corpus arriving through
/// `Ledger::receive` in random batches and orders, with re-sent duplicates.
#[test]
fn a_phone_receiving_w1_and_w4_in_random_batches_ends_in_the_folded_state() {
    let log = corpus();
    let reference = State::fold(&log);
    let seed = base_seed() ^ 0xb47c;
    let mut rng = Rng::new(seed);
    for round in 0..100 {
        let mut shuffled = log.clone();
        rng.shuffle(&mut shuffled);
        let mut ledger = Ledger::open(MemoryStore::default(), "phone-d");
        let mut rest = shuffled.as_slice();
        while !rest.is_empty() {
            let n = 1 + rng.below(rest.len().min(20));
            let mut batch = rest[..n].to_vec();
            if rng.below(4) == 0 {
                batch.push(log[rng.below(log.len())].clone());
            }
            ledger.receive(batch).expect("no quota");
            rest = &rest[n..];
        }
        assert!(
            *ledger.state() == reference,
            "seed {seed}, round {round}: received state differs from the fold"
        );
    }
}

/// A phone opens its log a part at a time (`Ledger::opening`, so the page keeps
/// answering while a county's log is folded): whatever the size of the parts, it is
/// the ledger opened at once — the same state, the same records, the same stamp.
#[test]
fn a_ledger_opened_a_part_at_a_time_is_the_ledger_opened_at_once() {
    let mut log = corpus();
    log.extend(realistic_log());
    let seed = base_seed() ^ 0x09e4;
    let mut rng = Rng::new(seed);
    for round in 0..20 {
        let mut shuffled = log.clone();
        rng.shuffle(&mut shuffled);
        let mut phone = Ledger::open(MemoryStore::default(), "phone-e");
        for batch in shuffled.chunks(1 + rng.below(40)) {
            phone.receive(batch.to_vec()).expect("no quota");
        }
        let store = phone.store().clone();
        let whole = Ledger::open(store.clone(), "phone-e");
        let limit = 1 + rng.below(60);
        let mut opening = Ledger::opening(store, "phone-e");
        let mut seen = vec![opening.progress()];
        while !opening.step(limit) {
            seen.push(opening.progress());
        }
        let mut parts = opening.finish();
        while !parts.open_later(limit) {}
        assert!(
            seen.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 == w[1].1),
            "seed {seed}, round {round}: progress {seen:?}"
        );
        assert!(
            seen.len() > 2,
            "seed {seed}, round {round}: in parts of {limit}"
        );
        assert!(
            *parts.state() == *whole.state() && *parts.state() == State::fold(&log),
            "seed {seed}, round {round}: the state differs opened in parts of {limit}"
        );
        assert_eq!(parts.events(), whole.events());
        assert_eq!(parts.stamp(), phone.stamp());
        assert_eq!(parts.stamp(), whole.stamp());
    }
}

/// A phone whose log holds no event opens at once, without folding anything (so
/// without the chunk that folds, `chunks::folder`), keeping what it set aside; one that
/// holds events is left to fold, and folds into the ledger opened at once.
#[test]
fn a_log_without_events_opens_at_once_and_one_with_events_is_left_to_fold() {
    use jishi::store::Start;
    let Start::Open(empty) = Ledger::open_if_empty(MemoryStore::default(), "phone-f") else {
        panic!("an empty log has nothing to fold");
    };
    assert!(empty.events().is_empty());
    let mut damaged = MemoryStore::default();
    damaged.entries.insert(
        MemoryStore::key("0000000000000000000000000000"),
        "{not json".into(),
    );
    let Start::Open(aside) = Ledger::open_if_empty(damaged.clone(), "phone-f") else {
        panic!("a damaged record is set aside, not folded");
    };
    assert_eq!(aside.quarantined().len(), 1);
    assert_eq!(
        aside.quarantined(),
        Ledger::open(damaged, "phone-f").quarantined()
    );
    let mut phone = Ledger::open(MemoryStore::default(), "phone-f");
    phone.receive(realistic_log()).expect("no quota");
    let store = phone.store().clone();
    let Start::ToFold(opening) = Ledger::open_if_empty(store.clone(), "phone-f") else {
        panic!("a log with events is left to fold");
    };
    let mut folded = opening.finish();
    folded.finish_later();
    let whole = Ledger::open(store, "phone-f");
    assert!(*folded.state() == *whole.state());
    assert_eq!(folded.events(), whole.events());
}

/// A store that loads its events as `arrange` rearranges them (copies added, the
/// order changed): no store of this app does, but the ledger must not count on it.
struct Loading(MemoryStore, Box<dyn Fn(Vec<Event>) -> Vec<Event>>);

impl jishi::store::EventStore for Loading {
    fn load(&mut self) -> jishi::store::Loaded {
        let mut loaded = self.0.load();
        loaded.events = (self.1)(std::mem::take(&mut loaded.events));
        loaded
    }
    fn append(&mut self, entries: &[jishi::store::Entry]) -> Result<(), jishi::store::StoreError> {
        self.0.append(entries)
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        self.0.get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), jishi::store::StoreError> {
        self.0.set_meta(key, value)
    }
}

/// The events, then a copy of every third.
fn every_third(store: MemoryStore) -> Loading {
    Loading(
        store,
        Box::new(|mut events| {
            let copies: Vec<Event> = events.iter().step_by(3).cloned().collect();
            events.extend(copies);
            events
        }),
    )
}

/// The events, then a copy of the first.
fn the_first(store: MemoryStore) -> Loading {
    Loading(
        store,
        Box::new(|mut events| {
            events.extend(events.first().cloned());
            events
        }),
    )
}

/// Each id's first event, in the order loaded.
fn first_of_each_id(events: &[Event]) -> Vec<Event> {
    let mut seen = std::collections::BTreeSet::new();
    events
        .iter()
        .filter(|e| seen.insert(e.id.clone()))
        .cloned()
        .collect()
}

/// The realistic log held by a phone: the log, the phone's store, and the events as
/// a ledger opened from that store holds them (in rising id order).
fn realistic_log_held(device: &str) -> (Vec<Event>, MemoryStore, Vec<Event>) {
    let log = realistic_log();
    let mut phone = Ledger::open(MemoryStore::default(), device);
    phone.receive(log.clone()).expect("no quota");
    let store = phone.store().clone();
    let held = Ledger::open(store.clone(), device).events().to_vec();
    (log, store, held)
}

/// `rounds` seeds from the base seed, each with its generator.
fn seeded_rounds(rounds: u64) -> impl Iterator<Item = (u64, Rng)> {
    let base = base_seed();
    (0..rounds).map(move |round| {
        let seed = base.wrapping_add(round);
        (seed, Rng::new(seed))
    })
}

/// Whatever order the events are loaded in (a rising id order, as IndexedDB's part
/// comes, then any order, ids repeated anywhere), the ledger holds each id's first event in the
/// order loaded, finds each by its id and no other id, and folds the log's state.
#[test]
fn a_log_loaded_in_any_order_finds_each_event_by_its_id() {
    let (log, store, held) = realistic_log_held("phone-h");
    for (seed, mut rng) in seeded_rounds(40) {
        let mut loaded = held.clone();
        let rising = rng.below(loaded.len() + 1);
        rng.shuffle(&mut loaded[rising..]);
        for _ in 0..rng.below(4) {
            let copy = loaded[rng.below(loaded.len())].clone();
            let at = rng.below(loaded.len() + 1);
            loaded.insert(at, copy);
        }
        let want = first_of_each_id(&loaded);
        let limit = 1 + rng.below(loaded.len());
        let arranged = loaded.clone();
        let source = Loading(store.clone(), Box::new(move |_| arranged.clone()));
        let mut opening = Ledger::opening(source, "phone-h");
        while !opening.step(limit) {}
        let mut ledger = opening.finish();
        while !ledger.open_later(limit) {}
        let ids = |events: &[Event]| events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(ledger.events()), ids(&want), "seed {seed}");
        assert!(ledger.events() == &want[..], "seed {seed}");
        each_found_at_its_place(&ledger, &log, seed);
        assert!(*ledger.state() == State::fold(&log), "seed {seed}");
    }
}

/// Events received after the ledger opened (sync, import) are found by their ids too,
/// whatever their ids against those loaded, and each is held once: a log loaded
/// without some events, in rising order or not, then given them in random batches and
/// orders with some sent twice.
#[test]
fn events_received_after_opening_are_found_by_their_ids() {
    let (log, _, held) = realistic_log_held("phone-i");
    for (seed, mut rng) in seeded_rounds(40) {
        let mut later = held.clone();
        rng.shuffle(&mut later);
        let mut loaded = later.split_off(rng.below(later.len() + 1));
        loaded.sort_by(|a, b| a.id.cmp(&b.id));
        if rng.below(2) == 0 {
            let rising = rng.below(loaded.len() + 1);
            rng.shuffle(&mut loaded[rising..]);
        }
        let source = Loading(MemoryStore::default(), Box::new(move |_| loaded.clone()));
        let mut ledger = Ledger::open(source, "phone-i");
        while !later.is_empty() {
            let take = 1 + rng.below(later.len());
            let mut batch: Vec<Event> = later.drain(..take).collect();
            let again = log[rng.below(log.len())].clone();
            batch.insert(rng.below(batch.len() + 1), again);
            ledger.receive(batch).expect("no quota");
        }
        assert_eq!(ledger.events().len(), log.len(), "seed {seed}: each once");
        each_found_at_its_place(&ledger, &log, seed);
        assert!(*ledger.state() == State::fold(&log), "seed {seed}");
    }
}

/// Each of `log`'s events is found by its id, as the very event held there, and ids
/// held by none are not found.
fn each_found_at_its_place<S: jishi::store::EventStore>(
    ledger: &Ledger<S>,
    log: &[Event],
    seed: u64,
) {
    for e in log {
        let found = ledger.event(&e.id);
        assert!(found == Some(e), "seed {seed}: {}", e.id);
        let held = ledger.events().iter().filter(|h| h.id == e.id).count();
        assert_eq!(held, 1, "seed {seed}: {}", e.id);
    }
    for absent in [
        "",
        "0",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "017e230164e92174b604cc0a1f6",
    ] {
        assert!(ledger.event(absent).is_none(), "seed {seed} {absent}");
    }
}

/// A store that loads some events twice (no store of this app does: each keeps an id
/// once, but the ledger must not count on it): the ledger opened from it, at once or a
/// part at a time, holds and folds each id once, as from the store without the copies.
#[test]
fn a_log_loaded_with_an_event_twice_opens_with_each_id_once() {
    let log = realistic_log();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-g");
    phone.receive(log.clone()).expect("no quota");
    let store = phone.store().clone();
    let once = Ledger::open(store.clone(), "phone-g");
    let twice = Ledger::open(every_third(store.clone()), "phone-g");
    let mut opening = Ledger::opening(every_third(store), "phone-g");
    while !opening.step(7) {}
    let mut parts = opening.finish();
    while !parts.open_later(7) {}
    for ledger in [twice.events(), parts.events()] {
        assert_eq!(ledger, once.events());
    }
    assert!(*twice.state() == *once.state() && *parts.state() == *once.state());
    assert_eq!(once.events().len(), log.len());
}

/// A log loaded with a copy of an event at its end (out of the rising id order every
/// store of this app loads in) opens the same ledger as without it, own records and
/// their chains included, for each phone that wrote some of them.
#[test]
fn a_log_loaded_out_of_order_opens_the_same_ledger_chains_and_own_records() {
    let log = realistic_log();
    let devices: std::collections::BTreeSet<&str> = log.iter().map(|e| e.device.as_str()).collect();
    let scopes: std::collections::BTreeSet<&str> = log.iter().map(|e| e.scope.as_str()).collect();
    let times: Vec<i64> = log.iter().map(|e| e.recorded_at).collect();
    for device in devices {
        let mut phone = Ledger::open(MemoryStore::default(), device);
        phone.receive(log.clone()).expect("no quota");
        let store = phone.store().clone();
        let at_once = Ledger::open(store.clone(), device);
        let one_by_one = Ledger::open(the_first(store), device);
        assert_eq!(at_once.events(), one_by_one.events());
        assert!(*at_once.state() == *one_by_one.state() && *at_once.state() == State::fold(&log));
        for scope in &scopes {
            for horizon in times.iter().copied().chain([i64::MIN, i64::MAX]) {
                assert_eq!(
                    at_once.chain_head(scope, horizon),
                    one_by_one.chain_head(scope, horizon),
                    "{device} {scope} {horizon}"
                );
                assert_eq!(
                    at_once.chain_head(scope, horizon),
                    phone.chain_head(scope, horizon)
                );
            }
        }
        let none = |_: &str| false;
        let unsynced_at_once: Vec<&str> = at_once.unsynced(&none).iter().map(|h| h.id()).collect();
        let unsynced: Vec<&str> = one_by_one.unsynced(&none).iter().map(|h| h.id()).collect();
        assert_eq!(unsynced_at_once, unsynced);
    }
}

/// A store that holds back some records undecoded, as the browser's store holds back
/// those of the parts folded later (`store::later`): the ones read from IndexedDB in
/// rising id order, then localStorage's in any order.
struct HoldingBack {
    store: MemoryStore,
    now: Vec<Event>,
    later: Vec<LaterRecord>,
}

impl jishi::store::EventStore for HoldingBack {
    fn load(&mut self) -> jishi::store::Loaded {
        let mut loaded = self.store.load();
        loaded.events = std::mem::take(&mut self.now);
        loaded.later = std::mem::take(&mut self.later);
        loaded
    }
    fn append(&mut self, entries: &[jishi::store::Entry]) -> Result<(), jishi::store::StoreError> {
        self.store.append(entries)
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        self.store.get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), jishi::store::StoreError> {
        self.store.set_meta(key, value)
    }
}

/// `events` (in rising id order) as a store reads them: a rising run (all of them when
/// `all_rising`), then the rest shuffled; as records held back, the run as IndexedDB's
/// (sealed in a page or not), the rest as localStorage's.
fn as_read(
    mut events: Vec<Event>,
    all_rising: bool,
    rng: &mut Rng,
) -> (Vec<Event>, Vec<LaterRecord>) {
    let rising = match all_rising {
        true => events.len(),
        false => rng.below(events.len() + 1),
    };
    rng.shuffle(&mut events[rising..]);
    let sealed = rng.below(2) == 0;
    let later = events.iter().enumerate().map(|(i, e)| match i < rising {
        true => LaterRecord::Stored(StoredRecord {
            id: e.id.clone(),
            text: e.json().into_owned(),
            sealed,
        }),
        false => LaterRecord::Local(format!("jishi:e:{}", e.id), e.json().into_owned()),
    });
    (events.clone(), later.collect())
}

/// The app is drawn from the log without the parts folded later (干部选任纪实, three
/// quarters of a county's log), which are decoded and folded next: the state drawn
/// from is exactly the rest of the log folded until the later part is all folded, and
/// then,
/// whatever the size of its slices, the ledger holds every event once, finds each by
/// its id, and its state is the whole log folded. So also when the records held back
/// are any records at all (a text naming a kind its decoding does not give). A log
/// read in rising id order is held in rising id order, as when read at once.
#[test]
fn the_parts_folded_later_end_in_the_state_of_the_whole_log() {
    let mut log = corpus();
    log.extend(realistic_log());
    let mut phone = Ledger::open(MemoryStore::default(), "phone-j");
    phone.receive(log.clone()).expect("no quota");
    let store = phone.store().clone();
    let held = Ledger::open(store.clone(), "phone-j").events().to_vec();
    let rest: Vec<Event> = log
        .iter()
        .filter(|e| !e.body.folds_later())
        .cloned()
        .collect();
    for (seed, mut rng) in seeded_rounds(40) {
        let any = seed % 4 == 0;
        let (later, now): (Vec<Event>, Vec<Event>) = match any {
            true => held.iter().cloned().partition(|_| rng.below(3) == 0),
            false => held.iter().cloned().partition(|e| e.body.folds_later()),
        };
        // As IndexedDB alone gives a log: every record in rising id order.
        let all_rising = seed % 4 == 1;
        let (now, _) = as_read(now, all_rising, &mut rng);
        let (_, later) = as_read(later, all_rising, &mut rng);
        if !any {
            for record in &later {
                let text = match record {
                    LaterRecord::Stored(r) => &r.text,
                    LaterRecord::Local(_, raw) => raw,
                };
                let kind = jishi::domain::record::body_kind(text);
                assert!(kind.is_some_and(jishi::domain::workflows::folds_later));
            }
        }
        let source = HoldingBack {
            store: store.clone(),
            now,
            later,
        };
        let limit = 1 + rng.below(log.len());
        let mut opening = Ledger::opening(source, "phone-j");
        while !opening.step(limit) {}
        let mut ledger = opening.finish();
        assert!(!ledger.is_whole(), "seed {seed}");
        if !any {
            assert!(
                *ledger.state() == State::fold(&rest),
                "seed {seed}: the rest"
            );
        }
        while !ledger.open_later(limit) {
            assert!(!ledger.is_whole(), "seed {seed}");
            if !any {
                // Never a part half folded (a case decided but its submission not yet
                // folded would show as overdue on the home page).
                assert!(*ledger.state() == State::fold(&rest), "seed {seed}: so far");
            }
        }
        assert!(ledger.is_whole(), "seed {seed}");
        assert_eq!(ledger.events().len(), log.len(), "seed {seed}: each once");
        each_found_at_its_place(&ledger, &log, seed);
        assert!(*ledger.state() == State::fold(&log), "seed {seed}");
        if all_rising {
            // Held in one rising run, as if read at once: each found without a copy
            // of its id (`IdIndex`).
            let ids: Vec<&str> = ledger.events().iter().map(|e| e.id.as_str()).collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "seed {seed}");
        }
    }
}

/// Whether a record is held back is told from its text: the kind of its body, as
/// every record this app writes spells it, and only the kinds of parts folded later.
#[test]
fn a_record_is_held_back_by_the_kind_its_text_names() {
    use jishi::domain::record::body_kind;
    use jishi::domain::workflows::folds_later;
    let mut log = corpus();
    log.extend(realistic_log());
    for e in &log {
        let text = e.json();
        assert_eq!(body_kind(&text), Some(e.body.kind()), "{}", e.id);
        assert_eq!(folds_later(e.body.kind()), e.body.folds_later(), "{}", e.id);
    }
    assert!(log.iter().any(|e| e.body.folds_later()));
    assert!(log.iter().any(|e| !e.body.folds_later()));
    let spaced = r#"{"author":"a", "body": {"w4_signed":{}}}"#;
    assert_eq!(body_kind(spaced), None);
    let nested = r#"{"author":{"body":{"w4_signed":{}}},"body":{"scores_submitted":{}}}"#;
    assert_eq!(body_kind(nested), Some("scores_submitted"));
    assert_eq!(body_kind(r#"{"body":{"w4_\u0073igned":{}}}"#), None);
    assert_eq!(body_kind(r#"{"body":["w4_signed"]}"#), None);
    assert_eq!(body_kind(r#"{"body":{"w4_signed""#), None);
}
