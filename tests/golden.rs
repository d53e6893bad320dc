#![cfg(not(target_arch = "wasm32"))]
//! The golden corpus: backup files written by the 2026-12 version of the app (every
//! event kind, corrections, objections, a resolved conflict, re-grading, a whole W4
//! case with signatures and submissions; `case_ended.json`: the version whose records name
//! their database, with a case ended after a failed vote). Whatever later versions change in code or
//! event shapes, these files must still import, verify and fold to the same results.
//!
//! `JISHI_WRITE_GOLDEN=1 cargo test --test golden` rewrites the files; only ever do
//! that when the corpus itself must grow (never to make a failing check pass).

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use std::path::PathBuf;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::{
    self, Command as CadreCommand, Round, StepRecord, Submission,
};
use jishi::domain::event::{verify, Role};
use jishi::domain::policy::Policy;
use jishi::domain::state::State;
use jishi::domain::village_pay::{township_year, Command as VillagePayCommand, Period};
use jishi::store::{Ledger, MemoryStore};
use serde_json::{json, Value};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn writing() -> bool {
    std::env::var("JISHI_WRITE_GOLDEN").is_ok_and(|v| v == "1")
}

/// A whole 2026 of 乌力吉木仁苏木 on two phones: a policy change, indicators replaced
/// before the first score, a correction, an objection upheld and one dismissed, a
/// conflict between the phones resolved, grading, a re-grading, and the failing
/// village's warning talk and rectification.
fn village_pay() -> Device {
    let mut a = Device::new("phone-golden-a");
    let mut b = Device::new("phone-golden-b");
    a.master_data();
    let policy = Policy {
        pay_basic: 2_500,
        ..Policy::default()
    };
    a.ok(
        Role::Admin,
        d(2025, 12, 20),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 1, 1),
            policy: Box::new(policy),
        },
    );
    let mut first = indicators_2026();
    first.truncate(4);
    first[0].max_halves = 80;
    a.publish(2026, first);
    a.publish(2026, indicators_2026());
    // SMALL fails (50), MID and UPPER are notable, LARGE outstanding.
    a.year_2026(SMALL, [Some(50.0), Some(50.0), None, Some(50.0)], 50.0);
    a.submit(MID, 2026, Period::Q1, scores_of(70.0));
    a.ok(
        Role::Assessor,
        d(2026, 3, 25),
        VillagePayCommand::CorrectScores {
            village: MID.into(),
            year: 2026,
            period: Period::Q1,
            scores: scores_of(72.5),
            reason: "党建引领一项漏计 2.5 分".into(),
        },
    );
    let start = a.open_publicity(MID, 2026, Period::Q1);
    let raised = a.ok(
        Role::VillageHead,
        plus(start, 2),
        VillagePayCommand::RaiseObjection {
            village: MID.into(),
            year: 2026,
            period: Period::Q1,
            objector: "村民 韩宝音".into(),
            content: "产业发展得分偏低".into(),
            raised_on: plus(start, 2),
        },
    );
    a.ok(
        Role::Organizer,
        plus(start, 4),
        VillagePayCommand::ResolveObjection {
            village: MID.into(),
            year: 2026,
            period: Period::Q1,
            objection: raised[0].id.clone(),
            upheld: Some(scores_of(75.0)),
            note: "经核实，合作社收入漏报".into(),
            resolved_on: plus(start, 4),
        },
    );
    a.finalize(MID, 2026, Period::Q1);
    a.year_2026(MID, [None, Some(78.0), Some(80.0), Some(82.5)], 80.0);
    a.submit(UPPER, 2026, Period::Q1, scores_of(65.0));
    let start = a.open_publicity(UPPER, 2026, Period::Q1);
    let raised = a.ok(
        Role::Assessor,
        plus(start, 1),
        VillagePayCommand::RaiseObjection {
            village: UPPER.into(),
            year: 2026,
            period: Period::Q1,
            objector: "党员 孟根".into(),
            content: "基层治理打分过低".into(),
            raised_on: plus(start, 1),
        },
    );
    a.ok(
        Role::Organizer,
        plus(start, 3),
        VillagePayCommand::ResolveObjection {
            village: UPPER.into(),
            year: 2026,
            period: Period::Q1,
            objection: raised[0].id.clone(),
            upheld: None,
            note: "经复查，评分依据充分".into(),
            resolved_on: plus(start, 3),
        },
    );
    a.finalize(UPPER, 2026, Period::Q1);
    a.year_2026(UPPER, [None, Some(66.0), Some(68.5), Some(70.0)], 64.0);
    a.year_2026(LARGE, [Some(95.0), Some(93.5), None, Some(96.0)], 94.0);
    // LARGE Q3 scored on both phones offline, differently.
    a.send_to(&mut b);
    a.submit(LARGE, 2026, Period::Q3, scores_of(91.0));
    b.submit(LARGE, 2026, Period::Q3, scores_of(89.0));
    b.send_to(&mut a);
    a.ok(
        Role::Organizer,
        d(2026, 9, 27),
        VillagePayCommand::ResolveConflict {
            village: LARGE.into(),
            year: 2026,
            period: Period::Q3,
            scores: scores_of(91.0),
            reason: "以考核组长现场记录为准".into(),
        },
    );
    a.open_publicity(LARGE, 2026, Period::Q3);
    a.finalize(LARGE, 2026, Period::Q3);
    a.grade(2026, grading_day(2026), "");
    a.grade(2026, plus(grading_day(2026), 1), "季度成绩更正后重新评定");
    a.ok(
        Role::Organizer,
        d(2027, 1, 5),
        VillagePayCommand::RecordWarningTalk {
            village: SMALL.into(),
            year: 2026,
            held_by: "苏木党委书记 那顺".into(),
            held_on: d(2027, 1, 5),
            note: "指出问题，提出整改要求".into(),
        },
    );
    a.ok(
        Role::Organizer,
        d(2027, 3, 1),
        VillagePayCommand::CompleteRectification {
            village: SMALL.into(),
            year: 2026,
            completed_on: d(2027, 3, 1),
            note: "村务公开栏已规范，党员活动按月开展".into(),
        },
    );
    a
}

/// The W4 case from qualification to appointment, with a correction, a complaint and
/// its verification, both disclosures, both sign-offs and submissions.
fn cadre_selection() -> Device {
    let mut dev = in_publicity();
    let initiations: Vec<String> = case(&dev)
        .live()
        .iter()
        .filter(|e| e.record.form() == "initiation")
        .map(|e| e.id.clone())
        .collect();
    dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        CadreCommand::Correct {
            case: CASE.into(),
            supersedes: vec![initiations[0].clone()],
            record: StepRecord::Initiation {
                on: d(2026, 3, 3),
                proposer: "旗委组织部部务会".into(),
                reason: "副苏木达 1 名职位空缺（原苏木达调任）".into(),
                scope: "全旗科级干部".into(),
                method: "民主推荐".into(),
            },
            reason: "补记职位空缺原因".into(),
        },
    );
    let complaint = dev.ok(
        Role::Recorder,
        d(2026, 4, 3),
        CadreCommand::Record {
            case: CASE.into(),
            record: StepRecord::Complaint {
                on: d(2026, 4, 3),
                cadre: A.into(),
                complainant: "匿名来信".into(),
                content: "反映其亲属经营企业".into(),
            },
        },
    );
    dev.ok(
        Role::Recorder,
        d(2026, 4, 8),
        CadreCommand::Record {
            case: CASE.into(),
            record: StepRecord::ComplaintVerified {
                on: d(2026, 4, 8),
                complaint: complaint[0].id.clone(),
                finding: cadre_selection::Finding::Dismissed,
                note: "经核查，亲属企业与其职务无关联".into(),
            },
        },
    );
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 8));
    dev.ok(
        Role::Approver,
        d(2026, 4, 8),
        CadreCommand::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 8),
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    dev.ok(
        Role::Recorder,
        d(2026, 4, 14),
        CadreCommand::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::Second,
            start: d(2026, 4, 14),
            matters: matters(),
        },
    );
    sign_all(&mut dev, Submission::Second, d(2026, 4, 15));
    dev.ok(
        Role::Approver,
        d(2026, 4, 15),
        CadreCommand::Submit {
            case: CASE.into(),
            node: Submission::Second,
            on: d(2026, 4, 15),
        },
    );
    dev
}

/// What a user sees of the corpus, as plain values: each W1 cell and grading, each
/// W4 step, signature and rate. Field names are the user's words, not our types'.
fn summary(state: &State) -> Value {
    let view = township_year(state, TOWNSHIP, 2026, d(2027, 6, 1));
    let rows: Vec<Value> = view
        .rows
        .iter()
        .map(|r| {
            json!({
                "village": r.village.name,
                "heads": [r.village.secretary, r.village.director],
                "cells": r.cells.iter().map(|c| json!({
                    "period": c.period.key(),
                    "status": format!("{:?}", c.status),
                    "score": c.score,
                    "window": c.window.map(|w| [w.0.to_string(), w.1.to_string()]),
                    "open_objections": c.open_objections,
                })).collect::<Vec<_>>(),
                "result": r.result.as_ref().map(|x| json!({
                    "quarters": x.quarters, "annual": x.annual, "composite": x.composite,
                    "rank": x.rank, "team": x.team_grade.label(true),
                    "head": x.head_grade.label(true), "base_pay": x.base_pay,
                    "performance_pay": x.performance_pay,
                })),
                "talk": r.talk.as_ref().map(|t| [t.due.to_string(), format!("{:?}", t.done)]),
                "rectification": r.rectification.as_ref()
                    .map(|t| [t.due.to_string(), format!("{:?}", t.done)]),
            })
        })
        .collect();
    let case = cadre_selection::case_view(state, CASE, d(2026, 11, 30));
    let case = case.map(|v| {
        json!({
            "current": v.current.map(|s| s.label(true)),
            "steps": v.steps.iter().map(|s| json!([s.step.label(true), s.complete])).collect::<Vec<_>>(),
            "fill_bp": v.rates.fill_bp(),
            "completeness_bp": v.rates.completeness_bp(),
            "initial_due": v.initial_due.map(|x| x.to_string()),
        })
    });
    let c = &state.cadre_selection.cases[CASE];
    let signatures: Vec<Value> = [Submission::Initial, Submission::Second]
        .into_iter()
        .map(|node| {
            let signed = c.signed(node);
            json!({
                "node": node.label(),
                "signed": signed.values().map(|s| json!([s.sign.label(), s.signer, s.on.to_string()])).collect::<Vec<_>>(),
                "submitted": c.submitted(node).map(|x| x.to_string()),
            })
        })
        .collect();
    json!({
        "policy_2026_pay_basic": state.policies.at(d(2026, 6, 1)).pay_basic,
        "indicator_version": view.indicators.as_ref().map(|s| s.version),
        "villages": rows,
        "grading_conflict": view.grading_conflict,
        "case": case,
        "appointed": c.appointed().iter().map(|(k, v)| json!([k, v.0, v.1.to_string()])).collect::<Vec<_>>(),
        "complaints": c.complaints().iter().map(|x| json!([x.content, x.verified.as_ref().map(|v| format!("{:?}", v.1))])).collect::<Vec<_>>(),
        "disclosures": c.disclosures.len(),
        "signatures": signatures,
        "cadres": state.cadre_selection.cadres.len(),
    })
}

#[test]
fn the_golden_corpus_imports_verifies_and_folds_to_the_same_results() {
    let files = ["village_pay.json", "cadre_selection.json"];
    if writing() {
        std::fs::create_dir_all(dir()).unwrap();
        let pay = village_pay();
        let w4 = cadre_selection();
        // A fixed export time: the files are byte-stable for a given version.
        std::fs::write(dir().join(files[0]), pay.ledger.export(1_800_000_000_000)).unwrap();
        std::fs::write(dir().join(files[1]), w4.ledger.export(1_800_000_000_000)).unwrap();
    }
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    let mut imported = 0;
    for f in files {
        let text = std::fs::read_to_string(dir().join(f))
            .unwrap_or_else(|e| panic!("tests/golden/{f}: {e}"));
        let (added, _) = phone
            .import(&text)
            .unwrap_or_else(|e| panic!("tests/golden/{f} no longer imports: {}", e.message(false)));
        imported += added;
    }
    assert!(imported >= 127, "the corpus holds {imported} events");
    assert_eq!(
        verify(phone.events()),
        vec![],
        "every hash and parent verifies"
    );
    let mut kinds: Vec<&str> = phone.events().iter().map(|e| e.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds.len(),
        21,
        "every kind of the 2026-12 version: {kinds:?}"
    );
    let got = summary(phone.state());
    let expected_path = dir().join("expected.json");
    if writing() {
        let text = serde_json::to_string_pretty(&got).unwrap();
        std::fs::write(&expected_path, text + "\n").unwrap();
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    assert_eq!(
        got, expected,
        "the corpus folds to what the 2026-12 version showed"
    );
}

/// A case of the version whose records name their database (`scope`): through 征求意见,
/// a vote of 5 of 11 that fails, and the case ended with its reason (w4_case_ended).
fn case_ended() -> Device {
    let mut dev = through_consultation();
    recorder(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 6, 5, 1, 0));
    dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        CadreCommand::EndCase {
            case: CASE.into(),
            on: d(2026, 4, 2),
            ending: cadre_selection::Ending::VoteFailed,
            reason: "常委会表决未过半数".into(),
        },
    );
    dev
}

#[test]
fn the_corpus_of_the_version_with_databases_imports_and_with_the_first_holds_every_kind() {
    let file = dir().join("case_ended.json");
    if writing() {
        std::fs::write(&file, case_ended().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    let (added, _) = phone.import(&text).unwrap();
    assert!(added >= 20, "the file holds {added} events");
    assert_eq!(verify(phone.events()), vec![]);
    assert!(
        phone.events().iter().all(|e| !e.scope.is_empty()),
        "every record of this version names its database"
    );
    let ended = cadre_selection::case_view(phone.state(), CASE, d(2026, 4, 3))
        .unwrap()
        .ended
        .expect("the case is ended");
    assert_eq!(ended.ending, cadre_selection::Ending::VoteFailed);
    assert_eq!(ended.reason, "常委会表决未过半数");
    // With the first corpus (read on another phone: the fixtures reuse ids): every
    // kind this version writes.
    let mut first = Ledger::open(MemoryStore::default(), "phone-reader-2");
    for f in [
        "village_pay.json",
        "cadre_selection.json",
        "village_heads.json",
        "career_pay.json",
        "career_renewal.json",
        "cadre_management.json",
        "performance_record.json",
        "rotation.json",
        "audit_grading.json",
    ] {
        first
            .import(&std::fs::read_to_string(dir().join(f)).unwrap())
            .unwrap();
    }
    let mut kinds: Vec<&str> = phone
        .events()
        .iter()
        .chain(first.events())
        .map(|e| e.kind.as_str())
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut all: Vec<&str> = jishi::domain::event::EventBody::all_kinds().collect();
    all.sort();
    assert_eq!(kinds, all, "the corpus holds every kind");
}

/// The village heads' corpus (the version that added W3): the heads' history, a list
/// confirmed, a tenure corrected after it, and the list confirmed again.
fn village_heads() -> Device {
    use common::heads::*;
    use jishi::domain::village_heads::{EndReason, HeadPost};
    let mut dev = Device::new("phone-golden-heads");
    dev.master_data();
    heads_history(&mut dev);
    let list = confirm_list(&dev, 2027, Vec::new());
    dev.ok(Role::Admin, d(2026, 12, 1), list);
    let han = tenure(
        HAN,
        "韩宝音",
        MID,
        HeadPost::Secretary,
        d(2010, 3, 1),
        Some((d(2020, 3, 1), EndReason::TermEnded)),
    );
    record(&mut dev, d(2026, 12, 2), "ht-han", han);
    let again = confirm_list(&dev, 2027, Vec::new());
    dev.ok(Role::Admin, d(2026, 12, 2), again);
    dev
}

#[test]
fn the_village_heads_corpus_imports_verifies_and_folds_to_the_same_list() {
    let file = dir().join("village_heads.json");
    if writing() {
        std::fs::write(&file, village_heads().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let list = &phone
        .state()
        .village_heads
        .confirmed(2027)
        .expect("confirmed")
        .value;
    let paid: Vec<(&str, u32, u32)> = list
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.served_days, e.yuan))
        .collect();
    assert_eq!(
        paid,
        vec![
            ("包金山", 3_653, 2_400),
            ("孟根", 4_018, 2_400),
            ("韩宝音", 3_653, 2_400)
        ]
    );
    assert!(jishi::domain::village_heads::changes_since(phone.state(), 2027, true).is_empty());
}

#[test]
fn the_career_pay_corpus_imports_verifies_and_folds_to_the_same_certificate() {
    let file = dir().join("career_pay.json");
    if writing() {
        std::fs::write(
            &file,
            common::career::certified().ledger.export(1_800_000_000_000),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let cert = phone.state().career_pay.certificates["ca-liu"]
        .current()
        .unwrap();
    assert_eq!(
        (cert.chosen.name.as_str(), cert.number.as_str()),
        ("刘建国", "扎选聘〔2026〕1号")
    );
}

#[test]
fn the_renewal_corpus_imports_verifies_and_folds_to_the_same_end_of_pay() {
    use jishi::domain::career_pay::Command as CareerCommand;
    let file = dir().join("career_renewal.json");
    if writing() {
        // 刘建国 renewed for 2027, then his pay ended from 2027-07-01, corrected to 07-16.
        let mut dev = common::career::certified();
        let renew = CareerCommand::Renew {
            application: "ca-liu".into(),
            year: 2027,
            on: d(2026, 12, 3),
        };
        dev.ok(Role::Admin, d(2026, 12, 3), renew);
        let end = |pay_ends, seen| CareerCommand::Terminate {
            application: "ca-liu".into(),
            condition: "本人申请辞聘".into(),
            note: "本人书面申请辞去选聘待遇".into(),
            pay_ends,
            on: d(2026, 12, 10),
            seen,
        };
        let first = dev.ok(Role::Admin, d(2026, 12, 10), end(d(2027, 7, 1), vec![]));
        let seen = vec![first[0].id.clone()];
        dev.ok(Role::Admin, d(2026, 12, 10), end(d(2027, 7, 16), seen));
        std::fs::write(&file, dev.ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let career = &phone.state().career_pay;
    assert!(career.renewals.contains_key(&("ca-liu".to_string(), 2027)));
    let end = career.terminations["ca-liu"].current().unwrap();
    assert_eq!(
        (end.condition.as_str(), end.pay_ends),
        ("本人申请辞聘", d(2027, 7, 16))
    );
}

/// The cadre-management corpus (the version that added W5, W7 and W9): the W4 cadres
/// assessed for 2024 and 2025 (孙强 last both years), a grade corrected, a team graded
/// 一般 and its consequence done; 孙强's demotion case through its six steps, a talk,
/// and his reinstatement; a pool with an entry, a training, a leaving and a top-up.
fn cadre_management() -> Device {
    use common::assessment::{all, carry, rate_in, UNIT};
    use common::cadre::{self as w4, A, GRADE, LOW};
    use jishi::domain::annual_assessment::{Command as W5, ConsequenceKind, Subject, TeamGrade};
    use jishi::domain::cadre_selection::AnnualGrade;
    use jishi::domain::demotion_chain::{
        Command as W7, DemotionStep, Disposal, FollowUpKind, StepContent,
    };
    use jishi::domain::reserve_pool::{Command as W9, Echelon, PoolReview, TrainingKind};
    // A phone of its own: its records never share an id with the W4 corpus's.
    let mut dev = Device::new("phone-cadre-management");
    for (id, p) in w4::cadres() {
        let cmd = jishi::domain::cadre_selection::Command::RecordCadre {
            cadre: id.into(),
            profile: p,
            supersedes: vec![],
        };
        dev.ok(Role::Admin, d(2026, 3, 2), cmd);
    }
    for year in [2024, 2025] {
        for (c, s) in [(A, "92"), (GRADE, "85"), (LOW, "70")] {
            rate_in(&mut dev, year, UNIT, c, all(s), true);
        }
    }
    let on = d(2026, 1, 20);
    let graded = |grade, seen: Vec<String>, reason: &str| W5::Grade {
        year: 2025,
        cadre: LOW.into(),
        grade,
        grounds: "综合得分本单位末位".into(),
        on,
        reason: reason.into(),
        seen,
    };
    let first = dev.ok(
        Role::Recorder,
        on,
        graded(AnnualGrade::Competent, vec![], ""),
    );
    let seen = vec![first[0].id.clone()];
    dev.ok(
        Role::Recorder,
        on,
        graded(AnnualGrade::BasicallyCompetent, seen, "考核委员会复议"),
    );
    let team = W5::GradeTeam {
        year: 2025,
        unit: UNIT.into(),
        grade: TeamGrade::Average,
        grounds: "班子民主测评满意率偏低".into(),
        on,
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Approver, on, team);
    let done = d(2026, 2, 10);
    dev.ok(
        Role::Recorder,
        done,
        carry(Subject::Cadre(LOW.into()), ConsequenceKind::Warning, done),
    );
    dev.ok(
        Role::Recorder,
        done,
        carry(
            Subject::Team(UNIT.into()),
            ConsequenceKind::TeamCompete,
            done,
        ),
    );
    let open = W7::Open {
        case: "dm-sunqiang".into(),
        cadre: LOW.into(),
        standard: "年度综合考核连续2年排名位居后列".into(),
        facts: "2024、2025年度综合考核均列本单位末位".into(),
        evidence: "2024年度 格日朝鲁苏木 第3名（共3人），综合得分 70.00".into(),
        proposer: "旗委组织部干部科".into(),
        on: d(2026, 3, 2),
    };
    dev.ok(Role::Recorder, d(2026, 3, 2), open);
    for (s, day) in [
        (DemotionStep::Investigation, 9),
        (DemotionStep::Analysis, 13),
        (DemotionStep::Decision, 20),
        (DemotionStep::Notice, 25),
        (DemotionStep::Filing, 30),
    ] {
        let cmd = W7::Step {
            case: "dm-sunqiang".into(),
            step: s,
            record: StepContent {
                text: format!("{}记录", s.label(true)),
                unfit: (s == DemotionStep::Analysis).then_some(true),
                disposal: (s == DemotionStep::Decision).then_some(Disposal::Standby),
                evidence: String::new(),
            },
            on: d(2026, 3, day),
            reason: String::new(),
            replaces: vec![],
        };
        dev.ok(Role::Recorder, d(2026, 3, day), cmd);
    }
    let talk = W7::FollowUp {
        case: "dm-sunqiang".into(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定".into(),
        on: d(2026, 4, 28),
    };
    let record = dev.ok(Role::Recorder, d(2026, 4, 28), talk)[0].id.clone();
    let fixed_talk = W7::FixFollowUp {
        case: "dm-sunqiang".into(),
        record: record.clone(),
        kind: FollowUpKind::Talk,
        by: "镇党委书记 王刚".into(),
        note: "思想稳定，主动参与防汛".into(),
        on: d(2026, 4, 28),
        withdrawn: false,
        reason: "补充谈话内容".into(),
        seen: vec![record],
    };
    dev.ok(Role::Recorder, d(2026, 4, 29), fixed_talk);
    let back = W7::Close {
        case: "dm-sunqiang".into(),
        reinstated: true,
        post: "格日朝鲁苏木人大主席团副主席".into(),
        note: "防汛工作表现突出".into(),
        on: d(2026, 11, 2),
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, d(2026, 11, 2), back);
    let enter = W9::Enter {
        entry: "rp-wjj".into(),
        cadre: A.into(),
        echelon: Echelon::First,
        reason: "民主推荐、组织考察后纳入".into(),
        on: d(2026, 3, 5),
    };
    dev.ok(Role::Recorder, d(2026, 3, 5), enter);
    let train = W9::Train {
        entry: "rp-wjj".into(),
        kind: TrainingKind::Secondment,
        note: "自治区发展改革委挂职".into(),
        from: d(2026, 4, 1),
        until: Some(d(2026, 9, 30)),
        fix: Default::default(),
    };
    let record = dev.ok(Role::Recorder, d(2026, 10, 8), train)[0].id.clone();
    let fixed_train = W9::Train {
        entry: "rp-wjj".into(),
        kind: TrainingKind::Secondment,
        note: "自治区发展和改革委员会挂职".into(),
        from: d(2026, 4, 1),
        until: Some(d(2026, 9, 30)),
        fix: jishi::domain::reserve_pool::Fix {
            record: record.clone(),
            withdrawn: false,
            reason: "单位名称写全".into(),
            seen: vec![record],
        },
    };
    dev.ok(Role::Recorder, d(2026, 10, 8), fixed_train);
    let review = W9::Review {
        review: PoolReview::TopUp,
        note: "补充第一梯队1人".into(),
        on: d(2026, 10, 9),
        fix: Default::default(),
    };
    dev.ok(Role::Recorder, d(2026, 10, 9), review);
    let leave = W9::Leave {
        entry: "rp-wjj".into(),
        reason: "提拔使用".into(),
        on: d(2026, 11, 20),
    };
    dev.ok(Role::Approver, d(2026, 11, 20), leave);
    dev
}

#[test]
fn the_cadre_management_corpus_imports_verifies_and_folds_to_the_same_results() {
    use jishi::domain::annual_assessment::consequences::open_consequences;
    use jishi::domain::annual_assessment::results::annual_grades;
    use jishi::domain::demotion_chain::progress::{progress, Phase};
    use jishi::domain::reserve_pool::pool::members;
    let file = dir().join("cadre_management.json");
    if writing() {
        std::fs::write(&file, cadre_management().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let state = phone.state();
    let grade = annual_grades(state, "c-sq")[&2025];
    assert_eq!(
        grade.grade,
        jishi::domain::cadre_selection::AnnualGrade::BasicallyCompetent
    );
    assert!(open_consequences(state).is_empty());
    let case = progress(state, "dm-sunqiang").unwrap();
    assert!(matches!(case.phase, Phase::Closed(ref c) if c.reinstated));
    let pool = members(state, d(2026, 12, 1));
    assert_eq!(pool[0].out.as_ref().map(|o| o.said(true)), Some("提拔使用"));
}

/// The everyday performance record's corpus (the version that added W6): 王建军's week
/// of 2 March 2026 (five days), Tuesday corrected and Wednesday withdrawn with the
/// reasons, the week submitted, Saturday recorded late and the week submitted again;
/// the unit leader 巴特尔 sets "5+4" with three raters, who rate 孙强's March (one of
/// them twice); the recorder notes a talk (withdrawn) and the analysis of the first
/// quarter and reviews the year.
fn performance_record() -> Device {
    use jishi::domain::performance_record::{Command as W6, Fix, Level, NoteKind, WorkCategory};
    let mut dev = Device::new("phone-w6");
    for (id, p) in cadres() {
        let cmd = CadreCommand::RecordCadre {
            cadre: id.into(),
            profile: p,
            supersedes: vec![],
        };
        dev.ok(Role::Admin, d(2026, 3, 2), cmd);
    }
    let seen = jishi::domain::performance_record::rosters_drawn(dev.state());
    let publish = W6::PublishRosters {
        from: d(2026, 3, 2),
        drawn: seen,
    };
    dev.ok(Role::Recorder, d(2026, 3, 2), publish);
    let log = |day: chrono::NaiveDate, text: &str, fix: Fix| W6::Log {
        cadre: A.into(),
        day,
        category: WorkCategory::Development,
        project: "牧区饮水安全工程".into(),
        text: text.into(),
        fix,
    };
    let mut ids = Vec::new();
    for day in 2..=6 {
        let on = d(2026, 3, day);
        let text = format!("3月{day}日 入户核查饮水工程进度");
        ids.push(
            dev.ok(Role::Cadre, on, log(on, &text, Fix::default()))[0]
                .id
                .clone(),
        );
    }
    let fix = |record: &String, withdrawn: bool, reason: &str| Fix {
        record: record.clone(),
        withdrawn,
        reason: reason.into(),
        seen: vec![record.clone()],
    };
    let on = d(2026, 3, 6);
    dev.ok(
        Role::Cadre,
        on,
        log(
            d(2026, 3, 3),
            "为12户牧民办理医保转移",
            fix(&ids[1], false, "写错了事项"),
        ),
    );
    dev.ok(Role::Cadre, on, log(on, "", fix(&ids[2], true, "重复记录")));
    let submit = |summary: &str, seen: Vec<String>| W6::SubmitWeek {
        cadre: A.into(),
        week: d(2026, 3, 2),
        summary: summary.into(),
        seen,
    };
    let first = dev.ok(Role::Cadre, on, submit("", vec![]))[0].id.clone();
    let monday = d(2026, 3, 9);
    dev.ok(
        Role::Cadre,
        monday,
        log(d(2026, 3, 7), "周末值班，处置草原火情隐患", Fix::default()),
    );
    dev.ok(
        Role::Cadre,
        monday,
        submit("本周以饮水工程为主，补记周六值班", vec![first]),
    );
    let set = W6::SetIndicators {
        unit: "格日朝鲁苏木".into(),
        set: "5+4".into(),
        raters: vec!["巴特尔".into(), "王建军".into(), "李红梅".into()],
        from: d(2026, 3, 1),
        seen: vec![],
    };
    dev.run_as("巴特尔", Role::UnitLeader, monday, set).unwrap();
    let end = d(2026, 3, 31);
    let rate = |first: Level, rest: Level, seen: Vec<String>| W6::RateMonth {
        cadre: LOW.into(),
        month: d(2026, 3, 1),
        levels: std::iter::once(first)
            .chain(std::iter::repeat_n(rest, 8))
            .collect(),
        seen,
    };
    let good = || rate(Level::Good, Level::Good, vec![]);
    dev.run_as("巴特尔", Role::UnitLeader, end, good()).unwrap();
    let wjj = dev.ok(Role::Cadre, end, good())[0].id.clone();
    let fair = rate(Level::FairlyGood, Level::FairlyGood, vec![wjj]);
    dev.ok(Role::Cadre, end, fair);
    let lhm = rate(Level::Good, Level::Average, vec![]);
    dev.run_as("李红梅", Role::Cadre, end, lhm).unwrap();
    let note = |note, text: &str, fix| W6::NoteQuarter {
        cadre: A.into(),
        year: 2026,
        quarter: 1,
        note,
        text: text.into(),
        fix,
    };
    let talk = note(NoteKind::TalkGroup, "与苏木党委书记座谈", Fix::default());
    let talk = dev.ok(Role::Recorder, end, talk)[0].id.clone();
    let analysis = note(
        NoteKind::Analysis,
        "一季度工作扎实，群众评价较好",
        Fix::default(),
    );
    dev.ok(Role::Recorder, end, analysis);
    let withdrawn = note(NoteKind::Analysis, "", fix(&talk, true, "记错了干部"));
    dev.ok(Role::Recorder, end, withdrawn);
    let review = W6::ReviewYear {
        cadre: A.into(),
        year: 2026,
        level: Level::FairlyGood,
        text: "全年实绩突出，饮水工程按期完成".into(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, d(2026, 12, 20), review);
    dev
}

#[test]
fn the_performance_record_corpus_imports_verifies_and_folds_to_the_same_week() {
    use jishi::domain::performance_record::evaluation::month_result;
    use jishi::domain::performance_record::rollup::{week, year_roll, Tally};
    let file = dir().join("performance_record.json");
    if writing() {
        std::fs::write(&file, performance_record().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let state = phone.state();
    let w = week(state, A, d(2026, 3, 2));
    let s = w.submitted.expect("submitted");
    assert_eq!((w.days.len(), s.report.entries.len(), s.count), (5, 5, 1));
    assert_eq!(s.report.summary, "本周以饮水工程为主，补记周六值班");
    assert_eq!((w.left_out, w.withdrawn), (0, 0));
    let tuesday = w.days.iter().find(|x| x.work.day == d(2026, 3, 3)).unwrap();
    assert_eq!(tuesday.work.text, "为12户牧民办理医保转移");
    let roll = year_roll(state, A, 2026);
    let t = Tally {
        days: 5,
        weeks: 1,
        submitted: 1,
    };
    assert_eq!((roll.months[2], roll.year), (t, t));
    let march = month_result(state, LOW, d(2026, 3, 1)).unwrap();
    assert_eq!(
        (march.raters, march.overall.shown()),
        (3, "86.1".to_string())
    );
    let roster =
        jishi::domain::performance_record::roster::roster_of(state, "格日朝鲁苏木", d(2026, 3, 2))
            .expect("the unit's roster");
    assert_eq!(roster.members.len(), 9);
    let evidence = jishi::domain::performance_record::analysis::year_evidence(state, A, 2026);
    assert_eq!(evidence.notes, 1);
    let (review, _) = evidence.review.unwrap();
    assert_eq!(
        review.level,
        jishi::domain::performance_record::Level::FairlyGood
    );
}

/// The rotation corpus (the version that added W10): the W4 cadres, a key post marked
/// by post id and one by unit and title then withdrawn, a rotation recorded then
/// corrected, a secondment recorded then corrected, its end recorded, withdrawn and
/// recorded again.
fn rotation() -> Device {
    use common::cadre::{self as w4, A, POST};
    use jishi::domain::rotation::{Command as W10, Fix};
    // A phone of its own: its records never share an id with the other corpora's.
    let mut dev = Device::new("phone-rotation");
    for (id, p) in w4::cadres() {
        let cmd = cadre_selection::Command::RecordCadre {
            cadre: id.into(),
            profile: p,
            supersedes: vec![],
        };
        dev.ok(Role::Admin, d(2026, 3, 2), cmd);
    }
    let post = cadre_selection::Command::RecordPost {
        post: POST.into(),
        unit: "格日朝鲁苏木".into(),
        title: "副苏木达".into(),
        quota: 2,
        supersedes: vec![],
    };
    dev.ok(Role::Admin, d(2026, 3, 2), post);
    let on = d(2026, 3, 10);
    let mark = |post: &str, title: &str, fix: Fix| W10::MarkKeyPost {
        post: post.into(),
        unit: "格日朝鲁苏木".into(),
        title: title.into(),
        basis: "分管项目审批".into(),
        fix,
    };
    dev.ok(Role::Admin, on, mark(POST, "副苏木达", Fix::default()));
    let wrong = dev.ok(Role::Recorder, on, mark("", "党委委员", Fix::default()));
    let fix = |record: &str, withdrawn: bool, reason: &str| Fix {
        record: record.into(),
        withdrawn,
        reason: reason.into(),
        seen: vec![record.into()],
    };
    let wrong = wrong[0].id.clone();
    dev.ok(Role::Recorder, on, mark("", "", fix(&wrong, true, "误标")));
    let rotate = |to: &str, fix: Fix| W10::Rotate {
        cadre: A.into(),
        to_unit: to.into(),
        to_title: "副局长".into(),
        on: d(2026, 3, 5),
        note: "旗委常委会决定".into(),
        fix,
    };
    let first = dev.ok(Role::Recorder, on, rotate("旗审计局", Fix::default()))[0]
        .id
        .clone();
    dev.ok(
        Role::Approver,
        on,
        rotate("旗财政局", fix(&first, false, "单位录错")),
    );
    let second = |start, fix: Fix| W10::Second {
        name: "刘芳".into(),
        from_unit: "市工业园区管委会".into(),
        to_unit: "委机关运行监测科".into(),
        start,
        basis: "主要领导、分管领导同意，人事教育科备案".into(),
        fix,
    };
    let s = dev.ok(Role::Recorder, on, second(d(2026, 1, 9), Fix::default()))[0]
        .id
        .clone();
    dev.ok(
        Role::Recorder,
        on,
        second(d(2026, 1, 10), fix(&s, false, "开始日期录错")),
    );
    let end = |fix: Fix| W10::EndSecondment {
        secondment: s.clone(),
        on: d(2026, 3, 10),
        fix,
    };
    let ended = dev.ok(Role::Recorder, on, end(Fix::default()))[0]
        .id
        .clone();
    dev.ok(Role::Recorder, on, end(fix(&ended, true, "人员尚未返回")));
    dev.ok(
        Role::Recorder,
        d(2026, 3, 12),
        W10::EndSecondment {
            secondment: s.clone(),
            on: d(2026, 3, 12),
            fix: Fix::default(),
        },
    );
    dev
}

#[test]
fn the_rotation_corpus_imports_verifies_and_folds_to_the_same_lists() {
    use jishi::domain::rotation::alerts::{rotation_list, secondments, SecondmentStatus};
    let file = dir().join("rotation.json");
    if writing() {
        std::fs::write(&file, rotation().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let state = phone.state();
    // 2027-01-01: 巴特尔 five years in the key post 副苏木达; 王建军 rotated on
    // 2026-03-05 and is not listed; the others, 党委委员 since 2020, overdue and not key.
    let list = rotation_list(state, d(2027, 1, 1));
    let holder = list.iter().find(|a| a.cadre == "c-holder").unwrap();
    assert_eq!(holder.key.map(|k| k.basis.as_str()), Some("分管项目审批"));
    assert!(!list.iter().any(|a| a.cadre == "c-wjj"));
    assert!(list
        .iter()
        .filter(|a| a.cadre != "c-holder")
        .all(|a| a.key.is_none()));
    let rotations = jishi::domain::rotation::alerts::rotations_of(state, "c-wjj");
    assert_eq!(rotations[0].1.to_unit, "旗财政局");
    let lines = secondments(state, d(2026, 3, 12));
    assert_eq!(lines[0].secondment.start, d(2026, 1, 10));
    assert_eq!(lines[0].ended, Some(d(2026, 3, 12)));
    assert_eq!(lines[0].status, SecondmentStatus::Ended { late: true });
}

/// 经济责任审计 (W8) on the audit office's phone: three units' 2026 (one with a 1亿
/// fund, one corrected with the reason), the 2027 plan adjusted both ways, an audit done,
/// corrected and another withdrawn.
fn audit_grading() -> Device {
    use jishi::domain::audit_grading::{Command as W8, Fix, SpecialFund, UnitYearInput};
    let mut dev = Device::new("phone-audit-grading");
    let on = d(2026, 1, 12);
    let year = |unit: &str, name: &str, budget: u64, funds: Vec<SpecialFund>| UnitYearInput {
        unit: unit.into(),
        name: name.into(),
        year: 2026,
        budget,
        decision: 2,
        allocation: 2,
        attention: 1,
        funds,
        head_since: d(2021, 3, 1),
        head_left: None,
    };
    let big = vec![SpecialFund {
        amount: 120_000_000,
        purpose: "国道改扩建".into(),
    }];
    for (unit, name, budget, funds) in [
        ("au-cz", "霍林郭勒市财政局", 5_000_000, vec![]),
        ("au-jt", "霍林郭勒市交通运输局", 3_000_000, big),
        ("au-da", "霍林郭勒市档案馆", 2_999_999, vec![]),
    ] {
        let cmd = W8::UnitYear {
            year: year(unit, name, budget, funds),
            why: String::new(),
            seen: vec![],
        };
        dev.ok(Role::Auditor, on, cmd);
    }
    let seen = dev.state().audit_grading.units["au-cz"][&2026].live_ids();
    let fix = W8::UnitYear {
        year: year("au-cz", "霍林郭勒市财政局", 5_200_000, vec![]),
        why: "人大批复预算调整".into(),
        seen,
    };
    dev.ok(Role::Auditor, d(2026, 2, 3), fix);
    let done = |unit: &str, report: &str, on| W8::Done {
        unit: unit.into(),
        on,
        report: report.into(),
        fix: Fix::default(),
    };
    dev.ok(
        Role::Auditor,
        d(2026, 9, 1),
        done("au-jt", "霍审经责〔2026〕1号", d(2026, 9, 1)),
    );
    dev.ok(
        Role::Auditor,
        d(2026, 9, 2),
        done("au-da", "霍审经责〔2026〕2号", d(2026, 9, 2)),
    );
    let audits = dev.state().audit_grading.audits.by_id.clone();
    let id_of = |unit: &str| {
        audits
            .iter()
            .find(|(_, v)| {
                v.current()
                    .and_then(|a| a.as_ref())
                    .is_some_and(|a| a.unit == unit)
            })
            .map(|(id, v)| (id.clone(), v.live_ids()))
            .unwrap()
    };
    let (jt, seen) = id_of("au-jt");
    let correct = W8::Done {
        unit: "au-jt".into(),
        on: d(2026, 9, 3),
        report: "霍审经责〔2026〕3号".into(),
        fix: Fix {
            record: jt,
            withdrawn: false,
            reason: "文号录错".into(),
            seen,
        },
    };
    dev.ok(Role::Auditor, d(2026, 9, 5), correct);
    let (da, seen) = id_of("au-da");
    let withdraw = W8::Done {
        unit: "au-da".into(),
        on: d(2026, 9, 2),
        report: String::new(),
        fix: Fix {
            record: da,
            withdrawn: true,
            reason: "重复录入".into(),
            seen,
        },
    };
    dev.ok(Role::Auditor, d(2026, 9, 6), withdraw);
    let adjust = |unit: &str, add: bool, reason: &str, seen: Vec<String>| W8::Adjust {
        year: 2027,
        unit: unit.into(),
        add,
        reason: reason.into(),
        seen,
    };
    dev.ok(
        Role::Auditor,
        d(2026, 12, 1),
        adjust("au-da", false, "负责人刚到任，改为明年抽审", vec![]),
    );
    // The administrator saw the auditor's adjustment: theirs replaces it.
    let seen = dev.state().audit_grading.adjustments[&(2027, "au-da".to_string())].live_ids();
    dev.ok(
        Role::Admin,
        d(2026, 12, 2),
        adjust("au-da", true, "群众反映问题集中", seen),
    );
    dev
}

#[test]
fn the_audit_grading_corpus_imports_verifies_and_folds_to_the_same_results() {
    use jishi::domain::audit_grading::grading::Level;
    use jishi::domain::audit_grading::plan::{plan, Why};
    use jishi::domain::audit_grading::policy::AuditPolicy;
    let file = dir().join("audit_grading.json");
    if writing() {
        std::fs::write(&file, audit_grading().ledger.export(1_800_000_000_000)).unwrap();
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut phone = Ledger::open(MemoryStore::default(), "phone-reader");
    phone.import(&text).unwrap();
    assert_eq!(verify(phone.events()), vec![]);
    let audit = &phone.state().audit_grading;
    assert_eq!(audit.units["au-cz"][&2026].len(), 2);
    assert_eq!(
        audit.year_of("au-cz", 2026).map(|y| y.budget),
        Some(5_200_000)
    );
    let reports: Vec<String> = audit
        .audits
        .standing()
        .into_iter()
        .map(|(_, a, _)| a.report.clone())
        .collect();
    assert_eq!(reports, vec!["霍审经责〔2026〕3号".to_string()]);
    let p = plan(audit, 2026, &AuditPolicy::default());
    let jt = p.planned.iter().find(|x| x.unit == "au-jt").unwrap();
    assert_eq!(jt.level, Level::Special);
    let next = plan(audit, 2027, &AuditPolicy::default());
    assert!(next.removed.is_empty());
    let da = next.planned.iter().find(|x| x.unit == "au-da").unwrap();
    // Put back by the administrator who saw the auditor's removal: in, as proposed (its
    // head's five years), with the county's why; the removal kept as the trace.
    assert_eq!(
        da.why,
        vec![
            Why::Term(d(2021, 3, 1)),
            Why::Added("群众反映问题集中".into())
        ]
    );
    assert_eq!(audit.adjustments[&(2027, "au-da".to_string())].len(), 2);
}
