//! Policy: every number of DOMAIN.md, with the seeds' defaults. Rules read numbers
//! from here, never from literals. A change of policy is itself an event
//! (`PolicyChanged`) and applies from its effective date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One base-pay band: villages with at least `min_population` people get `yuan` a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayBand {
    /// Lowest population in this band.
    pub min_population: u32,
    /// Base pay (基础工资), whole yuan a year.
    pub yuan: u32,
}

/// How composite scores map to team grades (定考评等次).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradingRule {
    /// Thresholds on the composite normalized to 100 points, in hundredths of a point.
    Thresholds {
        /// 实绩突出 at or above this (default 90.00).
        outstanding_min: u32,
        /// 比较突出 at or above this (default 60.00); below is 一般.
        notable_min: u32,
    },
    /// A share of the township's villages per grade, best first. Villages tied with
    /// the last one inside a share get the same grade.
    Shares {
        /// Percent of villages graded 实绩突出 (rounded up).
        outstanding_pct: u32,
        /// Percent graded 比较突出 (rounded up); the rest are 一般.
        notable_pct: u32,
    },
}

/// What a quarter with no finalized result counts as in the composite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingQuarter {
    /// Average over the quarters that were assessed (default).
    AverageOfAssessed,
    /// A missing quarter counts as 0 points.
    CountsAsZero,
}

/// The policy parameters. Defaults are DOMAIN.md's (seed 002 扎鲁特旗).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Base pay by population, ascending `min_population`, first band starts at 0.
    /// Default: <1,000 → 7,000; 1,000–2,999 → 8,000; ≥3,000 → 9,000.
    pub base_pay_bands: Vec<PayBand>,
    /// Performance pay for 优秀 (default 4,000).
    pub pay_excellent: u32,
    /// Performance pay for 基本合格 (seed silent; default 2,000).
    pub pay_basic: u32,
    /// Performance pay for 不合格 (default 0: no performance pay that year).
    pub pay_fail: u32,
    /// 公示 window for quarterly results, days (default 7).
    pub publicity_days: u32,
    /// Weight of the quarterly average in the composite, percent (default 60).
    pub quarterly_weight_pct: u32,
    /// Weight of the annual score in the composite, percent (default 40).
    pub annual_weight_pct: u32,
    /// Composite → team grade (default thresholds 90 / 60).
    pub grading: GradingRule,
    /// Whether half points may be given (default yes).
    pub half_points: bool,
    /// How an unassessed quarter counts (default: average of assessed quarters).
    pub missing_quarter: MissingQuarter,
    /// Days after grading by which the 诫勉谈话 is due (seed silent; default 30).
    pub warning_talk_days: u32,
    /// Days after grading by which 限期整改 must be completed (seed silent; default 90).
    pub rectification_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            base_pay_bands: vec![
                PayBand {
                    min_population: 0,
                    yuan: 7_000,
                },
                PayBand {
                    min_population: 1_000,
                    yuan: 8_000,
                },
                PayBand {
                    min_population: 3_000,
                    yuan: 9_000,
                },
            ],
            pay_excellent: 4_000,
            pay_basic: 2_000,
            pay_fail: 0,
            publicity_days: 7,
            quarterly_weight_pct: 60,
            annual_weight_pct: 40,
            grading: GradingRule::Thresholds {
                outstanding_min: 9_000,
                notable_min: 6_000,
            },
            half_points: true,
            missing_quarter: MissingQuarter::AverageOfAssessed,
            warning_talk_days: 30,
            rectification_days: 90,
        }
    }
}

impl Policy {
    /// Base pay (基础工资) for a village of `population` people.
    pub fn base_pay(&self, population: u32) -> u32 {
        self.base_pay_bands
            .iter()
            .filter(|b| population >= b.min_population)
            .max_by_key(|b| b.min_population)
            .map(|b| b.yuan)
            .unwrap_or(0)
    }

    /// Check the policy is coherent; a policy change that fails is refused.
    pub fn validate(&self) -> Result<(), super::RuleViolation> {
        use super::RuleViolation as V;
        if self.base_pay_bands.is_empty()
            || self.base_pay_bands.iter().all(|b| b.min_population != 0)
        {
            return Err(V::new(
                "policy.bands",
                "基础工资档次必须包含从 0 人起的一档",
                "Base-pay bands must include a band starting at 0 people",
            ));
        }
        if self.quarterly_weight_pct + self.annual_weight_pct != 100 {
            return Err(V::new(
                "policy.weights",
                "季度平均与年度考评的权重之和必须为 100%",
                "Quarterly and annual weights must add up to 100%",
            ));
        }
        if self.publicity_days == 0 {
            return Err(V::new(
                "policy.publicity",
                "公示天数必须大于 0",
                "Publicity days must be positive",
            ));
        }
        match self.grading {
            GradingRule::Thresholds {
                outstanding_min,
                notable_min,
            } if notable_min > outstanding_min || outstanding_min > 10_000 => Err(V::new(
                "policy.thresholds",
                "等次分数线须满足 0 ≤ 比较突出 ≤ 实绩突出 ≤ 100",
                "Grade thresholds must satisfy 0 ≤ notable ≤ outstanding ≤ 100",
            )),
            GradingRule::Shares {
                outstanding_pct,
                notable_pct,
            } if outstanding_pct + notable_pct > 100 => Err(V::new(
                "policy.shares",
                "各等次比例之和不能超过 100%",
                "Grade shares cannot add up to more than 100%",
            )),
            _ => Ok(()),
        }
    }
}

/// The policy history: every `PolicyChanged` event, so the policy in force on any
/// date can be found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyHistory {
    /// (effective_from, recorded_at, event id, policy), kept sorted.
    changes: Vec<(NaiveDate, i64, String, Policy)>,
}

impl PolicyHistory {
    /// Record a change (order of calls does not matter).
    pub fn add(&mut self, effective_from: NaiveDate, recorded_at: i64, id: &str, policy: Policy) {
        let key = (effective_from, recorded_at, id.to_string());
        let pos = self
            .changes
            .binary_search_by(|c| (c.0, c.1, c.2.as_str()).cmp(&(key.0, key.1, key.2.as_str())))
            .unwrap_or_else(|p| p);
        if self.changes.get(pos).map(|c| c.2 == key.2) != Some(true) {
            self.changes.insert(pos, (key.0, key.1, key.2, policy));
        }
    }

    /// The policy in force on `date`: the latest change effective on or before it,
    /// or the defaults.
    pub fn at(&self, date: NaiveDate) -> Policy {
        self.changes
            .iter()
            .rev()
            .find(|c| c.0 <= date)
            .map(|c| c.3.clone())
            .unwrap_or_default()
    }

    /// Every change, oldest effective date first: (effective_from, policy).
    pub fn changes(&self) -> impl Iterator<Item = (NaiveDate, &Policy)> {
        self.changes.iter().map(|c| (c.0, &c.3))
    }
}
