//! Policy: every number of DOMAIN.md, with the seeds' defaults. Rules read numbers
//! from here, never from literals. A change of policy is itself an event
//! (`PolicyChanged`) and applies from its effective date.

use crate::domain::sorting;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::annual_assessment::policy::AssessmentPolicy;
pub use super::audit_grading::policy::AuditPolicy;
pub use super::cadre_selection::policy::{CadreSelectionPolicy, MajorityOf};
pub use super::career_pay::policy::CareerPayPolicy;
pub use super::demotion_chain::policy::DemotionPolicy;
pub use super::performance_record::policy::PerformancePolicy;
pub use super::reserve_pool::policy::ReservePolicy;
pub use super::rotation::policy::RotationPolicy;
pub use super::village_heads::policy::RetiredCarePolicy;

use super::calendar::YearSchedule;
use super::master::Recorded;
use super::versions::{Version, Versions};

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
    /// Cadre selection's (W4) numbers, its own section (`cadre_selection::policy`),
    /// stored as `w4`. Omitted from the serialized policy while at their defaults, so
    /// policies recorded before W4 existed keep their hashes.
    #[serde(
        rename = "w4",
        default,
        skip_serializing_if = "CadreSelectionPolicy::is_default"
    )]
    pub cadre_selection: CadreSelectionPolicy,
    /// 退后关爱's (W3) numbers, its own section (`village_heads::policy`). Omitted from
    /// the serialized policy while at their defaults, so earlier policies keep their hashes.
    #[serde(default, skip_serializing_if = "RetiredCarePolicy::is_default")]
    pub retired_care: RetiredCarePolicy,
    /// 选聘's (W2) numbers, its own section (`career_pay::policy`). Omitted while at their
    /// defaults, so earlier policies keep their hashes.
    #[serde(default, skip_serializing_if = "CareerPayPolicy::is_default")]
    pub career_pay: CareerPayPolicy,
    /// 年度考核's (W5) numbers, its own section (`annual_assessment::policy`). Omitted
    /// while at their defaults, so earlier policies keep their hashes.
    #[serde(default, skip_serializing_if = "AssessmentPolicy::is_default")]
    pub annual_assessment: AssessmentPolicy,
    /// 能上能下's (W7) numbers and standards (`demotion_chain::policy`). Omitted while
    /// at their defaults.
    #[serde(default, skip_serializing_if = "DemotionPolicy::is_default")]
    pub demotion_chain: DemotionPolicy,
    /// 后备干部's (W9) numbers (`reserve_pool::policy`). Omitted while at their defaults.
    #[serde(default, skip_serializing_if = "ReservePolicy::is_default")]
    pub reserve_pool: ReservePolicy,
    /// 实绩纪实's (W6) numbers (`performance_record::policy`). Omitted while at their
    /// defaults.
    #[serde(default, skip_serializing_if = "PerformancePolicy::is_default")]
    pub performance_record: PerformancePolicy,
    /// 轮岗、借用's (W10) numbers (`rotation::policy`). Omitted while at their defaults.
    #[serde(default, skip_serializing_if = "RotationPolicy::is_default")]
    pub rotation: RotationPolicy,
    /// 经济责任审计's (W8) numbers (`audit_grading::policy`). Omitted while at their
    /// defaults.
    #[serde(default, skip_serializing_if = "AuditPolicy::is_default")]
    pub audit_grading: AuditPolicy,
    /// Years' official holiday schedules added by the administrator (a year given here
    /// replaces the calendar crate's data for that year). See `calendar`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_calendar: Vec<YearSchedule>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
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
            cadre_selection: CadreSelectionPolicy::default(),
            retired_care: RetiredCarePolicy::default(),
            career_pay: CareerPayPolicy::default(),
            annual_assessment: AssessmentPolicy::default(),
            demotion_chain: DemotionPolicy::default(),
            reserve_pool: ReservePolicy::default(),
            performance_record: PerformancePolicy::default(),
            rotation: RotationPolicy::default(),
            audit_grading: AuditPolicy::default(),
            extra_calendar: Vec::new(),
        }
    }
}

impl Policy {
    /// This policy with `schedule` as its year's calendar (replacing one given before).
    pub fn with_schedule(mut self, schedule: super::calendar::YearSchedule) -> Policy {
        self.extra_calendar.retain(|s| s.year != schedule.year);
        self.extra_calendar.push(schedule);
        sorting::sort_by_key(&mut self.extra_calendar, |s| s.year);
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

    /// Check the policy: every number within its bounds and the fields coherent (see
    /// `policy_fields`). A policy change that fails is refused. Total and cheap: it never
    /// panics, whatever the policy holds, so a synced policy can be checked before use.
    pub fn validate(&self) -> Result<(), super::RuleViolation> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Every problem of the policy, in form order (empty = valid), each on its form field.
    pub fn problems(&self) -> Vec<super::RuleViolation> {
        super::policy_fields::problems(self)
    }
}

/// The policy history: every `PolicyChanged` event, so the policy in force on any
/// date can be found. Changes of one effective date are versions of one record: a
/// change names those it replaces; two made without seeing each other are a conflict
/// (`conflicts`), never settled silently by a device's clock.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyHistory {
    /// Versions by effective date.
    by_date: std::collections::BTreeMap<NaiveDate, Versions<Policy>>,
}

impl PolicyHistory {
    /// Record a change (order of calls does not matter).
    pub fn add(&mut self, effective_from: NaiveDate, r: Recorded, policy: Policy) {
        self.by_date
            .entry(effective_from)
            .or_default()
            .add(Version {
                id: r.id,
                recorded_at: r.recorded_at,
                author: r.author,
                device: r.device,
                supersedes: r.supersedes,
                value: policy,
            });
    }

    /// The policy in force on `date`: the latest change effective on or before it
    /// (while two changes of that date conflict, the later recorded one is shown and
    /// [`PolicyHistory::conflicts`] says so), or the defaults.
    pub fn at(&self, date: NaiveDate) -> Policy {
        self.by_date
            .range(..=date)
            .next_back()
            .and_then(|(_, vs)| vs.current().cloned())
            .unwrap_or_default()
    }

    /// Effective dates whose changes were made without seeing each other and differ.
    pub fn conflicts(&self) -> Vec<NaiveDate> {
        self.by_date
            .iter()
            .filter(|(_, vs)| vs.conflicted())
            .map(|(d, _)| *d)
            .collect()
    }

    /// The live changes of an effective date (what a new change of that date replaces).
    pub fn live_ids(&self, effective_from: NaiveDate) -> Vec<String> {
        self.by_date
            .get(&effective_from)
            .map(Versions::live_ids)
            .unwrap_or_default()
    }

    /// Every change in force, oldest effective date first: (effective_from, policy).
    pub fn changes(&self) -> impl Iterator<Item = (NaiveDate, &Policy)> {
        self.by_date
            .iter()
            .filter_map(|(d, vs)| vs.current().map(|p| (*d, p)))
    }
}
