#![cfg(not(target_arch = "wasm32"))]
//! W1 嘎查村干部结构工资制 (DOMAIN.md W1, seed 002 扎鲁特旗): every rule, with the
//! seed's numbers, driven through `decide` and `Ledger::record` the way the app does.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::{MasterEvent, VillagePayEvent};
use std::collections::BTreeMap;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::policy::{GradingRule, MissingQuarter, Policy};
use jishi::domain::village_pay::{
    normalized, slot_view, township_year, Command, HeadGrade, Indicator, Outcome, Period,
    PeriodStatus, Review, Source, TeamGrade, VillageRow,
};
use jishi::domain::EventBody;
use jishi::store::RecordError;

const YEAR: i32 = 2026;

fn row<'a>(rows: &'a [VillageRow], village: &str) -> &'a VillageRow {
    rows.iter()
        .find(|r| r.village.id == village)
        .expect("village row")
}

/// The first quarter of `MID`, the village most tests here score.
fn mid_q1(dev: &Device) -> &jishi::domain::village_pay::Slot {
    dev.state()
        .village_pay
        .counted
        .slot(MID, YEAR, Period::Q1)
        .expect("MID's Q1 is scored")
}

fn q1_start() -> chrono::NaiveDate {
    quarter_dates(YEAR, Period::Q1).1
}

fn finalize_q1(village: &str, on: chrono::NaiveDate) -> Command {
    Command::Finalize {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        on,
    }
}

fn objection(village: &str, raised_on: chrono::NaiveDate) -> Command {
    Command::RaiseObjection {
        village: village.into(),
        year: YEAR,
        period: Period::Q1,
        objector: "党员 李二虎".into(),
        content: "产业发展项漏计了合作社分红".into(),
        raised_on,
    }
}

fn change_policy(effective_from: chrono::NaiveDate, policy: Policy) -> MasterCommand {
    MasterCommand::ChangePolicy {
        effective_from,
        policy: Box::new(policy),
    }
}

/// A township with Q1 of 乌兰哈达嘎查 scored 70 and under publicity from 2026-03-26.
fn q1_in_publicity() -> Device {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    dev.open_publicity(MID, YEAR, Period::Q1);
    dev
}

// ---------------------------------------------------------------- base and performance pay

#[test]
fn base_pay_is_7000_8000_9000_by_population_at_the_band_boundaries() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    for v in ALL_VILLAGES {
        dev.flat_2026(v, 75.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, SMALL).population, 800);
    assert_eq!(result_of(&results, SMALL).base_pay, 7_000);
    assert_eq!(result_of(&results, MID).population, 1_000);
    assert_eq!(result_of(&results, MID).base_pay, 8_000);
    assert_eq!(result_of(&results, UPPER).population, 2_999);
    assert_eq!(result_of(&results, UPPER).base_pay, 8_000);
    assert_eq!(result_of(&results, LARGE).population, 3_000);
    assert_eq!(result_of(&results, LARGE).base_pay, 9_000);

    // A census correction puts 巴彦芒哈嘎查 at 999 people: still the lowest band.
    dev.ok(
        Role::Admin,
        d(2026, 12, 29),
        MasterCommand::RecordVillage {
            village: SMALL.into(),
            township: TOWNSHIP.into(),
            name: "巴彦芒哈嘎查".into(),
            population: 999,
            secretary: String::new(),
            director: String::new(),
        },
    );
    let results = dev.grade(YEAR, d(2026, 12, 30), "人口数更正后重新核定工资");
    assert_eq!(result_of(&results, SMALL).population, 999);
    assert_eq!(result_of(&results, SMALL).base_pay, 7_000);
}

#[test]
fn excellent_heads_get_4000_basic_2000_and_failing_heads_no_performance_pay() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(LARGE, 95.0);
    dev.flat_2026(UPPER, 75.0);
    dev.flat_2026(MID, 65.0);
    dev.flat_2026(SMALL, 50.0);
    let results = dev.grade(YEAR, grading_day(YEAR), "");

    let large = result_of(&results, LARGE);
    assert_eq!(
        (large.team_grade, large.head_grade),
        (TeamGrade::Outstanding, HeadGrade::Excellent)
    );
    assert_eq!(large.performance_pay, 4_000);
    assert_eq!(large.total_pay(), 13_000);

    let upper = result_of(&results, UPPER);
    assert_eq!(
        (upper.team_grade, upper.head_grade),
        (TeamGrade::Notable, HeadGrade::Basic)
    );
    assert_eq!(upper.performance_pay, 2_000);
    assert_eq!(upper.total_pay(), 10_000);

    let small = result_of(&results, SMALL);
    assert_eq!(
        (small.team_grade, small.head_grade),
        (TeamGrade::General, HeadGrade::Fail)
    );
    assert_eq!(small.performance_pay, 0);
    assert_eq!(small.total_pay(), 7_000);
}

#[test]
fn team_grades_map_to_head_grades_实绩突出_优秀_比较突出_基本合格_一般_不合格() {
    assert_eq!(TeamGrade::Outstanding.head_grade(), HeadGrade::Excellent);
    assert_eq!(TeamGrade::Notable.head_grade(), HeadGrade::Basic);
    assert_eq!(TeamGrade::General.head_grade(), HeadGrade::Fail);
    assert_eq!(
        (
            TeamGrade::Outstanding.label(true),
            HeadGrade::Excellent.label(true)
        ),
        ("实绩突出", "优秀")
    );
    assert_eq!(
        (TeamGrade::Notable.label(true), HeadGrade::Basic.label(true)),
        ("比较突出", "基本合格")
    );
    assert_eq!(
        (TeamGrade::General.label(true), HeadGrade::Fail.label(true)),
        ("一般", "不合格")
    );
}

// ---------------------------------------------------------------- thresholds and composite

#[test]
fn composite_of_exactly_90_is_outstanding_and_exactly_60_is_notable() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(LARGE, 90.0);
    dev.flat_2026(UPPER, 89.5);
    dev.flat_2026(MID, 60.0);
    dev.flat_2026(SMALL, 59.5);
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    let got: Vec<(u32, TeamGrade, HeadGrade, u32)> = [LARGE, UPPER, MID, SMALL]
        .into_iter()
        .map(|v| {
            let r = result_of(&results, v);
            (r.composite, r.team_grade, r.head_grade, r.performance_pay)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (9_000, TeamGrade::Outstanding, HeadGrade::Excellent, 4_000),
            (8_950, TeamGrade::Notable, HeadGrade::Basic, 2_000),
            (6_000, TeamGrade::Notable, HeadGrade::Basic, 2_000),
            (5_950, TeamGrade::General, HeadGrade::Fail, 0),
        ]
    );
}

/// A weighted 2025 set fine-grained enough to land on 59.99 exactly.
fn weighted_2025() -> Vec<Indicator> {
    vec![
        Indicator {
            id: "zdrw".into(),
            name: "重点任务".into(),
            max_halves: 70,
            weight: Some(6),
        },
        Indicator {
            id: "rcgz".into(),
            name: "日常工作".into(),
            max_halves: 110,
            weight: Some(7),
        },
    ]
}

#[test]
fn composite_of_59_99_is_general_and_the_heads_fail() {
    let mut dev = Device::new("phone-a");
    dev.master_data();
    dev.publish(2025, weighted_2025());
    let sheets = [
        (SMALL, halves(&[("zdrw", 65), ("rcgz", 35)]), 5_999),
        (MID, halves(&[("zdrw", 42), ("rcgz", 66)]), 6_000),
        (UPPER, halves(&[("zdrw", 63), ("rcgz", 99)]), 9_000),
        (LARGE, halves(&[("zdrw", 70), ("rcgz", 110)]), 10_000),
    ];
    for (v, sheet, expected) in &sheets {
        assert_eq!(
            normalized(&weighted_2025(), sheet),
            *expected,
            "sheet of {v}"
        );
        for p in Period::QUARTERS {
            dev.final_quarter_with(v, 2025, p, sheet.clone());
        }
        dev.submit(v, 2025, Period::Annual, sheet.clone());
    }
    let results = dev.grade(2025, grading_day(2025), "");
    let small = result_of(&results, SMALL);
    assert_eq!(small.composite, 5_999);
    assert_eq!(
        (small.team_grade, small.head_grade, small.performance_pay),
        (TeamGrade::General, HeadGrade::Fail, 0)
    );
    let mid = result_of(&results, MID);
    assert_eq!(mid.composite, 6_000);
    assert_eq!(
        (mid.team_grade, mid.performance_pay),
        (TeamGrade::Notable, 2_000)
    );
    assert_eq!(
        result_of(&results, UPPER).team_grade,
        TeamGrade::Outstanding
    );
}

#[test]
fn composite_is_60_percent_quarterly_average_plus_40_percent_annual() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    // Quarterly average 86, annual 70: 0.6 × 86 + 0.4 × 70 = 79.6.
    dev.year_2026(
        SMALL,
        [Some(80.0), Some(84.0), Some(88.0), Some(92.0)],
        70.0,
    );
    for v in [MID, UPPER, LARGE] {
        dev.flat_2026(v, 70.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    let small = result_of(&results, SMALL);
    assert_eq!(
        small.quarters,
        [Some(8_000), Some(8_400), Some(8_800), Some(9_200)]
    );
    assert_eq!(small.annual, 7_000);
    assert_eq!(small.composite, 7_960);
}

// ---------------------------------------------------------------- 公示 7 days and 异议

#[test]
fn finalize_is_refused_on_the_seventh_day_of_publicity_and_allowed_the_day_after() {
    let mut dev = q1_in_publicity();
    let start = q1_start();
    let last_day = plus(start, 6);
    assert_eq!(last_day, d(2026, 4, 1));
    let view = township_year(dev.state(), TOWNSHIP, YEAR, last_day);
    assert_eq!(
        row(&view.rows, MID).cells[0].status,
        PeriodStatus::InPublicity { end: last_day }
    );
    assert_eq!(
        row(&view.rows, MID).cells[0].window,
        Some((start, last_day))
    );

    assert_eq!(
        dev.refused(Role::Organizer, last_day, finalize_q1(MID, last_day)),
        "w1.publicity_open"
    );
    // Even recorded later, a finalization dated inside the window is refused.
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 4, 5), finalize_q1(MID, last_day)),
        "w1.publicity_open"
    );

    let day_after = plus(start, 7);
    let view = township_year(dev.state(), TOWNSHIP, YEAR, day_after);
    assert_eq!(
        row(&view.rows, MID).cells[0].status,
        PeriodStatus::AwaitingFinal
    );
    dev.ok(Role::Organizer, day_after, finalize_q1(MID, day_after));
    let view = township_year(dev.state(), TOWNSHIP, YEAR, day_after);
    assert_eq!(
        row(&view.rows, MID).cells[0].status,
        PeriodStatus::Final(d(2026, 4, 2))
    );
}

#[test]
fn finalize_is_refused_before_publicity_is_opened() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let on = d(2026, 4, 20);
    assert_eq!(
        dev.refused(Role::Organizer, on, finalize_q1(MID, on)),
        "w1.no_publicity"
    );
}

#[test]
fn objection_outside_the_publicity_window_is_refused() {
    let mut dev = q1_in_publicity();
    let start = q1_start();
    let before = dev.events().len();
    assert_eq!(
        dev.refused(
            Role::Organizer,
            plus(start, -1),
            objection(MID, plus(start, -1))
        ),
        "w1.objection_outside_window"
    );
    assert_eq!(
        dev.refused(
            Role::Organizer,
            plus(start, 7),
            objection(MID, plus(start, 7))
        ),
        "w1.objection_outside_window"
    );
    assert_eq!(
        dev.events().len(),
        before,
        "refused objections record nothing"
    );
    // The first and the seventh day are inside.
    dev.ok(Role::VillageHead, start, objection(MID, start));
    dev.ok(
        Role::Organizer,
        plus(start, 6),
        objection(MID, plus(start, 6)),
    );
    let slot = mid_q1(&dev);
    assert_eq!(slot.open_objections().len(), 2);
}

#[test]
fn open_objection_blocks_finalize_until_dismissed_with_a_reason() {
    let mut dev = q1_in_publicity();
    let start = q1_start();
    let raised = dev.ok(
        Role::Organizer,
        plus(start, 2),
        objection(MID, plus(start, 2)),
    );
    let objection_id = raised[0].id.clone();
    let day_after = plus(start, 7);
    assert_eq!(
        dev.refused(Role::Organizer, day_after, finalize_q1(MID, day_after)),
        "w1.objection_open"
    );
    let view = township_year(dev.state(), TOWNSHIP, YEAR, day_after);
    assert_eq!(view.open_objections(), 1);

    let dismiss = |note: &str| Command::ResolveObjection {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        objection: objection_id.clone(),
        upheld: None,
        note: note.into(),
        resolved_on: plus(start, 4),
    };
    assert_eq!(
        dev.refused(Role::Organizer, plus(start, 4), dismiss("  ")),
        "field.required"
    );
    dev.ok(
        Role::Organizer,
        plus(start, 4),
        dismiss("经核实，合作社分红已计入产业发展项"),
    );
    let slot = mid_q1(&dev);
    assert!(matches!(
        slot.objections[&objection_id].resolution,
        Some((Outcome::Dismissed { ref reason }, _, _)) if reason == "经核实，合作社分红已计入产业发展项"
    ));
    // The score is unchanged and the result can now be finalized.
    assert_eq!(slot.standing().unwrap().scores, scores_of(70.0));
    dev.ok(Role::Organizer, day_after, finalize_q1(MID, day_after));
}

#[test]
fn upheld_objection_replaces_the_scores_and_grading_uses_the_corrected_score() {
    let mut dev = q1_in_publicity();
    let start = q1_start();
    let raised = dev.ok(
        Role::Organizer,
        plus(start, 1),
        objection(MID, plus(start, 1)),
    );
    let original = mid_q1(&dev).standing().unwrap().event.clone();
    dev.ok(
        Role::Organizer,
        plus(start, 3),
        Command::ResolveObjection {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            objection: raised[0].id.clone(),
            upheld: Some(scores_of(80.0)),
            note: "经复核，产业发展项补计5分、基层治理项补计5分".into(),
            resolved_on: plus(start, 3),
        },
    );
    let slot = mid_q1(&dev);
    let standing = slot.standing().unwrap();
    assert_eq!(standing.scores, scores_of(80.0));
    assert!(matches!(standing.source, Source::ObjectionUpheld { .. }));
    assert!(
        slot.superseded.contains(&original),
        "the original entry is kept but replaced"
    );
    assert!(
        slot.versions.contains_key(&original),
        "nothing recorded is dropped"
    );

    dev.finalize(MID, YEAR, Period::Q1);
    dev.year_2026(MID, [None, Some(80.0), Some(80.0), Some(80.0)], 80.0);
    for v in [SMALL, UPPER, LARGE] {
        dev.flat_2026(v, 75.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    let mid = result_of(&results, MID);
    assert_eq!(
        mid.quarters[0],
        Some(8_000),
        "the corrected 80, not the original 70"
    );
    assert_eq!(mid.composite, 8_000);
}

// ---------------------------------------------------------------- score entry

#[test]
fn score_above_the_indicator_maximum_is_refused() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let mut sheet = scores_of(80.0);
    sheet.insert("cy".into(), 51); // 产业发展 25.5 of 25
    let on = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        dev.refused(
            Role::Assessor,
            on,
            submit_cmd(MID, YEAR, Period::Q1, sheet.clone())
        ),
        "w1.score_range"
    );
    assert!(
        dev.state()
            .village_pay
            .counted
            .slot(MID, YEAR, Period::Q1)
            .is_none(),
        "nothing recorded"
    );
    sheet.insert("cy".into(), 50); // the full 25 is fine
    dev.ok(Role::Assessor, on, submit_cmd(MID, YEAR, Period::Q1, sheet));
}

#[test]
fn score_sheet_missing_an_indicator_is_refused() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let mut sheet = scores_of(80.0);
    sheet.remove("zf"); // 作风建设 not scored
    let on = quarter_dates(YEAR, Period::Q1).0;
    let r = dev.run(Role::Assessor, on, submit_cmd(MID, YEAR, Period::Q1, sheet));
    match r {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "w1.score_missing");
            assert_eq!(v.field.as_deref(), Some("zf"));
            assert!(v.zh.contains("作风建设"), "{}", v.zh);
        }
        other => panic!("expected w1.score_missing, got {other:?}"),
    }
    assert!(dev
        .state()
        .village_pay
        .counted
        .slot(MID, YEAR, Period::Q1)
        .is_none());
}

#[test]
fn second_submission_of_a_quarter_is_refused_but_a_correction_with_a_reason_is_accepted_before_publicity(
) {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let first = dev.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let on = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        dev.refused(
            Role::Assessor,
            on,
            submit_cmd(MID, YEAR, Period::Q1, scores_of(75.0))
        ),
        "w1.already_submitted"
    );

    let correct = |reason: &str| Command::CorrectScores {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        scores: scores_of(72.5),
        reason: reason.into(),
    };
    assert_eq!(
        dev.refused(Role::Assessor, on, correct("")),
        "field.required"
    );
    let fixed = dev.ok(
        Role::Assessor,
        on,
        correct("民生服务项录入错误，原始记录为13.5分"),
    );
    match &fixed[0].body {
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            supersedes, reason, ..
        }) => {
            assert_eq!(supersedes, &vec![first[0].id.clone()]);
            assert_eq!(reason, "民生服务项录入错误，原始记录为13.5分");
        }
        other => panic!("correction recorded {other:?}"),
    }
    let slot = mid_q1(&dev);
    assert_eq!(slot.standing().unwrap().scores, scores_of(72.5));
    assert_eq!(
        slot.versions.len(),
        2,
        "the first entry is kept in the trail"
    );

    dev.open_publicity(MID, YEAR, Period::Q1);
    assert_eq!(
        dev.refused(Role::Assessor, q1_start(), correct("再次更正")),
        "w1.correction_in_publicity"
    );
}

#[test]
fn half_points_are_accepted_under_the_default_policy() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    assert!(Policy::default().half_points);
    let mut sheet = scores_of(80.0);
    sheet.insert("dj".into(), 47); // 党建引领 23.5
    dev.submit(MID, YEAR, Period::Q1, sheet);
    assert_eq!(mid_q1(&dev).standing().unwrap().scores["dj"], 47);
}

#[test]
fn half_points_are_refused_when_policy_allows_whole_points_only() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let whole_only = Policy {
        half_points: false,
        ..Policy::default()
    };
    let on = d(2026, 2, 1);
    assert_eq!(
        dev.refused(
            Role::Organizer,
            on,
            change_policy(d(2026, 1, 1), whole_only.clone())
        ),
        "auth.role"
    );
    let recorded = dev.ok(Role::Admin, on, change_policy(d(2026, 1, 1), whole_only));
    assert_eq!(recorded[0].body.kind(), "policy_changed");
    assert!(!dev.state().policies.at(d(2026, 3, 25)).half_points);

    let mut sheet = scores_of(80.0);
    sheet.insert("dj".into(), 47);
    let q1 = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        dev.refused(
            Role::Assessor,
            q1,
            submit_cmd(MID, YEAR, Period::Q1, sheet.clone())
        ),
        "score.half_not_allowed"
    );
    sheet.insert("dj".into(), 48);
    dev.ok(Role::Assessor, q1, submit_cmd(MID, YEAR, Period::Q1, sheet));
}

// ---------------------------------------------------------------- indicators and roles

#[test]
fn indicator_set_can_be_replaced_as_version_2_before_the_first_score_and_is_locked_after() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    assert_eq!(
        dev.state()
            .village_pay
            .counted
            .indicators(TOWNSHIP, YEAR)
            .unwrap()
            .version,
        1
    );

    let mut v2 = indicators_2026();
    v2[1].max_halves = 30; // 产业发展 15
    v2.push(Indicator {
        id: "st".into(),
        name: "生态保护".into(),
        max_halves: 20,
        weight: None,
    });
    let recorded = dev.publish(YEAR, v2.clone());
    assert!(matches!(
        recorded[0].body,
        EventBody::VillagePay(VillagePayEvent::IndicatorsPublished { version: 2, .. })
    ));
    let current = dev
        .state()
        .village_pay
        .counted
        .indicators(TOWNSHIP, YEAR)
        .unwrap();
    assert_eq!((current.version, &current.indicators), (2, &v2));
    assert_eq!(
        dev.state().village_pay.counted.indicator_sets[&(TOWNSHIP.to_string(), YEAR)].len(),
        2,
        "version 1 is kept, not edited"
    );

    // Scores are checked against version 2: 产业发展 now tops out at 15.
    let mut sheet = scores_of(80.0);
    sheet.insert("st".into(), 16);
    let q1 = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        dev.refused(
            Role::Assessor,
            q1,
            submit_cmd(MID, YEAR, Period::Q1, sheet.clone())
        ),
        "w1.score_range"
    );
    sheet.insert("cy".into(), 30);
    let submitted = dev.ok(Role::Assessor, q1, submit_cmd(MID, YEAR, Period::Q1, sheet));
    assert!(matches!(
        submitted[0].body,
        EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            indicator_version: 2,
            ..
        })
    ));

    let r = dev.run(
        Role::Organizer,
        d(2026, 4, 1),
        Command::PublishIndicators {
            township: TOWNSHIP.into(),
            year: YEAR,
            indicators: indicators_2026(),
        },
    );
    assert_eq!(code(r), "w1.indicators_locked");
    assert_eq!(
        dev.state()
            .village_pay
            .counted
            .indicators(TOWNSHIP, YEAR)
            .unwrap()
            .version,
        2
    );
}

#[test]
fn an_assessor_cannot_publish_indicators_nor_finalize_or_grade() {
    let mut dev = Device::new("phone-a");
    dev.master_data();
    let before = dev.events().len();
    let publish = Command::PublishIndicators {
        township: TOWNSHIP.into(),
        year: YEAR,
        indicators: indicators_2026(),
    };
    let r = dev.run(Role::Assessor, d(2026, 1, 15), publish.clone());
    match &r {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "auth.role");
            assert!(
                v.zh.contains("考核组成员") && v.zh.contains("乡镇组织委员"),
                "{}",
                v.zh
            );
        }
        other => panic!("expected auth.role, got {other:?}"),
    }
    assert_eq!(
        dev.refused(Role::VillageHead, d(2026, 1, 15), publish.clone()),
        "auth.role"
    );
    assert_eq!(dev.events().len(), before, "nothing recorded");
    assert!(dev
        .state()
        .village_pay
        .counted
        .indicators(TOWNSHIP, YEAR)
        .is_none());

    dev.ok(Role::Organizer, d(2026, 1, 15), publish);
    let q1 = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        dev.refused(
            Role::VillageHead,
            q1,
            submit_cmd(MID, YEAR, Period::Q1, scores_of(99.0))
        ),
        "auth.role"
    );
    dev.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let on = d(2026, 4, 20);
    assert_eq!(
        dev.refused(
            Role::Assessor,
            on,
            Command::OpenPublicity {
                village: MID.into(),
                year: YEAR,
                period: Period::Q1,
                start: on
            }
        ),
        "auth.role"
    );
    assert_eq!(
        dev.refused(Role::Assessor, on, finalize_q1(MID, on)),
        "auth.role"
    );
    assert_eq!(
        dev.refused(
            Role::Assessor,
            on,
            Command::Grade {
                township: TOWNSHIP.into(),
                year: YEAR,
                on,
                reason: String::new()
            }
        ),
        "auth.role"
    );
}

// ---------------------------------------------------------------- readiness and missing quarters

#[test]
fn grading_is_refused_while_a_quarter_is_scored_but_not_final() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    for v in [MID, UPPER, LARGE] {
        dev.flat_2026(v, 75.0);
    }
    dev.year_2026(SMALL, [Some(75.0), Some(75.0), Some(75.0), None], 75.0);
    dev.submit(SMALL, YEAR, Period::Q4, scores_of(75.0));
    dev.open_publicity(SMALL, YEAR, Period::Q4);
    let on = grading_day(YEAR);
    let grade = Command::Grade {
        township: TOWNSHIP.into(),
        year: YEAR,
        on,
        reason: String::new(),
    };
    match dev.run(Role::Organizer, on, grade) {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "w1.not_ready");
            assert!(v.zh.contains("巴彦芒哈嘎查第四季度尚未定稿"), "{}", v.zh);
        }
        other => panic!("expected w1.not_ready, got {other:?}"),
    }
    dev.finalize(SMALL, YEAR, Period::Q4);
    let results = dev.grade(YEAR, on, "");
    assert_eq!(result_of(&results, SMALL).quarters[3], Some(7_500));
}

#[test]
fn grading_is_refused_without_an_annual_score() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    for v in [MID, UPPER, LARGE] {
        dev.flat_2026(v, 75.0);
    }
    for p in Period::QUARTERS {
        dev.final_quarter(SMALL, p, 75.0);
    }
    let on = grading_day(YEAR);
    let grade = Command::Grade {
        township: TOWNSHIP.into(),
        year: YEAR,
        on,
        reason: String::new(),
    };
    assert_eq!(dev.refused(Role::Organizer, on, grade), "w1.not_ready");
    assert!(dev
        .state()
        .village_pay
        .counted
        .gradings(TOWNSHIP, YEAR)
        .is_empty());
    dev.submit(SMALL, YEAR, Period::Annual, scores_of(75.0));
    dev.grade(YEAR, on, "");
}

#[test]
fn a_missing_quarter_is_left_out_of_the_average_by_default() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    assert_eq!(
        Policy::default().missing_quarter,
        MissingQuarter::AverageOfAssessed
    );
    dev.year_2026(SMALL, [Some(80.0), Some(85.0), Some(90.0), None], 90.0);
    for v in [MID, UPPER, LARGE] {
        dev.flat_2026(v, 70.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    let small = result_of(&results, SMALL);
    assert_eq!(
        small.quarters,
        [Some(8_000), Some(8_500), Some(9_000), None]
    );
    // (80 + 85 + 90) / 3 = 85; 0.6 × 85 + 0.4 × 90 = 87.
    assert_eq!(small.composite, 8_700);
}

#[test]
fn a_missing_quarter_counts_as_zero_when_policy_says_so() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let zero = Policy {
        missing_quarter: MissingQuarter::CountsAsZero,
        ..Policy::default()
    };
    dev.ok(
        Role::Admin,
        d(2026, 2, 1),
        change_policy(d(2026, 1, 1), zero),
    );
    dev.year_2026(SMALL, [Some(80.0), Some(85.0), Some(90.0), None], 90.0);
    for v in [MID, UPPER, LARGE] {
        dev.flat_2026(v, 70.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    // (80 + 85 + 90 + 0) / 4 = 63.75; 0.6 × 63.75 + 0.4 × 90 = 74.25.
    assert_eq!(result_of(&results, SMALL).composite, 7_425);
    assert_eq!(result_of(&results, MID).composite, 7_000);
}

// ---------------------------------------------------------------- ties

#[test]
fn villages_with_the_same_composite_share_rank_and_grade() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(SMALL, 95.0);
    dev.flat_2026(LARGE, 85.0);
    dev.year_2026(
        UPPER,
        [Some(80.0), Some(90.0), Some(85.0), Some(85.0)],
        85.0,
    );
    dev.flat_2026(MID, 70.0);
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    let (large, upper) = (result_of(&results, LARGE), result_of(&results, UPPER));
    assert_eq!((large.composite, upper.composite), (8_500, 8_500));
    assert_eq!((large.rank, upper.rank), (2, 2));
    assert_eq!(
        (large.team_grade, upper.team_grade),
        (TeamGrade::Notable, TeamGrade::Notable)
    );
    assert_eq!(result_of(&results, SMALL).rank, 1);
    assert_eq!(result_of(&results, MID).rank, 4);
}

#[test]
fn a_tie_at_the_share_boundary_gives_both_villages_the_better_grade() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    // 25% 实绩突出 (1 of 4, rounded up), 50% 比较突出, the rest 一般.
    let shares = Policy {
        grading: GradingRule::Shares {
            outstanding_pct: 25,
            notable_pct: 50,
        },
        ..Policy::default()
    };
    dev.ok(
        Role::Admin,
        d(2026, 2, 1),
        change_policy(d(2026, 1, 1), shares),
    );
    dev.flat_2026(LARGE, 95.0);
    dev.flat_2026(UPPER, 95.0);
    dev.flat_2026(MID, 80.0);
    dev.flat_2026(SMALL, 70.0);
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    for v in [LARGE, UPPER] {
        let r = result_of(&results, v);
        assert_eq!(
            (r.rank, r.team_grade, r.head_grade, r.performance_pay),
            (1, TeamGrade::Outstanding, HeadGrade::Excellent, 4_000),
            "{v}"
        );
    }
    let mid = result_of(&results, MID);
    assert_eq!((mid.rank, mid.team_grade), (3, TeamGrade::Notable));
    // 70 points would be 比较突出 by thresholds; by shares it is the township's last.
    let small = result_of(&results, SMALL);
    assert_eq!(
        (small.rank, small.team_grade, small.performance_pay),
        (4, TeamGrade::General, 0)
    );
}

// ---------------------------------------------------------------- 诫勉谈话 and 限期整改

#[test]
fn a_failing_village_owes_a_warning_talk_in_30_days_and_rectification_in_90() {
    let mut dev = graded_with_small_failing();
    let graded_on = grading_day(YEAR);
    let talk_due = d(2027, 1, 27); // 2026-12-28 + 30
    let rect_due = d(2027, 3, 28); // 2026-12-28 + 90
    assert_eq!(plus(graded_on, 30), talk_due);
    assert_eq!(plus(graded_on, 90), rect_due);

    let view = township_year(dev.state(), TOWNSHIP, YEAR, talk_due);
    let small = row(&view.rows, SMALL);
    let talk = small.talk.clone().expect("a 诫勉谈话 is due");
    let rect = small.rectification.clone().expect("a 限期整改 is due");
    assert_eq!((talk.due, talk.done, talk.overdue), (talk_due, None, false));
    assert_eq!((rect.due, rect.done, rect.overdue), (rect_due, None, false));
    for v in [MID, UPPER, LARGE] {
        assert!(
            row(&view.rows, v).talk.is_none() && row(&view.rows, v).rectification.is_none(),
            "{v} did not fail"
        );
    }

    let view = township_year(dev.state(), TOWNSHIP, YEAR, plus(talk_due, 1));
    let small = row(&view.rows, SMALL);
    assert!(small.talk.as_ref().unwrap().overdue);
    assert!(!small.rectification.as_ref().unwrap().overdue);
    let view = township_year(dev.state(), TOWNSHIP, YEAR, plus(rect_due, 1));
    let small = row(&view.rows, SMALL);
    assert!(small.talk.as_ref().unwrap().overdue && small.rectification.as_ref().unwrap().overdue);

    let talk_cmd = Command::RecordWarningTalk {
        village: SMALL.into(),
        year: YEAR,
        held_by: "苏木党委书记 额尔敦".into(),
        held_on: d(2027, 1, 20),
        note: "对书记、主任进行诫勉谈话".into(),
    };
    dev.ok(Role::Organizer, d(2027, 2, 2), talk_cmd.clone());
    assert_eq!(
        dev.refused(Role::Organizer, d(2027, 2, 2), talk_cmd),
        "w1.talk_done"
    );
    dev.ok(
        Role::Organizer,
        d(2027, 3, 20),
        Command::CompleteRectification {
            village: SMALL.into(),
            year: YEAR,
            completed_on: d(2027, 3, 20),
            note: "集体经济台账已规范，村务公开栏已更新".into(),
        },
    );
    let view = township_year(dev.state(), TOWNSHIP, YEAR, plus(rect_due, 1));
    let small = row(&view.rows, SMALL);
    let open: Vec<_> = [&small.talk, &small.rectification]
        .into_iter()
        .flatten()
        .filter(|due| due.done.is_none())
        .collect();
    assert!(open.is_empty(), "nothing left open: {open:?}");
    assert_eq!(small.talk.as_ref().unwrap().done, Some(d(2027, 1, 20)));
    assert_eq!(
        small.rectification.as_ref().unwrap().done,
        Some(d(2027, 3, 20))
    );
    assert!(
        !small.talk.as_ref().unwrap().overdue && !small.rectification.as_ref().unwrap().overdue
    );
}

#[test]
fn warning_talk_and_rectification_are_refused_for_a_village_that_did_not_fail() {
    let mut dev = graded_with_small_failing();
    let on = d(2027, 1, 10);
    for v in [MID, UPPER, LARGE] {
        let talk = Command::RecordWarningTalk {
            village: v.into(),
            year: YEAR,
            held_by: "苏木党委书记 额尔敦".into(),
            held_on: on,
            note: String::new(),
        };
        assert_eq!(
            dev.refused(Role::Organizer, on, talk),
            "w1.not_failed",
            "{v}"
        );
        let rect = Command::CompleteRectification {
            village: v.into(),
            year: YEAR,
            completed_on: on,
            note: "整改完成".into(),
        };
        assert_eq!(
            dev.refused(Role::Organizer, on, rect),
            "w1.not_failed",
            "{v}"
        );
    }
    // Nor for the failing village in a year it was not graded.
    let talk = Command::RecordWarningTalk {
        village: SMALL.into(),
        year: 2025,
        held_by: "苏木党委书记 额尔敦".into(),
        held_on: on,
        note: String::new(),
    };
    assert_eq!(dev.refused(Role::Organizer, on, talk), "w1.not_failed");
}

// ---------------------------------------------------------------- policy in time, re-grading

#[test]
fn a_policy_change_applies_only_to_gradings_dated_on_or_after_its_effective_date() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let raise = Policy {
        pay_excellent: 5_000,
        ..Policy::default()
    };
    dev.ok(
        Role::Admin,
        d(2026, 11, 1),
        change_policy(d(2027, 1, 1), raise),
    );
    dev.flat_2026(LARGE, 95.0);
    for v in [SMALL, MID, UPPER] {
        dev.flat_2026(v, 75.0);
    }
    let results = dev.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(
        result_of(&results, LARGE).performance_pay,
        4_000,
        "graded 2026-12-28, before 2027-01-01"
    );
    let results = dev.grade(YEAR, d(2026, 12, 31), "复核后重新评定");
    assert_eq!(
        result_of(&results, LARGE).performance_pay,
        4_000,
        "2026-12-31 is still before"
    );
    let results = dev.grade(YEAR, d(2027, 1, 1), "按新标准重新核定绩效工资");
    assert_eq!(result_of(&results, LARGE).performance_pay, 5_000);
    assert_eq!(result_of(&results, LARGE).total_pay(), 14_000);
    assert_eq!(
        result_of(&results, UPPER).performance_pay,
        2_000,
        "基本合格 unchanged"
    );

    let view = township_year(dev.state(), TOWNSHIP, YEAR, d(2027, 1, 2));
    assert_eq!(view.grading.as_ref().unwrap().graded_on, d(2027, 1, 1));
    assert!(!view.grading_conflict);
    assert_eq!(
        row(&view.rows, LARGE)
            .result
            .as_ref()
            .unwrap()
            .performance_pay,
        5_000
    );
    assert_eq!(
        dev.state()
            .village_pay
            .counted
            .gradings(TOWNSHIP, YEAR)
            .len(),
        1,
        "earlier gradings are superseded"
    );
}

#[test]
fn regrading_a_year_requires_a_reason() {
    let mut dev = graded_with_small_failing();
    let on = d(2026, 12, 30);
    let regrade = |reason: &str| Command::Grade {
        township: TOWNSHIP.into(),
        year: YEAR,
        on,
        reason: reason.into(),
    };
    assert_eq!(
        dev.refused(Role::Organizer, on, regrade("")),
        "w1.already_graded"
    );
    assert_eq!(
        dev.refused(Role::Organizer, on, regrade("   ")),
        "w1.already_graded"
    );
    let first = dev
        .state()
        .village_pay
        .counted
        .grading(TOWNSHIP, YEAR)
        .unwrap()
        .event
        .clone();
    let events = dev.ok(Role::Organizer, on, regrade("发现计分错误后重新评定"));
    match &events[0].body {
        EventBody::VillagePay(VillagePayEvent::TownshipGraded {
            supersedes, reason, ..
        }) => {
            assert_eq!(supersedes, &vec![first]);
            assert_eq!(reason, "发现计分错误后重新评定");
        }
        other => panic!("re-grading recorded {other:?}"),
    }
}

// ---------------------------------------------------------------- concurrent entries (two phones)

/// Two phones with the same master data and indicators; every village but 乌兰哈达嘎查
/// has a full year; 乌兰哈达嘎查 has Q2–Q4 and the annual score, Q1 still to enter.
fn two_phones() -> (Device, Device) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    for v in [SMALL, UPPER, LARGE] {
        a.flat_2026(v, 75.0);
    }
    a.year_2026(MID, [None, Some(80.0), Some(80.0), Some(80.0)], 80.0);
    let mut b = Device::new("phone-b");
    assert_eq!(a.send_to(&mut b), a.events().len());
    assert_eq!(a.state(), b.state());
    (a, b)
}

fn exchange(a: &mut Device, b: &mut Device) {
    a.send_to(b);
    b.send_to(a);
}

#[test]
fn different_q1_scores_from_two_phones_are_both_kept_and_need_review() {
    let (mut a, mut b) = two_phones();
    a.submit(MID, YEAR, Period::Q1, scores_of(80.0));
    b.submit(MID, YEAR, Period::Q1, scores_of(85.0));
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state(), "both phones hold the same facts");

    let start = q1_start();
    for dev in [&mut a, &mut b] {
        let slot = mid_q1(dev).clone();
        assert_eq!(slot.live().len(), 2, "neither entry is dropped");
        let devices: Vec<&str> = slot.live().iter().map(|v| v.device.as_str()).collect();
        assert_eq!(devices.len(), 2);
        assert!(devices.contains(&"phone-a") && devices.contains(&"phone-b"));
        assert!(slot.needs_review());
        assert!(slot.standing().is_none());
        let view = township_year(dev.state(), TOWNSHIP, YEAR, start);
        assert_eq!(
            row(&view.rows, MID).cells[0].status,
            PeriodStatus::NeedsReview
        );
        assert_eq!(view.needs_review(), 1);

        let open = Command::OpenPublicity {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            start,
        };
        assert_eq!(dev.refused(Role::Organizer, start, open), "w1.needs_review");
        let on = plus(start, 7);
        assert_eq!(
            dev.refused(Role::Organizer, on, finalize_q1(MID, on)),
            "w1.needs_review"
        );
        let correct = Command::CorrectScores {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            scores: scores_of(82.0),
            reason: "更正".into(),
        };
        assert_eq!(
            dev.refused(Role::Assessor, start, correct),
            "w1.needs_review"
        );
        let on = grading_day(YEAR);
        match dev.run(
            Role::Organizer,
            on,
            Command::Grade {
                township: TOWNSHIP.into(),
                year: YEAR,
                on,
                reason: String::new(),
            },
        ) {
            Err(RecordError::Rule(v)) => {
                assert_eq!(v.code, "w1.not_ready");
                assert!(
                    v.zh.contains("乌兰哈达嘎查第一季度有冲突待复核"),
                    "{}",
                    v.zh
                );
            }
            other => panic!("expected w1.not_ready, got {other:?}"),
        }
    }
}

#[test]
fn resolving_a_conflict_makes_the_chosen_scores_stand_on_both_phones() {
    let (mut a, mut b) = two_phones();
    a.submit(MID, YEAR, Period::Q1, scores_of(80.0));
    b.submit(MID, YEAR, Period::Q1, scores_of(85.0));
    exchange(&mut a, &mut b);

    let start = q1_start();
    let resolve = |reason: &str| Command::ResolveConflict {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        scores: scores_of(82.5),
        reason: reason.into(),
    };
    assert_eq!(
        a.refused(Role::Assessor, start, resolve("核对原始记录")),
        "auth.role"
    );
    assert_eq!(
        a.refused(Role::Organizer, start, resolve("")),
        "field.required"
    );
    a.ok(
        Role::Organizer,
        start,
        resolve("两名考核员分别录入，核对现场原始记录后以82.5分为准"),
    );
    assert!(mid_q1(&b).needs_review(), "phone B has not heard yet");
    exchange(&mut a, &mut b);

    for dev in [&a, &b] {
        let slot = mid_q1(dev);
        assert!(!slot.needs_review());
        assert_eq!(
            slot.versions.len(),
            3,
            "both conflicting entries stay in the trail"
        );
        let standing = slot.standing().unwrap();
        assert_eq!(standing.scores, scores_of(82.5));
        assert!(matches!(standing.source, Source::ConflictResolution { .. }));
        let view = township_year(dev.state(), TOWNSHIP, YEAR, start);
        assert_eq!(row(&view.rows, MID).cells[0].status, PeriodStatus::Scored);
        assert_eq!(row(&view.rows, MID).cells[0].score, Some(8_250));
    }
    assert_eq!(a.state(), b.state());
    assert_eq!(
        a.refused(Role::Organizer, start, resolve("再次复核")),
        "w1.no_conflict"
    );

    // The resolved result goes on through publicity and into the grading, on phone B.
    b.open_publicity(MID, YEAR, Period::Q1);
    b.finalize(MID, YEAR, Period::Q1);
    let results = b.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, MID).quarters[0], Some(8_250));
}

#[test]
fn identical_scores_from_two_phones_are_not_a_conflict() {
    let (mut a, mut b) = two_phones();
    a.submit(MID, YEAR, Period::Q1, scores_of(80.0));
    b.submit(MID, YEAR, Period::Q1, scores_of(80.0));
    exchange(&mut a, &mut b);
    for dev in [&a, &b] {
        let slot = mid_q1(dev);
        assert_eq!(slot.live().len(), 2, "both entries are kept");
        assert!(!slot.needs_review());
        assert_eq!(slot.standing().unwrap().scores, scores_of(80.0));
        let view = township_year(dev.state(), TOWNSHIP, YEAR, q1_start());
        assert_eq!(row(&view.rows, MID).cells[0].status, PeriodStatus::Scored);
    }
    a.open_publicity(MID, YEAR, Period::Q1);
    a.finalize(MID, YEAR, Period::Q1);
    let results = a.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, MID).quarters[0], Some(8_000));
}

#[test]
fn scores_map_helper_matches_the_100_point_set() {
    // Guard for the fixture itself: a sheet of N points normalizes to N × 100 hundredths.
    for points in [0.0, 50.0, 59.5, 60.0, 89.5, 90.0, 100.0] {
        let sheet: BTreeMap<String, u32> = scores_of(points);
        assert_eq!(
            normalized(&indicators_2026(), &sheet),
            (points * 100.0) as u32
        );
    }
}

// ---------------------------------------------------------------- indicator versions (§1)

/// A second 2026 set for 乌力吉木仁苏木 with different indicators (100 points).
fn indicators_2026_v2() -> Vec<Indicator> {
    [
        ("dj2", "党建引领", 40),
        ("cy2", "产业发展", 30),
        ("st", "生态保护", 30),
    ]
    .into_iter()
    .map(|(id, name, points)| Indicator {
        id: id.into(),
        name: name.into(),
        max_halves: points * 2,
        weight: None,
    })
    .collect()
}

/// Two phones holding the master data and the 2026 set v1, nothing scored.
fn phones_with_v1() -> (Device, Device) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    (a, b)
}

fn grade_refusal(dev: &mut Device, on: chrono::NaiveDate) -> jishi::domain::RuleViolation {
    match dev.run(
        Role::Organizer,
        on,
        Command::Grade {
            township: TOWNSHIP.into(),
            year: YEAR,
            on,
            reason: String::new(),
        },
    ) {
        Err(RecordError::Rule(v)) => v,
        other => panic!("grading should be refused, got {other:?}"),
    }
}

#[test]
fn a_sheet_recorded_offline_against_v1_after_v2_was_published_elsewhere_keeps_its_80_and_needs_review(
) {
    let (mut a, mut b) = phones_with_v1();
    // Phone B, offline in the village, scores 乌兰哈达嘎查 against v1.
    let sheet = b.submit(MID, YEAR, Period::Q1, scores_of(80.0));
    // Phone A has no score yet, so it may publish v2, which replaces v1.
    let v2 = a.publish(YEAR, indicators_2026_v2());
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state());

    let start = q1_start();
    for dev in [&a, &b] {
        let view = township_year(dev.state(), TOWNSHIP, YEAR, start);
        assert_eq!(view.indicators.as_ref().map(|s| s.version), Some(2));
        let cell = &row(&view.rows, MID).cells[0];
        assert_eq!(cell.status, PeriodStatus::NeedsReview);
        assert_eq!(
            cell.score,
            Some(8_000),
            "scored against v1, the set it was recorded with, not 0.00 against v2"
        );
        assert_eq!(
            cell.reviews,
            vec![Review::OutdatedIndicators {
                versions: vec![sheet[0].id.clone()]
            }]
        );
        // Both versions are shown: the sheet with its v1 indicators, and the current v2.
        let page = slot_view(dev.state(), MID, YEAR, Period::Q1, start).unwrap();
        assert_eq!(
            page.indicators.as_ref().unwrap().indicators,
            indicators_2026_v2()
        );
        let review = page.review.expect("a review");
        assert_eq!(review.live.len(), 1);
        let shown = &review.live[0];
        let set = shown.set.as_ref().expect("v1 is known");
        assert_eq!((set.version, &set.indicators), (1, &indicators_2026()));
        assert_eq!(shown.version.scores, scores_of(80.0));
        assert_eq!(shown.normalized, Some(8_000));
        assert!(!shown.current);
    }

    // Nothing goes on from an outdated sheet.
    let open = Command::OpenPublicity {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        start,
    };
    assert_eq!(a.refused(Role::Organizer, start, open), "w1.needs_review");
    let correct = Command::CorrectScores {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        scores: halves(&[("dj2", 64), ("cy2", 48), ("st", 48)]),
        reason: "按新指标更正".into(),
    };
    assert_eq!(a.refused(Role::Assessor, start, correct), "w1.needs_review");
    let refusal = grade_refusal(&mut a, grading_day(YEAR));
    assert_eq!(refusal.code, "w1.not_ready");
    assert!(
        refusal.zh.contains("乌兰哈达嘎查第一季度有冲突待复核"),
        "{}",
        refusal.zh
    );
    assert!(refusal.zh.contains("指标版本"), "{}", refusal.zh);

    // The organizer re-scores against the current version, naming what it replaces.
    let rescored = halves(&[("dj2", 64), ("cy2", 48), ("st", 48)]); // 32 + 24 + 24
    let resolve = |scores| Command::ResolveConflict {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        scores,
        reason: "按第2版指标重新评分".into(),
    };
    assert_eq!(
        a.refused(Role::Organizer, start, resolve(scores_of(80.0))),
        "w1.score_missing",
        "a review scores against the current version"
    );
    let resolved = a.ok(Role::Organizer, start, resolve(rescored.clone()));
    match &resolved[0].body {
        EventBody::VillagePay(VillagePayEvent::ConflictResolved {
            supersedes,
            indicator_set,
            ..
        }) => {
            assert_eq!(supersedes, &vec![sheet[0].id.clone()]);
            assert_eq!(indicator_set, &v2[0].id);
        }
        other => panic!("resolution recorded {other:?}"),
    }
    exchange(&mut a, &mut b);
    for dev in [&a, &b] {
        let view = township_year(dev.state(), TOWNSHIP, YEAR, start);
        let cell = &row(&view.rows, MID).cells[0];
        assert_eq!(cell.status, PeriodStatus::Scored);
        assert_eq!(cell.score, Some(8_000));
        let slot = mid_q1(dev);
        assert_eq!(slot.versions.len(), 2, "the v1 sheet stays in the trail");
        assert_eq!(slot.standing().unwrap().scores, rescored);
    }
}

/// Another 2026 set, published concurrently with [`indicators_2026_v2`].
fn indicators_2026_v2_other() -> Vec<Indicator> {
    let mut set = indicators_2026();
    set[1].max_halves = 40; // 产业发展 20
    set[4].max_halves = 30; // 作风建设 15
    set
}

#[test]
fn two_phones_publishing_a_different_v2_offline_is_a_conflict_the_organizer_settles() {
    let (mut a, mut b) = phones_with_v1();
    let v2a = a.publish(YEAR, indicators_2026_v2())[0].id.clone();
    let v2b = b.publish(YEAR, indicators_2026_v2_other())[0].id.clone();
    // Phone B scores against its own v2 before the phones meet.
    let mut sheet = scores_of(80.0);
    sheet.insert("cy".into(), 34);
    sheet.insert("zf".into(), 22);
    b.submit(MID, YEAR, Period::Q1, sheet.clone());
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state());

    let start = q1_start();
    for dev in [&a, &b] {
        let w1 = &dev.state().village_pay.counted;
        assert!(w1.indicators(TOWNSHIP, YEAR).is_none(), "no silent pick");
        let mut conflict: Vec<String> = w1
            .indicator_conflict(TOWNSHIP, YEAR)
            .iter()
            .map(|s| s.event.clone())
            .collect();
        conflict.sort();
        let mut both = vec![v2a.clone(), v2b.clone()];
        both.sort();
        assert_eq!(conflict, both);
        let view = township_year(dev.state(), TOWNSHIP, YEAR, start);
        assert_eq!(view.indicator_conflict.len(), 2);
        assert_eq!(
            row(&view.rows, MID).cells[0].status,
            PeriodStatus::NeedsReview
        );
        assert_eq!(
            row(&view.rows, MID).cells[0].reviews[0],
            Review::IndicatorConflict
        );
    }
    let q1 = quarter_dates(YEAR, Period::Q1).0;
    assert_eq!(
        a.refused(
            Role::Assessor,
            q1,
            submit_cmd(UPPER, YEAR, Period::Q1, scores_of(70.0))
        ),
        "w1.indicator_conflict"
    );
    let publish = Command::PublishIndicators {
        township: TOWNSHIP.into(),
        year: YEAR,
        indicators: indicators_2026(),
    };
    assert_eq!(
        a.refused(Role::Organizer, start, publish),
        "w1.indicator_conflict"
    );
    assert_eq!(
        grade_refusal(&mut a, grading_day(YEAR)).code,
        "w1.indicator_conflict"
    );

    let settle = |keep: &str, reason: &str| Command::ResolveIndicatorConflict {
        township: TOWNSHIP.into(),
        year: YEAR,
        keep: keep.into(),
        reason: reason.into(),
    };
    assert_eq!(
        a.refused(Role::Assessor, start, settle(&v2b, "以党委会决定为准")),
        "auth.role"
    );
    assert_eq!(
        a.refused(Role::Organizer, start, settle(&v2b, " ")),
        "field.required"
    );
    assert_eq!(
        a.refused(
            Role::Organizer,
            start,
            settle("v9-unknown", "以党委会决定为准")
        ),
        "w1.unknown_indicator_set"
    );
    let settled = a.ok(
        Role::Organizer,
        start,
        settle(&v2b, "以苏木党委会议通过的版本为准"),
    );
    match &settled[0].body {
        EventBody::VillagePay(VillagePayEvent::IndicatorsPublished {
            version,
            indicators,
            supersedes,
            reason,
            ..
        }) => {
            assert_eq!(*version, 3);
            assert_eq!(indicators, &indicators_2026_v2_other());
            let mut named = supersedes.clone();
            named.sort();
            assert_eq!(named, both_sorted(&v2a, &v2b));
            assert_eq!(reason, "以苏木党委会议通过的版本为准");
        }
        other => panic!("settling recorded {other:?}"),
    }
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state());
    let view = township_year(b.state(), TOWNSHIP, YEAR, start);
    assert_eq!(view.indicators.as_ref().map(|s| s.version), Some(3));
    assert!(view.indicator_conflict.is_empty());
    // B's sheet was scored on the content kept: it stands, no review needed.
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::Scored);
    assert_eq!(cell.score, Some(8_000));
    b.submit(UPPER, YEAR, Period::Q1, scores_of(70.0));
}

fn both_sorted(x: &str, y: &str) -> Vec<String> {
    let mut v = vec![x.to_string(), y.to_string()];
    v.sort();
    v
}

#[test]
fn two_phones_publishing_the_same_v2_offline_is_no_conflict() {
    let (mut a, mut b) = phones_with_v1();
    a.publish(YEAR, indicators_2026_v2());
    b.publish(YEAR, indicators_2026_v2());
    exchange(&mut a, &mut b);
    let w1 = &a.state().village_pay.counted;
    assert!(w1.indicator_conflict(TOWNSHIP, YEAR).is_empty());
    assert_eq!(
        w1.indicators(TOWNSHIP, YEAR).map(|s| &s.indicators),
        Some(&indicators_2026_v2())
    );
    a.submit(
        MID,
        YEAR,
        Period::Q1,
        halves(&[("dj2", 64), ("cy2", 48), ("st", 48)]),
    );
}

// ---------------------------------------------------------------- 公示 and 定稿 bound to what they publicized (§1)

/// 乌兰哈达嘎查 Q1 scored 70 on phone A and shared with phone B; B, offline, corrects
/// it to 95 before seeing any 公示; A publicizes and finalizes 70; then B's entries
/// reach A. Returns (A, B, the correction's id).
fn final_70_and_an_offline_correction_to_95() -> (Device, Device, String) {
    let mut a = Device::new("phone-a");
    a.township_2026();
    a.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let correction = b.ok(
        Role::Assessor,
        quarter_dates(YEAR, Period::Q1).0,
        Command::CorrectScores {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            scores: scores_of(95.0),
            reason: "产业发展项漏计合作社分红".into(),
        },
    );
    a.open_publicity(MID, YEAR, Period::Q1);
    a.finalize(MID, YEAR, Period::Q1);
    let view = township_year(a.state(), TOWNSHIP, YEAR, d(2026, 4, 2));
    assert_eq!(
        row(&view.rows, MID).cells[0].status,
        PeriodStatus::Final(d(2026, 4, 2))
    );
    assert_eq!(row(&view.rows, MID).cells[0].score, Some(7_000));
    b.send_to(&mut a);
    (a, b, correction[0].id.clone())
}

fn resolve_q1(scores: BTreeMap<String, u32>, reason: &str) -> Command {
    Command::ResolveConflict {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        scores,
        reason: reason.into(),
    }
}

#[test]
fn an_offline_correction_does_not_change_a_final_70_to_95() {
    let (mut a, mut b, correction) = final_70_and_an_offline_correction_to_95();
    a.send_to(&mut b);
    assert_eq!(a.state(), b.state());
    let on = d(2026, 4, 10);
    for dev in [&a, &b] {
        let view = township_year(dev.state(), TOWNSHIP, YEAR, on);
        let cell = &row(&view.rows, MID).cells[0];
        assert_eq!(cell.status, PeriodStatus::NeedsReview, "back to 需复核");
        assert_eq!(cell.score, Some(7_000), "the finalized 70 is still shown");
        assert!(
            matches!(cell.reviews[..], [Review::ChangedAfterFinal { .. }]),
            "{:?}",
            cell.reviews
        );
        let slot = mid_q1(dev);
        assert_eq!(slot.finalized, Some((d(2026, 4, 2), ORGANIZER.to_string())));
        // The page shows the finalized version and the newcomer side by side.
        let review = slot_view(dev.state(), MID, YEAR, Period::Q1, on)
            .unwrap()
            .review
            .unwrap();
        assert!(review.bound_is_final);
        let bound = review.bound.as_ref().unwrap();
        assert_eq!(
            (bound.version.scores.clone(), bound.normalized),
            (scores_of(70.0), Some(7_000))
        );
        assert_eq!(review.live.len(), 1);
        assert_eq!(review.live[0].version.event, correction);
        assert_eq!(review.live[0].normalized, Some(9_500));
    }
    // Grading waits for the review.
    let refusal = grade_refusal(&mut a, grading_day(YEAR));
    assert!(
        refusal.zh.contains("乌兰哈达嘎查第一季度有冲突待复核"),
        "{}",
        refusal.zh
    );
    assert!(
        refusal.zh.contains("定稿后收到了与定稿结果不同的评分"),
        "{}",
        refusal.zh
    );
}

#[test]
fn keeping_the_finalized_70_after_review_makes_the_quarter_final_again() {
    let (mut a, _, correction) = final_70_and_an_offline_correction_to_95();
    let on = d(2026, 4, 10);
    let kept = a.ok(
        Role::Organizer,
        on,
        resolve_q1(scores_of(70.0), "更正未经公示，维持定稿结果"),
    );
    match &kept[0].body {
        EventBody::VillagePay(VillagePayEvent::ConflictResolved { supersedes, .. }) => {
            assert_eq!(supersedes, &vec![correction], "the 定稿 itself stays")
        }
        other => panic!("{other:?}"),
    }
    let view = township_year(a.state(), TOWNSHIP, YEAR, on);
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::Final(d(2026, 4, 2)));
    assert_eq!(cell.score, Some(7_000));
    a.year_2026(MID, [None, Some(80.0), Some(80.0), Some(80.0)], 80.0);
    for v in [SMALL, UPPER, LARGE] {
        a.flat_2026(v, 75.0);
    }
    let results = a.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, MID).quarters[0], Some(7_000));
}

#[test]
fn accepting_the_offline_95_after_final_needs_a_new_publicity_window_before_it_is_final() {
    let (mut a, _, correction) = final_70_and_an_offline_correction_to_95();
    let slot = mid_q1(&a).clone();
    let finalization = slot.finalization().unwrap().event.clone();
    let publicity = slot.publicity().unwrap().event.clone();
    let on = d(2026, 4, 10);
    let accepted = a.ok(
        Role::Organizer,
        on,
        resolve_q1(scores_of(95.0), "核实合作社分红应计入，采用更正后的评分"),
    );
    match &accepted[0].body {
        EventBody::VillagePay(VillagePayEvent::ConflictResolved { supersedes, .. }) => {
            let mut expected = vec![correction, finalization, publicity];
            expected.sort();
            assert_eq!(supersedes, &expected, "names the 公示 and 定稿 it replaces");
        }
        other => panic!("{other:?}"),
    }
    let view = township_year(a.state(), TOWNSHIP, YEAR, on);
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::Scored);
    assert!(cell.republish, "a new 公示 is required");
    assert_eq!(cell.score, Some(9_500));
    assert_eq!(
        a.refused(Role::Organizer, on, finalize_q1(MID, on)),
        "w1.no_publicity"
    );
    a.ok(
        Role::Organizer,
        on,
        Command::OpenPublicity {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            start: on,
        },
    );
    let last_day = plus(on, 6);
    assert_eq!(
        a.refused(Role::Organizer, last_day, finalize_q1(MID, last_day)),
        "w1.publicity_open"
    );
    a.ok(Role::Organizer, plus(on, 7), finalize_q1(MID, plus(on, 7)));
    let view = township_year(a.state(), TOWNSHIP, YEAR, plus(on, 7));
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::Final(plus(on, 7)));
    assert_eq!(cell.score, Some(9_500));
    assert!(!cell.republish);
    a.year_2026(MID, [None, Some(80.0), Some(80.0), Some(80.0)], 80.0);
    for v in [SMALL, UPPER, LARGE] {
        a.flat_2026(v, 75.0);
    }
    let results = a.grade(YEAR, grading_day(YEAR), "");
    assert_eq!(result_of(&results, MID).quarters[0], Some(9_500));
}

#[test]
fn a_correction_arriving_during_publicity_must_be_reviewed_before_finalization() {
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
            reason: "产业发展项漏计".into(),
        },
    );
    let start = a.open_publicity(MID, YEAR, Period::Q1);
    b.send_to(&mut a);
    let view = township_year(a.state(), TOWNSHIP, YEAR, plus(start, 2));
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::NeedsReview);
    assert!(matches!(
        cell.reviews[..],
        [Review::ChangedAfterPublicity { .. }]
    ));
    let after = plus(start, 7);
    assert_eq!(
        a.refused(Role::Organizer, after, finalize_q1(MID, after)),
        "w1.needs_review"
    );
    // Keeping what was publicized lets the same window run on to its 定稿.
    a.ok(
        Role::Organizer,
        plus(start, 2),
        resolve_q1(scores_of(70.0), "更正未经公示，以公示结果为准"),
    );
    a.ok(Role::Organizer, after, finalize_q1(MID, after));
}

#[test]
fn an_objection_upheld_offline_before_the_phone_saw_the_final_does_not_change_it() {
    let mut a = q1_in_publicity();
    let start = q1_start();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    // On phone B, offline: an objection is raised and upheld.
    let raised = b.ok(
        Role::VillageHead,
        plus(start, 1),
        objection(MID, plus(start, 1)),
    );
    b.ok(
        Role::Organizer,
        plus(start, 3),
        Command::ResolveObjection {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            objection: raised[0].id.clone(),
            upheld: Some(scores_of(80.0)),
            note: "合作社分红漏计".into(),
            resolved_on: plus(start, 3),
        },
    );
    // Phone A never heard of it and finalizes 70.
    a.finalize(MID, YEAR, Period::Q1);
    b.send_to(&mut a);
    let view = township_year(a.state(), TOWNSHIP, YEAR, plus(start, 10));
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::NeedsReview);
    assert_eq!(
        cell.score,
        Some(7_000),
        "the final 70 stands until reviewed"
    );
    assert!(cell
        .reviews
        .iter()
        .any(|r| matches!(r, Review::ChangedAfterFinal { .. })));
}

#[test]
fn an_objection_upheld_during_publicity_changes_the_scores_within_the_same_window() {
    let mut dev = q1_in_publicity();
    let start = q1_start();
    let raised = dev.ok(
        Role::VillageHead,
        plus(start, 1),
        objection(MID, plus(start, 1)),
    );
    let upheld = dev.ok(
        Role::Organizer,
        plus(start, 3),
        Command::ResolveObjection {
            village: MID.into(),
            year: YEAR,
            period: Period::Q1,
            objection: raised[0].id.clone(),
            upheld: Some(scores_of(80.0)),
            note: "合作社分红漏计".into(),
            resolved_on: plus(start, 3),
        },
    );
    match &upheld[0].body {
        EventBody::VillagePay(VillagePayEvent::ObjectionResolved {
            outcome: Outcome::Upheld { supersedes, .. },
            ..
        }) => assert_eq!(supersedes.len(), 1, "only the scores, not the 公示"),
        other => panic!("{other:?}"),
    }
    let view = township_year(dev.state(), TOWNSHIP, YEAR, plus(start, 3));
    assert_eq!(
        row(&view.rows, MID).cells[0].status,
        PeriodStatus::InPublicity {
            end: plus(start, 6)
        }
    );
    dev.finalize(MID, YEAR, Period::Q1);
    let slot = mid_q1(&dev);
    assert_eq!(slot.final_version().unwrap().scores, scores_of(80.0));
}

// ---------------------------------------------------------------- order independence (§1)

/// Fold events one by one in the given order, through `State::evolve` alone.
fn evolve_in(order: &[jishi::domain::event::Event]) -> jishi::domain::state::State {
    let mut state = jishi::domain::state::State::default();
    for e in order {
        state.evolve(e);
    }
    state
}

/// Every event of both phones, and the same folded in the reverse order.
fn both_orders(
    a: &Device,
    b: &Device,
) -> (jishi::domain::state::State, jishi::domain::state::State) {
    let mut all = a.events();
    for e in b.events() {
        if !all.iter().any(|x| x.id == e.id) {
            all.push(e);
        }
    }
    all.sort_by(|x, y| (x.recorded_at, &x.id).cmp(&(y.recorded_at, &y.id)));
    let forward = evolve_in(&all);
    all.reverse();
    (forward, evolve_in(&all))
}

/// Q1 of 乌兰哈达嘎查 at 70 under publicity on two phones, with one objection raised.
fn objection_on_two_phones() -> (Device, Device, String) {
    let mut a = q1_in_publicity();
    let raised = a.ok(
        Role::Organizer,
        plus(q1_start(), 1),
        objection(MID, plus(q1_start(), 1)),
    );
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    (a, b, raised[0].id.clone())
}

fn resolve_objection(objection: &str, upheld: Option<f64>, note: &str) -> Command {
    Command::ResolveObjection {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        objection: objection.into(),
        upheld: upheld.map(scores_of),
        note: note.into(),
        resolved_on: plus(q1_start(), 3),
    }
}

#[test]
fn one_objection_resolved_two_ways_on_the_same_day_by_the_same_person_is_a_conflict_in_any_order() {
    let (mut a, mut b, objection) = objection_on_two_phones();
    let on = plus(q1_start(), 3);
    let dismissed = a.ok(
        Role::Organizer,
        on,
        resolve_objection(&objection, None, "经核实不予采纳"),
    );
    let upheld = b.ok(
        Role::Organizer,
        on,
        resolve_objection(&objection, Some(80.0), "合作社分红漏计"),
    );
    let (forward, backward) = both_orders(&a, &b);
    assert!(
        forward == backward,
        "the fold does not depend on arrival order"
    );
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state());
    assert!(*a.state() == forward);

    let slot = mid_q1(&a);
    assert!(slot.objection_in_conflict(&objection));
    assert_eq!(
        slot.objections[&objection].resolution, None,
        "no silent pick"
    );
    let view = township_year(a.state(), TOWNSHIP, YEAR, on);
    let cell = &row(&view.rows, MID).cells[0];
    assert_eq!(cell.status, PeriodStatus::NeedsReview);
    assert!(cell.reviews.contains(&Review::ObjectionConflict {
        objection: objection.clone()
    }));
    let after = plus(q1_start(), 7);
    assert_eq!(
        a.refused(Role::Organizer, after, finalize_q1(MID, after)),
        "w1.needs_review"
    );
    assert_eq!(
        a.refused(
            Role::Organizer,
            on,
            resolve_objection(&objection, None, "再次处理")
        ),
        "w1.needs_review"
    );

    // The organizer reviews: the objection is not upheld, 70 stands.
    let reviewed = a.ok(
        Role::Organizer,
        on,
        resolve_q1(scores_of(70.0), "复核后异议不成立，维持原评分"),
    );
    match &reviewed[0].body {
        EventBody::VillagePay(VillagePayEvent::ConflictResolved { supersedes, .. }) => {
            assert!(supersedes.contains(&dismissed[0].id) && supersedes.contains(&upheld[0].id));
        }
        other => panic!("{other:?}"),
    }
    let slot = mid_q1(&a);
    assert!(!slot.objection_in_conflict(&objection));
    assert!(slot.objections[&objection].resolution.is_some());
    assert_eq!(slot.standing().unwrap().scores, scores_of(70.0));
    a.ok(Role::Organizer, after, finalize_q1(MID, after));
}

#[test]
fn two_agreeing_dismissals_on_the_same_day_show_the_one_with_the_smaller_event_id_in_any_order() {
    let (mut a, mut b, objection) = objection_on_two_phones();
    let one = a.ok(
        Role::Organizer,
        plus(q1_start(), 3),
        resolve_objection(&objection, None, "经核实，评分依据充分"),
    );
    let two = b.ok(
        Role::Organizer,
        plus(q1_start(), 3),
        resolve_objection(&objection, None, "分红已计入产业发展项"),
    );
    let (forward, backward) = both_orders(&a, &b);
    assert!(forward == backward);
    let first = if one[0].id < two[0].id { &one } else { &two };
    let expected = match &first[0].body {
        EventBody::VillagePay(VillagePayEvent::ObjectionResolved { outcome, .. }) => {
            outcome.clone()
        }
        other => panic!("{other:?}"),
    };
    let slot = forward
        .village_pay
        .counted
        .slot(MID, YEAR, Period::Q1)
        .unwrap();
    assert!(!slot.objection_in_conflict(&objection), "both dismiss it");
    assert_eq!(
        slot.objections[&objection].resolution,
        Some((expected, plus(q1_start(), 3), ORGANIZER.to_string()))
    );
    exchange(&mut a, &mut b);
    a.finalize(MID, YEAR, Period::Q1);
}

#[test]
fn two_finalizations_on_the_same_day_show_the_one_with_the_smaller_event_id_in_any_order() {
    let mut a = q1_in_publicity();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let on = plus(q1_start(), 7);
    let fa = a
        .run_as(
            "苏木组织委员 王丽娜",
            Role::Organizer,
            on,
            finalize_q1(MID, on),
        )
        .unwrap();
    let fb = b
        .run_as(
            "苏木组织委员 李春梅",
            Role::Organizer,
            on,
            finalize_q1(MID, on),
        )
        .unwrap();
    let (forward, backward) = both_orders(&a, &b);
    assert!(forward == backward);
    let first = if fa[0].id < fb[0].id { &fa[0] } else { &fb[0] };
    let slot = forward
        .village_pay
        .counted
        .slot(MID, YEAR, Period::Q1)
        .unwrap();
    assert_eq!(slot.finalized, Some((on, first.author.clone())));
    exchange(&mut a, &mut b);
    assert_eq!(a.state(), b.state());
    assert!(*a.state() == forward);
}

// ---------------------------------------------------------------- W1 dates (§2)

#[test]
fn a_quarters_assessment_date_must_be_inside_or_after_its_quarter() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let at = |period, assessed_on| Command::SubmitScores {
        village: MID.into(),
        year: YEAR,
        period,
        scores: scores_of(75.0),
        assessor: ASSESSOR.into(),
        assessed_on,
        note: String::new(),
    };
    let today = d(2026, 12, 31);
    let r = dev.run(Role::Assessor, today, at(Period::Q2, d(2026, 2, 10)));
    match r {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "w1.assessed_before_period");
            assert_eq!(v.field.as_deref(), Some("assessed_on"));
            assert!(v.zh.contains("2026-04-01"), "{}", v.zh);
        }
        other => panic!("Q2 assessed in February must be refused: {other:?}"),
    }
    assert_eq!(
        dev.refused(Role::Assessor, today, at(Period::Q4, d(2026, 9, 30))),
        "w1.assessed_before_period"
    );
    assert_eq!(
        dev.refused(Role::Assessor, today, at(Period::Annual, d(2025, 12, 20))),
        "w1.assessed_before_period"
    );
    assert!(
        dev.state().village_pay.counted.slots.is_empty(),
        "nothing recorded"
    );
    // The first day of the quarter, and a day after it, are fine.
    dev.ok(Role::Assessor, today, at(Period::Q2, d(2026, 4, 1)));
    dev.ok(Role::Assessor, today, at(Period::Q1, d(2026, 4, 3)));
    dev.ok(
        Role::Assessor,
        d(2027, 1, 5),
        at(Period::Annual, d(2027, 1, 5)),
    );
}

#[test]
fn a_publicity_recorded_on_05_01_cannot_have_started_on_03_26() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.submit(MID, YEAR, Period::Q1, scores_of(70.0));
    let open = |start| Command::OpenPublicity {
        village: MID.into(),
        year: YEAR,
        period: Period::Q1,
        start,
    };
    let recorded = d(2026, 5, 1);
    match dev.run(Role::Organizer, recorded, open(d(2026, 3, 26))) {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "w1.publicity_backdated");
            assert_eq!(v.field.as_deref(), Some("start"));
            assert!(v.zh.contains("2026-05-01"), "{}", v.zh);
        }
        other => panic!("a backdated 公示 must be refused: {other:?}"),
    }
    // So it cannot be finalized the same day either.
    assert_eq!(
        dev.refused(Role::Organizer, recorded, finalize_q1(MID, recorded)),
        "w1.no_publicity"
    );
    assert_eq!(
        dev.refused(Role::Organizer, recorded, open(d(2026, 4, 30))),
        "w1.publicity_backdated"
    );
    // With a tolerance of 3 days in policy, 04-28 is accepted and 04-27 is not.
    let lenient = Policy {
        publicity_backdate_days: 3,
        ..Policy::default()
    };
    dev.ok(
        Role::Admin,
        d(2026, 4, 20),
        change_policy(d(2026, 4, 20), lenient),
    );
    assert_eq!(
        dev.refused(Role::Organizer, recorded, open(d(2026, 4, 27))),
        "w1.publicity_backdated"
    );
    dev.ok(Role::Organizer, recorded, open(d(2026, 4, 28)));
    assert_eq!(
        dev.refused(Role::Organizer, recorded, finalize_q1(MID, recorded)),
        "w1.publicity_open",
        "the 7-day window really runs: 04-28 to 05-04"
    );
}

#[test]
fn grading_is_refused_before_the_last_publicity_window_of_the_year_has_ended() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    for v in [SMALL, UPPER, LARGE] {
        dev.flat_2026(v, 75.0);
    }
    // 乌兰哈达嘎查's Q4 is publicized late: 12-24 to 12-30, finalized 12-31.
    dev.year_2026(MID, [Some(80.0), Some(80.0), Some(80.0), None], 80.0);
    dev.submit(MID, YEAR, Period::Q4, scores_of(80.0));
    let start = d(2026, 12, 24);
    dev.ok(
        Role::Organizer,
        start,
        Command::OpenPublicity {
            village: MID.into(),
            year: YEAR,
            period: Period::Q4,
            start,
        },
    );
    let last = d(2026, 12, 30);
    dev.ok(
        Role::Organizer,
        d(2026, 12, 31),
        Command::Finalize {
            village: MID.into(),
            year: YEAR,
            period: Period::Q4,
            on: d(2026, 12, 31),
        },
    );
    // Recorded on 12-31 but dated inside the window: refused.
    let grade = |on| Command::Grade {
        township: TOWNSHIP.into(),
        year: YEAR,
        on,
        reason: String::new(),
    };
    match dev.run(Role::Organizer, d(2026, 12, 31), grade(d(2026, 12, 28))) {
        Err(RecordError::Rule(v)) => {
            assert_eq!(v.code, "w1.publicity_not_over");
            assert!(v.zh.contains(&last.to_string()), "{}", v.zh);
        }
        other => panic!("grading inside a publicity window must be refused: {other:?}"),
    }
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 12, 31), grade(last)),
        "w1.publicity_not_over"
    );
    dev.grade(YEAR, d(2026, 12, 31), "");
}

// ---------------------------------------------------------------- exact arithmetic (§3)

fn weighted_pair(w: (u32, u32), max_halves: (u32, u32)) -> Vec<Indicator> {
    vec![
        Indicator {
            id: "zdrw".into(),
            name: "重点任务".into(),
            max_halves: max_halves.0,
            weight: Some(w.0),
        },
        Indicator {
            id: "rcgz".into(),
            name: "日常工作".into(),
            max_halves: max_halves.1,
            weight: Some(w.1),
        },
    ]
}

/// A 2025 year where every village scores `sheet` (on `set`) in all four quarters and
/// the annual assessment, except 乌力吉木仁嘎查, which has full marks.
fn year_2025_with(
    set: Vec<Indicator>,
    sheet: BTreeMap<String, u32>,
) -> (Device, Vec<jishi::domain::village_pay::VillageResult>) {
    let mut dev = Device::new("phone-a");
    dev.master_data();
    dev.publish(2025, set.clone());
    let full: BTreeMap<String, u32> = set.iter().map(|i| (i.id.clone(), i.max_halves)).collect();
    for v in ALL_VILLAGES {
        let s = if v == LARGE {
            full.clone()
        } else {
            sheet.clone()
        };
        for p in Period::QUARTERS {
            dev.final_quarter_with(v, 2025, p, s.clone());
        }
        dev.submit(v, 2025, Period::Annual, s);
    }
    let results = dev.grade(2025, grading_day(2025), "");
    (dev, results)
}

#[test]
fn weights_13_and_7_maxima_20_and_62_5_scores_9_5_and_52_make_60_00_比较突出_not_59_99() {
    // 13 × 9.5/20 + 7 × 52/62.5 = 11.999; / 20 = 59.995 → 60.00 (floats gave 59.99).
    let set = weighted_pair((13, 7), (40, 125));
    let sheet = halves(&[("zdrw", 19), ("rcgz", 104)]);
    assert_eq!(normalized(&set, &sheet), 6_000);
    let (dev, results) = year_2025_with(set, sheet);
    for v in [SMALL, MID, UPPER] {
        let r = result_of(&results, v);
        assert_eq!(r.quarters, [Some(6_000); 4], "{v}");
        assert_eq!((r.annual, r.composite), (6_000, 6_000), "{v}");
        assert_eq!(
            (r.team_grade, r.head_grade, r.performance_pay),
            (TeamGrade::Notable, HeadGrade::Basic, 2_000),
            "{v}"
        );
    }
    let view = township_year(dev.state(), TOWNSHIP, 2025, d(2026, 1, 5));
    for v in [SMALL, MID, UPPER] {
        let r = row(&view.rows, v);
        assert!(
            r.talk.is_none() && r.rectification.is_none(),
            "no 诫勉谈话 for {v}"
        );
    }
}

#[test]
fn a_normalized_89_995_is_90_00_and_实绩突出() {
    // 17 × 73.5/80 + 8 × 43/50 = 22.49875; / 25 = 89.995 → 90.00 (floats gave 89.99).
    let set = weighted_pair((17, 8), (160, 100));
    let sheet = halves(&[("zdrw", 147), ("rcgz", 86)]);
    assert_eq!(normalized(&set, &sheet), 9_000);
    // One half point less on 日常工作: 17 × 73.5/80 + 8 × 42.5/50 = 22.41875 → 89.675 → 89.68.
    assert_eq!(
        normalized(&set, &halves(&[("zdrw", 147), ("rcgz", 85)])),
        8_968
    );
    let (_, results) = year_2025_with(set, sheet);
    let r = result_of(&results, SMALL);
    assert_eq!(r.composite, 9_000);
    assert_eq!(
        (r.team_grade, r.head_grade, r.performance_pay),
        (TeamGrade::Outstanding, HeadGrade::Excellent, 4_000)
    );
}

#[test]
fn a_composite_of_exactly_59_995_or_89_995_rounds_half_up() {
    let policy = Policy::default();
    // (60.01 + 60.01 + 60.00 + 60.00) / 4 = 60.005; × 0.6 + 59.98 × 0.4 = 59.995.
    assert_eq!(
        jishi::domain::village_pay::composite(
            &[Some(6_001), Some(6_001), Some(6_000), Some(6_000)],
            5_998,
            &policy
        ),
        Some(6_000)
    );
    // One hundredth less in a quarter: 59.9935 → 59.99.
    assert_eq!(
        jishi::domain::village_pay::composite(
            &[Some(6_001), Some(6_000), Some(6_000), Some(6_000)],
            5_998,
            &policy
        ),
        Some(5_999)
    );
    assert_eq!(
        jishi::domain::village_pay::composite(
            &[Some(9_001), Some(9_001), Some(9_000), Some(9_000)],
            8_998,
            &policy
        ),
        Some(9_000)
    );
    // Over three assessed quarters, with other weights.
    let seventy_thirty = Policy {
        quarterly_weight_pct: 70,
        annual_weight_pct: 30,
        ..Policy::default()
    };
    // 0.7 × 90.01 + 0.3 × 89.96 = 89.995 → 90.00.
    assert_eq!(
        jishi::domain::village_pay::composite(
            &[Some(9_001), Some(9_001), Some(9_001), None],
            8_996,
            &seventy_thirty
        ),
        Some(9_000)
    );
    assert_eq!(
        jishi::domain::village_pay::composite(
            &[Some(8_995), Some(9_000), Some(9_000), None],
            8_995,
            &seventy_thirty
        ),
        // (7 × 26995 + 9 × 8995) / 30 = (188965 + 80955) / 30 = 8997.33… → 8997
        Some(8_997)
    );
}

#[test]
fn a_composite_of_59_995_from_graded_quarters_is_比较突出_with_2000_pay() {
    // Ten indicators of 1,000 points each: a sheet normalizes to hundredths exactly.
    let set: Vec<Indicator> = (1..=10)
        .map(|i| Indicator {
            id: format!("k{i}"),
            name: format!("重点工作{i}"),
            max_halves: 2_000,
            weight: None,
        })
        .collect();
    let sheet = |halves_total: u32| -> BTreeMap<String, u32> {
        (1..=10)
            .map(|i| {
                let share = halves_total / 10 + u32::from(i <= halves_total % 10);
                (format!("k{i}"), share)
            })
            .collect()
    };
    assert_eq!(normalized(&set, &sheet(12_002)), 6_001);
    let mut dev = Device::new("phone-a");
    dev.master_data();
    dev.publish(2025, set.clone());
    for v in ALL_VILLAGES {
        for (p, h) in Period::QUARTERS
            .into_iter()
            .zip([12_002, 12_002, 12_000, 12_000])
        {
            dev.final_quarter_with(v, 2025, p, sheet(h));
        }
        dev.submit(v, 2025, Period::Annual, sheet(11_996));
    }
    let results = dev.grade(2025, grading_day(2025), "");
    let r = result_of(&results, SMALL);
    assert_eq!(
        (r.quarters, r.annual, r.composite),
        (
            [Some(6_001), Some(6_001), Some(6_000), Some(6_000)],
            5_998,
            6_000
        )
    );
    assert_eq!(
        (r.team_grade, r.performance_pay, r.total_pay()),
        (TeamGrade::Notable, 2_000, 9_000)
    );
}

#[test]
fn indicator_sets_too_large_to_score_exactly_are_refused_when_published() {
    let mut dev = Device::new("phone-a");
    dev.master_data();
    let primes = [
        4_294_967_291u32,
        4_294_967_279,
        4_294_967_231,
        4_294_967_197,
    ];
    let set: Vec<Indicator> = primes
        .iter()
        .enumerate()
        .map(|(i, m)| Indicator {
            id: format!("p{i}"),
            name: format!("指标{i}"),
            max_halves: *m,
            weight: Some(u32::MAX),
        })
        .collect();
    let publish = Command::PublishIndicators {
        township: TOWNSHIP.into(),
        year: YEAR,
        indicators: set,
    };
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 1, 15), publish),
        "w1.indicators_too_fine"
    );
}

/// xorshift64*, seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn upto(&mut self, n: u32) -> u32 {
        (self.next() % (u64::from(n) + 1)) as u32
    }
}

mod reference {
    //! The big-rational reference: the same definitions as DOMAIN.md, computed with
    //! unbounded rationals and rounded half-up to hundredths only where the module
    //! doc of `village_pay::scoring` says.
    use std::collections::BTreeMap;

    use jishi::domain::policy::{MissingQuarter, Policy};
    use jishi::domain::village_pay::Indicator;
    use num_bigint::BigInt;
    use num_rational::BigRational;

    fn r(n: u64) -> BigRational {
        BigRational::from_integer(BigInt::from(n))
    }

    /// Half-up to an integer (the value is never negative).
    fn half_up(x: BigRational) -> u64 {
        let rounded = (x + BigRational::new(BigInt::from(1), BigInt::from(2))).floor();
        u64::try_from(rounded.to_integer()).expect("small")
    }

    pub fn normalized(set: &[Indicator], scores: &BTreeMap<String, u32>) -> u64 {
        let s = |i: &Indicator| r(u64::from(*scores.get(&i.id).unwrap_or(&0)));
        let weighted = set.iter().all(|i| i.weight.is_some());
        let share = if weighted {
            let total: u64 = set.iter().map(|i| u64::from(i.weight.unwrap())).sum();
            set.iter()
                .map(|i| s(i) / r(u64::from(i.max_halves)) * r(u64::from(i.weight.unwrap())))
                .fold(r(0), |a, b| a + b)
                / r(total)
        } else {
            let max: u64 = set.iter().map(|i| u64::from(i.max_halves)).sum();
            set.iter().map(s).fold(r(0), |a, b| a + b) / r(max)
        };
        half_up(share * r(10_000))
    }

    pub fn composite(quarters: &[Option<u32>; 4], annual: u32, policy: &Policy) -> Option<u64> {
        let assessed: Vec<u64> = quarters.iter().flatten().map(|q| u64::from(*q)).collect();
        let k = match policy.missing_quarter {
            MissingQuarter::AverageOfAssessed if assessed.is_empty() => return None,
            MissingQuarter::AverageOfAssessed => assessed.len() as u64,
            MissingQuarter::CountsAsZero => 4,
        };
        let avg = r(assessed.iter().sum::<u64>()) / r(k);
        let (qw, aw) = (
            u64::from(policy.quarterly_weight_pct),
            u64::from(policy.annual_weight_pct),
        );
        Some(half_up(
            (avg * r(qw) + r(u64::from(annual)) * r(aw)) / r(qw + aw),
        ))
    }
}

#[test]
fn normalized_and_composite_equal_a_big_rational_reference_on_random_sets_and_years() {
    let seed: u64 = std::env::var("JISHI_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_101);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for case in 0..5_000 {
        let n = 1 + rng.upto(7);
        let weighted = rng.upto(1) == 1;
        let set: Vec<Indicator> = (0..n)
            .map(|i| {
                let top = if rng.upto(3) == 0 { 2_000 } else { 200 };
                Indicator {
                    id: format!("i{i}"),
                    name: format!("指标{i}"),
                    max_halves: 1 + rng.upto(top),
                    weight: weighted.then(|| 1 + rng.upto(30)),
                }
            })
            .collect();
        let sheet: BTreeMap<String, u32> = set
            .iter()
            .map(|i| (i.id.clone(), rng.upto(i.max_halves)))
            .collect();
        assert_eq!(
            u64::from(normalized(&set, &sheet)),
            reference::normalized(&set, &sheet),
            "seed {seed}, case {case}: {set:?} {sheet:?}"
        );
        let quarters = [(); 4].map(|_| (rng.upto(3) != 0).then(|| rng.upto(10_000)));
        let annual = rng.upto(10_000);
        let qw = rng.upto(100);
        let policy = Policy {
            quarterly_weight_pct: qw,
            annual_weight_pct: 100 - qw,
            missing_quarter: if rng.upto(1) == 0 {
                MissingQuarter::AverageOfAssessed
            } else {
                MissingQuarter::CountsAsZero
            },
            ..Policy::default()
        };
        assert_eq!(
            jishi::domain::village_pay::composite(&quarters, annual, &policy).map(u64::from),
            reference::composite(&quarters, annual, &policy),
            "seed {seed}, case {case}: {quarters:?} {annual} {qw}"
        );
    }
}

// ---------------------------------------------------------------- no panic from any data (§4)

#[test]
fn w1_records_with_extreme_numbers_and_dates_never_panic_the_fold_the_views_or_the_deciders() {
    use chrono::NaiveDate;
    use jishi::domain::event::{Event, Stamp};
    use jishi::domain::policy::PayBand;
    use jishi::domain::state::State;
    use jishi::domain::village_pay::VillageResult;

    let mut dev = Device::new("phone-a");
    dev.township_2026();
    let huge = |id: &str, max, weight| Indicator {
        id: id.into(),
        name: id.into(),
        max_halves: max,
        weight,
    };
    let wild_policy = Policy {
        base_pay_bands: vec![PayBand {
            min_population: u32::MAX,
            yuan: u32::MAX,
        }],
        pay_excellent: u32::MAX,
        pay_basic: u32::MAX,
        publicity_days: u32::MAX,
        quarterly_weight_pct: u32::MAX,
        annual_weight_pct: u32::MAX,
        grading: GradingRule::Shares {
            outstanding_pct: u32::MAX,
            notable_pct: u32::MAX,
        },
        warning_talk_days: u32::MAX,
        rectification_days: u32::MAX,
        publicity_backdate_days: u32::MAX,
        ..Policy::default()
    };
    let scores = halves(&[("dj", u32::MAX), ("a", u32::MAX), ("zz", u32::MAX)]);
    let result = VillageResult {
        village: MID.into(),
        quarters: [Some(u32::MAX); 4],
        annual: u32::MAX,
        composite: u32::MAX,
        rank: u32::MAX,
        team_grade: TeamGrade::General,
        head_grade: HeadGrade::Fail,
        population: u32::MAX,
        base_pay: u32::MAX,
        performance_pay: u32::MAX,
    };
    assert_eq!(result.total_pay(), 2 * u64::from(u32::MAX));
    let at = |p| (MID.to_string(), YEAR, p);
    let mut bodies = vec![
        EventBody::Master(MasterEvent::PolicyChanged {
            effective_from: NaiveDate::MIN,
            policy: Box::new(wild_policy.clone()),
            supersedes: None,
        }),
        EventBody::VillagePay(VillagePayEvent::IndicatorsPublished {
            township: TOWNSHIP.into(),
            year: YEAR,
            version: u32::MAX,
            indicators: vec![huge("a", u32::MAX, Some(u32::MAX)), huge("b", 0, Some(0))],
            supersedes: vec!["x-self".into()],
            reason: String::new(),
        }),
        EventBody::VillagePay(VillagePayEvent::TownshipGraded {
            township: TOWNSHIP.into(),
            year: YEAR,
            graded_on: NaiveDate::MAX,
            results: vec![result],
            supersedes: vec![],
            reason: String::new(),
        }),
    ];
    for p in Period::ALL {
        let (village, year, period) = at(p);
        bodies.extend([
            EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
                village: village.clone(),
                year,
                period,
                indicator_version: u32::MAX,
                indicator_set: "unknown-set".into(),
                scores: scores.clone(),
                assessor: String::new(),
                assessed_on: NaiveDate::MAX,
                note: String::new(),
                supersedes: vec!["x000".into(), "x001".into()],
                reason: String::new(),
            }),
            EventBody::VillagePay(VillagePayEvent::PublicityOpened {
                village: village.clone(),
                year,
                period,
                start: NaiveDate::MAX,
                versions: vec!["missing".into()],
                end: Some(NaiveDate::MIN),
            }),
            EventBody::VillagePay(VillagePayEvent::PublicityOpened {
                village: village.clone(),
                year,
                period,
                start: NaiveDate::MIN,
                versions: vec![],
                end: None,
            }),
            EventBody::VillagePay(VillagePayEvent::ObjectionResolved {
                village: village.clone(),
                year,
                period,
                objection: "never-raised".into(),
                outcome: Outcome::Upheld {
                    scores: scores.clone(),
                    supersedes: vec![],
                    note: String::new(),
                    indicator_set: String::new(),
                },
                resolved_on: NaiveDate::MAX,
            }),
            EventBody::VillagePay(VillagePayEvent::ResultFinalized {
                village: village.clone(),
                year,
                period,
                finalized_on: NaiveDate::MIN,
                versions: vec!["missing".into()],
            }),
            EventBody::VillagePay(VillagePayEvent::ConflictResolved {
                village,
                year,
                period,
                scores: scores.clone(),
                supersedes: vec!["x000".into()],
                reason: String::new(),
                indicator_set: "x001".into(),
            }),
        ]);
    }
    let forged: Vec<Event> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            Event::seal(
                body,
                Stamp {
                    id: format!("x{i:03}"),
                    author: ORGANIZER.into(),
                    role: Role::Organizer,
                    device: "forged".into(),
                    recorded_at: beijing_ms(d(2026, 3, 1)) + i as i64,
                    parents: vec![],
                },
            )
        })
        .collect();
    let mut all = dev.events();
    all.extend(forged);
    let state = State::fold(&all);
    for today in [NaiveDate::MIN, d(2026, 4, 1), NaiveDate::MAX] {
        for year in [YEAR, i32::MIN, i32::MAX] {
            let view = township_year(&state, TOWNSHIP, year, today);
            let _ = (view.needs_review(), view.open_objections());
        }
        for v in ALL_VILLAGES {
            for p in Period::ALL {
                let _ = slot_view(&state, v, YEAR, p, today);
            }
        }
    }
    let _ = jishi::domain::village_pay::composite(&[Some(u32::MAX); 4], u32::MAX, &wild_policy);
    let _ = jishi::domain::village_pay::grade_villages(
        &[(MID.into(), u32::MAX), (SMALL.into(), 0)],
        &wild_policy,
    );

    // Every command against that state returns an answer, never a panic.
    let mut ledger = jishi::store::Ledger::open(jishi::store::MemoryStore::default(), "phone-z");
    ledger.receive(all).expect("no quota");
    for today in [d(2026, 4, 1), NaiveDate::MAX, NaiveDate::MIN] {
        for p in Period::ALL {
            for cmd in every_slot_command(p, today) {
                let _ = ledger.record(
                    cmd,
                    &jishi::domain::state::Actor {
                        name: ORGANIZER.into(),
                        role: Role::Organizer,
                        today,
                        townships: Vec::new(),
                    },
                    beijing_ms(d(2026, 4, 1)),
                    &mut || 7,
                );
            }
        }
    }
}

fn every_slot_command(period: Period, on: chrono::NaiveDate) -> Vec<Command> {
    let scores = halves(&[("dj", u32::MAX)]);
    vec![
        Command::SubmitScores {
            village: MID.into(),
            year: i32::MAX,
            period,
            scores: scores.clone(),
            assessor: "赵志刚".into(),
            assessed_on: on,
            note: String::new(),
        },
        Command::CorrectScores {
            village: MID.into(),
            year: YEAR,
            period,
            scores: scores.clone(),
            reason: "更正".into(),
        },
        Command::OpenPublicity {
            village: MID.into(),
            year: YEAR,
            period,
            start: on,
        },
        Command::RaiseObjection {
            village: MID.into(),
            year: YEAR,
            period,
            objector: "李二虎".into(),
            content: "异议".into(),
            raised_on: on,
        },
        Command::ResolveObjection {
            village: MID.into(),
            year: YEAR,
            period,
            objection: "never-raised".into(),
            upheld: Some(scores.clone()),
            note: "核实".into(),
            resolved_on: on,
        },
        Command::ResolveConflict {
            village: MID.into(),
            year: YEAR,
            period,
            scores,
            reason: "复核".into(),
        },
        Command::Finalize {
            village: MID.into(),
            year: YEAR,
            period,
            on,
        },
        Command::PublishIndicators {
            township: TOWNSHIP.into(),
            year: YEAR,
            indicators: indicators_2026(),
        },
        Command::ResolveIndicatorConflict {
            township: TOWNSHIP.into(),
            year: YEAR,
            keep: "x001".into(),
            reason: "确定".into(),
        },
        Command::Grade {
            township: TOWNSHIP.into(),
            year: YEAR,
            on,
            reason: "重新评定".into(),
        },
        Command::RecordWarningTalk {
            village: MID.into(),
            year: YEAR,
            held_by: "额尔敦".into(),
            held_on: on,
            note: String::new(),
        },
    ]
}

#[test]
fn w1_evolve_gives_the_same_state_for_any_arrival_order_without_sorting() {
    // Reviews of every kind in one log: a final changed by an offline correction, an
    // objection resolved two ways, concurrent different indicator sets for 2027.
    let (mut a, mut b, _) = final_70_and_an_offline_correction_to_95();
    a.submit(UPPER, YEAR, Period::Q2, scores_of(66.0));
    a.open_publicity(UPPER, YEAR, Period::Q2);
    let raised = a.ok(
        Role::Organizer,
        d(2026, 6, 27),
        Command::RaiseObjection {
            village: UPPER.into(),
            year: YEAR,
            period: Period::Q2,
            objector: "党员 孟根".into(),
            content: "基层治理打分过低".into(),
            raised_on: d(2026, 6, 27),
        },
    );
    exchange(&mut a, &mut b);
    let resolve = |upheld: Option<f64>| Command::ResolveObjection {
        village: UPPER.into(),
        year: YEAR,
        period: Period::Q2,
        objection: raised[0].id.clone(),
        upheld: upheld.map(scores_of),
        note: "核实".into(),
        resolved_on: d(2026, 6, 29),
    };
    a.ok(Role::Organizer, d(2026, 6, 29), resolve(None));
    b.ok(Role::Organizer, d(2026, 6, 29), resolve(Some(70.0)));
    a.publish(2027, indicators_2026_v2());
    b.publish(2027, indicators_2026_v2_other());
    exchange(&mut a, &mut b);
    let log = a.events();
    let reference = jishi::domain::state::State::fold(&log);
    let seed: u64 = 20_261_201;
    let mut rng = Rng(seed | 1);
    for round in 0..300 {
        let mut shuffled = log.clone();
        for i in (1..shuffled.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        let state = evolve_in(&shuffled);
        assert!(
            state.village_pay.counted == reference.village_pay.counted,
            "seed {seed}, round {round}: VillagePay differs when folded in arrival order"
        );
    }
    let view = township_year(&reference, TOWNSHIP, YEAR, d(2026, 7, 10));
    assert_eq!(view.needs_review(), 2);
    assert_eq!(
        reference
            .village_pay
            .counted
            .indicator_conflict(TOWNSHIP, 2027)
            .len(),
        2
    );
}
