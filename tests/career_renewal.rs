#![cfg(not(target_arch = "wasm32"))]
//! W2 一年一评、一年一聘 at its edges, as a hostile review found them: renewals entered
//! late, ends inside unrenewed years, conflicts found after their window or year, a
//! holder who moved village or applied again, ends corrected later, hostile numbers.

mod common;

use common::career::*;
use common::heads::*;
use common::*;
use jishi::domain::career_pay::renewal_screen::holders_screen;
use jishi::domain::career_pay::rules::ineligibility;
use jishi::domain::career_pay::screens::Viewer;
use jishi::domain::career_pay::{Command, Slots};
use jishi::domain::event::Role;
use jishi::domain::screen::{texts, Block};
use jishi::domain::village_heads::{EndReason, HeadPost};

fn viewer(role: Role, today: chrono::NaiveDate) -> Viewer {
    Viewer {
        role: Some(role),
        townships: Vec::new(),
        today,
        zh: true,
    }
}

/// Every pay-sheet row naming 刘建国 (cells) in `year`, and the sheet's provisional notes.
fn liu_rows(dev: &Device, year: i32, today: chrono::NaiveDate) -> (Vec<Vec<String>>, Vec<String>) {
    use jishi::domain::village_heads::pay_sheet::{cells, pay_sheet};
    let sheet = pay_sheet(dev.state(), year, today, true).unwrap();
    let rows = sheet
        .townships
        .iter()
        .flat_map(|t| &t.lines)
        .map(cells)
        .filter(|c| c[2] == "刘建国" && c[1] != "离任村干部")
        .collect();
    (rows, sheet.provisional)
}

/// Whether a 终止待遇 form on the holders page of `year` offers `application`.
fn end_form_offers(dev: &Device, year: i32, today: chrono::NaiveDate, application: &str) -> bool {
    let screen = holders_screen(dev.state(), year, &viewer(Role::Admin, today));
    screen.iter().flat_map(|c| &c.blocks).any(|b| match b {
        Block::Form(f) => {
            f.form.key == "career_end"
                && f.options
                    .list("applications")
                    .iter()
                    .any(|(id, _)| id == application)
        }
        _ => false,
    })
}

/// An end whose last paid months fall in a later year settles that year: no renewal is asked for them.
#[test]
fn an_end_recorded_decides_its_years_months_without_a_renewal() {
    let mut dev = certified();
    let today = d(2026, 12, 10);
    dev.ok(
        Role::Admin,
        today,
        end("本人申请辞聘", d(2027, 7, 1), vec![]),
    );
    let renewal = dev.run(Role::Admin, today, renew(2027, today));
    let (rows, provisional) = liu_rows(&dev, 2027, d(2027, 12, 31));
    let stuck = provisional
        .iter()
        .any(|p| p == "有享受事业待遇的人员当年尚未续聘评定");
    assert!(
        renewal.is_ok() || !stuck,
        "2027 can never be renewed (ended) yet the sheet stays provisional for it: \
         renewal={:?} rows={rows:?} provisional={provisional:?}",
        renewal.err().map(|e| e.message(true))
    );
}

/// A review held in December may be entered after New Year.
#[test]
fn a_past_years_renewal_may_be_entered_late() {
    let mut dev = certified();
    let late = d(2028, 1, 5);
    let todos = jishi::domain::career_pay::todos::todos(dev.state(), late, true);
    let result = dev.run(Role::Admin, late, renew(2027, d(2027, 12, 20)));
    assert!(
        result.is_ok(),
        "the 2027 review held on 2027-12-20 cannot be recorded on 2028-01-05: {:?}; \
         to-dos then: {:?}",
        result.err().map(|e| e.message(true)),
        todos.iter().map(|t| t.text.clone()).collect::<Vec<_>>()
    );
}

/// A round opened two ways and found only next year is settled by opening it again.
#[test]
fn a_round_conflict_found_next_year_is_settled() {
    let mut a = county();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    open(&mut a, 1);
    open(&mut b, 2);
    b.send_to(&mut a);
    let settle = Command::OpenRound {
        year: YEAR,
        slots: vec![Slots {
            township: TOWNSHIP.into(),
            slots: 1,
        }],
        on: d(2026, 11, 1),
    };
    let result = a.run(Role::Admin, d(2027, 1, 5), settle);
    assert!(
        result.is_ok(),
        "settling the 2026 round on 2027-01-05 is refused: {:?}",
        result.err().map(|e| e.message(true))
    );
}

/// A publicity recorded two ways, found after its window, is settled with the day it really began.
#[test]
fn a_publicity_conflict_found_after_its_window_keeps_the_day_it_ran() {
    let mut a = reviewed_unpublicized();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 10)));
    b.ok(Role::Organizer, d(2026, 11, 10), publicize(d(2026, 11, 11)));
    b.send_to(&mut a);
    let result = a.run(Role::Organizer, d(2026, 11, 20), publicize(d(2026, 11, 11)));
    assert!(
        result.is_ok(),
        "choosing the 11-11 version on 11-20 is refused: {:?}",
        result.err().map(|e| e.message(true))
    );
}

/// A holder who moved to another village's post is paid on that line, not told apart as not sitting.
#[test]
fn a_holder_moved_to_another_village_is_paid_on_that_line() {
    let mut dev = certified();
    let today = d(2027, 1, 5);
    let moved = Some((d(2026, 12, 31), EndReason::Transferred));
    let large = tenure(
        "hp-liu",
        "刘建国",
        LARGE,
        HeadPost::Director,
        d(2012, 3, 1),
        moved,
    );
    record(&mut dev, today, "ht-liu", large);
    let upper = tenure(
        "hp-liu",
        "刘建国",
        UPPER,
        HeadPost::Secretary,
        d(2027, 1, 1),
        None,
    );
    record(&mut dev, today, "ht-liu-upper", upper);
    dev.ok(Role::Admin, today, renew(2027, today));
    let (rows, provisional) = liu_rows(&dev, 2027, d(2027, 12, 31));
    let not_sitting = rows.iter().any(|r| r[1] == "选聘人员（当年不在任）");
    let check = provisional.iter().any(|p| p.contains("不在任"));
    assert!(
        !not_sitting && !check,
        "sitting at 白音花嘎查 but paid as not sitting: rows={rows:?} provisional={provisional:?}"
    );
}

/// An end stays correctable from this year's page after its own year.
#[test]
fn an_end_can_be_corrected_from_the_page_after_its_year() {
    let mut dev = certified();
    let first = dev.ok(
        Role::Admin,
        d(2026, 12, 11),
        end("本人申请辞聘", d(2026, 12, 5), vec![]),
    );
    let today = d(2027, 1, 5);
    let offered = [2026, 2027, 2028]
        .iter()
        .any(|y| end_form_offers(&dev, *y, today, "ca-liu"));
    let seen = vec![first[0].id.clone()];
    let accepted = dev
        .run(
            Role::Admin,
            today,
            end("本人申请辞聘", d(2026, 12, 20), seen),
        )
        .is_ok();
    assert!(
        offered || !accepted,
        "the decider accepts a correction on 2027-01-05 but no page offers it"
    );
}

/// An end on the pay's first day still lists the holder where it may be corrected.
#[test]
fn an_end_on_the_first_day_of_pay_still_lists_the_holder() {
    let mut dev = certified();
    let today = d(2026, 12, 10);
    dev.ok(
        Role::Admin,
        today,
        end("本人申请辞聘", d(2026, 12, 2), vec![]),
    );
    let page = texts(&holders_screen(
        dev.state(),
        2026,
        &viewer(Role::Admin, today),
    ));
    assert!(
        end_form_offers(&dev, 2026, today, "ca-liu")
            || end_form_offers(&dev, 2027, today, "ca-liu"),
        "刘建国 is on no holders page and no end form: {page:?}"
    );
}

/// A person whose pay runs may not apply again.
#[test]
fn a_holder_may_not_apply_again() {
    let dev = certified();
    let on = d(2027, 11, 2);
    let policy = dev.state().policies.at(on).career_pay;
    let why = ineligibility(dev.state(), "hp-liu", LARGE, on, &policy);
    assert!(
        !why.is_empty(),
        "刘建国 holds certificate 扎选聘〔2026〕1号 yet may apply in 2027"
    );
}

/// A termination condition may hold a comma: the list is one per line.
#[test]
fn a_condition_may_hold_a_chinese_comma() {
    use jishi::domain::policy::Policy;
    use jishi::domain::policy_form::{parse_policy_form, policy_form};
    let base = Policy::default();
    let mut form: std::collections::BTreeMap<String, String> = policy_form(&base)
        .into_iter()
        .flat_map(|s| s.fields)
        .map(|f| (f.name, f.value))
        .collect();
    form.insert(
        "career_termination_conditions".into(),
        "受到党纪政务处分，或被追究刑事责任\n本人申请辞聘".into(),
    );
    let parsed = parse_policy_form(&base, |n| form.get(n).cloned().unwrap_or_default());
    match parsed {
        Err(_) => {}
        Ok(p) => assert_eq!(
            p.career_pay.termination_conditions.len(),
            2,
            "typed two conditions, stored {:?}",
            p.career_pay.termination_conditions
        ),
    }
}

/// A holder who left office, with the end recorded, leaves no 0-yuan line and no note.
#[test]
fn an_ended_holder_who_left_office_leaves_no_line_or_note() {
    let mut dev = certified();
    let today = d(2026, 12, 11);
    let resigned = Some((d(2026, 12, 5), EndReason::Resigned));
    let left = tenure(
        "hp-liu",
        "刘建国",
        LARGE,
        HeadPost::Director,
        d(2012, 3, 1),
        resigned,
    );
    record(&mut dev, today, "ht-liu", left);
    let stop = end(
        "不再担任嘎查村党组织书记或村委会主任",
        d(2027, 1, 10),
        vec![],
    );
    dev.ok(Role::Admin, today, stop);
    let (rows, provisional) = liu_rows(&dev, 2027, d(2027, 12, 31));
    let about_it = |p: &&String| p.contains("事业待遇") || p.contains("续聘");
    assert!(
        rows.is_empty() && !provisional.iter().any(|p| about_it(&p)),
        "ended and recorded, yet: rows={rows:?} provisional={provisional:?}"
    );
}

/// Two versions of an end that agree on the day pay up to it.
#[test]
fn two_ends_agreeing_on_the_day_pay_up_to_it() {
    let mut a = certified();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let today = d(2026, 12, 10);
    a.ok(
        Role::Admin,
        today,
        end_with("本人申请辞聘", "书面申请", d(2027, 7, 1), vec![]),
    );
    b.ok(
        Role::Admin,
        today,
        end_with("本人申请辞聘", "本人书面申请辞聘", d(2027, 7, 1), vec![]),
    );
    b.send_to(&mut a);
    let (rows, _) = liu_rows(&a, 2027, d(2027, 12, 31));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][5], "15000", "{rows:?}");
}

/// A certificate recorded two ways leaves the years before it settled.
#[test]
fn a_certificate_conflict_leaves_earlier_years_settled() {
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let mut a = result_publicized();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕1号"));
    b.ok(Role::Admin, d(2026, 12, 2), certify("扎选聘〔2026〕9号"));
    b.send_to(&mut a);
    let sheet = pay_sheet(a.state(), 2020, d(2026, 12, 31), true).unwrap();
    assert!(
        !sheet.provisional.iter().any(|p| p.contains("选聘证书")),
        "{:?}",
        sheet.provisional
    );
}

/// Hostile years, dates and amounts reach no panic.
#[test]
fn hostile_numbers_do_not_panic() {
    use chrono::NaiveDate;
    use jishi::domain::career_pay::policy::CareerPayPolicy;
    use jishi::domain::career_pay::renewal::year_pay;
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let mut dev = certified();
    for y in [i32::MIN, -262_144, 262_143, i32::MAX] {
        let _ = holders_screen(dev.state(), y, &viewer(Role::Admin, d(2026, 12, 10)));
        let _ = pay_sheet(dev.state(), y, d(2026, 12, 10), true);
        let _ = dev.run(Role::Admin, d(2026, 12, 10), renew(y, d(2026, 12, 10)));
    }
    for today in [NaiveDate::MIN, NaiveDate::MAX] {
        let _ = holders_screen(dev.state(), 2026, &viewer(Role::Admin, today));
        let _ = jishi::domain::career_pay::todos::todos(dev.state(), today, true);
    }
    for day in [NaiveDate::MIN, NaiveDate::MAX] {
        let _ = dev.run(
            Role::Admin,
            d(2026, 12, 10),
            end("本人申请辞聘", day, vec![]),
        );
    }
    let policy = CareerPayPolicy {
        monthly_yuan: u32::MAX,
        paid_day: 0,
        ..CareerPayPolicy::default()
    };
    let (lines, _) = year_pay(dev.state(), 2027, &policy, true);
    assert_eq!(lines[0].months, 12);
    let policy = CareerPayPolicy {
        paid_day: u32::MAX,
        ..CareerPayPolicy::default()
    };
    let _ = year_pay(dev.state(), i32::MAX, &policy, false);
}

/// An end decides only the year it stops the pay in: an earlier year still asks for its
/// renewal (and may have it), a later one refuses it.
#[test]
fn an_end_decides_its_own_year_and_leaves_the_earlier_ones_to_renew() {
    let mut dev = certified();
    let today = d(2027, 6, 1);
    let stop = Command::Terminate {
        application: "ca-liu".into(),
        condition: "本人申请辞聘".into(),
        note: "本人书面申请辞去选聘待遇".into(),
        pay_ends: d(2028, 3, 1),
        on: today,
        seen: vec![],
    };
    dev.ok(Role::Admin, today, stop);
    let (_, provisional) = liu_rows(&dev, 2027, d(2027, 12, 31));
    let unrenewed = "有享受事业待遇的人员当年尚未续聘评定".to_string();
    assert!(provisional.contains(&unrenewed), "{provisional:?}");
    let todos = jishi::domain::career_pay::todos::todos(dev.state(), today, true);
    assert!(
        todos
            .iter()
            .any(|t| t.text == "2027年选聘人员年度评聘：1人待续聘"),
        "{todos:?}"
    );
    assert_eq!(
        dev.refused(Role::Admin, today, renew(2028, today)),
        "career.ended"
    );
    dev.ok(Role::Admin, today, renew(2027, today));
    let (rows, provisional) = liu_rows(&dev, 2027, d(2027, 12, 31));
    assert!(!provisional.contains(&unrenewed), "{provisional:?}");
    assert_eq!(rows[0][5], "30000");
    // 2028: January and February, by the end.
    let (rows, provisional) = liu_rows(&dev, 2028, d(2028, 12, 31));
    assert_eq!(rows[0][5], "5000", "{rows:?}");
    assert!(!provisional.contains(&unrenewed), "{provisional:?}");
}

/// Next year's round is opened in this year's autumn.
#[test]
fn next_years_round_is_opened_this_year() {
    let mut dev = county();
    let cmd = Command::OpenRound {
        year: 2027,
        slots: vec![Slots {
            township: TOWNSHIP.into(),
            slots: 1,
        }],
        on: d(2026, 12, 1),
    };
    dev.ok(Role::Admin, d(2026, 12, 1), cmd);
}
