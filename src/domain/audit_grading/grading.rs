//! 经济责任审计动态分级 (seed 002, 霍林郭勒市): a unit's budget tier, refined by its
//! factors into a level, raised by its special funds.
//!
//! "首先以部门财政预算资金额度作为确定审计级别的基础因素，划分为500万元以上、300—500万、
//! 300万以下三个基础档次": a budget of 5,000,000 yuan or more is the first tier,
//! 3,000,000 up to 4,999,999 the second, below 3,000,000 the third (以上 includes the
//! number; the issue reads it ≥ 5,000,000 / 3,000,000–5,000,000 / < 3,000,000).
//!
//! "在基础档次确定后，将行政决策权重、经济决策权重、资金分配权重、社会关注度等内容作为补充
//! 因素，评定基本审计级别": the tier gives the level (first tier → level 1, …), and the
//! weighted sum of the three factors moves it one level up (a sum at or above
//! `raise_at`) or down (at or below `lower_at`).
//!
//! "资金额度在1亿元以上的，将执行部门列入特殊级别，实行当年调级和跟踪监督；资金额度在1亿元
//! 以下1千万元以上的，执行部门相应调整到上一审计级别；资金额度在1千万元以下的，实行当年调
//! 级，两年内审计": a special fund of 100,000,000 or more makes the unit the special
//! level, audited that year; 10,000,000 up to 99,999,999 raises it one level; any
//! smaller fund raises it one level that year and the unit is audited within two years.
//! The largest single fund of the year counts (each fund is a project of its own), and
//! only in the year it is recorded for (当年调级).

use super::event::SpecialFund;
use super::policy::AuditPolicy;
use super::state::UnitYear;

/// 基础档次: the budget's tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// 500万元以上.
    High,
    /// 300—500万.
    Middle,
    /// 300万以下.
    Low,
}

impl Tier {
    /// Display name under `p`'s cut-offs.
    pub fn label(self, p: &AuditPolicy, zh: bool) -> String {
        let (hi, lo) = (u64::from(p.tier_high_yuan), u64::from(p.tier_low_yuan));
        match (self, zh) {
            (Tier::High, true) => format!("预算{}万元以上档", wan(hi)),
            (Tier::Middle, true) => format!("预算{}—{}万元档", wan(lo), wan(hi)),
            (Tier::Low, true) => format!("预算{}万元以下档", wan(lo)),
            (Tier::High, false) => format!("budget tier ≥ {} yuan", yuan(hi)),
            (Tier::Middle, false) => format!("budget tier {}–{} yuan", yuan(lo), yuan(hi)),
            (Tier::Low, false) => format!("budget tier < {} yuan", yuan(lo)),
        }
    }
}

/// 审计级别: the level of an audited unit (special first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 特殊级别: special funds of 1亿 or more, tracked that year.
    Special,
    /// 一级审计责任主体.
    One,
    /// 二级审计责任主体.
    Two,
    /// 三级审计责任主体.
    Three,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 4] = [Level::Special, Level::One, Level::Two, Level::Three];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Level::Special, true) => "特殊级别",
            (Level::One, true) => "一级",
            (Level::Two, true) => "二级",
            (Level::Three, true) => "三级",
            (Level::Special, false) => "Special level",
            (Level::One, false) => "Level 1",
            (Level::Two, false) => "Level 2",
            (Level::Three, false) => "Level 3",
        }
    }

    /// One level up (level 1 and the special level stay).
    pub fn up(self) -> Level {
        match self {
            Level::Three => Level::Two,
            Level::Two | Level::One => Level::One,
            Level::Special => Level::Special,
        }
    }

    /// One level down (level 3 stays).
    pub fn down(self) -> Level {
        match self {
            Level::One => Level::Two,
            Level::Two | Level::Three => Level::Three,
            Level::Special => Level::Special,
        }
    }
}

/// What a special fund does to its unit's level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundEffect {
    /// 1亿元以上: the special level, audited that year.
    Special,
    /// 1千万—1亿: one level up.
    Up,
    /// 1千万元以下: one level up that year, audited within two years.
    UpAndAudit,
}

/// A unit's level in a year, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    /// The budget's tier.
    pub tier: Tier,
    /// The weighted factor sum.
    pub score: u64,
    /// The level the tier and factors give.
    pub base: Level,
    /// The largest special fund of the year and what it does, if any.
    pub fund: Option<(u64, FundEffect)>,
    /// The level: `base` raised by the fund.
    pub level: Level,
}

/// The tier of `budget` (whole yuan).
pub fn tier(budget: u64, p: &AuditPolicy) -> Tier {
    if budget >= u64::from(p.tier_high_yuan) {
        Tier::High
    } else if budget >= u64::from(p.tier_low_yuan) {
        Tier::Middle
    } else {
        Tier::Low
    }
}

/// What a fund of `amount` yuan does (none for 0).
pub fn fund_effect(amount: u64, p: &AuditPolicy) -> Option<FundEffect> {
    if amount == 0 {
        None
    } else if amount >= u64::from(p.fund_special_yuan) {
        Some(FundEffect::Special)
    } else if amount >= u64::from(p.fund_up_yuan) {
        Some(FundEffect::Up)
    } else {
        Some(FundEffect::UpAndAudit)
    }
}

/// The weighted sum of a year's three factors (each 0–3, weights bounded by the policy;
/// saturating, for a record or policy from elsewhere at the integer limits).
pub fn factor_score(y: &UnitYear, p: &AuditPolicy) -> u64 {
    let w = |rating: u32, weight: u32| u64::from(rating).saturating_mul(u64::from(weight));
    w(y.decision, p.decision_weight)
        .saturating_add(w(y.allocation, p.allocation_weight))
        .saturating_add(w(y.attention, p.attention_weight))
}

/// The largest fund of a list.
pub fn largest(funds: &[SpecialFund]) -> Option<u64> {
    funds.iter().map(|f| f.amount).max()
}

/// The level of a unit in `year` from its record `y` (the year's own record, or the
/// latest before it: then its funds do not count, they raise the level only in their
/// own year).
pub fn grade(y: &UnitYear, year: i32, p: &AuditPolicy) -> Grade {
    let tier = tier(y.budget, p);
    let score = factor_score(y, p);
    let by_tier = match tier {
        Tier::High => Level::One,
        Tier::Middle => Level::Two,
        Tier::Low => Level::Three,
    };
    let base = if score >= u64::from(p.raise_at) {
        by_tier.up()
    } else if score <= u64::from(p.lower_at) {
        by_tier.down()
    } else {
        by_tier
    };
    let fund = largest(&y.funds)
        .filter(|_| y.year == year)
        .and_then(|a| Some((a, fund_effect(a, p)?)));
    let level = match fund {
        Some((_, FundEffect::Special)) => Level::Special,
        Some(_) => base.up(),
        None => base,
    };
    Grade {
        tier,
        score,
        base,
        fund,
        level,
    }
}

/// Why a unit is at its level, in words.
pub fn grade_text(g: &Grade, p: &AuditPolicy, zh: bool) -> String {
    let moved = match (g.base.cmp(&tier_level(g.tier)), zh) {
        (std::cmp::Ordering::Less, true) => {
            format!("，补充因素得分{}（≥{}）上调一级", g.score, p.raise_at)
        }
        (std::cmp::Ordering::Greater, true) => {
            format!("，补充因素得分{}（≤{}）下调一级", g.score, p.lower_at)
        }
        (_, true) => format!("，补充因素得分{}", g.score),
        (std::cmp::Ordering::Less, false) => format!(
            ", factor score {} (≥ {}): one level up",
            g.score, p.raise_at
        ),
        (std::cmp::Ordering::Greater, false) => format!(
            ", factor score {} (≤ {}): one level down",
            g.score, p.lower_at
        ),
        (_, false) => format!(", factor score {}", g.score),
    };
    let fund = g.fund.map(|(a, e)| match (e, zh) {
        (FundEffect::Special, true) => {
            format!("；专项资金{}元，列入特殊级别、当年跟踪审计", yuan(a))
        }
        (FundEffect::Up, true) => format!("；专项资金{}元，调整到上一审计级别", yuan(a)),
        (FundEffect::UpAndAudit, true) => format!(
            "；专项资金{}元，当年调级、{}年内审计",
            yuan(a),
            p.fund_audit_years
        ),
        (FundEffect::Special, false) => format!(
            "; special fund {} yuan: special level, audited this year",
            yuan(a)
        ),
        (FundEffect::Up, false) => format!("; special fund {} yuan: one level up", yuan(a)),
        (FundEffect::UpAndAudit, false) => format!(
            "; special fund {} yuan: one level up this year, audited within {} years",
            yuan(a),
            p.fund_audit_years
        ),
    });
    format!("{}{moved}{}", g.tier.label(p, zh), fund.unwrap_or_default())
}

fn tier_level(t: Tier) -> Level {
    match t {
        Tier::High => Level::One,
        Tier::Middle => Level::Two,
        Tier::Low => Level::Three,
    }
}

/// Whole yuan with thousands separators (5,000,000).
pub fn yuan(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Yuan in 万 (ten thousands), as the seed writes cut-offs (5,000,000 → "500").
fn wan(amount: u64) -> String {
    match amount % 10_000 {
        0 => (amount / 10_000).to_string(),
        _ => format!("{}.{:04}", amount / 10_000, amount % 10_000)
            .trim_end_matches('0')
            .to_string(),
    }
}

/// A yuan amount typed by a person: digits, with "," or "，" separators allowed and
/// full-width digits read; no sign, no decimals, at most `MAX_YUAN`. `None` otherwise.
pub fn parse_yuan(input: &str) -> Option<u64> {
    let mut value: u64 = 0;
    let mut any = false;
    for c in input.trim().chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            ',' | '，' => continue,
            _ => return None,
        };
        any = true;
        value = value.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    (any && value <= MAX_YUAN).then_some(value)
}

/// The largest amount recorded, whole yuan (1万亿: above any county's budget or fund,
/// and far below what JSON numbers hold exactly).
pub const MAX_YUAN: u64 = 1_000_000_000_000;
