//! 选聘's section of the county's policy (`Policy::career_pay`): the seed's quota and
//! ratios, and the conditions and windows the seed leaves to the county.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 选聘事业待遇 (W2) numbers: its section of `Policy`. A field a stored policy lacks
/// (saved before it existed) takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareerPayPolicy {
    /// Slots a year: at least this percent of all villages, rounded up (seed: 5).
    pub quota_pct: u32,
    /// Years as 正职 an applicant must have served (seed silent; default 5).
    pub min_years: u32,
    /// Years of W1 grades looked back on: none may be 不合格 (seed silent; default 3).
    pub grade_lookback_years: u32,
    /// Days each publicity runs (eligible list, result; seed silent; default 7).
    pub publicity_days: u32,
    /// Initial candidates per slot (扩大会议, seed: 1:3).
    pub initial_per_slot: u32,
    /// Reserve candidates per slot (党委会, seed: 1:2).
    pub reserve_per_slot: u32,
    /// Formal candidates above the slots, percent, rounded up (差额, seed: 20).
    pub margin_pct: u32,
    /// 事业单位基础工资 a month, whole yuan (seed silent; the county sets its own).
    pub monthly_yuan: u32,
    /// A month is paid when the pay runs on this day of it (starting or ending mid-month;
    /// default 15).
    pub paid_day: u32,
    /// The stated conditions that end the pay (终止待遇情形; the seed names none, only
    /// that there are some).
    pub termination_conditions: Vec<String>,
}

/// The termination conditions a new policy starts with.
pub const TERMINATION_CONDITIONS: [&str; 5] = [
    "年度考评为不合格等次",
    "不再担任嘎查村党组织书记或村委会主任",
    "受到党纪政务处分或被追究刑事责任",
    "年度评聘未予续聘",
    "本人申请辞聘",
];

impl Default for CareerPayPolicy {
    fn default() -> Self {
        CareerPayPolicy {
            quota_pct: 5,
            min_years: 5,
            grade_lookback_years: 3,
            publicity_days: 7,
            initial_per_slot: 3,
            reserve_per_slot: 2,
            margin_pct: 20,
            monthly_yuan: 2_500,
            paid_day: 15,
            termination_conditions: TERMINATION_CONDITIONS.map(String::from).to_vec(),
        }
    }
}

impl CareerPayPolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == CareerPayPolicy::default()
    }

    /// The year's least number of slots for `villages` villages (206 → 11, 200 → 10,
    /// 201 → 11).
    pub fn quota(&self, villages: usize) -> u64 {
        ceil_pct(villages as u64, self.quota_pct)
    }

    /// The months of `year` paid for pay running from `from` up to (not including)
    /// `until`: those whose `paid_day` falls in it (0 for a year the calendar cannot
    /// hold).
    pub fn paid_months(&self, year: i32, from: NaiveDate, until: Option<NaiveDate>) -> u32 {
        let day = self.paid_day.clamp(1, 28);
        (1..=12)
            .filter_map(|m| NaiveDate::from_ymd_opt(year, m, day))
            .filter(|d| from <= *d && until.is_none_or(|u| *d < u))
            .count() as u32
    }

    /// The pay for `months` months, whole yuan.
    pub fn pay_for(&self, months: u32) -> u64 {
        u64::from(self.monthly_yuan).saturating_mul(u64::from(months))
    }

    /// The least number of formal candidates for `slots` slots (11 → 14: 11 + ⌈2.2⌉).
    pub fn formal_candidates(&self, slots: u64) -> u64 {
        slots.saturating_add(ceil_pct(slots, self.margin_pct))
    }
}

/// `pct` percent of `n`, rounded up (in whole numbers: no float).
pub fn ceil_pct(n: u64, pct: u32) -> u64 {
    n.saturating_mul(u64::from(pct)).div_ceil(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_and_the_margin_round_up() {
        let p = CareerPayPolicy::default();
        assert_eq!(
            (p.quota(206), p.quota(200), p.quota(201), p.quota(0)),
            (11, 10, 11, 0)
        );
        assert_eq!(
            (
                p.formal_candidates(11),
                p.formal_candidates(5),
                p.formal_candidates(1)
            ),
            (14, 6, 2)
        );
        assert_eq!(ceil_pct(u64::MAX, u32::MAX), u64::MAX / 100 + 1);
    }

    #[test]
    fn a_month_is_paid_when_the_pay_runs_on_its_15th() {
        let p = CareerPayPolicy::default();
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(p.paid_months(2026, d(1, 1), None), 12);
        assert_eq!(p.paid_months(2026, d(7, 15), None), 6);
        assert_eq!(p.paid_months(2026, d(7, 16), None), 5);
        assert_eq!(p.paid_months(2026, d(1, 1), Some(d(3, 15))), 2);
        assert_eq!(p.paid_months(2026, d(1, 1), Some(d(3, 16))), 3);
        assert_eq!(p.paid_months(2026, d(3, 1), Some(d(3, 10))), 0);
        assert_eq!(p.paid_months(2027, d(7, 15), None), 12);
        assert_eq!(p.paid_months(2025, d(7, 15), None), 0);
        assert_eq!((p.pay_for(6), p.pay_for(12)), (15_000, 30_000));
    }
}
