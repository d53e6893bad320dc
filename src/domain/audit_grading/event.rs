//! The records of the economic-responsibility audit graded dynamically (经济责任审计动态
//! 分级, W8, seed 002 霍林郭勒): a unit's year (its budget, the three refinement factors,
//! its special funds, its head's days in office), the county's adjustments of a year's
//! plan with their reasons, and the audits done. All live in the audit database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Audit};
use crate::domain::event::Role::{Admin, Auditor};

/// A special fund (专项资金) or key project a unit carries out in a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialFund {
    /// Its amount, whole yuan.
    pub amount: u64,
    /// What it is for (项目、用途).
    pub purpose: String,
}

/// The records of the economic-responsibility audit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditGradingEvent {
    /// A unit's year recorded (or that year's record corrected, naming why).
    AuditUnitYear {
        /// The unit (预算单位) id.
        audit_unit: String,
        /// Its name.
        name: String,
        /// The budget year.
        year: i32,
        /// 部门财政预算资金, whole yuan.
        budget: u64,
        /// 行政、经济决策权重: 0 none, 1 some, 2 large, 3 very large.
        decision: u32,
        /// 资金分配权重: 0–3 as `decision`.
        allocation: u32,
        /// 社会关注度 (群众反响、反映问题集中): 0–3 as `decision`.
        attention: u32,
        /// The special funds and key projects of that year.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        funds: Vec<SpecialFund>,
        /// The day its head (主要负责人) took office.
        head_since: NaiveDate,
        /// The day its head left office, if they did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        head_left: Option<NaiveDate>,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        correction: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The county put a unit into a year's plan or took it out, with why (a later
    /// adjustment of the same unit and year names the ones it saw).
    AuditPlanAdjusted {
        /// The plan's year.
        year: i32,
        /// The unit.
        audit_unit: String,
        /// Put in (`true`) or taken out.
        add: bool,
        /// Why.
        reason: String,
        /// The adjustments of this unit and year it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A unit's economic-responsibility audit done (or that record corrected or
    /// withdrawn).
    AuditDone {
        /// The unit.
        audit_unit: String,
        /// The day the report was issued.
        on: NaiveDate,
        /// The report's number (审计报告文号).
        report: String,
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
}

impl AuditGradingEvent {
    /// In the audit database; the audit office and the county administrator write them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("audit_unit_year", Audit, &[Auditor, Admin]),
        rule("audit_plan_adjusted", Audit, &[Auditor, Admin]),
        rule("audit_done", Audit, &[Auditor, Admin]),
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
    pub const ID_KEYS: &'static [&'static str] = &["audit_unit", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] =
        &["audit_unit_year", "audit_plan_adjusted", "audit_done"];

    /// Audit records are county-wide, about no one township.
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
            AuditGradingEvent::AuditUnitYear { .. } => "audit_unit_year",
            AuditGradingEvent::AuditPlanAdjusted { .. } => "audit_plan_adjusted",
            AuditGradingEvent::AuditDone { .. } => "audit_done",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            AuditGradingEvent::AuditUnitYear {
                audit_unit,
                supersedes,
                ..
            } => std::iter::once(audit_unit)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            AuditGradingEvent::AuditPlanAdjusted {
                audit_unit,
                supersedes,
                ..
            } => std::iter::once(audit_unit)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            AuditGradingEvent::AuditDone {
                audit_unit,
                corrects,
                supersedes,
                ..
            } => std::iter::once(audit_unit)
                .chain(Some(corrects).filter(|c| !c.is_empty()))
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
        }
    }

    /// The subject: the unit, or the plan's year.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            AuditGradingEvent::AuditUnitYear { audit_unit, .. }
            | AuditGradingEvent::AuditDone { audit_unit, .. } => write!(out, "audit/{audit_unit}"),
            AuditGradingEvent::AuditPlanAdjusted { year, .. } => write!(out, "audit/plan/{year}"),
        }
    }
}
