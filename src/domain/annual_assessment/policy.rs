//! 年度考核's section of the county's policy (`Policy::annual_assessment`): each rater
//! group's weight, the cap on 优秀 (off by default: the seeds give none) and the days
//! a consequence is due in (the seeds give none).

use serde::{Deserialize, Serialize};

use super::event::RaterGroup;

/// 年度考核 (W5) numbers. A field a stored policy lacks takes its default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentPolicy {
    /// Weight of the superiors' score, percent (seed silent; default 40).
    pub superior_weight: u32,
    /// Weight of the peers' score, percent (default 20).
    pub peers_weight: u32,
    /// Weight of the subordinates' score, percent (default 20).
    pub subordinates_weight: u32,
    /// Weight of the cadre's own score, percent (default 10).
    pub own_weight: u32,
    /// Weight of related outside units' score, percent (default 10).
    pub outside_weight: u32,
    /// At most this percent of a unit's cadres graded 优秀, rounded down (0 = no cap,
    /// the default: the seeds set none).
    pub excellent_cap_pct: u32,
    /// Days after the grade a 免职 (不称职) is due (seed silent; default 30).
    pub removal_days: u32,
    /// Days after the grade a 诫勉 (基本称职) is due (default 30).
    pub warning_days: u32,
    /// Days after the team's grade its adjustment (差, 一般) is due (default 90).
    pub team_days: u32,
}

impl Default for AssessmentPolicy {
    fn default() -> Self {
        AssessmentPolicy {
            superior_weight: 40,
            peers_weight: 20,
            subordinates_weight: 20,
            own_weight: 10,
            outside_weight: 10,
            excellent_cap_pct: 0,
            removal_days: 30,
            warning_days: 30,
            team_days: 90,
        }
    }
}

impl AssessmentPolicy {
    /// Whether every number is at its default.
    pub fn is_default(&self) -> bool {
        *self == AssessmentPolicy::default()
    }

    /// The weight of `group`'s score.
    pub fn weight(&self, group: RaterGroup) -> u32 {
        match group {
            RaterGroup::Superior => self.superior_weight,
            RaterGroup::Peers => self.peers_weight,
            RaterGroup::Subordinates => self.subordinates_weight,
            RaterGroup::Own => self.own_weight,
            RaterGroup::Outside => self.outside_weight,
        }
    }

    /// The sum of the weights (the policy form asks for 100).
    pub fn weight_total(&self) -> u64 {
        RaterGroup::ALL
            .into_iter()
            .map(|g| u64::from(self.weight(g)))
            .sum()
    }

    /// How many of `rated` cadres may be graded 优秀 (`None`: no cap).
    pub fn excellent_cap(&self, rated: usize) -> Option<u64> {
        (self.excellent_cap_pct > 0)
            .then(|| rated as u64 * u64::from(self.excellent_cap_pct.min(100)) / 100)
    }
}
