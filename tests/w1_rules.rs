#![cfg(not(target_arch = "wasm32"))]
//! W1 嘎查村干部结构工资制 (DOMAIN.md W1, seed 002 扎鲁特旗): every rule, with the
//! seed's numbers, driven through `decide` and `Ledger::record` the way the app does.

mod common;

use std::collections::BTreeMap;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::policy::{GradingRule, MissingQuarter, Policy};
use jishi::domain::w1::{
    normalized, township_year, Command, HeadGrade, Indicator, Outcome, Period, PeriodStatus,
    Source, TeamGrade, VillageRow,
};
use jishi::domain::EventBody;
use jishi::store::RecordError;

const YEAR: i32 = 2026;

fn row<'a>(rows: &'a [VillageRow], village: &str) -> &'a VillageRow {
    rows.iter()
        .find(|r| r.village.id == village)
        .expect("village row")
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

fn change_policy(effective_from: chrono::NaiveDate, policy: Policy) -> Command {
    Command::ChangePolicy {
        effective_from,
        policy,
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
        Command::RecordVillage {
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
    let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
    let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
    let original = dev
        .state()
        .w1
        .slot(MID, YEAR, Period::Q1)
        .unwrap()
        .standing()
        .unwrap()
        .event
        .clone();
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
    let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
        dev.state().w1.slot(MID, YEAR, Period::Q1).is_none(),
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
    assert!(dev.state().w1.slot(MID, YEAR, Period::Q1).is_none());
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
        EventBody::ScoresSubmitted {
            supersedes, reason, ..
        } => {
            assert_eq!(supersedes, &vec![first[0].id.clone()]);
            assert_eq!(reason, "民生服务项录入错误，原始记录为13.5分");
        }
        other => panic!("correction recorded {other:?}"),
    }
    let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
    assert_eq!(
        dev.state()
            .w1
            .slot(MID, YEAR, Period::Q1)
            .unwrap()
            .standing()
            .unwrap()
            .scores["dj"],
        47
    );
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
        dev.state().w1.indicators(TOWNSHIP, YEAR).unwrap().version,
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
        EventBody::IndicatorsPublished { version: 2, .. }
    ));
    let current = dev.state().w1.indicators(TOWNSHIP, YEAR).unwrap();
    assert_eq!((current.version, &current.indicators), (2, &v2));
    assert_eq!(
        dev.state().w1.indicator_sets[&(TOWNSHIP.to_string(), YEAR)].len(),
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
        EventBody::ScoresSubmitted {
            indicator_version: 2,
            ..
        }
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
        dev.state().w1.indicators(TOWNSHIP, YEAR).unwrap().version,
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
    assert!(dev.state().w1.indicators(TOWNSHIP, YEAR).is_none());

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
    assert!(dev.state().w1.gradings(TOWNSHIP, YEAR).is_empty());
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

fn graded_with_small_failing() -> Device {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(LARGE, 95.0);
    dev.flat_2026(UPPER, 75.0);
    dev.flat_2026(MID, 65.0);
    dev.flat_2026(SMALL, 50.0);
    dev.grade(YEAR, grading_day(YEAR), "");
    dev
}

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
        dev.state().w1.gradings(TOWNSHIP, YEAR).len(),
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
        .w1
        .grading(TOWNSHIP, YEAR)
        .unwrap()
        .event
        .clone();
    let events = dev.ok(Role::Organizer, on, regrade("发现计分错误后重新评定"));
    match &events[0].body {
        EventBody::TownshipGraded {
            supersedes, reason, ..
        } => {
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
        let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap().clone();
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
    assert!(
        b.state()
            .w1
            .slot(MID, YEAR, Period::Q1)
            .unwrap()
            .needs_review(),
        "phone B has not heard yet"
    );
    exchange(&mut a, &mut b);

    for dev in [&a, &b] {
        let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
        let slot = dev.state().w1.slot(MID, YEAR, Period::Q1).unwrap();
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
