//! 轮岗、借用's section of the county's policy (`Policy::rotation`): years in the same
//! post before rotation falls due (seed 001 株洲: 5), the exemption ages (seed 001: men
//! 58, women 53), the secondment limit (seed 001: 2 months), and how early and how late
//! the alerts turn (the seed gives none: 30 days before a rotation falls due, 14 days
//! before a secondment's limit, overdue 90 days after the due day).

use serde::{Deserialize, Serialize};

/// 轮岗、借用 (W10) numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RotationPolicy {
    /// Full years in the same post when rotation falls due (seed 001: 满5年).
    pub years_in_post: u32,
    /// Men of at least this age need not rotate (seed 001: 男性年满58周岁).
    pub exempt_age_men: u32,
    /// Women of at least this age need not rotate (seed 001: 女性年满53岁).
    pub exempt_age_women: u32,
    /// A secondment's limit in calendar months (seed 001: 原则上不得超过2个月).
    pub secondment_months: u32,
    /// Days before the due day a rotation is listed as coming (default 30).
    pub rotation_notice_days: u32,
    /// Days before the limit a secondment is listed as coming (default 14).
    pub secondment_notice_days: u32,
    /// Days after the due day a rotation not made is overdue (default 90).
    pub overdue_after_days: u32,
}

impl Default for RotationPolicy {
    fn default() -> Self {
        RotationPolicy {
            years_in_post: 5,
            exempt_age_men: 58,
            exempt_age_women: 53,
            secondment_months: 2,
            rotation_notice_days: 30,
            secondment_notice_days: 14,
            overdue_after_days: 90,
        }
    }
}

impl RotationPolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == RotationPolicy::default()
    }
}
