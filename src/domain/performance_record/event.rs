//! The records of the everyday performance record (实绩纪实, seed 004 淮安清河: 日记录、
//! 周申报): a cadre's day of work, corrected or withdrawn with a reason, and the week's
//! report compiled from those days. All live in the performance database, written by
//! the cadre in their own name (the server checks `by` is the record's author).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Performance};
use crate::domain::event::Role::Cadre;

/// What a day's work was about (seed 004: 聚焦发展推动、聚焦日常管理、聚焦民生服务).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkCategory {
    /// 发展推动: projects and the key tasks of development.
    Development,
    /// 日常管理: the unit's daily management.
    Management,
    /// 民生服务: services to the people.
    Service,
    /// 其他.
    Other,
}

impl WorkCategory {
    /// Every category, in display order.
    pub const ALL: [WorkCategory; 4] = [
        WorkCategory::Development,
        WorkCategory::Management,
        WorkCategory::Service,
        WorkCategory::Other,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (WorkCategory::Development, true) => "发展推动",
            (WorkCategory::Management, true) => "日常管理",
            (WorkCategory::Service, true) => "民生服务",
            (WorkCategory::Other, true) => "其他",
            (WorkCategory::Development, false) => "Development",
            (WorkCategory::Management, false) => "Management",
            (WorkCategory::Service, false) => "Public service",
            (WorkCategory::Other, false) => "Other",
        }
    }
}

/// The records of the everyday performance record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerformanceRecordEvent {
    /// 日记录: a day's work (or a correction or withdrawal of one recorded).
    WorkLogged {
        /// The cadre (a W4 profile).
        cadre: String,
        /// Who recorded it: the record's author, the cadre by name.
        by: String,
        /// The day the work was done.
        day: NaiveDate,
        /// What it was about.
        category: WorkCategory,
        /// The project or task it belongs to (may be empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        project: String,
        /// The work done, in a few words.
        text: String,
        /// The record it corrects (the id of the event that first recorded it; empty for
        /// a new one).
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
    /// 周申报: the week's report, compiled from its daily records and submitted (again:
    /// it replaces the earlier submission of the week).
    WeekSubmitted {
        /// The cadre.
        cadre: String,
        /// Who submitted it: the record's author, the cadre by name.
        by: String,
        /// The week, by its Monday (Beijing dates).
        week: NaiveDate,
        /// The daily records it compiles, by record id (the event that first recorded
        /// each).
        entries: Vec<String>,
        /// The week's summary (may be empty when it has daily records).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        summary: String,
        /// The submissions of the week it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl PerformanceRecordEvent {
    /// In the performance database; a cadre writes their own.
    pub const ACCESS: &'static [KindRule] = &[
        rule("work_logged", Performance, &[Cadre]),
        rule("week_submitted", Performance, &[Cadre]),
    ];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// A cadre records and submits only in their own name.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] =
        &[("work_logged", "by"), ("week_submitted", "by")];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: the records a week's report compiles.
    pub const ID_LIST_KEYS: &'static [&'static str] = &["entries"];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["cadre", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &["work_logged", "week_submitted"];

    /// County-wide, about no one township.
    pub fn about(&self) -> Option<About> {
        None
    }

    /// The text of the author field `by`.
    pub fn field_text(&self, field: &str) -> Option<&str> {
        match (self, field) {
            (PerformanceRecordEvent::WorkLogged { by, .. }, "by")
            | (PerformanceRecordEvent::WeekSubmitted { by, .. }, "by") => Some(by),
            _ => None,
        }
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            PerformanceRecordEvent::WorkLogged { .. } => "work_logged",
            PerformanceRecordEvent::WeekSubmitted { .. } => "week_submitted",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            PerformanceRecordEvent::WorkLogged {
                cadre,
                corrects,
                supersedes,
                ..
            } => std::iter::once(cadre)
                .chain(Some(corrects).filter(|c| !c.is_empty()))
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            PerformanceRecordEvent::WeekSubmitted {
                cadre,
                entries,
                supersedes,
                ..
            } => std::iter::once(cadre)
                .chain(entries)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
        }
    }

    /// The subject: the cadre's record.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            PerformanceRecordEvent::WorkLogged { cadre, .. }
            | PerformanceRecordEvent::WeekSubmitted { cadre, .. } => {
                write!(out, "performance/{cadre}")
            }
        }
    }
}
