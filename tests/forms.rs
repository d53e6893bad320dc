#![cfg(not(target_arch = "wasm32"))]
//! Forms as typed: numbers with thousands separators, every field's message at once
//! (the village form, the score form, the W4 post, cadre and step-record forms), and
//! who may use which W4 form — the rules the pages ask before they show or send
//! anything, and the same rules the deciders enforce.

mod common;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::{
    cadre_problems, parse_post_form, record_problems, Action, Command, NominatorKind, SignOff,
    StepRecord, Submission,
};
use jishi::domain::event::Role;
use jishi::domain::master::{check_village_form, parse_count, parse_population, whole_number};
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::Policy;
use jishi::domain::village_pay::{parse_scores, Command as W1};
use jishi::domain::RuleViolation;

fn fields(all: &[RuleViolation]) -> Vec<&str> {
    all.iter()
        .map(|v| v.field.as_deref().unwrap_or(""))
        .collect()
}

fn codes(all: &[RuleViolation]) -> Vec<&str> {
    all.iter().map(|v| v.code).collect()
}

#[test]
fn a_population_may_be_typed_with_thousands_separators() {
    for typed in [
        "1500",
        "1,500",
        "1，500",
        " 1,500 ",
        "1 500",
        "1, 500",
        "１５００",
        "１，５００",
    ] {
        assert_eq!(parse_population(typed), Ok(1500), "{typed:?}");
    }
    assert_eq!(parse_population("12,345,678"), Ok(12_345_678));
    assert_eq!(parse_population("0"), Ok(0));
    assert_eq!(parse_count("1,024", "votes"), Ok(1024));
    // Anything else is refused, saying to type digits only; nothing is guessed.
    for typed in [
        "1.500",
        "1,50",
        "15,00",
        ",500",
        "1,,500",
        "12 34",
        "-5",
        "一千五",
        "1500人",
        "1.5k",
    ] {
        let v = parse_population(typed).expect_err(typed);
        assert_eq!(v.code, "master.population_format", "{typed:?}");
        assert_eq!(v.field.as_deref(), Some("population"));
        assert!(v.zh.contains("请只填写数字"), "{}", v.zh);
        assert!(v.en.contains("type digits only"), "{}", v.en);
        assert_eq!(whole_number(typed), None, "{typed:?}");
    }
    assert_eq!(
        parse_population("  ").unwrap_err().code,
        "master.population_missing"
    );
    // A number too large to be one says so, not "type digits".
    let big = parse_population("99,999,999,999").unwrap_err();
    assert_eq!(big.zh, "人口数过大，请核对");
    assert_eq!(whole_number("99,999,999,999"), None);
    let votes = parse_count("4,294,967,296", "votes").unwrap_err();
    assert_eq!(
        (votes.zh.as_str(), votes.field.as_deref()),
        ("数字过大，请核对", Some("votes"))
    );
    assert_eq!(parse_count("4,294,967,295", "votes"), Ok(u32::MAX));
    assert_eq!(
        parse_count("4.5", "votes").unwrap_err().zh,
        "请填写非负整数"
    );
}

#[test]
fn the_village_form_names_every_wrong_field_at_once() {
    let all = check_village_form("", "两千", "刘强", "").unwrap_err();
    assert_eq!(fields(&all), ["name", "population", "director"]);
    assert_eq!(all[0].zh, "请填写村名");
    assert_eq!(all[2].zh, "请填写主任姓名");
    // Heads: both or neither.
    assert_eq!(check_village_form("红旗村", "1,500", "", ""), Ok(1500));
    assert_eq!(
        check_village_form("红旗村", "1,500", "刘强", "陈梅"),
        Ok(1500)
    );
    let all = check_village_form("红旗村", "1500", "", "陈梅").unwrap_err();
    assert_eq!(fields(&all), ["secretary"]);
}

#[test]
fn a_village_with_one_head_is_refused_by_the_decider_as_by_the_form() {
    let mut dev = Device::new("phone-admin");
    let on = d(2026, 1, 5);
    dev.ok(
        Role::Admin,
        on,
        MasterCommand::RecordTownship {
            township: TOWNSHIP.into(),
            name: TOWNSHIP_NAME.into(),
        },
    );
    let village = |secretary: &str, director: &str| MasterCommand::RecordVillage {
        village: "v-new".into(),
        township: TOWNSHIP.into(),
        name: "红旗村".into(),
        population: 1500,
        secretary: secretary.into(),
        director: director.into(),
    };
    assert_eq!(
        dev.refused(Role::Admin, on, village("刘强", "")),
        "field.required"
    );
    // A name pasted as nothing but zero-width characters (or a byte-order mark) shows
    // nothing: it is as blank as an empty one.
    assert_eq!(
        dev.refused(Role::Admin, on, village("刘强", "\u{200B}\u{FEFF}")),
        "field.required"
    );
    dev.ok(Role::Admin, on, village("刘强", "\u{200B}陈梅 "));
    assert_eq!(dev.state().master.villages["v-new"].director, "陈梅");
}

/// (The score form's every-message-at-once reading is tested through its screen:
/// tests/screens.rs, `slot_page`.)
#[test]
fn half_points_are_read_only_where_the_policy_allows_them() {
    let set = indicators_2026();
    let half: Vec<(String, String)> = set
        .iter()
        .map(|i| (i.id.clone(), "8.5".to_string()))
        .collect();
    assert_eq!(
        parse_scores(&set, &half, false).unwrap_err().len(),
        set.len()
    );
}

#[test]
fn the_post_form_names_every_wrong_field_at_once() {
    let all = parse_post_form(" ", "", "0").unwrap_err();
    assert_eq!(fields(&all), ["unit", "title", "quota"]);
    assert_eq!(all[2].zh, "职数必须大于 0");
    assert_eq!(
        parse_post_form("", "", "两个").unwrap_err()[2].code,
        "field.number"
    );
    assert_eq!(
        parse_post_form(" 格日朝鲁苏木 ", "组织委员", "1"),
        Ok(("格日朝鲁苏木".into(), "组织委员".into(), 1))
    );
}

#[test]
fn a_cadre_profile_names_every_problem_and_the_decider_refuses_with_the_first() {
    let today = d(2026, 3, 2);
    let mut p = profile("", d(2020, 1, 1), &good());
    p.work_start = d(1970, 1, 1);
    p.flags.children = 0;
    p.flags.children_emigrated = 1;
    let all = cadre_problems(&p, today);
    assert_eq!(codes(&all), ["w4.required", "w4.dates", "w4.family"]);
    assert_eq!(fields(&all), ["name", "work_start", "children_emigrated"]);
    let mut dev = setup();
    let cmd = Command::RecordCadre {
        cadre: "c-new".into(),
        profile: p,
        supersedes: vec![],
    };
    assert_eq!(dev.refused(Role::Admin, today, cmd), "w4.required");
    assert!(cadre_problems(&profile("某某", d(2020, 1, 1), &good()), today).is_empty());
}

#[test]
fn a_step_record_names_every_problem_of_its_own_fields_and_the_decider_agrees() {
    let numbers = Policy::default().cadre_selection;
    let today = d(2026, 3, 5);
    let mut bare = nomination(A, NominatorKind::Named, "工作需要", "");
    if let StepRecord::Nomination {
        first_nominator,
        strengths,
        ..
    } = &mut bare
    {
        first_nominator.clear();
        strengths.clear();
    }
    let all = record_problems(&bare, today, &numbers);
    assert_eq!(
        fields(&all),
        ["first_nominator", "strengths", "signature", "reasons"]
    );
    // A named recommendation signed by someone else than its first nominator.
    let other = nomination(A, NominatorKind::Named, "实绩突出", "别人");
    assert_eq!(
        codes(&record_problems(&other, today, &numbers)),
        ["w4.signature"]
    );
    // An organization nomination needs no signature, strengths or weaknesses.
    let mut org = nomination(A, NominatorKind::Organization, "实绩突出", "");
    if let StepRecord::Nomination { strengths, .. } = &mut org {
        strengths.clear();
    }
    assert!(record_problems(&org, today, &numbers).is_empty());
    // Counts and dates.
    let v = vote(d(2026, 3, 6), 11, 12, 10, 3, 0);
    assert_eq!(
        codes(&record_problems(&v, today, &numbers)),
        ["w4.future", "w4.vote_present", "w4.vote_total"]
    );
    let mut rec = recommendation(d(2026, 3, 5), &[(A, 30)]);
    if let StepRecord::Recommendation { participants, .. } = &mut rec {
        *participants = 0;
    }
    assert_eq!(codes(&record_problems(&rec, today, &numbers)), ["w4.votes"]);
    assert_eq!(
        codes(&record_problems(
            &inspection(A, 101),
            d(2026, 3, 20),
            &numbers
        )),
        ["w4.score"]
    );

    // The decider refuses with the first of them.
    let mut dev = through_qualification_and_initiation();
    assert_eq!(refused(&mut dev, today, bare), "w4.required");
}

fn through_qualification_and_initiation() -> Device {
    let mut dev = setup();
    recorder(
        &mut dev,
        d(2026, 3, 2),
        StepRecord::Qualification {
            on: d(2026, 3, 2),
            conditions: "符合".into(),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 3),
        StepRecord::Initiation {
            on: d(2026, 3, 3),
            proposer: "部务会".into(),
            reason: "空缺".into(),
            scope: "全旗".into(),
            method: "民主推荐".into(),
        },
    );
    dev
}

#[test]
fn who_may_use_each_w4_form_is_what_the_decider_enforces() {
    assert!(Action::MasterData.allows(Role::Admin));
    assert!(!Action::MasterData.allows(Role::Recorder));
    assert!(Action::Record.allows(Role::Recorder));
    assert!(!Action::Record.allows(Role::Admin));
    assert!(Action::Submit.allows(Role::Approver));
    assert!(!Action::Submit.allows(Role::Recorder));
    assert_eq!(
        Action::MasterData.only().zh,
        "只有县委组织部管理员可以录入干部信息和职位"
    );
    assert_eq!(
        Action::MasterData.only().en,
        "Only the county administrator may record cadres and posts"
    );
    assert_eq!(Action::Record.only().zh, "只有记录人可以记录选任事项");
    let lines = |role: Role| -> Vec<SignOff> {
        SignOff::CHAIN
            .into_iter()
            .filter(|l| Action::Sign(*l).allows(role))
            .collect()
    };
    assert_eq!(lines(Role::Recorder), [SignOff::Recheck, SignOff::Recorder]);
    assert_eq!(lines(Role::CadreChief), [SignOff::CadreSectionChief]);
    assert_eq!(
        lines(Role::SupervisionChief),
        [SignOff::SupervisionSectionChief]
    );
    assert_eq!(lines(Role::Approver), [SignOff::DeputyHead]);
    assert!(lines(Role::Admin).is_empty());

    // Every role the page would not offer a form to is refused by the decider, and the
    // roles it offers it to are not refused for their role.
    let cadre = Command::RecordCadre {
        cadre: "c-x".into(),
        profile: profile("某某", d(2020, 1, 1), &good()),
        supersedes: vec![],
    };
    let step = rec(StepRecord::Qualification {
        on: d(2026, 3, 2),
        conditions: "符合".into(),
    });
    let sign = Command::Sign {
        case: CASE.into(),
        node: Submission::Initial,
        sign: SignOff::CadreSectionChief,
    };
    for cmd in [cadre, step, sign] {
        for role in Role::ALL {
            let mut dev = setup();
            let code = match dev.run(role, d(2026, 3, 2), cmd.clone()) {
                Ok(_) => "",
                Err(e) => match e {
                    jishi::store::RecordError::Rule(v) => v.code,
                    other => panic!("{other:?}"),
                },
            };
            assert_eq!(
                code == "auth.role",
                !cmd.action().allows(role),
                "{role:?} {:?}: {code}",
                cmd.action()
            );
        }
    }
}

#[test]
fn who_may_use_each_village_pay_form_is_what_the_decider_enforces() {
    use jishi::domain::state::State;
    use jishi::domain::village_pay::{decide, Action, Period};
    assert_eq!(
        Action::Organize.only().zh,
        "只有乡镇组织委员可以发布指标、开始公示、处理异议、核定和定稿"
    );
    assert_eq!(
        Action::Score.only().en,
        "Only the assessor or township organizer may score or correct scores"
    );
    let village = "v-1".to_string();
    let commands = [
        W1::SubmitScores {
            village: village.clone(),
            year: 2026,
            period: Period::Q1,
            scores: Default::default(),
            assessor: "张伟".into(),
            assessed_on: d(2026, 3, 20),
            note: String::new(),
        },
        W1::RaiseObjection {
            village: village.clone(),
            year: 2026,
            period: Period::Q1,
            objector: "村民".into(),
            content: "评分偏低".into(),
            raised_on: d(2026, 3, 27),
        },
        W1::Finalize {
            village,
            year: 2026,
            period: Period::Q1,
            on: d(2026, 4, 8),
        },
    ];
    for cmd in commands {
        refused_for_exactly_the_roles_not_allowed(
            |role| cmd.action().allows(role),
            |actor| {
                decide(&State::default(), cmd.clone(), actor)
                    .err()
                    .is_some_and(|e| e.code == "auth.role")
            },
            &format!("{:?}", cmd.action()),
        );
    }
}

#[test]
fn who_may_use_each_master_data_form_is_what_the_decider_enforces() {
    use jishi::domain::master_decide::{decide, Action};
    use jishi::domain::state::State;
    assert_eq!(
        Action::MasterData.only().zh,
        "只有县委组织部管理员可以录入乡镇、村和政策参数"
    );
    assert_eq!(
        Action::Heads.only().en,
        "Only the county administrator or township organizer may record the village heads"
    );
    let commands = [
        MasterCommand::RecordTownship {
            township: "t-1".into(),
            name: "巴彦芒哈苏木".into(),
        },
        MasterCommand::RecordHeads {
            village: "v-1".into(),
            secretary: "王书记".into(),
            director: "李主任".into(),
        },
    ];
    for cmd in commands {
        refused_for_exactly_the_roles_not_allowed(
            |role| cmd.action().allows(role),
            |actor| {
                decide(&State::default(), cmd.clone(), actor)
                    .err()
                    .is_some_and(|e| e.code == "auth.role")
            },
            &format!("{:?}", cmd.action()),
        );
    }
}

#[test]
fn the_cadre_form_is_read_in_the_domain_with_every_problem_at_once() {
    use jishi::domain::cadre_selection::cadre_form::read_cadre;
    use jishi::domain::form::{Inputs, Options};
    let mut inputs = Inputs::new();
    let mut put = |name: &str, value: &str| {
        inputs.insert(name.into(), value.into());
    };
    put("name", "张明");
    put("gender", "男");
    put("ethnicity", "蒙古族");
    put("birth", "1985-03-02");
    put("work_start", "2007-07-01");
    for (row, (unit, title, start)) in [("乌力吉木仁苏木", "副苏木达", "2021-06-01"), ("", "", "")]
        .iter()
        .enumerate()
    {
        put(&format!("pos_unit.{row}"), unit);
        put(&format!("pos_title.{row}"), title);
        put(&format!("pos_post.{row}"), "");
        put(&format!("pos_start.{row}"), start);
        put(&format!("pos_end.{row}"), "");
    }
    for (row, (year, grade)) in [
        ("2024", "excellent"),
        ("2025", "competent"),
        ("", "competent"),
    ]
    .iter()
    .enumerate()
    {
        put(&format!("grade_year.{row}"), year);
        put(&format!("grade.{row}"), grade);
    }
    put("children", "1");
    put("children_emigrated", "0");
    put("has_spouse", "yes");
    put("spouse_emigrated", "no");
    let options = Options::default();
    let profile = read_cadre(&options, &inputs, d(2026, 3, 2)).expect("a good profile");
    assert_eq!(profile.positions.len(), 1, "the blank row is left out");
    assert_eq!(
        profile.grades.len(),
        2,
        "the row without a year is left out"
    );
    assert_eq!(profile.party_join, None, "a blank party date: non-party");
    assert!(profile.flags.has_spouse);
    // A name or unit pasted with a byte-order mark or a zero-width space is kept without
    // them (domain::text): the unit still matches the unit of the same name elsewhere.
    let mut pasted = inputs.clone();
    pasted.insert("name".into(), "\u{FEFF}张明\u{200B}".into());
    pasted.insert("pos_unit.0".into(), "乌力吉木仁苏木\u{200B}".into());
    let profile = read_cadre(&options, &pasted, d(2026, 3, 2)).expect("a good profile");
    assert_eq!(profile.name, "张明");
    assert_eq!(profile.positions[0].unit, "乌力吉木仁苏木");

    inputs.insert("birth".into(), "1985-02-30".into());
    inputs.insert("children".into(), "两个".into());
    inputs.insert("grade_year.1".into(), "99999999999".into());
    inputs.insert("pos_start.0".into(), String::new());
    let all = read_cadre(&options, &inputs, d(2026, 3, 2)).expect_err("four problems");
    let mut named = fields(&all);
    named.sort();
    assert_eq!(
        named,
        ["birth", "children", "grades", "positions"],
        "each named once, none wrapped"
    );
    let said: Vec<&str> = all.iter().map(|v| v.zh.as_str()).collect();
    assert!(said.contains(&"第1行：请填写开始"), "{said:?}");
    assert!(said.contains(&"第2行：数字过大，请核对"), "{said:?}");
}

#[test]
fn a_cadre_row_is_never_dropped_or_merged_without_a_word() {
    use jishi::domain::cadre_selection::cadre_form::{cadre_inputs, read_cadre};
    use jishi::domain::form::Options;
    let mut inputs = cadre_inputs(None);
    for (k, v) in [
        ("name", "张明"),
        ("birth", "1985-03-02"),
        ("work_start", "2007-07-01"),
    ] {
        inputs.insert(k.into(), v.into());
    }
    // A row with a post and a start but neither unit nor title.
    inputs.insert("pos_post.0".into(), "p-fsmd".into());
    inputs.insert("pos_start.0".into(), "2020-01-01".into());
    // The same year graded twice.
    for (row, grade) in ["excellent", "incompetent"].iter().enumerate() {
        inputs.insert(format!("grade_year.{row}"), "2024".into());
        inputs.insert(format!("grade.{row}"), grade.to_string());
    }
    let all = read_cadre(&Options::default(), &inputs, d(2026, 3, 2)).unwrap_err();
    let said: Vec<&str> = all.iter().map(|v| v.zh.as_str()).collect();
    assert!(said.contains(&"任职经历须填写单位或职务"), "{said:?}");
    assert!(said.contains(&"2024 年度考核等次填写了两次"), "{said:?}");

    // A year typed without its grade is asked for, never read as a grade nobody chose;
    // a position cannot end after today.
    inputs.insert("grade.0".into(), String::new());
    inputs.insert("pos_unit.0".into(), "格日朝鲁苏木".into());
    inputs.insert("pos_end.0".into(), "2030-01-01".into());
    let all = read_cadre(&Options::default(), &inputs, d(2026, 3, 2)).unwrap_err();
    let said: Vec<&str> = all.iter().map(|v| v.zh.as_str()).collect();
    assert!(said.contains(&"第1行：请选择等次"), "{said:?}");
    assert!(
        said.iter()
            .any(|s| s.starts_with("任职经历“格日朝鲁苏木”的日期有误")),
        "{said:?}"
    );
}

#[test]
fn a_cadre_reads_back_as_itself_through_the_cadre_form() {
    use jishi::domain::cadre_selection::cadre_form::{cadre_inputs, read_cadre, POSTS};
    use jishi::domain::cadre_selection::{AnnualGrade, CadreFlags, CadreProfile, Position};
    use jishi::domain::form::Options;
    let profile = CadreProfile {
        name: "王建军".into(),
        gender: "男".into(),
        ethnicity: "蒙古族".into(),
        birth: d(1985, 6, 15),
        party_join: Some(d(2008, 7, 1)),
        work_start: d(2007, 8, 1),
        education: "大学本科".into(),
        identity: "公务员".into(),
        positions: vec![
            Position {
                unit: "扎鲁特旗农牧局".into(),
                title: "科员".into(),
                post: String::new(),
                start: d(2007, 8, 1),
                end: Some(d(2020, 2, 29)),
            },
            Position {
                unit: "格日朝鲁苏木".into(),
                title: "党委委员".into(),
                post: "p-fsmd".into(),
                start: d(2020, 3, 1),
                end: None,
            },
        ],
        grades: [
            (2023, AnnualGrade::Excellent),
            (2024, AnnualGrade::BasicallyCompetent),
        ]
        .into(),
        flags: CadreFlags {
            has_spouse: true,
            children: 2,
            children_emigrated: 1,
            sanction_until: Some(d(2026, 6, 30)),
            canvassing: "有拉票行为".into(),
            ..CadreFlags::default()
        },
    };
    let options = Options::default().with(POSTS, vec![("p-fsmd".into(), "副苏木达".into())]);
    let inputs = cadre_inputs(Some(&profile));
    assert_eq!(read_cadre(&options, &inputs, d(2026, 3, 2)), Ok(profile));
    let blank = cadre_inputs(None);
    assert_eq!(blank.get("gender").map(String::as_str), Some("男"));
    assert!(
        !blank.contains_key("birth"),
        "a new cadre's dates start blank"
    );
}

mod as_data {
    //! The master-data forms as data: each field's name is the serde name of what the form
    //! reads into, a saved village reads back as itself, and every problem shows at once.
    use jishi::domain::form::{Form, Inputs, Options};
    use jishi::domain::master::Village;
    use jishi::domain::master_forms::*;

    fn typed(pairs: &[(&str, &str)]) -> Inputs {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn names(form: Form) -> Vec<String> {
        Options::default().input_names(&form)
    }

    #[test]
    fn a_village_reads_back_as_itself_through_its_form() {
        let v = Village {
            id: "v1".into(),
            township: "t1".into(),
            name: "前进村".into(),
            population: 2500,
            secretary: "李建国".into(),
            director: "张红".into(),
        };
        let inputs = village_inputs(Some(&v));
        let keys: Vec<String> = inputs.keys().cloned().collect();
        let mut fields = names(VILLAGE_FORM);
        fields.sort();
        assert_eq!(
            keys, fields,
            "the form's fields are the serde names of VillageInput"
        );
        let read = read_village(&inputs).unwrap();
        assert_eq!(
            (
                read.name.as_str(),
                read.population,
                read.secretary.as_str(),
                read.director.as_str()
            ),
            ("前进村", 2500, "李建国", "张红")
        );
        assert!(
            village_inputs(None).is_empty(),
            "a new village starts blank"
        );
    }

    #[test]
    fn the_village_form_names_every_problem_and_reads_1_500() {
        let all =
            read_village(&typed(&[("population", "两千"), ("secretary", "刘强")])).unwrap_err();
        let fields: Vec<&str> = all.iter().filter_map(|v| v.field.as_deref()).collect();
        assert_eq!(fields, ["name", "population", "director"]);
        assert!(all[1].zh.contains("请只填写数字"), "{}", all[1].zh);
        let ok = typed(&[("name", "红旗村"), ("population", "1,500")]);
        assert_eq!(read_village(&ok).unwrap().population, 1500);
        // The population field says how to type it.
        let help = VILLAGE_FORM.fields[1].help_text(true).unwrap();
        assert!(help.contains("1,500"));
    }

    #[test]
    fn a_township_needs_a_name_and_keeps_it_trimmed() {
        assert_eq!(names(TOWNSHIP_FORM), ["name"]);
        let e = read_township(&typed(&[("name", "  ")])).unwrap_err();
        assert_eq!(e[0].zh, "请填写乡镇名称");
        assert_eq!(
            read_township(&typed(&[("name", " 巨日合镇 ")]))
                .unwrap()
                .name,
            "巨日合镇"
        );
    }

    #[test]
    fn the_engine_refuses_a_blank_required_field_once_and_reads_separated_counts() {
        use jishi::domain::form::{field, FieldKind};
        const FORM: Form = Form {
            key: "sample",
            fields: &[
                field("on", "日期", "Date", FieldKind::Date).required(),
                field("members", "应到人数", "Members", FieldKind::Count).required(),
                field("note", "备注", "Note", FieldKind::Text),
            ],
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let (_, problems) = FORM.values(&Options::default(), &typed(&[("note", "x")]), today);
        let said: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.field.as_deref().unwrap_or(""), p.zh.as_str()))
            .collect();
        assert_eq!(said, [("on", "请填写日期"), ("members", "请填写应到人数")]);
        let (values, problems) = FORM.values(
            &Options::default(),
            &typed(&[("on", "2026-12-01"), ("members", "1,500")]),
            today,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(values["members"], 1500);
        assert_eq!(values["on"], "2026-12-01");
    }

    #[test]
    fn every_village_pay_form_reads_back_what_it_shows() {
        use jishi::domain::village_pay::forms::*;
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let today = day("2026-12-02");
        fn round_trip<T>(form: Form, value: T, today: chrono::NaiveDate)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let inputs = inputs_of(&value);
            for name in Options::default().input_names(&form) {
                assert!(
                    inputs.contains_key(&name),
                    "{}: {name} is not a field of what it reads",
                    form.key
                );
            }
            assert_eq!(
                form.read::<T>(&Options::default(), &inputs, today),
                Ok(value),
                "{}",
                form.key
            );
        }
        round_trip(
            PUBLICITY_FORM,
            PublicityInput {
                start: day("2026-03-26"),
            },
            today,
        );
        let objection = ObjectionInput {
            objector: "村民赵强".into(),
            content: "产业发展得分偏低：合作社分红未计入".into(),
            raised_on: day("2026-06-28"),
        };
        round_trip(OBJECTION_FORM, objection, today);
        let dated = DatedInput {
            on: day("2026-07-10"),
            reason: String::new(),
        };
        round_trip(FINALIZE_FORM, dated.clone(), today);
        round_trip(GRADE_FORM, dated, today);
        let regrade = DatedInput {
            on: day("2026-07-11"),
            reason: "异议成立后重新评定".into(),
        };
        round_trip(REGRADE_FORM, regrade, today);
        let talk = WarningTalkInput {
            held_by: "巨日合镇党委书记 孙涛".into(),
            held_on: day("2026-07-15"),
            note: "指出差距，限期整改".into(),
        };
        round_trip(WARNING_TALK_FORM, talk, today);
        let rect = RectificationInput {
            completed_on: day("2026-09-30"),
            note: "已整改".into(),
        };
        round_trip(RECTIFICATION_FORM, rect, today);
    }

    #[test]
    fn a_missing_or_wrong_date_is_named_under_its_field() {
        use jishi::domain::village_pay::forms::*;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let read = |inputs: &Inputs| {
            OBJECTION_FORM.read::<ObjectionInput>(&Options::default(), inputs, today)
        };
        let e = read(&typed(&[("objector", "赵强"), ("content", "偏低")])).unwrap_err();
        assert_eq!(
            (e[0].field.as_deref(), e[0].zh.as_str()),
            (Some("raised_on"), "请填写提出日期")
        );
        // A blank objector, a blank objection and an impossible date: all three at once.
        let e = read(&typed(&[("objector", "  "), ("raised_on", "2026-02-30")])).unwrap_err();
        let said: Vec<(&str, &str)> = e
            .iter()
            .map(|p| (p.field.as_deref().unwrap_or(""), p.zh.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                ("objector", "请填写异议人"),
                ("content", "请填写异议内容"),
                ("raised_on", "请填写有效日期（年-月-日）")
            ]
        );
        assert_eq!(e[0].en, "Objector is required");
    }

    #[test]
    fn a_blank_optional_date_or_count_is_none_and_a_yes_no_is_never_chosen_for_the_user() {
        use jishi::domain::form::{field, FieldKind};
        const FORM: Form = Form {
            key: "optional",
            fields: &[
                field("until", "截止", "Until", FieldKind::Date),
                field("count", "人数", "Count", FieldKind::Count),
                field("agreed", "是否同意", "Agreed", FieldKind::YesNo).required(),
            ],
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let (values, problems) = FORM.values(&Options::default(), &Inputs::new(), today);
        assert_eq!(values["until"], serde_json::Value::Null);
        assert_eq!(values["count"], serde_json::Value::Null);
        let said: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        assert_eq!(said, ["请选择是否同意"]);
    }

    #[test]
    fn a_post_reads_back_through_its_form_and_every_problem_shows_at_once() {
        use jishi::domain::cadre_selection::post_form::{post_inputs, read_post, POST_FORM};
        use jishi::domain::cadre_selection::Post;
        let post = Post {
            id: "p-1".into(),
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            quota: 2,
        };
        let inputs = post_inputs(Some(&post));
        let mut keys: Vec<String> = inputs.keys().cloned().collect();
        keys.sort();
        let mut fields = names(POST_FORM);
        fields.sort();
        assert_eq!(
            keys, fields,
            "the form's fields are the serde names of PostInput"
        );
        let read = read_post(&inputs).unwrap();
        assert_eq!(
            (read.unit.as_str(), read.title.as_str(), read.quota),
            ("格日朝鲁苏木", "副苏木达", 2)
        );
        assert_eq!(
            post_inputs(None)["quota"],
            "1",
            "a new post starts with one seat"
        );
        let all = read_post(&typed(&[("unit", " "), ("quota", "两个")])).unwrap_err();
        let fields: Vec<&str> = all.iter().filter_map(|v| v.field.as_deref()).collect();
        assert_eq!(fields, ["unit", "title", "quota"]);
    }
}

/// For every role, the decider refuses a command for its role (`refused`) exactly when
/// the page would not offer its form to that role (`allows`).
fn refused_for_exactly_the_roles_not_allowed(
    allows: impl Fn(Role) -> bool,
    refused: impl Fn(&jishi::domain::state::Actor) -> bool,
    action: &str,
) {
    for role in Role::ALL {
        let actor = jishi::domain::state::Actor {
            name: "某人".into(),
            role,
            today: d(2026, 4, 8),
            townships: vec![],
        };
        assert_eq!(
            refused(&actor),
            !allows(role),
            "{role:?} {action}: the page offers exactly what the decider lets through",
        );
    }
}
