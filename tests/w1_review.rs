#![cfg(not(target_arch = "wasm32"))]
//! W1 defects found in the review of issue 7, each with the seed's township
//! (乌力吉木仁苏木, 扎鲁特旗) and real dates: an objection that arrives after the 定稿,
//! a grading whose final scores changed, two concurrent 公示, windows bound to what was
//! announced, the policy form's base date, received sheets that don't fit their
//! indicator set, and the dates of 诫勉谈话 and 整改.
//!
//! In each test the lines above `// (main fails above this line)` use only what existed
//! before the fix and fail on it; the lines below check the new views.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::VillagePayEvent;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::*;
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::policy::Policy;
use jishi::domain::policy_form::{form_base, parse_policy_form, policy_form};
use jishi::domain::village_pay::{
    parse_indicators, slot_view, township_year, Command, GradingChange, IndicatorRow, Period,
    PeriodStatus, Review, TownshipYearView, VillageRow, Window,
};

const YEAR: i32 = 2026;

fn row<'a>(view: &'a TownshipYearView, village: &str) -> &'a VillageRow {
    view.rows
        .iter()
        .find(|r| r.village.id == village)
        .expect("village row")
}

fn q1_cell(
    dev: &Device,
    village: &str,
    today: NaiveDate,
) -> jishi::domain::village_pay::PeriodCell {
    let view = township_year(dev.state(), TOWNSHIP, YEAR, today);
    row(&view, village).cells[0].clone()
}

fn grade_cmd(on: NaiveDate, reason: &str) -> Command {
    Command::Grade {
        township: TOWNSHIP.into(),
        year: YEAR,
        on,
        reason: reason.into(),
    }
}

fn objection(village: &str, raised_on: NaiveDate) -> Command {
    Command::RaiseObjection {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        objector: "村民代表 李二虎".into(),
        content: "党建引领得分偏低，有材料未计入".into(),
        raised_on,
    }
}

fn resolve(village: &str, objection: &str, upheld: Option<f64>, on: NaiveDate) -> Command {
    Command::ResolveObjection {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        objection: objection.into(),
        upheld: upheld.map(scores_of),
        note: "经核实，补充材料属实".into(),
        resolved_on: on,
    }
}

fn finalize(village: &str, on: NaiveDate) -> Command {
    Command::Finalize {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        on,
    }
}

fn open_q1(village: &str, start: NaiveDate) -> Command {
    Command::OpenPublicity {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        start,
    }
}

fn exchange(a: &mut Device, b: &mut Device) {
    a.send_to(b);
    b.send_to(a);
}

// ------------------------------------------------------------ 3. objection after 定稿

/// Phone A opens the 公示 of 巴彦芒哈嘎查's Q1 on 03-26 and hands the records to phone B;
/// on B the village head records an objection raised on 03-28; A, not having seen it,
/// finalizes on 04-02 and completes the year; then B's records arrive.
fn objection_arriving_after_the_final() -> (Device, String) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(SMALL, YEAR, Period::Q1, scores_of(70.0));
    a.open_publicity(SMALL, YEAR, Period::Q1);
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let raised = b.ok(
        Role::VillageHead,
        d(2026, 3, 28),
        objection(SMALL, d(2026, 3, 28)),
    );
    a.finalize(SMALL, YEAR, Period::Q1);
    for p in [Period::Q2, Period::Q3, Period::Q4] {
        a.final_quarter(SMALL, p, 70.0);
    }
    a.submit(SMALL, YEAR, Period::Annual, scores_of(70.0));
    for v in [MID, UPPER, LARGE] {
        a.flat_2026(v, 80.0);
    }
    b.send_to(&mut a);
    (a, raised[0].id.clone())
}

#[test]
fn an_objection_raised_in_the_window_that_arrives_after_the_final_is_a_review_that_blocks_grading()
{
    let (mut a, objection) = objection_arriving_after_the_final();
    let day = grading_day(YEAR);
    let cell = q1_cell(&a, SMALL, day);
    assert_eq!(cell.status, PeriodStatus::NeedsReview, "{cell:?}");
    assert_eq!(cell.open_objections, 1);
    assert_eq!(cell.score, Some(7_000), "the finalized 70.00 stays shown");
    assert_eq!(
        a.refused(Role::Organizer, day, grade_cmd(day, "")),
        "w1.not_ready"
    );
    // (main fails above this line)
    assert_eq!(
        cell.reviews,
        vec![Review::ObjectionAfterFinal {
            objection: objection.clone()
        }]
    );
    let refusal = a.run(Role::Organizer, day, grade_cmd(day, "")).unwrap_err();
    assert!(
        refusal.message(true).contains("巴彦芒哈嘎查第一季度")
            && refusal.message(true).contains("尚未处理的异议"),
        "{}",
        refusal.message(true)
    );
    assert!(refusal
        .message(false)
        .contains("arrived after finalization"));
    // It is settled by resolving the objection, not by recording scores again.
    let rescore = Command::ResolveConflict {
        village: SMALL.into(),
        year: YEAR,
        period: Period::Q1,
        scores: scores_of(70.0),
        reason: "维持".into(),
    };
    assert_eq!(
        a.refused(Role::Organizer, day, rescore),
        "w1.review_elsewhere"
    );
    // Dismissed: the 定稿 of 04-02 stands again, and the year can be graded.
    a.ok(Role::Organizer, day, resolve(SMALL, &objection, None, day));
    assert_eq!(
        q1_cell(&a, SMALL, day).status,
        PeriodStatus::Final(d(2026, 4, 2))
    );
    let results = a.grade(YEAR, day, "");
    assert_eq!(result_of(&results, SMALL).quarters[0], Some(7_000));
}

#[test]
fn an_objection_upheld_after_the_final_withdraws_it_and_needs_a_new_publicity() {
    let (mut a, objection) = objection_arriving_after_the_final();
    let day = grading_day(YEAR);
    a.ok(
        Role::Organizer,
        day,
        resolve(SMALL, &objection, Some(76.0), day),
    );
    let cell = q1_cell(&a, SMALL, day);
    assert_eq!(cell.status, PeriodStatus::Scored, "the 定稿 is withdrawn");
    assert!(cell.republish, "a new 公示 is required");
    assert_eq!(cell.score, Some(7_600));
    assert_eq!(
        a.refused(Role::Organizer, day, grade_cmd(day, "")),
        "w1.not_ready"
    );
    // A new 7-day 公示 from 12-28, 定稿 on 2027-01-04, graded with 76.00.
    a.ok(Role::Organizer, day, open_q1(SMALL, day));
    a.ok(
        Role::Organizer,
        d(2027, 1, 4),
        finalize(SMALL, d(2027, 1, 4)),
    );
    let results = a.grade(YEAR, d(2027, 1, 5), "");
    assert_eq!(result_of(&results, SMALL).quarters[0], Some(7_600));
}

#[test]
fn an_objection_raised_in_the_window_but_entered_after_the_final_is_kept_and_reviewed() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.final_quarter(MID, Period::Q1, 70.0); // 公示 03-26..04-01, 定稿 04-02
                                              // Raised on paper on 03-30, typed in on 04-03: recorded, and the quarter is reviewed.
    dev.ok(
        Role::Organizer,
        d(2026, 4, 3),
        objection(MID, d(2026, 3, 30)),
    );
    assert_eq!(
        q1_cell(&dev, MID, d(2026, 4, 3)).status,
        PeriodStatus::NeedsReview
    );
    // One raised after the window is still refused.
    assert_eq!(
        dev.refused(
            Role::Organizer,
            d(2026, 4, 3),
            objection(MID, d(2026, 4, 2))
        ),
        "w1.objection_outside_window"
    );
}

// ------------------------------------------------------------ 4. grading bound to finals

/// 乌兰哈达嘎查 Q1 finalized at 70 and the year graded; a correction to 95 made offline
/// before the 公示 arrives in January; the organizer accepts 95, publicizes it again
/// and finalizes it.
fn graded_then_q1_refinalized_at_95() -> (Device, NaiveDate) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    b.ok(
        Role::Assessor,
        quarter_dates(YEAR, Period::Q1).0,
        Command::CorrectScores {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            scores: scores_of(95.0),
            reason: "漏计合作社分红".into(),
        },
    );
    a.open_publicity(MID, YEAR, Period::Q1);
    a.finalize(MID, YEAR, Period::Q1);
    a.year_2026(MID, [None, Some(70.0), Some(70.0), Some(70.0)], 70.0);
    for v in [SMALL, UPPER, LARGE] {
        a.flat_2026(v, 75.0);
    }
    let results = a.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, MID).quarters[0], Some(7_000));
    let view = township_year(a.state(), TOWNSHIP, YEAR, grading_day(YEAR));
    assert!(!view.grading_outdated(), "just graded: current");
    b.send_to(&mut a);
    let arrived = township_year(a.state(), TOWNSHIP, YEAR, d(2027, 1, 9));
    assert!(
        !arrived.grading_outdated() && arrived.needs_review() == 1,
        "under review the final 70 stands: the grading is not yet out of date"
    );
    let on = d(2027, 1, 10);
    a.ok(
        Role::Organizer,
        on,
        Command::ResolveConflict {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            scores: scores_of(95.0),
            reason: "采用更正后的评分".into(),
        },
    );
    a.ok(Role::Organizer, on, open_q1(MID, on));
    a.ok(Role::Organizer, plus(on, 7), finalize(MID, plus(on, 7)));
    (a, plus(on, 8))
}

#[test]
fn a_grading_whose_final_scores_changed_is_flagged_for_regrading() {
    let (mut a, today) = graded_then_q1_refinalized_at_95();
    let view = township_year(a.state(), TOWNSHIP, YEAR, today);
    let r = row(&view, MID);
    assert_eq!(r.cells[0].status, PeriodStatus::Final(d(2027, 1, 17)));
    assert_eq!(r.cells[0].score, Some(9_500));
    assert_eq!(
        r.result.as_ref().unwrap().quarters[0],
        Some(7_000),
        "the record stays"
    );
    // (main fails above this line: nothing said the grading is out of date)
    assert!(view.grading_outdated());
    // (95 + 70·3)/4 = 76.25; 60% · 76.25 + 40% · 70 = 73.75.
    assert_eq!(
        r.grading_changes,
        vec![
            GradingChange {
                village: MID.into(),
                period: Some(Period::Q1),
                graded: Some(7_000),
                now: Some(9_500),
            },
            GradingChange {
                village: MID.into(),
                period: None,
                graded: Some(7_000),
                now: Some(7_375),
            },
        ]
    );
    assert!(view
        .rows
        .iter()
        .filter(|r| r.village.id != MID)
        .all(|r| r.grading_changes.is_empty()));
    // Re-graded with a reason: current again, with 95 and 73.75.
    let results = a.grade(YEAR, today, "第一季度复核后采用95分，重新评定");
    assert_eq!(result_of(&results, MID).quarters[0], Some(9_500));
    assert_eq!(result_of(&results, MID).composite, 7_375);
    assert!(!township_year(a.state(), TOWNSHIP, YEAR, today).grading_outdated());
}

#[test]
fn a_withdrawn_final_makes_the_grading_out_of_date_until_a_new_final() {
    let (mut a, first) = objection_arriving_after_the_final();
    let day = grading_day(YEAR);
    a.ok(Role::Organizer, day, resolve(SMALL, &first, None, day));
    a.grade(YEAR, day, "");
    // A second objection, raised on 03-31 on another phone, arrives and is upheld.
    a.ok(
        Role::VillageHead,
        plus(day, 1),
        objection(SMALL, d(2026, 3, 31)),
    );
    let second = a
        .state()
        .village_pay
        .counted
        .slot(SMALL, YEAR, Period::Q1)
        .unwrap()
        .open_objections()[0]
        .id
        .clone();
    a.ok(
        Role::Organizer,
        plus(day, 1),
        resolve(SMALL, &second, Some(60.0), plus(day, 1)),
    );
    let view = township_year(a.state(), TOWNSHIP, YEAR, plus(day, 1));
    let changes = &row(&view, SMALL).grading_changes;
    assert!(
        changes.contains(&GradingChange {
            village: SMALL.into(),
            period: Some(Period::Q1),
            graded: Some(7_000),
            now: None,
        }),
        "{changes:?}"
    );
}

// ------------------------------------------------------------ 11. two concurrent 公示

/// 巴彦芒哈嘎查 Q1 at 70: phone A opens the 公示 on 04-01, phone B (offline) on 04-05.
fn two_publicities() -> (Device, Device, String, String) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(SMALL, YEAR, Period::Q1, scores_of(70.0));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let pa = a.ok(
        Role::Organizer,
        d(2026, 4, 1),
        open_q1(SMALL, d(2026, 4, 1)),
    );
    let pb = b.ok(
        Role::Organizer,
        d(2026, 4, 5),
        open_q1(SMALL, d(2026, 4, 5)),
    );
    (a, b, pa[0].id.clone(), pb[0].id.clone())
}

#[test]
fn two_concurrent_publicities_with_different_windows_are_a_review_and_both_windows_count() {
    let (mut a, mut b, pa, pb) = two_publicities();
    exchange(&mut a, &mut b);
    let cell = q1_cell(&a, SMALL, d(2026, 4, 9));
    assert_eq!(cell.status, PeriodStatus::NeedsReview, "{cell:?}");
    // An objection on 04-09, inside the window phone B announced, is recorded.
    b.ok(
        Role::VillageHead,
        d(2026, 4, 9),
        objection(SMALL, d(2026, 4, 9)),
    );
    b.send_to(&mut a);
    assert_eq!(
        a.refused(
            Role::Organizer,
            d(2026, 4, 12),
            finalize(SMALL, d(2026, 4, 12))
        ),
        "w1.needs_review"
    );
    // (main fails above this line)
    let mut ids = vec![pa.clone(), pb.clone()];
    ids.sort_by_key(|id| if *id == pa { 0 } else { 1 });
    assert_eq!(
        cell.reviews,
        vec![Review::PublicityConflict { publicities: ids }]
    );
    let windows: Vec<(NaiveDate, NaiveDate)> =
        cell.windows.iter().map(|w| (w.start, w.end)).collect();
    assert_eq!(
        windows,
        vec![
            (d(2026, 4, 1), d(2026, 4, 7)),
            (d(2026, 4, 5), d(2026, 4, 11))
        ]
    );
    let page = slot_view(a.state(), SMALL, YEAR, Period::Q1, d(2026, 4, 9)).unwrap();
    assert_eq!(page.review.unwrap().publicity_conflict.len(), 2);
    // Outside both windows: still refused.
    assert_eq!(
        a.refused(
            Role::VillageHead,
            d(2026, 4, 12),
            objection(SMALL, d(2026, 4, 12))
        ),
        "w1.objection_outside_window"
    );
    a.send_to(&mut b);
    assert!(
        a.state().village_pay.counted == b.state().village_pay.counted,
        "both phones show the same"
    );
}

#[test]
fn keeping_one_publicity_window_settles_the_review_and_its_objections_must_still_be_resolved() {
    let (mut a, mut b, _pa, pb) = two_publicities();
    exchange(&mut a, &mut b);
    let raised = b.ok(
        Role::VillageHead,
        d(2026, 4, 9),
        objection(SMALL, d(2026, 4, 9)),
    );
    b.send_to(&mut a);
    let keep = |keep: &str| Command::ResolvePublicityConflict {
        village: SMALL.into(),
        year: YEAR,
        period: Period::Q1,
        keep: keep.into(),
        reason: "以村务公开栏张贴的4月5日公示为准".into(),
    };
    assert_eq!(
        a.refused(Role::Assessor, d(2026, 4, 10), keep(&pb)),
        "auth.role"
    );
    assert_eq!(
        a.refused(Role::Organizer, d(2026, 4, 10), keep("not-one-of-them")),
        "w1.unknown_publicity"
    );
    a.ok(Role::Organizer, d(2026, 4, 10), keep(&pb));
    let cell = q1_cell(&a, SMALL, d(2026, 4, 10));
    assert!(cell.reviews.is_empty(), "{:?}", cell.reviews);
    assert_eq!(
        cell.status,
        PeriodStatus::InPublicity {
            end: d(2026, 4, 11)
        }
    );
    assert_eq!(cell.window, Some((d(2026, 4, 5), d(2026, 4, 11))));
    assert_eq!(cell.score, Some(7_000));
    assert_eq!(
        a.refused(
            Role::Organizer,
            d(2026, 4, 11),
            finalize(SMALL, d(2026, 4, 11))
        ),
        "w1.publicity_open"
    );
    assert_eq!(
        a.refused(
            Role::Organizer,
            d(2026, 4, 12),
            finalize(SMALL, d(2026, 4, 12))
        ),
        "w1.objection_open"
    );
    a.ok(
        Role::Organizer,
        d(2026, 4, 12),
        resolve(SMALL, &raised[0].id, None, d(2026, 4, 12)),
    );
    a.ok(
        Role::Organizer,
        d(2026, 4, 12),
        finalize(SMALL, d(2026, 4, 12)),
    );
    assert_eq!(
        q1_cell(&a, SMALL, d(2026, 4, 12)).status,
        PeriodStatus::Final(d(2026, 4, 12))
    );
}

/// Phone A opens on 04-01 and finalizes on 04-08; phone B had opened on 04-05.
fn final_made_inside_another_window() -> (Device, String, String) {
    let (mut a, mut b, pa, pb) = two_publicities();
    a.ok(
        Role::Organizer,
        d(2026, 4, 8),
        finalize(SMALL, d(2026, 4, 8)),
    );
    exchange(&mut a, &mut b);
    (a, pa, pb)
}

#[test]
fn keeping_the_later_window_withdraws_a_final_made_inside_it_and_keeping_the_first_keeps_it() {
    let keep = |id: &str| Command::ResolvePublicityConflict {
        village: SMALL.into(),
        year: YEAR,
        period: Period::Q1,
        keep: id.into(),
        reason: "核对公示张贴记录".into(),
    };
    let (mut a, _, pb) = final_made_inside_another_window();
    let cell = q1_cell(&a, SMALL, d(2026, 4, 9));
    assert_eq!(cell.status, PeriodStatus::NeedsReview);
    assert_eq!(cell.score, Some(7_000));
    a.ok(Role::Organizer, d(2026, 4, 9), keep(&pb));
    assert_eq!(
        q1_cell(&a, SMALL, d(2026, 4, 12)).status,
        PeriodStatus::AwaitingFinal,
        "the 定稿 of 04-08 fell inside 04-05..04-11"
    );
    a.ok(
        Role::Organizer,
        d(2026, 4, 12),
        finalize(SMALL, d(2026, 4, 12)),
    );

    let (mut a, pa, _) = final_made_inside_another_window();
    a.ok(Role::Organizer, d(2026, 4, 9), keep(&pa));
    assert_eq!(
        q1_cell(&a, SMALL, d(2026, 4, 9)).status,
        PeriodStatus::Final(d(2026, 4, 8))
    );
}

#[test]
fn reviews_of_late_objections_and_concurrent_publicities_fold_the_same_in_any_order() {
    let (mut a, _, pb) = final_made_inside_another_window();
    let mut b = Device::new("phone-c");
    a.send_to(&mut b);
    b.ok(
        Role::VillageHead,
        d(2026, 4, 9),
        objection(SMALL, d(2026, 4, 9)),
    );
    exchange(&mut a, &mut b);
    a.ok(
        Role::Organizer,
        d(2026, 4, 10),
        Command::ResolvePublicityConflict {
            village: SMALL.into(),
            year: YEAR,
            period: Period::Q1,
            keep: pb,
            reason: "核对".into(),
        },
    );
    let log = a.events();
    let reference = jishi::domain::state::State::fold(&log);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..100 {
        let mut shuffled = log.clone();
        for i in (1..shuffled.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            shuffled.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut state = jishi::domain::state::State::default();
        for e in &shuffled {
            state.evolve(e);
        }
        assert!(
            state.village_pay.counted == reference.village_pay.counted,
            "round {round}: order-dependent"
        );
    }
}

// ------------------------------------------------------------ 13a. windows as announced

#[test]
fn a_retroactive_policy_change_does_not_move_a_window_already_announced() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.final_quarter(SMALL, Period::Q1, 70.0); // 03-26..04-01, 定稿 04-02
    a.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    a.open_publicity(MID, YEAR, Period::Q1); // 03-26, announced to 04-01
    let thirty = Policy {
        publicity_days: 30,
        ..Policy::default()
    };
    a.ok(
        Role::Admin,
        d(2026, 3, 27),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 1, 1),
            policy: Box::new(thirty),
        },
    );
    let announced = Some((d(2026, 3, 26), d(2026, 4, 1)));
    assert_eq!(q1_cell(&a, SMALL, d(2026, 5, 1)).window, announced);
    assert_eq!(
        q1_cell(&a, SMALL, d(2026, 5, 1)).status,
        PeriodStatus::Final(d(2026, 4, 2))
    );
    assert_eq!(q1_cell(&a, MID, d(2026, 3, 27)).window, announced);
    a.ok(Role::Organizer, d(2026, 4, 2), finalize(MID, d(2026, 4, 2)));
    // A 公示 opened under the new policy announces 30 days.
    a.submit(UPPER, YEAR, Period::Q1, scores_of(66.0));
    a.ok(
        Role::Organizer,
        d(2026, 3, 27),
        open_q1(UPPER, d(2026, 3, 27)),
    );
    assert_eq!(
        q1_cell(&a, UPPER, d(2026, 3, 27)).window,
        Some((d(2026, 3, 27), d(2026, 4, 25)))
    );
    // (main fails above this line)
    let page = slot_view(a.state(), UPPER, YEAR, Period::Q1, d(2026, 3, 27)).unwrap();
    assert_eq!(
        page.cell.windows[0],
        Window {
            publicity: page.slot.live_publicities()[0].event.clone(),
            start: d(2026, 3, 27),
            end: d(2026, 4, 25),
            days: 30,
            finalize_from: d(2026, 4, 26),
        }
    );
}

#[test]
fn a_publicity_records_its_end_and_an_older_record_without_one_computes_it_from_policy() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let opened = a.ok(
        Role::Organizer,
        d(2026, 3, 26),
        open_q1(MID, d(2026, 3, 26)),
    );
    assert!(
        opened[0].json().contains(r#""end":"2026-04-01""#),
        "{}",
        opened[0].json()
    );
    // An older phone's 公示 of 白音花嘎查: no end recorded, so the policy decides.
    a.submit(UPPER, YEAR, Period::Q1, scores_of(66.0));
    let version = a
        .state()
        .village_pay
        .counted
        .slot(UPPER, YEAR, Period::Q1)
        .unwrap()
        .live()[0]
        .event
        .clone();
    let old = Event::seal(
        EventBody::VillagePay(VillagePayEvent::PublicityOpened {
            village: UPPER.into(),
            year: YEAR,
            period: Period::Q1,
            start: d(2026, 3, 26),
            versions: vec![version],
            end: None,
        }),
        Stamp {
            id: "0000old-publicity".into(),
            author: ORGANIZER.into(),
            role: Role::Organizer,
            device: "phone-old".into(),
            recorded_at: beijing_ms(d(2026, 3, 26)),
            parents: vec![],
        },
    );
    assert!(
        !old.json().contains("\"end\""),
        "written as older versions did"
    );
    a.ledger.receive(vec![old]).unwrap();
    assert_eq!(
        q1_cell(&a, UPPER, d(2026, 3, 27)).window,
        Some((d(2026, 3, 26), d(2026, 4, 1)))
    );
    let ten = Policy {
        publicity_days: 10,
        ..Policy::default()
    };
    a.ok(
        Role::Admin,
        d(2026, 3, 27),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 1, 1),
            policy: Box::new(ten),
        },
    );
    assert_eq!(
        q1_cell(&a, UPPER, d(2026, 3, 27)).window,
        Some((d(2026, 3, 26), d(2026, 4, 4))),
        "an older record computes its window as before"
    );
    assert_eq!(
        q1_cell(&a, MID, d(2026, 3, 27)).window,
        Some((d(2026, 3, 26), d(2026, 4, 1))),
        "a recorded end stays"
    );
}

// ------------------------------------------------------------ 13b. policy form base

/// The form's values as the page sends them back, with `edits` typed over them.
fn submitted(base: &Policy, edits: &[(&str, &str)]) -> Policy {
    let values: BTreeMap<String, String> = policy_form(base)
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| (f.name.clone(), f.value.clone())))
        .collect();
    parse_policy_form(base, |name| {
        edits
            .iter()
            .find(|e| e.0 == name)
            .map(|e| e.1.to_string())
            .or_else(|| values.get(name).cloned())
            .unwrap_or_default()
    })
    .expect("the form parses")
}

#[test]
fn the_policy_form_edits_the_policy_in_force_on_the_chosen_effective_date() {
    let mut a = Device::new("phone-admin");
    let today = d(2026, 12, 1);
    let raise = Policy {
        pay_excellent: 5_000,
        ..Policy::default()
    };
    a.ok(
        Role::Admin,
        today,
        MasterCommand::ChangePolicy {
            effective_from: d(2027, 1, 1),
            policy: Box::new(raise),
        },
    );
    // Publicity days changed from 2027-03-01: the scheduled 5,000 stays.
    let base = form_base(&a.state().policies, d(2027, 3, 1));
    assert_eq!(base.policy.pay_excellent, 5_000);
    assert!(base.later.is_empty());
    let edited = submitted(&base.policy, &[("publicity_days", "10")]);
    assert!(base.check_date(d(2027, 3, 1)).is_ok());
    a.ok(
        Role::Admin,
        today,
        MasterCommand::ChangePolicy {
            effective_from: d(2027, 3, 1),
            policy: Box::new(edited),
        },
    );
    let march = a.state().policies.at(d(2027, 3, 2));
    assert_eq!((march.pay_excellent, march.publicity_days), (5_000, 10));
    assert_eq!(a.state().policies.at(d(2027, 1, 2)).publicity_days, 7);
    // From 2026-12-15 the form holds 4,000 and says what is scheduled later.
    let early = form_base(&a.state().policies, d(2026, 12, 15));
    assert_eq!(early.policy.pay_excellent, 4_000);
    assert_eq!(early.later, vec![d(2027, 1, 1), d(2027, 3, 1)]);
    assert!(early.note(true).contains("2027-01-01、2027-03-01"));
    assert!(early.note(false).contains("2027-01-01, 2027-03-01"));
    // A save for another date than the form was filled for is refused at the date.
    let moved = early.check_date(d(2027, 3, 1)).unwrap_err();
    assert_eq!(
        (moved.code, moved.field.as_deref()),
        ("policy.base_date", Some("effective_from"))
    );
}

// ------------------------------------------------------------ 14. sheets that don't fit

/// A hash-valid sheet recorded elsewhere (another version, a backup edited by hand).
fn received_sheet(
    dev: &mut Device,
    id: &str,
    (village, period): (&str, Period),
    scores: BTreeMap<String, u32>,
) {
    let set = dev
        .state()
        .village_pay
        .counted
        .indicators(TOWNSHIP, YEAR)
        .unwrap()
        .clone();
    let assessed_on = quarter_dates(YEAR, period).0;
    let e = Event::seal(
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            village: village.into(),
            year: YEAR,
            period,
            indicator_version: set.version,
            indicator_set: set.event.clone(),
            scores,
            assessor: ASSESSOR.into(),
            assessed_on,
            note: String::new(),
            supersedes: vec![],
            reason: String::new(),
        }),
        Stamp {
            id: id.into(),
            author: ASSESSOR.into(),
            role: Role::Assessor,
            device: "phone-x".into(),
            recorded_at: beijing_ms(assessed_on),
            parents: vec![],
        },
    );
    assert_eq!(dev.ledger.receive(vec![e]).unwrap().added, 1);
}

#[test]
fn a_received_sheet_above_its_maxima_is_never_scored_or_graded_and_the_organizer_rescores_it() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    for v in [SMALL, UPPER, LARGE] {
        a.flat_2026(v, 80.0);
    }
    for p in Period::QUARTERS {
        a.final_quarter(MID, p, 80.0);
    }
    // The only annual sheet of 乌兰哈达嘎查: 党建引领 600 halves (300 points) on a
    // 30-point indicator, 370 points "out of 100".
    let mut mid = scores_of(70.0);
    mid.insert("dj".into(), 600);
    received_sheet(&mut a, "0000forged-annual", (MID, Period::Annual), mid);
    let day = grading_day(YEAR);
    let view = township_year(a.state(), TOWNSHIP, YEAR, day);
    let annual = &row(&view, MID).cells[4];
    assert_eq!(annual.status, PeriodStatus::NeedsReview, "{annual:?}");
    assert_eq!(annual.score, None, "never scored");
    assert_eq!(row(&view, MID).provisional, None);
    assert_eq!(
        a.refused(Role::Organizer, day, grade_cmd(day, "")),
        "w1.not_ready"
    );
    // (main fails above this line)
    let why = annual
        .reviews
        .iter()
        .find(|r| matches!(r, Review::InvalidScores { .. }))
        .expect("the sheet does not fit its set");
    assert!(why
        .describe(true)
        .contains("“党建引领”得分 300 超出范围 0–30"));
    assert!(why
        .describe(false)
        .contains("党建引领: 300 is outside 0–30"));
    let page = slot_view(a.state(), MID, YEAR, Period::Annual, day).unwrap();
    assert!(page
        .review
        .unwrap()
        .live
        .iter()
        .all(|s| s.normalized.is_none() || s.version.event != "0000forged-annual"));
    // The organizer records the scores that stand.
    a.ok(
        Role::Organizer,
        day,
        Command::ResolveConflict {
            village: MID.into(),
            year: YEAR,
            period: Period::Annual,
            scores: scores_of(80.0),
            reason: "按考核组原始记录确定".into(),
        },
    );
    let results = a.grade(YEAR, day, "");
    assert_eq!(result_of(&results, MID).annual, 8_000);
}

#[test]
fn received_sheets_missing_an_indicator_with_an_unknown_one_or_forbidden_half_points_need_review() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    let whole = Policy {
        half_points: false,
        ..Policy::default()
    };
    a.ok(
        Role::Admin,
        d(2026, 1, 2),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 1, 1),
            policy: Box::new(whole),
        },
    );
    let whole_70 = halves(&[("dj", 42), ("cy", 36), ("zl", 28), ("ms", 20), ("zf", 14)]);
    let mut missing = whole_70.clone();
    missing.remove("zf");
    let mut unknown = whole_70.clone();
    unknown.insert("xx".into(), 10);
    let half = halves(&[("dj", 41), ("cy", 36), ("zl", 28), ("ms", 20), ("zf", 14)]);
    received_sheet(&mut a, "0000missing", (MID, Period::Q1), missing);
    received_sheet(&mut a, "0000unknown", (UPPER, Period::Q1), unknown);
    received_sheet(&mut a, "0000half", (LARGE, Period::Q1), half);
    a.submit(SMALL, YEAR, Period::Q1, whole_70);
    let view = township_year(a.state(), TOWNSHIP, YEAR, d(2026, 3, 26));
    for v in [MID, UPPER, LARGE] {
        let cell = &row(&view, v).cells[0];
        assert_eq!(cell.status, PeriodStatus::NeedsReview, "{v}: {cell:?}");
    }
    assert_eq!(row(&view, SMALL).cells[0].status, PeriodStatus::Scored);
    assert_eq!(
        a.refused(
            Role::Organizer,
            d(2026, 3, 26),
            open_q1(MID, d(2026, 3, 26))
        ),
        "w1.needs_review"
    );
    // (main fails above this line)
    for (v, text) in [
        (MID, "“作风建设”未评分"),
        (UPPER, "评分包含不属于本年度指标的项目"),
        (LARGE, "本年度政策只允许整数分"),
    ] {
        let cell = &row(&view, v).cells[0];
        let described: Vec<String> = cell.reviews.iter().map(|r| r.describe(true)).collect();
        assert!(
            described.iter().any(|d| d.contains(text)),
            "{v}: {described:?}"
        );
    }
    assert_eq!(row(&view, MID).cells[0].score, None);
    assert_eq!(row(&view, UPPER).cells[0].score, None);
    assert_eq!(row(&view, LARGE).cells[0].score, None);
}

// ------------------------------------------------------------ 19. follow-up dates

#[test]
fn warning_talk_and_rectification_cannot_be_dated_before_the_grading_or_in_the_future() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.flat_2026(SMALL, 50.0);
    for v in [MID, UPPER, LARGE] {
        a.flat_2026(v, 80.0);
    }
    a.grade(YEAR, grading_day(YEAR), ""); // 2026-12-28: 巴彦芒哈嘎查 不合格
    let talk = |held_on| Command::RecordWarningTalk {
        village: SMALL.into(),
        year: YEAR,
        held_by: "苏木党委书记 额尔敦".into(),
        held_on,
        note: String::new(),
    };
    let rectified = |completed_on| Command::CompleteRectification {
        village: SMALL.into(),
        year: YEAR,
        completed_on,
        note: "整改完成".into(),
    };
    let today = d(2027, 1, 5);
    for date in [d(1900, 1, 1), d(2026, 12, 27)] {
        assert_eq!(
            a.refused(Role::Organizer, today, talk(date)),
            "w1.before_grading"
        );
        assert_eq!(
            a.refused(Role::Organizer, today, rectified(date)),
            "w1.before_grading"
        );
    }
    // (main fails above this line)
    let e = a
        .run(Role::Organizer, today, talk(d(1900, 1, 1)))
        .unwrap_err();
    assert!(e.message(true).contains("2026-12-28") && e.message(false).contains("2026-12-28"));
    assert_eq!(
        a.refused(Role::Organizer, today, talk(d(2027, 1, 6))),
        "date.future"
    );
    a.ok(Role::Organizer, today, talk(grading_day(YEAR)));
    a.ok(Role::Organizer, today, rectified(today));
}

// ------------------------------------------------------------ nits: numbers from domain

#[test]
fn the_slot_view_says_how_long_the_window_is_and_from_when_it_can_be_finalized() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let before = slot_view(a.state(), MID, YEAR, Period::Q1, d(2026, 3, 26)).unwrap();
    assert_eq!((before.publicity_days, before.half_points), (7, true));
    a.open_publicity(MID, YEAR, Period::Q1);
    let page = slot_view(a.state(), MID, YEAR, Period::Q1, d(2026, 3, 27)).unwrap();
    let w = &page.cell.windows[0];
    assert_eq!(
        (w.start, w.end, w.days, w.finalize_from),
        (d(2026, 3, 26), d(2026, 4, 1), 7, d(2026, 4, 2))
    );
}

#[test]
fn indicator_rows_are_parsed_in_the_domain_skipping_empty_rows() {
    let row = |id: &str, name: &str, max: &str| IndicatorRow {
        id: id.into(),
        name: name.into(),
        max: max.into(),
        weight: String::new(),
    };
    let rows = [
        row("i-mf3k2a1x-0h7q2kz9", "党建引领", "30"),
        row("i-mf3k2a1y-00000001", "  ", ""),
        row("i-mf3k2a1z-00000002", "产业发展", "12.5"),
    ];
    let set = parse_indicators(&rows, &Policy::default(), "indicators").unwrap();
    assert_eq!(set.len(), 2);
    assert_eq!(
        (set[1].id.as_str(), set[1].max_halves),
        ("i-mf3k2a1z-00000002", 25)
    );
    let whole = Policy {
        half_points: false,
        ..Policy::default()
    };
    let e = parse_indicators(&rows, &whole, "indicators").unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].code, e[0].field.as_deref()),
        ("score.half_not_allowed", Some("indicators"))
    );
    assert!(e[0].zh.starts_with("第3行："), "{}", e[0].zh);
    // Every wrong row is named, not only the first.
    let bad = [
        row("i1' onfocus='x", "党建引领", "30"),
        row("i-mf3k2a1y-00000001", "产业发展", "三十"),
    ];
    let all = parse_indicators(&bad, &Policy::default(), "indicators").unwrap_err();
    let codes: Vec<&str> = all.iter().map(|v| v.code).collect();
    assert_eq!(codes[0], "id.alphabet");
    assert!(all[1].zh.starts_with("第2行："), "{}", all[1].zh);
}
