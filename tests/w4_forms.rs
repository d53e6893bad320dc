//! The W4 step-record forms as data (`cadre_selection::forms`): every form reads back the
//! record it shows, its fields are exactly its record's, and it reports every error at once.

use chrono::NaiveDate;
use jishi::domain::cadre_selection::forms::{inputs_of, step_form, Choices, Inputs, FORMS};
use jishi::domain::cadre_selection::StepRecord;
use jishi::domain::policy::Policy;
use serde_json::{json, Value};

/// One record of every form, with the seeds' kind of content.
fn samples() -> Vec<Value> {
    vec![
        json!({"qualification": {"on": "2026-03-02", "conditions": "符合《干部任用条例》第七、八条"}}),
        json!({"initiation": {"on": "2026-03-03", "proposer": "县委组织部", "reason": "乡镇党委副书记空缺", "scope": "全县科级干部", "method": "民主推荐"}}),
        json!({"nomination": {"on": "2026-03-05", "post": "p-1", "cadre": "c-1", "kind": "named", "first_nominator": "王某", "reasons": "实绩突出", "strengths": "作风扎实", "weaknesses": "经验不足", "kinship": "无", "signature": "王某"}}),
        json!({"recommendation": {"on": "2026-03-06", "post": "p-1", "kind": "meeting", "eligible": 42, "participants": 40, "votes": {"c-1": 31, "c-2": 9}}}),
        json!({"target": {"on": "2026-03-09", "post": "p-1", "cadre": "c-1"}}),
        json!({"inspection": {"on": "2026-03-12", "post": "p-1", "cadre": "c-1", "scores": {"character": 19, "ability": 18, "performance": 17, "support": 18, "potential": 16}, "extended": false, "conclusion": "德才兼备"}}),
        json!({"deliberation": {"on": "2026-03-16", "proposed": {"p-1": "c-1"}, "participants": "书记、副书记", "opinion": "同意"}}),
        json!({"check": {"on": "2026-03-17", "cadre": "c-1", "check": "personal_report", "passed": true, "note": "如实报告"}}),
        json!({"opinion": {"on": "2026-03-18", "cadre": "c-1", "body": "县纪委监委", "answer": "无意见"}}),
        json!({"vote": {"on": "2026-03-20", "meeting": "常委会", "post": "p-1", "cadre": "c-1", "members": 11, "present": 10, "votes_for": 9, "against": 1, "abstain": 0, "passed": false, "minutes": "会议记录第3号"}}),
        json!({"publicity_opened": {"on": "2026-03-23", "end": "2026-03-23", "channel": "县委组织部网站，举报电话 12380"}}),
        json!({"complaint": {"on": "2026-03-24", "cadre": "c-1", "complainant": "匿名", "content": "反映其工作作风问题"}}),
        json!({"complaint_verified": {"on": "2026-03-25", "complaint": "e-9", "finding": "dismissed", "note": "经核查不属实"}}),
        json!({"publicity_closed": {"on": "2026-03-30", "result": "公示期满无异议"}}),
        json!({"appointment": {"on": "2026-04-01", "post": "p-1", "cadre": "c-1", "document": "扎党任〔2026〕5号"}}),
        json!({"probation_ended": {"on": "2027-04-01", "cadre": "c-1", "confirmed": true, "note": "考核合格"}}),
    ]
}

fn choices() -> Choices {
    let pair = |id: &str, label: &str| (id.to_string(), label.to_string());
    Choices {
        cadres: vec![
            pair("c-1", "张明（1985-03-02）"),
            pair("c-2", "李华（1983-07-19）"),
            pair("c-3", "王强（1990-01-05）"),
        ],
        posts: vec![pair("p-1", "乡镇党委副书记"), pair("p-2", "乡镇副镇长")],
        complaints: vec![pair("e-9", "2026-03-24 匿名 反映其工作作风问题")],
    }
}

/// Read with the seeds' default policy on a day after every sample.
fn read(
    key: &str,
    inputs: &Inputs,
) -> Result<jishi::domain::cadre_selection::StepRecord, Vec<jishi::domain::RuleViolation>> {
    let today = NaiveDate::from_ymd_opt(2027, 12, 31).expect("a date");
    let form = step_form(key).expect("a form");
    form.read(
        &choices(),
        inputs,
        today,
        &Policy::default().cadre_selection,
    )
}

#[test]
fn every_form_reads_back_the_record_it_shows() {
    let samples = samples();
    assert_eq!(samples.len(), FORMS.len(), "one sample per form");
    for sample in samples {
        let record: StepRecord = serde_json::from_value(sample.clone()).expect("a record");
        let form = step_form(record.form()).expect("a form for every record");
        assert_eq!(form.step, record.step(), "{}", form.key);
        assert_eq!(
            read(form.key, &inputs_of(&record)),
            Ok(record),
            "{}",
            form.key
        );
    }
}

#[test]
fn a_forms_fields_are_exactly_its_records_fields() {
    for sample in samples() {
        let (key, fields) = sample
            .as_object()
            .and_then(|m| m.iter().next())
            .expect("tagged");
        let form = step_form(key).expect("a form");
        let mut shown: Vec<&str> = form.fields.iter().map(|f| f.name).collect();
        let mut stored: Vec<&str> = fields
            .as_object()
            .expect("fields")
            .keys()
            .map(String::as_str)
            .collect();
        shown.sort();
        stored.sort();
        assert_eq!(
            shown, stored,
            "{key}: no field drifts from the record's serde shape"
        );
        assert!(form
            .fields
            .iter()
            .all(|f| !f.zh.is_empty() && !f.en.is_empty()));
    }
}

#[test]
fn a_vote_with_a_bad_date_and_a_bad_count_names_both_fields_at_once() {
    let mut inputs = inputs_of(&serde_json::from_value(samples()[9].clone()).expect("vote"));
    inputs.insert("on".into(), "2026-02-30".into());
    inputs.insert("members".into(), "十一".into());
    inputs.insert("against".into(), "-1".into());
    let errors = read("vote", &inputs).expect_err("three errors");
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields[..3],
        ["on", "members", "against"],
        "each unreadable field named"
    );
}

#[test]
fn blank_votes_and_appointees_are_left_out_and_a_blank_score_is_an_error() {
    let mut inputs = inputs_of(&serde_json::from_value(samples()[3].clone()).expect("rec"));
    inputs.insert("votes.c-3".into(), "  ".into());
    let StepRecord::Recommendation { votes, .. } = read("recommendation", &inputs).expect("ok")
    else {
        panic!("a recommendation");
    };
    assert_eq!(votes.len(), 2, "c-3 left blank is not a vote of 0");
    let mut inputs = inputs_of(&serde_json::from_value(samples()[5].clone()).expect("insp"));
    inputs.insert("scores.support".into(), String::new());
    let errors = read("inspection", &inputs).expect_err("a blank score");
    assert_eq!(errors[0].field.as_deref(), Some("scores"));
}

#[test]
fn a_record_is_described_with_the_names_people_read() {
    use jishi::domain::cadre_selection::forms::describe;
    let vote: jishi::domain::cadre_selection::StepRecord =
        serde_json::from_value(samples()[3].clone()).expect("recommendation");
    let lines = describe(true, &vote, &choices());
    let votes = lines
        .iter()
        .find(|(label, _)| *label == "得票数")
        .map(|x| x.1.as_str());
    assert_eq!(votes, Some("张明（1985-03-02） 31，李华（1983-07-19） 9"));
    let inspection: jishi::domain::cadre_selection::StepRecord =
        serde_json::from_value(samples()[5].clone()).expect("inspection");
    let lines = describe(false, &inspection, &choices());
    let scores = lines
        .iter()
        .find(|(label, _)| *label == "Scores")
        .map(|x| x.1.as_str());
    assert_eq!(
        scores,
        Some("Character 19, Ability 18, Performance 17, Support 18, Potential 16; total 88")
    );
}

#[test]
fn an_unreadable_count_does_not_blame_the_correct_count_next_to_it() {
    let mut inputs = inputs_of(&serde_json::from_value(samples()[3].clone()).expect("rec"));
    inputs.insert("eligible".into(), "四十二".into());
    let errors = read("recommendation", &inputs).expect_err("eligible unreadable");
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(fields, ["eligible"], "participants 40 stays unblamed");
    // Once eligible reads, the rule between them speaks again.
    inputs.insert("eligible".into(), "30".into());
    let errors = read("recommendation", &inputs).expect_err("40 of 30");
    assert!(errors
        .iter()
        .any(|e| e.field.as_deref() == Some("participants")));
}

#[test]
fn a_blank_form_names_its_fields_never_a_malformed_form() {
    let today = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
    let policy = Policy::default();
    for form in FORMS.iter() {
        let problems = form
            .read(&choices(), &Inputs::new(), today, &policy.cadre_selection)
            .expect_err(form.key);
        let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
        assert!(
            !codes.contains(&"field.format"),
            "{}: a blank field is named under itself, not as a malformed form: {problems:?}",
            form.key
        );
        let on = problems.iter().find(|p| p.field.as_deref() == Some("on"));
        let label = form.fields.iter().find(|f| f.name == "on").unwrap().zh;
        let expected = format!("请填写{label}");
        assert_eq!(on.map(|p| p.zh.clone()), Some(expected), "{}", form.key);
    }
    // The vote: every blank count named under its own field, at once.
    let vote = step_form("vote").unwrap();
    let problems = vote
        .read(&choices(), &Inputs::new(), today, &policy.cadre_selection)
        .unwrap_err();
    let blank: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == "field.required")
        .filter_map(|p| p.field.as_deref())
        .collect();
    for field in [
        "on",
        "members",
        "present",
        "votes_for",
        "against",
        "abstain",
    ] {
        assert!(blank.contains(&field), "{field}: {blank:?}");
    }
}
