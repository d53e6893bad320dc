#![cfg(not(target_arch = "wasm32"))]
//! W4 干部选拔任用工作全程纪实 and W4b disclosures (DOMAIN.md W4, seeds 003, 001, 004,
//! 000, 002 开鲁): every gate and rule with DOMAIN.md's numbers, driven through
//! `Ledger::record` the way the app does.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::CadreSelectionEvent;
use std::collections::BTreeMap;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::{
    case_summary, case_view, case_view_with, disclosures_for, overall_rates, overdue_submissions,
    ranking, rates, sanling, CheckKind, Command, Finding, NominatorKind, RecommendationKind, Round,
    SignOff, Step, StepRecord, Submission,
};
use jishi::domain::event::Role;
use jishi::domain::policy::{MajorityOf, Policy};
use jishi::domain::state::State;
use jishi::domain::EventBody;

#[test]
fn a_whole_case_runs_from_qualification_to_probation() {
    let mut dev = in_publicity();
    // Publicity over 5 working days across 清明 (04-04..06 off): 04-02, 03, 07, 08, 09.
    assert_eq!(case(&dev).publicity(), Some((d(2026, 4, 2), d(2026, 4, 9))));
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 3),
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    dev.ok(
        Role::Recorder,
        d(2026, 4, 14),
        Command::Disclose {
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
        Command::Submit {
            case: CASE.into(),
            node: Submission::Second,
            on: d(2026, 4, 15),
        },
    );
    // Probation: one year from 2026-04-13; before any record the step names whose it is.
    let view = case_view(dev.state(), CASE, d(2026, 4, 15)).unwrap();
    let probation = view
        .steps
        .iter()
        .find(|s| s.step == Step::Probation)
        .unwrap();
    let codes: Vec<&str> = probation.reasons.iter().map(|m| m.code).collect();
    assert_eq!(codes, ["w4.probation_running"]);
    let ended = StepRecord::ProbationEnded {
        on: d(2027, 4, 12),
        cadre: A.into(),
        confirmed: true,
        note: "试用期满考核称职，予以转正".into(),
    };
    assert_eq!(
        refused(&mut dev, d(2027, 4, 12), ended),
        "w4.probation_running"
    );
    recorder(
        &mut dev,
        d(2027, 4, 13),
        StepRecord::ProbationEnded {
            on: d(2027, 4, 13),
            cadre: A.into(),
            confirmed: true,
            note: "试用期满考核称职，予以转正".into(),
        },
    );
    let view = case_view(dev.state(), CASE, d(2027, 4, 13)).unwrap();
    assert_eq!(view.current, None, "every step complete: {:?}", view.steps);
    assert!(view.steps.iter().all(|s| s.complete));
    assert_eq!(view.rates.completeness_bp(), 10_000);
    assert_eq!(view.rates.fill_bp(), 10_000);
    assert_eq!(view.initial_due, Some(d(2026, 4, 6)));
    assert!(!view.initial_overdue);
    let all = overall_rates(dev.state(), &Policy::default());
    assert_eq!((all.complete_steps, all.steps), (10, 10));
}

#[test]
fn steps_cannot_be_skipped_or_gone_back_to_but_can_be_corrected() {
    let mut dev = setup();
    // First record must be 任职资格.
    let init = StepRecord::Initiation {
        on: d(2026, 3, 3),
        proposer: "部务会".into(),
        reason: "职位空缺".into(),
        scope: "全旗".into(),
        method: "民主推荐".into(),
    };
    assert_eq!(
        refused(&mut dev, d(2026, 3, 3), init.clone()),
        "w4.order_skip"
    );
    let mut dev = through_nomination();
    // Jumping from 提名推荐 to 讨论决定.
    assert_eq!(
        refused(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1)),
        "w4.order_skip"
    );
    recorder(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    // Back to 动议 once at 组织考察.
    assert_eq!(
        refused(&mut dev, d(2026, 3, 12), init.clone()),
        "w4.order_back"
    );
    let violation = match dev.run(Role::Recorder, d(2026, 3, 12), rec(init.clone())) {
        Err(jishi::store::RecordError::Rule(v)) => v,
        other => panic!("{other:?}"),
    };
    assert!(violation.zh.contains("组织考察") && violation.zh.contains("动议"));
    // A correction of the 动议 record is a new event naming what it corrects.
    let old = case(&dev)
        .records(Step::Initiation)
        .first()
        .unwrap()
        .id
        .clone();
    let corrected = StepRecord::Initiation {
        on: d(2026, 3, 3),
        proposer: "旗委组织部部务会".into(),
        reason: "副苏木达职位空缺 1 名".into(),
        scope: "全旗科级干部".into(),
        method: "民主推荐".into(),
    };
    let no_reason = Command::Correct {
        case: CASE.into(),
        supersedes: vec![old.clone()],
        record: corrected.clone(),
        reason: " ".into(),
    };
    // The message sits under the correction's reason, not under 动议理由 (`reason`).
    let Err(jishi::store::RecordError::Rule(v)) =
        dev.run(Role::Recorder, d(2026, 3, 12), no_reason.clone())
    else {
        panic!("a correction with no reason is refused");
    };
    assert_eq!(v.field.as_deref(), Some("correct_reason"));
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 12), no_reason),
        "w4.required"
    );
    let wrong_form = Command::Correct {
        case: CASE.into(),
        supersedes: vec![old.clone()],
        record: target(B, d(2026, 3, 12)),
        reason: "笔误".into(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 12), wrong_form),
        "w4.correct_form"
    );
    let events = dev.ok(
        Role::Recorder,
        d(2026, 3, 12),
        Command::Correct {
            case: CASE.into(),
            supersedes: vec![old.clone()],
            record: corrected.clone(),
            reason: "动议理由表述不准确".into(),
        },
    );
    assert!(
        matches!(&events[0].body, EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { supersedes, .. }) if supersedes == &vec![old.clone()])
    );
    let c = case(&dev);
    assert_eq!(c.records(Step::Initiation).len(), 1);
    assert_eq!(*c.records(Step::Initiation)[0].record, corrected);
    assert!(c.entries.contains_key(&old), "the corrected record is kept");
}

#[test]
fn a_reason_of_only_gongzuo_xuyao_or_nothing_is_rejected() {
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
    for reason in ["工作需要", " 工作需要。 ", "", "   ", "“工作需要”"] {
        assert_eq!(
            refused(
                &mut dev,
                d(2026, 3, 5),
                nomination(A, NominatorKind::Named, reason, "旗委副书记 赵刚")
            ),
            "w4.reason",
            "reason {reason:?}"
        );
    }
    // Named: the signature is the first nominator's; every field is needed.
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 3, 5),
            nomination(A, NominatorKind::Named, "因工作需要，且实绩突出", "别人")
        ),
        "w4.signature"
    );
    let mut no_weakness = nomination(A, NominatorKind::Named, "实绩突出", "旗委副书记 赵刚");
    if let StepRecord::Nomination { weaknesses, .. } = &mut no_weakness {
        weaknesses.clear();
    }
    assert_eq!(refused(&mut dev, d(2026, 3, 5), no_weakness), "w4.required");
    recorder(
        &mut dev,
        d(2026, 3, 5),
        nomination(
            A,
            NominatorKind::Named,
            "工作需要，实绩突出",
            "旗委副书记 赵刚",
        ),
    );
}

#[test]
fn inspection_targets_are_checked_against_the_cadres_data() {
    let mut dev = through_nomination();
    let on = d(2026, 3, 12);
    let reason = |dev: &mut Device, cadre: &str| -> (String, &'static str) {
        match dev.run(Role::Recorder, on, rec(target(cadre, on))) {
            Err(jishi::store::RecordError::Rule(v)) => (v.zh, v.code),
            other => panic!("{cadre}: expected refusal, got {other:?}"),
        }
    };
    let (zh, c) = reason(&mut dev, GRADE);
    assert_eq!(c, "w4.excluded");
    assert!(zh.contains("2024") && zh.contains("基本称职"), "{zh}");
    let (zh, _) = reason(&mut dev, NAKED);
    assert!(zh.contains("子女均已移居"), "{zh}");
    let (zh, _) = reason(&mut dev, SANCTION);
    assert!(zh.contains("2026-12-31"), "{zh}");
    let (zh, _) = reason(&mut dev, CANVASS);
    assert!(zh.contains("拉票"), "{zh}");
    // 8 of 40 votes = 20% < 50%.
    let (zh, _) = reason(&mut dev, LOW);
    assert!(zh.contains("8/40"), "{zh}");
    // 2022 基本称职 is outside the last three years (2023–2025) in 2026.
    recorder(&mut dev, on, target(OLD_GRADE, on));
    // The same cadre in 2025 would be barred (2022 inside 2022–2024).
    let p = dev
        .state()
        .cadre_selection
        .cadre(OLD_GRADE)
        .unwrap()
        .clone();
    let bars = jishi::domain::cadre_selection::exclusions(
        &p,
        &p.grades,
        None,
        d(2025, 3, 1),
        &Policy::default().cadre_selection,
    );
    assert_eq!(bars.len(), 1);
    // Once the sanction's effect ends, the cadre is no longer barred by it.
    let p = dev.state().cadre_selection.cadre(SANCTION).unwrap().clone();
    assert!(jishi::domain::cadre_selection::exclusions(
        &p,
        &p.grades,
        None,
        d(2027, 1, 1),
        &Policy::default().cadre_selection
    )
    .is_empty());
    // Someone never nominated cannot be a target.
    assert_eq!(
        refused(&mut dev, on, target(HOLDER, on)),
        "w4.not_nominated"
    );
    // A spouse who emigrated bars too (裸官), even with children at home.
    let mut spouse = profile("测试", d(2020, 1, 1), &good());
    spouse.flags.spouse_emigrated = true;
    assert!(!jishi::domain::cadre_selection::exclusions(
        &spouse,
        &spouse.grades,
        None,
        on,
        &Policy::default().cadre_selection
    )
    .is_empty());
    // A low-recognition share from policy: at 20% the 8/40 candidate passes.
    let mut policy = Policy::default();
    policy.cadre_selection.low_recognition_pct = 20;
    let p = dev.state().cadre_selection.cadre(LOW).unwrap().clone();
    assert!(jishi::domain::cadre_selection::exclusions(
        &p,
        &p.grades,
        Some((8, 40)),
        on,
        &policy.cadre_selection
    )
    .is_empty());
    assert!(!jishi::domain::cadre_selection::exclusions(
        &p,
        &p.grades,
        Some((7, 40)),
        on,
        &policy.cadre_selection
    )
    .is_empty());
}

#[test]
fn recommendation_results_are_valid_for_one_year() {
    let mut dev = through_nomination();
    // A second, older recommendation (held before the case) naming only HOLDER, held
    // 2025-03-11: used on 2026-03-12 it is older than a year.
    recorder(
        &mut dev,
        d(2026, 3, 10),
        StepRecord::Recommendation {
            on: d(2025, 3, 11),
            post: POST.into(),
            kind: RecommendationKind::Talk,
            eligible: 20,
            participants: 20,
            votes: [(HOLDER.to_string(), 15)].into(),
        },
    );
    // HOLDER is not nominated; nominate, then try: only the expired result names him.
    recorder(
        &mut dev,
        d(2026, 3, 10),
        nomination(HOLDER, NominatorKind::Leader, "经验丰富", ""),
    );
    assert_eq!(
        refused(&mut dev, d(2026, 3, 12), target(HOLDER, d(2026, 3, 12))),
        "w4.recommendation_expired"
    );
    // On 2026-03-10 the same result (held 2025-03-11) is still inside its year.
    let mut dev = through_nomination();
    recorder(
        &mut dev,
        d(2026, 3, 10),
        StepRecord::Recommendation {
            on: d(2025, 3, 11),
            post: POST.into(),
            kind: RecommendationKind::Talk,
            eligible: 20,
            participants: 20,
            votes: [(HOLDER.to_string(), 15)].into(),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 10),
        nomination(HOLDER, NominatorKind::Leader, "经验丰富", ""),
    );
    recorder(&mut dev, d(2026, 3, 10), target(HOLDER, d(2026, 3, 10)));
    // No result at all for a nominated cadre.
    let mut dev = through_nomination();
    recorder(
        &mut dev,
        d(2026, 3, 10),
        nomination(HOLDER, NominatorKind::Leader, "经验丰富", ""),
    );
    assert_eq!(
        refused(&mut dev, d(2026, 3, 12), target(HOLDER, d(2026, 3, 12))),
        "w4.no_recommendation"
    );
    // Vote counts are checked.
    let bad = StepRecord::Recommendation {
        on: d(2026, 3, 10),
        post: POST.into(),
        kind: RecommendationKind::Meeting,
        eligible: 30,
        participants: 31,
        votes: BTreeMap::new(),
    };
    assert_eq!(refused(&mut dev, d(2026, 3, 12), bad), "w4.votes");
}

#[test]
fn competitive_inspection_needs_two_targets_per_post_and_ranks_them() {
    let mut dev = through_nomination();
    recorder(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    recorder(&mut dev, d(2026, 3, 20), inspection(A, 92));
    let deliberation = StepRecord::Deliberation {
        on: d(2026, 3, 25),
        proposed: [(POST.to_string(), A.to_string())].into(),
        participants: "书记、旗长".into(),
        opinion: "同意".into(),
    };
    assert_eq!(
        refused(&mut dev, d(2026, 3, 25), deliberation.clone()),
        "w4.ratio"
    );
    recorder(&mut dev, d(2026, 3, 12), target(B, d(2026, 3, 12)));
    // Both targets must be inspected.
    assert_eq!(
        refused(&mut dev, d(2026, 3, 25), deliberation.clone()),
        "w4.not_inspected"
    );
    recorder(&mut dev, d(2026, 3, 20), inspection(B, 95));
    let ranked = ranking(case(&dev), POST);
    assert_eq!(
        ranked
            .iter()
            .map(|r| (r.cadre.as_str(), r.total, r.rank))
            .collect::<Vec<_>>(),
        vec![(B, 475, 1), (A, 460, 2)]
    );
    // B has been in the current post since 2026-01-05: less than a year → extended.
    assert!(ranked[0].extended && !ranked[1].extended);
    // Scores above the policy maximum are refused.
    assert_eq!(
        refused(&mut dev, d(2026, 3, 20), inspection(B, 101)),
        "w4.score"
    );
    // 3:1 by policy: two targets are no longer enough.
    let mut policy = Policy::default();
    policy.cadre_selection.targets_per_post = 3;
    dev.ok(
        Role::Admin,
        d(2026, 3, 21),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 3, 21),
            policy: Box::new(policy),
        },
    );
    assert_eq!(
        refused(&mut dev, d(2026, 3, 25), deliberation.clone()),
        "w4.ratio"
    );
}

#[test]
fn the_four_pre_appointment_checks_and_the_opinions_are_each_required() {
    let mut dev = through_inspection();
    recorder(
        &mut dev,
        d(2026, 3, 25),
        StepRecord::Deliberation {
            on: d(2026, 3, 25),
            proposed: [(POST.to_string(), A.to_string())].into(),
            participants: "书记、旗长".into(),
            opinion: "同意".into(),
        },
    );
    let opinion = StepRecord::Opinion {
        on: d(2026, 3, 27),
        cadre: A.into(),
        body: "纪委监委".into(),
        answer: "无".into(),
    };
    assert_eq!(
        refused(&mut dev, d(2026, 3, 27), opinion.clone()),
        "w4.check_missing"
    );
    for check in [CheckKind::Quota, CheckKind::File, CheckKind::PersonalReport] {
        recorder(
            &mut dev,
            d(2026, 3, 26),
            StepRecord::Check {
                on: d(2026, 3, 26),
                cadre: A.into(),
                check,
                passed: true,
                note: "无问题".into(),
            },
        );
    }
    recorder(
        &mut dev,
        d(2026, 3, 26),
        StepRecord::Check {
            on: d(2026, 3, 26),
            cadre: A.into(),
            check: CheckKind::Integrity,
            passed: false,
            note: "有问题线索待查".into(),
        },
    );
    assert_eq!(
        refused(&mut dev, d(2026, 3, 27), opinion.clone()),
        "w4.check_failed"
    );
    // Checking again after the clue was verified: a correction of the failed check
    // (one live check per cadre and kind).
    let failed = case(&dev)
        .live()
        .iter()
        .find(|e| matches!(*e.record, StepRecord::Check { passed: false, .. }))
        .unwrap()
        .id
        .clone();
    correct(
        &mut dev,
        d(2026, 3, 27),
        vec![failed],
        StepRecord::Check {
            on: d(2026, 3, 27),
            cadre: A.into(),
            check: CheckKind::Integrity,
            passed: true,
            note: "线索经核不属实".into(),
        },
        "问题线索经核不属实，重新审核",
    );
    recorder(&mut dev, d(2026, 3, 27), opinion);
    // Two of three bodies still to answer: the decision cannot start.
    let mut d2 = dev;
    d2.ok(
        Role::Recorder,
        d(2026, 3, 13),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 13),
            matters: matters(),
        },
    );
    assert_eq!(
        refused(&mut d2, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1)),
        "w4.opinion_missing"
    );
    // Proposing someone not inspected is refused.
    let mut dev = through_inspection();
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 3, 25),
            StepRecord::Deliberation {
                on: d(2026, 3, 25),
                proposed: [(POST.to_string(), LOW.to_string())].into(),
                participants: "书记".into(),
                opinion: "同意".into(),
            }
        ),
        "w4.proposed"
    );
}

#[test]
fn the_quota_is_checked_before_anyone_is_promoted() {
    let mut dev = setup();
    dev.ok(
        Role::Admin,
        d(2026, 3, 2),
        Command::RecordPost {
            post: POST.into(),
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            quota: 1,
            supersedes: post_versions(&dev, POST),
        },
    );
    // Quota 1, already held by 巴特尔.
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 3, 2),
            StepRecord::Qualification {
                on: d(2026, 3, 2),
                conditions: "符合".into(),
            }
        ),
        "w4.quota"
    );
    // The holder leaves the post: now there is room.
    let mut holder = cadres().into_iter().find(|c| c.0 == HOLDER).unwrap().1;
    holder.positions.last_mut().unwrap().end = Some(d(2026, 2, 28));
    dev.ok(
        Role::Admin,
        d(2026, 3, 2),
        Command::RecordCadre {
            cadre: HOLDER.into(),
            profile: holder,
            supersedes: cadre_versions(&dev, HOLDER),
        },
    );
    recorder(
        &mut dev,
        d(2026, 3, 2),
        StepRecord::Qualification {
            on: d(2026, 3, 2),
            conditions: "符合".into(),
        },
    );
}

#[test]
fn the_vote_passes_with_more_than_half_of_all_members() {
    let mut dev = through_consultation();
    let on = d(2026, 4, 1);
    assert_eq!(
        refused(&mut dev, on, vote(on, 11, 12, 7, 0, 0)),
        "w4.vote_present"
    );
    assert_eq!(
        refused(&mut dev, on, vote(on, 11, 9, 7, 2, 1)),
        "w4.vote_total"
    );
    // 5 of 11 members (but 5 of 6 present): not more than half of all members.
    let events = recorder(&mut dev, on, vote(on, 11, 6, 5, 1, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. })
            if matches!(**record, StepRecord::Vote { passed: false, .. })
    ));
    // Exactly half (5 of 10 members) is not more than half. (One vote per candidate
    // and day: the recount is a correction.)
    let first = live_id(&dev, "vote");
    let events = correct(
        &mut dev,
        on,
        vec![first],
        vote(on, 10, 8, 5, 3, 0),
        "更正到会人数",
    );
    assert!(matches!(
        &events[0].body,
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. })
            if matches!(**record, StepRecord::Vote { passed: false, .. })
    ));
    assert!(!case(&dev).complete(Step::Decision, &Policy::default().cadre_selection));
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 4, 2),
            StepRecord::PublicityOpened {
                on: d(2026, 4, 2),
                end: d(2026, 4, 2),
                channel: "公示栏".into()
            }
        ),
        "w4.not_decided"
    );
    // 6 of 11: passes (6 × 2 > 11).
    let second = live_id(&dev, "vote");
    let events = correct(
        &mut dev,
        on,
        vec![second],
        vote(on, 11, 7, 6, 1, 0),
        "更正票数",
    );
    assert!(matches!(
        &events[0].body,
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. })
            if matches!(**record, StepRecord::Vote { passed: true, .. })
    ));
    assert_eq!(case(&dev).decision_date(), Some(on));
    // By policy, a majority of those present.
    let mut dev = through_consultation();
    let mut policy = Policy::default();
    policy.cadre_selection.majority_of = MajorityOf::Present;
    dev.ok(
        Role::Admin,
        d(2026, 3, 30),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 3, 30),
            policy: Box::new(policy),
        },
    );
    let events = recorder(&mut dev, on, vote(on, 11, 6, 5, 1, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. })
            if matches!(**record, StepRecord::Vote { passed: true, .. })
    ));
}

#[test]
fn an_unresolved_complaint_blocks_the_appointment() {
    let mut dev = in_publicity();
    let complaint = recorder(
        &mut dev,
        d(2026, 4, 3),
        StepRecord::Complaint {
            on: d(2026, 4, 3),
            cadre: A.into(),
            complainant: "匿名来信".into(),
            content: "反映其亲属违规经营".into(),
        },
    )[0]
    .id
    .clone();
    // The window runs to 04-09 (清明 04-04..06 off): closing on 04-09 is too early.
    assert_eq!(
        refused(&mut dev, d(2026, 4, 9), close(d(2026, 4, 9))),
        "w4.publicity_running"
    );
    assert_eq!(
        refused(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10))),
        "w4.complaint_open"
    );
    let v = match dev.run(
        Role::Recorder,
        d(2026, 4, 13),
        rec(appointment(d(2026, 4, 13))),
    ) {
        Err(jishi::store::RecordError::Rule(v)) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(v.code, "w4.complaint_open");
    assert!(v.zh.contains("举报"), "{}", v.zh);
    // Verified and dismissed: the case proceeds.
    let mut upheld_dev = in_publicity();
    recorder(
        &mut dev,
        d(2026, 4, 8),
        StepRecord::ComplaintVerified {
            on: d(2026, 4, 8),
            complaint: complaint.clone(),
            finding: Finding::Dismissed,
            note: "经核查，所反映问题不属实".into(),
        },
    );
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 4, 8),
            StepRecord::ComplaintVerified {
                on: d(2026, 4, 8),
                complaint,
                finding: Finding::Upheld,
                note: "再核".into(),
            }
        ),
        "w4.duplicate"
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    // Upheld: the cadre is not appointed.
    let id = recorder(
        &mut upheld_dev,
        d(2026, 4, 3),
        StepRecord::Complaint {
            on: d(2026, 4, 3),
            cadre: A.into(),
            complainant: "群众来访".into(),
            content: "反映其违规收受礼金".into(),
        },
    )[0]
    .id
    .clone();
    recorder(
        &mut upheld_dev,
        d(2026, 4, 8),
        StepRecord::ComplaintVerified {
            on: d(2026, 4, 8),
            complaint: id,
            finding: Finding::Upheld,
            note: "经核查属实".into(),
        },
    );
    recorder(&mut upheld_dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    assert_eq!(
        refused(&mut upheld_dev, d(2026, 4, 13), appointment(d(2026, 4, 13))),
        "w4.complaint_upheld"
    );
}

#[test]
fn sign_off_goes_in_order_by_the_right_roles_on_a_complete_record() {
    let mut dev = through_consultation();
    // Before the decision the initial record is incomplete.
    let r = dev.run_as(
        RECHECKER,
        Role::Reviewer,
        d(2026, 3, 28),
        Command::Sign {
            case: CASE.into(),
            node: Submission::Initial,
            sign: SignOff::Recheck,
        },
    );
    assert_eq!(err_code(r), "w4.incomplete");
    recorder(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1));
    let on = d(2026, 4, 2);
    let node = Submission::Initial;
    let attempt = |dev: &mut Device, name: &str, role: Role, sign: SignOff| {
        err_code(dev.run_as(
            name,
            role,
            on,
            Command::Sign {
                case: CASE.into(),
                node,
                sign,
            },
        ))
    };
    // The recorder cannot re-check their own record.
    assert_eq!(
        attempt(&mut dev, RECORDER, Role::Recorder, SignOff::Recheck),
        "w4.recheck_self"
    );
    // 记录人 before the re-check: out of order.
    assert_eq!(
        attempt(&mut dev, RECORDER, Role::Recorder, SignOff::Recorder),
        "w4.sign_order"
    );
    sign(
        &mut dev,
        RECHECKER,
        Role::Reviewer,
        node,
        SignOff::Recheck,
        on,
    );
    // A reviewer cannot sign as 记录人; an approver cannot sign as 科长.
    assert_eq!(
        attempt(&mut dev, CADRE_CHIEF, Role::Reviewer, SignOff::Recorder),
        "auth.role"
    );
    assert_eq!(
        attempt(&mut dev, DEPUTY, Role::Approver, SignOff::CadreSectionChief),
        "auth.role"
    );
    // 干部科科长 before 记录人.
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::CadreChief,
            SignOff::CadreSectionChief
        ),
        "w4.sign_order"
    );
    sign(
        &mut dev,
        RECORDER,
        Role::Recorder,
        node,
        SignOff::Recorder,
        on,
    );
    assert_eq!(
        attempt(
            &mut dev,
            SUPERVISION_CHIEF,
            Role::SupervisionChief,
            SignOff::SupervisionSectionChief
        ),
        "w4.sign_order"
    );
    sign(
        &mut dev,
        CADRE_CHIEF,
        Role::CadreChief,
        node,
        SignOff::CadreSectionChief,
        on,
    );
    // The same chief cannot sign for both sections: not in the cadre chief's role, and
    // not as the same person switching to the supervision chief's role.
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::CadreChief,
            SignOff::SupervisionSectionChief
        ),
        "auth.role"
    );
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::SupervisionChief,
            SignOff::SupervisionSectionChief
        ),
        "w4.same_signer"
    );
    let submit = Command::Submit {
        case: CASE.into(),
        node,
        on,
    };
    assert_eq!(
        dev.refused(Role::Approver, on, submit.clone()),
        "w4.unsigned"
    );
    sign(
        &mut dev,
        SUPERVISION_CHIEF,
        Role::SupervisionChief,
        node,
        SignOff::SupervisionSectionChief,
        on,
    );
    sign(
        &mut dev,
        DEPUTY,
        Role::Approver,
        node,
        SignOff::DeputyHead,
        on,
    );
    assert_eq!(
        attempt(
            &mut dev,
            "另一位副部长",
            Role::Approver,
            SignOff::DeputyHead
        ),
        "w4.duplicate"
    );
    assert_eq!(dev.refused(Role::Recorder, on, submit.clone()), "auth.role");
    dev.ok(Role::Approver, on, submit.clone());
    let signed = case(&dev).signed(node);
    assert_eq!(signed[&SignOff::DeputyHead].signer, DEPUTY);
    assert_eq!(signed[&SignOff::Recorder].signer, RECORDER);
    // The second submission needs the record up to 任职.
    assert_eq!(
        attempt(&mut dev, RECHECKER, Role::Reviewer, SignOff::Recheck),
        "w4.duplicate"
    );
    let r = dev.run_as(
        RECHECKER,
        Role::Reviewer,
        on,
        Command::Sign {
            case: CASE.into(),
            node: Submission::Second,
            sign: SignOff::Recheck,
        },
    );
    assert_eq!(err_code(r), "w4.incomplete");
}

#[test]
fn a_late_initial_submission_is_flagged() {
    let dev = through_decision();
    // Decision 2026-04-01: 初次提交 due within 5 days, by 04-06.
    assert!(overdue_submissions(dev.state(), d(2026, 4, 6)).is_empty());
    let late = overdue_submissions(dev.state(), d(2026, 4, 7));
    assert_eq!(late.len(), 1);
    assert_eq!((late[0].case.as_str(), late[0].due), (CASE, d(2026, 4, 6)));
    let view = case_view(dev.state(), CASE, d(2026, 4, 7)).unwrap();
    assert!(view.initial_overdue);
    let todos = jishi::domain::cadre_selection::todos::todos(dev.state(), d(2026, 4, 7), true);
    assert_eq!(todos.len(), 1);
    // Submitted late stays flagged; submitted in time does not.
    let mut dev = dev;
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 8));
    dev.ok(
        Role::Approver,
        d(2026, 4, 8),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 8),
        },
    );
    assert_eq!(overdue_submissions(dev.state(), d(2026, 4, 9)).len(), 1);
    // ... but, made, it is no longer a to-do.
    let todos = jishi::domain::cadre_selection::todos::todos(dev.state(), d(2026, 4, 9), true);
    assert!(todos.is_empty(), "{todos:?}");
    let mut dev = through_decision();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 3),
        },
    );
    assert!(overdue_submissions(dev.state(), d(2026, 5, 1)).is_empty());
}

#[test]
fn fill_rate_and_completeness_count_required_fields_and_complete_steps() {
    let mut dev = setup();
    recorder(
        &mut dev,
        d(2026, 3, 2),
        StepRecord::Qualification {
            on: d(2026, 3, 2),
            conditions: "符合".into(),
        },
    );
    // 动议 with the scope left blank: 4 of 5 required fields.
    recorder(
        &mut dev,
        d(2026, 3, 3),
        StepRecord::Initiation {
            on: d(2026, 3, 3),
            proposer: "部务会".into(),
            reason: "空缺".into(),
            scope: " ".into(),
            method: "民主推荐".into(),
        },
    );
    let r = rates(case(&dev), &Policy::default());
    // Qualification 2/2 + Initiation 4/5.
    assert_eq!((r.filled, r.required), (6, 7));
    assert_eq!(r.fill_bp(), 8_571);
    assert_eq!((r.complete_steps, r.steps), (1, 10));
    assert_eq!(r.completeness_bp(), 1_000);
    // The blank field keeps 动议 incomplete: 提名推荐 cannot start.
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 3, 5),
            nomination(A, NominatorKind::Named, "实绩突出", "旗委副书记 赵刚")
        ),
        "w4.fields"
    );
    let full = through_consultation();
    let r = rates(case(&full), &Policy::default());
    assert_eq!(r.fill_bp(), 10_000);
    assert_eq!(r.complete_steps, 6);
    // Over all cases the counts add up.
    let all = overall_rates(full.state(), &Policy::default());
    assert_eq!(all, r);
}

#[test]
fn disclosures_show_their_content_only_to_the_roles_that_need_it() {
    let mut dev = through_inspection();
    // Not a target: no disclosure.
    let not_target = Command::Disclose {
        case: CASE.into(),
        cadre: LOW.into(),
        round: Round::First,
        start: d(2026, 3, 13),
        matters: matters(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 13), not_target),
        "w4.disclosure_round"
    );
    // Before becoming a target: refused.
    let early = Command::Disclose {
        case: CASE.into(),
        cadre: A.into(),
        round: Round::First,
        start: d(2026, 3, 11),
        matters: matters(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 13), early),
        "w4.disclosure_round"
    );
    // The second disclosure comes after the decision.
    let second = Command::Disclose {
        case: CASE.into(),
        cadre: A.into(),
        round: Round::Second,
        start: d(2026, 3, 13),
        matters: matters(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 13), second),
        "w4.disclosure_round"
    );
    let dev = through_consultation();
    // The first disclosure ran Fri 03-13 .. Thu 03-19 (five working days).
    let views = disclosures_for(dev.state(), CASE, Role::Reviewer);
    assert_eq!(views.len(), 1);
    assert_eq!(
        (views[0].start, views[0].end),
        (d(2026, 3, 13), d(2026, 3, 19))
    );
    for role in [Role::Recorder, Role::Reviewer, Role::Approver] {
        let v = &disclosures_for(dev.state(), CASE, role)[0];
        let (m, s) = v
            .content
            .as_ref()
            .unwrap_or_else(|| panic!("{role:?} sees the content"));
        assert_eq!(m.family_employment, "配偶在旗第一中学任教师");
        assert_eq!((s.age, s.party_age, s.work_age), (40, Some(17), 18));
    }
    for role in [
        Role::Admin,
        Role::Organizer,
        Role::Assessor,
        Role::VillageHead,
    ] {
        let v = &disclosures_for(dev.state(), CASE, role)[0];
        assert!(v.content.is_none(), "{role:?} must not see the matters");
        assert_eq!(
            (v.name.as_str(), v.round, v.end),
            ("王建军", Round::First, d(2026, 3, 19))
        );
    }
    // A vote before the first disclosure ends is refused (B's disclosure still running).
    let mut dev2 = through_inspection();
    dev2.ok(
        Role::Recorder,
        d(2026, 3, 30),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 30),
            matters: matters(),
        },
    );
    let mut dev2b = dev2;
    recorder(
        &mut dev2b,
        d(2026, 3, 30),
        StepRecord::Deliberation {
            on: d(2026, 3, 30),
            proposed: [(POST.to_string(), A.to_string())].into(),
            participants: "书记".into(),
            opinion: "同意".into(),
        },
    );
    for check in CheckKind::ALL {
        recorder(
            &mut dev2b,
            d(2026, 3, 30),
            StepRecord::Check {
                on: d(2026, 3, 30),
                cadre: A.into(),
                check,
                passed: true,
                note: "无问题".into(),
            },
        );
    }
    for body in ["纪委监委", "检察院", "综治办"] {
        recorder(
            &mut dev2b,
            d(2026, 3, 30),
            StepRecord::Opinion {
                on: d(2026, 3, 30),
                cadre: A.into(),
                body: body.into(),
                answer: "无".into(),
            },
        );
    }
    // Window 03-30 .. 04-03; a vote on 04-03 is too early, 04-07 (after 清明) is fine.
    assert_eq!(
        refused(
            &mut dev2b,
            d(2026, 4, 3),
            vote(d(2026, 4, 3), 11, 9, 7, 1, 1)
        ),
        "w4.disclosure_pending"
    );
    recorder(
        &mut dev2b,
        d(2026, 4, 7),
        vote(d(2026, 4, 7), 11, 9, 7, 1, 1),
    );
}

#[test]
fn sanling_is_computed_from_the_profile() {
    let p = profile("王建军", d(2020, 3, 1), &good());
    let s = sanling(&p, d(2026, 6, 14));
    assert_eq!((s.age, s.party_age, s.work_age), (40, Some(17), 18));
    let s = sanling(&p, d(2026, 6, 15));
    assert_eq!(s.age, 41, "a birthday completes the year");
    assert_eq!(s.history.len(), 2);
    assert_eq!(s.history[0].title, "科员");
    assert_eq!(
        (s.education.as_str(), s.identity.as_str()),
        ("大学本科", "公务员")
    );
    let mut outside = p;
    outside.party_join = None;
    assert_eq!(sanling(&outside, d(2026, 1, 1)).party_age, None);
}

#[test]
fn only_the_right_roles_record_w4_and_the_master_data() {
    let mut dev = setup();
    let q = rec(StepRecord::Qualification {
        on: d(2026, 3, 2),
        conditions: "符合".into(),
    });
    assert_eq!(
        dev.refused(Role::Organizer, d(2026, 3, 2), q.clone()),
        "auth.role"
    );
    assert_eq!(dev.refused(Role::Approver, d(2026, 3, 2), q), "auth.role");
    let cadre = Command::RecordCadre {
        cadre: "c-x".into(),
        profile: profile("某某", d(2020, 1, 1), &good()),
        supersedes: vec![],
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 2), cadre),
        "auth.role"
    );
    // Inconsistent dates are refused.
    let mut bad = profile("某某", d(2020, 1, 1), &good());
    bad.work_start = d(1980, 1, 1);
    assert_eq!(
        dev.refused(
            Role::Admin,
            d(2026, 3, 2),
            Command::RecordCadre {
                cadre: "c-x".into(),
                profile: bad,
                supersedes: vec![],
            }
        ),
        "w4.dates"
    );
    // A future date is refused.
    assert_eq!(
        refused(
            &mut dev,
            d(2026, 3, 2),
            StepRecord::Qualification {
                on: d(2026, 3, 3),
                conditions: "符合".into(),
            }
        ),
        "w4.future"
    );
}

#[test]
fn w4_events_serialize_lean_and_verify() {
    let dev = in_publicity();
    let events = dev.events();
    assert!(jishi::domain::event::verify(&events).is_empty());
    let kinds: std::collections::BTreeSet<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    for k in [
        "cadre_recorded",
        "post_recorded",
        "w4_case_opened",
        "w4_step_recorded",
        "w4_disclosed",
    ] {
        assert!(kinds.contains(k), "{k} missing from {kinds:?}");
    }
    let step = events
        .iter()
        .find(|e| e.kind == "w4_step_recorded")
        .unwrap();
    assert_eq!(step.subject, format!("w4/{CASE}"));
    let json = serde_json::to_string(&step.body).unwrap();
    assert!(json.starts_with("{\"w4_step_recorded\":"), "{json}");
    assert!(
        !json.contains("supersedes"),
        "empty corrections are omitted: {json}"
    );
    // A default policy serializes exactly as before W4 (old policy events keep their hash).
    let policy = serde_json::to_string(&Policy::default()).unwrap();
    assert!(
        !policy.contains("w4") && !policy.contains("extra_calendar"),
        "{policy}"
    );
    let back: Policy = serde_json::from_str(&policy).unwrap();
    assert_eq!(back, Policy::default());
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn folding_random_permutations_of_a_case_gives_the_same_state() {
    let mut dev = in_publicity();
    recorder(
        &mut dev,
        d(2026, 4, 3),
        StepRecord::Complaint {
            on: d(2026, 4, 3),
            cadre: A.into(),
            complainant: "匿名".into(),
            content: "反映问题".into(),
        },
    );
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    // Two later versions of A's profile: the latest must stand whatever the order.
    for education in ["研究生", "在职研究生"] {
        let mut p = profile("王建军", d(2020, 3, 1), &good());
        p.education = education.into();
        let supersedes = cadre_versions(&dev, A);
        dev.ok(
            Role::Admin,
            d(2026, 4, 4),
            Command::RecordCadre {
                cadre: A.into(),
                profile: p,
                supersedes,
            },
        );
    }
    let events = dev.events();
    let reference = State::fold(&events);
    assert_eq!(
        reference.cadre_selection.cadre(A).unwrap().education,
        "在职研究生"
    );
    assert_eq!(&reference, dev.state());
    let view = case_view(&reference, CASE, d(2026, 4, 20));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let mut shuffled = events.clone();
        for i in (1..shuffled.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        // Evolving in arrival order (no sort) must give the same W4 state too.
        let mut arrived = State::default();
        for e in &shuffled {
            arrived.evolve(e);
        }
        let folded = State::fold(&shuffled);
        assert_eq!(folded, reference, "permutation {round}");
        assert_eq!(
            arrived.cadre_selection, reference.cadre_selection,
            "arrival order {round}"
        );
        assert_eq!(case_view(&folded, CASE, d(2026, 4, 20)), view);
    }
}

// ---- Issue 7: conflicts, stale signatures, quota across cases, endings, roles, dates,
// ---- no panic from data, safe ids.

fn deliberation(cadre: &str, on: chrono::NaiveDate) -> StepRecord {
    StepRecord::Deliberation {
        on,
        proposed: [(POST.to_string(), cadre.to_string())].into(),
        participants: "旗委书记、旗长、副书记".into(),
        opinion: format!("同意 {cadre} 为副苏木达拟任人选"),
    }
}

fn violation(
    r: Result<Vec<jishi::domain::Event>, jishi::store::RecordError>,
) -> jishi::domain::RuleViolation {
    match r {
        Err(jishi::store::RecordError::Rule(v)) => v,
        other => panic!("expected a rule violation, got {other:?}"),
    }
}

/// Phone A and phone B hold the same case through 组织考察 (B got A's records).
fn two_phones() -> (Device, Device) {
    let mut a = through_inspection();
    a.ok(
        Role::Recorder,
        d(2026, 3, 13),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 13),
            matters: matters(),
        },
    );
    let mut b = Device::new("phone-w4-b");
    a.send_to(&mut b);
    (a, b)
}

#[test]
fn a_second_deliberation_from_another_phone_is_a_conflict_until_a_correction_resolves_it() {
    let (mut a, mut b) = two_phones();
    // Offline, each phone records its own 酝酿: A proposes 王建军, B proposes 李红梅.
    let on = d(2026, 3, 25);
    let ours = recorder(&mut a, on, deliberation(A, on))[0].id.clone();
    let theirs = recorder(&mut b, on, deliberation(B, on))[0].id.clone();
    b.send_to(&mut a);
    a.send_to(&mut b);
    assert_eq!(a.state(), b.state(), "both phones fold to the same state");
    // Both records are kept and shown side by side, with who recorded them where.
    let view = case_view(a.state(), CASE, on).unwrap();
    assert_eq!(view.conflicts.len(), 1);
    let mut ids: Vec<&str> = view.conflicts[0].iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    let mut expected = vec![ours.as_str(), theirs.as_str()];
    expected.sort();
    assert_eq!(ids, expected);
    let devices: std::collections::BTreeSet<&str> = view.conflicts[0]
        .iter()
        .map(|e| e.device.as_str())
        .collect();
    assert_eq!(devices.len(), 2, "{devices:?}");
    assert_eq!(view.current, Some(Step::Deliberation));
    let deliberation_step = &view.steps[Step::Deliberation.index()];
    assert!(deliberation_step
        .missing
        .iter()
        .any(|m| m.contains("不同手机")));
    // The next gate is refused until resolved; the checks cannot make it complete.
    for check in CheckKind::ALL {
        recorder(
            &mut a,
            d(2026, 3, 26),
            StepRecord::Check {
                on: d(2026, 3, 26),
                cadre: A.into(),
                check,
                passed: true,
                note: "经核，无问题".into(),
            },
        );
    }
    let opinion = StepRecord::Opinion {
        on: d(2026, 3, 27),
        cadre: A.into(),
        body: "纪委监委".into(),
        answer: "无不良反映".into(),
    };
    let v = violation(a.run(Role::Recorder, d(2026, 3, 27), rec(opinion.clone())));
    assert_eq!(v.code, "w4.conflict");
    assert!(
        v.zh.contains("酝酿") && v.en.contains("Deliberation"),
        "{v:?}"
    );
    // A correction naming only one of the two does not settle it.
    let partial = a.run(
        Role::Recorder,
        d(2026, 3, 27),
        Command::Correct {
            case: CASE.into(),
            supersedes: vec![theirs.clone()],
            record: deliberation(A, on),
            reason: "以部务会酝酿为准".into(),
        },
    );
    assert_eq!(err_code(partial), "w4.duplicate");
    // A correction superseding both resolves it; the two originals stay as a trace.
    correct(
        &mut a,
        d(2026, 3, 27),
        vec![ours.clone(), theirs.clone()],
        deliberation(A, on),
        "两部手机各记一份酝酿，经核以王建军为拟任人选",
    );
    let c = case(&a);
    assert!(c.conflicts().is_empty());
    assert_eq!(c.proposed()[POST], A);
    assert!(c.entries.contains_key(&ours) && c.entries.contains_key(&theirs));
    recorder(&mut a, d(2026, 3, 27), opinion);
}

#[test]
fn the_conflict_does_not_depend_on_which_phone_recorded_first_or_arrival_order() {
    let (mut a, mut b) = two_phones();
    let on = d(2026, 3, 25);
    recorder(&mut b, on, deliberation(B, on));
    recorder(&mut a, on, deliberation(A, on));
    let mut events = a.events();
    let held: std::collections::BTreeSet<String> = events.iter().map(|e| e.id.clone()).collect();
    events.extend(b.events().into_iter().filter(|e| !held.contains(&e.id)));
    let reference = State::fold(&events);
    for shift in 0..events.len() {
        let mut arrived = State::default();
        for e in events.iter().cycle().skip(shift).take(events.len()) {
            arrived.evolve(e);
        }
        assert_eq!(
            arrived.cadre_selection, reference.cadre_selection,
            "arrival from {shift}"
        );
        assert_eq!(arrived.cadre_selection.cases[CASE].conflicts().len(), 1);
    }
}

#[test]
fn cadre_and_post_versions_from_two_phones_are_both_kept_until_one_version_replaces_both() {
    let mut a = through_nomination();
    let mut b = Device::new("phone-w4-b");
    a.send_to(&mut b);
    let seen = cadre_versions(&a, A);
    let mut edu_a = profile("王建军", d(2020, 3, 1), &good());
    edu_a.education = "研究生".into();
    let mut edu_b = profile("王建军", d(2020, 3, 1), &good());
    edu_b.education = "在职研究生".into();
    for (dev, p) in [(&mut a, edu_a.clone()), (&mut b, edu_b)] {
        dev.ok(
            Role::Admin,
            d(2026, 3, 11),
            Command::RecordCadre {
                cadre: A.into(),
                profile: p,
                supersedes: seen.clone(),
            },
        );
    }
    b.send_to(&mut a);
    let versions = &a.state().cadre_selection.cadres[A];
    assert!(versions.conflicted());
    assert_eq!(versions.live().len(), 2);
    assert_eq!(versions.len(), 3, "every version is kept");
    // A conflicted profile cannot be used to designate a target.
    assert_eq!(
        refused(&mut a, d(2026, 3, 12), target(A, d(2026, 3, 12))),
        "w4.cadre_conflict"
    );
    // A new version replacing both settles it.
    let both = cadre_versions(&a, A);
    assert_eq!(both.len(), 2);
    a.ok(
        Role::Admin,
        d(2026, 3, 12),
        Command::RecordCadre {
            cadre: A.into(),
            profile: edu_a,
            supersedes: both,
        },
    );
    assert!(!a.state().cadre_selection.cadres[A].conflicted());
    assert_eq!(
        a.state().cadre_selection.cadre(A).unwrap().education,
        "研究生"
    );
    recorder(&mut a, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    // An existing id is only changed by naming what was seen.
    let blind = Command::RecordCadre {
        cadre: A.into(),
        profile: profile("王建军", d(2020, 3, 1), &good()),
        supersedes: vec![],
    };
    assert_eq!(
        a.refused(Role::Admin, d(2026, 3, 12), blind),
        "w4.duplicate"
    );

    // Posts: the quota edited on two phones is a conflict that blocks 凡提必审.
    let mut a = setup();
    let mut b = Device::new("phone-w4-b");
    a.send_to(&mut b);
    let seen = post_versions(&a, POST);
    for (dev, quota) in [(&mut a, 3), (&mut b, 1)] {
        dev.ok(
            Role::Admin,
            d(2026, 3, 2),
            Command::RecordPost {
                post: POST.into(),
                unit: "格日朝鲁苏木".into(),
                title: "副苏木达".into(),
                quota,
                supersedes: seen.clone(),
            },
        );
    }
    b.send_to(&mut a);
    assert!(a.state().cadre_selection.posts[POST].conflicted());
    let q = StepRecord::Qualification {
        on: d(2026, 3, 2),
        conditions: "符合".into(),
    };
    assert_eq!(
        refused(&mut a, d(2026, 3, 2), q.clone()),
        "w4.post_conflict"
    );
    let both = post_versions(&a, POST);
    a.ok(
        Role::Admin,
        d(2026, 3, 2),
        Command::RecordPost {
            post: POST.into(),
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            quota: 2,
            supersedes: both,
        },
    );
    recorder(&mut a, d(2026, 3, 2), q);
}

#[test]
fn old_cadre_and_post_records_without_a_version_list_keep_latest_replaces_earlier() {
    use jishi::domain::event::{Event, EventBody, Stamp};
    let stamp = |id: &str, at: i64| Stamp {
        id: id.into(),
        author: "旗委组织部 张卫东".into(),
        role: Role::Admin,
        device: if at % 2 == 0 { "phone-a" } else { "phone-b" }.into(),
        recorded_at: at,
        parents: vec![],
    };
    let cadre = |id: &str, at: i64, education: &str| {
        let mut p = profile("王建军", d(2020, 3, 1), &good());
        p.education = education.into();
        Event::seal(
            EventBody::CadreSelection(CadreSelectionEvent::CadreRecorded {
                cadre: A.into(),
                profile: p.into(),
                supersedes: None,
            }),
            stamp(id, at),
        )
    };
    let post = |id: &str, at: i64, quota: u32| {
        Event::seal(
            EventBody::CadreSelection(CadreSelectionEvent::PostRecorded {
                post: POST.into(),
                unit: "格日朝鲁苏木".into(),
                title: "副苏木达".into(),
                quota,
                supersedes: None,
            }),
            stamp(id, at),
        )
    };
    // Same time on two phones: the tie goes to the larger event id, in any order.
    let events = [
        cadre("e1", 1_000, "大学本科"),
        cadre("e3", 2_000, "研究生"),
        cadre("e2", 2_000, "在职研究生"),
        post("p1", 1_000, 2),
        post("p2", 3_000, 3),
    ];
    for order in [[0, 1, 2, 3, 4], [4, 2, 1, 0, 3], [2, 3, 0, 4, 1]] {
        let mut s = State::default();
        for i in order {
            s.evolve(&events[i]);
        }
        assert_eq!(s.cadre_selection.cadre(A).unwrap().education, "研究生");
        assert!(
            !s.cadre_selection.cadres[A].conflicted(),
            "old records never conflict"
        );
        assert_eq!(s.cadre_selection.post(POST).unwrap().quota, 3);
        assert!(!s.cadre_selection.posts[POST].conflicted());
    }
    // The new field is left out when absent: old events keep their JSON (and hash).
    let json = serde_json::to_string(&events[0].body).unwrap();
    assert!(!json.contains("supersedes"), "{json}");
}

/// Through 讨论决定 with the initial record signed and submitted on 2026-04-03.
fn submitted_initial() -> Device {
    let mut dev = through_decision();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        Command::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 3),
        },
    );
    dev
}

fn corrected_initiation() -> StepRecord {
    StepRecord::Initiation {
        on: d(2026, 3, 3),
        proposer: "旗委组织部部务会".into(),
        reason: "副苏木达 1 名职位空缺（原副苏木达调任）".into(),
        scope: "全旗科级干部".into(),
        method: "民主推荐".into(),
    }
}

#[test]
fn a_correction_after_sign_off_shows_the_signatures_as_stale_until_signed_again() {
    let mut dev = submitted_initial();
    assert_eq!(case(&dev).signed(Submission::Initial).len(), 5);
    assert!(case(&dev).submission(Submission::Initial).is_some());
    let old = live_id(&dev, "initiation");
    correct(
        &mut dev,
        d(2026, 4, 7),
        vec![old],
        corrected_initiation(),
        "补记职位空缺原因",
    );
    // No signature is shown over content it did not see: all five are stale.
    let c = case(&dev);
    assert!(c.signed(Submission::Initial).is_empty());
    assert_eq!(c.stale_signatures(Submission::Initial).len(), 5);
    assert!(
        c.submission(Submission::Initial).is_none(),
        "to be submitted again"
    );
    assert_eq!(
        c.submitted(Submission::Initial),
        Some(d(2026, 4, 3)),
        "first submitted"
    );
    let submit = Command::Submit {
        case: CASE.into(),
        node: Submission::Initial,
        on: d(2026, 4, 8),
    };
    let v = violation(dev.run(Role::Approver, d(2026, 4, 8), submit.clone()));
    assert_eq!(v.code, "w4.unsigned");
    assert!(v.zh.contains("重新签字"), "{}", v.zh);
    // The chain is signed again in order over the corrected record; then submitted.
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 8));
    dev.ok(Role::Approver, d(2026, 4, 8), submit.clone());
    let c = case(&dev);
    assert_eq!(c.signed(Submission::Initial).len(), 5);
    assert!(c
        .signed(Submission::Initial)
        .values()
        .all(|s| s.on == d(2026, 4, 8)));
    assert!(c.submission(Submission::Initial).is_some());
    assert_eq!(
        dev.refused(Role::Approver, d(2026, 4, 8), submit),
        "w4.duplicate"
    );
}

/// What a case keeps worked out from its records (live records, digests) is
/// worked out again once a record changes it: a case read before a correction and a
/// disclosure reads after them exactly as a phone that folded everything afresh.
#[test]
fn a_case_read_before_a_change_reads_after_it_as_a_fresh_fold() {
    let mut dev = both_nodes_signed();
    let read = |dev: &Device| {
        let c = case(dev);
        let live: Vec<String> = c.live().iter().map(|e| e.id.clone()).collect();
        let states: Vec<String> = [Submission::Initial, Submission::Second]
            .into_iter()
            .flat_map(|node| c.signature_states(node))
            .map(|(s, state)| format!("{} {state:?}", s.id))
            .collect();
        let digests = [Submission::Initial, Submission::Second]
            .map(|node| (c.digest(node), c.annex_digest(node)));
        (live, states, digests, c.digest_all())
    };
    let before = read(&dev);
    assert!(
        before.1.iter().all(|s| s.ends_with("Valid")),
        "{:?}",
        before.1
    );
    let old = live_id(&dev, "initiation");
    correct(
        &mut dev,
        d(2026, 4, 20),
        vec![old.clone()],
        corrected_initiation(),
        "补记原因",
    );
    disclose_second_round(&mut dev);
    let after = read(&dev);
    let mut fresh = Device::new("phone-fresh");
    dev.send_to(&mut fresh);
    assert_eq!(after, read(&fresh));
    assert!(before.0.contains(&old) && !after.0.contains(&old));
    assert_ne!(
        before.2, after.2,
        "the correction and the disclosure change both digests"
    );
    assert!(
        after.1.iter().all(|s| s.ends_with("Stale")),
        "{:?}",
        after.1
    );
}

/// A case changed around the fold (its records are public fields) is still read as it
/// stands: what it kept was worked out from fewer records, so it is worked out again.
#[test]
fn a_case_changed_around_the_fold_is_read_as_it_stands() {
    let dev = submitted_initial();
    let mut state = dev.state().clone();
    let Some(c) = state.cadre_selection.cases.get_mut(CASE) else {
        panic!("no case");
    };
    let (live, digest) = (c.live().len(), c.digest(Submission::Initial));
    let Some(mut extra) = c.live().last().map(|e| (*e).clone()) else {
        panic!("no live record");
    };
    extra.id = "zzzzzzzzzzzzzzzzzzzzzzzzzzzz".into();
    extra.recorded_at += 1;
    c.entries.insert(extra.id.clone(), extra);
    assert_eq!(c.live().len(), live + 1);
    assert_ne!(c.digest(Submission::Initial), digest);
}

/// A case appointed on 04-13 with both nodes signed (初次 on 04-03, 二次 on 04-14).
fn both_nodes_signed() -> Device {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    sign_all(&mut dev, Submission::Second, d(2026, 4, 14));
    dev
}

/// The second-round disclosure of candidate `A`, recorded on 04-20.
fn disclose_second_round(dev: &mut Device) {
    dev.ok(
        Role::Recorder,
        d(2026, 4, 20),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::Second,
            start: d(2026, 4, 20),
            matters: matters(),
        },
    );
}

#[test]
fn a_correction_recorded_offline_before_the_signatures_arrived_makes_them_stale_too() {
    let mut a = through_decision();
    let mut b = Device::new("phone-w4-b");
    a.send_to(&mut b);
    // B corrects 动议 offline; A, not knowing, gets the record signed.
    let old = live_id(&b, "initiation");
    correct(
        &mut b,
        d(2026, 4, 2),
        vec![old],
        corrected_initiation(),
        "补记原因",
    );
    sign_all(&mut a, Submission::Initial, d(2026, 4, 3));
    assert_eq!(case(&a).signed(Submission::Initial).len(), 5);
    b.send_to(&mut a);
    a.send_to(&mut b);
    for dev in [&a, &b] {
        let c = case(dev);
        assert!(
            c.signed(Submission::Initial).is_empty(),
            "signed over an older record"
        );
        assert_eq!(c.stale_signatures(Submission::Initial).len(), 5);
    }
}

#[test]
fn the_quota_counts_appointments_made_in_other_cases() {
    // Case 1 fills the second seat of the 2-seat post (巴特尔 holds the first).
    let mut dev = in_publicity();
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    // Case 2 for the same post: 凡提必审 now finds it full.
    let case2 = "case-2026-02";
    dev.ok(
        Role::Recorder,
        d(2026, 4, 20),
        Command::OpenCase {
            case: case2.into(),
            title: "格日朝鲁苏木副苏木达选任（第二批）".into(),
            posts: vec![POST.into()],
            on: d(2026, 4, 20),
        },
    );
    let qualification = |on| Command::Record {
        case: case2.into(),
        record: StepRecord::Qualification {
            on,
            conditions: "符合".into(),
        },
    };
    let v = violation(dev.run(
        Role::Recorder,
        d(2026, 4, 20),
        qualification(d(2026, 4, 20)),
    ));
    assert_eq!(v.code, "w4.quota");
    assert!(v.zh.contains("职数 2 名，已有 2 名"), "{}", v.zh);
    // Once the profile records the appointment, it is not counted twice.
    let mut wjj = profile("王建军", d(2020, 3, 1), &good());
    wjj.positions.last_mut().unwrap().end = Some(d(2026, 4, 12));
    wjj.positions
        .push(jishi::domain::cadre_selection::Position {
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            post: POST.into(),
            start: d(2026, 4, 13),
            end: None,
        });
    let seen = cadre_versions(&dev, A);
    dev.ok(
        Role::Admin,
        d(2026, 4, 20),
        Command::RecordCadre {
            cadre: A.into(),
            profile: wjj,
            supersedes: seen,
        },
    );
    assert_eq!(
        dev.state()
            .cadre_selection
            .seats_taken(POST, d(2026, 4, 20), case2, ""),
        2
    );
    let v = violation(dev.run(
        Role::Recorder,
        d(2026, 4, 20),
        qualification(d(2026, 4, 20)),
    ));
    assert!(v.zh.contains("已有 2 名"), "{}", v.zh);
    // 巴特尔 leaves the post: a seat is free again.
    let mut holder = cadres().into_iter().find(|c| c.0 == HOLDER).unwrap().1;
    holder.positions.last_mut().unwrap().end = Some(d(2026, 4, 19));
    let seen = cadre_versions(&dev, HOLDER);
    dev.ok(
        Role::Admin,
        d(2026, 4, 20),
        Command::RecordCadre {
            cadre: HOLDER.into(),
            profile: holder,
            supersedes: seen,
        },
    );
    dev.ok(
        Role::Recorder,
        d(2026, 4, 20),
        qualification(d(2026, 4, 20)),
    );
}

#[test]
fn the_appointment_itself_is_refused_when_another_case_filled_the_post_meanwhile() {
    // Two cases run in parallel for the 2-seat post with one holder: the first to
    // appoint takes the last seat; the second's appointment is refused.
    let mut dev = in_publicity();
    let case2 = "case-2026-02";
    dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        Command::OpenCase {
            case: case2.into(),
            title: "副苏木达另案".into(),
            posts: vec![POST.into()],
            on: d(2026, 4, 2),
        },
    );
    // Case 2's record (made by hand to the appointment) is beside the point here:
    // what matters is the seat count the appointment of case 1 sees.
    dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        Command::Record {
            case: case2.into(),
            record: StepRecord::Qualification {
                on: d(2026, 4, 2),
                conditions: "符合".into(),
            },
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    // An appointment recorded in case 2 of 李红梅 (e.g. synced from another phone).
    use jishi::domain::event::{Event, EventBody, Stamp};
    let other = Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
            case: case2.into(),
            record: StepRecord::Appointment {
                on: d(2026, 4, 11),
                post: POST.into(),
                cadre: B.into(),
                document: "扎党任〔2026〕14 号".into(),
            }
            .into(),
            supersedes: vec![],
            reason: String::new(),
        }),
        Stamp {
            id: "0000000000000000000000other".into(),
            author: "记录人 李静".into(),
            role: Role::Recorder,
            device: "phone-other".into(),
            recorded_at: beijing_ms(d(2026, 4, 11)),
            parents: vec![],
        },
    );
    dev.ledger.receive(vec![other]).unwrap();
    assert_eq!(
        refused(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13))),
        "w4.quota"
    );
}

#[test]
fn a_case_ends_without_appointment_when_a_complaint_is_upheld() {
    let mut dev = in_publicity();
    let id = recorder(
        &mut dev,
        d(2026, 4, 3),
        StepRecord::Complaint {
            on: d(2026, 4, 3),
            cadre: A.into(),
            complainant: "群众来访".into(),
            content: "反映其违规收受礼金".into(),
        },
    )[0]
    .id
    .clone();
    let end = |ending, on, reason: &str| Command::EndCase {
        case: CASE.into(),
        on,
        ending,
        reason: reason.into(),
    };
    // Not before the complaint is upheld; not without a reason; not in the future.
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 8),
            end(
                jishi::domain::cadre_selection::Ending::ComplaintUpheld,
                d(2026, 4, 8),
                "属实"
            )
        ),
        "w4.end_reason"
    );
    recorder(
        &mut dev,
        d(2026, 4, 8),
        StepRecord::ComplaintVerified {
            on: d(2026, 4, 8),
            complaint: id,
            finding: Finding::Upheld,
            note: "经核查属实".into(),
        },
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 9),
            end(
                jishi::domain::cadre_selection::Ending::ComplaintUpheld,
                d(2026, 4, 9),
                " "
            )
        ),
        "w4.required"
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 9),
            end(
                jishi::domain::cadre_selection::Ending::ComplaintUpheld,
                d(2026, 4, 10),
                "属实"
            )
        ),
        "w4.future"
    );
    assert_eq!(
        dev.refused(
            Role::Approver,
            d(2026, 4, 9),
            end(
                jishi::domain::cadre_selection::Ending::ComplaintUpheld,
                d(2026, 4, 9),
                "属实"
            )
        ),
        "auth.role"
    );
    dev.ok(
        Role::Recorder,
        d(2026, 4, 9),
        end(
            jishi::domain::cadre_selection::Ending::ComplaintUpheld,
            d(2026, 4, 9),
            "举报经核实属实，王建军不予任用，本次选任终止",
        ),
    );
    // Closed: no next step, shown as ended; nothing more can be recorded.
    let view = case_view(dev.state(), CASE, d(2026, 4, 10)).unwrap();
    assert_eq!(view.current, None);
    let ended = view.ended.unwrap();
    assert_eq!(
        ended.ending,
        jishi::domain::cadre_selection::Ending::ComplaintUpheld
    );
    assert!(ended.reason.contains("不予任用"));
    assert_eq!(
        refused(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10))),
        "w4.case_ended"
    );
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 10),
            end(
                jishi::domain::cadre_selection::Ending::Withdrawn,
                d(2026, 4, 10),
                "再次终止"
            )
        ),
        "w4.case_ended"
    );
}

#[test]
fn a_case_ends_when_the_vote_fails_or_the_candidate_withdraws_but_not_after_appointment() {
    use jishi::domain::cadre_selection::Ending;
    let end = |ending, on, reason: &str| Command::EndCase {
        case: CASE.into(),
        on,
        ending,
        reason: reason.into(),
    };
    let mut dev = through_consultation();
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 1),
            end(Ending::VoteFailed, d(2026, 4, 1), "未通过")
        ),
        "w4.end_reason"
    );
    // 5 of 11 members: the vote fails.
    recorder(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 6, 5, 1, 0));
    dev.ok(
        Role::Recorder,
        d(2026, 4, 2),
        end(Ending::VoteFailed, d(2026, 4, 2), "常委会表决未过半数"),
    );
    assert!(case_view(dev.state(), CASE, d(2026, 4, 2))
        .unwrap()
        .ended
        .is_some());
    // Withdrawn at nomination; not dated before the case's last record.
    let mut dev = through_nomination();
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 3, 10),
            end(Ending::Withdrawn, d(2026, 3, 9), "退出")
        ),
        "w4.date_order"
    );
    dev.ok(
        Role::Recorder,
        d(2026, 3, 10),
        end(Ending::Withdrawn, d(2026, 3, 10), "人选本人书面申请退出"),
    );
    // After the appointment there is nothing to end.
    let mut dev = in_publicity();
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 4, 14),
            end(Ending::Withdrawn, d(2026, 4, 14), "退出")
        ),
        "w4.end_after_appointment"
    );
}

#[test]
fn the_two_section_chiefs_are_distinct_roles_and_sign_only_their_own_line() {
    assert!(Role::ALL.contains(&Role::CadreChief) && Role::ALL.contains(&Role::SupervisionChief));
    assert!(!Role::ALL.contains(&Role::Reviewer), "not offered any more");
    assert_eq!(
        Role::from_key("reviewer"),
        Some(Role::Reviewer),
        "old records decode"
    );
    assert_eq!(Role::from_key("cadre_chief"), Some(Role::CadreChief));
    assert_eq!(
        Role::from_key("supervision_chief"),
        Some(Role::SupervisionChief)
    );
    assert_eq!(Role::CadreChief.label(true), "干部科科长");
    assert_eq!(
        Role::SupervisionChief.label(false),
        "Supervision section chief"
    );
    let json = serde_json::to_string(&Role::SupervisionChief).unwrap();
    assert_eq!(json, "\"supervision_chief\"");
    let mut dev = through_decision();
    let node = Submission::Initial;
    let on = d(2026, 4, 2);
    sign(
        &mut dev,
        RECHECKER,
        Role::Reviewer,
        node,
        SignOff::Recheck,
        on,
    );
    sign(
        &mut dev,
        RECORDER,
        Role::Recorder,
        node,
        SignOff::Recorder,
        on,
    );
    let attempt = |dev: &mut Device, name: &str, role: Role, sign: SignOff| {
        err_code(dev.run_as(
            name,
            role,
            on,
            Command::Sign {
                case: CASE.into(),
                node,
                sign,
            },
        ))
    };
    // The old generic reviewer role signs neither chief's line.
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::Reviewer,
            SignOff::CadreSectionChief
        ),
        "auth.role"
    );
    // The supervision chief cannot sign the cadre chief's line.
    assert_eq!(
        attempt(
            &mut dev,
            SUPERVISION_CHIEF,
            Role::SupervisionChief,
            SignOff::CadreSectionChief
        ),
        "auth.role"
    );
    sign(
        &mut dev,
        CADRE_CHIEF,
        Role::CadreChief,
        node,
        SignOff::CadreSectionChief,
        on,
    );
    // The cadre chief cannot also sign the supervision line, in either role.
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::CadreChief,
            SignOff::SupervisionSectionChief
        ),
        "auth.role"
    );
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::SupervisionChief,
            SignOff::SupervisionSectionChief
        ),
        "w4.same_signer"
    );
    sign(
        &mut dev,
        SUPERVISION_CHIEF,
        Role::SupervisionChief,
        node,
        SignOff::SupervisionSectionChief,
        on,
    );
    // Both chiefs read the disclosed matters.
    for role in [Role::CadreChief, Role::SupervisionChief] {
        assert!(disclosures_for(dev.state(), CASE, role)[0]
            .content
            .is_some());
    }
}

#[test]
fn submissions_and_step_dates_make_sense() {
    // 初次提交: not before the decision (04-01), not in the future, not before the
    // signatures.
    let mut dev = through_decision();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let submit = |node, on| Command::Submit {
        case: CASE.into(),
        node,
        on,
    };
    assert_eq!(
        dev.refused(
            Role::Approver,
            d(2026, 4, 3),
            submit(Submission::Initial, d(2026, 3, 31))
        ),
        "w4.submit_date"
    );
    assert_eq!(
        dev.refused(
            Role::Approver,
            d(2026, 4, 3),
            submit(Submission::Initial, d(2026, 4, 2))
        ),
        "w4.submit_date"
    );
    assert_eq!(
        dev.refused(
            Role::Approver,
            d(2026, 4, 3),
            submit(Submission::Initial, d(2026, 4, 4))
        ),
        "w4.future"
    );
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        submit(Submission::Initial, d(2026, 4, 3)),
    );
    // 二次提交: not before the appointment (04-13). (任前公示 is recorded on the day it
    // starts: it cannot be backdated.)
    recorder(
        &mut dev,
        d(2026, 4, 2),
        StepRecord::PublicityOpened {
            on: d(2026, 4, 2),
            end: d(2026, 4, 2),
            channel: "公示栏".into(),
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    dev.ok(
        Role::Recorder,
        d(2026, 4, 14),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::Second,
            start: d(2026, 4, 14),
            matters: matters(),
        },
    );
    sign_all(&mut dev, Submission::Second, d(2026, 4, 15));
    // (The second node's signatures are dated 04-15; the appointment rule comes first.)
    assert_eq!(
        dev.refused(
            Role::Approver,
            d(2026, 4, 15),
            submit(Submission::Second, d(2026, 4, 12))
        ),
        "w4.submit_date"
    );
    dev.ok(
        Role::Approver,
        d(2026, 4, 15),
        submit(Submission::Second, d(2026, 4, 15)),
    );

    // Step dates: not before an earlier step's record, not after a later one's.
    let mut dev = through_nomination();
    let v = violation(dev.run(
        Role::Recorder,
        d(2026, 3, 12),
        rec(target(A, d(2026, 3, 4))),
    ));
    assert_eq!(v.code, "w4.date_order");
    assert!(v.zh.contains("初始提名"), "{}", v.zh);
    let old = live_id(&dev, "initiation");
    let late = StepRecord::Initiation {
        on: d(2026, 3, 9),
        proposer: "部务会".into(),
        reason: "空缺".into(),
        scope: "全旗".into(),
        method: "民主推荐".into(),
    };
    let r = dev.run(
        Role::Recorder,
        d(2026, 3, 12),
        Command::Correct {
            case: CASE.into(),
            supersedes: vec![old],
            record: late,
            reason: "改日期".into(),
        },
    );
    assert_eq!(err_code(r), "w4.date_order");
    // An inspection before its target's designation; a check before the 酝酿.
    recorder(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    let mut early = inspection(A, 90);
    if let StepRecord::Inspection { on, .. } = &mut early {
        *on = d(2026, 3, 11);
    }
    assert_eq!(refused(&mut dev, d(2026, 3, 20), early), "w4.date_order");
    let mut dev = through_inspection();
    recorder(&mut dev, d(2026, 3, 25), deliberation(A, d(2026, 3, 25)));
    let check = StepRecord::Check {
        on: d(2026, 3, 24),
        cadre: A.into(),
        check: CheckKind::File,
        passed: true,
        note: "无问题".into(),
    };
    assert_eq!(refused(&mut dev, d(2026, 3, 25), check), "w4.date_order");
    // Opening a case, a disclosure and a cadre's dates cannot lie in the future.
    let open = Command::OpenCase {
        case: "case-future".into(),
        title: "未来事项".into(),
        posts: vec![POST.into()],
        on: d(2026, 3, 26),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 25), open),
        "w4.future"
    );
    let disclose = Command::Disclose {
        case: CASE.into(),
        cadre: A.into(),
        round: Round::First,
        start: d(2026, 3, 26),
        matters: matters(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 25), disclose),
        "w4.future"
    );
    let mut unborn = profile("某某", d(2020, 1, 1), &good());
    unborn.birth = d(2027, 1, 1);
    let cmd = Command::RecordCadre {
        cadre: "c-x".into(),
        profile: unborn,
        supersedes: vec![],
    };
    assert_eq!(dev.refused(Role::Admin, d(2026, 3, 25), cmd), "w4.future");
    let mut early_post = profile("某某", d(2020, 1, 1), &good());
    early_post.positions[0].start = d(1980, 1, 1);
    let cmd = Command::RecordCadre {
        cadre: "c-x".into(),
        profile: early_post,
        supersedes: vec![],
    };
    assert_eq!(dev.refused(Role::Admin, d(2026, 3, 25), cmd), "w4.dates");
    let mut future_grade = profile("某某", d(2020, 1, 1), &good());
    future_grade
        .grades
        .insert(2027, jishi::domain::cadre_selection::AnnualGrade::Excellent);
    let cmd = Command::RecordCadre {
        cadre: "c-x".into(),
        profile: future_grade,
        supersedes: vec![],
    };
    assert_eq!(dev.refused(Role::Admin, d(2026, 3, 25), cmd), "w4.dates");
}

#[test]
fn extreme_numbers_in_records_never_panic() {
    use jishi::domain::cadre_selection::{
        add_months, exclusions, full_months, full_years, Dimensions,
    };
    let huge = Dimensions {
        character: u32::MAX,
        ability: u32::MAX,
        performance: u32::MAX,
        support: u32::MAX,
        potential: u32::MAX,
    };
    assert_eq!(huge.total(), 5 * u64::from(u32::MAX));
    let mut policy = Policy::default().cadre_selection;
    assert!(policy.passes(u32::MAX, u32::MAX, 0));
    policy.grade_lookback_years = u32::MAX;
    policy.low_recognition_pct = u32::MAX;
    let p = profile("王建军", d(2020, 3, 1), &good());
    let bars = exclusions(
        &p,
        &p.grades,
        Some((u32::MAX, u32::MAX)),
        d(2026, 3, 1),
        &policy,
    );
    assert!(bars.iter().any(|b| matches!(
        b,
        jishi::domain::cadre_selection::Exclusion::LowRecognition(..)
    )));
    let (min, max) = (chrono::NaiveDate::MIN, chrono::NaiveDate::MAX);
    assert!(full_months(min, max) > 0 && full_years(min, max) > 0);
    assert_eq!(add_months(max, u32::MAX), max);
    let cal = jishi::domain::calendar::WorkCalendar::default();
    assert_eq!(cal.add_working_days(max, u32::MAX).start, max);
    assert!(cal.working_days_between(min, max) <= jishi::domain::calendar::MAX_WINDOW);
    // Vote counts whose sum overflows u32 are refused, not a crash.
    let mut dev = through_consultation();
    let on = d(2026, 4, 1);
    let r = dev.run(
        Role::Recorder,
        on,
        rec(vote(on, u32::MAX, u32::MAX, u32::MAX, u32::MAX, 2)),
    );
    assert_eq!(err_code(r), "w4.vote_total");
    let events = recorder(&mut dev, on, vote(on, u32::MAX, u32::MAX, u32::MAX, 0, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { record, .. })
            if matches!(**record, StepRecord::Vote { passed: true, .. })
    ));
    // An inspection ranking over maximal scores, as a record from another phone could
    // carry them (the policy can no longer allow them, so they arrive by sync).
    let mut dev = through_inspection();
    let old = case(&dev)
        .live()
        .iter()
        .find(|e| matches!(&*e.record, StepRecord::Inspection { cadre, .. } if cadre == B))
        .unwrap()
        .id
        .clone();
    let forged = jishi::domain::event::Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
            case: CASE.into(),
            record: inspection(B, u32::MAX).into(),
            supersedes: vec![old],
            reason: "满分".into(),
        }),
        jishi::domain::event::Stamp {
            id: "019e00000000ffffffffffffffff".into(),
            author: "记录人 周静".into(),
            role: Role::Recorder,
            device: "phone-other".into(),
            recorded_at: beijing_ms(d(2026, 3, 20)),
            parents: vec![],
        },
    );
    assert_eq!(dev.ledger.receive(vec![forged]).unwrap().added, 1);
    let ranked = ranking(case(&dev), POST);
    assert_eq!(
        (ranked[0].cadre.as_str(), ranked[0].total),
        (B, 5 * u64::from(u32::MAX))
    );
    let r = rates(case(&dev), &Policy::default());
    assert!(r.fill_bp() <= 10_000);
}

#[test]
fn every_id_in_a_w4_command_uses_the_safe_alphabet() {
    let evil = "k1' autofocus onfocus='alert(8)'";
    let mut dev = setup();
    let cadre = Command::RecordCadre {
        cadre: evil.into(),
        profile: profile("王'", d(2020, 1, 1), &good()),
        supersedes: vec![],
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 3, 2), cadre),
        "id.alphabet"
    );
    let post = Command::RecordPost {
        post: "p<1>".into(),
        unit: "格日朝鲁苏木".into(),
        title: "副苏木达".into(),
        quota: 1,
        supersedes: vec![],
    };
    assert_eq!(dev.refused(Role::Admin, d(2026, 3, 2), post), "id.alphabet");
    let mut bad_position = profile("王", d(2020, 1, 1), &good());
    bad_position.positions[0].post = "p\"x".into();
    let cadre = Command::RecordCadre {
        cadre: "c-ok".into(),
        profile: bad_position,
        supersedes: vec![],
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 3, 2), cadre),
        "id.alphabet"
    );
    let open = Command::OpenCase {
        case: "<img src=x onerror=alert(1)>".into(),
        title: "<img src=x onerror=alert(1)>".into(),
        posts: vec![POST.into()],
        on: d(2026, 3, 2),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 2), open),
        "id.alphabet"
    );
    // A title is text, not an id: any characters are kept as typed.
    dev.ok(
        Role::Recorder,
        d(2026, 3, 2),
        Command::OpenCase {
            case: "case-x".into(),
            title: "<img src=x onerror=alert(1)>".into(),
            posts: vec![POST.into()],
            on: d(2026, 3, 2),
        },
    );
    let mut dev = through_nomination();
    assert_eq!(
        refused(&mut dev, d(2026, 3, 12), target(evil, d(2026, 3, 12))),
        "id.alphabet"
    );
    let r = dev.run(
        Role::Recorder,
        d(2026, 3, 12),
        Command::Correct {
            case: CASE.into(),
            supersedes: vec![evil.into()],
            record: target(A, d(2026, 3, 12)),
            reason: "x".into(),
        },
    );
    assert_eq!(err_code(r), "id.alphabet");
    let sign = Command::Sign {
        case: evil.into(),
        node: Submission::Initial,
        sign: SignOff::Recheck,
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 12), sign),
        "id.alphabet"
    );
}

// ---- Review of issue 7: one person per signature line, conflicts of corrections,
// ---- no backdated 公示 or disclosure, endings in conflict, seats counted by person,
// ---- disclosures corrected and covered by signatures, unusable records, both
// ---- languages, names instead of ids.

const LI_GANG: &str = "干部科科长 李刚";

/// A record sealed on another phone (or a forged one) arriving by sync.
fn arrive(dev: &mut Device, id: &str, body: EventBody, role: Role, on: chrono::NaiveDate) {
    let e = jishi::domain::event::Event::seal(
        body,
        jishi::domain::event::Stamp {
            id: id.into(),
            author: "别处 某人".into(),
            role,
            device: "phone-other".into(),
            recorded_at: beijing_ms(on) + 3_600_000,
            parents: vec![],
        },
    );
    assert_eq!(dev.ledger.receive(vec![e]).unwrap().added, 1);
}

fn submit(node: Submission, on: chrono::NaiveDate) -> Command {
    Command::Submit {
        case: CASE.into(),
        node,
        on,
    }
}

/// The reviewer's case: 马强 signs the cadre chief's line on phone A; on phone B 李刚
/// signs that line and 马强, as supervision chief, the next one; then the phones sync.
fn two_chiefs_on_one_line() -> (Device, Device) {
    let mut a = through_decision();
    let node = Submission::Initial;
    let on = d(2026, 4, 2);
    sign(
        &mut a,
        RECHECKER,
        Role::Reviewer,
        node,
        SignOff::Recheck,
        on,
    );
    sign(
        &mut a,
        RECORDER,
        Role::Recorder,
        node,
        SignOff::Recorder,
        on,
    );
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let chief = SignOff::CadreSectionChief;
    sign(&mut a, CADRE_CHIEF, Role::CadreChief, node, chief, on);
    let on_b = d(2026, 4, 3);
    sign(&mut b, LI_GANG, Role::CadreChief, node, chief, on_b);
    let supervision = SignOff::SupervisionSectionChief;
    sign(
        &mut b,
        CADRE_CHIEF,
        Role::SupervisionChief,
        node,
        supervision,
        on_b,
    );
    sign(
        &mut b,
        DEPUTY,
        Role::Approver,
        node,
        SignOff::DeputyHead,
        on_b,
    );
    b.send_to(&mut a);
    a.send_to(&mut b);
    (a, b)
}

fn resolve(dev: &mut Device, name: &str, role: Role, sign: SignOff, ids: Vec<String>) {
    dev.run_as(
        name,
        role,
        d(2026, 4, 3),
        Command::ResolveSignatures {
            case: CASE.into(),
            node: Submission::Initial,
            sign,
            supersedes: ids,
        },
    )
    .unwrap_or_else(|e| panic!("{name} could not sign again: {}", e.message(false)));
}

#[test]
fn one_person_never_holds_both_section_chief_lines_after_phones_sync() {
    let (mut a, mut b) = two_chiefs_on_one_line();
    let node = Submission::Initial;
    let c = case(&a);
    let signed = c.signed(node);
    // 马强 does not stand on both chiefs' lines: the cadre chief's line has two people
    // and counts for no one, and 马强's supervision signature does not count either.
    assert!(
        !signed.contains_key(&SignOff::CadreSectionChief),
        "{signed:?}"
    );
    assert!(!signed.contains_key(&SignOff::SupervisionSectionChief));
    let conflicts = c.signature_conflicts(node);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].0, SignOff::CadreSectionChief);
    let mut who: Vec<&str> = conflicts[0].1.iter().map(|s| s.signer.as_str()).collect();
    who.sort();
    assert_eq!(who, [LI_GANG, CADRE_CHIEF]);
    let ids: Vec<String> = conflicts[0].1.iter().map(|s| s.id.clone()).collect();
    // Shown on the case page; submission is refused until a person resolves it.
    let view = case_view(a.state(), CASE, d(2026, 4, 3)).unwrap();
    assert!(
        view.reviews.iter().any(|m| m.code == "w4.sign_conflict"),
        "{:?}",
        view.reviews
    );
    assert_eq!(view.signature_conflicts.len(), 1);
    let v = violation(a.run(Role::Approver, d(2026, 4, 3), submit(node, d(2026, 4, 3))));
    assert_eq!(v.code, "w4.sign_conflict");
    assert!(v.zh.contains("干部科科长") && v.en.contains("Cadre section chief"));
    // A plain signature does not settle it either: it would be a third on the line.
    let plain = a.run_as(
        "干部科科长 王某",
        Role::CadreChief,
        d(2026, 4, 3),
        Command::Sign {
            case: CASE.into(),
            node,
            sign: SignOff::CadreSectionChief,
        },
    );
    assert_eq!(err_code(plain), "w4.sign_conflict");
    // Phone A: 李刚 is the cadre chief and signs again, replacing both; 马强's
    // supervision signature then counts (one line each) and the record is submitted.
    resolve(
        &mut a,
        LI_GANG,
        Role::CadreChief,
        SignOff::CadreSectionChief,
        ids.clone(),
    );
    let signed = case(&a).signed(node);
    assert_eq!(signed.len(), 5);
    assert_eq!(signed[&SignOff::CadreSectionChief].signer, LI_GANG);
    assert_eq!(
        signed[&SignOff::SupervisionSectionChief].signer,
        CADRE_CHIEF
    );
    a.ok(Role::Approver, d(2026, 4, 3), submit(node, d(2026, 4, 3)));
    // Phone B: 马强 is the cadre chief and signs again; his supervision signature then
    // does not count (same person) and 孙丽 signs that line.
    resolve(
        &mut b,
        CADRE_CHIEF,
        Role::CadreChief,
        SignOff::CadreSectionChief,
        ids,
    );
    let c = case(&b);
    assert!(!c
        .signed(node)
        .contains_key(&SignOff::SupervisionSectionChief));
    assert!(c
        .signature_states(node)
        .iter()
        .any(|(s, st)| s.signer == CADRE_CHIEF
            && *st
                == jishi::domain::cadre_selection::SignatureState::SameSigner(
                    SignOff::CadreSectionChief
                )));
    sign(
        &mut b,
        SUPERVISION_CHIEF,
        Role::SupervisionChief,
        node,
        SignOff::SupervisionSectionChief,
        d(2026, 4, 3),
    );
    let signed = case(&b).signed(node);
    assert_eq!(signed.len(), 5);
    let people: std::collections::BTreeSet<&str> =
        signed.values().map(|s| s.signer.as_str()).collect();
    assert_eq!(people.len(), 5, "five different people: {people:?}");
    // The same name with a space added is the same person.
    let mut c2 = through_decision();
    for (name, role, line) in [
        (RECHECKER, Role::Reviewer, SignOff::Recheck),
        (RECORDER, Role::Recorder, SignOff::Recorder),
        (CADRE_CHIEF, Role::CadreChief, SignOff::CadreSectionChief),
    ] {
        sign(&mut c2, name, role, node, line, d(2026, 4, 2));
    }
    let spaced = c2.run_as(
        "干部科科长  马强 ",
        Role::SupervisionChief,
        d(2026, 4, 2),
        Command::Sign {
            case: CASE.into(),
            node,
            sign: SignOff::SupervisionSectionChief,
        },
    );
    assert_eq!(err_code(spaced), "w4.same_signer");
}

#[test]
fn a_signature_recorded_in_a_role_that_may_not_sign_its_line_does_not_count() {
    let node = Submission::Initial;
    let signed_over = |dev: &Device, sign: SignOff, legacy: bool| {
        let c = case(dev);
        EventBody::CadreSelection(CadreSelectionEvent::Signed {
            case: CASE.into(),
            node,
            sign,
            // Its author (`arrive`): a signature names who recorded it.
            signer: "别处 某人".into(),
            on: d(2026, 4, 2),
            over: if legacy {
                String::new()
            } else {
                c.digest(node)
            },
            annex: if legacy {
                String::new()
            } else {
                c.annex_digest(node)
            },
            supersedes: vec![],
        })
    };
    // A 分管副部长 line "signed" by a recorder (forged, or imported from a backup).
    let mut dev = through_decision();
    sign_all(&mut dev, node, d(2026, 4, 2));
    let mut forged = through_decision();
    for (name, role, line) in [
        (RECHECKER, Role::Reviewer, SignOff::Recheck),
        (RECORDER, Role::Recorder, SignOff::Recorder),
        (CADRE_CHIEF, Role::CadreChief, SignOff::CadreSectionChief),
        (
            SUPERVISION_CHIEF,
            Role::SupervisionChief,
            SignOff::SupervisionSectionChief,
        ),
    ] {
        sign(&mut forged, name, role, node, line, d(2026, 4, 2));
    }
    let body = signed_over(&forged, SignOff::DeputyHead, false);
    arrive(
        &mut forged,
        "forged-deputy",
        body,
        Role::Recorder,
        d(2026, 4, 2),
    );
    let c = case(&forged);
    assert_eq!(c.signed(node).len(), 4, "the forged line does not count");
    assert!(c
        .signature_states(node)
        .iter()
        .any(|(s, st)| s.id == "forged-deputy"
            && *st == jishi::domain::cadre_selection::SignatureState::WrongRole));
    assert_eq!(
        forged.refused(Role::Approver, d(2026, 4, 2), submit(node, d(2026, 4, 2))),
        "w4.unsigned"
    );
    // The generic reviewer of old records (no digest) still stands on a chief's line;
    // the same role in a record of this version (with a digest) does not.
    for (legacy, counts) in [(true, true), (false, false)] {
        let mut dev = through_decision();
        sign(
            &mut dev,
            RECHECKER,
            Role::Reviewer,
            node,
            SignOff::Recheck,
            d(2026, 4, 2),
        );
        sign(
            &mut dev,
            RECORDER,
            Role::Recorder,
            node,
            SignOff::Recorder,
            d(2026, 4, 2),
        );
        let body = signed_over(&dev, SignOff::CadreSectionChief, legacy);
        arrive(
            &mut dev,
            "chief-by-reviewer",
            body,
            Role::Reviewer,
            d(2026, 4, 2),
        );
        let signed = case(&dev).signed(node);
        assert_eq!(
            signed.contains_key(&SignOff::CadreSectionChief),
            counts,
            "legacy {legacy}"
        );
    }
}

#[test]
fn two_corrections_of_one_record_on_two_phones_are_a_conflict_whatever_their_slots() {
    // One phone corrects the vote's date (04-01 → 04-02), the other its count (7 for →
    // 5 for, failing with 11 members): both correct the same record.
    let mut a = through_decision();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let vote_id = live_id(&a, "vote");
    correct(
        &mut a,
        d(2026, 4, 2),
        vec![vote_id.clone()],
        vote(d(2026, 4, 2), 11, 9, 7, 1, 1),
        "会议日期记错，应为4月2日",
    );
    correct(
        &mut b,
        d(2026, 4, 2),
        vec![vote_id],
        vote(d(2026, 4, 1), 11, 9, 5, 3, 1),
        "票数记错：同意5票",
    );
    b.send_to(&mut a);
    a.send_to(&mut b);
    let groups: Vec<Vec<String>> = case(&a)
        .conflicts()
        .iter()
        .map(|g| g.iter().map(|e| e.id.clone()).collect())
        .collect();
    assert_eq!(groups.len(), 1, "two live votes correcting one record");
    assert_eq!(groups[0].len(), 2);
    let view = case_view(a.state(), CASE, d(2026, 4, 2)).unwrap();
    assert_eq!(view.conflicts.len(), 1);
    assert!(view.steps[Step::Decision.index()]
        .reasons
        .iter()
        .any(|m| m.code == "w4.conflict"));
    let open = StepRecord::PublicityOpened {
        on: d(2026, 4, 2),
        end: d(2026, 4, 2),
        channel: "公示栏".into(),
    };
    assert_eq!(refused(&mut a, d(2026, 4, 2), open), "w4.conflict");
    // Resolved by one correction naming both: the count of 5 stands, the vote failed.
    correct(
        &mut a,
        d(2026, 4, 2),
        groups[0].clone(),
        vote(d(2026, 4, 1), 11, 9, 5, 3, 1),
        "经核会议记录，4月1日表决同意5票",
    );
    let c = case(&a);
    assert!(c.conflicts().is_empty());
    assert_eq!(c.decision_date(), None);
    // The same for 考察对象: two corrections of 李红梅's designation, to another cadre
    // and to another date.
    let mut a = through_inspection();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let lhm = case(&a)
        .live()
        .iter()
        .find(|e| matches!(&*e.record, StepRecord::Target { cadre, .. } if cadre == B))
        .unwrap()
        .id
        .clone();
    correct(
        &mut a,
        d(2026, 3, 21),
        vec![lhm.clone()],
        target(OLD_GRADE, d(2026, 3, 12)),
        "考察对象应为韩雨",
    );
    correct(
        &mut b,
        d(2026, 3, 21),
        vec![lhm],
        target(B, d(2026, 3, 13)),
        "确定日期应为3月13日",
    );
    b.send_to(&mut a);
    assert_eq!(case(&a).conflicts().len(), 1);
}

#[test]
fn publicity_and_disclosures_cannot_be_backdated_beyond_the_policy_tolerance() {
    let open = |on| StepRecord::PublicityOpened {
        on,
        end: on,
        channel: "公示栏".into(),
    };
    // Recorded on 04-20 as having started on 04-02: refused, so it cannot be closed
    // and appointed the same day.
    let mut dev = through_decision();
    let v = violation(dev.run(Role::Recorder, d(2026, 4, 20), rec(open(d(2026, 4, 2)))));
    assert_eq!(v.code, "w4.backdated");
    assert!(v.zh.contains("2026-04-20"), "{}", v.zh);
    assert_eq!(
        refused(&mut dev, d(2026, 4, 20), close(d(2026, 4, 20))),
        "w4.publicity_date"
    );
    recorder(&mut dev, d(2026, 4, 20), open(d(2026, 4, 20)));
    assert_eq!(
        case(&dev).publicity(),
        Some((d(2026, 4, 20), d(2026, 4, 24)))
    );
    // The tolerance is W1's policy number: allowing 20 days accepts the same record.
    let mut dev = through_decision();
    let policy = Policy {
        publicity_backdate_days: 20,
        ..Policy::default()
    };
    dev.ok(
        Role::Admin,
        d(2026, 4, 20),
        MasterCommand::ChangePolicy {
            effective_from: d(2026, 1, 1),
            policy: Box::new(policy),
        },
    );
    recorder(&mut dev, d(2026, 4, 20), open(d(2026, 4, 2)));
    // Disclosures: the same rule.
    let mut dev = through_inspection();
    let disclose = |start| Command::Disclose {
        case: CASE.into(),
        cadre: A.into(),
        round: Round::First,
        start,
        matters: matters(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 25), disclose(d(2026, 3, 13))),
        "w4.backdated"
    );
    // A first disclosure backdated to before the vote does not let the vote through:
    // on the vote day it is refused, and so is the vote.
    recorder(&mut dev, d(2026, 3, 25), deliberation(A, d(2026, 3, 25)));
    for check in CheckKind::ALL {
        let r = StepRecord::Check {
            on: d(2026, 3, 26),
            cadre: A.into(),
            check,
            passed: true,
            note: "经核，无问题".into(),
        };
        recorder(&mut dev, d(2026, 3, 26), r);
    }
    for body in ["纪委监委", "检察院", "综治办"] {
        let r = StepRecord::Opinion {
            on: d(2026, 3, 27),
            cadre: A.into(),
            body: body.into(),
            answer: "无不良反映".into(),
        };
        recorder(&mut dev, d(2026, 3, 27), r);
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 4, 1), disclose(d(2026, 3, 13))),
        "w4.backdated"
    );
    assert_eq!(
        refused(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1)),
        "w4.disclosure_pending"
    );
}

/// The reviewer's case: phone B ends the case (人选退出) while phone A records the 任职.
/// The case ended on 4-13: the candidate withdrew.
fn withdraw_on_4_13(dev: &mut Device) {
    dev.ok(
        Role::Recorder,
        d(2026, 4, 13),
        Command::EndCase {
            case: CASE.into(),
            on: d(2026, 4, 13),
            ending: jishi::domain::cadre_selection::Ending::Withdrawn,
            reason: "本人申请退出".into(),
        },
    );
}

fn ended_while_appointed() -> (Device, Device) {
    let mut a = in_publicity();
    recorder(&mut a, d(2026, 4, 10), close(d(2026, 4, 10)));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    recorder(&mut a, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    withdraw_on_4_13(&mut b);
    b.send_to(&mut a);
    a.send_to(&mut b);
    (a, b)
}

fn revise(
    ids: Vec<String>,
    ending: Option<jishi::domain::cadre_selection::Ending>,
    reason: &str,
) -> Command {
    Command::ReviseEnding {
        case: CASE.into(),
        supersedes: ids,
        on: d(2026, 4, 14),
        ending,
        reason: reason.into(),
    }
}

#[test]
fn an_ending_concurrent_with_an_appointment_is_a_conflict_a_recorder_settles() {
    use jishi::domain::cadre_selection::Ending;
    let (mut a, mut b) = ended_while_appointed();
    let view = case_view(a.state(), CASE, d(2026, 4, 14)).unwrap();
    assert!(view.ended.is_some() && !case(&a).appointed().is_empty());
    let review = view
        .reviews
        .iter()
        .find(|m| m.code == "w4.ending_conflict")
        .expect("the ending and the appointment are flagged");
    assert!(review.zh.contains("终止") && review.en.contains("ended"));
    // Until settled the appointment keeps its seat (holder + 王建军 = 2 of 2): another
    // appointment to the post waits rather than overfilling it.
    assert_eq!(
        a.state()
            .cadre_selection
            .seats_taken(POST, d(2026, 4, 14), "", ""),
        2
    );
    let r = a.run_as(
        RECHECKER,
        Role::Reviewer,
        d(2026, 4, 14),
        Command::Sign {
            case: CASE.into(),
            node: Submission::Second,
            sign: SignOff::Recheck,
        },
    );
    assert_eq!(err_code(r), "w4.ending_conflict");
    let ending = case(&a).live_endings()[0].id.clone();
    // Confirming the ending is refused: the post is filled.
    assert_eq!(
        b.refused(
            Role::Recorder,
            d(2026, 4, 14),
            revise(vec![ending.clone()], Some(Ending::Withdrawn), "确认退出")
        ),
        "w4.end_after_appointment"
    );
    // Withdrawing it: the appointment stands and the case goes on to probation.
    a.ok(
        Role::Recorder,
        d(2026, 4, 14),
        revise(
            vec![ending],
            None,
            "人选未退出，已于4月13日任职，终止记录有误",
        ),
    );
    let view = case_view(a.state(), CASE, d(2026, 4, 14)).unwrap();
    assert!(view.ended.is_none() && view.reviews.is_empty(), "{view:?}");
    assert_eq!(view.current, Some(Step::Probation));
}

#[test]
fn an_ending_is_confirmed_corrected_or_withdrawn_by_a_new_ending_naming_it() {
    use jishi::domain::cadre_selection::Ending;
    // Ended on phone B while phone A recorded a complaint: confirmed having seen it.
    let mut a = in_publicity();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let complaint = StepRecord::Complaint {
        on: d(2026, 4, 3),
        cadre: A.into(),
        complainant: "群众来信".into(),
        content: "反映其违规收受礼金".into(),
    };
    recorder(&mut a, d(2026, 4, 3), complaint);
    b.ok(
        Role::Recorder,
        d(2026, 4, 3),
        Command::EndCase {
            case: CASE.into(),
            on: d(2026, 4, 3),
            ending: Ending::Withdrawn,
            reason: "本人书面申请退出".into(),
        },
    );
    b.send_to(&mut a);
    let view = case_view(a.state(), CASE, d(2026, 4, 14)).unwrap();
    assert!(view.reviews.iter().any(|m| m.code == "w4.ending_conflict"));
    let ending = case(&a).live_endings()[0].id.clone();
    a.ok(
        Role::Recorder,
        d(2026, 4, 14),
        revise(
            vec![ending],
            Some(Ending::Withdrawn),
            "举报收到后本人仍申请退出，确认终止",
        ),
    );
    let view = case_view(a.state(), CASE, d(2026, 4, 14)).unwrap();
    assert!(view.reviews.is_empty() && view.ended.is_some());
    // A mistaken ending is withdrawn and the case goes on; a reason is required.
    let mut dev = through_nomination();
    dev.ok(
        Role::Recorder,
        d(2026, 3, 10),
        Command::EndCase {
            case: CASE.into(),
            on: d(2026, 3, 10),
            ending: Ending::Withdrawn,
            reason: "误操作".into(),
        },
    );
    assert_eq!(
        refused(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12))),
        "w4.case_ended"
    );
    let ending = case(&dev).live_endings()[0].id.clone();
    assert_eq!(
        dev.refused(
            Role::Recorder,
            d(2026, 3, 12),
            revise(vec![ending.clone()], None, " ")
        ),
        "w4.required"
    );
    let mut withdraw = revise(vec![ending], None, "终止系误操作，事项继续");
    if let Command::ReviseEnding { on, .. } = &mut withdraw {
        *on = d(2026, 3, 12);
    }
    dev.ok(Role::Recorder, d(2026, 3, 12), withdraw);
    assert!(case(&dev).ended().is_none());
    recorder(&mut dev, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    // Two endings recorded on two phones are a conflict too.
    let mut a = through_nomination();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    for (dev, ending, why) in [
        (&mut a, Ending::Withdrawn, "本人退出"),
        (&mut b, Ending::Withdrawn, "单位不同意"),
    ] {
        dev.ok(
            Role::Recorder,
            d(2026, 3, 10),
            Command::EndCase {
                case: CASE.into(),
                on: d(2026, 3, 10),
                ending,
                reason: why.into(),
            },
        );
    }
    b.send_to(&mut a);
    assert!(case(&a).ending_conflict().is_some());
}

#[test]
fn the_quota_counts_a_former_holder_appointed_again() {
    // 王建军 held the post 2012–2014; case 1 appoints him to it again. Case 2 then
    // finds the post full (巴特尔 + 王建军 = 2 of 2).
    let mut dev = in_publicity();
    let mut wjj = profile("王建军", d(2020, 3, 1), &good());
    wjj.positions
        .push(jishi::domain::cadre_selection::Position {
            unit: "格日朝鲁苏木".into(),
            title: "副苏木达".into(),
            post: POST.into(),
            start: d(2012, 1, 1),
            end: Some(d(2014, 12, 31)),
        });
    let seen = cadre_versions(&dev, A);
    dev.ok(
        Role::Admin,
        d(2026, 4, 2),
        Command::RecordCadre {
            cadre: A.into(),
            profile: wjj,
            supersedes: seen,
        },
    );
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    let case2 = "case-2026-02";
    dev.ok(
        Role::Recorder,
        d(2026, 4, 20),
        Command::OpenCase {
            case: case2.into(),
            title: "副苏木达（第二批）".into(),
            posts: vec![POST.into()],
            on: d(2026, 4, 20),
        },
    );
    assert_eq!(
        dev.state()
            .cadre_selection
            .seats_taken(POST, d(2026, 4, 20), case2, ""),
        2
    );
    let r = dev.run(
        Role::Recorder,
        d(2026, 4, 20),
        Command::Record {
            case: case2.into(),
            record: StepRecord::Qualification {
                on: d(2026, 4, 20),
                conditions: "符合".into(),
            },
        },
    );
    assert_eq!(err_code(r), "w4.quota");
}

#[test]
fn appointments_from_two_phones_over_the_quota_are_flagged_on_the_post_and_the_cases() {
    let mut dev = in_publicity();
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    // Case 2 on another phone appointed 李红梅 to the same post the same day.
    let case2 = "case-2026-02";
    let opened = EventBody::CadreSelection(CadreSelectionEvent::CaseOpened {
        case: case2.into(),
        title: "副苏木达另案".into(),
        posts: vec![POST.into()],
        opened_on: d(2026, 3, 2),
    });
    arrive(
        &mut dev,
        "other-open",
        opened,
        Role::Recorder,
        d(2026, 3, 2),
    );
    let appointed = EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
        case: case2.into(),
        record: StepRecord::Appointment {
            on: d(2026, 4, 13),
            post: POST.into(),
            cadre: B.into(),
            document: "扎党任〔2026〕14 号".into(),
        }
        .into(),
        supersedes: vec![],
        reason: String::new(),
    });
    arrive(
        &mut dev,
        "other-appoint",
        appointed,
        Role::Recorder,
        d(2026, 4, 13),
    );
    let on = d(2026, 4, 14);
    assert_eq!(
        dev.state().cadre_selection.over_quota(POST, on),
        Some((3, 2))
    );
    for id in [CASE, case2] {
        let view = case_view(dev.state(), id, on).unwrap();
        let m = view
            .reviews
            .iter()
            .find(|m| m.code == "w4.over_quota")
            .unwrap_or_else(|| panic!("{id} is flagged"));
        assert!(m.zh.contains("格日朝鲁苏木副苏木达") && m.zh.contains("现有 3 名"));
        assert!(!m.zh.contains(POST));
        // The appointment step of each case shows it as needing review.
        let step = &view.steps[Step::Appointment.index()];
        assert!(!step.complete && step.reasons.iter().any(|m| m.code == "w4.over_quota"));
    }
    // The list of cases counts every post's seats once, with the same outcome.
    let w4 = &dev.state().cadre_selection;
    let reviews = w4.over_quota_reviews(on);
    assert_eq!(reviews.keys().collect::<Vec<_>>(), vec![POST]);
    assert_eq!(
        Some(&reviews[POST]),
        w4.over_quota_review(POST, on).as_ref()
    );
    let seats = w4.seats_on(on);
    assert_eq!(seats[POST].len() as u64, w4.seats_taken(POST, on, "", ""));
    for id in [CASE, case2] {
        let listed = case_view_with(dev.state(), id, on, &|p| reviews.get(p).cloned());
        assert_eq!(listed, case_view(dev.state(), id, on));
        // The list's summary says what the case view says.
        let summary = case_summary(dev.state(), id, on, &|p| reviews.get(p).cloned()).unwrap();
        let view = listed.unwrap();
        assert_eq!(
            (summary.current, summary.rates, summary.ended),
            (view.current, view.rates, view.ended)
        );
    }
    // The record of case 1 cannot be signed for 二次提交 until a person settles it.
    let r = dev.run_as(
        RECHECKER,
        Role::Reviewer,
        on,
        Command::Sign {
            case: CASE.into(),
            node: Submission::Second,
            sign: SignOff::Recheck,
        },
    );
    assert_eq!(err_code(r), "w4.over_quota");
    // Settled: 巴特尔's profile records that he left the post.
    let mut holder = cadres().into_iter().find(|c| c.0 == HOLDER).unwrap().1;
    holder.positions.last_mut().unwrap().end = Some(d(2026, 4, 13));
    let seen = cadre_versions(&dev, HOLDER);
    dev.ok(
        Role::Admin,
        on,
        Command::RecordCadre {
            cadre: HOLDER.into(),
            profile: holder,
            supersedes: seen,
        },
    );
    assert_eq!(dev.state().cadre_selection.over_quota(POST, on), None);
    assert!(case_view(dev.state(), CASE, on).unwrap().reviews.is_empty());
    assert!(dev
        .state()
        .cadre_selection
        .over_quota_reviews(on)
        .is_empty());
}

#[test]
fn two_first_disclosures_from_two_phones_are_a_conflict_a_correction_settles() {
    let mut a = through_inspection();
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let disclose = |start, pay: &str| {
        let mut m = matters();
        m.pay = pay.into();
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start,
            matters: m,
        }
    };
    a.ok(
        Role::Recorder,
        d(2026, 3, 13),
        disclose(d(2026, 3, 13), "年工资收入 9.6 万元"),
    );
    b.ok(
        Role::Recorder,
        d(2026, 3, 16),
        disclose(d(2026, 3, 16), "年工资收入 19.6 万元"),
    );
    b.send_to(&mut a);
    let view = case_view(a.state(), CASE, d(2026, 3, 20)).unwrap();
    assert_eq!(view.disclosure_conflicts.len(), 1);
    assert_eq!(view.disclosure_conflicts[0].len(), 2);
    let m = view
        .reviews
        .iter()
        .find(|m| m.code == "w4.disclosure_conflict")
        .expect("flagged");
    assert!(m.zh.contains("王建军"));
    // The vote waits for it.
    recorder(&mut a, d(2026, 3, 25), deliberation(A, d(2026, 3, 25)));
    for check in CheckKind::ALL {
        let r = StepRecord::Check {
            on: d(2026, 3, 26),
            cadre: A.into(),
            check,
            passed: true,
            note: "经核，无问题".into(),
        };
        recorder(&mut a, d(2026, 3, 26), r);
    }
    for body in ["纪委监委", "检察院", "综治办"] {
        let r = StepRecord::Opinion {
            on: d(2026, 3, 27),
            cadre: A.into(),
            body: body.into(),
            answer: "无不良反映".into(),
        };
        recorder(&mut a, d(2026, 3, 27), r);
    }
    assert_eq!(
        refused(&mut a, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1)),
        "w4.disclosure_conflict"
    );
    // A correction naming both, keeping the earlier start, settles it.
    let both: Vec<String> = view.disclosure_conflicts[0]
        .iter()
        .map(|x| x.id.clone())
        .collect();
    let mut m = matters();
    m.pay = "年工资收入 9.6 万元".into();
    let fix = Command::CorrectDisclosure {
        case: CASE.into(),
        supersedes: both,
        cadre: A.into(),
        round: Round::First,
        start: d(2026, 3, 13),
        matters: m,
        reason: "两部手机各记一份，经核工资为 9.6 万元".into(),
    };
    a.ok(Role::Recorder, d(2026, 4, 1), fix);
    let views = disclosures_for(a.state(), CASE, Role::Recorder);
    assert_eq!(views.len(), 1);
    assert_eq!(
        views[0].content.as_ref().unwrap().0.pay,
        "年工资收入 9.6 万元"
    );
    assert!(case_view(a.state(), CASE, d(2026, 4, 1))
        .unwrap()
        .reviews
        .is_empty());
    recorder(&mut a, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1));
}

#[test]
fn a_disclosure_recorded_after_sign_off_makes_the_signatures_over_it_stale() {
    let mut dev = both_nodes_signed();
    assert_eq!(case(&dev).signed(Submission::Second).len(), 5);
    disclose_second_round(&mut dev);
    // The 纪实表 prints the disclosure: the second node's signatures never saw it.
    let c = case(&dev);
    assert!(c.signed(Submission::Second).is_empty());
    assert_eq!(c.stale_signatures(Submission::Second).len(), 5);
    // The first node covers the first disclosure only: its signatures stand.
    assert_eq!(c.signed(Submission::Initial).len(), 5);
    // A corrected disclosure voids them again; the chain signed again is submitted.
    sign_all(&mut dev, Submission::Second, d(2026, 4, 21));
    let second = disclosures_for(dev.state(), CASE, Role::Recorder)
        .into_iter()
        .find(|x| x.round == Round::Second)
        .unwrap()
        .id;
    let mut m = matters();
    m.property = "住房 2 套".into();
    dev.ok(
        Role::Recorder,
        d(2026, 4, 21),
        Command::CorrectDisclosure {
            case: CASE.into(),
            supersedes: vec![second],
            cadre: A.into(),
            round: Round::Second,
            start: d(2026, 4, 20),
            matters: m,
            reason: "漏报房产".into(),
        },
    );
    assert!(case(&dev).signed(Submission::Second).is_empty());
    sign_all(&mut dev, Submission::Second, d(2026, 4, 22));
    dev.ok(
        Role::Approver,
        d(2026, 4, 22),
        submit(Submission::Initial, d(2026, 4, 22)),
    );
    dev.ok(
        Role::Approver,
        d(2026, 4, 22),
        submit(Submission::Second, d(2026, 4, 22)),
    );
}

#[test]
fn received_records_with_impossible_counts_or_scores_above_the_maximum_are_not_used() {
    // A vote with 27 votes cast by 9 present, sealed elsewhere and arriving by sync.
    let mut dev = through_consultation();
    let mut forged = vote(d(2026, 4, 1), 11, 9, 9, 9, 9);
    if let StepRecord::Vote { passed, .. } = &mut forged {
        *passed = true;
    }
    let body = EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
        case: CASE.into(),
        record: forged.into(),
        supersedes: vec![],
        reason: String::new(),
    });
    arrive(&mut dev, "forged-vote", body, Role::Recorder, d(2026, 4, 1));
    let c = case(&dev);
    assert!(c.decided().is_empty(), "not used for the decision");
    let view = case_view(dev.state(), CASE, d(2026, 4, 1)).unwrap();
    let step = &view.steps[Step::Decision.index()];
    assert!(!step.complete);
    assert!(step.reasons.iter().any(|m| m.code == "w4.invalid_counts"));
    assert_eq!(step.unusable.len(), 1);
    assert_eq!(step.unusable[0].0, "forged-vote");
    let open = StepRecord::PublicityOpened {
        on: d(2026, 4, 2),
        end: d(2026, 4, 2),
        channel: "公示栏".into(),
    };
    assert_ne!(refused(&mut dev, d(2026, 4, 2), open), "");
    // Inspection scores above the policy's maximum (100).
    let mut dev = through_inspection();
    let old = case(&dev)
        .live()
        .iter()
        .find(|e| matches!(&*e.record, StepRecord::Inspection { cadre, .. } if cadre == B))
        .unwrap()
        .id
        .clone();
    let body = EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
        case: CASE.into(),
        record: inspection(B, 101).into(),
        supersedes: vec![old],
        reason: "改分".into(),
    });
    arrive(
        &mut dev,
        "forged-scores",
        body,
        Role::Recorder,
        d(2026, 3, 21),
    );
    let view = case_view(dev.state(), CASE, d(2026, 3, 21)).unwrap();
    let step = &view.steps[Step::Inspection.index()];
    assert!(!step.complete);
    let m = step
        .reasons
        .iter()
        .find(|m| m.code == "w4.invalid_scores")
        .expect("shown with the reason");
    assert!(m.zh.contains("100") && m.en.contains("100"));
    assert_eq!(
        refused(&mut dev, d(2026, 3, 25), deliberation(A, d(2026, 3, 25))),
        "w4.invalid_scores"
    );
}

/// Whether `text` holds Chinese characters once the data it quotes (names, posts,
/// bodies consulted, dates) is taken out.
fn has_chinese(text: &str) -> bool {
    let mut t = text.to_string();
    for (_, p) in cadres() {
        t = t.replace(&p.name, "");
    }
    for data in [
        "格日朝鲁苏木副苏木达",
        "纪委监委",
        "检察院",
        "综治办",
        "@phone",
    ] {
        t = t.replace(data, "");
    }
    t.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "「」：，。（）".contains(c))
}

#[test]
fn every_reason_reads_wholly_in_the_chosen_language() {
    // Reasons of every step at several points of a case.
    let mut states = vec![setup(), through_nomination()];
    let mut partial = through_nomination();
    recorder(&mut partial, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    states.push(partial);
    let mut deliberated = through_inspection();
    recorder(
        &mut deliberated,
        d(2026, 3, 25),
        deliberation(A, d(2026, 3, 25)),
    );
    states.push(deliberated);
    states.push(through_decision());
    let mut reasons = Vec::new();
    for dev in &states {
        let view = case_view(dev.state(), CASE, d(2026, 4, 2)).unwrap();
        reasons.extend(view.steps.iter().flat_map(|s| s.reasons.clone()));
    }
    assert!(reasons.len() > 20, "{}", reasons.len());
    for m in &reasons {
        assert!(!has_chinese(&m.en), "English with Chinese: {}", m.en);
        assert!(has_chinese(&m.zh), "Chinese without Chinese: {}", m.zh);
    }
    // Labels of lines, nodes, grades, checks.
    for line in SignOff::CHAIN {
        assert!(!has_chinese(line.label_in(false)) && has_chinese(line.label_in(true)));
    }
    for node in [Submission::Initial, Submission::Second] {
        assert!(!has_chinese(node.label_in(false)) && has_chinese(node.label_in(true)));
    }
    for check in CheckKind::ALL {
        assert!(!has_chinese(check.label_in(false)) && has_chinese(check.label_in(true)));
    }
    // Messages name things as people do, never as Rust types.
    let grade = cadres().into_iter().find(|c| c.0 == GRADE).unwrap().1;
    let bars = jishi::domain::cadre_selection::exclusions(
        &grade,
        &grade.grades,
        None,
        d(2026, 3, 12),
        &Policy::default().cadre_selection,
    );
    assert_eq!(
        bars[0].reason(false),
        "annual grade 2024 was Basically competent"
    );
    assert_eq!(bars[0].reason(true), "2024 年度考核为基本称职");
    let mut dev = through_decision();
    sign(
        &mut dev,
        RECHECKER,
        Role::Reviewer,
        Submission::Initial,
        SignOff::Recheck,
        d(2026, 4, 2),
    );
    let v = violation(dev.run_as(
        CADRE_CHIEF,
        Role::CadreChief,
        d(2026, 4, 2),
        Command::Sign {
            case: CASE.into(),
            node: Submission::Initial,
            sign: SignOff::CadreSectionChief,
        },
    ));
    assert_eq!(
        v.en,
        "The Recorder line must be signed before the Cadre section chief line"
    );
    let v = violation(dev.run(
        Role::Approver,
        d(2026, 4, 2),
        submit(Submission::Initial, d(2026, 4, 2)),
    ));
    assert!(
        !has_chinese(&v.en) && !v.en.contains("Recorder has"),
        "{}",
        v.en
    );
    let mut deliberated = through_inspection();
    recorder(
        &mut deliberated,
        d(2026, 3, 25),
        deliberation(A, d(2026, 3, 25)),
    );
    let failed = StepRecord::Check {
        on: d(2026, 3, 26),
        cadre: A.into(),
        check: CheckKind::Quota,
        passed: false,
        note: "超职数".into(),
    };
    recorder(&mut deliberated, d(2026, 3, 26), failed);
    let view = case_view(deliberated.state(), CASE, d(2026, 3, 26)).unwrap();
    let reasons = &view.steps[Step::Deliberation.index()].reasons;
    assert!(reasons
        .iter()
        .any(|m| m.en == "王建军 failed the quota check"));
}

#[test]
fn reasons_name_cadres_and_posts_as_people_read_them_never_by_generated_id() {
    let ids = [
        A, B, GRADE, NAKED, SANCTION, CANVASS, LOW, OLD_GRADE, HOLDER, POST,
    ];
    let mut deliberated = through_inspection();
    recorder(
        &mut deliberated,
        d(2026, 3, 25),
        deliberation(A, d(2026, 3, 25)),
    );
    let mut one_target = through_nomination();
    recorder(&mut one_target, d(2026, 3, 12), target(A, d(2026, 3, 12)));
    for dev in [&deliberated, &one_target, &through_consultation()] {
        let view = case_view(dev.state(), CASE, d(2026, 4, 2)).unwrap();
        for m in view.steps.iter().flat_map(|s| s.reasons.iter()) {
            for id in ids {
                assert!(!m.zh.contains(id) && !m.en.contains(id), "{m:?}");
            }
        }
    }
    let view = case_view(deliberated.state(), CASE, d(2026, 3, 25)).unwrap();
    let zh: Vec<&str> = view.steps[Step::Deliberation.index()]
        .reasons
        .iter()
        .map(|m| m.zh.as_str())
        .collect();
    assert!(zh.contains(&"王建军 尚未记录凡提必审（职数）"), "{zh:?}");
    let view = case_view(one_target.state(), CASE, d(2026, 3, 12)).unwrap();
    assert!(view.steps[Step::Inspection.index()].reasons[0]
        .zh
        .starts_with("职位“格日朝鲁苏木副苏木达”须差额考察"));
    // The decider's messages too.
    let check = StepRecord::Check {
        on: d(2026, 3, 26),
        cadre: B.into(),
        check: CheckKind::File,
        passed: true,
        note: "无问题".into(),
    };
    let v = violation(deliberated.run(Role::Recorder, d(2026, 3, 26), rec(check)));
    assert_eq!(v.zh, "李红梅 不是酝酿确定的拟任人选");
    assert_eq!(v.en, "李红梅 is not a proposed appointee");
    let mut consulted = through_inspection();
    recorder(
        &mut consulted,
        d(2026, 3, 25),
        deliberation(A, d(2026, 3, 25)),
    );
    let opinion = StepRecord::Opinion {
        on: d(2026, 3, 27),
        cadre: A.into(),
        body: "纪委监委".into(),
        answer: "无".into(),
    };
    let v = violation(consulted.run(Role::Recorder, d(2026, 3, 27), rec(opinion)));
    assert!(v.zh.contains("王建军 尚未记录凡提必审（职数）"), "{}", v.zh);
}

#[test]
fn a_signature_that_may_not_stand_withdraws_no_one() {
    // The re-checker signs; the recorder then crafts a re-check of their own (which
    // does not count) naming the re-checker's signature as replaced, and a recorder's
    // line naming it too (another line): the re-check still stands.
    let node = Submission::Initial;
    let on = d(2026, 4, 2);
    let mut dev = through_decision();
    sign(
        &mut dev,
        RECHECKER,
        Role::Reviewer,
        node,
        SignOff::Recheck,
        on,
    );
    let c = case(&dev);
    let theirs = c.signed(node)[&SignOff::Recheck].id.clone();
    for (id, sign) in [
        ("own-recheck", SignOff::Recheck),
        ("other-line", SignOff::Recorder),
    ] {
        let c = case(&dev);
        let e = jishi::domain::event::Event::seal(
            EventBody::CadreSelection(CadreSelectionEvent::Signed {
                case: CASE.into(),
                node,
                sign,
                signer: RECORDER.into(),
                on,
                over: c.digest(node),
                annex: c.annex_digest(node),
                supersedes: vec![theirs.clone()],
            }),
            jishi::domain::event::Stamp {
                id: id.into(),
                author: RECORDER.into(),
                role: Role::Recorder,
                device: "phone-other".into(),
                recorded_at: beijing_ms(on) + 3_600_000,
                parents: vec![],
            },
        );
        assert_eq!(dev.ledger.receive(vec![e]).unwrap().added, 1);
    }
    let c = case(&dev);
    let states = c.signature_states(node);
    assert_eq!(c.signed(node)[&SignOff::Recheck].id, theirs, "{states:?}");
    assert!(states.iter().any(|(s, st)| s.id == "own-recheck"
        && *st == jishi::domain::cadre_selection::SignatureState::ByRecorder));
}

#[test]
fn a_case_with_no_records_shows_a_fill_rate_of_0_not_100() {
    let dev = setup();
    let r = rates(case(&dev), &Policy::default());
    assert_eq!(r.fill_bp(), 0, "{r:?}");
    assert_eq!(r.completeness_bp(), 0);
}

#[test]
fn a_missing_opinion_reads_in_english_with_the_default_bodies_named_in_english() {
    let mut dev = through_inspection();
    dev.ok(
        Role::Recorder,
        d(2026, 3, 13),
        Command::Disclose {
            case: CASE.into(),
            cadre: A.into(),
            round: Round::First,
            start: d(2026, 3, 13),
            matters: matters(),
        },
    );
    recorder(&mut dev, d(2026, 3, 25), deliberation(A, d(2026, 3, 25)));
    for check in CheckKind::ALL {
        recorder(
            &mut dev,
            d(2026, 3, 26),
            StepRecord::Check {
                on: d(2026, 3, 26),
                cadre: A.into(),
                check,
                passed: true,
                note: "经核，无问题".into(),
            },
        );
    }
    recorder(
        &mut dev,
        d(2026, 3, 27),
        StepRecord::Opinion {
            on: d(2026, 3, 27),
            cadre: A.into(),
            body: "纪委监委".into(),
            answer: "无不良反映".into(),
        },
    );
    let view = case_view(dev.state(), CASE, d(2026, 3, 27)).unwrap();
    let step = view
        .steps
        .iter()
        .find(|s| s.step == Step::Consultation)
        .unwrap();
    let en: Vec<&str> = step.reasons.iter().map(|m| m.en.as_str()).collect();
    assert_eq!(
        en,
        [
            "No opinion of the procuratorate on 王建军 recorded",
            "No opinion of the public security coordination office on 王建军 recorded",
        ]
    );
    let zh: Vec<&str> = step.reasons.iter().map(|m| m.zh.as_str()).collect();
    assert_eq!(
        zh,
        [
            "尚未记录检察院对 王建军 的意见",
            "尚未记录综治办对 王建军 的意见"
        ]
    );
}

#[test]
fn a_later_years_list_keeps_an_ended_case_with_a_conflict_to_settle_or_a_submission_overdue() {
    use jishi::domain::cadre_selection::screens::case_list;
    use jishi::domain::screen::Block;
    // What the list shows of the case: listed, or folded under a year.
    let shown = |dev: &Device, today| {
        let screen = case_list(dev.state(), Some(Role::Recorder), today, true);
        let blocks: Vec<Block> = screen.into_iter().flat_map(|c| c.blocks).collect();
        let listed = blocks
            .iter()
            .any(|b| matches!(b, Block::Items(l) if l.testid == "cases" && !l.items.is_empty()));
        let folded = blocks.iter().any(|b| matches!(b, Block::Folded { .. }));
        (listed, folded)
    };
    let next_year = d(2027, 1, 5);
    // Ended on one phone while the other recorded the appointment: to be settled.
    let (a, _) = ended_while_appointed();
    let view = case_view(a.state(), CASE, next_year).unwrap();
    assert!(view.ended.is_some() && !view.reviews.is_empty());
    assert_eq!(
        shown(&a, next_year),
        (true, false),
        "listed while there is a conflict"
    );
    // Ended with nothing to settle but its 初次提交 overdue (the home page's to-do
    // links to it): still listed.
    let mut b = in_publicity();
    withdraw_on_4_13(&mut b);
    let view = case_view(b.state(), CASE, next_year).unwrap();
    assert!(view.ended.is_some() && view.reviews.is_empty() && view.initial_overdue);
    assert_eq!(shown(&b, next_year), (true, false));
}
