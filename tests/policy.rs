#![cfg(not(target_arch = "wasm32"))]
//! Policy bounds (`Policy::validate`) and the policy form (`policy_form` /
//! `parse_policy_form`): every number bounded with a message on its field, and a form
//! that gives back exactly the policy it was filled from.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::MasterEvent;
use std::collections::BTreeMap;
use std::time::Instant;

use common::*;
use jishi::domain::calendar::{parse_schedule, YearSchedule};
use jishi::domain::event::Role;
use jishi::domain::policy::{GradingRule, MajorityOf, MissingQuarter, PayBand, Policy};
use jishi::domain::policy_fields::{Input, FIELDS, MAX_PAY_BANDS};
use jishi::domain::policy_form::{format_decimal, parse_number, parse_policy_form, policy_form};
use jishi::domain::RuleViolation;

/// The form's text for `policy`, field name → value, as the page submits it.
fn form_of(policy: &Policy) -> BTreeMap<String, String> {
    policy_form(policy)
        .into_iter()
        .flat_map(|s| s.fields)
        .map(|f| (f.name, f.value))
        .collect()
}

fn parse(base: &Policy, form: &BTreeMap<String, String>) -> Result<Policy, Vec<RuleViolation>> {
    parse_policy_form(base, |name| form.get(name).cloned().unwrap_or_default())
}

fn fields_of(errors: &[RuleViolation]) -> Vec<&str> {
    errors.iter().filter_map(|e| e.field.as_deref()).collect()
}

/// A county that grades by shares and changed W4 numbers, a deadline and the bands.
fn shares_policy() -> Policy {
    let mut p = Policy {
        grading: GradingRule::Shares {
            outstanding_pct: 20,
            notable_pct: 50,
        },
        warning_talk_days: 15,
        rectification_days: 120,
        publicity_backdate_days: 2,
        half_points: false,
        missing_quarter: MissingQuarter::CountsAsZero,
        quarterly_weight_pct: 70,
        annual_weight_pct: 30,
        ..Policy::default()
    };
    p.base_pay_bands.push(PayBand {
        min_population: 5_000,
        yuan: 9_500,
    });
    p.cadre_selection.publicity_working_days = 7;
    p.cadre_selection.targets_per_post = 3;
    p.cadre_selection.majority_of = MajorityOf::Present;
    p.cadre_selection.probation_months = 6;
    p.cadre_selection.dimension_max = 20;
    p.cadre_selection.opinion_bodies = vec!["纪委监委".into(), "检察院".into(), "审计局".into()];
    p.cadre_selection.disclosure_before_decision = false;
    p.career_pay.monthly_yuan = 3_100;
    p.career_pay.paid_day = 1;
    p.career_pay.termination_conditions = vec!["年度考评不合格".into(), "离任".into()];
    p.with_schedule(parse_schedule("2027", "2027-01-01", "2027-02-13").unwrap())
}

/// Thresholds with hundredths: 85.50 and 59.95.
fn decimal_policy() -> Policy {
    Policy {
        grading: GradingRule::Thresholds {
            outstanding_min: 8_550,
            notable_min: 5_995,
        },
        ..Policy::default()
    }
}

// ------------------------------------------------------------------ Policy::validate bounds

#[test]
fn defaults_and_every_boundary_value_validate() {
    Policy::default().validate().unwrap();
    shares_policy().validate().unwrap();
    decimal_policy().validate().unwrap();
    for at_end in [false, true] {
        let mut p = Policy::default();
        for f in FIELDS
            .iter()
            .filter(|f| !matches!(f.input, Input::Choice(_)))
        {
            (f.set)(
                &mut p,
                if at_end {
                    *f.range.end()
                } else {
                    *f.range.start()
                },
            );
        }
        // Weights must still add up to 100 and thresholds stay ordered.
        p.quarterly_weight_pct = if at_end { 100 } else { 0 };
        p.annual_weight_pct = 100 - p.quarterly_weight_pct;
        // So must the five rater groups' weights (W5).
        let w = &mut p.annual_assessment;
        w.superior_weight = if at_end { 100 } else { 0 };
        (w.peers_weight, w.subordinates_weight, w.own_weight) = (0, 0, 0);
        w.outside_weight = 100 - w.superior_weight;
        // And the five levels of a monthly evaluation fall from 好 to 差 (W6).
        let l = &mut p.performance_record;
        let top = if at_end { 1_000 } else { 4 };
        (l.level_good, l.level_fairly_good, l.level_average) = (top, top - 1, top - 2);
        (l.level_poor, l.level_bad) = (top - 3, top - 4);
        // W8's cut-offs stay ordered: each lower one below its upper one.
        let a = &mut p.audit_grading;
        if at_end {
            (a.tier_low_yuan, a.fund_up_yuan, a.lower_at) =
                (a.tier_low_yuan - 1, a.fund_up_yuan - 1, a.lower_at - 1);
        } else {
            (a.tier_high_yuan, a.fund_special_yuan, a.raise_at) = (
                a.tier_high_yuan + 1,
                a.fund_special_yuan + 1,
                a.raise_at + 1,
            );
        }
        assert_eq!(
            p.problems(),
            vec![],
            "every number at its {} bound",
            if at_end { "upper" } else { "lower" }
        );
    }
    let mut wide = Policy {
        base_pay_bands: (0..MAX_PAY_BANDS as u32)
            .map(|i| PayBand {
                min_population: i * 5_000_000,
                yuan: 1_000_000,
            })
            .collect(),
        ..Policy::default()
    };
    wide.base_pay_bands[19].min_population = 100_000_000;
    wide.cadre_selection.opinion_bodies = (1..=20).map(|i| format!("{i:0>50}")).collect();
    wide.extra_calendar = vec![
        parse_schedule("2000", "2000-01-01", "").unwrap(),
        parse_schedule("2200", "2200-12-31", "").unwrap(),
    ];
    assert_eq!(
        wide.problems(),
        vec![],
        "20 bands, 20 bodies of 50 characters, years 2000 and 2200"
    );
    let shares_edge = Policy {
        grading: GradingRule::Shares {
            outstanding_pct: 100,
            notable_pct: 0,
        },
        ..Policy::default()
    };
    shares_edge.validate().unwrap();
}

#[test]
fn three_billion_publicity_days_are_refused_on_the_field() {
    let p = Policy {
        publicity_days: 3_000_000_000,
        ..Policy::default()
    };
    let e = p.validate().unwrap_err();
    assert_eq!(e.code, "policy.range");
    assert_eq!(e.field.as_deref(), Some("publicity_days"));
    assert!(
        e.zh.contains("公示天数") && e.zh.contains("1 至 60"),
        "{}",
        e.zh
    );
    assert!(
        e.en.contains("Publicity days") && e.en.contains("between 1 and 60"),
        "{}",
        e.en
    );

    // And the administrator's command is refused: nothing is recorded.
    let mut dev = Device::new("phone-a");
    let cmd = MasterCommand::ChangePolicy {
        effective_from: d(2026, 1, 1),
        policy: Box::new(p),
    };
    assert_eq!(dev.refused(Role::Admin, d(2026, 2, 1), cmd), "policy.range");
    assert!(dev.events().is_empty());
}

#[test]
fn every_number_just_outside_its_bounds_is_refused_on_its_field() {
    for f in FIELDS
        .iter()
        .filter(|f| !matches!(f.input, Input::Choice(_)))
    {
        let base = if f.when == Some(("grading", "shares")) {
            shares_policy()
        } else {
            Policy::default()
        };
        let mut outside = vec![u32::MAX];
        outside.extend(f.range.end().checked_add(1));
        outside.extend(f.range.start().checked_sub(1));
        for v in outside {
            let mut p = base.clone();
            (f.set)(&mut p, v);
            let problems = p.problems();
            assert!(
                problems
                    .iter()
                    .any(|e| e.field.as_deref() == Some(f.name) && e.code == "policy.range"),
                "{} = {v} must be refused on its field: {problems:?}",
                f.name
            );
            assert!(problems
                .iter()
                .all(|e| !e.zh.is_empty() && !e.en.is_empty()));
        }
    }
}

#[test]
fn bands_bodies_and_schedules_out_of_bounds_are_refused_on_their_fields() {
    let case = |change: &dyn Fn(&mut Policy), field: &str, code: &str| {
        let mut p = shares_policy();
        change(&mut p);
        let problems = p.problems();
        assert!(
            problems
                .iter()
                .any(|e| e.field.as_deref() == Some(field) && e.code == code),
            "expected {code} on {field}: {problems:?}"
        );
    };
    case(&|p| p.base_pay_bands.clear(), "band_min_0", "policy.bands");
    case(
        &|p| {
            p.base_pay_bands = vec![
                PayBand {
                    min_population: 0,
                    yuan: 7_000
                };
                21
            ]
        },
        "band_min_0",
        "policy.bands",
    );
    case(
        &|p| p.base_pay_bands[0].min_population = 10,
        "band_min_0",
        "policy.bands",
    );
    case(
        &|p| p.base_pay_bands[2].min_population = 1_000,
        "band_min_2",
        "policy.bands",
    );
    case(
        &|p| p.base_pay_bands[3].min_population = 100_000_001,
        "band_min_3",
        "policy.range",
    );
    case(
        &|p| p.base_pay_bands[1].yuan = 1_000_001,
        "band_yuan_1",
        "policy.range",
    );
    case(
        &|p| p.annual_weight_pct = 40,
        "annual_weight_pct",
        "policy.weights",
    );
    case(
        &|p| {
            p.grading = GradingRule::Shares {
                outstanding_pct: 60,
                notable_pct: 50,
            }
        },
        "notable_pct",
        "policy.shares",
    );
    case(
        &|p| {
            p.grading = GradingRule::Thresholds {
                outstanding_min: 6_000,
                notable_min: 6_001,
            }
        },
        "notable_min",
        "policy.thresholds",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies.clear(),
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies = vec!["纪委".into(); 21],
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies.push("  ".into()),
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies.push("检察院".into()),
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies.push("字".repeat(51)),
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    case(
        &|p| p.career_pay.termination_conditions.clear(),
        "career_termination_conditions",
        "policy.termination_conditions",
    );
    case(
        &|p| {
            let again = p.career_pay.termination_conditions[0].clone();
            p.career_pay.termination_conditions.push(again)
        },
        "career_termination_conditions",
        "policy.termination_conditions",
    );
    case(
        &|p| p.career_pay.paid_day = 29,
        "career_paid_day",
        "policy.range",
    );
    case(
        &|p| p.cadre_selection.opinion_bodies.push("公安局，法院".into()),
        "opinion_bodies",
        "policy.opinion_bodies",
    );
    let schedule = |year: i32, day: (i32, u32, u32)| YearSchedule {
        year,
        holidays: vec![d(day.0, day.1, day.2)],
        workdays: vec![],
    };
    case(
        &|p| p.extra_calendar = vec![schedule(1999, (1999, 1, 1))],
        "calendar_year",
        "policy.calendar",
    );
    case(
        &|p| p.extra_calendar = vec![schedule(2201, (2201, 1, 1))],
        "calendar_year",
        "policy.calendar",
    );
    case(
        &|p| p.extra_calendar = vec![schedule(2027, (2028, 1, 1))],
        "calendar_holidays",
        "policy.calendar",
    );
}

#[test]
fn validate_is_total_and_cheap_on_absurd_policies() {
    let mut p = Policy {
        base_pay_bands: vec![
            PayBand {
                min_population: u32::MAX,
                yuan: u32::MAX
            };
            1_000_000
        ],
        ..Policy::default()
    };
    p.cadre_selection.opinion_bodies = vec!["检察院".to_string(); 1_000_000];
    p.extra_calendar = (0..2_000)
        .map(|i| YearSchedule {
            year: i32::MIN + i,
            holidays: vec![chrono::NaiveDate::MAX; 1_000],
            workdays: vec![chrono::NaiveDate::MIN; 1_000],
        })
        .collect();
    for f in FIELDS
        .iter()
        .filter(|f| !matches!(f.input, Input::Choice(_)))
    {
        (f.set)(&mut p, u32::MAX);
    }
    let started = Instant::now();
    let problems = p.problems();
    assert!(
        started.elapsed().as_millis() < 500,
        "took {:?}",
        started.elapsed()
    );
    assert!(problems.len() > FIELDS.len() / 2);
    assert!(p.validate().is_err());
    // One year with 100,000 dates, and one with every day both off and worked.
    let year: Vec<_> = d(2027, 1, 1).iter_days().take(365).collect();
    for (holidays, workdays) in [(vec![d(2027, 1, 1); 100_000], vec![]), (year.clone(), year)] {
        let p = Policy {
            extra_calendar: vec![YearSchedule {
                year: 2027,
                holidays,
                workdays,
            }],
            ..Policy::default()
        };
        let started = Instant::now();
        assert_eq!(p.validate().unwrap_err().code, "policy.calendar");
        assert!(
            started.elapsed().as_millis() < 200,
            "took {:?}",
            started.elapsed()
        );
    }
    // Opinion bodies of 10 KB each, few of them: the message quotes at most 50 characters.
    let mut long = Policy::default();
    long.cadre_selection.opinion_bodies = vec!["界".repeat(10_000)];
    let e = long.validate().unwrap_err();
    assert!(e.zh.chars().count() < 120, "{}", e.zh);
}

// ------------------------------------------------------------------ the policy form

#[test]
fn the_form_gives_back_exactly_the_policy_it_was_filled_from() {
    for policy in [Policy::default(), shares_policy(), decimal_policy()] {
        let form = form_of(&policy);
        assert_eq!(parse(&policy, &form), Ok(policy.clone()));
        // Parsed against the defaults (another base), the same text gives the same policy,
        // except the schedules, which the form adds to and never lists.
        let mut expected = policy.clone();
        expected.extra_calendar = Policy::default().extra_calendar;
        let mut without_calendar = form.clone();
        without_calendar.insert("calendar_year".into(), String::new());
        let base = Policy::default();
        assert_eq!(parse(&base, &without_calendar), Ok(expected));
    }
    let form = form_of(&decimal_policy());
    assert_eq!(form["outstanding_min"], "85.5");
    assert_eq!(form["notable_min"], "59.95");
    assert_eq!(form["grading"], "thresholds");
    let form = form_of(&shares_policy());
    assert_eq!(form["grading"], "shares");
    assert_eq!(form["outstanding_pct"], "20");
    assert_eq!(
        form["outstanding_min"], "90",
        "an unused rule's fields start at the seed's numbers"
    );
    assert_eq!(form["opinion_bodies"], "纪委监委\n检察院\n审计局");
    assert_eq!(form["band_min_4"], "", "an empty row to add a band");
}

#[test]
fn editing_one_number_changes_nothing_else() {
    let policy = shares_policy();
    let mut form = form_of(&policy);
    form.insert("rectification_days".into(), "60".into());
    let saved = parse(&policy, &form).unwrap();
    assert_eq!(
        saved,
        Policy {
            rectification_days: 60,
            ..policy.clone()
        }
    );

    // 85.5 and 85.50 are the same threshold, kept to the hundredth.
    let policy = decimal_policy();
    for typed in ["85.5", "85.50", " 85.50 "] {
        let mut form = form_of(&policy);
        form.insert("outstanding_min".into(), typed.into());
        assert_eq!(parse(&policy, &form), Ok(policy.clone()), "{typed}");
    }
}

#[test]
fn the_form_switches_grading_to_shares_and_edits_every_w4_number_and_deadline() {
    let base = Policy::default();
    let mut form = form_of(&base);
    for (name, value) in [
        ("grading", "shares"),
        ("outstanding_pct", "15"),
        ("notable_pct", "45"),
        ("warning_talk_days", "20"),
        ("publicity_working_days", "7"),
        ("disclosure_working_days", "6"),
        ("targets_per_post", "3"),
        ("majority_of", "present"),
        ("recommendation_valid_months", "6"),
        ("low_recognition_pct", "40"),
        ("grade_lookback_years", "5"),
        ("extended_inspection_months", "24"),
        ("initial_submission_days", "10"),
        ("probation_months", "6"),
        ("dimension_max", "20"),
        ("disclosure_before_decision", "no"),
        ("opinion_bodies", "纪委监委\n检察院，综治办\n\n信访局"),
        ("band_min_3", "6,000"),
        ("band_yuan_3", "9，800"),
    ] {
        form.insert(name.into(), value.into());
    }
    let saved = parse(&base, &form).unwrap();
    let mut expected = Policy {
        grading: GradingRule::Shares {
            outstanding_pct: 15,
            notable_pct: 45,
        },
        warning_talk_days: 20,
        ..base.clone()
    };
    expected.base_pay_bands.push(PayBand {
        min_population: 6_000,
        yuan: 9_800,
    });
    let w4 = &mut expected.cadre_selection;
    (
        w4.publicity_working_days,
        w4.disclosure_working_days,
        w4.targets_per_post,
    ) = (7, 6, 3);
    w4.majority_of = MajorityOf::Present;
    (
        w4.recommendation_valid_months,
        w4.low_recognition_pct,
        w4.grade_lookback_years,
    ) = (6, 40, 5);
    (
        w4.extended_inspection_months,
        w4.initial_submission_days,
        w4.probation_months,
    ) = (24, 10, 6);
    w4.dimension_max = 20;
    w4.disclosure_before_decision = false;
    w4.opinion_bodies = ["纪委监委", "检察院", "综治办", "信访局"]
        .map(String::from)
        .to_vec();
    assert_eq!(saved, expected);

    // And back to thresholds, typed with decimals.
    let mut form = form_of(&saved);
    form.insert("grading".into(), "thresholds".into());
    form.insert("outstanding_min".into(), "85.50".into());
    form.insert("notable_min".into(), "60".into());
    let back = parse(&saved, &form).unwrap();
    assert_eq!(
        back.grading,
        GradingRule::Thresholds {
            outstanding_min: 8_550,
            notable_min: 6_000
        }
    );
}

#[test]
fn every_invalid_field_is_reported_at_once_and_nothing_is_parsed() {
    let base = Policy::default();
    let mut form = form_of(&base);
    for (name, value) in [
        ("publicity_days", "3000000000"),
        ("pay_excellent", "4000元"),
        ("outstanding_min", "85.555"),
        ("rectification_days", ""),
        ("targets_per_post", "1"),
        ("dimension_max", "99999999999999999999999"),
        ("band_yuan_1", "1,50"),
        ("calendar_year", "2027"),
        ("calendar_holidays", "2027-02-30"),
    ] {
        form.insert(name.into(), value.into());
    }
    let errors = parse(&base, &form).unwrap_err();
    let mut fields = fields_of(&errors);
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "band_yuan_1",
            "calendar_holidays",
            "dimension_max",
            "outstanding_min",
            "pay_excellent",
            "publicity_days",
            "rectification_days",
            "targets_per_post"
        ]
    );
    let on = |field: &str| {
        errors
            .iter()
            .find(|e| e.field.as_deref() == Some(field))
            .unwrap()
    };
    assert_eq!(
        on("publicity_days").zh,
        "公示天数须在 1 至 60 之间（填写的是 3000000000）"
    );
    assert!(
        on("pay_excellent").zh.contains("请只填写数字"),
        "{}",
        on("pay_excellent").zh
    );
    assert!(on("band_yuan_1").zh.contains("请只填写数字"));
    assert!(on("outstanding_min").zh.contains("最多两位小数"));
    assert_eq!(on("rectification_days").code, "policy.missing");
    assert!(on("targets_per_post").zh.contains("2 至 10"));
    assert_eq!(on("dimension_max").code, "policy.range");
}

#[test]
fn band_rows_are_added_removed_and_kept_in_population_order() {
    let base = Policy::default();
    let mut form = form_of(&base);
    // Remove the 1,000 band, add a 2,000 band in the empty row.
    form.insert("band_min_1".into(), String::new());
    form.insert("band_yuan_1".into(), " ".into());
    form.insert("band_min_3".into(), "2000".into());
    form.insert("band_yuan_3".into(), "8500".into());
    let p = parse(&base, &form).unwrap();
    let bands: Vec<(u32, u32)> = p
        .base_pay_bands
        .iter()
        .map(|b| (b.min_population, b.yuan))
        .collect();
    assert_eq!(bands, [(0, 7_000), (2_000, 8_500), (3_000, 9_000)]);

    // A band repeating another's population is flagged on the row it was typed in.
    let mut form = form_of(&base);
    form.insert("band_min_3".into(), "1000".into());
    form.insert("band_yuan_3".into(), "8100".into());
    let errors = parse(&base, &form).unwrap_err();
    assert_eq!(fields_of(&errors), ["band_min_3"]);
    assert_eq!(errors[0].code, "policy.bands");

    // Half a row is an error, not a silent drop.
    let mut form = form_of(&base);
    form.insert("band_min_3".into(), "5000".into());
    assert_eq!(
        fields_of(&parse(&base, &form).unwrap_err()),
        ["band_yuan_3"]
    );
}

#[test]
fn numbers_are_read_exactly() {
    let label = ("分数线", "Threshold");
    let hundredths = |s: &str| parse_number(s, "f", label, true);
    let whole = |s: &str| parse_number(s, "f", label, false);
    assert_eq!(hundredths("85.5"), Ok(8_550));
    assert_eq!(hundredths("85.50"), Ok(8_550));
    assert_eq!(hundredths("85.05"), Ok(8_505));
    assert_eq!(hundredths("85"), Ok(8_500));
    assert_eq!(hundredths("0.5"), Ok(50));
    for bad in ["85.555", "85.", ".5", "-1", "85,5", "八十五", "85.5.1"] {
        assert_eq!(hundredths(bad).unwrap_err().code, "policy.digits", "{bad}");
    }
    assert_eq!(whole("1500"), Ok(1_500));
    assert_eq!(whole("1,500"), Ok(1_500));
    assert_eq!(whole("1，000，000"), Ok(1_000_000));
    for bad in ["1,50", "15,00", ",500", "1.5", "1500元", "+7", "7 天"] {
        assert_eq!(whole(bad).unwrap_err().code, "policy.digits", "{bad}");
    }
    assert_eq!(whole(" ").unwrap_err().code, "policy.missing");
    assert_eq!(whole("99999999999999999999999"), Ok(u64::MAX));
    assert_eq!(format_decimal(9_000), "90");
    assert_eq!(format_decimal(8_550), "85.5");
    assert_eq!(format_decimal(5_995), "59.95");
    assert_eq!(format_decimal(5), "0.05");
}

#[test]
fn every_policy_recorded_by_the_previous_version_still_validates() {
    use jishi::domain::EventBody;
    use jishi::store::{Ledger, MemoryStore};
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    for f in ["village_pay.json", "cadre_selection.json"] {
        let text = std::fs::read_to_string(format!("tests/golden/{f}")).unwrap();
        phone.import(&text).unwrap();
    }
    let mut policies = 0;
    for e in phone.events() {
        if let EventBody::Master(MasterEvent::PolicyChanged { policy, .. }) = &e.body {
            assert_eq!(policy.validate(), Ok(()), "{}", e.id);
            policies += 1;
        }
    }
    assert!(policies >= 1);
}

/// Cadre selection's numbers are stored under "w4", as every policy recorded so far has
/// them: changed numbers are written there and read back from there; at their defaults
/// they are left out, so older policies keep their hashes.
#[test]
fn cadre_selection_numbers_are_stored_under_w4() {
    let mut changed = Policy::default();
    changed.cadre_selection.publicity_working_days = 7;
    let json = serde_json::to_string(&changed).unwrap();
    assert!(
        json.contains(r#""w4":{"publicity_working_days":7,"#),
        "{json}"
    );
    assert!(!json.contains("cadre_selection"), "{json}");
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back.cadre_selection.publicity_working_days, 7);
    assert_eq!(back, changed);
    let default = serde_json::to_string(&Policy::default()).unwrap();
    assert!(!default.contains("w4"), "{default}");
}

#[test]
fn the_cadre_management_numbers_and_catalogue_read_back_through_the_form_and_are_bounded() {
    use jishi::domain::policy_form::{parse_policy_form, policy_form};
    let mut p = Policy::default();
    p.annual_assessment.superior_weight = 50;
    p.annual_assessment.own_weight = 0;
    p.annual_assessment.excellent_cap_pct = 15;
    p.demotion_chain.bottom_years = 3;
    p.demotion_chain
        .qualitative
        .push("工作作风：群众反映强烈、造成恶劣影响".into());
    p.reserve_pool.women_pct = 30;
    p.rotation.years_in_post = 6;
    p.rotation.exempt_age_women = 55;
    p.rotation.secondment_notice_days = 7;
    let inputs: std::collections::BTreeMap<String, String> = policy_form(&p)
        .into_iter()
        .flat_map(|s| s.fields)
        .map(|f| (f.name, f.value))
        .collect();
    let back = parse_policy_form(&Policy::default(), |name: &str| {
        inputs.get(name).cloned().unwrap_or_default()
    });
    assert_eq!(
        back.as_ref().map(|b| b.annual_assessment.clone()),
        Ok(p.annual_assessment.clone())
    );
    assert_eq!(
        back.as_ref().map(|b| b.demotion_chain.clone()),
        Ok(p.demotion_chain.clone())
    );
    assert_eq!(
        back.as_ref().map(|b| b.rotation.clone()),
        Ok(p.rotation.clone())
    );
    assert_eq!(
        back.map(|b| b.reserve_pool.clone()),
        Ok(p.reserve_pool.clone())
    );
    // The five weights must add up to 100; a standard may not be blank or repeated.
    let mut bad = Policy::default();
    bad.annual_assessment.own_weight = 20;
    bad.demotion_chain
        .qualitative
        .push(bad.demotion_chain.qualitative[0].clone());
    let codes: Vec<&str> = bad.problems().iter().map(|v| v.code).collect();
    assert_eq!(codes, vec!["policy.rater_weights", "policy.standards"]);
    let mut empty = Policy::default();
    empty.demotion_chain.qualitative.clear();
    empty.demotion_chain.quantitative.clear();
    let codes: Vec<&str> = empty.problems().iter().map(|v| v.code).collect();
    assert_eq!(
        codes,
        vec!["policy.standards"],
        "qualitative ones are needed; person-raised quantitative ones may be none"
    );
}

/// W8's cut-offs must be ordered (seed 002: 300万 < 500万, 1千万 < 1亿): a lower one
/// at or above its upper one is a problem on the lower field.
#[test]
fn audit_cut_offs_out_of_order_are_refused_on_the_lower_field() {
    let mut p = Policy::default();
    p.audit_grading.tier_low_yuan = 5_000_000;
    p.audit_grading.fund_up_yuan = 100_000_001;
    p.audit_grading.sample_min = 3;
    let fields: Vec<Option<String>> = p.problems().into_iter().map(|v| v.field).collect();
    assert_eq!(
        fields,
        vec![
            Some("audit_tier_low_yuan".to_string()),
            Some("audit_fund_up_yuan".to_string()),
            Some("audit_sample_min".to_string()),
        ]
    );
    p.audit_grading.tier_low_yuan = 4_999_999;
    p.audit_grading.fund_up_yuan = 99_999_999;
    p.audit_grading.sample_min = 2;
    assert_eq!(p.problems(), vec![]);
}
