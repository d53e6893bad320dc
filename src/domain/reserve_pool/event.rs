//! The records of the reserve pools (后备干部、年轻干部, W9, seeds 000 and 002 库伦旗): a
//! cadre entering a pool's echelon, leaving it by decision, their training and
//! rotations (一人一档), and the pool's two-yearly top-up and five-yearly open
//! selection held. All live with the county's cadre records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Cadre};
use crate::domain::event::Role::{Approver, Recorder};

/// 梯队: the echelon of a pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Echelon {
    /// 第一梯队 (库伦旗: young 科级 cadres trained first).
    First,
    /// 第二梯队 (库伦旗: civil servants under 35 and 选调生).
    Second,
}

impl Echelon {
    /// Both, in order.
    pub const ALL: [Echelon; 2] = [Echelon::First, Echelon::Second];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Echelon::First, true) => "第一梯队",
            (Echelon::Second, true) => "第二梯队",
            (Echelon::First, false) => "First echelon",
            (Echelon::Second, false) => "Second echelon",
        }
    }
}

/// What a person in a pool was trained or tested by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// 教育培训.
    Course,
    /// 挂职锻炼.
    Secondment,
    /// 轮岗交流.
    Rotation,
    /// 基层一线、重点工作历练.
    FrontLine,
}

impl TrainingKind {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (TrainingKind::Course, true) => "教育培训",
            (TrainingKind::Secondment, true) => "挂职锻炼",
            (TrainingKind::Rotation, true) => "轮岗交流",
            (TrainingKind::FrontLine, true) => "基层一线历练",
            (TrainingKind::Course, false) => "Course",
            (TrainingKind::Secondment, false) => "Secondment",
            (TrainingKind::Rotation, false) => "Rotation",
            (TrainingKind::FrontLine, false) => "Front-line work",
        }
    }
}

/// A pool-wide review (seed 000: 每两年补充调整，每5年公开选拔).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolReview {
    /// 补充调整, every two years.
    TopUp,
    /// 公开选拔, every five years.
    OpenSelection,
}

impl PoolReview {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (PoolReview::TopUp, true) => "后备干部库补充调整",
            (PoolReview::OpenSelection, true) => "后备干部公开选拔",
            (PoolReview::TopUp, false) => "Pool top-up",
            (PoolReview::OpenSelection, false) => "Open selection",
        }
    }
}

/// The records of the reserve pools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservePoolEvent {
    /// A cadre entered a pool (or the entry corrected: its echelon, day or reason).
    ReserveEntered {
        /// The entry's id.
        entry: String,
        /// The cadre.
        cadre: String,
        /// The echelon.
        echelon: Echelon,
        /// How and why (推荐方式、依据).
        reason: String,
        /// The day.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        correction: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A cadre left a pool by decision (used, moved, or taken out), or that leaving
    /// withdrawn (recorded by mistake).
    ReserveLeft {
        /// The entry.
        entry: String,
        /// Why (or why it is withdrawn).
        reason: String,
        /// The day.
        on: NaiveDate,
        /// Whether this withdraws the leavings it replaces.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A person in a pool was trained or tested (一人一档).
    ReserveTrained {
        /// The entry.
        entry: String,
        /// How.
        training: TrainingKind,
        /// What, where.
        note: String,
        /// From.
        from: NaiveDate,
        /// Until (none: still under way).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<NaiveDate>,
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
    /// The pool's top-up or open selection was held.
    PoolReviewed {
        /// Which.
        review: PoolReview,
        /// What was done.
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
}

impl ReservePoolEvent {
    /// With the cadre records; the organization department's recorder and approver
    /// write them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("reserve_entered", Cadre, &[Recorder, Approver]),
        rule("reserve_left", Cadre, &[Recorder, Approver]),
        rule("reserve_trained", Cadre, &[Recorder, Approver]),
        rule("pool_reviewed", Cadre, &[Recorder, Approver]),
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
    pub const ID_KEYS: &'static [&'static str] = &["entry", "cadre", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "reserve_entered",
        "reserve_left",
        "reserve_trained",
        "pool_reviewed",
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
            ReservePoolEvent::ReserveEntered { .. } => "reserve_entered",
            ReservePoolEvent::ReserveLeft { .. } => "reserve_left",
            ReservePoolEvent::ReserveTrained { .. } => "reserve_trained",
            ReservePoolEvent::PoolReviewed { .. } => "pool_reviewed",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            ReservePoolEvent::ReserveEntered {
                entry,
                cadre,
                supersedes,
                ..
            } => [entry, cadre]
                .into_iter()
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            ReservePoolEvent::ReserveLeft {
                entry, supersedes, ..
            } => std::iter::once(entry)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            ReservePoolEvent::ReserveTrained {
                entry,
                corrects,
                supersedes,
                ..
            } => std::iter::once(entry)
                .chain(Some(corrects).filter(|c| !c.is_empty()))
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            ReservePoolEvent::PoolReviewed {
                corrects,
                supersedes,
                ..
            } => Some(corrects)
                .filter(|c| !c.is_empty())
                .into_iter()
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
        }
    }

    /// The subject: the entry, or the pool.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            ReservePoolEvent::ReserveEntered { entry, .. }
            | ReservePoolEvent::ReserveLeft { entry, .. }
            | ReservePoolEvent::ReserveTrained { entry, .. } => write!(out, "reserve/{entry}"),
            ReservePoolEvent::PoolReviewed { .. } => write!(out, "reserve/pool"),
        }
    }
}
