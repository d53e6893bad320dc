//! The records of the demotion chain (能上能下 链条式, W7, seed 002 科尔沁区): a case
//! opened on a standard, each of its six steps (动议启动 → 调查核实 → 综合分析 → 讨论决定
//! → 告知谈话 → 备案跟踪) and their corrections, the follow-up talks and visits, and the
//! end of the follow-up (重新使用, or ended). All live with the county's cadre records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Cadre};
use crate::domain::event::Role::{Approver, Recorder};

/// The six steps of a disposal, in their strict order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemotionStep {
    /// 动议启动.
    Initiation,
    /// 调查核实.
    Investigation,
    /// 综合分析.
    Analysis,
    /// 讨论决定.
    Decision,
    /// 告知谈话.
    Notice,
    /// 备案跟踪.
    Filing,
}

impl DemotionStep {
    /// Every step, in order.
    pub const ALL: [DemotionStep; 6] = [
        DemotionStep::Initiation,
        DemotionStep::Investigation,
        DemotionStep::Analysis,
        DemotionStep::Decision,
        DemotionStep::Notice,
        DemotionStep::Filing,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (DemotionStep::Initiation, true) => "动议启动",
            (DemotionStep::Investigation, true) => "调查核实",
            (DemotionStep::Analysis, true) => "综合分析",
            (DemotionStep::Decision, true) => "讨论决定",
            (DemotionStep::Notice, true) => "告知谈话",
            (DemotionStep::Filing, true) => "备案跟踪",
            (DemotionStep::Initiation, false) => "Initiation",
            (DemotionStep::Investigation, false) => "Investigation",
            (DemotionStep::Analysis, false) => "Analysis",
            (DemotionStep::Decision, false) => "Decision",
            (DemotionStep::Notice, false) => "Notice talk",
            (DemotionStep::Filing, false) => "Filing and follow-up",
        }
    }

    /// Its serialized name (a form's key part).
    pub fn key(self) -> &'static str {
        match self {
            DemotionStep::Initiation => "initiation",
            DemotionStep::Investigation => "investigation",
            DemotionStep::Analysis => "analysis",
            DemotionStep::Decision => "decision",
            DemotionStep::Notice => "notice",
            DemotionStep::Filing => "filing",
        }
    }

    /// The step before it, if any.
    pub fn before(self) -> Option<DemotionStep> {
        let i = DemotionStep::ALL.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|i| DemotionStep::ALL[i])
    }

    /// The step after it, if any.
    pub fn after(self) -> Option<DemotionStep> {
        let i = DemotionStep::ALL.iter().position(|s| *s == self)?;
        DemotionStep::ALL.get(i + 1).copied()
    }
}

/// How a cadre found unfit for the post is placed (seed: 免职、降职、交流、待岗、离岗培训、
/// 参与重点工作督导).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposal {
    /// 免职.
    Removal,
    /// 降职.
    Demotion,
    /// 交流.
    Transfer,
    /// 待岗.
    Standby,
    /// 离岗培训.
    Training,
    /// 参与重点工作督导.
    Supervision,
}

impl Disposal {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Disposal::Removal, true) => "免职",
            (Disposal::Demotion, true) => "降职",
            (Disposal::Transfer, true) => "交流",
            (Disposal::Standby, true) => "待岗",
            (Disposal::Training, true) => "离岗培训",
            (Disposal::Supervision, true) => "参与重点工作督导",
            (Disposal::Removal, false) => "Removal",
            (Disposal::Demotion, false) => "Demotion",
            (Disposal::Transfer, false) => "Transfer",
            (Disposal::Standby, false) => "Standby",
            (Disposal::Training, false) => "Off-post training",
            (Disposal::Supervision, false) => "Key-work supervision",
        }
    }
}

/// Qualitative (定性) or quantitative (定量) standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardKind {
    /// 定性标准.
    Qualitative,
    /// 定量标准.
    Quantitative,
}

/// A follow-up of a cadre disposed of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// 谈心谈话: by the unit leader or the leader in charge, every month.
    Talk,
    /// 回访: by the organization department, every quarter.
    Visit,
}

impl FollowUpKind {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (FollowUpKind::Talk, true) => "谈心谈话",
            (FollowUpKind::Visit, true) => "组织部门回访",
            (FollowUpKind::Talk, false) => "Talk",
            (FollowUpKind::Visit, false) => "Visit",
        }
    }
}

/// What one step records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepContent {
    /// What was found, said or decided (facts; findings; analysis; meeting and votes;
    /// the talk; the filing).
    pub text: String,
    /// 综合分析: whether the cadre is found unfit for the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfit: Option<bool>,
    /// 讨论决定: how the cadre is placed (`None`: 不予调整).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposal: Option<Disposal>,
    /// 动议启动 from a computed standard: the evidence the records gave.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// The records of the demotion chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemotionChainEvent {
    /// A case opened on a cadre by a standard (with its 动议启动 record beside it).
    DemotionOpened {
        /// The case's id.
        case: String,
        /// The cadre.
        cadre: String,
        /// The standard, as the catalogue said it then.
        standard: String,
        /// Qualitative or quantitative.
        kind: StandardKind,
        /// The day.
        on: NaiveDate,
    },
    /// One step's record (or its correction).
    DemotionStepRecorded {
        /// The case.
        case: String,
        /// Which step.
        step: DemotionStep,
        /// What it records.
        record: StepContent,
        /// The day.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A follow-up talk or visit held (or a record of one corrected or withdrawn).
    DemotionFollowedUp {
        /// The case.
        case: String,
        /// Talk or visit.
        follow_up: FollowUpKind,
        /// Who held it.
        by: String,
        /// What was found.
        note: String,
        /// The day.
        on: NaiveDate,
        /// The record it corrects (the id of the event that first recorded it; empty for a
        /// new one).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        corrects: String,
        /// Whether it withdraws that record (recorded by mistake).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
        /// Why it was corrected or withdrawn.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The follow-up ended: the cadre used again (重新使用), or ended for another reason.
    DemotionClosed {
        /// The case.
        case: String,
        /// Whether the cadre was used again.
        reinstated: bool,
        /// Whether this withdraws a case not yet filed (opened by mistake), rather than
        /// ending a follow-up.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
        /// The post they were given (when reinstated; not `post`, which names a post's
        /// id in W4's records).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        post_given: String,
        /// Why.
        note: String,
        /// The day.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl DemotionChainEvent {
    /// With the cadre records; the organization department's recorder and approver
    /// write them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("demotion_opened", Cadre, &[Recorder, Approver]),
        rule("demotion_step_recorded", Cadre, &[Recorder, Approver]),
        rule("demotion_followed_up", Cadre, &[Recorder, Approver]),
        rule("demotion_closed", Cadre, &[Recorder, Approver]),
    ];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: none.
    pub const ID_LIST_KEYS: &'static [&'static str] = &[];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["case", "cadre", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "demotion_opened",
        "demotion_step_recorded",
        "demotion_followed_up",
        "demotion_closed",
    ];

    /// Cadre records are county-wide, about no one township.
    pub fn about(&self) -> Option<About> {
        None
    }

    /// No payload field has its own access rule.
    pub fn field_text(&self, _field: &str) -> Option<&str> {
        None
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            DemotionChainEvent::DemotionOpened { .. } => "demotion_opened",
            DemotionChainEvent::DemotionStepRecorded { .. } => "demotion_step_recorded",
            DemotionChainEvent::DemotionFollowedUp { .. } => "demotion_followed_up",
            DemotionChainEvent::DemotionClosed { .. } => "demotion_closed",
        }
    }

    /// The case it is about.
    pub fn case(&self) -> &str {
        match self {
            DemotionChainEvent::DemotionOpened { case, .. }
            | DemotionChainEvent::DemotionStepRecorded { case, .. }
            | DemotionChainEvent::DemotionFollowedUp { case, .. }
            | DemotionChainEvent::DemotionClosed { case, .. } => case,
        }
    }

    /// Every id the body names: the case, the cadre, the versions it replaces.
    pub fn ids(&self) -> Vec<&str> {
        let mut out = vec![self.case()];
        match self {
            DemotionChainEvent::DemotionOpened { cadre, .. } => out.push(cadre),
            DemotionChainEvent::DemotionStepRecorded { supersedes, .. }
            | DemotionChainEvent::DemotionClosed { supersedes, .. } => {
                out.extend(supersedes.iter().map(String::as_str))
            }
            DemotionChainEvent::DemotionFollowedUp {
                corrects,
                supersedes,
                ..
            } => {
                out.extend(Some(corrects.as_str()).filter(|c| !c.is_empty()));
                out.extend(supersedes.iter().map(String::as_str));
            }
        }
        out
    }

    /// The subject: the case.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        write!(out, "demotion/{}", self.case())
    }
}
