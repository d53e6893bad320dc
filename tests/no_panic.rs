#![cfg(not(target_arch = "wasm32"))]
//! No record can take the app down (DESIGN.md principle 5): arbitrary hash-valid
//! events — extreme dates, huge numbers, empty and 10 KB strings, unknown and hostile
//! ids, every kind — go through the paths a phone uses (receive, fold, re-open) and
//! every projection the screens show, and nothing panics.
//!
//! A failure prints the seed; re-run it with `JISHI_SEED=<seed> cargo test --test
//! no_panic`; `JISHI_NO_PANIC_CASES` sets how many random logs are tried (default 300).

use jishi::domain::career_pay::{self, CareerPayEvent};
use jishi::domain::village_heads::{self, VillageHeadsEvent};
use jishi::domain::workflows::{CadreSelectionEvent, MasterEvent, VillagePayEvent};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{Datelike, NaiveDate};
use jishi::domain::cadre_selection::{self, *};
use jishi::domain::calendar::{missing_years, WorkCalendar, YearSchedule};
use jishi::domain::event::{Event, EventBody, Role, Stamp};
use jishi::domain::policy::{GradingRule, MissingQuarter, PayBand, Policy};
use jishi::domain::state::State;
use jishi::domain::village_pay::{self, Indicator, Outcome, Period, VillageResult};
use jishi::store::{Ledger, MemoryStore};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 0
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn date(&mut self) -> NaiveDate {
        match self.below(8) {
            0 => NaiveDate::MIN,
            1 => NaiveDate::MAX,
            2 => NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            3 => NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            4 => NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
            _ => {
                NaiveDate::from_ymd_opt(2020 + self.below(10) as i32, 1, 1).unwrap()
                    + chrono::Duration::days(self.below(366) as i64)
            }
        }
    }
    fn num(&mut self) -> u32 {
        match self.below(6) {
            0 => 0,
            1 => u32::MAX,
            2 => u32::MAX / 2 + 1,
            3 => self.next() as u32,
            _ => self.below(200) as u32,
        }
    }
    fn year(&mut self) -> i32 {
        self.pick(&[i32::MIN, -1, 0, 2025, 2026, 2026, 2027, 262_143, i32::MAX])
    }
    fn text(&mut self) -> String {
        match self.below(6) {
            0 => String::new(),
            1 => "长".repeat(3_500),
            2 => "<img src=x onerror=alert(1)>' \" &".into(),
            3 => "工作需要".into(),
            _ => "乌兰哈达嘎查".into(),
        }
    }
    /// Mostly ids that connect to each other, sometimes unknown or hostile ones.
    fn id(&mut self, pool: &[&str]) -> String {
        match self.below(12) {
            0 => String::new(),
            1 => "k1' autofocus onfocus='alert(8)'".into(),
            2 => "x".repeat(300),
            3 => "unknown-1".into(),
            _ => self.pick(pool).to_string(),
        }
    }
    fn period(&mut self) -> Period {
        self.pick(&Period::ALL)
    }
    fn ids(&mut self, pool: &[&str]) -> Vec<String> {
        (0..self.below(4)).map(|_| self.id(pool)).collect()
    }
    fn scores(&mut self) -> BTreeMap<String, u32> {
        (0..self.below(4))
            .map(|_| (self.id(INDICATORS), self.num()))
            .collect()
    }
}

const TOWNSHIPS: &[&str] = &["t-1", "t-2"];
const VILLAGES: &[&str] = &["v-1", "v-2", "v-3"];
const INDICATORS: &[&str] = &["dj", "cy", "zl"];
const CADRES: &[&str] = &["c-1", "c-2", "c-3"];
const POSTS: &[&str] = &["p-1", "p-2"];
const CASES: &[&str] = &["case-1", "case-2"];
const TENURES: &[&str] = &["ht-1", "ht-2"];
const PEOPLE: &[&str] = &["hp-1", "hp-2"];
const APPLICATIONS: &[&str] = &["ca-1", "ca-2"];

fn chosen(r: &mut Rng) -> career_pay::Chosen {
    career_pay::Chosen {
        application: r.id(APPLICATIONS),
        person: r.id(PEOPLE),
        name: r.text(),
        village: r.id(VILLAGES),
        township: r.id(TOWNSHIPS),
    }
}

/// A policy: usually within bounds, sometimes absurd (those must be refused).
fn policy(r: &mut Rng) -> Policy {
    let mut p = Policy::default();
    if r.coin() {
        p.publicity_days = r.num();
        p.pay_excellent = r.num();
        p.quarterly_weight_pct = r.num();
        p.annual_weight_pct = r.num();
        p.warning_talk_days = r.num();
        p.rectification_days = r.num();
        p.cadre_selection.publicity_working_days = r.num();
        p.cadre_selection.disclosure_working_days = r.num();
        p.cadre_selection.probation_months = r.num();
        p.cadre_selection.recommendation_valid_months = r.num();
        p.cadre_selection.initial_submission_days = r.num();
        p.annual_assessment.superior_weight = r.num();
        p.annual_assessment.own_weight = r.num();
        p.annual_assessment.excellent_cap_pct = r.num();
        p.annual_assessment.warning_days = r.num();
        p.demotion_chain.bottom_places = r.num();
        p.demotion_chain.bottom_years = r.num();
        p.demotion_chain.talk_months = r.num();
        p.reserve_pool.top_up_years = r.num();
        p.reserve_pool.young_age_first = r.num();
        p.reserve_pool.young_pct = r.num();
        p.performance_record.text_max_chars = r.num();
        p.performance_record.days_back = r.num();
        p.performance_record.report_grace_days = r.num();
        p.performance_record.level_good = r.num();
        p.performance_record.level_bad = r.num();
        p.performance_record.indicator_sets = vec![
            r.text(),
            format!("{}：{}、{}", r.text(), r.text(), r.text()),
        ];
        p.rotation.years_in_post = r.num();
        p.rotation.exempt_age_men = r.num();
        p.rotation.exempt_age_women = r.num();
        p.rotation.secondment_notice_days = r.num();
        p.rotation.secondment_months = r.num();
        p.rotation.rotation_notice_days = r.num();
        p.rotation.overdue_after_days = r.num();
        p.audit_grading.tier_high_yuan = r.num();
        p.audit_grading.tier_low_yuan = r.num();
        p.audit_grading.fund_up_yuan = r.num();
        p.audit_grading.fund_audit_years = r.num();
        p.audit_grading.level1_pct = r.num();
        p.audit_grading.level1_years = r.num();
        p.audit_grading.level3_term_years = r.num();
        p.audit_grading.sample_min = r.num();
        p.audit_grading.decision_weight = r.num();
        p.audit_grading.raise_at = r.num();
        p.grading = if r.coin() {
            GradingRule::Shares {
                outstanding_pct: r.num(),
                notable_pct: r.num(),
            }
        } else {
            GradingRule::Thresholds {
                outstanding_min: r.num(),
                notable_min: r.num(),
            }
        };
        p.missing_quarter = r.pick(&[
            MissingQuarter::CountsAsZero,
            MissingQuarter::AverageOfAssessed,
        ]);
        p.base_pay_bands = (0..r.below(4))
            .map(|_| PayBand {
                min_population: r.num(),
                yuan: r.num(),
            })
            .collect();
        p.extra_calendar = vec![YearSchedule {
            year: r.year(),
            holidays: vec![r.date()],
            workdays: vec![r.date()],
        }];
    }
    p
}

fn step_record(r: &mut Rng) -> StepRecord {
    let on = r.date();
    match r.below(16) {
        0 => StepRecord::Qualification {
            on,
            conditions: r.text(),
        },
        1 => StepRecord::Initiation {
            on,
            proposer: r.text(),
            reason: r.text(),
            scope: r.text(),
            method: r.text(),
        },
        2 => StepRecord::Nomination {
            on,
            post: r.id(POSTS),
            cadre: r.id(CADRES),
            kind: r.pick(&[NominatorKind::Named, NominatorKind::Organization]),
            first_nominator: r.text(),
            reasons: r.text(),
            strengths: r.text(),
            weaknesses: r.text(),
            kinship: r.text(),
            signature: r.text(),
        },
        3 => StepRecord::Recommendation {
            on,
            post: r.id(POSTS),
            kind: RecommendationKind::Meeting,
            eligible: r.num(),
            participants: r.num(),
            votes: (0..r.below(4)).map(|_| (r.id(CADRES), r.num())).collect(),
        },
        4 => StepRecord::Target {
            on,
            post: r.id(POSTS),
            cadre: r.id(CADRES),
        },
        5 => StepRecord::Inspection {
            on,
            post: r.id(POSTS),
            cadre: r.id(CADRES),
            scores: Dimensions {
                character: r.num(),
                ability: r.num(),
                performance: r.num(),
                support: r.num(),
                potential: r.num(),
            },
            extended: r.coin(),
            conclusion: r.text(),
        },
        6 => StepRecord::Deliberation {
            on,
            proposed: (0..r.below(3))
                .map(|_| (r.id(POSTS), r.id(CADRES)))
                .collect(),
            participants: r.text(),
            opinion: r.text(),
        },
        7 => StepRecord::Check {
            on,
            cadre: r.id(CADRES),
            check: r.pick(&CheckKind::ALL),
            passed: r.coin(),
            note: r.text(),
        },
        8 => StepRecord::Opinion {
            on,
            cadre: r.id(CADRES),
            body: r.text(),
            answer: r.text(),
        },
        9 => StepRecord::Vote {
            on,
            meeting: r.text(),
            post: r.id(POSTS),
            cadre: r.id(CADRES),
            members: r.num(),
            present: r.num(),
            votes_for: r.num(),
            against: r.num(),
            abstain: r.num(),
            passed: r.coin(),
            minutes: r.text(),
        },
        10 => StepRecord::PublicityOpened {
            on,
            end: r.date(),
            channel: r.text(),
        },
        11 => StepRecord::Complaint {
            on,
            cadre: r.id(CADRES),
            complainant: r.text(),
            content: r.text(),
        },
        12 => StepRecord::ComplaintVerified {
            on,
            complaint: r.id(&["ev-1", "ev-2"]),
            finding: r.pick(&[Finding::Dismissed, Finding::Upheld]),
            note: r.text(),
        },
        13 => StepRecord::PublicityClosed {
            on,
            result: r.text(),
        },
        14 => StepRecord::Appointment {
            on,
            post: r.id(POSTS),
            cadre: r.id(CADRES),
            document: r.text(),
        },
        _ => StepRecord::ProbationEnded {
            on,
            cadre: r.id(CADRES),
            confirmed: r.coin(),
            note: r.text(),
        },
    }
}

fn profile(r: &mut Rng) -> CadreProfile {
    CadreProfile {
        name: r.text(),
        // 男/女 most often, so the age exemptions (轮岗) are reached; else hostile text.
        gender: match r.below(4) {
            0 => r.text(),
            1 => " 女 ".into(),
            2 => "女".into(),
            _ => "男".into(),
        },
        ethnicity: r.text(),
        birth: r.date(),
        party_join: r.coin().then(|| r.date()),
        work_start: r.date(),
        education: r.text(),
        identity: r.text(),
        positions: (0..r.below(3))
            .map(|_| Position {
                unit: r.text(),
                title: r.text(),
                post: if r.coin() { r.id(POSTS) } else { String::new() },
                start: r.date(),
                end: r.coin().then(|| r.date()),
            })
            .collect(),
        grades: (0..r.below(4))
            .map(|_| {
                let grade = r.pick(&[AnnualGrade::Excellent, AnnualGrade::BasicallyCompetent]);
                (r.year(), grade)
            })
            .collect(),
        flags: CadreFlags {
            has_spouse: r.coin(),
            spouse_emigrated: r.coin(),
            children: r.num(),
            children_emigrated: r.num(),
            sanction_until: r.coin().then(|| r.date()),
            canvassing: r.text(),
            other_bar: r.text(),
        },
    }
}

fn village_result(r: &mut Rng) -> VillageResult {
    VillageResult {
        village: r.id(VILLAGES),
        quarters: [Some(r.num()), None, Some(r.num()), None],
        annual: r.num(),
        composite: r.num(),
        rank: r.num(),
        team_grade: village_pay::TeamGrade::General,
        head_grade: village_pay::HeadGrade::Fail,
        population: r.num(),
        base_pay: r.num(),
        performance_pay: r.num(),
    }
}

fn body(r: &mut Rng) -> EventBody {
    let (village, year, period) = (r.id(VILLAGES), r.year(), r.period());
    match r.below(57) {
        0 => EventBody::Master(MasterEvent::TownshipRecorded {
            township: r.id(TOWNSHIPS),
            name: r.text(),
            supersedes: None,
        }),
        1 => EventBody::Master(MasterEvent::VillageRecorded {
            village,
            township: r.id(TOWNSHIPS),
            name: r.text(),
            population: r.num(),
            supersedes: None,
        }),
        2 => EventBody::Master(MasterEvent::HeadsRecorded {
            village,
            secretary: r.text(),
            director: r.text(),
            supersedes: None,
        }),
        3 => EventBody::Master(MasterEvent::PolicyChanged {
            effective_from: r.date(),
            policy: Box::new(policy(r)),
            supersedes: None,
        }),
        4 => EventBody::VillagePay(VillagePayEvent::IndicatorsPublished {
            township: r.id(TOWNSHIPS),
            year,
            version: r.num(),
            indicators: (0..r.below(4))
                .map(|_| Indicator {
                    id: r.id(INDICATORS),
                    name: r.text(),
                    max_halves: r.num(),
                    weight: r.coin().then(|| r.num()),
                })
                .collect(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
            reason: r.text(),
        }),
        5 => EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            village,
            year,
            period,
            indicator_version: r.num(),
            indicator_set: r.id(&["ev-1", "ev-2", ""]),
            scores: r.scores(),
            assessor: r.text(),
            assessed_on: r.date(),
            note: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
            reason: r.text(),
        }),
        6 => EventBody::VillagePay(VillagePayEvent::PublicityOpened {
            village,
            year,
            period,
            start: r.date(),
            versions: r.ids(&["ev-1", "ev-2"]),
            end: r.coin().then(|| r.date()),
        }),
        7 => EventBody::VillagePay(VillagePayEvent::ObjectionRaised {
            village,
            year,
            period,
            objector: r.text(),
            content: r.text(),
            raised_on: r.date(),
        }),
        8 => EventBody::VillagePay(VillagePayEvent::ObjectionResolved {
            village,
            year,
            period,
            objection: r.id(&["ev-1", "ev-2"]),
            outcome: if r.coin() {
                Outcome::Upheld {
                    indicator_set: r.id(&["ev-1", ""]),
                    scores: r.scores(),
                    supersedes: r.ids(&["ev-1"]),
                    note: r.text(),
                }
            } else {
                Outcome::Dismissed { reason: r.text() }
            },
            resolved_on: r.date(),
        }),
        9 => EventBody::VillagePay(VillagePayEvent::ConflictResolved {
            indicator_set: r.id(&["ev-1", ""]),
            village,
            year,
            period,
            scores: r.scores(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
            reason: r.text(),
        }),
        10 => EventBody::VillagePay(VillagePayEvent::ResultFinalized {
            village,
            year,
            period,
            finalized_on: r.date(),
            versions: r.ids(&["ev-1", "ev-2"]),
        }),
        11 => EventBody::VillagePay(VillagePayEvent::TownshipGraded {
            township: r.id(TOWNSHIPS),
            year,
            graded_on: r.date(),
            results: (0..r.below(3)).map(|_| village_result(r)).collect(),
            supersedes: r.ids(&["ev-1"]),
            reason: r.text(),
        }),
        12 => EventBody::VillagePay(VillagePayEvent::WarningTalkHeld {
            village,
            year,
            held_by: r.text(),
            held_on: r.date(),
            note: r.text(),
        }),
        13 => EventBody::VillagePay(VillagePayEvent::RectificationCompleted {
            village,
            year,
            completed_on: r.date(),
            note: r.text(),
        }),
        14 => EventBody::CadreSelection(CadreSelectionEvent::CadreRecorded {
            cadre: r.id(CADRES),
            profile: profile(r).into(),
            supersedes: r.coin().then(|| r.ids(&["ev-1", "ev-2"])),
        }),
        15 => EventBody::CadreSelection(CadreSelectionEvent::PostRecorded {
            post: r.id(POSTS),
            unit: r.text(),
            title: r.text(),
            quota: r.num(),
            supersedes: r.coin().then(|| r.ids(&["ev-1", "ev-2"])),
        }),
        16 => EventBody::CadreSelection(CadreSelectionEvent::CaseOpened {
            case: r.id(CASES),
            title: r.text(),
            posts: r.ids(POSTS),
            opened_on: r.date(),
        }),
        17 => EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
            case: r.id(CASES),
            record: step_record(r).into(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
            reason: r.text(),
        }),
        18 => EventBody::CadreSelection(CadreSelectionEvent::Disclosed {
            case: r.id(CASES),
            cadre: r.id(CADRES),
            round: r.pick(&[Round::First, Round::Second]),
            start: r.date(),
            end: r.date(),
            matters: PersonalMatters::default().into(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
            reason: r.text(),
        }),
        19 => EventBody::CadreSelection(CadreSelectionEvent::Signed {
            case: r.id(CASES),
            node: r.pick(&[Submission::Initial, Submission::Second]),
            sign: r.pick(&SignOff::CHAIN),
            signer: r.text(),
            on: r.date(),
            over: r.text(),
            annex: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        20 => EventBody::CadreSelection(CadreSelectionEvent::Submitted {
            case: r.id(CASES),
            node: r.pick(&[Submission::Initial, Submission::Second]),
            on: r.date(),
            over: r.text(),
            annex: r.text(),
        }),
        22 => EventBody::VillageHeads(VillageHeadsEvent::TenureRecorded {
            tenure: r.id(TENURES),
            record: village_heads::Tenure {
                person: r.id(PEOPLE),
                name: r.text(),
                village,
                post: r.pick(&[
                    village_heads::HeadPost::Secretary,
                    village_heads::HeadPost::Director,
                ]),
                start: r.date(),
                end: (r.below(2) == 0).then(|| r.date()),
                end_reason: (r.below(2) == 0).then_some(village_heads::EndReason::Died),
            },
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        24 => EventBody::CareerPay(CareerPayEvent::CareerRoundOpened {
            year,
            slots: vec![career_pay::Slots {
                township: r.id(TOWNSHIPS),
                slots: r.num(),
            }],
            opened_on: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        25 => EventBody::CareerPay(CareerPayEvent::CareerApplied {
            year,
            application: r.id(APPLICATIONS),
            township: r.id(TOWNSHIPS),
            person: r.id(PEOPLE),
            name: r.text(),
            village,
            applied_on: r.date(),
        }),
        26 => EventBody::CareerPay(CareerPayEvent::CareerReviewed {
            application: r.id(APPLICATIONS),
            township: r.id(TOWNSHIPS),
            level: r.pick(&[
                career_pay::ReviewLevel::Township,
                career_pay::ReviewLevel::County,
            ]),
            passed: r.below(2) == 0,
            reason: r.text(),
            on: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        27 => EventBody::CareerPay(CareerPayEvent::CareerListPublicized {
            year,
            township: r.id(TOWNSHIPS),
            start: r.date(),
            end: r.date(),
            applications: r.ids(APPLICATIONS),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        28 => EventBody::CareerPay(CareerPayEvent::CareerRecommended {
            year,
            township: r.id(TOWNSHIPS),
            stage: r.pick(&[
                career_pay::RecommendationStage::Initial,
                career_pay::RecommendationStage::Reserve,
            ]),
            applications: r.ids(APPLICATIONS),
            on: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        29 => EventBody::CareerPay(CareerPayEvent::CareerDecided {
            year,
            selected: vec![chosen(r)],
            on: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        30 => EventBody::CareerPay(CareerPayEvent::CareerCertified {
            application: r.id(APPLICATIONS),
            chosen: chosen(r),
            number: r.text(),
            issued_on: r.date(),
            pay_from: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        31 => EventBody::CareerPay(CareerPayEvent::CareerRenewed {
            application: r.id(APPLICATIONS),
            year,
            on: r.date(),
        }),
        32 => EventBody::CareerPay(CareerPayEvent::CareerTerminated {
            application: r.id(APPLICATIONS),
            condition: r.text(),
            note: r.text(),
            pay_ends: r.date(),
            on: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        33..=36 => cadre_management(r, year),
        37..=44 => cadre_management_more(r, year),
        45..=48 => performance_record(r),
        49..=52 => rotation(r),
        53..=56 => audit_grading(r, year),
        23 => EventBody::VillageHeads(VillageHeadsEvent::CareListConfirmed {
            year,
            entries: (0..r.below(3))
                .map(|_| village_heads::CareEntry {
                    person: r.id(PEOPLE),
                    name: r.text(),
                    served_days: r.num(),
                    yuan: r.num(),
                })
                .collect(),
            excluded: Vec::new(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        _ => EventBody::CadreSelection(CadreSelectionEvent::CaseEnded {
            case: r.id(CASES),
            on: r.date(),
            ending: r.pick(&[
                Ending::ComplaintUpheld,
                Ending::VoteFailed,
                Ending::Withdrawn,
                Ending::Revoked,
            ]),
            reason: r.text(),
            over: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
    }
}

const UNITS: &[&str] = &["格日朝鲁苏木", "旗委办公室", ""];
const DEMOTIONS: &[&str] = &["dm-1", "dm-2"];
const ENTRIES: &[&str] = &["rp-1", "rp-2"];

/// A random record of the annual assessment (W5).
fn cadre_management(r: &mut Rng, year: i32) -> EventBody {
    use jishi::domain::annual_assessment::{
        AnnualAssessmentEvent as A, ConsequenceKind, RaterGroup, TeamGrade,
    };
    let scores = (0..r.below(6))
        .map(|_| (r.pick(&RaterGroup::ALL), r.num()))
        .collect();
    let grade = r.pick(&[
        AnnualGrade::Excellent,
        AnnualGrade::Competent,
        AnnualGrade::BasicallyCompetent,
        AnnualGrade::Incompetent,
    ]);
    let supersedes = r.ids(&["ev-1", "ev-2"]);
    EventBody::AnnualAssessment(match r.below(4) {
        0 => A::AssessmentRated {
            year,
            cadre: r.id(CADRES),
            unit: r.pick(UNITS).to_string(),
            scores,
            integrity_passed: r.coin(),
            on: r.date(),
            reason: r.text(),
            supersedes,
        },
        1 => A::AssessmentGraded {
            year,
            cadre: r.id(CADRES),
            grade,
            grounds: r.text(),
            on: r.date(),
            reason: r.text(),
            supersedes,
        },
        2 => A::TeamGraded {
            year,
            unit: r.pick(UNITS).to_string(),
            grade: r.pick(&TeamGrade::ALL),
            grounds: r.text(),
            on: r.date(),
            reason: r.text(),
            supersedes,
        },
        _ => A::ConsequenceDone {
            year,
            cadre: r.id(CADRES),
            unit: r.pick(UNITS).to_string(),
            consequence: r.pick(&[
                ConsequenceKind::Removal,
                ConsequenceKind::Warning,
                ConsequenceKind::LeaderRemoval,
                ConsequenceKind::DeputiesCompete,
                ConsequenceKind::TeamCompete,
            ]),
            done: r.text(),
            on: r.date(),
            reason: r.text(),
            supersedes,
        },
    })
}

/// A random record of the demotion chain (W7) or the reserve pools (W9).
fn cadre_management_more(r: &mut Rng, _year: i32) -> EventBody {
    use jishi::domain::demotion_chain::{
        DemotionChainEvent as D, DemotionStep, Disposal, FollowUpKind, StandardKind, StepContent,
    };
    use jishi::domain::reserve_pool::{Echelon, PoolReview, ReservePoolEvent as P, TrainingKind};
    let case = r.id(DEMOTIONS);
    let entry = r.id(ENTRIES);
    match r.below(8) {
        0 => EventBody::DemotionChain(D::DemotionOpened {
            case,
            cadre: r.id(CADRES),
            standard: r.text(),
            kind: r.pick(&[StandardKind::Qualitative, StandardKind::Quantitative]),
            on: r.date(),
        }),
        1 => EventBody::DemotionChain(D::DemotionStepRecorded {
            case,
            step: r.pick(&DemotionStep::ALL),
            record: StepContent {
                text: r.text(),
                unfit: r.pick(&[None, Some(true), Some(false)]),
                disposal: r.pick(&[None, Some(Disposal::Removal), Some(Disposal::Standby)]),
                evidence: r.text(),
            },
            on: r.date(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        2 => EventBody::DemotionChain(D::DemotionFollowedUp {
            case,
            follow_up: r.pick(&[FollowUpKind::Talk, FollowUpKind::Visit]),
            by: r.text(),
            note: r.text(),
            on: r.date(),
            corrects: r.pick(&["", "ev-1"]).to_string(),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        3 => EventBody::DemotionChain(D::DemotionClosed {
            case,
            reinstated: r.coin(),
            withdrawn: r.coin(),
            post_given: r.text(),
            note: r.text(),
            on: r.date(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        4 => EventBody::ReservePool(P::ReserveEntered {
            entry,
            cadre: r.id(CADRES),
            echelon: r.pick(&Echelon::ALL),
            reason: r.text(),
            on: r.date(),
            correction: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        5 => EventBody::ReservePool(P::ReserveLeft {
            entry,
            reason: r.text(),
            on: r.date(),
            withdrawn: r.coin(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        6 => EventBody::ReservePool(P::ReserveTrained {
            entry,
            training: r.pick(&[TrainingKind::Course, TrainingKind::Rotation]),
            note: r.text(),
            from: r.date(),
            until: r.coin().then(|| r.date()),
            corrects: r.pick(&["", "ev-1"]).to_string(),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        _ => EventBody::ReservePool(P::PoolReviewed {
            review: r.pick(&[PoolReview::TopUp, PoolReview::OpenSelection]),
            note: r.text(),
            on: r.date(),
            corrects: r.pick(&["", "ev-1"]).to_string(),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
    }
}

/// The pages of the annual assessment, the demotion chain and the reserve pools for
/// three roles in both languages, with every case turned to each step's correction,
/// and their to-dos.
fn cadre_management_screens(state: &State, year: i32, today: NaiveDate) {
    use jishi::domain::annual_assessment::screens::{unit_screen, year_screen, Viewer};
    use jishi::domain::demotion_chain::screens::{case_screen, list_screen, STEP_AREA};
    use jishi::domain::reserve_pool::screens::{person_screen, pools_screen};
    use jishi::domain::screen::{Focus, Focuses};
    let _ = jishi::domain::annual_assessment::todos::todos(state, today, true);
    let _ = jishi::domain::demotion_chain::todos::todos(state, today, true);
    let _ = jishi::domain::reserve_pool::todos::todos(state, today, true);
    let _ = jishi::domain::annual_assessment::results::units(state, year, today);
    for zh in [true, false] {
        for role in [Some(Role::Recorder), Some(Role::Organizer), None] {
            let who = Viewer { role, today, zh };
            for y in [year, 2025, today.year()] {
                let _ = year_screen(state, y, &who);
                for unit in UNITS {
                    let _ = unit_screen(state, y, unit, &who);
                }
            }
            let _ = list_screen(state, &who);
            for case in DEMOTIONS {
                let _ = case_screen(state, case, &who, &Focuses::default());
                for step in jishi::domain::demotion_chain::DemotionStep::ALL {
                    let mut turned = Focuses::default();
                    turned.set(Focus {
                        area: STEP_AREA,
                        form: step.key().into(),
                        replaces: vec!["ev-1".into()],
                        from: "ev-1".into(),
                        follow: false,
                        each: false,
                    });
                    let _ = case_screen(state, case, &who, &turned);
                }
            }
            let _ = pools_screen(state, &who);
            for cadre in CADRES {
                let _ = person_screen(state, cadre, &who);
            }
        }
    }
}

/// A random record of the everyday performance record (W6): days (new, corrected,
/// withdrawn) and weeks, of the cadres the profiles name (by a name they may hold).
fn performance_record(r: &mut Rng) -> EventBody {
    use jishi::domain::performance_record::{
        Level, NoteKind, PerformanceRecordEvent as P, WorkCategory,
    };
    let cadre = r.id(CADRES);
    let by = r.text();
    let texts = |r: &mut Rng| (0..r.below(12)).map(|_| r.text()).collect::<Vec<String>>();
    match r.below(7) {
        6 => EventBody::PerformanceRecord(P::RosterPublished {
            unit: r.pick(UNITS).to_string(),
            from: r.date(),
            members: (0..r.below(12))
                .map(|_| jishi::domain::performance_record::RosterEntry {
                    cadre: r.id(CADRES),
                    name: r.text(),
                })
                .collect(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        4 => EventBody::PerformanceRecord(P::QuarterNoted {
            cadre,
            year: r.year(),
            quarter: r.num(),
            note: r.pick(&NoteKind::ALL),
            text: r.text(),
            corrects: r.id(&["ev-1", "ev-2"]),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        5 => EventBody::PerformanceRecord(P::YearReviewed {
            cadre,
            year: r.year(),
            level: r.pick(&Level::ALL),
            text: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        2 => EventBody::PerformanceRecord(P::IndicatorsSet {
            unit: r.pick(UNITS).to_string(),
            set: r.text(),
            indicators: texts(r),
            raters: texts(r),
            from: r.date(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        3 => EventBody::PerformanceRecord(P::MonthRated {
            cadre,
            month: r.date(),
            rater: by,
            indicators: texts(r),
            levels: (0..r.below(12)).map(|_| r.pick(&Level::ALL)).collect(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        0 => EventBody::PerformanceRecord(P::WorkLogged {
            cadre,
            by,
            day: r.date(),
            category: r.pick(&WorkCategory::ALL),
            project: r.text(),
            text: r.text(),
            corrects: r.id(&["ev-1", "ev-2"]),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
        _ => EventBody::PerformanceRecord(P::WeekSubmitted {
            cadre,
            by,
            week: r.date(),
            entries: r.ids(&["ev-1", "ev-2"]),
            summary: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        }),
    }
}

/// The pages of the everyday performance record for every role (a cadre by each
/// profile's name), in both languages, on `today`, and its to-dos and roll-ups.
fn performance_screens(state: &State, year: i32, today: NaiveDate) {
    use jishi::domain::performance_record::rollup::{monday_of, week, year_roll};
    use jishi::domain::performance_record::screens::{
        cadre_screen, start_screen, unit_screen, Viewer,
    };
    let _ = jishi::domain::performance_record::todos::todos(state, today, true);
    let mut names: Vec<String> = state
        .cadre_selection
        .cadre_list()
        .map(|(_, p)| p.name.clone())
        .chain(
            jishi::domain::performance_record::roster::names(state)
                .values()
                .cloned(),
        )
        .collect();
    names.push(String::new());
    for zh in [true, false] {
        for role in Role::ALL.into_iter().map(Some).chain([None]) {
            for name in &names {
                let who = Viewer {
                    role,
                    name: name.clone(),
                    today,
                    zh,
                };
                let _ = start_screen(state, &who);
                if role != Some(Role::Cadre) && role != Some(Role::UnitLeader) {
                    continue;
                }
                for unit in UNITS {
                    let _ = unit_screen(state, unit, &who);
                }
                for cadre in CADRES {
                    for y in [year, today.year()] {
                        let _ = cadre_screen(state, cadre, y, &who);
                    }
                }
            }
        }
    }
    for cadre in CADRES {
        let _ = week(state, cadre, monday_of(today));
        let _ = year_roll(state, cadre, year);
        let _ = jishi::domain::performance_record::evaluation::score_roll(state, cadre, year);
        for quarter in [0, 1, 4, 5, u32::MAX] {
            let _ = jishi::domain::performance_record::analysis::quarter_view(
                state,
                cadre,
                (year, quarter),
                today,
            );
        }
    }
    for unit in UNITS {
        let _ = jishi::domain::performance_record::screens::evidence_blocks(
            state, year, unit, today, true,
        );
    }
}

/// A hash-valid log of `n` random events. Event ids come from a small pool too, so
/// supersedes / objection / complaint references sometimes hit.
fn log(r: &mut Rng, n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let id = match i {
                0 => "ev-1".to_string(),
                1 => "ev-2".to_string(),
                _ => format!("ev-{i}-{:x}", r.next()),
            };
            let recorded_at = match r.below(5) {
                0 => i64::MIN,
                1 => i64::MAX,
                _ => 1_770_000_000_000 + r.below(1 << 30) as i64,
            };
            let mut body = body(r);
            let author = r.text();
            // A signature names its author (phones refuse others): mostly so, to fold.
            if let EventBody::CadreSelection(CadreSelectionEvent::Signed { signer, .. }) = &mut body
            {
                if r.below(4) > 0 {
                    signer.clone_from(&author);
                }
            }
            use jishi::domain::performance_record::PerformanceRecordEvent as W6;
            if let EventBody::PerformanceRecord(
                W6::WorkLogged { by, .. }
                | W6::WeekSubmitted { by, .. }
                | W6::MonthRated { rater: by, .. },
            ) = &mut body
            {
                if r.below(4) > 0 {
                    by.clone_from(&author);
                }
            }
            Event::seal(
                body,
                Stamp {
                    id,
                    author,
                    role: r.pick(&Role::ALL),
                    device: if r.coin() {
                        "phone-fuzz"
                    } else {
                        "phone-other"
                    }
                    .into(),
                    recorded_at,
                    parents: vec![],
                },
            )
        })
        .collect()
}

/// Every projection a screen shows, for every thing in the state, on extreme days.
fn project(state: &State, r: &mut Rng) {
    for today in [r.date(), NaiveDate::MIN, NaiveDate::MAX] {
        let policy = state.policies.at(today);
        let _ = missing_years(&policy, today, 45);
        let cal = WorkCalendar::new(&policy);
        let _ = cal.is_working_day(today);
        for (village, year, period) in state.village_pay.counted.slots.keys() {
            let _ = village_pay::slot_view(state, village, *year, *period, today);
            slot_screens(state, (village, *year, *period), today);
        }
        for township in state.master.townships.keys() {
            for year in [r.year(), 2026] {
                let view = village_pay::township_year(state, township, year, today);
                let _ = (view.open_objections(), view.needs_review());
                // The screens built from it, for every role, in both languages.
                for zh in [true, false] {
                    let _ = village_pay::screens::board("乡镇", &view, zh);
                    let here = (township.as_str(), year);
                    for role in [None, Some(Role::Organizer), Some(Role::Assessor)] {
                        let who = village_pay::slot_screen::SlotViewer {
                            role,
                            name: String::new(),
                            today,
                            zh,
                            townships: Vec::new(),
                            outsider: None,
                        };
                        let _ =
                            village_pay::indicators_screen::indicators_screen(state, here, &who);
                    }
                    for role in Role::ALL {
                        let _ = village_pay::screens::results("乡镇", &view, Some(role), zh);
                    }
                }
                for row in &view.rows {
                    let _ = row.result.as_ref().map(VillageResult::total_pay);
                }
            }
        }
        for zh in [true, false] {
            for role in [None, Some(Role::Admin), Some(Role::Organizer)] {
                let _ = jishi::domain::master_screen::master_screen(state, role, zh);
            }
            let _ = jishi::domain::home::township_links(state, r.year(), zh, zh);
        }
        for case in state.cadre_selection.cases.keys() {
            let _ = cadre_selection::case_view(state, case, today);
            for role in Role::ALL {
                let _ = cadre_selection::disclosures_for(state, case, role);
            }
            let c = &state.cadre_selection.cases[case];
            let _ = cadre_selection::rates(c, &policy);
            for post in POSTS {
                let _ = cadre_selection::ranking(c, post);
            }
        }
        let _ = cadre_selection::overall_rates(state, &policy);
        for role in Role::ALL {
            let _ = cadre_selection::screens::case_list(state, Some(role), today, true);
            w4_screens(state, role, today);
        }
        let _ = cadre_selection::overdue_submissions(state, today);
        heads_screens(state, r.year(), today);
        career_screens(state, r.year(), today);
        cadre_management_screens(state, r.year(), today);
        performance_screens(state, r.year(), today);
        rotation_screens(state, today);
        audit_grading_screens(state, r.year(), today);
        overview_screens(state, today);
        for (_, profile) in state.cadre_selection.cadre_list() {
            let _ = cadre_selection::sanling(profile, today);
            let _ = cadre_selection::exclusions(
                profile,
                &profile.grades,
                Some((r.num(), r.num())),
                today,
                &policy.cadre_selection,
            );
        }
    }
}

/// The county overview and the submitted list, in both languages, for a phone holding
/// every part and for one holding neither the townships nor the cadre records.
fn overview_screens(state: &State, today: NaiveDate) {
    use jishi::domain::county_overview::screens::{overview_screen, submitted_screen};
    for zh in [true, false] {
        for role in [
            None,
            Some(Role::Admin),
            Some(Role::Recorder),
            Some(Role::Auditor),
            Some(Role::Organizer),
        ] {
            let _ = overview_screen(state, (role, &[]), today, zh);
            let some = ["t-unknown".to_string()];
            let _ = overview_screen(state, (role, &some), today, zh);
            let _ = submitted_screen(state, role, zh);
        }
    }
}

/// The village heads' pages for every role, in both languages, each tenure turned to
/// its correction, on `today` (and a year's care list, its to-dos and checks).
fn heads_screens(state: &State, year: i32, today: NaiveDate) {
    use jishi::domain::screen::{Focus, Focuses};
    use village_heads::screens::{care_screen, people_screen, person_screen, Viewer, TENURE_AREA};
    let _ = village_heads::todos::todos(state, today, true);
    for zh in [true, false] {
        let _ = village_heads::disagreements(state, today, zh);
        for role in [None, Some(Role::Admin), Some(Role::VillageHead)] {
            let who = Viewer { role, today, zh };
            let _ = people_screen(state, who);
            for y in [year, 2027, today.year()] {
                let _ = care_screen(state, y, who);
                let _ = village_heads::pay_screen::pay_screen(state, y, who);
                if let Some(sheet) = village_heads::pay_sheet::pay_sheet(state, y, today, zh) {
                    let _ = village_heads::pay_sheet::csv(&sheet, zh);
                }
                let _ = village_heads::changes_since(state, y, zh);
            }
            for (id, t) in state.village_heads.current_tenures() {
                let mut turned = Focuses::default();
                turned.set(Focus {
                    area: TENURE_AREA,
                    form: "tenure".into(),
                    replaces: vec![id.clone()],
                    from: id.clone(),
                    follow: false,
                    each: false,
                });
                let _ = person_screen(state, &t.person, who, &turned);
            }
        }
    }
}

/// The 选聘 pages of every year's round and township, and every certificate, for
/// three roles in both languages, and its to-dos.
fn career_screens(state: &State, year: i32, today: NaiveDate) {
    use jishi::domain::career_pay::renewal_screen::holders_screen;
    use jishi::domain::career_pay::screens::{
        certificate_screen, round_screen, township_screen, Viewer,
    };
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let _ = jishi::domain::career_pay::todos::todos(state, today, true);
    for zh in [true, false] {
        for role in [Some(Role::Admin), Some(Role::Organizer), None] {
            let who = Viewer {
                role,
                townships: Vec::new(),
                today,
                zh,
            };
            for y in [year, 2026] {
                let _ = holders_screen(state, y, &who);
                let _ = pay_sheet(state, y, today, zh);
                let _ = round_screen(state, y, &who);
                let _ = jishi::domain::career_pay::result_notice::result_notice(state, y, zh);
                for t in TOWNSHIPS {
                    let _ = township_screen(state, y, t, &who);
                }
            }
            for a in state.career_pay.applications.keys() {
                let _ = certificate_screen(state, a, &who);
            }
        }
    }
}

/// A village's period page for every role, in both languages, with its objection
/// turned to dismissed and its review filled from a version.
fn slot_screens(state: &State, slot: (&str, i32, Period), today: NaiveDate) {
    use jishi::domain::screen::{Focus, Focuses};
    use village_pay::slot_screen::{slot_screen, SlotViewer, RESOLVE_AREA};
    let recorded = state
        .village_pay
        .counted
        .slots
        .get(&(slot.0.to_string(), slot.1, slot.2));
    let objection = recorded.and_then(|s| s.objections.keys().next().cloned());
    let version = recorded.and_then(|s| s.live().first().map(|v| v.event.clone()));
    let mut focus = Focuses::default();
    focus.set(Focus {
        area: RESOLVE_AREA,
        form: "dismissed".into(),
        from: objection.unwrap_or_default(),
        each: true,
        ..Focus::default()
    });
    focus.set(Focus {
        area: village_pay::review_screen::REVIEW_AREA,
        from: version.unwrap_or_default(),
        ..Focus::default()
    });
    for zh in [true, false] {
        for role in Role::ALL.into_iter().map(Some).chain([None]) {
            let name = "考核组".to_string();
            let townships = vec!["t-elsewhere".to_string()];
            let who = SlotViewer {
                role,
                name,
                today,
                zh,
                townships: if role.is_some() {
                    Vec::new()
                } else {
                    townships
                },
                outsider: None,
            };
            let _ = slot_screen(state, slot, &who, &focus);
        }
    }
}

/// Every W4 page as screens for one role on one day, in both languages, each form
/// turned to correcting or editing the first thing it can.
fn w4_screens(state: &State, role: Role, today: NaiveDate) {
    use cadre_selection::{case_forms, case_screen, documents, pool_screen, record_form};
    use jishi::domain::screen::Focus;
    for zh in [true, false] {
        let _ = pool_screen::cadre_list(state, Some(role), today, zh);
        let _ = pool_screen::post_list(state, Some(role), today, zh);
        for (cadre, _) in state.cadre_selection.cadre_list() {
            let _ = cadre_selection::trace::cadre_trace_screen(&[], state, cadre, zh);
        }
        let who = case_screen::Viewer { role, today, zh };
        for (id, case) in &state.cadre_selection.cases {
            let _ = documents::record_sheet(state, id, role, today, zh);
            let _ = documents::publicity_notice(state, id, zh);
            for sub in case
                .submissions
                .keys()
                .map(String::as_str)
                .chain(["x-none"])
            {
                let _ = documents::as_submitted_sheet(state, id, sub, role, zh);
            }
            let _ = cadre_selection::trace::case_trace_screen([], state, id, zh);
            let _ = case_screen::case_top(state, id, who);
            let _ = case_screen::case_progress(state, id, who);
            let entry = case.entries.keys().next().cloned().unwrap_or_default();
            let disclosure = case.disclosures.keys().next().cloned().unwrap_or_default();
            for (area, form, from) in [
                (case_screen::RECORD_AREA, "", String::new()),
                (case_screen::RECORD_AREA, "nomination", entry),
                (
                    case_screen::DISCLOSURE_AREA,
                    case_screen::DISCLOSURE_FORM,
                    disclosure,
                ),
            ] {
                let replaces = vec![from.clone()];
                let focus = Focus {
                    area,
                    form: form.into(),
                    replaces,
                    from,
                    follow: true,
                    each: false,
                };
                let _ = record_form::record_card(state, case, who, &focus);
                let _ = case_forms::disclosures_card(state, case, who, &focus);
            }
            let _ = case_forms::ending_forms(case, case_screen::has_ended(case), who);
            let _ = cadre_selection::signoff_screen::signoff_card(case, who);
            steps_only(case, who);
        }
    }
}

/// The case as a phone without the personal matters holds it (no disclosures), read
/// with the sight of such a phone (the newest annex on record, the note).
fn steps_only(case: &cadre_selection::Case, who: cadre_selection::case_screen::Viewer) {
    use cadre_selection::{Sight, Submission};
    let mut held = case.clone();
    held.disclosures.clear();
    for node in [Submission::Initial, Submission::Second] {
        let _ = held.signature_states_seen(node, Sight::StepsOnly);
        let _ = held.signed_seen(node, Sight::StepsOnly);
        let _ = held.submission_seen(node, Sight::StepsOnly);
        let _ = held.signature_conflicts_seen(node, Sight::StepsOnly);
        let _ = held.annex_unchecked(node, Sight::StepsOnly);
    }
    let _ = cadre_selection::signoff_screen::signoff_card(&held, who);
}

fn run(seed: u64) {
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let n = 1 + r.below(60);
    let events = log(&mut r, n);
    // The phone's path: received (absurd policies and hostile ids are refused), folded,
    // re-opened from storage, projected.
    let mut ledger = Ledger::open(MemoryStore::default(), "phone-fuzz");
    ledger.receive(events.clone()).expect("no quota");
    project(ledger.state(), &mut r);
    let reopened = Ledger::open(ledger.store().clone(), "phone-fuzz");
    assert!(
        reopened.state() == ledger.state(),
        "seed {seed}: re-open differs"
    );
    // The fold itself, fed everything that passes the policy bounds (ids unchecked).
    let sane: Vec<Event> = events
        .into_iter()
        .filter(|e| match &e.body {
            EventBody::Master(MasterEvent::PolicyChanged { policy, .. }) => {
                policy.validate().is_ok()
            }
            _ => true,
        })
        .collect();
    let state = State::fold(&sane);
    project(&state, &mut r);
}

#[test]
fn arbitrary_hash_valid_events_never_panic_the_fold_or_any_projection() {
    let base: u64 = std::env::var("JISHI_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_201);
    let cases: u64 = std::env::var("JISHI_NO_PANIC_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    for i in 0..cases {
        let seed = base.wrapping_add(i);
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| run(seed))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!(
                "seed {seed} panicked: {msg} (re-run: JISHI_SEED={seed} JISHI_NO_PANIC_CASES=1)"
            );
        }
    }
    if cases >= 100 {
        let exempt = ROTATION_EXEMPT_SEEN.load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            exempt > 0,
            "no random run reached the rotation age exemption"
        );
    }
}

/// A random record of rotation and secondment (W10).
fn rotation(r: &mut Rng) -> EventBody {
    use jishi::domain::rotation::RotationEvent as R;
    let corrects = r.pick(&["", "ev-1", "ev-2"]).to_string();
    let (withdrawn, reason, supersedes) = (r.coin(), r.text(), r.ids(&["ev-1", "ev-2"]));
    EventBody::Rotation(match r.below(4) {
        0 => R::KeyPostMarked {
            post: r.pick(&["", POSTS[0]]).to_string(),
            unit: r.pick(&["格日朝鲁苏木", "", "长"]).to_string(),
            title: r.text(),
            basis: r.text(),
            corrects,
            withdrawn,
            reason,
            supersedes,
        },
        1 => R::RotationRecorded {
            cadre: r.id(CADRES),
            from_unit: r.text(),
            from_title: r.text(),
            to_unit: r.text(),
            to_title: r.text(),
            on: r.date(),
            note: r.text(),
            corrects,
            withdrawn,
            reason,
            supersedes,
        },
        2 => R::SecondmentRecorded {
            name: r.text(),
            from_unit: r.text(),
            to_unit: r.text(),
            start: r.date(),
            basis: r.text(),
            corrects,
            withdrawn,
            reason,
            supersedes,
        },
        _ => R::SecondmentEnded {
            secondment: r.pick(&["ev-1", "ev-2", "unknown-1"]).to_string(),
            on: r.date(),
            corrects,
            withdrawn,
            reason,
            supersedes,
        },
    })
}

/// How many cadres the random runs listed as exempt from rotation by age: the fuzzer must
/// reach that path (男/女 profiles), not only hostile genders.
static ROTATION_EXEMPT_SEEN: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// The pages of rotation and secondment for three roles in both languages, their CSV
/// rows and to-dos, on the day and at the calendar's ends.
fn rotation_screens(state: &State, today: NaiveDate) {
    use jishi::domain::annual_assessment::screens::Viewer;
    use jishi::domain::rotation::alerts::{rotation_list, RotationStatus};
    use jishi::domain::rotation::screens::{cadre_screen, list_screen, rotation_rows};
    for day in [today, NaiveDate::MIN, NaiveDate::MAX] {
        let exempt = rotation_list(state, day)
            .iter()
            .filter(|a| matches!(a.status, RotationStatus::Exempt { .. }))
            .count();
        ROTATION_EXEMPT_SEEN.fetch_add(exempt, std::sync::atomic::Ordering::Relaxed);
        let _ = jishi::domain::rotation::todos::todos(state, day, true);
        let _ = rotation_rows(state, day, false);
        for zh in [true, false] {
            for role in [Some(Role::Recorder), Some(Role::Assessor), None] {
                let who = Viewer {
                    role,
                    today: day,
                    zh,
                };
                let _ = list_screen(state, &who);
                for cadre in CADRES {
                    let _ = cadre_screen(state, cadre, &who);
                }
            }
        }
    }
}

const AUDIT_UNITS: &[&str] = &["au-1", "au-2", "au-3"];

/// A random amount of whole yuan: 0, the cut-offs' neighbours, huge ones.
fn yuan(r: &mut Rng) -> u64 {
    let any = u64::from(r.num());
    r.pick(&[
        0,
        2_999_999,
        3_000_000,
        5_000_000,
        9_999_999,
        100_000_000,
        u64::MAX,
        1 << 53,
        any,
    ])
}

/// A random record of the economic-responsibility audit (W8).
fn audit_grading(r: &mut Rng, year: i32) -> EventBody {
    use jishi::domain::audit_grading::{AuditGradingEvent as A, SpecialFund};
    let audit_unit = r.id(AUDIT_UNITS);
    EventBody::AuditGrading(match r.below(3) {
        0 => A::AuditUnitYear {
            audit_unit,
            name: r.text(),
            year,
            budget: yuan(r),
            decision: r.num(),
            allocation: r.num(),
            attention: r.num(),
            funds: (0..r.below(3))
                .map(|_| SpecialFund {
                    amount: yuan(r),
                    purpose: r.text(),
                })
                .collect(),
            head_since: r.date(),
            head_left: r.coin().then(|| r.date()),
            correction: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        },
        1 => A::AuditPlanAdjusted {
            year,
            audit_unit,
            add: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        },
        _ => A::AuditDone {
            audit_unit,
            on: r.date(),
            report: r.text(),
            corrects: r.pick(&["", "ev-1"]).to_string(),
            withdrawn: r.coin(),
            reason: r.text(),
            supersedes: r.ids(&["ev-1", "ev-2"]),
        },
    })
}

/// The audit's pages for three roles in both languages, every year's plan, its to-dos.
fn audit_grading_screens(state: &State, year: i32, today: NaiveDate) {
    use jishi::domain::annual_assessment::screens::Viewer;
    use jishi::domain::audit_grading::screens::{overview_screen, plan_screen, unit_screen};
    let _ = jishi::domain::audit_grading::todos::todos(state, today, true);
    for zh in [true, false] {
        for role in [Some(Role::Auditor), Some(Role::Recorder), None] {
            let who = Viewer { role, today, zh };
            let _ = overview_screen(state, &who);
            for y in [year, 2026, 2027, today.year()] {
                let _ = plan_screen(state, y, &who);
            }
            for unit in AUDIT_UNITS.iter().chain(&["unknown-1"]) {
                let _ = unit_screen(state, unit, &who);
            }
        }
    }
}
