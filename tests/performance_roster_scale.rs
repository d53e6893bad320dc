//! 实绩纪实名单 at a county's scale: ~2,000 cadres in 150 units, each unit's roster
//! republished every week for three years, a daily record and a monthly rating of every
//! cadre, thirty weeks submitted by each: the home to-dos and the department's, a unit's and a cadre's pages stay fast
//! (the roster in force is found per unit and per cadre, not by listing every roster
//! for every cadre, week and month).

use chrono::{Days, NaiveDate};
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::performance_record::screens::{cadre_screen, start_screen, unit_screen, Viewer};
use jishi::domain::performance_record::todos::todos;
use jishi::domain::performance_record::{
    Level, PerformanceRecordEvent as P, RosterEntry, WorkCategory,
};
use jishi::domain::screen::texts;
use jishi::domain::State;

const UNITS: usize = 150;
const PER_UNIT: usize = 13;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn unit(u: usize) -> String {
    format!("单位{u:03}")
}

fn cadre(u: usize, i: usize) -> (String, String) {
    (format!("c-{u:03}-{i:02}"), format!("干部{u:03}{i:02}"))
}

struct Maker {
    events: Vec<Event>,
}

impl Maker {
    fn add(&mut self, body: P, author: &str, role: Role, on: NaiveDate) {
        let n = self.events.len();
        let ms = on
            .and_hms_opt(2, 0, 0)
            .expect("time")
            .and_utc()
            .timestamp_millis();
        let stamp = Stamp {
            id: format!("e-{n:08}"),
            author: author.into(),
            role,
            device: "scale".into(),
            recorded_at: ms.saturating_add(i64::try_from(n).unwrap_or(0)),
            parents: vec![],
        };
        self.events
            .push(Event::seal(EventBody::PerformanceRecord(body), stamp));
    }
}

fn county() -> State {
    let mut m = Maker { events: Vec::new() };
    let first = d(2023, 12, 4);
    for week in 0..156_u64 {
        let from = first.checked_add_days(Days::new(week * 7)).expect("day");
        for u in 0..UNITS {
            let members = (0..PER_UNIT)
                .map(|i| {
                    let (cadre, name) = cadre(u, i);
                    RosterEntry { cadre, name }
                })
                .collect();
            let body = P::RosterPublished {
                unit: unit(u),
                from,
                members,
                supersedes: vec![],
            };
            m.add(body, "组织部", Role::Admin, from);
        }
    }
    let today = d(2026, 11, 25);
    for u in 0..UNITS {
        let (_, leader) = cadre(u, 0);
        let body = P::IndicatorsSet {
            unit: unit(u),
            set: "5+4".into(),
            indicators: vec!["政治素质".into(), "工作实绩".into()],
            raters: vec![leader.clone()],
            from: d(2026, 1, 1),
            supersedes: vec![],
        };
        m.add(body, &leader, Role::UnitLeader, d(2026, 1, 1));
        for i in 0..PER_UNIT {
            let (id, name) = cadre(u, i);
            let body = P::WorkLogged {
                cadre: id.clone(),
                by: name.clone(),
                day: d(2026, 11, 16),
                category: WorkCategory::Development,
                project: String::new(),
                text: "入户走访".into(),
                corrects: String::new(),
                withdrawn: false,
                reason: String::new(),
                supersedes: vec![],
            };
            m.add(body, &name, Role::Cadre, d(2026, 11, 16));
            for week in 0..30_u64 {
                let monday = d(2026, 4, 6)
                    .checked_add_days(Days::new(week * 7))
                    .expect("day");
                let body = P::WeekSubmitted {
                    cadre: id.clone(),
                    by: name.clone(),
                    week: monday,
                    entries: vec![],
                    summary: "本周小结".into(),
                    supersedes: vec![],
                };
                m.add(body, &name, Role::Cadre, monday);
            }
            for month in 1..=10 {
                let body = P::MonthRated {
                    cadre: id.clone(),
                    month: d(2026, month, 1),
                    rater: leader.clone(),
                    indicators: vec!["政治素质".into(), "工作实绩".into()],
                    levels: vec![Level::Good, Level::FairlyGood],
                    supersedes: vec![],
                };
                m.add(body, &leader, Role::UnitLeader, d(2026, month, 28));
            }
        }
    }
    let _ = today;
    State::fold(&m.events)
}

#[test]
fn a_countys_rosters_of_three_years_draw_every_page_by_the_latest_rosters() {
    // Timings are `make bench`'s, never a test's: this checks what the pages say at a
    // county's scale (1,950 cadres, 150 units, three years of weekly rosters).
    let state = county();
    let today = d(2026, 11, 25);
    let viewer = |role: Role, name: &str| Viewer {
        role: Some(role),
        name: name.into(),
        today,
        zh: true,
    };
    let (_, leader) = cadre(7, 0);
    let (id, name) = cadre(7, 3);
    let listed = jishi::domain::performance_record::roster::names(&state).len();
    assert_eq!(listed, UNITS * PER_UNIT);
    assert!(!todos(&state, today, true).is_empty());
    let admin = viewer(Role::Admin, "组织部");
    let units = texts(&start_screen(&state, &admin)).join("\n");
    assert!(units.contains(&unit(7)), "the department sees unit 7");
    let lead = viewer(Role::UnitLeader, &leader);
    let page = texts(&unit_screen(&state, &unit(7), &lead)).join("\n");
    assert!(page.contains(&name), "{name} is one of unit 7's cadres");
    let me = viewer(Role::Cadre, &name);
    let start = texts(&start_screen(&state, &me)).join("\n");
    assert!(start.contains(&format!("{name} · {}", unit(7))), "{start}");
    let year = texts(&cadre_screen(&state, &id, 2026, &admin)).join("\n");
    assert!(year.contains(&format!("{name} · 2026年实绩纪实")));
}

/// A small random county: 4 units, 8 cadres moving between them, rosters begun on
/// random days (some republished empty, some published twice the same day on two
/// phones, one begun after the days looked at).
fn shuffled_rosters(seed: u64) -> Vec<Event> {
    let mut x = seed;
    let mut next = move |n: u64| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % n
    };
    let mut m = Maker { events: Vec::new() };
    for _ in 0..30 {
        let u = usize::try_from(next(4)).unwrap_or(0);
        let from = d(2026, 1, 1)
            .checked_add_days(Days::new(next(120)))
            .expect("day");
        let members = (0..8)
            .filter(|_| next(3) == 0)
            .map(|i| {
                let (cadre, name) = cadre(0, i);
                RosterEntry { cadre, name }
            })
            .collect();
        let body = P::RosterPublished {
            unit: unit(u),
            from,
            members,
            supersedes: vec![],
        };
        m.add(body, "组织部", Role::Admin, from);
    }
    m.events
}

#[test]
fn a_cadres_unit_is_the_one_the_rosters_list_them_in_whatever_the_order_received() {
    for seed in 0..40 {
        let events = shuffled_rosters(seed);
        let state = State::fold(&events);
        let mut reversed = events.clone();
        reversed.reverse();
        let other = State::fold(&reversed);
        for day in 0..130 {
            let day = d(2025, 12, 20)
                .checked_add_days(Days::new(day))
                .expect("day");
            let listed = jishi::domain::performance_record::roster::listed_on(&state, day);
            assert_eq!(
                listed,
                jishi::domain::performance_record::roster::listed_on(&other, day)
            );
            for i in 0..8 {
                let (id, _) = cadre(0, i);
                let by_list = listed.get(&id).map(|l| l.unit.clone());
                let one = jishi::domain::performance_record::roster::unit_of(&state, &id, day);
                assert_eq!(one, by_list, "seed {seed}, {id} on {day}");
            }
        }
    }
}
