//! 后备干部 pools (W9): entering and being barred, a 基本称职 grade, a sanction or a W7
//! disposal taking a person out with the reason, the two- and five-yearly reviews
//! falling due, the structure's shares against the targets, one person's file, and who
//! may record.

mod common;

use common::assessment::{all, grade, rate, rate_in, UNIT};
use common::cadre::{self as w4, profile, A, GRADE, LOW, SANCTION};
use common::{d, Device};
use jishi::domain::annual_assessment::screens::Viewer;
use jishi::domain::cadre_selection::{AnnualGrade, Command as CadreCommand};
use jishi::domain::demotion_chain::{
    Command as DemotionCommand, DemotionStep, Disposal, StepContent,
};
use jishi::domain::event::Role;
use jishi::domain::reserve_pool::pool::{members, review_due, standing};
use jishi::domain::reserve_pool::screens::{person_screen, pools_screen};
use jishi::domain::reserve_pool::structure::{permille, structure};
use jishi::domain::reserve_pool::{Command, Echelon, PoolReview, TrainingKind};
use jishi::domain::screen::{texts, Block};

fn viewer(today: chrono::NaiveDate) -> Viewer {
    Viewer {
        role: Some(Role::Recorder),
        today,
        zh: true,
    }
}

fn enter(dev: &mut Device, entry: &str, cadre: &str, echelon: Echelon, on: chrono::NaiveDate) {
    let cmd = Command::Enter {
        entry: entry.into(),
        cadre: cadre.into(),
        echelon,
        reason: "民主推荐、组织考察后纳入".into(),
        on,
    };
    dev.ok(Role::Recorder, on, cmd);
}

fn enter_cmd(cadre: &str, on: chrono::NaiveDate) -> Command {
    Command::Enter {
        entry: format!("rp-{cadre}"),
        cadre: cadre.into(),
        echelon: Echelon::First,
        reason: "民主推荐".into(),
        on,
    }
}

/// Four more cadres for the structure: a woman of 31 (汉族, 党外), a woman of 38
/// (蒙古族), a man of 33 (汉族) and a man of 45 (回族, 党外).
fn with_people(dev: &mut Device) {
    let on = d(2026, 3, 2);
    let mut add = |id: &str, name: &str, gender: &str, ethnicity: &str, birth, party: bool| {
        let mut p = profile(name, d(2022, 1, 1), &w4::good());
        p.gender = gender.into();
        p.ethnicity = ethnicity.into();
        p.birth = birth;
        p.work_start = d(2016, 8, 1);
        p.positions[0].start = d(2016, 8, 1);
        if !party {
            p.party_join = None;
        }
        p.positions[1].unit = "旗发展和改革委员会".into();
        let cmd = CadreCommand::RecordCadre {
            cadre: id.into(),
            profile: p,
            supersedes: vec![],
        };
        dev.ok(Role::Admin, on, cmd);
    };
    add("c-w1", "乌兰", "女", "汉族", d(1994, 9, 1), false);
    add("c-w2", "萨仁", "女", "蒙古族", d(1987, 12, 1), true);
    add("c-m1", "刘洋", "男", "汉族", d(1992, 5, 1), true);
    add("c-m2", "马骏", "男", "回族", d(1980, 5, 1), false);
}

#[test]
fn the_structure_counts_young_women_minority_and_non_party_against_the_targets() {
    let mut dev = w4::setup();
    with_people(&mut dev);
    let on = d(2026, 3, 10);
    enter(&mut dev, "rp-1", "c-w1", Echelon::Second, on);
    enter(&mut dev, "rp-2", "c-w2", Echelon::First, on);
    enter(&mut dev, "rp-3", "c-m1", Echelon::Second, on);
    enter(&mut dev, "rp-4", "c-m2", Echelon::First, on);
    enter(&mut dev, "rp-5", A, Echelon::First, on);
    let s = structure(dev.state(), on);
    // Young: first echelon ≤ 40 (萨仁 38), second ≤ 35 (乌兰 31, 刘洋 33); 王建军 40 is
    // young too (born 1985-06-15), 马骏 45 is not.
    assert_eq!((s.whole.total, s.whole.young, s.whole.women), (5, 4, 2));
    assert_eq!((s.whole.minority, s.whole.non_party), (3, 2));
    assert_eq!(permille(4, 5), 800);
    assert_eq!(permille(1, 3), 333);
    assert_eq!(permille(2, 3), 667);
    let first = &s.echelons[0].1;
    assert_eq!((first.total, first.young), (3, 2));
    let units: Vec<(&str, u32)> = s.units.iter().map(|(u, c)| (u.as_str(), c.total)).collect();
    assert_eq!(units, vec![("旗发展和改革委员会", 4), (UNIT, 1)]);
    // The chart holds the shares, the young one against the seed's 20%.
    let page = pools_screen(dev.state(), &viewer(on));
    let bars = page.iter().flat_map(|c| &c.blocks).find_map(|b| match b {
        Block::Bars(b) => Some(b.clone()),
        _ => None,
    });
    let bars = bars.expect("a chart");
    let said: Vec<(&str, u32, Option<u32>)> = bars
        .bars
        .iter()
        .map(|b| (b.label.as_str(), b.permille, b.target))
        .collect();
    assert_eq!(
        said,
        vec![
            ("年轻干部", 800, Some(200)),
            ("女干部", 400, None),
            ("少数民族干部", 600, None),
            ("党外干部", 400, None)
        ]
    );
    assert_eq!(bars.bars[0].said, "4/5 = 80.0%，目标 20.0%");
}

#[test]
fn a_basically_competent_grade_takes_a_person_out_with_the_reason() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2025, 6, 1));
    rate(&mut dev, A, all("70"));
    grade(&mut dev, A, AnnualGrade::BasicallyCompetent);
    // Graded on 2026-01-20.
    assert_eq!(standing(dev.state(), d(2026, 1, 19)).len(), 1);
    let on = d(2026, 1, 25);
    let m = members(dev.state(), on).into_iter().next().unwrap();
    let out = m.out.expect("taken out");
    assert_eq!(
        (out.on, out.said(true)),
        (d(2026, 1, 20), "2025年度考核为基本称职")
    );
    assert!(out.automatic);
    let page = texts(&pools_screen(dev.state(), &viewer(on))).join("\n");
    assert!(
        page.contains("2026-01-20调整出库：2025年度考核为基本称职"),
        "{page}"
    );
    let todos = jishi::domain::reserve_pool::todos::todos(dev.state(), on, true);
    assert!(todos
        .iter()
        .any(|t| t.text == "后备干部：王建军已于2026-01-20调整出库（2025年度考核为基本称职）"));
    // Taken out, they cannot be taken out again by decision.
    let leave = Command::Leave {
        entry: "rp-a".into(),
        reason: "提拔使用".into(),
        on,
    };
    assert_eq!(
        dev.refused(Role::Recorder, on, leave),
        "reserve.not_in_pool"
    );
}

#[test]
fn a_low_grade_of_the_last_year_or_a_sanction_bars_entry() {
    let mut dev = w4::setup();
    // 张三: 2024 基本称职 in his profile. Entering in 2025 looks back to 2024.
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2025, 3, 1),
            enter_cmd(GRADE, d(2025, 3, 1))
        ),
        "reserve.barred"
    );
    // In 2026 only 2025 (称职) and later count.
    dev.ok(
        Role::Recorder,
        d(2026, 3, 3),
        enter_cmd(GRADE, d(2026, 3, 3)),
    );
    // 王五: a sanction affecting use until 2026-12-31.
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 3, 3),
            enter_cmd(SANCTION, d(2026, 3, 3))
        ),
        "reserve.barred"
    );
    // Already in.
    let mut again = enter_cmd(GRADE, d(2026, 3, 4));
    if let Command::Enter { entry, .. } = &mut again {
        *entry = "rp-other".into();
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 4), again),
        "reserve.already_in"
    );
}

#[test]
fn a_disposal_in_the_demotion_chain_takes_a_person_out() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-low", LOW, Echelon::Second, d(2025, 5, 1));
    for year in [2024, 2025] {
        for (c, s) in [(A, "92"), (GRADE, "85"), (LOW, "70")] {
            rate_in(&mut dev, year, UNIT, c, all(s), true);
        }
    }
    let on = d(2026, 3, 2);
    let open = DemotionCommand::Open {
        case: "dm-1".into(),
        cadre: LOW.into(),
        standard: "年度综合考核连续2年排名位居后列".into(),
        facts: "连续两年末位".into(),
        evidence: String::new(),
        proposer: "干部科".into(),
        on,
    };
    dev.ok(Role::Recorder, on, open);
    for (s, day) in [
        (DemotionStep::Investigation, 9),
        (DemotionStep::Analysis, 13),
        (DemotionStep::Decision, 20),
    ] {
        let cmd = DemotionCommand::Step {
            case: "dm-1".into(),
            step: s,
            record: StepContent {
                text: "记录".into(),
                unfit: (s == DemotionStep::Analysis).then_some(true),
                disposal: (s == DemotionStep::Decision).then_some(Disposal::Training),
                evidence: String::new(),
            },
            on: d(2026, 3, day),
            reason: String::new(),
            replaces: vec![],
        };
        dev.ok(Role::Recorder, d(2026, 3, day), cmd);
    }
    let m = members(dev.state(), d(2026, 3, 21))
        .into_iter()
        .next()
        .unwrap();
    let out = m.out.expect("out");
    assert_eq!(
        (out.on, out.said(true)),
        (d(2026, 3, 20), "能上能下处置：离岗培训")
    );
    // The person's file shows it all.
    let file = texts(&person_screen(dev.state(), LOW, &viewer(d(2026, 3, 21)))).join("\n");
    assert!(
        file.contains("2025-05-01 第二梯队入库，2026-03-20调整出库：能上能下处置：离岗培训"),
        "{file}"
    );
    assert!(file.contains("年度综合考核连续2年排名位居后列"));
}

#[test]
fn the_top_up_every_two_years_and_open_selection_every_five_fall_due() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2024, 3, 1));
    assert_eq!(
        review_due(dev.state(), PoolReview::TopUp, d(2025, 1, 1)),
        Some(d(2026, 3, 1))
    );
    assert_eq!(
        review_due(dev.state(), PoolReview::OpenSelection, d(2025, 1, 1)),
        Some(d(2029, 3, 1))
    );
    let todo = |dev: &Device, today| {
        jishi::domain::reserve_pool::todos::todos(dev.state(), today, true)
            .into_iter()
            .filter(|t| t.text.contains("补充调整"))
            .collect::<Vec<_>>()
    };
    assert!(
        todo(&dev, d(2025, 11, 30)).is_empty(),
        "more than 90 days ahead"
    );
    assert!(!todo(&dev, d(2025, 12, 1))[0].urgent);
    let late = todo(&dev, d(2026, 3, 2));
    assert!(late[0].urgent && late[0].text == "后备干部库补充调整已逾期，应于2026-03-01前完成");
    let review = Command::Review {
        review: PoolReview::TopUp,
        note: "补充第二梯队12人，调整出库3人".into(),
        on: d(2026, 3, 5),
        fix: Default::default(),
    };
    dev.ok(Role::Recorder, d(2026, 3, 5), review);
    assert_eq!(
        review_due(dev.state(), PoolReview::TopUp, d(2026, 3, 5)),
        Some(d(2028, 3, 5))
    );
    assert!(todo(&dev, d(2026, 3, 6)).is_empty());
}

#[test]
fn training_goes_in_the_persons_file_and_only_the_department_records() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2025, 3, 1));
    let train = Command::Train {
        entry: "rp-a".into(),
        kind: TrainingKind::Secondment,
        note: "自治区发展改革委挂职".into(),
        from: d(2025, 9, 1),
        until: Some(d(2026, 2, 28)),
        fix: Default::default(),
    };
    let mut backwards = train.clone();
    if let Command::Train { until, .. } = &mut backwards {
        *until = Some(d(2025, 8, 1));
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 1), backwards),
        "reserve.date"
    );
    for role in [Role::Organizer, Role::Admin, Role::Assessor] {
        assert_eq!(dev.refused(role, d(2026, 3, 1), train.clone()), "auth.role");
    }
    dev.ok(Role::Approver, d(2026, 3, 1), train);
    let file = texts(&person_screen(dev.state(), A, &viewer(d(2026, 3, 1)))).join("\n");
    assert!(
        file.contains("2025-09-01—2026-02-28 挂职锻炼：自治区发展改革委挂职"),
        "{file}"
    );
    assert!(file.contains("2025 称职（干部信息）"));
}

#[test]
fn a_person_entered_on_two_phones_counts_once_and_is_flagged() {
    let mut one = w4::setup();
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    let on = d(2026, 3, 10);
    enter(&mut one, "rp-a1", A, Echelon::First, on);
    enter(&mut two, "rp-a2", A, Echelon::First, on);
    two.send_to(&mut one);
    assert_eq!(standing(one.state(), on).len(), 2, "both entries kept");
    assert_eq!(
        structure(one.state(), on).whole.total,
        1,
        "the person counts once"
    );
    let page = texts(&pools_screen(one.state(), &viewer(on)));
    assert!(page
        .iter()
        .any(|t| t.starts_with("王建军在库中有2条入库记录")));
    let todos = jishi::domain::reserve_pool::todos::todos(one.state(), on, true);
    assert!(todos
        .iter()
        .any(|t| t.urgent && t.text.contains("2条入库记录")));
}

#[test]
fn a_sanction_typed_months_later_is_told_from_the_day_it_was_typed() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2024, 3, 1));
    let mut p = dev.state().cadre_selection.cadre(A).unwrap().clone();
    p.flags.sanction_until = Some(d(2027, 6, 30));
    let live = dev.state().cadre_selection.cadres[A].live_ids();
    let record = CadreCommand::RecordCadre {
        cadre: A.into(),
        profile: p,
        supersedes: live,
    };
    dev.ok(Role::Admin, d(2026, 5, 10), record);
    let m = members(dev.state(), d(2026, 5, 12))
        .into_iter()
        .next()
        .unwrap();
    let out = m.out.expect("out");
    assert_eq!((out.on, out.known), (d(2026, 5, 10), d(2026, 5, 10)));
    let todos = jishi::domain::reserve_pool::todos::todos(dev.state(), d(2026, 5, 12), true);
    assert!(todos
        .iter()
        .any(|t| t.text == "后备干部：王建军已于2026-05-10调整出库（受处分，影响期至2027-06-30）"));
}

#[test]
fn an_entry_is_corrected_and_a_mistaken_leaving_withdrawn_with_the_reason() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2025, 3, 1));
    let on = d(2026, 3, 1);
    let seen = dev.state().reserve_pool.entries["rp-a"].live_ids();
    let mut fix = Command::CorrectEntry {
        entry: "rp-a".into(),
        echelon: Echelon::Second,
        reason: "民主推荐、组织考察后纳入".into(),
        on: d(2025, 3, 5),
        why: String::new(),
        seen: seen.clone(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, on, fix.clone()),
        "field.required"
    );
    if let Command::CorrectEntry { why, .. } = &mut fix {
        *why = "梯队录错".into();
    }
    dev.ok(Role::Recorder, on, fix);
    let m = standing(dev.state(), on).into_iter().next().unwrap();
    assert_eq!(
        (m.entry.echelon, m.entry.on, m.differs),
        (Echelon::Second, d(2025, 3, 5), false)
    );
    // Taken out by mistake, then the leaving withdrawn: back in the pool.
    let leave = Command::Leave {
        entry: "rp-a".into(),
        reason: "提拔使用".into(),
        on,
    };
    dev.ok(Role::Recorder, on, leave.clone());
    assert!(standing(dev.state(), on).is_empty());
    let seen = dev.state().reserve_pool.leavings["rp-a"].live_ids();
    let withdraw = Command::WithdrawLeaving {
        entry: "rp-a".into(),
        why: "误录，本人未提拔".into(),
        seen,
    };
    dev.ok(Role::Recorder, on, withdraw.clone());
    assert_eq!(standing(dev.state(), on).len(), 1);
    assert_eq!(
        dev.refused(Role::Recorder, on, withdraw),
        "reserve.not_left"
    );
    // Taken out again later: no conflict with the withdrawal.
    let again = Command::Leave {
        entry: "rp-a".into(),
        reason: "提拔使用".into(),
        on: d(2026, 4, 1),
    };
    dev.ok(Role::Recorder, d(2026, 4, 1), again);
    let _ = leave;
    let m = members(dev.state(), d(2026, 4, 2))
        .into_iter()
        .next()
        .unwrap();
    assert!(m.out.is_some() && !m.differs);
}

#[test]
fn a_withdrawal_never_puts_a_person_in_twice_two_withdrawals_agree_and_an_entry_keeps_its_dates() {
    let mut dev = w4::setup();
    enter(&mut dev, "rp-1", A, Echelon::First, d(2026, 1, 5));
    let leave = Command::Leave {
        entry: "rp-1".into(),
        reason: "调离".into(),
        on: d(2026, 2, 1),
    };
    dev.ok(Role::Recorder, d(2026, 2, 1), leave);
    // Correcting the entry to a day after its leaving is refused.
    let seen = dev.state().reserve_pool.entries["rp-1"].live_ids();
    let late = Command::CorrectEntry {
        entry: "rp-1".into(),
        echelon: Echelon::First,
        reason: "民主推荐".into(),
        on: d(2026, 3, 1),
        why: "日期录错".into(),
        seen,
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 2), late),
        "reserve.date"
    );
    // Two phones withdraw the same leaving: they agree, nothing differs.
    let mut two = Device::new("phone-b");
    dev.send_to(&mut two);
    let seen = dev.state().reserve_pool.leavings["rp-1"].live_ids();
    let withdraw = Command::WithdrawLeaving {
        entry: "rp-1".into(),
        why: "误录".into(),
        seen,
    };
    dev.ok(Role::Recorder, d(2026, 3, 3), withdraw.clone());
    two.ok(Role::Recorder, d(2026, 3, 4), withdraw);
    two.send_to(&mut dev);
    let m = members(dev.state(), d(2026, 3, 5))
        .into_iter()
        .next()
        .unwrap();
    assert!(m.out.is_none() && !m.differs);
    // In again by another entry: the first leaving cannot be withdrawn into a second stay.
    let mut three = w4::setup();
    enter(&mut three, "rp-1", A, Echelon::First, d(2026, 1, 5));
    let leave = Command::Leave {
        entry: "rp-1".into(),
        reason: "调离".into(),
        on: d(2026, 2, 1),
    };
    three.ok(Role::Recorder, d(2026, 2, 1), leave);
    enter(&mut three, "rp-2", A, Echelon::First, d(2026, 3, 1));
    let seen = three.state().reserve_pool.leavings["rp-1"].live_ids();
    let back = Command::WithdrawLeaving {
        entry: "rp-1".into(),
        why: "误录".into(),
        seen,
    };
    assert_eq!(
        three.refused(Role::Recorder, d(2026, 3, 2), back),
        "reserve.already_in"
    );
}

#[test]
fn a_training_or_a_review_recorded_is_corrected_or_withdrawn_with_the_reason() {
    use jishi::domain::reserve_pool::Fix;
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2024, 3, 1));
    let on = d(2026, 3, 1);
    let train = Command::Train {
        entry: "rp-a".into(),
        kind: TrainingKind::Secondment,
        note: "自治区发展改革委挂职".into(),
        from: d(2025, 9, 1),
        until: None,
        fix: Fix::default(),
    };
    let first = dev.ok(Role::Recorder, on, train);
    let record = first[0].id.clone();
    let fixed = Command::Train {
        entry: "rp-a".into(),
        kind: TrainingKind::Secondment,
        note: "自治区发展改革委挂职".into(),
        from: d(2025, 9, 1),
        until: Some(d(2026, 2, 28)),
        fix: Fix {
            record: record.clone(),
            withdrawn: false,
            reason: "补录结束日期".into(),
            seen: vec![record.clone()],
        },
    };
    dev.ok(Role::Recorder, on, fixed);
    let file = texts(&person_screen(dev.state(), A, &viewer(on))).join("\n");
    assert!(
        file.contains("2025-09-01—2026-02-28 挂职锻炼：自治区发展改革委挂职"),
        "{file}"
    );
    // A review recorded with the wrong day: corrected, the next top-up follows it.
    let review = Command::Review {
        review: PoolReview::TopUp,
        note: "补充调整".into(),
        on: d(2025, 3, 1),
        fix: Fix::default(),
    };
    let r = dev.ok(Role::Recorder, on, review)[0].id.clone();
    assert_eq!(
        review_due(dev.state(), PoolReview::TopUp, on),
        Some(d(2027, 3, 1))
    );
    let live = dev.state().reserve_pool.reviews.by_id[&r].live_ids();
    let withdraw = Command::Review {
        review: PoolReview::TopUp,
        note: String::new(),
        on,
        fix: Fix {
            record: r.clone(),
            withdrawn: true,
            reason: "误录：未开展".into(),
            seen: live,
        },
    };
    dev.ok(Role::Recorder, on, withdraw);
    assert_eq!(
        review_due(dev.state(), PoolReview::TopUp, on),
        Some(d(2026, 3, 1)),
        "counted from the first entry again"
    );
    // A fix naming no record, or without a reason, is refused.
    let bare = Command::Review {
        review: PoolReview::TopUp,
        note: "x".into(),
        on,
        fix: Fix {
            record: "ev-none".into(),
            withdrawn: false,
            reason: String::new(),
            seen: vec![],
        },
    };
    assert_eq!(dev.refused(Role::Recorder, on, bare), "reserve.no_record");
}

#[test]
fn the_training_correction_form_reads_back_into_its_command() {
    use jishi::domain::form::Inputs;
    use jishi::domain::reserve_pool::Fix;
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2024, 3, 1));
    let on = d(2026, 3, 1);
    let train = Command::Train {
        entry: "rp-a".into(),
        kind: TrainingKind::Course,
        note: "市委党校中青班".into(),
        from: d(2025, 9, 1),
        until: None,
        fix: Fix::default(),
    };
    dev.ok(Role::Recorder, on, train);
    let page = pools_screen(dev.state(), &viewer(on));
    let block = page
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Form(f) if f.form.key == "reserve_fix_train" => Some((**f).clone()),
            _ => None,
        })
        .expect("the correction form");
    let (key, label) = block.options.list("trained")[0].clone();
    assert_eq!(label, "王建军 · 2025-09-01 教育培训：市委党校中青班");
    let inputs: Inputs = [
        ("record", key.as_str()),
        ("training", "course"),
        ("note", "市委党校中青年干部培训班"),
        ("from", "2025-09-01"),
        ("until", "2025-12-20"),
        ("reason", "补全名称和结束日期"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let sent = jishi::domain::screen::Sent {
        today: on,
        now_ms: 1_800_000_000_000,
        random: 3,
    };
    let cmd = block.command(&inputs, &sent, dev.state()).expect("read");
    dev.ok(Role::Recorder, on, cmd);
    let file = texts(&person_screen(dev.state(), A, &viewer(on))).join("\n");
    assert!(
        file.contains("2025-09-01—2025-12-20 教育培训：市委党校中青年干部培训班"),
        "{file}"
    );
    assert!(!file.contains("市委党校中青班"));
}

#[test]
fn a_training_stays_between_its_entry_and_its_leaving_and_two_phones_differing_are_shown() {
    use jishi::domain::reserve_pool::Fix;
    let mut dev = w4::setup();
    enter(&mut dev, "rp-a", A, Echelon::First, d(2026, 3, 1));
    let train = |from, fix| Command::Train {
        entry: "rp-a".into(),
        kind: TrainingKind::Rotation,
        note: "轮岗到旗委办".into(),
        from,
        until: None,
        fix,
    };
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 2),
            train(d(2025, 1, 1), Fix::default())
        ),
        "reserve.date"
    );
    let record = dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        train(d(2026, 4, 1), Fix::default()),
    )[0]
    .id
    .clone();
    let fix = |reason: &str| Fix {
        record: record.clone(),
        withdrawn: false,
        reason: reason.into(),
        seen: vec![record.clone()],
    };
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 3),
            train(d(2025, 1, 1), fix("改日期"))
        ),
        "reserve.date"
    );
    let mut two = Device::new("phone-b");
    dev.send_to(&mut two);
    dev.ok(
        Role::Recorder,
        d(2026, 4, 3),
        train(d(2026, 3, 20), fix("日期录错")),
    );
    let mut withdraw = fix("误录");
    withdraw.withdrawn = true;
    two.ok(
        Role::Recorder,
        d(2026, 4, 4),
        train(d(2026, 4, 1), withdraw),
    );
    two.send_to(&mut dev);
    let file = texts(&person_screen(dev.state(), A, &viewer(d(2026, 4, 5)))).join("\n");
    assert!(
        file.contains("轮岗到旗委办（两部手机记录不一致，待更正）"),
        "{file}"
    );
}

/// The structure table exported (issue 14): per group its people, each measure's count
/// and share as two numbers (never "4（80.0%）"), the day counted as YYYY-MM-DD, the
/// same figures as the table; a unit named like a formula kept as text.
#[test]
fn the_structure_exports_counts_and_shares_as_numbers() {
    use common::csv_read::{bare_number, download, guarded, iso_date, rows};
    let mut dev = w4::setup();
    with_people(&mut dev);
    let on = d(2026, 3, 10);
    let mut p = profile("高娃", d(2022, 1, 1), &w4::good());
    p.positions[1].unit = "=2+3".into();
    let cmd = CadreCommand::RecordCadre {
        cadre: "c-f".into(),
        profile: p,
        supersedes: vec![],
    };
    dev.ok(Role::Admin, d(2026, 3, 2), cmd);
    enter(&mut dev, "rp-1", "c-w1", Echelon::Second, on);
    enter(&mut dev, "rp-2", "c-w2", Echelon::First, on);
    enter(&mut dev, "rp-3", "c-m1", Echelon::Second, on);
    enter(&mut dev, "rp-4", "c-m2", Echelon::First, on);
    enter(&mut dev, "rp-5", "c-f", Echelon::First, on);
    let page = pools_screen(dev.state(), &viewer(on));
    let csv = rows(&download(&page, "structure-csv"));
    let head: Vec<&str> = csv[0].iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        head,
        [
            "范围",
            "人数",
            "年轻干部（人）",
            "年轻干部占比（%）",
            "女干部（人）",
            "女干部占比（%）",
            "少数民族干部（人）",
            "少数民族干部占比（%）",
            "党外干部（人）",
            "党外干部占比（%）",
            "统计日期"
        ]
    );
    let table = page
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.testid == "structure-table" => Some(t.clone()),
            _ => None,
        })
        .expect("the structure table");
    assert_eq!(csv.len(), table.rows.len() + 1);
    for (line, row) in csv[1..].iter().zip(&table.rows) {
        assert_eq!(line[0].0, guarded(&row.head));
        assert!(
            line[1..10].iter().all(|(_, raw)| bare_number(raw)),
            "{line:?}"
        );
        assert!(iso_date(&line[10].1));
        // The table shows "4（80.0%）": the count, then the share.
        let mut shown = vec![row.cells[0].text.clone()];
        for c in &row.cells[1..] {
            let (n, share) = c.text.split_once('（').expect("count（share）");
            shown.extend([n.to_string(), share.trim_end_matches("%）").to_string()]);
        }
        let fields: Vec<&str> = line[1..10].iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, shown);
    }
    // Everyone: 5, of whom 4 young (80.0%), 2 women, 3 minority, 2 non-party; 2026-03-10.
    let all: Vec<&str> = csv[1].iter().map(|(_, raw)| raw.as_str()).collect();
    assert_eq!(
        all,
        [
            "全部",
            "5",
            "4",
            "80.0",
            "2",
            "40.0",
            "3",
            "60.0",
            "2",
            "40.0",
            "2026-03-10"
        ]
    );
    assert!(csv.iter().any(|l| l[0].1 == "'=2+3"), "{csv:?}");
}
