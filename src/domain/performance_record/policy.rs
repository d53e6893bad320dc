//! 实绩纪实's section of the county's policy (`Policy::performance_record`): how long a
//! day's record may be, how many days back it may still be recorded, and how many days
//! after its Sunday a week's report (周申报) is due. Seed 004 (淮安清河) names the five
//! steps (日记录、周申报、月测评、季分析、年总评) but no numbers: these defaults are ours,
//! for the county to set.

use serde::{Deserialize, Serialize};

/// 实绩纪实 numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PerformancePolicy {
    /// Longest day's record, in characters (our default: 200, a few sentences).
    pub text_max_chars: u32,
    /// How many days back a day's work may still be recorded (our default: 14, so a
    /// week's days can be completed until its report is due).
    pub days_back: u32,
    /// Days after a week's Sunday its report is due (our default: 1, the Monday after).
    pub report_grace_days: u32,
}

impl Default for PerformancePolicy {
    fn default() -> Self {
        PerformancePolicy {
            text_max_chars: 200,
            days_back: 14,
            report_grace_days: 1,
        }
    }
}

impl PerformancePolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == PerformancePolicy::default()
    }
}
