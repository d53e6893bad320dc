//! W4. Cadre selection full-process record (干部选拔任用工作全程纪实), DOMAIN.md W4 and
//! W4b, seeds 003 (Tianjin), 001, 004, 000, 002 开鲁: cadres and posts, the "1+8" gates,
//! disclosures, re-check, sign-off and submission, fill rate and completeness.

pub mod cadre;
pub mod cadre_form;
pub mod case_export;
pub mod case_forms;
pub mod case_screen;
mod decide;
mod disclosure;
pub mod documents;
mod ending;
mod event;
pub mod forms;
mod gates;
pub mod page;
pub mod policy;
pub mod pool_screen;
pub mod post_form;
pub mod record_form;
mod rules;
pub mod screens;
mod seats;
mod signoff;
pub mod signoff_screen;
mod state;
pub mod todos;
pub mod trace;
mod view;
pub mod words;

/// This workflow's part of the state (`domain::State::cadre_selection`).
pub type State = state::CadreSelection;
pub use cadre::{
    add_months, current_position, exclusions, full_months, full_years, sanling, Exclusion, Sanling,
};
pub use decide::{cadre_problems, decide, parse_post_form, Action, Command};
pub use event::CadreSelectionEvent;
pub use gates::Names;
pub use page::Page;
pub use rules::{empty_reason, record_problems};
pub use signoff::{person, AsSubmitted, Reconstructed, Sight, SignatureState};
pub use state::{
    CadreSelection, Case, Complaint, Disclosure, Ended, Missing, Signature, StepEntry, Submitted,
    Version, Versions,
};
pub use view::{
    case_reviews, case_summary, case_view, case_view_with, disclosures_for, disclosures_of,
    may_see_matters, overall_rates, overdue_submissions, ranking, rates, CaseSummary, CaseView,
    DisclosureView, OverQuota, Overdue, RankedTarget, Rates, StepStatus,
};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::event::Role;

/// 年度考核等次, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnualGrade {
    /// 优秀.
    Excellent,
    /// 称职.
    Competent,
    /// 基本称职.
    BasicallyCompetent,
    /// 不称职.
    Incompetent,
}

impl AnnualGrade {
    /// Chinese display name.
    pub fn label(self) -> &'static str {
        self.label_in(true)
    }

    /// Display name in Chinese (`zh`) or English.
    pub fn label_in(self, zh: bool) -> &'static str {
        match (self, zh) {
            (AnnualGrade::Excellent, true) => "优秀",
            (AnnualGrade::Competent, true) => "称职",
            (AnnualGrade::BasicallyCompetent, true) => "基本称职",
            (AnnualGrade::Incompetent, true) => "不称职",
            (AnnualGrade::Excellent, false) => "Excellent",
            (AnnualGrade::Competent, false) => "Competent",
            (AnnualGrade::BasicallyCompetent, false) => "Basically competent",
            (AnnualGrade::Incompetent, false) => "Incompetent",
        }
    }
}

/// One position held (任职经历).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Unit (单位).
    pub unit: String,
    /// Post title (职务).
    pub title: String,
    /// The post id, when the post is in the post list (for 职数).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub post: String,
    /// Start date.
    pub start: NaiveDate,
    /// End date (None = current).
    pub end: Option<NaiveDate>,
}

/// Facts the exclusion rules need (不得列为考察对象, seed 001).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadreFlags {
    /// Whether the cadre has a spouse.
    pub has_spouse: bool,
    /// Whether the spouse has emigrated (移居国(境)外).
    pub spouse_emigrated: bool,
    /// Number of children.
    pub children: u32,
    /// Number of children who have emigrated.
    pub children_emigrated: u32,
    /// A sanction (处分/处理) affects use until this date, inclusive.
    pub sanction_until: Option<NaiveDate>,
    /// A recorded 跑官/拉票 finding (description; empty = none).
    pub canvassing: String,
    /// Any other stated bar to use (empty = none).
    pub other_bar: String,
}

/// A cadre's profile (干部信息). "三龄两历一身份" is computed from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadreProfile {
    /// Name.
    pub name: String,
    /// 性别.
    pub gender: String,
    /// 民族.
    pub ethnicity: String,
    /// 出生日期.
    pub birth: NaiveDate,
    /// 入党时间 (None = not a party member, 党外).
    pub party_join: Option<NaiveDate>,
    /// 参加工作时间.
    pub work_start: NaiveDate,
    /// 学历.
    pub education: String,
    /// 身份: 公务员 / 事业 / 村干部 / ….
    pub identity: String,
    /// 任职经历, any order.
    pub positions: Vec<Position>,
    /// 年度考核等次 by year.
    pub grades: BTreeMap<i32, AnnualGrade>,
    /// Facts for the exclusion rules.
    pub flags: CadreFlags,
}

/// The ten gates of a case: 1 qualification gate + the steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 任职资格 (and 凡提必审: 职数).
    Qualification,
    /// 动议.
    Initiation,
    /// 提名推荐 (initial nomination and democratic recommendation).
    Nomination,
    /// 组织考察 (考察对象 and inspection).
    Inspection,
    /// 酝酿 (with the four pre-appointment checks).
    Deliberation,
    /// 征求意见.
    Consultation,
    /// 讨论决定.
    Decision,
    /// 任前公示.
    Publicity,
    /// 任职.
    Appointment,
    /// 试用期转正.
    Probation,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 10] = [
        Step::Qualification,
        Step::Initiation,
        Step::Nomination,
        Step::Inspection,
        Step::Deliberation,
        Step::Consultation,
        Step::Decision,
        Step::Publicity,
        Step::Appointment,
        Step::Probation,
    ];

    /// Position in the order (0-based).
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step before, if any.
    pub fn previous(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Step::Qualification, true) => "任职资格",
            (Step::Initiation, true) => "动议",
            (Step::Nomination, true) => "提名推荐",
            (Step::Inspection, true) => "组织考察",
            (Step::Deliberation, true) => "酝酿",
            (Step::Consultation, true) => "征求意见",
            (Step::Decision, true) => "讨论决定",
            (Step::Publicity, true) => "任前公示",
            (Step::Appointment, true) => "任职",
            (Step::Probation, true) => "试用期转正",
            (Step::Qualification, false) => "Qualification",
            (Step::Initiation, false) => "Initiation",
            (Step::Nomination, false) => "Nomination",
            (Step::Inspection, false) => "Inspection",
            (Step::Deliberation, false) => "Deliberation",
            (Step::Consultation, false) => "Seeking opinions",
            (Step::Decision, false) => "Decision",
            (Step::Publicity, false) => "Publicity",
            (Step::Appointment, false) => "Appointment",
            (Step::Probation, false) => "Probation",
        }
    }
}

/// Who nominated (提名方式, seed 003).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominatorKind {
    /// 个人署名推荐: the recommender is the 首提责任人.
    Named,
    /// 领导干部提名.
    Leader,
    /// 单位党组织提名: its main leader is the 首提责任人.
    UnitParty,
    /// 组织提名 (组织部门集体): its head is the 首提责任人.
    Organization,
}

/// Kind of democratic recommendation (民主推荐, seed 001).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationKind {
    /// 会议推荐.
    Meeting,
    /// 个别谈话推荐.
    Talk,
}

/// The five inspection dimensions (seed 003), each 0..=policy maximum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    /// 品德修养.
    pub character: u32,
    /// 能力素质.
    pub ability: u32,
    /// 工作实绩.
    pub performance: u32,
    /// 民意基础.
    pub support: u32,
    /// 发展潜力.
    pub potential: u32,
}

impl Dimensions {
    /// Sum of the five scores (u64: no score read from a record can overflow it).
    pub fn total(&self) -> u64 {
        self.all().iter().map(|s| u64::from(*s)).sum()
    }

    /// The scores, in the seed's order.
    pub fn all(&self) -> [u32; 5] {
        [
            self.character,
            self.ability,
            self.performance,
            self.support,
            self.potential,
        ]
    }
}

/// The four pre-appointment checks (seed 004).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// 凡提必审: 职数 not exceeded.
    Quota,
    /// 凡提必查: personnel file.
    File,
    /// 凡提必核: personal-matters report (个人有关事项报告).
    PersonalReport,
    /// 凡提必听: discipline-inspection (党风廉政) opinion.
    Integrity,
}

impl CheckKind {
    /// All four.
    pub const ALL: [CheckKind; 4] = [
        CheckKind::Quota,
        CheckKind::File,
        CheckKind::PersonalReport,
        CheckKind::Integrity,
    ];

    /// Chinese display name.
    pub fn label(self) -> &'static str {
        self.label_in(true)
    }

    /// Display name in Chinese (`zh`) or English.
    pub fn label_in(self, zh: bool) -> &'static str {
        match (self, zh) {
            (CheckKind::Quota, true) => "凡提必审（职数）",
            (CheckKind::File, true) => "凡提必查（档案）",
            (CheckKind::PersonalReport, true) => "凡提必核（个人有关事项报告）",
            (CheckKind::Integrity, true) => "凡提必听（党风廉政意见）",
            (CheckKind::Quota, false) => "quota check",
            (CheckKind::File, false) => "personnel-file check",
            (CheckKind::PersonalReport, false) => "personal-matters report check",
            (CheckKind::Integrity, false) => "integrity opinion check",
        }
    }
}

/// How a 公示 complaint's verification ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// Not substantiated or does not affect use (不影响任用).
    Dismissed,
    /// Substantiated and affects use: the cadre is not appointed in this case.
    Upheld,
}

/// One record of a step: the typed form, with the date it refers to. A step may hold
/// several records (e.g. one nomination per candidate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepRecord {
    /// 任职资格: the posts' qualification conditions were checked; quota is computed.
    Qualification { on: NaiveDate, conditions: String },
    /// 动议: who proposed, why, scope and method.
    Initiation {
        on: NaiveDate,
        proposer: String,
        reason: String,
        scope: String,
        method: String,
    },
    /// 初始提名 of one candidate for one post.
    Nomination {
        on: NaiveDate,
        post: String,
        cadre: String,
        kind: NominatorKind,
        /// 首提责任人.
        first_nominator: String,
        reasons: String,
        strengths: String,
        weaknesses: String,
        /// 与被推荐人的亲属关系 ("无" if none).
        kinship: String,
        /// 签名 (named recommendation: the recommender's signature).
        signature: String,
    },
    /// 民主推荐 result for a post.
    Recommendation {
        on: NaiveDate,
        post: String,
        kind: RecommendationKind,
        /// 应参加人数.
        eligible: u32,
        /// 实参加人数.
        participants: u32,
        /// Cadre id → votes.
        votes: BTreeMap<String, u32>,
    },
    /// 确定考察对象 for a post (exclusions checked).
    Target {
        on: NaiveDate,
        post: String,
        cadre: String,
    },
    /// 组织考察 of one target: five dimension scores, conclusion.
    Inspection {
        on: NaiveDate,
        post: String,
        cadre: String,
        scores: Dimensions,
        /// 延伸考察: computed, less than the policy months in the current post.
        extended: bool,
        conclusion: String,
    },
    /// 酝酿: the proposed appointee per post.
    Deliberation {
        on: NaiveDate,
        /// Post id → cadre id.
        proposed: BTreeMap<String, String>,
        participants: String,
        opinion: String,
    },
    /// One of the four pre-appointment checks for a proposed appointee.
    Check {
        on: NaiveDate,
        cadre: String,
        check: CheckKind,
        passed: bool,
        note: String,
    },
    /// 征求意见: one body's answer about a proposed appointee.
    Opinion {
        on: NaiveDate,
        cadre: String,
        body: String,
        answer: String,
    },
    /// 讨论决定: one vote on a proposed appointee.
    Vote {
        on: NaiveDate,
        /// 常委会 / 全委会.
        meeting: String,
        post: String,
        cadre: String,
        members: u32,
        present: u32,
        votes_for: u32,
        against: u32,
        abstain: u32,
        /// Whether it passed under the policy in force (computed).
        passed: bool,
        /// Minutes, audio or video reference.
        minutes: String,
    },
    /// 任前公示 opened: the window is computed on working days.
    PublicityOpened {
        on: NaiveDate,
        end: NaiveDate,
        channel: String,
    },
    /// A complaint received during publicity.
    Complaint {
        on: NaiveDate,
        cadre: String,
        complainant: String,
        content: String,
    },
    /// A complaint verified (event id of the complaint).
    ComplaintVerified {
        on: NaiveDate,
        complaint: String,
        finding: Finding,
        note: String,
    },
    /// 任前公示 closed after its window, with no unresolved complaint.
    PublicityClosed { on: NaiveDate, result: String },
    /// 任职 of one cadre to one post.
    Appointment {
        on: NaiveDate,
        post: String,
        cadre: String,
        document: String,
    },
    /// 试用期 ended: 转正 (confirmed) or not.
    ProbationEnded {
        on: NaiveDate,
        cadre: String,
        confirmed: bool,
        note: String,
    },
}

impl StepRecord {
    /// The step this record belongs to.
    pub fn step(&self) -> Step {
        use StepRecord::*;
        match self {
            Qualification { .. } => Step::Qualification,
            Initiation { .. } => Step::Initiation,
            Nomination { .. } | Recommendation { .. } => Step::Nomination,
            Target { .. } | Inspection { .. } => Step::Inspection,
            Deliberation { .. } | Check { .. } => Step::Deliberation,
            Opinion { .. } => Step::Consultation,
            Vote { .. } => Step::Decision,
            PublicityOpened { .. }
            | Complaint { .. }
            | ComplaintVerified { .. }
            | PublicityClosed { .. } => Step::Publicity,
            Appointment { .. } => Step::Appointment,
            ProbationEnded { .. } => Step::Probation,
        }
    }

    /// The date the record refers to.
    pub fn on(&self) -> NaiveDate {
        use StepRecord::*;
        match self {
            Qualification { on, .. }
            | Initiation { on, .. }
            | Nomination { on, .. }
            | Recommendation { on, .. }
            | Target { on, .. }
            | Inspection { on, .. }
            | Deliberation { on, .. }
            | Check { on, .. }
            | Opinion { on, .. }
            | Vote { on, .. }
            | PublicityOpened { on, .. }
            | Complaint { on, .. }
            | ComplaintVerified { on, .. }
            | PublicityClosed { on, .. }
            | Appointment { on, .. }
            | ProbationEnded { on, .. } => *on,
        }
    }

    /// Stable name of the record's form.
    pub fn form(&self) -> &'static str {
        use StepRecord::*;
        match self {
            Qualification { .. } => "qualification",
            Initiation { .. } => "initiation",
            Nomination { .. } => "nomination",
            Recommendation { .. } => "recommendation",
            Target { .. } => "target",
            Inspection { .. } => "inspection",
            Deliberation { .. } => "deliberation",
            Check { .. } => "check",
            Opinion { .. } => "opinion",
            Vote { .. } => "vote",
            PublicityOpened { .. } => "publicity_opened",
            Complaint { .. } => "complaint",
            ComplaintVerified { .. } => "complaint_verified",
            PublicityClosed { .. } => "publicity_closed",
            Appointment { .. } => "appointment",
            ProbationEnded { .. } => "probation_ended",
        }
    }

    /// The slot this record fills: two live records of one slot that do not supersede
    /// each other are a conflict. One per case (资格, 动议, 酝酿, 公示开始/结束); per
    /// (post, cadre) for 提名, 考察对象, 考察; per meeting (post, kind, date) for 民主推荐;
    /// per (cadre, check), (cadre, body); per (post, cadre, date) for a vote; per
    /// complaint for its verification; per post for 任职; per cadre for 转正. Each
    /// complaint is its own slot (`None`).
    pub fn slot(&self) -> Option<String> {
        use StepRecord::*;
        let key = match self {
            Qualification { .. }
            | Initiation { .. }
            | Deliberation { .. }
            | PublicityOpened { .. }
            | PublicityClosed { .. } => String::new(),
            Nomination { post, cadre, .. }
            | Target { post, cadre, .. }
            | Inspection { post, cadre, .. } => format!("{post}/{cadre}"),
            Recommendation { post, kind, on, .. } => format!("{post}/{kind:?}/{on}"),
            Check { cadre, check, .. } => format!("{cadre}/{check:?}"),
            Opinion { cadre, body, .. } => format!("{cadre}/{}", body.trim()),
            Vote {
                post, cadre, on, ..
            } => format!("{post}/{cadre}/{on}"),
            Complaint { .. } => return None,
            ComplaintVerified { complaint, .. } => complaint.clone(),
            Appointment { post, .. } => post.clone(),
            ProbationEnded { cadre, .. } => cadre.clone(),
        };
        Some(format!("{}/{key}", self.form()))
    }

    /// Every id the record names, with its form field: (id, field).
    pub fn ids(&self) -> Vec<(&str, &'static str)> {
        use StepRecord::*;
        let mut out = Vec::new();
        match self {
            Nomination { post, cadre, .. }
            | Target { post, cadre, .. }
            | Inspection { post, cadre, .. }
            | Vote { post, cadre, .. }
            | Appointment { post, cadre, .. } => {
                out.push((post.as_str(), "post"));
                out.push((cadre.as_str(), "cadre"));
            }
            Recommendation { post, votes, .. } => {
                out.push((post.as_str(), "post"));
                out.extend(votes.keys().map(|c| (c.as_str(), "votes")));
            }
            Deliberation { proposed, .. } => {
                for (p, c) in proposed {
                    out.extend([(p.as_str(), "proposed"), (c.as_str(), "proposed")]);
                }
            }
            Check { cadre, .. }
            | Opinion { cadre, .. }
            | Complaint { cadre, .. }
            | ProbationEnded { cadre, .. } => out.push((cadre.as_str(), "cadre")),
            ComplaintVerified { complaint, .. } => out.push((complaint.as_str(), "complaint")),
            Qualification { .. }
            | Initiation { .. }
            | PublicityOpened { .. }
            | PublicityClosed { .. } => {}
        }
        out
    }

    /// The required fields of this form: (filled, required). Numbers and dates are
    /// always filled (the decider refuses them otherwise); text fields count when
    /// non-blank. Used for 填写率.
    pub fn required_fields(&self) -> (u32, u32) {
        use StepRecord::*;
        let texts: Vec<&str> = match self {
            Qualification { conditions, .. } => vec![conditions],
            Initiation {
                proposer,
                reason,
                scope,
                method,
                ..
            } => vec![proposer, reason, scope, method],
            Nomination {
                first_nominator,
                reasons,
                strengths,
                weaknesses,
                kinship,
                signature,
                kind,
                ..
            } => {
                let mut v = vec![first_nominator.as_str(), reasons.as_str()];
                if *kind == NominatorKind::Named {
                    v.extend([
                        strengths.as_str(),
                        weaknesses.as_str(),
                        kinship.as_str(),
                        signature.as_str(),
                    ]);
                }
                v
            }
            Recommendation { .. } | Target { .. } | Vote { .. } => vec![],
            Inspection { conclusion, .. } => vec![conclusion],
            Deliberation {
                participants,
                opinion,
                ..
            } => vec![participants, opinion],
            Check { note, .. } => vec![note],
            Opinion { answer, .. } => vec![answer],
            PublicityOpened { channel, .. } => vec![channel],
            Complaint {
                complainant,
                content,
                ..
            } => vec![complainant, content],
            ComplaintVerified { note, .. } => vec![note],
            PublicityClosed { result, .. } => vec![result],
            Appointment { document, .. } => vec![document],
            ProbationEnded { note, .. } => vec![note],
        };
        // The date (and, where present, post/cadre/counts) always counts as one filled field.
        let filled = texts
            .iter()
            .filter(|t| !crate::domain::text::blank(t))
            .count() as u32;
        (filled + 1, texts.len() as u32 + 1)
    }
}

/// Why a case ended without (further) appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// A 公示 complaint was verified as upheld (属实，影响任用).
    ComplaintUpheld,
    /// The decision vote failed (表决未通过).
    VoteFailed,
    /// The candidate withdrew, or was withdrawn (人选退出).
    Withdrawn,
    /// Not an ending: the endings it supersedes are withdrawn (撤销终止) and the case
    /// continues.
    Revoked,
}

impl Ending {
    /// Every ending a case can end with (`Revoked` withdraws one).
    pub const ALL: [Ending; 3] = [
        Ending::ComplaintUpheld,
        Ending::VoteFailed,
        Ending::Withdrawn,
    ];

    /// Stable key (as serialized).
    pub const fn key(self) -> &'static str {
        match self {
            Ending::ComplaintUpheld => "complaint_upheld",
            Ending::VoteFailed => "vote_failed",
            Ending::Withdrawn => "withdrawn",
            Ending::Revoked => "revoked",
        }
    }

    /// Display name.
    pub const fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Ending::ComplaintUpheld, true) => "公示举报经核实属实",
            (Ending::ComplaintUpheld, false) => "Publicity complaint upheld",
            (Ending::VoteFailed, true) => "表决未通过",
            (Ending::VoteFailed, false) => "Vote failed",
            (Ending::Withdrawn, true) => "人选退出",
            (Ending::Withdrawn, false) => "Candidate withdrawn",
            (Ending::Revoked, true) => "撤销终止，事项继续",
            (Ending::Revoked, false) => "Ending withdrawn; the case continues",
        }
    }
}

/// Display name of a step-record form (`StepRecord::form`).
pub fn form_label(form: &str, zh: bool) -> &'static str {
    const LABELS: [(&str, &str, &str); 16] = [
        ("qualification", "任职资格审查", "Qualification"),
        ("initiation", "动议", "Initiation"),
        ("nomination", "初始提名", "Nomination"),
        ("recommendation", "民主推荐", "Democratic recommendation"),
        ("target", "确定考察对象", "Inspection target"),
        ("inspection", "组织考察", "Inspection"),
        ("deliberation", "酝酿", "Deliberation"),
        ("check", "任前审核（凡提四必）", "Pre-appointment check"),
        ("opinion", "征求意见", "Opinion"),
        ("vote", "讨论决定（票决）", "Vote"),
        ("publicity_opened", "开始任前公示", "Open publicity"),
        ("complaint", "受理举报", "Complaint"),
        ("complaint_verified", "举报核实", "Complaint verified"),
        ("publicity_closed", "公示结束", "Close publicity"),
        ("appointment", "任职", "Appointment"),
        ("probation_ended", "试用期满", "Probation ended"),
    ];
    LABELS
        .iter()
        .find(|l| l.0 == form)
        .map(|l| if zh { l.1 } else { l.2 })
        .unwrap_or("")
}

/// Round of the new appointee's disclosure (有关事项公开, seed 002 开鲁).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    /// After becoming an inspection target, before the decision.
    First,
    /// After the decision.
    Second,
}

/// The nine personal matters disclosed (个人有关事项).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalMatters {
    /// 婚姻变化情况.
    pub marriage: String,
    /// 持有因私出入境证件情况.
    pub passports: String,
    /// 因私出国（境）情况.
    pub trips_abroad: String,
    /// 配偶、子女移居国（境）外情况.
    pub family_emigration: String,
    /// 配偶、子女从业情况.
    pub family_employment: String,
    /// 本人工资及各类奖金、津贴、补贴.
    pub pay: String,
    /// 房产情况.
    pub property: String,
    /// 投资情况 (股票、基金、保险).
    pub investments: String,
    /// 配偶、子女经商办企业情况.
    pub family_companies: String,
}

/// The record-keeping chain: re-check, then the four signatures in order (seed 003).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignOff {
    /// 复核: another staff member re-checks against the originals.
    Recheck,
    /// 记录人.
    Recorder,
    /// 干部科科长.
    CadreSectionChief,
    /// 干部监督科科长.
    SupervisionSectionChief,
    /// 分管副部长.
    DeputyHead,
}

impl SignOff {
    /// Stable key (as serialized).
    pub fn key(self) -> &'static str {
        match self {
            SignOff::Recheck => "recheck",
            SignOff::Recorder => "recorder",
            SignOff::CadreSectionChief => "cadre_section_chief",
            SignOff::SupervisionSectionChief => "supervision_section_chief",
            SignOff::DeputyHead => "deputy_head",
        }
    }

    /// The chain, in order.
    pub const CHAIN: [SignOff; 5] = [
        SignOff::Recheck,
        SignOff::Recorder,
        SignOff::CadreSectionChief,
        SignOff::SupervisionSectionChief,
        SignOff::DeputyHead,
    ];

    /// Roles that may sign this node (the table in `access::field_rules`, which the
    /// server enforces too).
    pub fn roles(self) -> &'static [Role] {
        crate::domain::access::field_roles("w4_signed", "sign", self.key()).unwrap_or(&[])
    }

    /// Chinese display name.
    pub fn label(self) -> &'static str {
        self.label_in(true)
    }

    /// Display name in Chinese (`zh`) or English.
    pub fn label_in(self, zh: bool) -> &'static str {
        match (self, zh) {
            (SignOff::Recheck, true) => "复核",
            (SignOff::Recorder, true) => "记录人",
            (SignOff::CadreSectionChief, true) => "干部科科长",
            (SignOff::SupervisionSectionChief, true) => "干部监督科科长",
            (SignOff::DeputyHead, true) => "分管副部长",
            (SignOff::Recheck, false) => "Re-check",
            (SignOff::Recorder, false) => "Recorder",
            (SignOff::CadreSectionChief, false) => "Cadre section chief",
            (SignOff::SupervisionSectionChief, false) => "Supervision section chief",
            (SignOff::DeputyHead, false) => "Deputy head",
        }
    }

    /// Whether a signature of this line recorded in `role` counts. Records written
    /// before the two section-chief roles existed (no digest: `legacy`) were signed on
    /// the chiefs' lines by the generic `reviewer`; those stay valid.
    pub fn signable_by(self, role: Role, legacy: bool) -> bool {
        let chiefs = matches!(
            self,
            SignOff::CadreSectionChief | SignOff::SupervisionSectionChief
        );
        self.roles().contains(&role) || (legacy && chiefs && role == Role::Reviewer)
    }
}

/// The two submission nodes (seed 003).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Submission {
    /// 初次提交: covers 任职资格 … 讨论决定; due days after the decision.
    Initial,
    /// 二次提交: covers everything up to 任职.
    Second,
}

impl Submission {
    /// The last step the submission covers.
    pub fn last_step(self) -> Step {
        match self {
            Submission::Initial => Step::Decision,
            Submission::Second => Step::Appointment,
        }
    }

    /// Chinese display name.
    pub fn label(self) -> &'static str {
        self.label_in(true)
    }

    /// Display name in Chinese (`zh`) or English.
    pub fn label_in(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Submission::Initial, true) => "初次提交",
            (Submission::Second, true) => "二次提交",
            (Submission::Initial, false) => "Initial submission",
            (Submission::Second, false) => "Second submission",
        }
    }
}

/// A post (职位) with its quota (职数) in a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Stable id.
    pub id: String,
    /// Unit.
    pub unit: String,
    /// Title.
    pub title: String,
    /// 职数.
    pub quota: u32,
}
