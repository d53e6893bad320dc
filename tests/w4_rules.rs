#![cfg(not(target_arch = "wasm32"))]
//! W4 干部选拔任用工作全程纪实 and W4b disclosures (DOMAIN.md W4, seeds 003, 001, 004,
//! 000, 002 开鲁): every gate and rule with DOMAIN.md's numbers, driven through
//! `Ledger::record` the way the app does.

mod common;

use std::collections::BTreeMap;

use common::cadre::*;
use common::*;
use jishi::domain::event::Role;
use jishi::domain::policy::{MajorityOf, Policy};
use jishi::domain::state::State;
use jishi::domain::w1;
use jishi::domain::w4::{
    case_view, disclosures_for, overall_rates, overdue_submissions, ranking, rates, sanling,
    CheckKind, Command, Finding, NominatorKind, RecommendationKind, Round, SignOff, Step,
    StepRecord, Submission,
};
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
    // Probation: one year from 2026-04-13.
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
        supersedes: old.clone(),
        record: corrected.clone(),
        reason: " ".into(),
    };
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 3, 12), no_reason),
        "w4.required"
    );
    let wrong_form = Command::Correct {
        case: CASE.into(),
        supersedes: old.clone(),
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
            supersedes: old.clone(),
            record: corrected.clone(),
            reason: "动议理由表述不准确".into(),
        },
    );
    assert!(
        matches!(&events[0].body, EventBody::W4StepRecorded { supersedes, .. } if supersedes == &vec![old.clone()])
    );
    let c = case(&dev);
    assert_eq!(c.records(Step::Initiation).len(), 1);
    assert_eq!(c.records(Step::Initiation)[0].record, corrected);
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
    let p = dev.state().w4.cadre(OLD_GRADE).unwrap().clone();
    let bars = jishi::domain::w4::exclusions(&p, None, d(2025, 3, 1), &Policy::default().w4);
    assert_eq!(bars.len(), 1);
    // Once the sanction's effect ends, the cadre is no longer barred by it.
    let p = dev.state().w4.cadre(SANCTION).unwrap().clone();
    assert!(
        jishi::domain::w4::exclusions(&p, None, d(2027, 1, 1), &Policy::default().w4).is_empty()
    );
    // Someone never nominated cannot be a target.
    assert_eq!(
        refused(&mut dev, on, target(HOLDER, on)),
        "w4.not_nominated"
    );
    // A spouse who emigrated bars too (裸官), even with children at home.
    let mut spouse = profile("测试", d(2020, 1, 1), &good());
    spouse.flags.spouse_emigrated = true;
    assert!(!jishi::domain::w4::exclusions(&spouse, None, on, &Policy::default().w4).is_empty());
    // A low-recognition share from policy: at 20% the 8/40 candidate passes.
    let mut policy = Policy::default();
    policy.w4.low_recognition_pct = 20;
    let p = dev.state().w4.cadre(LOW).unwrap().clone();
    assert!(jishi::domain::w4::exclusions(&p, Some((8, 40)), on, &policy.w4).is_empty());
    assert!(!jishi::domain::w4::exclusions(&p, Some((7, 40)), on, &policy.w4).is_empty());
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
    policy.w4.targets_per_post = 3;
    dev.ok(
        Role::Admin,
        d(2026, 3, 21),
        w1::Command::ChangePolicy {
            effective_from: d(2026, 3, 21),
            policy,
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
    recorder(
        &mut dev,
        d(2026, 3, 27),
        StepRecord::Check {
            on: d(2026, 3, 27),
            cadre: A.into(),
            check: CheckKind::Integrity,
            passed: true,
            note: "线索经核不属实".into(),
        },
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
        EventBody::W4StepRecorded {
            record: StepRecord::Vote { passed: false, .. },
            ..
        }
    ));
    // Exactly half (5 of 10 members) is not more than half.
    let events = recorder(&mut dev, on, vote(on, 10, 8, 5, 3, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::W4StepRecorded {
            record: StepRecord::Vote { passed: false, .. },
            ..
        }
    ));
    assert!(!case(&dev).complete(Step::Decision, &Policy::default().w4));
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
    let events = recorder(&mut dev, on, vote(on, 11, 7, 6, 1, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::W4StepRecorded {
            record: StepRecord::Vote { passed: true, .. },
            ..
        }
    ));
    assert_eq!(case(&dev).decision_date(), Some(on));
    // By policy, a majority of those present.
    let mut dev = through_consultation();
    let mut policy = Policy::default();
    policy.w4.majority_of = MajorityOf::Present;
    dev.ok(
        Role::Admin,
        d(2026, 3, 30),
        w1::Command::ChangePolicy {
            effective_from: d(2026, 3, 30),
            policy,
        },
    );
    let events = recorder(&mut dev, on, vote(on, 11, 6, 5, 1, 0));
    assert!(matches!(
        &events[0].body,
        EventBody::W4StepRecorded {
            record: StepRecord::Vote { passed: true, .. },
            ..
        }
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
            Role::Reviewer,
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
            Role::Reviewer,
            SignOff::SupervisionSectionChief
        ),
        "w4.sign_order"
    );
    sign(
        &mut dev,
        CADRE_CHIEF,
        Role::Reviewer,
        node,
        SignOff::CadreSectionChief,
        on,
    );
    // The same chief cannot sign for both sections.
    assert_eq!(
        attempt(
            &mut dev,
            CADRE_CHIEF,
            Role::Reviewer,
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
        Role::Reviewer,
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
                profile: bad
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
        dev.ok(
            Role::Admin,
            d(2026, 4, 4),
            Command::RecordCadre {
                cadre: A.into(),
                profile: p,
            },
        );
    }
    let events = dev.events();
    let reference = State::fold(&events);
    assert_eq!(reference.w4.cadre(A).unwrap().education, "在职研究生");
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
        assert_eq!(arrived.w4, reference.w4, "arrival order {round}");
        assert_eq!(case_view(&folded, CASE, d(2026, 4, 20)), view);
    }
}
