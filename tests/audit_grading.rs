//! 经济责任审计动态分级 (W8, seed 002 霍林郭勒市): the budget tiers and special-fund
//! escalation at their exact boundaries (3,000,000 and 5,000,000; 10,000,000 and
//! 100,000,000 yuan), the refinement by the factors, plans over three years for level 1
//! (35% a year, rounded up, all within 3 years) and five for level 2 (20%, all within 5),
//! level 3's leaving, five-year and sampled audits, adjustments with reasons and the
//! warning when one makes a rule missed, corrections kept, two phones' records shown.

mod common;

use chrono::NaiveDate;
use common::{d, Device};
use jishi::domain::annual_assessment::screens::Viewer;
use jishi::domain::audit_grading::grading::{
    fund_effect, grade, parse_yuan, tier, FundEffect, Level, Tier,
};
use jishi::domain::audit_grading::plan::{plan, propose, share_of, Why};
use jishi::domain::audit_grading::policy::AuditPolicy;
use jishi::domain::audit_grading::screens::{overview_screen, plan_screen, unit_screen};
use jishi::domain::audit_grading::{Command, Fix, SpecialFund, UnitYear, UnitYearInput};
use jishi::domain::event::Role;
use jishi::domain::screen::{texts, Block};

const AUDITOR: Role = Role::Auditor;

fn year_of(
    unit: &str,
    name: &str,
    year: i32,
    budget: u64,
    factors: (u32, u32, u32),
) -> UnitYearInput {
    UnitYearInput {
        unit: unit.into(),
        name: name.into(),
        year,
        budget,
        decision: factors.0,
        allocation: factors.1,
        attention: factors.2,
        funds: Vec::new(),
        head_since: d(2023, 3, 1),
        head_left: None,
    }
}

fn record(dev: &mut Device, on: NaiveDate, y: UnitYearInput) {
    dev.ok(
        AUDITOR,
        on,
        Command::UnitYear {
            year: y,
            why: String::new(),
            seen: vec![],
        },
    );
}

fn audit(dev: &mut Device, unit: &str, on: NaiveDate) {
    let cmd = Command::Done {
        unit: unit.into(),
        on,
        report: format!("霍审经责〔{}〕{unit}号", on.format("%Y")),
        fix: Fix::default(),
    };
    dev.ok(AUDITOR, on, cmd);
}

fn adjust(unit: &str, year: i32, add: bool, reason: &str) -> Command {
    Command::Adjust {
        year,
        unit: unit.into(),
        add,
        reason: reason.into(),
        seen: Vec::new(),
    }
}

fn unit_year(budget: u64, factors: (u32, u32, u32), funds: &[u64], year: i32) -> UnitYear {
    UnitYear {
        name: "旗财政局".into(),
        year,
        budget,
        decision: factors.0,
        allocation: factors.1,
        attention: factors.2,
        funds: funds
            .iter()
            .map(|a| SpecialFund {
                amount: *a,
                purpose: "项目".into(),
            })
            .collect(),
        head_since: d(2023, 3, 1),
        head_left: None,
    }
}

fn viewer(today: NaiveDate) -> Viewer {
    Viewer {
        role: Some(AUDITOR),
        today,
        zh: true,
    }
}

fn planned(dev: &Device, year: i32) -> Vec<String> {
    let p = plan(&dev.state().audit_grading, year, &AuditPolicy::default());
    p.planned.iter().map(|x| x.unit.clone()).collect()
}

/// "500万元以上、300—500万、300万以下": 5,000,000 is the first tier, 4,999,999 and
/// 3,000,000 the second, 2,999,999 the third.
#[test]
fn budget_tiers_at_the_exact_boundaries() {
    let p = AuditPolicy::default();
    assert_eq!(tier(2_999_999, &p), Tier::Low);
    assert_eq!(tier(3_000_000, &p), Tier::Middle);
    assert_eq!(tier(4_999_999, &p), Tier::Middle);
    assert_eq!(tier(5_000_000, &p), Tier::High);
    assert_eq!(tier(0, &p), Tier::Low);
    // With middling factors (score 3 of 9) the tier is the level.
    let level = |budget| grade(&unit_year(budget, (1, 1, 1), &[], 2026), 2026, &p).level;
    assert_eq!(level(2_999_999), Level::Three);
    assert_eq!(level(3_000_000), Level::Two);
    assert_eq!(level(4_999_999), Level::Two);
    assert_eq!(level(5_000_000), Level::One);
}

/// "1亿元以上……特殊级别；1亿元以下1千万元以上……上一审计级别；1千万元以下的，实行当年
/// 调级，两年内审计".
#[test]
fn special_funds_at_the_exact_boundaries() {
    let p = AuditPolicy::default();
    assert_eq!(fund_effect(9_999_999, &p), Some(FundEffect::UpAndAudit));
    assert_eq!(fund_effect(10_000_000, &p), Some(FundEffect::Up));
    assert_eq!(fund_effect(99_999_999, &p), Some(FundEffect::Up));
    assert_eq!(fund_effect(100_000_000, &p), Some(FundEffect::Special));
    assert_eq!(fund_effect(0, &p), None);
    let level =
        |funds: &[u64]| grade(&unit_year(2_000_000, (1, 1, 1), funds, 2026), 2026, &p).level;
    assert_eq!(level(&[]), Level::Three);
    assert_eq!(level(&[9_999_999]), Level::Two);
    assert_eq!(level(&[10_000_000]), Level::Two);
    assert_eq!(level(&[99_999_999, 5_000]), Level::Two);
    assert_eq!(level(&[100_000_000]), Level::Special);
    // One level up from level 1 stays level 1; the funds count only in their own year.
    let one = grade(
        &unit_year(6_000_000, (1, 1, 1), &[50_000_000], 2026),
        2026,
        &p,
    );
    assert_eq!(one.level, Level::One);
    let next = grade(
        &unit_year(2_000_000, (1, 1, 1), &[100_000_000], 2026),
        2027,
        &p,
    );
    assert_eq!(next.level, Level::Three);
}

#[test]
fn special_fund_escalation_in_the_plan() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 1, 15);
    // Three level-3 units: one with a 1亿 fund, one with 9,999,999, one with none.
    let mut big = year_of("au-big", "旗交通运输局", 2026, 2_000_000, (1, 1, 1));
    big.funds = vec![SpecialFund {
        amount: 100_000_000,
        purpose: "国道改扩建".into(),
    }];
    let mut small = year_of("au-small", "旗农牧局", 2026, 2_000_000, (1, 1, 1));
    small.funds = vec![SpecialFund {
        amount: 9_999_999,
        purpose: "高标准农田".into(),
    }];
    record(&mut dev, on, big);
    record(&mut dev, on, small);
    record(
        &mut dev,
        on,
        year_of("au-none", "旗档案馆", 2026, 2_000_000, (1, 1, 1)),
    );
    let p = AuditPolicy::default();
    let audit_state = &dev.state().audit_grading;
    let this = plan(audit_state, 2026, &p);
    let big = this
        .planned
        .iter()
        .find(|x| x.unit == "au-big")
        .expect("the special level is in");
    assert_eq!(
        (big.level, big.why.clone()),
        (Level::Special, vec![Why::Special])
    );
    // The small fund raises 农牧局 to level 2 this year; not yet due (two years: by 2027).
    let levels = jishi::domain::audit_grading::plan::levels_in(audit_state, 2026, &p);
    let small_level = levels
        .iter()
        .find(|(u, _)| u == "au-small")
        .map(|(_, g)| g.level);
    assert_eq!(small_level, Some(Level::Two));
    // In 2027 (no new record) it is due: within two years of the fund's year.
    let next = plan(audit_state, 2027, &p);
    let small = next
        .planned
        .iter()
        .find(|x| x.unit == "au-small")
        .expect("due in 2027");
    assert!(
        small.why.contains(&Why::FundDue {
            fund_year: 2026,
            due: 2027
        }),
        "{:?}",
        small.why
    );
    assert_eq!(small.level, Level::Three, "the raise was for 2026 only");
    // Audited in 2026, it is not due in 2027 for the fund.
    audit(&mut dev, "au-small", d(2026, 11, 20));
    let next = plan(&dev.state().audit_grading, 2027, &p);
    let small = next.planned.iter().find(|x| x.unit == "au-small");
    assert!(small.is_none_or(|x| !x.why.iter().any(|w| matches!(w, Why::FundDue { .. }))));
}

/// "在基础档次确定后，将行政决策权重、经济决策权重、资金分配权重、社会关注度等内容作为补充
/// 因素": a weighted sum of 7 or more (of 9) raises the tier a level, 2 or less lowers it.
#[test]
fn the_factors_refine_the_level() {
    let p = AuditPolicy::default();
    let level = |budget, f| grade(&unit_year(budget, f, &[], 2026), 2026, &p);
    assert_eq!(
        level(6_000_000, (0, 1, 1)).level,
        Level::Two,
        "score 2 lowers"
    );
    assert_eq!(level(6_000_000, (1, 1, 1)).level, Level::One);
    assert_eq!(
        level(2_000_000, (3, 3, 1)).level,
        Level::Two,
        "score 7 raises"
    );
    assert_eq!(
        level(2_000_000, (3, 2, 1)).level,
        Level::Three,
        "score 6 stays"
    );
    assert_eq!(level(4_000_000, (3, 3, 3)).level, Level::One);
    assert_eq!(level(4_000_000, (0, 0, 0)).level, Level::Three);
    assert_eq!(
        level(2_000_000, (0, 0, 0)).level,
        Level::Three,
        "level 3 stays"
    );
    assert_eq!(level(4_000_000, (3, 3, 3)).score, 9);
    // The weights are the policy's: decision counted three times makes (3,0,1) a 10.
    let heavy = AuditPolicy {
        decision_weight: 3,
        ..AuditPolicy::default()
    };
    let g = grade(&unit_year(4_000_000, (3, 0, 1), &[], 2026), 2026, &heavy);
    assert_eq!((g.score, g.level), (10, Level::One));
}

/// 35% of 7 is 2.45: at least 3 a year (a minimum share rounds up).
#[test]
fn a_minimum_share_rounds_up() {
    assert_eq!(share_of(7, 35), 3);
    assert_eq!(share_of(20, 35), 7);
    assert_eq!(share_of(10, 20), 2);
    assert_eq!(share_of(11, 20), 3);
    assert_eq!(share_of(0, 35), 0);
    assert_eq!(share_of(u64::MAX, 100), u64::MAX.div_ceil(100));
}

fn seven_level_one(dev: &mut Device, on: NaiveDate) -> Vec<String> {
    let names = [
        "旗财政局",
        "旗发改委",
        "旗住建局",
        "旗交通局",
        "旗水利局",
        "旗教育局",
        "旗卫健委",
    ];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let id = format!("au-l1-{i}");
        record(
            dev,
            on,
            year_of(
                &id,
                name,
                on.format("%Y").to_string().parse().unwrap(),
                6_000_000 + i as u64,
                (2, 2, 1),
            ),
        );
        ids.push(id);
    }
    ids
}

#[test]
fn a_three_year_plan_meets_35_per_cent_a_year_and_covers_every_level_one_unit() {
    let mut dev = Device::new("phone-audit");
    let units = seven_level_one(&mut dev, d(2024, 1, 10));
    let mut covered = std::collections::BTreeSet::new();
    for year in 2024..=2026 {
        let p = plan(&dev.state().audit_grading, year, &AuditPolicy::default());
        assert!(p.misses.is_empty(), "{year}: {:?}", p.misses);
        let one = p.levels.iter().find(|c| c.level == Level::One).unwrap();
        assert_eq!((one.units, one.needed), (7, 3));
        assert!(p.planned.len() >= 3, "{year}: {:?}", p.planned);
        for x in &p.planned {
            audit(&mut dev, &x.unit, d(year, 10, 15));
            covered.insert(x.unit.clone());
        }
        if year == 2026 {
            // The last never-audited unit is in by its cycle.
            assert!(p.planned.iter().any(|x| x.why.iter().any(|w| matches!(
                w,
                Why::Cycle {
                    due: 2026,
                    last: None
                }
            ))));
        }
    }
    assert_eq!(
        covered.len(),
        units.len(),
        "every level-1 unit within 3 years"
    );
    // The fourth year: a unit last audited in 2024 runs out of its cycle (2024 + 3).
    let state = &dev.state().audit_grading;
    let last_2024: Vec<&String> = units
        .iter()
        .filter(|u| {
            state
                .audits_of(u)
                .last()
                .map(|a| a.1.on.format("%Y").to_string())
                == Some("2024".into())
        })
        .collect();
    assert!(!last_2024.is_empty());
    let p = plan(state, 2027, &AuditPolicy::default());
    for u in last_2024 {
        let x = p
            .planned
            .iter()
            .find(|x| &x.unit == u)
            .expect("due by its cycle");
        assert!(
            x.why.contains(&Why::Cycle {
                due: 2027,
                last: Some(2024)
            }),
            "{:?}",
            x.why
        );
    }
    assert!(p.misses.is_empty());
}

#[test]
fn level_two_is_covered_within_five_years_at_20_per_cent_a_year() {
    let mut dev = Device::new("phone-audit");
    let on = d(2024, 1, 10);
    for i in 0..10 {
        record(
            &mut dev,
            on,
            year_of(
                &format!("au-l2-{i}"),
                &format!("二级单位{i}"),
                2024,
                4_000_000,
                (1, 1, 1),
            ),
        );
    }
    let mut covered = std::collections::BTreeSet::new();
    for year in 2024..=2028 {
        let p = plan(&dev.state().audit_grading, year, &AuditPolicy::default());
        assert!(p.misses.is_empty(), "{year}: {:?}", p.misses);
        let two = p.levels.iter().find(|c| c.level == Level::Two).unwrap();
        assert_eq!((two.units, two.needed), (10, 2));
        assert_eq!(p.planned.len(), 2, "{year}");
        for x in &p.planned {
            audit(&mut dev, &x.unit, d(year, 9, 1));
            covered.insert(x.unit.clone());
        }
    }
    assert_eq!(covered.len(), 10);
}

#[test]
fn level_three_on_leaving_at_five_years_in_office_and_one_sample() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 12, 1);
    let mut left = year_of("au-left", "旗档案馆", 2026, 1_000_000, (1, 1, 1));
    left.head_left = Some(d(2026, 11, 3));
    let mut five = year_of("au-five", "旗文联", 2026, 1_000_000, (1, 1, 1));
    five.head_since = d(2022, 4, 1);
    let mut four = year_of("au-four", "旗科协", 2026, 1_000_000, (1, 1, 1));
    four.head_since = d(2023, 4, 1);
    let mut other = year_of("au-other", "旗地震局", 2026, 1_000_000, (1, 1, 1));
    other.head_since = d(2024, 4, 1);
    for y in [left, five, four, other] {
        record(&mut dev, on, y);
    }
    let p = plan(&dev.state().audit_grading, 2027, &AuditPolicy::default());
    let why = |u: &str| {
        p.planned
            .iter()
            .find(|x| x.unit == u)
            .map(|x| x.why.clone())
    };
    assert_eq!(why("au-left"), Some(vec![Why::Leaving(d(2026, 11, 3))]));
    assert_eq!(
        why("au-five"),
        Some(vec![Why::Term(d(2022, 4, 1))]),
        "2022 + 5 = 2027"
    );
    let samples = p
        .planned
        .iter()
        .filter(|x| x.why == vec![Why::Sample])
        .count();
    assert_eq!(samples, 1, "{:?}", p.planned);
    assert_eq!(p.planned.len(), 3);
    assert!(p.misses.is_empty());
    // Audited after the leaving, the unit is not due again.
    audit(&mut dev, "au-left", d(2026, 11, 30));
    let p = plan(&dev.state().audit_grading, 2027, &AuditPolicy::default());
    assert!(p
        .planned
        .iter()
        .all(|x| x.unit != "au-left" || x.why == vec![Why::Sample]));
}

#[test]
fn next_years_plan_adjusted_with_reasons_warns_when_a_rule_will_be_missed() {
    let mut dev = Device::new("phone-audit");
    let units = seven_level_one(&mut dev, d(2026, 1, 10));
    let today = d(2026, 12, 1);
    let first = planned(&dev, 2027);
    assert_eq!(first.len(), 3);
    assert!(
        plan(&dev.state().audit_grading, 2027, &AuditPolicy::default())
            .misses
            .is_empty()
    );
    // Without a reason nothing is recorded.
    let code = dev.refused(AUDITOR, today, adjust(&first[0], 2027, false, " "));
    assert_eq!(code, "field.required");
    let invisible = adjust(&first[0], 2027, false, "\u{200B}\u{200D}");
    assert_eq!(dev.refused(AUDITOR, today, invisible), "field.required");
    // Taking one out leaves 2 of the 3 level 1 needs.
    dev.ok(
        AUDITOR,
        today,
        adjust(&first[0], 2027, false, "该局2026年已接受巡察，延后一年"),
    );
    let p = plan(&dev.state().audit_grading, 2027, &AuditPolicy::default());
    assert_eq!(p.planned.len(), 2);
    assert_eq!(p.removed.len(), 1);
    assert_eq!(p.removed[0].reason, "该局2026年已接受巡察，延后一年");
    assert_eq!(p.misses.len(), 1, "{:?}", p.misses);
    assert_eq!(
        p.misses[0].zh,
        "一级审计对象7个，每年应审计至少3个（35%，向上取整），计划只有2个"
    );
    // The warning is on the plan page and on the auditor's home, with its count.
    let screen = plan_screen(dev.state(), 2027, &viewer(today));
    let said = texts(&screen).join("\n");
    assert!(said.contains("计划只有2个"), "{said}");
    let todos = jishi::domain::audit_grading::todos::todos(dev.state(), today, true);
    assert!(todos
        .iter()
        .any(|t| t.text == "2027年经济责任审计计划有1条规则将无法满足"
            && t.urgent
            && t.shown_to(Some(AUDITOR))));
    assert!(!todos
        .iter()
        .any(|t| t.shown_to(Some(Role::Recorder)) && t.text.contains("2027")));
    // Taking out one already out, or adding one already in, is refused.
    assert_eq!(
        dev.refused(
            AUDITOR,
            today,
            adjust_seen(
                &first[0],
                2027,
                false,
                "再次",
                adjustment_versions(&dev, 2027, &first[0])
            )
        ),
        "audit.not_in_plan"
    );
    assert_eq!(
        dev.refused(AUDITOR, today, adjust(&first[1], 2027, true, "重复")),
        "audit.in_plan"
    );
    // Adding another level-1 unit meets the share again.
    let other = units.iter().find(|u| !first.contains(u)).unwrap();
    dev.ok(
        AUDITOR,
        today,
        adjust(other, 2027, true, "群众反映问题集中，提前审计"),
    );
    let p = plan(&dev.state().audit_grading, 2027, &AuditPolicy::default());
    assert!(p.misses.is_empty(), "{:?}", p.misses);
    let added = p.planned.iter().find(|x| &x.unit == other).unwrap();
    assert_eq!(
        added.why,
        vec![Why::Added("群众反映问题集中，提前审计".into())]
    );
    // A past year's plan is not adjusted.
    assert_eq!(
        dev.refused(AUDITOR, today, adjust(other, 2025, true, "补")),
        "audit.past"
    );
    // The CSV holds the plan, Excel-ready.
    let csv = screen_download(&plan_screen(dev.state(), 2027, &viewer(today)), "plan-csv");
    assert!(
        csv.starts_with("\u{feff}单位,审计级别,列入原因,完成情况\r\n"),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 4);
}

fn screen_download(screen: &jishi::domain::screen::Screen, id: &str) -> String {
    screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Download {
                testid, content, ..
            } if *testid == id => Some(content.clone()),
            _ => None,
        })
        .expect("the download")
}

#[test]
fn taking_out_a_unit_a_rule_requires_names_the_rule_missed() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 1, 10);
    let mut big = year_of("au-big", "旗交通运输局", 2026, 2_000_000, (1, 1, 1));
    big.funds = vec![SpecialFund {
        amount: 120_000_000,
        purpose: "国道改扩建".into(),
    }];
    record(&mut dev, on, big);
    dev.ok(AUDITOR, on, adjust("au-big", 2026, false, "项目尚未开工"));
    let p = plan(&dev.state().audit_grading, 2026, &AuditPolicy::default());
    assert_eq!(p.misses.len(), 1);
    assert_eq!(
        p.misses[0].zh,
        "旗交通运输局已移出计划，将无法满足：特殊级别（专项资金1亿元以上），当年跟踪审计"
    );
}

#[test]
fn a_year_recorded_again_is_a_correction_with_a_reason_and_both_are_kept() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 2, 1);
    record(
        &mut dev,
        on,
        year_of("au-1", "旗财政局", 2026, 4_999_999, (1, 1, 1)),
    );
    let again = Command::UnitYear {
        year: year_of("au-1", "旗财政局", 2026, 5_000_000, (1, 1, 1)),
        why: String::new(),
        seen: vec![],
    };
    assert_eq!(dev.refused(AUDITOR, on, again), "audit.why");
    let seen = dev.state().audit_grading.units["au-1"][&2026].live_ids();
    let fix = Command::UnitYear {
        year: year_of("au-1", "旗财政局", 2026, 5_000_000, (1, 1, 1)),
        why: "预算调整后为500万元".into(),
        seen,
    };
    dev.ok(AUDITOR, on, fix);
    let audit_state = &dev.state().audit_grading;
    let versions = &audit_state.units["au-1"][&2026];
    assert_eq!(versions.len(), 2, "the first record is kept");
    assert!(!versions.conflicted());
    assert_eq!(
        audit_state.year_of("au-1", 2026).map(|y| y.budget),
        Some(5_000_000)
    );
    let screen = unit_screen(dev.state(), "au-1", &viewer(on));
    assert!(texts(&screen).join("\n").contains("一级"));
    // An audit done, corrected and then withdrawn, each with why.
    audit(&mut dev, "au-1", d(2026, 3, 1));
    let (id, _, _) = dev.state().audit_grading.audits_of("au-1")[0];
    let id = id.to_string();
    let seen = dev.state().audit_grading.audits.by_id[&id].live_ids();
    let correct = Command::Done {
        unit: "au-1".into(),
        on: d(2026, 3, 2),
        report: "霍审经责〔2026〕3号".into(),
        fix: Fix {
            record: id.clone(),
            withdrawn: false,
            reason: "文号录错".into(),
            seen,
        },
    };
    dev.ok(AUDITOR, on.max(d(2026, 3, 5)), correct);
    let a = dev.state().audit_grading.audits_of("au-1");
    assert_eq!(
        (a.len(), a[0].1.report.as_str()),
        (1, "霍审经责〔2026〕3号")
    );
    let seen = dev.state().audit_grading.audits.by_id[&id].live_ids();
    let bare = Command::Done {
        unit: "au-1".into(),
        on,
        report: String::new(),
        fix: Fix {
            record: id.clone(),
            withdrawn: true,
            reason: String::new(),
            seen: seen.clone(),
        },
    };
    assert_eq!(dev.refused(AUDITOR, d(2026, 3, 5), bare), "field.required");
    let withdraw = Command::Done {
        unit: "au-1".into(),
        on,
        report: String::new(),
        fix: Fix {
            record: id,
            withdrawn: true,
            reason: "重复录入".into(),
            seen,
        },
    };
    dev.ok(AUDITOR, d(2026, 3, 5), withdraw);
    assert!(dev.state().audit_grading.audits_of("au-1").is_empty());
}

#[test]
fn two_phones_budgets_differing_are_kept_and_shown() {
    let mut a = Device::new("phone-a");
    let mut b = Device::new("phone-b");
    let on = d(2026, 2, 1);
    record(
        &mut a,
        on,
        year_of("au-1", "旗财政局", 2026, 4_000_000, (1, 1, 1)),
    );
    a.send_to(&mut b);
    let seen = a.state().audit_grading.units["au-1"][&2026].live_ids();
    let fix = |budget, why: &str| Command::UnitYear {
        year: year_of("au-1", "旗财政局", 2026, budget, (1, 1, 1)),
        why: why.into(),
        seen: seen.clone(),
    };
    a.ok(AUDITOR, d(2026, 2, 2), fix(5_000_000, "按人大批复数更正"));
    b.ok(AUDITOR, d(2026, 2, 2), fix(4_500_000, "按财政局来函更正"));
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        let versions = &dev.state().audit_grading.units["au-1"][&2026];
        assert!(versions.conflicted());
        let said = texts(&unit_screen(dev.state(), "au-1", &viewer(on))).join("\n");
        assert!(
            said.contains("5,000,000") && said.contains("4,500,000"),
            "{said}"
        );
        assert!(said.contains("两部手机记录不一致"));
        let todos = jishi::domain::audit_grading::todos::todos(dev.state(), on, true);
        assert!(todos.iter().any(|t| t.text.contains("两部手机上不一致")));
    }
}

#[test]
fn only_the_audit_office_and_the_administrator_record() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 2, 1);
    let cmd = Command::UnitYear {
        year: year_of("au-1", "旗财政局", 2026, 4_000_000, (1, 1, 1)),
        why: String::new(),
        seen: vec![],
    };
    assert_eq!(dev.refused(Role::Recorder, on, cmd.clone()), "auth.role");
    dev.ok(Role::Admin, on, cmd);
    // The auditor's home leads to next year's plan.
    let todos = jishi::domain::audit_grading::todos::todos(dev.state(), on, true);
    let plan_todo = todos
        .iter()
        .find(|t| t.text == "2027年经济责任审计计划：1个单位，请审定");
    assert!(
        plan_todo.is_some_and(|t| t.shown_to(Some(AUDITOR)) && !t.shown_to(Some(Role::Recorder)))
    );
    let screen = overview_screen(
        dev.state(),
        &Viewer {
            role: Some(Role::Recorder),
            today: on,
            zh: true,
        },
    );
    assert!(texts(&screen).join("\n").contains("审计局"));
}

#[test]
fn bad_amounts_and_ratings_are_refused_whole() {
    assert_eq!(parse_yuan("5,000,000"), Some(5_000_000));
    assert_eq!(parse_yuan(" 3000000 "), Some(3_000_000));
    assert_eq!(parse_yuan("３０００"), Some(3_000));
    for bad in [
        "",
        "5000000.5",
        "-1",
        "1e6",
        "五百万",
        "1000000000001",
        "99999999999999999999999",
    ] {
        assert_eq!(parse_yuan(bad), None, "{bad}");
    }
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 2, 1);
    let mut y = year_of("au-1", "旗财政局", 2026, 4_000_000, (4, 1, 1));
    let cmd = |y: UnitYearInput| Command::UnitYear {
        year: y,
        why: String::new(),
        seen: vec![],
    };
    assert_eq!(dev.refused(AUDITOR, on, cmd(y.clone())), "audit.rating");
    y.decision = 1;
    y.funds = vec![SpecialFund {
        amount: 0,
        purpose: "x".into(),
    }];
    assert_eq!(dev.refused(AUDITOR, on, cmd(y.clone())), "audit.amount");
    y.funds = vec![];
    y.head_left = Some(d(2020, 1, 1));
    assert_eq!(dev.refused(AUDITOR, on, cmd(y.clone())), "audit.date");
    y.head_left = None;
    y.year = 2028;
    assert_eq!(
        dev.refused(AUDITOR, on, cmd(y.clone())),
        "audit.year",
        "a budget after next year"
    );
    y.year = 2027;
    record(&mut dev, on, y.clone());
    let early = Command::Adjust {
        year: 2026,
        unit: "au-1".into(),
        add: true,
        reason: "提前".into(),
        seen: Vec::new(),
    };
    assert_eq!(dev.refused(AUDITOR, on, early), "audit.no_budget");
    y.unit = "a b".into();
    assert_eq!(dev.refused(AUDITOR, on, cmd(y)), "id.alphabet");
    assert_eq!(
        dev.state().audit_grading.units.len(),
        1,
        "only next year's budget"
    );
}

#[test]
fn the_overview_shows_levels_plans_and_a_units_csv() {
    let mut dev = Device::new("phone-audit");
    seven_level_one(&mut dev, d(2026, 1, 10));
    let screen = overview_screen(dev.state(), &viewer(d(2026, 6, 1)));
    let said = texts(&screen).join("\n");
    assert!(said.contains("2027年审计计划（3个单位）"), "{said}");
    let csv = screen_download(&screen, "units-csv");
    assert!(csv.starts_with(
        "\u{feff}单位,预算年度,财政预算资金（元）,审计级别,定级依据,最近审计日期\r\n"
    ));
    assert!(csv.contains("旗财政局,2026,6000000,一级,"), "{csv}");
    let _ = propose(&dev.state().audit_grading, 2026, &AuditPolicy::default());
}

fn form_block(
    screen: &jishi::domain::screen::Screen,
    id: &str,
) -> jishi::domain::screen::FormBlock {
    screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Form(f) if f.testid == id => Some((**f).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no form {id}"))
}

/// The unit form as typed: "5,000,000" is read as whole yuan, "600万" or "5000000.5" is
/// refused on its field with nothing recorded; the plan's forms read a reason.
#[test]
fn the_forms_read_whole_yuan_strictly_and_adjust_with_a_reason() {
    use jishi::domain::form::Inputs;
    use jishi::domain::screen::Sent;
    let mut dev = Device::new("phone-audit");
    let today = d(2026, 11, 2);
    let sent = Sent {
        today,
        now_ms: 1_800_000_000_000,
        random: 7,
    };
    let block = form_block(&overview_screen(dev.state(), &viewer(today)), "audit_unit");
    let typed = |budget: &str, fund: &str| {
        let mut i = Inputs::new();
        for (k, v) in [
            ("name", "霍林郭勒市财政局"),
            ("year", "2026"),
            ("budget", budget),
            ("decision", "2"),
            ("allocation", "2"),
            ("attention", "1"),
            ("fund_amount.0", fund),
            (
                "fund_purpose.0",
                if fund.is_empty() {
                    ""
                } else {
                    "城区供热管网改造"
                },
            ),
            ("head_since", "2021-03-01"),
            ("head_left", ""),
        ] {
            i.insert(k.into(), v.into());
        }
        i
    };
    for bad in ["600万", "5000000.5", "-5000000"] {
        let e = (block.read)(&block, &typed(bad, ""), &sent, dev.state()).unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("budget"), "{bad}");
        assert_eq!(
            e[0].zh,
            "请填写整数元（如 5000000 或 5,000,000），不带小数、不超过1万亿元"
        );
    }
    let e = (block.read)(&block, &typed("5,000,000", "1.5亿"), &sent, dev.state()).unwrap_err();
    assert_eq!(e[0].field.as_deref(), Some("funds"));
    let cmd = (block.read)(&block, &typed("5,000,000", "9,999,999"), &sent, dev.state()).unwrap();
    dev.ok(AUDITOR, today, cmd);
    let audit_state = &dev.state().audit_grading;
    let (unit, years) = audit_state.units.iter().next().unwrap();
    let unit = &unit.clone();
    let y = years[&2026].current().unwrap();
    assert_eq!(
        (y.budget, y.decision, y.allocation, y.attention),
        (5_000_000, 2, 2, 1)
    );
    assert_eq!(
        y.funds,
        vec![SpecialFund {
            amount: 9_999_999,
            purpose: "城区供热管网改造".into()
        }]
    );
    // Score 5: level 1 by the budget, no fund over it (a small fund raises level 1 no
    // higher) and audited within two years.
    assert!(texts(&unit_screen(dev.state(), unit, &viewer(today)))
        .join("\n")
        .contains("2026年审计级别：一级"));
    // The unit's year form starts from what was recorded: correcting the budget is one
    // field and the reason.
    let year_form = form_block(
        &unit_screen(dev.state(), unit, &viewer(today)),
        "audit_unit_year",
    );
    assert_eq!(
        year_form.init.get("budget").map(String::as_str),
        Some("5000000")
    );
    assert_eq!(
        year_form.init.get("fund_amount.0").map(String::as_str),
        Some("9999999")
    );
    let mut i = year_form.init.clone();
    i.insert("budget".into(), "4,999,999".into());
    let e = (year_form.read)(&year_form, &i, &sent, dev.state()).unwrap();
    assert_eq!(dev.refused(AUDITOR, today, e), "audit.why");
    i.insert("why".into(), "按人大批复更正".into());
    let cmd = (year_form.read)(&year_form, &i, &sent, dev.state()).unwrap();
    dev.ok(AUDITOR, today, cmd);
    let versions = &dev.state().audit_grading.units[unit.as_str()][&2026];
    assert_eq!(
        (versions.len(), versions.current().map(|y| y.budget)),
        (2, Some(4_999_999))
    );
    // Next year's plan: take the unit out with a reason read from the form.
    let unit = unit.clone();
    let plan_page = plan_screen(dev.state(), 2027, &viewer(today));
    let remove = form_block(&plan_page, "audit_remove");
    let mut i = Inputs::new();
    i.insert("unit".into(), unit.clone());
    i.insert("reason".into(), " ".into());
    let e = (remove.read)(&remove, &i, &sent, dev.state()).unwrap_err();
    assert_eq!(e[0].field.as_deref(), Some("reason"));
    i.insert("reason".into(), "审计力量不足，延后".into());
    let cmd = (remove.read)(&remove, &i, &sent, dev.state()).unwrap();
    dev.ok(AUDITOR, today, cmd);
    let p = plan(&dev.state().audit_grading, 2027, &AuditPolicy::default());
    assert_eq!(p.removed[0].reason, "审计力量不足，延后");
    // The fund of 2026 under 10,000,000 makes 2027 its last year: a rule now missed.
    assert!(
        p.misses.iter().any(|m| m.zh.contains("两年内审计")),
        "{:?}",
        p.misses
    );
}

/// Two phones adjusting one unit of one year's plan differently: both kept, the plan
/// applies neither and flags the unit (plan page and home, with the count) until a
/// decision naming both is recorded; one phone's later adjustment that saw the earlier
/// one replaces it, the earlier kept as the trace.
#[test]
fn two_phones_adjusting_one_unit_differently_are_kept_until_a_decision_names_both() {
    let mut a = Device::new("phone-a");
    let mut b = Device::new("phone-b");
    let units = seven_level_one(&mut a, d(2026, 1, 10));
    a.send_to(&mut b);
    let today = d(2026, 12, 1);
    let first = planned(&a, 2027);
    let unit = first[0].clone();
    let other = units.iter().find(|u| !first.contains(u)).unwrap().clone();
    // Phone a takes it out and puts it back (it saw its own removal): one standing.
    a.ok(AUDITOR, today, adjust(&unit, 2027, false, "该局已接受巡察"));
    let seen = adjustment_versions(&a, 2027, &unit);
    assert_eq!(seen.len(), 1);
    a.ok(
        AUDITOR,
        today,
        adjust_seen(&unit, 2027, true, "巡察未涉及财务，仍审", seen.clone()),
    );
    assert!(planned(&a, 2027).contains(&unit));
    let versions = &a.state().audit_grading.adjustments[&(2027, unit.clone())];
    assert_eq!(
        versions.len(),
        2,
        "the earlier adjustment is kept as the trace"
    );
    assert!(!versions.conflicted());
    // A second adjustment of the same unit that saw nothing is refused as stale.
    assert_eq!(
        a.refused(AUDITOR, today, adjust(&unit, 2027, false, "再移出")),
        "audit.stale"
    );
    // Phone b, offline, never saw phone a's adjustments: it takes the other unit out
    // differently from what phone a then does with it.
    b.ok(
        AUDITOR,
        today,
        adjust(&first[1], 2027, false, "乙手机：人员不足"),
    );
    a.ok(
        AUDITOR,
        today,
        adjust(&first[1], 2027, false, "甲手机：已列入巡察"),
    );
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        let st = &dev.state().audit_grading;
        let versions = &st.adjustments[&(2027, first[1].clone())];
        assert_eq!(versions.live().len(), 2);
        assert!(versions.conflicted());
        let p = plan(st, 2027, &AuditPolicy::default());
        assert_eq!(p.differing.len(), 1, "{:?}", p.differing);
        // Neither is applied by arrival order: the unit stays as proposed.
        assert!(p.planned.iter().any(|x| x.unit == first[1]));
        let said = texts(&plan_screen(dev.state(), 2027, &viewer(today))).join("\n");
        assert!(
            said.contains("乙手机：人员不足") && said.contains("甲手机：已列入巡察"),
            "{said}"
        );
        assert!(said.contains("两部手机"), "{said}");
        let todos = jishi::domain::audit_grading::todos::todos(dev.state(), today, true);
        assert!(
            todos.iter().any(|t| t.text
                == "2027年经济责任审计计划有1个单位的调整在两部手机上不一致，请审定"
                && t.shown_to(Some(AUDITOR))),
            "{:?}",
            todos.iter().map(|t| &t.text).collect::<Vec<_>>()
        );
    }
    let both = adjustment_versions(&a, 2027, &first[1]);
    assert_eq!(both.len(), 2);
    // The decision names both: it stands, the two are kept as the trace.
    a.ok(
        AUDITOR,
        today,
        adjust_seen(&first[1], 2027, false, "经研究移出：已列入巡察", both),
    );
    a.send_to(&mut b);
    for dev in [&a, &b] {
        let st = &dev.state().audit_grading;
        let versions = &st.adjustments[&(2027, first[1].clone())];
        assert!(!versions.conflicted());
        assert_eq!(versions.len(), 3);
        let p = plan(st, 2027, &AuditPolicy::default());
        assert!(p.differing.is_empty());
        assert!(!p.planned.iter().any(|x| x.unit == first[1]));
        assert_eq!(p.removed.len(), 1);
        assert_eq!(p.removed[0].reason, "经研究移出：已列入巡察");
    }
    // Adding the other unit: fine (nothing seen, nothing recorded of it).
    a.ok(AUDITOR, today, adjust(&other, 2027, true, "群众反映集中"));
}

fn adjustment_versions(dev: &Device, year: i32, unit: &str) -> Vec<String> {
    dev.state().audit_grading.adjustments[&(year, unit.to_string())].live_ids()
}

fn adjust_seen(unit: &str, year: i32, add: bool, reason: &str, seen: Vec<String>) -> Command {
    Command::Adjust {
        year,
        unit: unit.into(),
        add,
        reason: reason.into(),
        seen,
    }
}

/// 35% of 0, 1, 2 and 3 units: none, then at least one, one, two (rounded up).
#[test]
fn the_share_of_a_few_units_rounds_up() {
    assert_eq!(share_of(0, 35), 0);
    assert_eq!(share_of(1, 35), 1);
    assert_eq!(share_of(2, 35), 1);
    assert_eq!(share_of(3, 35), 2);
    assert_eq!(share_of(1, 20), 1);
    assert_eq!(share_of(5, 20), 1);
    assert_eq!(share_of(6, 20), 2);
}

/// Ratings and weights at their integer limits (a record or policy from elsewhere) give
/// a level, never an overflow.
#[test]
fn factors_and_weights_at_their_limits_do_not_overflow() {
    let p = AuditPolicy {
        decision_weight: u32::MAX,
        allocation_weight: u32::MAX,
        attention_weight: u32::MAX,
        ..AuditPolicy::default()
    };
    let y = unit_year(u64::MAX, (u32::MAX, u32::MAX, u32::MAX), &[u64::MAX], 2026);
    let g = grade(&y, 2026, &p);
    assert_eq!(g.level, Level::Special);
    assert_eq!(g.score, u64::MAX);
}

/// An audit's report dated before 2000 (a slip of the year) is refused with a clear
/// message, as one after today is.
#[test]
fn an_audit_dated_far_in_the_past_or_in_the_future_is_refused() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 2, 1);
    record(
        &mut dev,
        on,
        year_of("au-1", "旗财政局", 2026, 4_000_000, (1, 1, 1)),
    );
    let done = |day| Command::Done {
        unit: "au-1".into(),
        on: day,
        report: "霍审经责〔2026〕1号".into(),
        fix: Fix::default(),
    };
    assert_eq!(dev.refused(AUDITOR, on, done(d(1026, 1, 31))), "audit.year");
    assert_eq!(dev.refused(AUDITOR, on, done(d(2026, 2, 2))), "audit.date");
    dev.ok(AUDITOR, on, done(d(2026, 2, 1)));
    dev.ok(AUDITOR, on, done(d(2000, 1, 1)));
}

/// A township organizer or a village head gets none of the audit: no form on its pages,
/// no to-do on home, no audit database.
#[test]
fn an_organizer_or_a_village_head_gets_no_form_to_do_or_database() {
    use jishi::domain::access::ScopeKind;
    let mut dev = Device::new("phone-audit");
    let _ = seven_level_one(&mut dev, d(2026, 1, 10));
    let today = d(2026, 12, 1);
    dev.ok(
        AUDITOR,
        today,
        adjust("au-l1-0", 2027, false, "该局已接受巡察"),
    );
    for role in [Role::Organizer, Role::VillageHead] {
        assert!(!ScopeKind::Audit.readers().contains(&role));
        let todos = jishi::domain::audit_grading::todos::todos(dev.state(), today, true);
        assert!(todos.iter().all(|t| !t.shown_to(Some(role))));
        let who = Viewer {
            role: Some(role),
            today,
            zh: true,
        };
        let screens = [
            overview_screen(dev.state(), &who),
            plan_screen(dev.state(), 2027, &who),
            unit_screen(dev.state(), "au-l1-0", &who),
        ];
        for screen in screens {
            let forms = screen
                .iter()
                .flat_map(|c| c.blocks.iter())
                .filter(|b| matches!(b, Block::Form(_)))
                .count();
            assert_eq!(forms, 0, "{role:?}");
        }
        assert_eq!(
            dev.refused(role, today, adjust("au-l1-1", 2027, false, "x")),
            "auth.role"
        );
    }
}

/// A correction of an audit is of the same unit's audit: naming another unit is refused
/// (the wrong unit's audit is withdrawn and the right one recorded), and a correction
/// naming a unit's year record (another kind) finds no audit.
#[test]
fn an_audit_corrected_to_another_unit_or_naming_another_kind_is_refused() {
    let mut dev = Device::new("phone-audit");
    let on = d(2026, 3, 5);
    let made = dev.ok(
        AUDITOR,
        d(2026, 2, 1),
        Command::UnitYear {
            year: year_of("au-1", "旗财政局", 2026, 4_000_000, (1, 1, 1)),
            why: String::new(),
            seen: vec![],
        },
    );
    record(
        &mut dev,
        d(2026, 2, 1),
        year_of("au-2", "旗发改委", 2026, 4_000_000, (1, 1, 1)),
    );
    audit(&mut dev, "au-1", d(2026, 3, 1));
    let (id, _, _) = dev.state().audit_grading.audits_of("au-1")[0];
    let id = id.to_string();
    let seen = dev.state().audit_grading.audits.by_id[&id].live_ids();
    let to = |unit: &str, record: String, seen: Vec<String>| Command::Done {
        unit: unit.into(),
        on: d(2026, 3, 1),
        report: "霍审经责〔2026〕1号".into(),
        fix: Fix {
            record,
            withdrawn: false,
            reason: "单位录错".into(),
            seen,
        },
    };
    assert_eq!(
        dev.refused(AUDITOR, on, to("au-2", id.clone(), seen.clone())),
        "audit.other_unit"
    );
    assert_eq!(dev.state().audit_grading.audits_of("au-2").len(), 0);
    assert_eq!(
        dev.refused(
            AUDITOR,
            on,
            to("au-1", made[0].id.clone(), vec![made[0].id.clone()])
        ),
        "audit.no_record"
    );
    dev.ok(AUDITOR, on, to("au-1", id, seen));
}

/// Two phones correcting one audit differently: both kept, shown on the unit's page and
/// counted on the home page until corrected again.
#[test]
fn two_phones_correcting_one_audit_differently_are_counted_on_home() {
    let mut a = Device::new("phone-a");
    let mut b = Device::new("phone-b");
    let on = d(2026, 3, 5);
    record(
        &mut a,
        d(2026, 2, 1),
        year_of("au-1", "旗财政局", 2026, 4_000_000, (1, 1, 1)),
    );
    audit(&mut a, "au-1", d(2026, 3, 1));
    a.send_to(&mut b);
    let (id, _, _) = a.state().audit_grading.audits_of("au-1")[0];
    let id = id.to_string();
    let seen = a.state().audit_grading.audits.by_id[&id].live_ids();
    let fix = |report: &str| Command::Done {
        unit: "au-1".into(),
        on: d(2026, 3, 1),
        report: report.into(),
        fix: Fix {
            record: id.clone(),
            withdrawn: false,
            reason: "文号录错".into(),
            seen: seen.clone(),
        },
    };
    a.ok(AUDITOR, on, fix("霍审经责〔2026〕3号"));
    b.ok(AUDITOR, on, fix("霍审经责〔2026〕4号"));
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        let said = texts(&unit_screen(dev.state(), "au-1", &viewer(on))).join("\n");
        assert!(said.contains("两部手机记录不一致"), "{said}");
        let todos = jishi::domain::audit_grading::todos::todos(dev.state(), on, true);
        assert!(
            todos
                .iter()
                .any(|t| t.text == "1个审计单位的记录在两部手机上不一致，请更正"),
            "{:?}",
            todos.iter().map(|t| &t.text).collect::<Vec<_>>()
        );
    }
}

/// The coverage table exported (issue 14): audited and units as two number columns per
/// level, never "3/7" (which Excel reads as a date), the same figures as the table.
#[test]
fn the_coverage_table_exports_audited_and_units_as_two_numbers() {
    use common::csv_read::{bare_number, download, rows};
    let mut dev = Device::new("phone-audit");
    let units = seven_level_one(&mut dev, d(2024, 1, 10));
    for u in &units[..3] {
        audit(&mut dev, u, d(2024, 10, 15));
    }
    let screen = overview_screen(dev.state(), &viewer(d(2025, 6, 1)));
    let csv = rows(&download(&screen, "coverage-csv"));
    let head: Vec<&str> = csv[0].iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        head,
        [
            "年度",
            "特殊级别已审计",
            "特殊级别单位数",
            "一级已审计",
            "一级单位数",
            "二级已审计",
            "二级单位数",
            "三级已审计",
            "三级单位数"
        ]
    );
    let table = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.testid == "audit-coverage" => Some(t.clone()),
            _ => None,
        })
        .expect("the coverage table");
    assert_eq!(csv.len(), table.rows.len() + 1);
    for (line, row) in csv[1..].iter().zip(&table.rows) {
        assert!(line.iter().all(|(_, raw)| bare_number(raw)), "{line:?}");
        let mut shown = vec![row.head.clone()];
        for c in &row.cells {
            let (audited, all) = c.text.split_once('/').expect("audited/units");
            shown.extend([audited.to_string(), all.to_string()]);
        }
        let fields: Vec<String> = line.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(fields, shown);
    }
    // 2024: 3 of the 7 level-1 units audited.
    let first: Vec<&str> = csv[1][..5].iter().map(|(_, raw)| raw.as_str()).collect();
    assert_eq!(first, ["2024", "0", "0", "3", "7"]);
}
