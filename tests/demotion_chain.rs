//! 能上能下 (W7): the bottom of the ranking two years running and the 党风廉政 check
//! failed twice raise candidates from the annual assessment; the six steps in strict
//! order with their refusals; ending early; corrections; the monthly talks and quarterly
//! visits falling due; reinstatement; who may record.

mod common;

use common::assessment::{all, rate_in, UNIT};
use common::cadre::{self as w4, A, GRADE, HOLDER, LOW, NAKED};
use common::{d, Device};
use jishi::domain::annual_assessment::screens::Viewer;
use jishi::domain::demotion_chain::progress::{disposed, next_due, progress, Phase};
use jishi::domain::demotion_chain::screens::{case_screen, list_screen};
use jishi::domain::demotion_chain::triggers::candidates;
use jishi::domain::demotion_chain::{Command, DemotionStep, Disposal, FollowUpKind, StepContent};
use jishi::domain::event::Role;
use jishi::domain::screen::{texts, Focuses};

const BOTTOM: &str = "年度综合考核连续2年排名位居后列";
const CASE: &str = "dm-sunqiang";

/// 2024 and 2025 in 格日朝鲁苏木: 孙强 (LOW) last both years.
fn two_years() -> Device {
    let mut dev = w4::setup();
    for year in [2024, 2025] {
        for (c, s) in [
            (A, "92"),
            (GRADE, "88"),
            (NAKED, "85"),
            (HOLDER, "83"),
            (LOW, "70"),
        ] {
            rate_in(&mut dev, year, UNIT, c, all(s), true);
        }
    }
    dev
}

fn open(dev: &mut Device, on: chrono::NaiveDate) {
    let cmd = Command::Open {
        case: CASE.into(),
        cadre: LOW.into(),
        standard: BOTTOM.into(),
        facts: "2024、2025年度综合考核均列本单位末位".into(),
        evidence: "2024年度 格日朝鲁苏木 第5名（共5人）".into(),
        proposer: "旗委组织部干部科".into(),
        on,
    };
    dev.ok(Role::Recorder, on, cmd);
}

fn step(s: DemotionStep, text: &str, on: chrono::NaiveDate) -> Command {
    Command::Step {
        case: CASE.into(),
        step: s,
        record: StepContent {
            text: text.into(),
            unfit: (s == DemotionStep::Analysis).then_some(true),
            disposal: (s == DemotionStep::Decision).then_some(Disposal::Standby),
            evidence: String::new(),
        },
        on,
        reason: String::new(),
        replaces: vec![],
    }
}

/// Through 备案跟踪 on 2026-04-10: 待岗 decided on 2026-03-20.
fn filed() -> Device {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    for (s, text, on) in [
        (
            DemotionStep::Investigation,
            "调阅考核档案，个别谈话12人",
            d(2026, 3, 9),
        ),
        (
            DemotionStep::Analysis,
            "连续两年排名末位，履职能力明显不足",
            d(2026, 3, 13),
        ),
        (
            DemotionStep::Decision,
            "部务会研究，7人到会，同意7票",
            d(2026, 3, 20),
        ),
        (
            DemotionStep::Notice,
            "分管副部长高峰与本人谈话，本人表示服从",
            d(2026, 3, 25),
        ),
        (
            DemotionStep::Filing,
            "报旗委备案（组干字〔2026〕11号）",
            d(2026, 4, 10),
        ),
    ] {
        dev.ok(Role::Recorder, on, step(s, text, on));
    }
    dev
}

fn viewer(today: chrono::NaiveDate) -> Viewer {
    Viewer {
        role: Some(Role::Recorder),
        today,
        zh: true,
    }
}

#[test]
fn the_bottom_of_the_ranking_two_years_running_raises_a_candidate_with_its_evidence() {
    let dev = two_years();
    let found = candidates(dev.state(), d(2026, 2, 1));
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].cadre.as_str(), found[0].standard.as_str()),
        (LOW, BOTTOM)
    );
    assert_eq!(
        found[0].evidence,
        vec![
            "2024年度 格日朝鲁苏木 第5名（共5人），综合得分 70.00".to_string(),
            "2025年度 格日朝鲁苏木 第5名（共5人），综合得分 70.00".to_string(),
        ]
    );
    // Home tells the recorder, not a township organizer.
    let todos = jishi::domain::demotion_chain::todos::todos(dev.state(), d(2026, 2, 1), true);
    let t = todos
        .iter()
        .find(|t| t.text.contains("孙强"))
        .expect("to-do");
    assert!(t.shown_to(Some(Role::Recorder)) && !t.shown_to(Some(Role::Organizer)));
    // The list page shows it with the form that opens its case, its facts prefilled.
    let page = list_screen(dev.state(), &viewer(d(2026, 2, 1)));
    assert!(texts(&page)
        .iter()
        .any(|t| t == "孙强：年度综合考核连续2年排名位居后列"));
}

#[test]
fn one_year_at_the_bottom_a_gap_or_a_unit_of_one_raises_nothing() {
    let mut dev = w4::setup();
    for (c, s) in [(A, "92"), (LOW, "70")] {
        rate_in(&mut dev, 2023, UNIT, c, all(s), true);
        rate_in(&mut dev, 2025, UNIT, c, all(s), true);
    }
    // 2023 and 2025 are not in a row.
    assert!(candidates(dev.state(), d(2026, 2, 1)).is_empty());
    // 2024 alone in a unit of one: no ranking to be last in.
    rate_in(&mut dev, 2024, UNIT, LOW, all("60"), true);
    assert!(candidates(dev.state(), d(2026, 2, 1)).is_empty());
    // Two at the bottom, tied, two years running: both are at the bottom.
    let mut dev = w4::setup();
    for year in [2024, 2025] {
        for (c, s) in [(A, "92"), (GRADE, "70"), (LOW, "70")] {
            rate_in(&mut dev, year, UNIT, c, all(s), true);
        }
    }
    let names: Vec<String> = candidates(dev.state(), d(2026, 2, 1))
        .iter()
        .map(|c| c.cadre.clone())
        .collect();
    assert_eq!(names, vec![LOW.to_string(), GRADE.to_string()]);
}

#[test]
fn failing_the_party_conduct_check_twice_running_raises_a_candidate() {
    let mut dev = w4::setup();
    for (year, passed) in [(2024, false), (2025, false)] {
        rate_in(&mut dev, year, UNIT, A, all("90"), passed);
        rate_in(&mut dev, year, UNIT, LOW, all("80"), true);
    }
    let found = candidates(dev.state(), d(2026, 2, 1));
    let standards: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (c.cadre.as_str(), c.standard.as_str()))
        .collect();
    assert!(standards.contains(&(A, "连续2次党风廉政建设责任制考核未达标")));
    assert!(found
        .iter()
        .any(|c| c.cadre == A && c.evidence[0].ends_with("党风廉政建设责任制考核未达标")));
}

#[test]
fn the_six_steps_go_in_strict_order_each_dated_after_the_one_before() {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    assert!(
        candidates(dev.state(), d(2026, 3, 2)).is_empty(),
        "the candidate is taken up"
    );
    let on = d(2026, 3, 10);
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            step(DemotionStep::Analysis, "先分析", on)
        ),
        "demotion.order"
    );
    let early = d(2026, 3, 1);
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            step(DemotionStep::Investigation, "调查", early)
        ),
        "demotion.date"
    );
    dev.ok(
        Role::Recorder,
        on,
        step(DemotionStep::Investigation, "调阅考核档案", on),
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            step(DemotionStep::Investigation, "再记一次", on)
        ),
        "demotion.order",
        "recorded: only a correction may change it"
    );
    // 综合分析 must say whether the cadre is unfit.
    let mut silent = step(DemotionStep::Analysis, "分析", on);
    if let Command::Step { record, .. } = &mut silent {
        record.unfit = None;
    }
    assert_eq!(dev.refused(Role::Recorder, on, silent), "demotion.unfit");
    let p = progress(dev.state(), CASE).unwrap();
    assert_eq!(p.phase, Phase::Next(DemotionStep::Analysis));
    let page = texts(&case_screen(
        dev.state(),
        CASE,
        &viewer(on),
        &Focuses::default(),
    ));
    assert!(page.iter().any(|t| t == "记录「综合分析」"));
}

#[test]
fn a_cadre_found_fit_or_kept_in_post_ends_the_case_there() {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    let on = d(2026, 3, 10);
    dev.ok(
        Role::Recorder,
        on,
        step(DemotionStep::Investigation, "调查", on),
    );
    let mut fit = step(
        DemotionStep::Analysis,
        "末位系单位整体调整所致，本人履职尚可",
        on,
    );
    if let Command::Step { record, .. } = &mut fit {
        record.unfit = Some(false);
    }
    dev.ok(Role::Recorder, on, fit);
    assert_eq!(
        progress(dev.state(), CASE).unwrap().phase,
        Phase::Ended(DemotionStep::Analysis)
    );
    assert_eq!(
        dev.refused(Role::Recorder, on, step(DemotionStep::Decision, "研究", on)),
        "demotion.order"
    );
    assert_eq!(disposed(dev.state(), LOW), None);
}

#[test]
fn a_filed_disposal_is_followed_by_monthly_talks_and_quarterly_visits_until_reinstated() {
    let mut dev = filed();
    let p = progress(dev.state(), CASE).unwrap();
    assert_eq!(p.phase, Phase::FollowUp);
    assert_eq!(p.disposal, Some((Disposal::Standby, d(2026, 3, 20))));
    assert_eq!(
        disposed(dev.state(), LOW).map(|x| x.0),
        Some(Disposal::Standby)
    );
    let filed_on = d(2026, 4, 10);
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Talk, filed_on),
        d(2026, 5, 10)
    );
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Visit, filed_on),
        d(2026, 7, 10)
    );
    // A week before, home lists the talk; after the day, it is overdue.
    let todo = |dev: &Device, today| {
        jishi::domain::demotion_chain::todos::todos(dev.state(), today, true)
            .into_iter()
            .filter(|t| t.text.contains("谈心谈话"))
            .collect::<Vec<_>>()
    };
    assert!(todo(&dev, d(2026, 5, 2)).is_empty());
    assert!(!todo(&dev, d(2026, 5, 3))[0].urgent);
    let late = todo(&dev, d(2026, 5, 11));
    assert!(late[0].urgent && late[0].text.contains("已逾期"));
    let talk = Command::FollowUp {
        case: CASE.into(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定，积极参与防汛督导".into(),
        on: d(2026, 5, 8),
    };
    dev.ok(Role::Recorder, d(2026, 5, 8), talk);
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Talk, filed_on),
        d(2026, 6, 8)
    );
    let page = texts(&case_screen(
        dev.state(),
        CASE,
        &viewer(d(2026, 5, 8)),
        &Focuses::default(),
    ));
    assert!(page.iter().any(|t| t == "下次谈心谈话应于2026-06-08前"));
    assert!(page.iter().any(|t| t == "下次组织部门回访应于2026-07-10前"));
    // Used again: the post is required; then the follow-up ends.
    let mut back = Command::Close {
        case: CASE.into(),
        reinstated: true,
        post: String::new(),
        note: "工作表现突出".into(),
        on: d(2026, 11, 2),
        reason: String::new(),
        seen: vec![],
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 11, 2), back.clone()),
        "field.required"
    );
    if let Command::Close { post, .. } = &mut back {
        *post = "格日朝鲁苏木人大主席团副主席".into();
    }
    dev.ok(Role::Recorder, d(2026, 11, 2), back);
    assert!(
        matches!(progress(dev.state(), CASE).unwrap().phase, Phase::Closed(ref c) if c.reinstated)
    );
    assert!(todo(&dev, d(2026, 12, 1)).is_empty());
}

#[test]
fn two_phones_recording_a_step_differently_hold_the_case_until_it_is_corrected() {
    let mut one = two_years();
    open(&mut one, d(2026, 3, 2));
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    let on = d(2026, 3, 10);
    one.ok(
        Role::Recorder,
        on,
        step(DemotionStep::Investigation, "调阅档案", on),
    );
    two.ok(
        Role::Recorder,
        on,
        step(DemotionStep::Investigation, "个别谈话12人", on),
    );
    two.send_to(&mut one);
    assert_eq!(
        progress(one.state(), CASE).unwrap().phase,
        Phase::Held(DemotionStep::Investigation)
    );
    let next = d(2026, 3, 12);
    assert_eq!(
        one.refused(
            Role::Recorder,
            next,
            step(DemotionStep::Analysis, "分析", next)
        ),
        "demotion.order"
    );
    let live = one.state().demotion_chain.steps[&(CASE.to_string(), DemotionStep::Investigation)]
        .live_ids();
    let mut fix = step(DemotionStep::Investigation, "调阅档案，个别谈话12人", on);
    if let Command::Step { replaces, .. } = &mut fix {
        *replaces = live.clone();
    }
    assert_eq!(
        one.refused(Role::Recorder, next, fix.clone()),
        "field.required"
    );
    if let Command::Step { reason, .. } = &mut fix {
        *reason = "合并两部手机的记录".into();
    }
    one.ok(Role::Recorder, next, fix);
    assert_eq!(
        progress(one.state(), CASE).unwrap().phase,
        Phase::Next(DemotionStep::Analysis)
    );
}

#[test]
fn only_the_organization_department_records_and_the_catalogue_bounds_the_standard() {
    let mut dev = two_years();
    let on = d(2026, 3, 2);
    let mut cmd = Command::Open {
        case: CASE.into(),
        cadre: LOW.into(),
        standard: "领导不喜欢".into(),
        facts: "无".into(),
        evidence: String::new(),
        proposer: "某人".into(),
        on,
    };
    assert_eq!(
        dev.refused(Role::Recorder, on, cmd.clone()),
        "demotion.standard"
    );
    if let Command::Open { standard, .. } = &mut cmd {
        *standard = "工作作风：违反作风“十不准”，为官不为、慵懒散拖".into();
    }
    for role in [Role::Organizer, Role::Admin, Role::VillageHead] {
        assert_eq!(dev.refused(role, on, cmd.clone()), "auth.role");
    }
    if let Command::Open { case, .. } = &mut cmd {
        *case = "<script>".into();
    }
    assert_eq!(dev.refused(Role::Recorder, on, cmd), "id.alphabet");
}

#[test]
fn a_correction_keeps_the_order_the_conclusions_later_steps_rest_on_and_the_dates() {
    let mut dev = filed();
    let live =
        |dev: &Device, s| dev.state().demotion_chain.steps[&(CASE.to_string(), s)].live_ids();
    let fix = |s, on, unfit: Option<bool>, replaces: Vec<String>| {
        let mut cmd = step(s, "更正后的记录", on);
        if let Command::Step {
            record,
            reason,
            replaces: r,
            ..
        } = &mut cmd
        {
            record.unfit = unfit;
            *reason = "核对原件后更正".into();
            *r = replaces;
        }
        cmd
    };
    // Filed: the analysis may no longer turn the cadre fit (the decision rests on it).
    let on = d(2026, 5, 1);
    let undo = fix(
        DemotionStep::Analysis,
        d(2026, 3, 13),
        Some(false),
        live(&dev, DemotionStep::Analysis),
    );
    assert_eq!(dev.refused(Role::Recorder, on, undo), "demotion.conclusion");
    assert_eq!(
        disposed(dev.state(), LOW).map(|x| x.0),
        Some(Disposal::Standby)
    );
    // Nor be dated after the next step.
    let late = fix(
        DemotionStep::Investigation,
        d(2026, 4, 20),
        None,
        live(&dev, DemotionStep::Investigation),
    );
    assert_eq!(dev.refused(Role::Recorder, on, late), "demotion.date");
    // Its wording, dated in order, may be corrected.
    let wording = fix(
        DemotionStep::Analysis,
        d(2026, 3, 13),
        Some(true),
        live(&dev, DemotionStep::Analysis),
    );
    dev.ok(Role::Recorder, on, wording);
    // A follow-up after the follow-up ended is refused.
    let back = Command::Close {
        case: CASE.into(),
        reinstated: false,
        post: String::new(),
        note: "本人退休".into(),
        on: d(2026, 6, 1),
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, d(2026, 6, 1), back);
    let talk = Command::FollowUp {
        case: CASE.into(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "回访".into(),
        on: d(2026, 7, 1),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 7, 1), talk),
        "demotion.closed"
    );
}

#[test]
fn a_later_step_is_not_corrected_while_an_earlier_one_differs_between_phones() {
    let mut one = filed();
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    let live = one.state().demotion_chain.steps[&(CASE.to_string(), DemotionStep::Investigation)]
        .live_ids();
    for (dev, text) in [(&mut one, "甲"), (&mut two, "乙")] {
        let mut cmd = step(DemotionStep::Investigation, text, d(2026, 3, 9));
        if let Command::Step {
            reason, replaces, ..
        } = &mut cmd
        {
            *reason = "补充".into();
            *replaces = live.clone();
        }
        dev.ok(Role::Recorder, d(2026, 5, 1), cmd);
    }
    two.send_to(&mut one);
    let decision =
        one.state().demotion_chain.steps[&(CASE.to_string(), DemotionStep::Decision)].live_ids();
    let mut cmd = step(DemotionStep::Decision, "部务会复议", d(2026, 3, 20));
    if let Command::Step {
        reason, replaces, ..
    } = &mut cmd
    {
        *reason = "补充".into();
        *replaces = decision;
    }
    assert_eq!(
        one.refused(Role::Recorder, d(2026, 5, 2), cmd),
        "demotion.order"
    );
}

#[test]
fn one_open_case_per_cadre_and_standard_and_two_phones_opening_it_are_shown() {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    let again = Command::Open {
        case: "dm-again".into(),
        cadre: LOW.into(),
        standard: BOTTOM.into(),
        facts: "同一情形".into(),
        evidence: String::new(),
        proposer: "干部科".into(),
        on: d(2026, 3, 3),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 3), again.clone()),
        "demotion.duplicate"
    );
    // Two phones offline each open it: both kept, the list and home say so.
    let mut one = two_years();
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    open(&mut one, d(2026, 3, 2));
    two.ok(Role::Recorder, d(2026, 3, 3), again);
    two.send_to(&mut one);
    let page = texts(&list_screen(one.state(), &viewer(d(2026, 3, 4))));
    assert!(page
        .iter()
        .any(|t| t.starts_with("孙强依据“年度综合考核连续2年排名位居后列”有2个未办结的处置事项")));
    let todos = jishi::domain::demotion_chain::todos::todos(one.state(), d(2026, 3, 4), true);
    assert!(todos
        .iter()
        .any(|t| t.urgent && t.text.contains("有2个未办结的处置事项")));
}

#[test]
fn a_new_run_at_the_bottom_is_raised_again_after_a_case_that_ended_and_a_unit_all_tied_has_no_bottom(
) {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    let on = d(2026, 3, 9);
    dev.ok(
        Role::Recorder,
        on,
        step(DemotionStep::Investigation, "调查", on),
    );
    let mut fit = step(DemotionStep::Analysis, "履职尚可", on);
    if let Command::Step { record, .. } = &mut fit {
        record.unfit = Some(false);
    }
    dev.ok(Role::Recorder, on, fit);
    for (c, s) in [
        (A, "92"),
        (GRADE, "88"),
        (NAKED, "85"),
        (HOLDER, "83"),
        (LOW, "70"),
    ] {
        rate_in(&mut dev, 2026, UNIT, c, all(s), true);
    }
    let found = candidates(dev.state(), d(2027, 2, 1));
    assert!(
        found.iter().any(|c| c.cadre == LOW && c.last_year == 2026),
        "2025 and 2026 are a new run"
    );
    let mut tied = w4::setup();
    for year in [2024, 2025] {
        for c in [A, GRADE, LOW] {
            rate_in(&mut tied, year, UNIT, c, all("85"), true);
        }
    }
    assert!(candidates(tied.state(), d(2026, 2, 1)).is_empty());
}

#[test]
fn two_candidates_of_one_cadre_have_forms_of_their_own() {
    let mut dev = w4::setup();
    for year in [2024, 2025] {
        rate_in(&mut dev, year, UNIT, A, all("92"), true);
        rate_in(&mut dev, year, UNIT, LOW, all("70"), false);
    }
    let page = list_screen(dev.state(), &viewer(d(2026, 2, 1)));
    let keys: Vec<String> = page
        .iter()
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            jishi::domain::screen::Block::Form(f) if f.form.key == "demotion_candidate" => {
                Some(f.instance.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[test]
fn a_case_opened_by_mistake_is_withdrawn_and_its_candidate_returns() {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    assert!(candidates(dev.state(), d(2026, 3, 3)).is_empty());
    let mut undo = Command::Close {
        case: CASE.into(),
        reinstated: true,
        post: "原职".into(),
        note: "动议时选错了标准".into(),
        on: d(2026, 3, 3),
        reason: String::new(),
        seen: vec![],
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 3), undo.clone()),
        "demotion.not_filed"
    );
    if let Command::Close {
        reinstated, post, ..
    } = &mut undo
    {
        *reinstated = false;
        post.clear();
    }
    dev.ok(Role::Recorder, d(2026, 3, 3), undo);
    assert!(matches!(
        progress(dev.state(), CASE).unwrap().phase,
        Phase::Closed(_)
    ));
    assert_eq!(
        candidates(dev.state(), d(2026, 3, 4)).len(),
        1,
        "raised again"
    );
    let page = texts(&list_screen(dev.state(), &viewer(d(2026, 3, 4))));
    assert!(page
        .iter()
        .any(|t| t.contains("2026-03-03撤销：动议时选错了标准")));
    // A new case on the standard may now be opened.
    let again = Command::Open {
        case: "dm-right".into(),
        cadre: LOW.into(),
        standard: BOTTOM.into(),
        facts: "连续两年末位".into(),
        evidence: String::new(),
        proposer: "干部科".into(),
        on: d(2026, 3, 4),
    };
    dev.ok(Role::Recorder, d(2026, 3, 4), again);
}

/// Through 讨论决定 (待岗, 2026-03-20) and 告知谈话.
fn decided() -> Device {
    let mut dev = two_years();
    open(&mut dev, d(2026, 3, 2));
    for (s, text, on) in [
        (DemotionStep::Investigation, "调查", d(2026, 3, 9)),
        (DemotionStep::Analysis, "分析", d(2026, 3, 13)),
        (DemotionStep::Decision, "部务会研究", d(2026, 3, 20)),
        (DemotionStep::Notice, "谈话", d(2026, 3, 25)),
    ] {
        dev.ok(Role::Recorder, on, step(s, text, on));
    }
    dev
}

fn withdraw(on: chrono::NaiveDate) -> Command {
    Command::Close {
        case: CASE.into(),
        reinstated: false,
        post: String::new(),
        note: "动议时选错了干部".into(),
        on,
        reason: String::new(),
        seen: vec![],
    }
}

#[test]
fn a_withdrawn_case_decides_nothing_and_is_not_corrected_behind_its_back() {
    let mut dev = decided();
    assert_eq!(
        dev.run(Role::Recorder, d(2026, 3, 26), withdraw(d(2026, 3, 1)))
            .unwrap_err()
            .message(true),
        "日期应在「动议启动」之日（2026-03-02）至今天（2026-03-26）之间"
    );
    dev.ok(Role::Recorder, d(2026, 3, 26), withdraw(d(2026, 3, 26)));
    assert_eq!(
        disposed(dev.state(), LOW),
        None,
        "the decision of a withdrawn case counts for nothing"
    );
    let live =
        dev.state().demotion_chain.steps[&(CASE.to_string(), DemotionStep::Decision)].live_ids();
    let mut fix = step(DemotionStep::Decision, "部务会复议", d(2026, 3, 20));
    if let Command::Step {
        reason,
        replaces,
        record,
        ..
    } = &mut fix
    {
        *reason = "复议".into();
        *replaces = live;
        record.disposal = Some(Disposal::Removal);
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 27), fix),
        "demotion.withdrawn"
    );
}

#[test]
fn a_withdrawal_meeting_a_filing_from_another_phone_waits_for_a_correction() {
    let mut one = decided();
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    one.ok(Role::Recorder, d(2026, 3, 26), withdraw(d(2026, 3, 26)));
    two.ok(
        Role::Recorder,
        d(2026, 4, 10),
        step(DemotionStep::Filing, "报旗委备案", d(2026, 4, 10)),
    );
    two.send_to(&mut one);
    assert_eq!(
        progress(one.state(), CASE).unwrap().phase,
        Phase::ClosingHeld
    );
    one.send_to(&mut two);
    assert_eq!(
        progress(two.state(), CASE).unwrap().phase,
        Phase::ClosingHeld
    );
}

#[test]
fn a_filing_is_not_moved_past_the_follow_up_and_a_running_case_takes_its_candidate_up() {
    let mut dev = decided();
    dev.ok(
        Role::Recorder,
        d(2026, 4, 10),
        step(DemotionStep::Filing, "备案", d(2026, 4, 10)),
    );
    let end = Command::Close {
        case: CASE.into(),
        reinstated: false,
        post: String::new(),
        note: "调离".into(),
        on: d(2026, 6, 1),
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, d(2026, 6, 1), end);
    let live =
        dev.state().demotion_chain.steps[&(CASE.to_string(), DemotionStep::Filing)].live_ids();
    let mut late = step(DemotionStep::Filing, "备案", d(2026, 7, 1));
    if let Command::Step {
        reason, replaces, ..
    } = &mut late
    {
        *reason = "日期录错".into();
        *replaces = live;
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 7, 2), late),
        "demotion.date"
    );
    // A case whose follow-up still runs takes a new run's candidate up.
    let mut running = decided();
    running.ok(
        Role::Recorder,
        d(2026, 4, 10),
        step(DemotionStep::Filing, "备案", d(2026, 4, 10)),
    );
    for (c, s) in [
        (A, "92"),
        (GRADE, "88"),
        (NAKED, "85"),
        (HOLDER, "83"),
        (LOW, "70"),
    ] {
        rate_in(&mut running, 2026, UNIT, c, all(s), true);
    }
    assert!(candidates(running.state(), d(2027, 2, 1)).is_empty());
}

#[test]
fn a_case_counts_for_its_computed_standard_when_the_county_changes_its_numbers() {
    use jishi::domain::master_decide::Command as MasterCommand;
    use jishi::domain::policy::Policy;
    let mut dev = decided();
    for (c, s) in [
        (A, "92"),
        (GRADE, "88"),
        (NAKED, "85"),
        (HOLDER, "83"),
        (LOW, "70"),
    ] {
        rate_in(&mut dev, 2023, UNIT, c, all(s), true);
    }
    let mut policy = Policy::default();
    policy.demotion_chain.bottom_years = 3;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2026, 3, 26),
        policy: Box::new(policy),
    };
    dev.ok(Role::Admin, d(2026, 3, 26), change);
    // 2023–2025 is three years at the bottom, but 孙强's case on the same standard (then
    // written "连续2年") is still open.
    assert!(candidates(dev.state(), d(2026, 3, 27)).is_empty());
}

#[test]
fn a_talk_recorded_is_corrected_or_withdrawn_and_the_next_due_follows() {
    let mut dev = filed();
    let talk = Command::FollowUp {
        case: CASE.into(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 5, 8),
    };
    let record = dev.ok(Role::Recorder, d(2026, 5, 8), talk)[0].id.clone();
    let filed_on = d(2026, 4, 10);
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Talk, filed_on),
        d(2026, 6, 8)
    );
    let fix = |withdrawn: bool, reason: &str, seen: Vec<String>| Command::FixFollowUp {
        case: CASE.into(),
        record: record.clone(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 5, 6),
        withdrawn,
        reason: reason.into(),
        seen,
    };
    let live = |dev: &Device| dev.state().demotion_chain.follow_ups[CASE].by_id[&record].live_ids();
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 5, 9), fix(false, "", live(&dev))),
        "field.required"
    );
    dev.ok(
        Role::Recorder,
        d(2026, 5, 9),
        fix(false, "日期录错", live(&dev)),
    );
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Talk, filed_on),
        d(2026, 6, 6)
    );
    dev.ok(
        Role::Recorder,
        d(2026, 5, 9),
        fix(true, "误录：未开展谈话", live(&dev)),
    );
    assert_eq!(
        next_due(dev.state(), CASE, FollowUpKind::Talk, filed_on),
        d(2026, 5, 10)
    );
}

#[test]
fn a_talk_corrected_on_one_phone_and_withdrawn_on_another_stays_in_view_and_within_the_follow_up() {
    let mut one = filed();
    let talk = Command::FollowUp {
        case: CASE.into(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 5, 8),
    };
    let record = one.ok(Role::Recorder, d(2026, 5, 8), talk)[0].id.clone();
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    let fix = |withdrawn: bool| Command::FixFollowUp {
        case: CASE.into(),
        record: record.clone(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 5, 6),
        withdrawn,
        reason: "核对".into(),
        seen: vec![record.clone()],
    };
    one.ok(Role::Recorder, d(2026, 5, 9), fix(false));
    two.ok(Role::Recorder, d(2026, 5, 10), fix(true));
    two.send_to(&mut one);
    let page = texts(&case_screen(
        one.state(),
        CASE,
        &viewer(d(2026, 5, 11)),
        &Focuses::default(),
    ));
    assert!(
        page.iter()
            .any(|t| t.contains("镇党委书记 王刚") && t.contains("两部手机记录不一致")),
        "{page:?}"
    );
    // The follow-up ends; a talk is not moved past the end, nor the end before a talk.
    let end = |on| Command::Close {
        case: CASE.into(),
        reinstated: false,
        post: String::new(),
        note: "调离".into(),
        on,
        reason: String::new(),
        seen: vec![],
    };
    assert_eq!(
        one.refused(Role::Recorder, d(2026, 6, 1), end(d(2026, 5, 1))),
        "demotion.date"
    );
    one.ok(Role::Recorder, d(2026, 6, 1), end(d(2026, 6, 1)));
    let live = one.state().demotion_chain.follow_ups[CASE].by_id[&record].live_ids();
    let late = Command::FixFollowUp {
        case: CASE.into(),
        record: record.clone(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 7, 15),
        withdrawn: false,
        reason: "核对".into(),
        seen: live,
    };
    assert_eq!(
        one.refused(Role::Recorder, d(2026, 8, 1), late),
        "demotion.date"
    );
}

#[test]
fn a_case_on_a_computed_standard_written_with_other_numbers_is_the_same_case() {
    use jishi::domain::master_decide::Command as MasterCommand;
    use jishi::domain::policy::Policy;
    let mut dev = decided();
    let mut policy = Policy::default();
    policy.demotion_chain.bottom_years = 3;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2026, 3, 26),
        policy: Box::new(policy),
    };
    dev.ok(Role::Admin, d(2026, 3, 26), change);
    let again = Command::Open {
        case: "dm-3".into(),
        cadre: LOW.into(),
        standard: "年度综合考核连续3年排名位居后列".into(),
        facts: "连续末位".into(),
        evidence: String::new(),
        proposer: "干部科".into(),
        on: d(2026, 3, 27),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 27), again),
        "demotion.duplicate"
    );
}
