#![cfg(not(target_arch = "wasm32"))]
//! Shared data edited on two phones at once (DESIGN.md principle 3): a village's
//! population (which sets base pay), its heads, a township's name and a policy of one
//! effective date are never settled by whichever phone's clock was later. Both versions
//! are kept and shown, grading waits, and the administrator records the one that stands.

mod common;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::master::Part;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::village_pay::Command;

fn census(population: u32) -> MasterCommand {
    MasterCommand::RecordVillage {
        village: SMALL.into(),
        township: TOWNSHIP.into(),
        name: "巴彦芒哈嘎查".into(),
        population,
        secretary: String::new(),
        director: String::new(),
    }
}

/// Two phones with the 2026 year ready to grade.
fn two_phones() -> (Device, Device) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    for v in ALL_VILLAGES {
        a.flat_2026(v, 80.0);
    }
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    (a, b)
}

#[test]
fn a_population_changed_on_two_phones_at_once_is_a_conflict_that_holds_grading() {
    let (mut a, mut b) = two_phones();
    // 800 people: 7,000 base pay. One phone says 1,200 (8,000), the other 3,100 (9,000).
    a.ok(Role::Admin, d(2026, 12, 1), census(1_200));
    b.ok(Role::Admin, d(2026, 12, 2), census(3_100));
    b.send_to(&mut a);
    a.send_to(&mut b);
    for phone in [&a, &b] {
        let conflicts = phone.state().master.conflicts();
        assert_eq!(conflicts.len(), 1, "the same conflict on both phones");
        assert_eq!(
            (conflicts[0].part, conflicts[0].id.as_str()),
            (Part::Village, SMALL)
        );
        let mut said: Vec<&str> = conflicts[0].versions.iter().map(|v| v.2.as_str()).collect();
        said.sort();
        assert_eq!(said, ["巴彦芒哈嘎查 · 1200", "巴彦芒哈嘎查 · 3100"]);
    }
    let grade = Command::Grade {
        township: TOWNSHIP.into(),
        year: 2026,
        on: grading_day(2026),
        reason: String::new(),
    };
    assert_eq!(
        a.refused(Role::Organizer, grading_day(2026), grade),
        "master.conflict"
    );
    // The administrator checks the register and records 3,100: settled everywhere.
    a.ok(Role::Admin, d(2026, 12, 20), census(3_100));
    a.send_to(&mut b);
    assert!(b.state().master.conflicts().is_empty());
    let results = a.grade(2026, grading_day(2026), "");
    assert_eq!(result_of(&results, SMALL).base_pay, 9_000);
    assert_eq!(b.state().master.villages[SMALL].population, 3_100);
}

#[test]
fn the_same_change_on_two_phones_and_a_change_after_seeing_another_are_no_conflict() {
    let (mut a, mut b) = two_phones();
    a.ok(Role::Admin, d(2026, 12, 1), census(1_200));
    b.ok(Role::Admin, d(2026, 12, 2), census(1_200));
    b.send_to(&mut a);
    assert!(a.state().master.conflicts().is_empty(), "both say 1,200");
    a.ok(Role::Admin, d(2026, 12, 3), census(1_300));
    a.send_to(&mut b);
    b.ok(Role::Admin, d(2026, 12, 4), census(1_400));
    b.send_to(&mut a);
    assert!(
        a.state().master.conflicts().is_empty(),
        "B saw 1,300 before recording 1,400"
    );
    assert_eq!(a.state().master.villages[SMALL].population, 1_400);
}

#[test]
fn heads_and_township_names_renamed_on_two_phones_are_conflicts_too() {
    let (mut a, mut b) = two_phones();
    let heads = |director: &str| MasterCommand::RecordHeads {
        village: SMALL.into(),
        secretary: "包金山".into(),
        director: director.into(),
    };
    a.ok(Role::Admin, d(2026, 12, 1), heads("白玉兰"));
    b.ok(Role::Organizer, d(2026, 12, 1), heads("那仁满都拉"));
    let rename = |name: &str| MasterCommand::RecordTownship {
        township: TOWNSHIP.into(),
        name: name.into(),
    };
    a.ok(Role::Admin, d(2026, 12, 1), rename("乌力吉木仁苏木"));
    b.ok(Role::Admin, d(2026, 12, 1), rename("乌力吉木仁镇"));
    b.send_to(&mut a);
    let parts: Vec<Part> = a
        .state()
        .master
        .conflicts()
        .iter()
        .map(|c| c.part)
        .collect();
    assert_eq!(parts, [Part::Township, Part::Heads]);
}

#[test]
fn two_policies_of_one_effective_date_made_apart_are_a_conflict_not_a_clock_race() {
    let (mut a, mut b) = two_phones();
    let change = |pay: u32| MasterCommand::ChangePolicy {
        effective_from: d(2026, 12, 1),
        policy: Box::new(Policy {
            pay_excellent: pay,
            ..Policy::default()
        }),
    };
    a.ok(Role::Admin, d(2026, 11, 20), change(4_500));
    b.ok(Role::Admin, d(2026, 11, 21), change(5_000));
    b.send_to(&mut a);
    assert_eq!(a.state().policies.conflicts(), vec![d(2026, 12, 1)]);
    let grade = Command::Grade {
        township: TOWNSHIP.into(),
        year: 2026,
        on: grading_day(2026),
        reason: String::new(),
    };
    assert_eq!(
        a.refused(Role::Organizer, grading_day(2026), grade),
        "policy.conflict"
    );
    a.ok(Role::Admin, d(2026, 11, 22), change(5_000));
    assert!(a.state().policies.conflicts().is_empty());
    assert_eq!(a.state().policies.at(d(2026, 12, 5)).pay_excellent, 5_000);
    // Earlier changes of other dates still apply before this one.
    assert_eq!(a.state().policies.at(d(2026, 6, 1)).pay_excellent, 4_000);
}
