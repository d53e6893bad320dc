//! 后备干部's section of the county's policy (`Policy::reserve_pool`): how often the
//! pool is topped up and openly selected (seed 000: every 2 and 5 years), the age under
//! which a cadre counts as young in each echelon, and the county's structure targets
//! (the seeds set only the young share: 20% of 正科 under 40, seed 001).

use serde::{Deserialize, Serialize};

use super::event::Echelon;

/// 后备干部 (W9) numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReservePolicy {
    /// Years between top-ups (seed 000: 2).
    pub top_up_years: u32,
    /// Years between open selections (seed 000: 5).
    pub open_selection_years: u32,
    /// Young in the first echelon: at most this age (seed 001: 40).
    pub young_age_first: u32,
    /// Young in the second echelon: at most this age (seed 002 库伦旗: 35).
    pub young_age_second: u32,
    /// Target share of young cadres, percent (seed 001: 20).
    pub young_pct: u32,
    /// Target share of women, percent (0: none set; the seeds give none).
    pub women_pct: u32,
    /// Target share of ethnic-minority cadres, percent (0: none set).
    pub minority_pct: u32,
    /// Target share of non-party cadres, percent (0: none set).
    pub non_party_pct: u32,
}

impl Default for ReservePolicy {
    fn default() -> Self {
        ReservePolicy {
            top_up_years: 2,
            open_selection_years: 5,
            young_age_first: 40,
            young_age_second: 35,
            young_pct: 20,
            women_pct: 0,
            minority_pct: 0,
            non_party_pct: 0,
        }
    }
}

impl ReservePolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == ReservePolicy::default()
    }

    /// The age up to which a cadre of `echelon` counts as young.
    pub fn young_age(&self, echelon: Echelon) -> u32 {
        match echelon {
            Echelon::First => self.young_age_first,
            Echelon::Second => self.young_age_second,
        }
    }
}
