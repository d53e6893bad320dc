//! 退后关爱's section of the county's policy (`Policy::retired_care`): how long a head
//! must have served, and the yearly subsidy.

use serde::{Deserialize, Serialize};

/// 退后关爱 (W3) numbers: its section of `Policy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetiredCarePolicy {
    /// Years served as 正职 that qualify a former head (default 10, seed 002: 任正职10年以上).
    pub min_years: u32,
    /// The yearly living subsidy (生活补贴), whole yuan (the seed gives no amount;
    /// default 2,400, i.e. 200 a month, for the county to set).
    pub yearly_yuan: u32,
}

impl Default for RetiredCarePolicy {
    fn default() -> Self {
        RetiredCarePolicy {
            min_years: 10,
            yearly_yuan: 2_400,
        }
    }
}

impl RetiredCarePolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == RetiredCarePolicy::default()
    }
}
