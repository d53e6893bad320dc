//! Policy: every number of DOMAIN.md, with the seeds' defaults. Rules read numbers
//! from here, never from literals. A change of policy is itself an event
//! (`PolicyChanged`) and applies from its effective date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::YearSchedule;

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
    /// How many days before the day it is recorded a 公示 may say it started (default 0:
    /// a publicity cannot be backdated, so its objection window really existed).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub publicity_backdate_days: u32,
    /// W4 cadre selection numbers. Omitted from the serialized policy while at their
    /// defaults, so policies recorded before W4 existed keep their hashes.
    #[serde(default, skip_serializing_if = "W4Policy::is_default")]
    pub w4: W4Policy,
    /// Years' official holiday schedules added by the administrator (a year given here
    /// replaces the calendar crate's data for that year). See `calendar`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_calendar: Vec<YearSchedule>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Which members a decision vote's majority counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MajorityOf {
    /// More than half of all members (应到会成员) must vote for (default, seed 000).
    AllMembers,
    /// More than half of the members present.
    Present,
}

/// W4 (干部选拔任用全程纪实) numbers, DOMAIN.md W4 defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct W4Policy {
    /// 任前公示, working days (default 5) [000, 002 开鲁].
    pub publicity_working_days: u32,
    /// Each of the two disclosures (有关事项公开), working days (default 5) [002 开鲁].
    pub disclosure_working_days: u32,
    /// 差额考察: inspection targets per post (default 2, i.e. 2:1) [003].
    pub targets_per_post: u32,
    /// Basis of the decision vote's majority (default: all members) [000, 003].
    pub majority_of: MajorityOf,
    /// Months a democratic recommendation's result stays usable (default 12) [001].
    pub recommendation_valid_months: u32,
    /// 得票率 below this percent of the participants is "low recognition" and bars a
    /// candidate from inspection (seed 001 gives no number; default 50).
    pub low_recognition_pct: u32,
    /// Annual grades looked back on for the 基本称职-or-lower bar (default 3) [001].
    pub grade_lookback_years: u32,
    /// Less than this many months in the current post means extended inspection
    /// (延伸考察, default 12) [003].
    pub extended_inspection_months: u32,
    /// 初次提交 of the record is due this many days after the decision (default 5) [003].
    pub initial_submission_days: u32,
    /// 试用期, months (default 12) [000].
    pub probation_months: u32,
    /// Highest score of each of the five inspection dimensions (default 100).
    pub dimension_max: u32,
    /// Bodies whose opinion must be sought (征求意见, default 纪委监委, 检察院, 综治办) [003].
    pub opinion_bodies: Vec<String>,
    /// Whether the first disclosure must have ended before the decision vote
    /// (default yes) [002 开鲁].
    pub disclosure_before_decision: bool,
}

impl Default for W4Policy {
    fn default() -> Self {
        W4Policy {
            publicity_working_days: 5,
            disclosure_working_days: 5,
            targets_per_post: 2,
            majority_of: MajorityOf::AllMembers,
            recommendation_valid_months: 12,
            low_recognition_pct: 50,
            grade_lookback_years: 3,
            extended_inspection_months: 12,
            initial_submission_days: 5,
            probation_months: 12,
            dimension_max: 100,
            opinion_bodies: vec!["纪委监委".into(), "检察院".into(), "综治办".into()],
            disclosure_before_decision: true,
        }
    }
}

impl W4Policy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == W4Policy::default()
    }

    /// Whether a vote of `votes_for` passes with `members` members and `present` present.
    pub fn passes(&self, votes_for: u32, members: u32, present: u32) -> bool {
        let basis = match self.majority_of {
            MajorityOf::AllMembers => members,
            MajorityOf::Present => present,
        };
        u64::from(votes_for) * 2 > u64::from(basis)
    }
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
            publicity_backdate_days: 0,
            w4: W4Policy::default(),
            extra_calendar: Vec::new(),
        }
    }
}

impl Policy {
    /// This policy with `schedule` as its year's calendar (replacing one given before).
    pub fn with_schedule(mut self, schedule: super::calendar::YearSchedule) -> Policy {
        self.extra_calendar.retain(|s| s.year != schedule.year);
        self.extra_calendar.push(schedule);
        self.extra_calendar.sort_by_key(|s| s.year);
        self
    }

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
        let w4 = &self.w4;
        if w4.publicity_working_days == 0
            || w4.disclosure_working_days == 0
            || w4.recommendation_valid_months == 0
            || w4.probation_months == 0
            || w4.dimension_max == 0
        {
            return Err(V::new(
                "policy.w4_periods",
                "公示、公开、推荐有效期、试用期天数及考察维度满分必须大于 0",
                "Publicity, disclosure, validity, probation and dimension maximum must be positive",
            ));
        }
        if w4.targets_per_post < 2 {
            return Err(V::new(
                "policy.w4_ratio",
                "差额考察每职位至少 2 名考察对象",
                "Competitive inspection needs at least 2 targets per post",
            ));
        }
        if w4.low_recognition_pct > 100 {
            return Err(V::new(
                "policy.w4_recognition",
                "认可度下限不能超过 100%",
                "The low-recognition share cannot exceed 100%",
            ));
        }
        super::calendar::validate_schedules(&self.extra_calendar)?;
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
