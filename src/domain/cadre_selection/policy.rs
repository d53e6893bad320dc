//! Cadre selection's section of the county's policy (`Policy::cadre_selection`, stored
//! as `w4`): its numbers, with the seeds' defaults.

use serde::{Deserialize, Serialize};

/// Which members a decision vote's majority counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MajorityOf {
    /// More than half of all members (应到会成员) must vote for (default, seed 000).
    AllMembers,
    /// More than half of the members present.
    Present,
}

/// Cadre selection's (干部选拔任用全程纪实, W4) numbers: its section of `Policy`, DOMAIN.md
/// W4 defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadreSelectionPolicy {
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

impl Default for CadreSelectionPolicy {
    fn default() -> Self {
        CadreSelectionPolicy {
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

impl CadreSelectionPolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == CadreSelectionPolicy::default()
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
