//! 选聘's section of the county's policy (`Policy::career_pay`): the seed's quota and
//! ratios, and the conditions and windows the seed leaves to the county.

use serde::{Deserialize, Serialize};

/// 选聘事业待遇 (W2) numbers: its section of `Policy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

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
}
