//! 经济责任审计's section of the county's policy (`Policy::audit_grading`), every number
//! from seed 002 (霍林郭勒市): the budget tiers "500万元以上、300—500万、300万以下", the
//! coverage "一级……每年审计数量要达到总数的35%以上，三年内实现全覆盖；二级……20%以上，
//! 五年内实现全覆盖；三级……离任必审，任期满五年必审，任中抽审，每年……选择1—2个部门",
//! and the special funds "1亿元以上……特殊级别；1亿元以下1千万元以上……上一审计级别；
//! 1千万元以下的，实行当年调级，两年内审计".
//!
//! The seed names the refinement factors (行政决策权重、经济决策权重、资金分配权重、
//! 社会关注度) but gives them no numbers: each unit's factor is rated 0–3 (decision
//! power, allocation power, public attention), weighted 1 each by default; a weighted sum
//! of at least 7 (of 9) raises the budget tier one level, one of at most 2 lowers it.

use serde::{Deserialize, Serialize};

/// 经济责任审计 (W8) numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditPolicy {
    /// A budget of at least this is the first tier, whole yuan (seed: 500万 → 5,000,000).
    pub tier_high_yuan: u32,
    /// A budget of at least this (and below the first tier's) is the second tier; below
    /// it the third, whole yuan (seed: 300万 → 3,000,000).
    pub tier_low_yuan: u32,
    /// Special funds of at least this make the unit the special level, audited (tracked)
    /// that year, whole yuan (seed: 1亿 → 100,000,000).
    pub fund_special_yuan: u32,
    /// Special funds of at least this (below the special cut-off) raise the unit one
    /// level; below it they raise it that year and it is audited within
    /// `fund_audit_years`, whole yuan (seed: 1千万 → 10,000,000).
    pub fund_up_yuan: u32,
    /// Years within which a unit with special funds under `fund_up_yuan` is audited,
    /// counting the fund's year (seed: 两年内 → 2).
    pub fund_audit_years: u32,
    /// Level 1: least share audited a year, percent (seed: 35).
    pub level1_pct: u32,
    /// Level 1: every unit audited within this many years (seed: 3).
    pub level1_years: u32,
    /// Level 2: least share audited a year, percent (seed: 20).
    pub level2_pct: u32,
    /// Level 2: every unit audited within this many years (seed: 5).
    pub level2_years: u32,
    /// Level 3: a head this many years in office is audited (seed: 任期满五年 → 5).
    pub level3_term_years: u32,
    /// Level 3: fewest units sampled a year (seed: 1).
    pub sample_min: u32,
    /// Level 3: most units sampled a year (seed: 2).
    pub sample_max: u32,
    /// Weight of the decision-power factor (行政、经济决策权重; the seed gives none: 1).
    pub decision_weight: u32,
    /// Weight of the allocation-power factor (资金分配权重; the seed gives none: 1).
    pub allocation_weight: u32,
    /// Weight of public attention (社会关注度; the seed gives none: 1).
    pub attention_weight: u32,
    /// A weighted factor sum of at least this raises the unit one level (default 7).
    pub raise_at: u32,
    /// A weighted factor sum of at most this lowers the unit one level (default 2).
    pub lower_at: u32,
}

impl Default for AuditPolicy {
    fn default() -> Self {
        AuditPolicy {
            tier_high_yuan: 5_000_000,
            tier_low_yuan: 3_000_000,
            fund_special_yuan: 100_000_000,
            fund_up_yuan: 10_000_000,
            fund_audit_years: 2,
            level1_pct: 35,
            level1_years: 3,
            level2_pct: 20,
            level2_years: 5,
            level3_term_years: 5,
            sample_min: 1,
            sample_max: 2,
            decision_weight: 1,
            allocation_weight: 1,
            attention_weight: 1,
            raise_at: 7,
            lower_at: 2,
        }
    }
}

impl AuditPolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == AuditPolicy::default()
    }
}
