#![cfg(not(target_arch = "wasm32"))]
//! Village heads over time and 退后关爱 (W3, seed 002 扎鲁特旗): years served from
//! tenures, the 10-year boundary, the yearly list and its confirmation, corrections,
//! two phones, roles, and the forms and pages as a person sees them.

mod common;

use common::heads::*;
use common::*;
use jishi::domain::event::Role;
use jishi::domain::form::Inputs;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::screen::{texts, Block, Focuses, Sent};
use jishi::domain::village_heads::forms::{tenure_inputs, TENURE_FORM};
use jishi::domain::village_heads::screens::{care_screen, people_screen, person_screen, Viewer};
use jishi::domain::village_heads::{
    care_lines, CareExclusion, CareStatus, Command, EndReason, HeadPost,
};
use jishi::domain::RuleViolation;

fn history() -> Device {
    let mut dev = Device::new("phone-county");
    dev.master_data();
    heads_history(&mut dev);
    dev
}

fn status_of(dev: &Device, year: i32, person: &str) -> CareStatus {
    let lines = care_lines(dev.state(), year);
    lines
        .iter()
        .find(|l| l.person == person)
        .map(|l| l.status)
        .expect("on the list")
}

fn confirm(year: i32, excluded: Vec<CareExclusion>) -> Command {
    Command::ConfirmCareList { year, excluded }
}

fn viewer(role: Role) -> Viewer {
    Viewer {
        role: Some(role),
        today: d(2026, 12, 1),
        zh: true,
    }
}

#[test]
fn ten_years_to_the_day_qualifies_and_a_day_short_does_not() {
    let dev = history();
    assert_eq!(status_of(&dev, 2027, BAO), CareStatus::Qualifies);
    assert_eq!(status_of(&dev, 2027, HAN), CareStatus::TooShort);
    // Secretary 2006–2014 and director 2012–2017 of one village: 11 years, once.
    assert_eq!(status_of(&dev, 2027, MENG), CareStatus::Qualifies);
    assert_eq!(status_of(&dev, 2027, QI), CareStatus::Died);
    assert_eq!(status_of(&dev, 2027, BAI), CareStatus::Sitting);
    let han = care_lines(dev.state(), 2027)
        .into_iter()
        .find(|l| l.person == HAN)
        .unwrap();
    assert_eq!(han.why(10, true), "任正职9年11个月28天，不满10年");
    let screen = texts(&care_screen(dev.state(), 2027, viewer(Role::Admin)));
    assert!(
        screen.contains(&"共2人，合计4800元".to_string()),
        "{screen:?}"
    );
    assert!(screen
        .iter()
        .any(|s| s.contains("以2027-01-01为准") && s.contains("满10年") && s.contains("2400元")));
    assert!(
        screen.iter().any(|s| s.contains("在任，已任正职6年10个月")),
        "{screen:?}"
    );
}

#[test]
fn the_county_confirms_a_list_once_and_again_only_when_the_records_change() {
    let mut dev = history();
    let on = d(2026, 12, 1);
    dev.ok(Role::Admin, on, confirm(2027, Vec::new()));
    let confirmed = dev
        .state()
        .village_heads
        .confirmed(2027)
        .unwrap()
        .value
        .clone();
    let paid: Vec<(&str, u32)> = confirmed
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.yuan))
        .collect();
    assert_eq!(paid, vec![("包金山", 2_400), ("孟根", 2_400)]);
    assert_eq!(
        dev.refused(Role::Admin, on, confirm(2027, Vec::new())),
        "care.unchanged"
    );
    // 韩宝音's end was recorded a day early: the correction is a new version, and the
    // confirmed list is not silently changed; it says what differs and asks again.
    let corrected = tenure(
        HAN,
        "韩宝音",
        MID,
        HeadPost::Secretary,
        d(2010, 3, 1),
        Some((d(2020, 3, 1), EndReason::TermEnded)),
    );
    record(&mut dev, on, "ht-han", corrected);
    assert_eq!(
        dev.state().village_heads.confirmed(2027).unwrap().value,
        confirmed
    );
    let changes = jishi::domain::village_heads::changes_since(dev.state(), 2027, true);
    assert_eq!(changes, vec!["韩宝音：现符合条件，名单中没有".to_string()]);
    let todos = jishi::domain::workflows::todos(dev.state(), d(2027, 1, 5), true);
    assert!(
        todos
            .iter()
            .any(|t| t.text == "2027年退后关爱名单需重新确认" && t.urgent),
        "{todos:?}"
    );
    dev.ok(Role::Admin, on, confirm(2027, Vec::new()));
    let again = &dev.state().village_heads.confirmed(2027).unwrap().value;
    assert_eq!(again.entries.len(), 3);
    assert_eq!(
        jishi::domain::village_heads::total_yuan(&again.entries),
        7_200
    );
    assert!(jishi::domain::village_heads::changes_since(dev.state(), 2027, true).is_empty());
}

#[test]
fn someone_who_qualifies_is_left_off_only_with_a_reason() {
    let mut dev = history();
    let on = d(2026, 12, 1);
    let left_off = |person: &str, reason: &str| CareExclusion {
        person: person.into(),
        name: String::new(),
        reason: reason.into(),
    };
    assert_eq!(
        dev.refused(Role::Admin, on, confirm(2027, vec![left_off(BAO, " ")])),
        "field.required"
    );
    assert_eq!(
        dev.refused(
            Role::Admin,
            on,
            confirm(2027, vec![left_off(HAN, "不符合")])
        ),
        "care.excluded"
    );
    let twice = vec![left_off(BAO, "已去世"), left_off(BAO, "已去世")];
    assert_eq!(
        dev.refused(Role::Admin, on, confirm(2027, twice)),
        "care.excluded"
    );
    dev.ok(
        Role::Admin,
        on,
        confirm(2027, vec![left_off(BAO, "已去世")]),
    );
    let list = &dev.state().village_heads.confirmed(2027).unwrap().value;
    assert_eq!(
        list.entries
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        vec!["孟根"]
    );
    let screen = texts(&care_screen(dev.state(), 2027, viewer(Role::Admin)));
    assert!(
        screen.contains(&"不列入：（已去世）".to_string())
            || screen
                .iter()
                .any(|s| s.starts_with("不列入：") && s.contains("已去世")),
        "{screen:?}"
    );
}

#[test]
fn only_the_county_records_tenures_and_confirms_lists() {
    let mut dev = history();
    let on = d(2026, 12, 1);
    let t = tenure(
        "hp-new",
        "新人",
        MID,
        HeadPost::Director,
        d(2021, 1, 1),
        None,
    );
    for role in [
        Role::Organizer,
        Role::Assessor,
        Role::VillageHead,
        Role::Recorder,
        Role::Approver,
    ] {
        let cmd = Command::RecordTenure {
            tenure: "ht-new".into(),
            record: t.clone(),
        };
        assert_eq!(dev.refused(role, on, cmd), "auth.role", "{role:?}");
        assert_eq!(
            dev.refused(role, on, confirm(2027, Vec::new())),
            "auth.role",
            "{role:?}"
        );
    }
    // Everyone else reads, with no form, and is told who may.
    let screen = people_screen(dev.state(), viewer(Role::Organizer));
    let forms = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .filter(|b| matches!(b, Block::Form(_)))
        .count();
    assert_eq!(forms, 0);
    assert!(
        texts(&screen)
            .iter()
            .any(|s| s.starts_with("只有") && s.contains("管理员")),
        "{:?}",
        texts(&screen)
    );
    let admin = people_screen(dev.state(), viewer(Role::Admin));
    assert_eq!(
        admin
            .iter()
            .flat_map(|c| &c.blocks)
            .filter(|b| matches!(b, Block::Form(_)))
            .count(),
        1
    );
}

#[test]
fn a_tenure_ended_on_two_phones_differently_waits_for_a_person() {
    let mut a = history();
    let mut b = Device::new("phone-county-b");
    a.send_to(&mut b);
    let ended = |day| {
        tenure(
            BAI,
            "白玉兰",
            SMALL,
            HeadPost::Secretary,
            d(2020, 3, 1),
            Some((day, EndReason::Resigned)),
        )
    };
    record(&mut a, d(2026, 11, 25), "ht-bai", ended(d(2026, 11, 24)));
    record(&mut b, d(2026, 11, 26), "ht-bai", ended(d(2026, 11, 26)));
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        assert_eq!(dev.state().village_heads.tenure_conflicts(), vec!["ht-bai"]);
    }
    assert_eq!(
        a.refused(Role::Admin, d(2026, 12, 1), confirm(2027, Vec::new())),
        "care.tenure_conflict"
    );
    let focus = Focuses::default();
    let page = texts(&person_screen(a.state(), BAI, viewer(Role::Admin), &focus));
    assert!(page.iter().any(|s| s.contains("两部手机")), "{page:?}");
    // The correction names both versions: one version stands again.
    record(&mut a, d(2026, 12, 1), "ht-bai", ended(d(2026, 11, 24)));
    assert!(a.state().village_heads.tenure_conflicts().is_empty());
    a.ok(Role::Admin, d(2026, 12, 1), confirm(2027, Vec::new()));
}

#[test]
fn the_policy_in_force_on_the_first_day_of_the_year_sets_years_and_amount() {
    let mut dev = history();
    let mut policy = Policy::default();
    policy.retired_care.min_years = 9;
    policy.retired_care.yearly_yuan = 3_000;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2027, 1, 1),
        policy,
    };
    dev.ok(Role::Admin, d(2026, 12, 1), change);
    assert_eq!(status_of(&dev, 2026, HAN), CareStatus::TooShort);
    assert_eq!(status_of(&dev, 2027, HAN), CareStatus::Qualifies);
    let paid = jishi::domain::village_heads::entries(dev.state(), 2027, &[]);
    assert!(paid.iter().all(|e| e.yuan == 3_000) && paid.len() == 3);
    let bad = Policy {
        retired_care: jishi::domain::policy::RetiredCarePolicy {
            min_years: 0,
            yearly_yuan: 2_400,
        },
        ..Policy::default()
    };
    assert!(bad.validate().is_err());
}

#[test]
fn a_tenure_is_refused_with_every_problem_at_once() {
    let dev = history();
    let today = d(2026, 12, 1);
    let sent = Sent {
        today,
        now_ms: beijing_ms(today),
        random: 7,
    };
    let screen = people_screen(dev.state(), viewer(Role::Admin));
    let Some(Block::Form(form)) = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find(|b| matches!(b, Block::Form(_)))
    else {
        panic!("the admin has the tenure form")
    };
    let mut inputs = Inputs::new();
    for (k, v) in [
        ("name", ""),
        ("village", "v-nowhere"),
        ("post", "secretary"),
        ("start", "2027-01-01"),
        ("end", "2020-01-01"),
        ("end_reason", ""),
    ] {
        inputs.insert(k.into(), v.into());
    }
    let problems: Vec<RuleViolation> = form.command(&inputs, &sent, dev.state()).unwrap_err();
    let mut fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
    fields.sort();
    assert_eq!(
        fields,
        vec!["end", "end_reason", "name", "start", "village"],
        "{problems:?}"
    );
    // A new person's tenure: ids are made, the name kept, nothing else invented.
    let mut good = Inputs::new();
    for (k, v) in [
        ("name", "苏和"),
        ("village", MID),
        ("post", "director"),
        ("start", "2021-01-01"),
    ] {
        good.insert(k.into(), v.into());
    }
    let cmd = form.command(&good, &sent, dev.state()).unwrap();
    let jishi::domain::command::Command::VillageHeads(Command::RecordTenure { tenure, record }) =
        cmd
    else {
        panic!("a tenure")
    };
    assert!(tenure.starts_with("ht") && record.person.starts_with("hp"));
    assert_eq!(
        (record.name.as_str(), record.end, record.end_reason),
        ("苏和", None, None)
    );
}

#[test]
fn a_tenure_reads_back_as_itself_through_the_tenure_form() {
    let dev = history();
    let today = d(2026, 12, 1);
    let sent = Sent {
        today,
        now_ms: beijing_ms(today),
        random: 9,
    };
    let focus = Focuses::default();
    let mut turned = focus.clone();
    let t = dev
        .state()
        .village_heads
        .tenure("ht-meng-d")
        .unwrap()
        .clone();
    turned.set(jishi::domain::screen::Focus {
        area: jishi::domain::village_heads::screens::TENURE_AREA,
        form: TENURE_FORM.key.into(),
        replaces: vec![],
        from: "ht-meng-d".into(),
        follow: false,
        each: false,
    });
    let page = person_screen(dev.state(), MENG, viewer(Role::Admin), &turned);
    let Some(Block::Form(form)) = page
        .iter()
        .flat_map(|c| &c.blocks)
        .find(|b| matches!(b, Block::Form(_)))
    else {
        panic!("the page turned to the tenure's form")
    };
    assert_eq!(form.init, tenure_inputs(Some(&t)));
    let cmd = form.command(&form.init, &sent, dev.state()).unwrap();
    let expected = Command::RecordTenure {
        tenure: "ht-meng-d".into(),
        record: t,
    };
    assert_eq!(cmd, expected.into());
    // Saving it unchanged records nothing.
    let mut dev = dev;
    let again = Command::RecordTenure {
        tenure: "ht-meng-d".into(),
        record: dev
            .state()
            .village_heads
            .tenure("ht-meng-d")
            .unwrap()
            .clone(),
    };
    assert_eq!(dev.refused(Role::Admin, today, again), "heads.unchanged");
    // Without the turn, the page has no form for someone who may not record.
    let page = person_screen(dev.state(), MENG, viewer(Role::Recorder), &turned);
    assert!(!page
        .iter()
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Form(_))));
    assert!(
        texts(&page).iter().any(|s| s.contains("累计任正职11年")),
        "{:?}",
        texts(&page)
    );
}
