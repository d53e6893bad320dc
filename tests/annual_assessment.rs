//! 年度考核 (W5): rater weights, the composite and the ranking per unit, grades and the
//! cap on 优秀, what grades call for and when, the grades W4's exclusion rule reads, two
//! phones grading one cadre, and who may record.

mod common;

use common::assessment::*;
use common::cadre::{self as w4, A, B, GRADE, HOLDER, LOW, NAKED};
use common::{d, Device};
use jishi::domain::annual_assessment::consequences::{consequences, open_consequences};
use jishi::domain::annual_assessment::results::{annual_grades, members, ranking, units};
use jishi::domain::annual_assessment::screens::{unit_screen, year_screen, Viewer};
use jishi::domain::annual_assessment::{Command, ConsequenceKind, Subject, TeamGrade};
use jishi::domain::cadre_selection::AnnualGrade;
use jishi::domain::event::Role;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::screen::{texts, Block};

fn viewer(role: Role, today: chrono::NaiveDate) -> Viewer {
    Viewer {
        role: Some(role),
        today,
        zh: true,
    }
}

#[test]
fn the_composite_weighs_each_group_by_policy_and_ranks_exactly() {
    let mut dev = w4::setup();
    // 40% 95 + 20% 90 + 20% 88 + 10% 98 + 10% 92 = 92.60.
    rate(
        &mut dev,
        A,
        scores([Some("95"), Some("90"), Some("88"), Some("98"), Some("92")]),
    );
    // Only 上级 and 同级 rated: (40 × 90 + 20 × 80) / 60 = 86.666… → shown 86.67.
    rate(
        &mut dev,
        GRADE,
        scores([Some("90"), Some("80"), None, None, None]),
    );
    // 86.67 exactly: the same figure shown, but higher than 86.666….
    rate(&mut dev, NAKED, all("86.67"));
    rate(&mut dev, LOW, all("80"));
    rate(&mut dev, HOLDER, all("80"));
    let ranked = ranking(dev.state(), YEAR, UNIT);
    let shown: Vec<(&str, String, usize, usize)> = ranked
        .iter()
        .map(|r| (r.cadre.as_str(), r.composite.shown(), r.place, r.below))
        .collect();
    assert_eq!(
        shown,
        vec![
            (A, "92.60".to_string(), 1, 4),
            (NAKED, "86.67".to_string(), 2, 3),
            (GRADE, "86.67".to_string(), 3, 2),
            // Equal composites share a place; ties are listed by name.
            (LOW, "80.00".to_string(), 4, 0),
            (HOLDER, "80.00".to_string(), 4, 0),
        ]
    );
    // The page shows the weights and each group's score.
    let screen = unit_screen(
        dev.state(),
        YEAR,
        UNIT,
        &viewer(Role::Recorder, d(2026, 1, 10)),
    );
    let all_text = texts(&screen).join("\n");
    assert!(all_text.contains("上级 40%、同级 20%、下级 20%、本人 10%、外单位相关人员 10%"));
    assert!(all_text.contains("92.60"));
}

#[test]
fn a_score_out_of_range_or_weightless_is_refused_and_nothing_is_saved() {
    let mut dev = w4::setup();
    let before = dev.events().len();
    let on = d(2026, 1, 10);
    let mut over = all("90");
    over.insert(jishi::domain::annual_assessment::RaterGroup::Peers, 10_001);
    assert_eq!(
        dev.refused(Role::Recorder, on, rate_cmd(A, over, on)),
        "assessment.score"
    );
    // Only the cadre's own score, and policy gives 本人 no weight.
    let mut policy = Policy::default();
    policy.annual_assessment.own_weight = 0;
    policy.annual_assessment.superior_weight = 50;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2025, 1, 1),
        policy: Box::new(policy),
    };
    dev.ok(Role::Admin, on, change);
    let own_only = scores([None, None, None, Some("99"), None]);
    assert_eq!(
        dev.refused(Role::Recorder, on, rate_cmd(A, own_only, on)),
        "assessment.weights"
    );
    assert_eq!(
        dev.events().len(),
        before + 1,
        "only the policy change was saved"
    );
    // A year not over yet, or a day before the year began, is refused.
    let mut next = rate_cmd(A, all("90"), on);
    if let Command::Rate { year, .. } = &mut next {
        *year = 2027;
    }
    assert_eq!(dev.refused(Role::Recorder, on, next), "assessment.year");
    assert_eq!(
        dev.refused(Role::Recorder, on, rate_cmd(A, all("90"), d(2024, 12, 31))),
        "assessment.date"
    );
}

#[test]
fn a_unit_is_where_its_cadres_sat_at_the_years_end() {
    let dev = w4::setup();
    let state = dev.state();
    let today = d(2026, 1, 10);
    // 李红梅 (B) moved to 格日朝鲁苏木 on 2026-01-05: in 2025 she was at 农牧局.
    assert_eq!(
        units(state, YEAR, today),
        vec!["扎鲁特旗农牧局".to_string(), UNIT.to_string()]
    );
    assert!(!members(state, YEAR, UNIT, today).contains(&B.to_string()));
    assert!(members(state, 2026, UNIT, today).contains(&B.to_string()));
}

#[test]
fn a_grade_needs_the_scores_first_and_grounds_below_competent() {
    let mut dev = w4::setup();
    let on = d(2026, 1, 20);
    assert_eq!(
        dev.refused(Role::Recorder, on, grade_cmd(A, AnnualGrade::Competent, on)),
        "assessment.unrated"
    );
    rate(&mut dev, A, all("75"));
    let mut bare = grade_cmd(A, AnnualGrade::BasicallyCompetent, on);
    if let Command::Grade { grounds, .. } = &mut bare {
        grounds.clear();
    }
    assert_eq!(dev.refused(Role::Recorder, on, bare), "field.required");
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            grade_cmd(A, AnnualGrade::Competent, d(2026, 1, 9))
        ),
        "assessment.date",
        "a grade cannot precede the scores"
    );
    grade(&mut dev, A, AnnualGrade::BasicallyCompetent);
}

#[test]
fn the_cap_on_excellent_holds_only_when_policy_sets_one() {
    let mut dev = w4::setup();
    for (c, s) in [
        (A, "95"),
        (GRADE, "93"),
        (NAKED, "90"),
        (LOW, "85"),
        (HOLDER, "80"),
    ] {
        rate(&mut dev, c, all(s));
    }
    // No cap by default: two 优秀 of five.
    grade(&mut dev, A, AnnualGrade::Excellent);
    grade(&mut dev, GRADE, AnnualGrade::Excellent);
    // 20%: one of five.
    let mut policy = Policy::default();
    policy.annual_assessment.excellent_cap_pct = 20;
    let on = d(2026, 1, 21);
    dev.ok(
        Role::Admin,
        on,
        MasterCommand::ChangePolicy {
            effective_from: d(2025, 1, 1),
            policy: Box::new(policy),
        },
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            grade_cmd(NAKED, AnnualGrade::Excellent, on)
        ),
        "assessment.excellent_cap"
    );
    // Correcting GRADE down frees the place (A keeps hers: a correction of A is not a
    // second 优秀).
    let mut down = grade_cmd(GRADE, AnnualGrade::Competent, on);
    if let Command::Grade { seen, reason, .. } = &mut down {
        *seen = grade_versions(&dev, GRADE);
        *reason = "考核委员会复议".into();
    }
    dev.ok(Role::Recorder, on, down);
    let mut again = grade_cmd(A, AnnualGrade::Excellent, on);
    if let Command::Grade { seen, reason, .. } = &mut again {
        *seen = grade_versions(&dev, A);
        *reason = "补充定等依据".into();
    }
    dev.ok(Role::Recorder, on, again);
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            grade_cmd(NAKED, AnnualGrade::Excellent, on)
        ),
        "assessment.excellent_cap"
    );
}

#[test]
fn grades_call_for_consequences_due_by_policy_until_recorded_done() {
    let mut dev = w4::setup();
    for (c, s) in [(A, "70"), (GRADE, "55"), (NAKED, "90")] {
        rate(&mut dev, c, all(s));
    }
    grade(&mut dev, A, AnnualGrade::BasicallyCompetent);
    grade(&mut dev, GRADE, AnnualGrade::Incompetent);
    grade(&mut dev, NAKED, AnnualGrade::Competent);
    team(&mut dev, UNIT, TeamGrade::Poor);
    team(&mut dev, "扎鲁特旗农牧局", TeamGrade::Average);
    let all = consequences(dev.state(), YEAR);
    let listed: Vec<(&str, ConsequenceKind, chrono::NaiveDate)> = all
        .iter()
        .map(|c| (c.name.as_str(), c.kind, c.due))
        .collect();
    // Graded on 2026-01-20: 30 days for a cadre, 90 for a team (policy defaults).
    assert_eq!(
        listed,
        vec![
            ("张三", ConsequenceKind::Removal, d(2026, 2, 19)),
            ("王建军", ConsequenceKind::Warning, d(2026, 2, 19)),
            (
                "扎鲁特旗农牧局",
                ConsequenceKind::TeamCompete,
                d(2026, 4, 20)
            ),
            (UNIT, ConsequenceKind::LeaderRemoval, d(2026, 4, 20)),
            (UNIT, ConsequenceKind::DeputiesCompete, d(2026, 4, 20)),
        ]
    );
    assert!(!all[1].overdue(d(2026, 2, 19)));
    assert!(all[1].overdue(d(2026, 2, 20)));
    // The recorder's home lists them, the overdue one marked.
    let todos = jishi::domain::annual_assessment::todos::todos(dev.state(), d(2026, 2, 20), true);
    let warn = todos
        .iter()
        .find(|t| t.text.contains("王建军 · 诫勉"))
        .expect("诫勉 to-do");
    assert!(warn.urgent && warn.text.contains("已逾期"));
    assert!(warn.shown_to(Some(Role::Recorder)) && !warn.shown_to(Some(Role::Organizer)));
    // A 诫勉 recorded done leaves the list; a consequence nobody owes is refused.
    let on = d(2026, 2, 21);
    dev.ok(
        Role::Recorder,
        on,
        carry(Subject::Cadre(A.into()), ConsequenceKind::Warning, on),
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            carry(Subject::Cadre(NAKED.into()), ConsequenceKind::Warning, on)
        ),
        "assessment.not_owed"
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            on,
            carry(Subject::Cadre(A.into()), ConsequenceKind::Removal, on)
        ),
        "assessment.not_owed"
    );
    let open: Vec<String> = open_consequences(dev.state())
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(open.len(), 4);
    assert!(!open.contains(&"王建军".to_string()));
    let page = texts(&year_screen(dev.state(), YEAR, &viewer(Role::Recorder, on))).join("\n");
    assert!(
        page.contains("已落实（2026-02-21）：下达诫勉通知书（组诫字〔2026〕3号）"),
        "{page}"
    );
}

#[test]
fn w4_excludes_a_target_by_the_assessments_grade_and_else_by_the_profiles() {
    // 王建军 (A): the profile says 2025 称职; the assessment graded 2025 基本称职.
    let mut dev = w4::through_nomination();
    rate(&mut dev, A, all("70"));
    grade(&mut dev, A, AnnualGrade::BasicallyCompetent);
    let grades = annual_grades(dev.state(), A);
    assert_eq!(grades[&2025].grade, AnnualGrade::BasicallyCompetent);
    assert!(grades[&2025].assessed);
    assert_eq!(
        grades[&2024].grade,
        AnnualGrade::Excellent,
        "the profile's, where no record exists"
    );
    assert!(!grades[&2024].assessed);
    assert_eq!(
        w4::refused(&mut dev, d(2026, 3, 12), w4::target(A, d(2026, 3, 12))),
        "w4.excluded"
    );
    // 张三 (GRADE): the profile's 2024 基本称职 still counts…
    assert_eq!(
        w4::refused(&mut dev, d(2026, 3, 12), w4::target(GRADE, d(2026, 3, 12))),
        "w4.excluded"
    );
    // …and a recorder's assessment saying otherwise does not lift it in silence: the two
    // differ, the lower counts, and the unit page asks for the profile to be checked.
    let on = d(2026, 3, 11);
    let mut c = rate_cmd(GRADE, all("88"), on);
    let mut g = grade_cmd(GRADE, AnnualGrade::Competent, on);
    for cmd in [&mut c, &mut g] {
        match cmd {
            Command::Rate { year, .. } | Command::Grade { year, .. } => *year = 2024,
            _ => {}
        }
    }
    dev.ok(Role::Recorder, on, c);
    dev.ok(Role::Recorder, on, g);
    let y2024 = annual_grades(dev.state(), GRADE)[&2024];
    assert!(y2024.assessed && y2024.conflicted);
    assert_eq!(y2024.grade, AnnualGrade::BasicallyCompetent);
    assert_eq!(
        w4::refused(&mut dev, d(2026, 3, 12), w4::target(GRADE, d(2026, 3, 12))),
        "w4.excluded"
    );
    let page = texts(&unit_screen(
        dev.state(),
        2024,
        UNIT,
        &viewer(Role::Recorder, on),
    ));
    assert!(page
        .iter()
        .any(|t| t.starts_with("张三的2024年度等次与干部档案中填写的不一致")));
    // The administrator corrects the profile: the assessment's grade alone counts.
    let mut fixed = dev.state().cadre_selection.cadre(GRADE).unwrap().clone();
    fixed.grades.insert(2024, AnnualGrade::Competent);
    let versions = dev.state().cadre_selection.cadres[GRADE].live_ids();
    let record = jishi::domain::cadre_selection::Command::RecordCadre {
        cadre: GRADE.into(),
        profile: fixed,
        supersedes: versions,
    };
    dev.ok(Role::Admin, on, record);
    assert!(!annual_grades(dev.state(), GRADE)[&2024].conflicted);
    w4::recorder(&mut dev, d(2026, 3, 12), w4::target(GRADE, d(2026, 3, 12)));
}

#[test]
fn two_phones_grading_one_cadre_differently_wait_for_a_correction() {
    let mut one = w4::setup();
    rate(&mut one, A, all("72"));
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    grade(&mut one, A, AnnualGrade::Competent);
    grade(&mut two, A, AnnualGrade::BasicallyCompetent);
    one.send_to(&mut two);
    two.send_to(&mut one);
    for dev in [&one, &two] {
        let g = annual_grades(dev.state(), A)[&YEAR];
        assert!(g.conflicted, "kept both, resolved by nobody");
        assert_eq!(
            g.grade,
            AnnualGrade::BasicallyCompetent,
            "the lower counts for W4"
        );
        assert!(
            consequences(dev.state(), YEAR).is_empty(),
            "no 诫勉 until settled"
        );
        let page = texts(&unit_screen(
            dev.state(),
            YEAR,
            UNIT,
            &viewer(Role::Recorder, d(2026, 1, 21)),
        ));
        assert!(page
            .iter()
            .any(|t| t.contains("王建军的考核等次在两部手机上不一致")));
    }
    let todos = jishi::domain::annual_assessment::todos::todos(one.state(), d(2026, 1, 21), true);
    assert!(todos
        .iter()
        .any(|t| t.text.contains("1人的记录在两部手机上不一致")));
    // A correction replacing both must say why.
    let on = d(2026, 1, 22);
    let mut fix = grade_cmd(A, AnnualGrade::BasicallyCompetent, on);
    if let Command::Grade { seen, .. } = &mut fix {
        *seen = grade_versions(&one, A);
    }
    assert_eq!(
        one.refused(Role::Recorder, on, fix.clone()),
        "field.required"
    );
    if let Command::Grade { reason, .. } = &mut fix {
        *reason = "经考核委员会核对，以会议纪要为准".into();
    }
    one.ok(Role::Recorder, on, fix);
    let g = annual_grades(one.state(), A)[&YEAR];
    // The two versions are settled (the profile typed 称职 for 2025, so the years still
    // differ there, and the lower counts).
    assert!(matches!(
        jishi::domain::annual_assessment::results::grade(one.state(), YEAR, A),
        jishi::domain::versions::Standing::One(_)
    ));
    assert_eq!(g.grade, AnnualGrade::BasicallyCompetent);
    assert_eq!(consequences(one.state(), YEAR).len(), 1);
}

#[test]
fn only_the_organization_department_records_and_reads_the_assessment() {
    let mut dev = w4::setup();
    let on = d(2026, 1, 10);
    for role in [
        Role::Organizer,
        Role::Assessor,
        Role::VillageHead,
        Role::Admin,
    ] {
        assert_eq!(
            dev.refused(role, on, rate_cmd(A, all("90"), on)),
            "auth.role"
        );
    }
    let r = dev.run(Role::Approver, on, rate_cmd(A, all("90"), on));
    assert!(r.is_ok());
    // Its records live with the cadre records, which township roles never receive.
    use jishi::domain::access::{kinds, ScopeKind};
    for kind in [
        "assessment_rated",
        "assessment_graded",
        "team_graded",
        "consequence_done",
    ] {
        let rule = kinds()
            .into_iter()
            .find(|k| k.kind == kind)
            .expect("kind listed");
        assert_eq!(rule.scope, ScopeKind::Cadre);
        assert!(!ScopeKind::Cadre.readers().contains(&Role::Organizer));
    }
    // A page shows the form only to those who may use it.
    let screen = unit_screen(dev.state(), YEAR, UNIT, &viewer(Role::Admin, on));
    assert!(texts(&screen).iter().any(|t| t.contains("记录年度考核")));
}

/// The form on `screen` with `key`.
fn form_of(screen: &jishi::domain::screen::Screen, key: &str) -> jishi::domain::screen::FormBlock {
    use jishi::domain::screen::Block;
    let found = screen.iter().flat_map(|c| &c.blocks).find_map(|b| match b {
        Block::Form(f) if f.form.key == key => Some((**f).clone()),
        _ => None,
    });
    found.unwrap_or_else(|| panic!("no form {key}"))
}

/// Send `inputs` through the form `key` of `screen` as a recorder on `today`.
fn send(
    dev: &mut Device,
    screen: &jishi::domain::screen::Screen,
    key: &str,
    inputs: jishi::domain::form::Inputs,
    today: chrono::NaiveDate,
) -> Result<(), String> {
    let block = form_of(screen, key);
    let sent = jishi::domain::screen::Sent {
        today,
        now_ms: 1_800_000_000_000,
        random: 7,
    };
    let cmd = block.command(&inputs, &sent, dev.state()).map_err(|e| {
        e.iter()
            .map(|v| v.message(true))
            .collect::<Vec<_>>()
            .join("；")
    })?;
    dev.run(Role::Recorder, today, cmd)
        .map(|_| ())
        .map_err(|e| e.message(true))
}

#[test]
fn a_recorder_types_a_units_year_from_scores_to_grades_to_a_warning() {
    use jishi::domain::annual_assessment::forms::{CarryInput, GradeInput, RatingInput, TeamInput};
    use jishi::domain::master_forms::inputs_of;
    let mut dev = w4::setup();
    let today = d(2026, 1, 15);
    let who = viewer(Role::Recorder, today);
    let typed = |cadre: &str, points: [&str; 5]| RatingInput {
        cadre: cadre.into(),
        scores: ["superior", "peers", "subordinates", "own", "outside"]
            .into_iter()
            .zip(points)
            .map(|(g, p)| (g.to_string(), p.to_string()))
            .collect(),
        integrity_passed: true,
        on: today,
        reason: String::new(),
    };
    let screen = unit_screen(dev.state(), YEAR, UNIT, &who);
    let bad = typed(A, ["95", "100.5", "九十", "", ""]);
    let said = send(
        &mut dev,
        &screen,
        "assessment_rating",
        inputs_of(&bad),
        today,
    )
    .unwrap_err();
    assert_eq!(said, "同级、下级的评分应是0至100之间的数，最多两位小数");
    for (c, p) in [
        (A, ["72", "70", "68", "85", ""]),
        (NAKED, ["92", "90", "91", "95", "90"]),
    ] {
        let screen = unit_screen(dev.state(), YEAR, UNIT, &who);
        send(
            &mut dev,
            &screen,
            "assessment_rating",
            inputs_of(&typed(c, p)),
            today,
        )
        .unwrap();
    }
    // (40 × 72 + 20 × 70 + 20 × 68 + 10 × 85) / 90 = 72.11.
    let ranked = ranking(dev.state(), YEAR, UNIT);
    assert_eq!(ranked[1].composite.shown(), "72.11");
    let screen = unit_screen(dev.state(), YEAR, UNIT, &who);
    let grade = GradeInput {
        cadre: A.into(),
        grade: AnnualGrade::BasicallyCompetent,
        grounds: "综合得分全单位末位，重点工作推进迟缓".into(),
        on: d(2026, 1, 20),
        reason: String::new(),
    };
    send(
        &mut dev,
        &screen,
        "assessment_grade",
        inputs_of(&grade),
        d(2026, 1, 20),
    )
    .unwrap();
    let team_grade = TeamInput {
        grade: TeamGrade::FairlyGood,
        grounds: String::new(),
        on: d(2026, 1, 20),
        reason: String::new(),
    };
    send(
        &mut dev,
        &screen,
        "assessment_team",
        inputs_of(&team_grade),
        d(2026, 1, 20),
    )
    .unwrap();
    // Correcting a grade through the same form asks why.
    let screen = unit_screen(dev.state(), YEAR, UNIT, &who);
    let again = GradeInput {
        grade: AnnualGrade::Competent,
        ..grade.clone()
    };
    let said = send(
        &mut dev,
        &screen,
        "assessment_grade",
        inputs_of(&again),
        d(2026, 1, 21),
    );
    assert_eq!(said.unwrap_err(), "请填写更正原因");
    // The year page offers the 诫勉 to record as done.
    let year_page = year_screen(dev.state(), YEAR, &who);
    let carry_form = form_of(&year_page, "assessment_carry");
    let owed = carry_form.options.list("owed");
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].1, "王建军 · 诫勉");
    let done = CarryInput {
        owed: owed[0].0.clone(),
        done: "旗委组织部下达诫勉通知书".into(),
        on: d(2026, 2, 3),
        reason: String::new(),
    };
    send(
        &mut dev,
        &year_page,
        "assessment_carry",
        inputs_of(&done),
        d(2026, 2, 3),
    )
    .unwrap();
    assert!(open_consequences(dev.state()).is_empty());
    let page = texts(&unit_screen(dev.state(), YEAR, UNIT, &who)).join("\n");
    assert!(page.contains("班子考核等次：较好"), "{page}");
}

#[test]
fn two_phones_over_the_excellent_cap_are_shown_for_review() {
    let mut one = w4::setup();
    for (c, s) in [
        (A, "95"),
        (GRADE, "93"),
        (NAKED, "90"),
        (LOW, "85"),
        (HOLDER, "80"),
    ] {
        rate(&mut one, c, all(s));
    }
    let mut policy = Policy::default();
    policy.annual_assessment.excellent_cap_pct = 20;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2025, 1, 1),
        policy: Box::new(policy),
    };
    one.ok(Role::Admin, d(2026, 1, 11), change);
    let mut two = Device::new("phone-b");
    one.send_to(&mut two);
    grade(&mut one, A, AnnualGrade::Excellent);
    grade(&mut two, GRADE, AnnualGrade::Excellent);
    two.send_to(&mut one);
    let today = d(2026, 1, 21);
    let page = texts(&unit_screen(
        one.state(),
        YEAR,
        UNIT,
        &viewer(Role::Recorder, today),
    ));
    assert!(page
        .iter()
        .any(|t| t.starts_with("优秀等次超过政策比例：现有2人，最多1人")));
    let todos = jishi::domain::annual_assessment::todos::todos(one.state(), today, true);
    assert!(todos
        .iter()
        .any(|t| t.urgent && t.text.contains("格日朝鲁苏木优秀2人，超过政策允许的1人")));
}

#[test]
fn a_unit_name_with_a_slash_opens_its_page_and_one_of_dots_is_refused() {
    use jishi::domain::annual_assessment::Page;
    let slash = Page::Unit(2025, "县委办/县政府办".into());
    let path = slash.path();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    assert_eq!(Page::parse(&parts), Some(slash));
    for dots in ["..", "."] {
        assert_eq!(Page::parse(&["assessment", "2025", "u", dots]), None);
        assert_eq!(Page::parse(&["assessment", "2025", "u", "%2E%2E"]), None);
    }
    let mut dev = w4::setup();
    let on = d(2026, 1, 10);
    let mut cmd = rate_cmd(A, all("90"), on);
    if let Command::Rate { unit, .. } = &mut cmd {
        *unit = "..".into();
    }
    assert_eq!(dev.refused(Role::Recorder, on, cmd), "assessment.unit");
}

#[test]
fn a_cadre_is_rated_only_in_a_unit_they_sat_in_that_year_and_may_be_moved_there() {
    let mut dev = w4::setup();
    let on = d(2026, 1, 10);
    let mut elsewhere = rate_cmd(A, all("90"), on);
    if let Command::Rate { unit, .. } = &mut elsewhere {
        *unit = "旗委办公室".into();
    }
    assert_eq!(
        dev.refused(Role::Recorder, on, elsewhere),
        "assessment.not_in_unit"
    );
    // 李红梅 (B) sat at 农牧局 until 2026-01-04: her 2025 is rated there; in 2026 she may be
    // rated in 格日朝鲁苏木, and the year-end unit lists her with where she was rated.
    let mut moved = rate_cmd(B, all("88"), on);
    if let Command::Rate { unit, .. } = &mut moved {
        *unit = "扎鲁特旗农牧局".into();
    }
    dev.ok(Role::Recorder, on, moved);
    let mut team = Command::GradeTeam {
        year: YEAR,
        unit: "扎鲁特旗农牧居".into(),
        grade: TeamGrade::Poor,
        grounds: "错字".into(),
        on: d(2026, 1, 20),
        reason: String::new(),
        seen: vec![],
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 1, 20), team.clone()),
        "assessment.unit"
    );
    if let Command::GradeTeam { unit, .. } = &mut team {
        *unit = "扎鲁特旗农牧局".into();
    }
    dev.ok(Role::Recorder, d(2026, 1, 20), team);
}

#[test]
fn what_was_done_stays_in_view_when_the_grade_is_corrected_and_a_rescored_grade_is_marked() {
    let mut dev = w4::setup();
    rate(&mut dev, A, all("55"));
    rate(&mut dev, NAKED, all("95"));
    grade(&mut dev, A, AnnualGrade::Incompetent);
    let on = d(2026, 2, 1);
    let mut removal = carry(Subject::Cadre(A.into()), ConsequenceKind::Removal, on);
    if let Command::Carry { done, .. } = &mut removal {
        *done = "旗委常委会决定免职（旗委干字〔2026〕5号）".into();
    }
    dev.ok(Role::Recorder, on, removal.clone());
    // Correcting that record asks why.
    let live = dev
        .state()
        .annual_assessment
        .done
        .values()
        .next()
        .unwrap()
        .live_ids();
    if let Command::Carry { seen, .. } = &mut removal {
        *seen = live;
    }
    assert_eq!(dev.refused(Role::Recorder, on, removal), "field.required");
    // The grade is corrected to 称职: the removal done stays listed, marked.
    let mut up = grade_cmd(A, AnnualGrade::Competent, d(2026, 2, 5));
    if let Command::Grade { seen, reason, .. } = &mut up {
        *seen = grade_versions(&dev, A);
        *reason = "考核委员会复议".into();
    }
    dev.ok(Role::Recorder, d(2026, 2, 5), up);
    let page = texts(&year_screen(
        dev.state(),
        YEAR,
        &viewer(Role::Recorder, d(2026, 2, 6)),
    ))
    .join("\n");
    assert!(page.contains("旗委干字〔2026〕5号"), "{page}");
    assert!(page.contains("等次已更正，此项不再需要"));
    assert!(open_consequences(dev.state()).is_empty());
    // NAKED graded 优秀, then the scores corrected: the grade is marked for review.
    grade(&mut dev, NAKED, AnnualGrade::Excellent);
    let live = dev.state().annual_assessment.ratings[&(YEAR, NAKED.to_string())].live_ids();
    let mut rescore = rate_cmd(NAKED, all("50"), d(2026, 2, 7));
    if let Command::Rate { seen, reason, .. } = &mut rescore {
        *seen = live;
        *reason = "录入错误".into();
    }
    dev.ok(Role::Recorder, d(2026, 2, 7), rescore);
    let screen = unit_screen(
        dev.state(),
        YEAR,
        UNIT,
        &viewer(Role::Recorder, d(2026, 2, 7)),
    );
    let marked = screen.iter().flat_map(|c| &c.blocks).any(|b| match b {
        jishi::domain::screen::Block::Table(t) => t.rows.iter().any(|r| {
            r.head == "李四"
                && r.cells
                    .iter()
                    .any(|c| c.marks.iter().any(|(_, id)| *id == "regrade"))
        }),
        _ => false,
    });
    assert!(marked);
}

#[test]
fn the_navigation_opens_the_year_being_assessed() {
    use jishi::domain::annual_assessment::results::current_year;
    let mut dev = w4::setup();
    // January, nothing of last year rated yet: last year.
    assert_eq!(current_year(dev.state(), d(2026, 1, 5)), 2025);
    // Later in the year with nothing to grade: this year.
    assert_eq!(current_year(dev.state(), d(2026, 6, 1)), 2026);
    // Last year's scores waiting for grades: last year, even in June.
    rate(&mut dev, A, all("80"));
    assert_eq!(current_year(dev.state(), d(2026, 6, 1)), 2025);
    grade(&mut dev, A, AnnualGrade::Competent);
    assert_eq!(current_year(dev.state(), d(2026, 6, 1)), 2026);
}

/// The ranking sheet exported (issue 14): Chinese heads, each cadre's place, composite
/// and group scores as bare numbers, the same figures as the table, and a name that
/// looks like a formula kept as text.
#[test]
fn the_ranking_exports_as_csv_with_the_tables_figures() {
    use common::csv_read::{bare_number, download, guarded, rows};
    use jishi::domain::cadre_selection::Command as CadreCommand;
    let mut dev = w4::setup();
    let on = d(2026, 1, 5);
    let cmd = CadreCommand::RecordCadre {
        cadre: "c-formula".into(),
        profile: w4::profile("=1+2", d(2022, 1, 1), &w4::good()),
        supersedes: vec![],
    };
    dev.ok(Role::Admin, on, cmd);
    // 40% 95 + 20% 90 + 20% 88 + 10% 98 + 10% 92 = 92.60.
    rate(
        &mut dev,
        A,
        scores([Some("95"), Some("90"), Some("88"), Some("98"), Some("92")]),
    );
    rate(&mut dev, "c-formula", all("80.5"));
    let screen = unit_screen(
        dev.state(),
        YEAR,
        UNIT,
        &viewer(Role::Recorder, d(2026, 1, 10)),
    );
    let csv = rows(&download(&screen, "ranking-csv"));
    let head: Vec<&str> = csv[0].iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        head,
        [
            "姓名",
            "名次",
            "综合得分",
            "上级",
            "同级",
            "下级",
            "本人",
            "外单位相关人员",
            "党风廉政",
            "等次"
        ]
    );
    let table = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.testid == "assessment-ranking" => Some(t.clone()),
            _ => None,
        })
        .expect("the ranking");
    assert_eq!(csv.len(), table.rows.len() + 1);
    for (line, row) in csv[1..].iter().zip(&table.rows) {
        let shown: Vec<String> = std::iter::once(guarded(&row.head))
            .chain(row.cells.iter().map(|c| c.said()))
            .collect();
        let fields: Vec<String> = line.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(fields, shown);
    }
    let first: Vec<&str> = csv[1].iter().map(|(_, raw)| raw.as_str()).collect();
    assert_eq!(
        first,
        [
            "王建军",
            "1",
            "92.60",
            "95.00",
            "90.00",
            "88.00",
            "98.00",
            "92.00",
            "达标",
            "未定等"
        ]
    );
    assert!(csv[1][1..8].iter().all(|(_, raw)| bare_number(raw)));
    // A name a spreadsheet would run as a formula is written as text.
    assert_eq!(csv[2][0].1, "'=1+2");
    assert_eq!(csv[2][2].1, "80.50");
}
