//! Whether a recorded grading (定考评等次, 定绩效工资) still rests on the scores that
//! stand. A grading records the numbers it used (each quarter's final score, the
//! annual score, the composite); when a 定稿 it used is withdrawn or re-finalized at
//! another score, or the annual score changes, those numbers no longer match and the
//! grading must be redone before its pay is presented as current.

use super::{scoring, Period};
use crate::domain::master::Village;
use crate::domain::state::State;

/// One number a grading used that differs from what stands now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradingChange {
    /// Village id.
    pub village: String,
    /// The period, or `None` for the composite.
    pub period: Option<Period>,
    /// What the grading used (hundredths of a point; `None`: nothing).
    pub graded: Option<u32>,
    /// What stands now (`None`: no final score, or none that can be computed).
    pub now: Option<u32>,
}

/// The numbers a grading of `village` would use now: the quarters' final scores, the
/// annual score and the composite under the policy of `graded_on`.
struct Standing {
    quarters: [Option<u32>; 4],
    annual: Option<u32>,
    composite: Option<u32>,
}

/// A quarter's finalized score: the version the 定稿 in force bound (or, for an older
/// 定稿 naming none, the standing one); `None` without a live 定稿.
fn final_score(state: &State, v: &Village, year: i32, p: Period) -> Option<u32> {
    let slot = state.village_pay.counted.slot(&v.id, year, p)?;
    let f = slot.finalization()?;
    let version = if f.versions.is_empty() {
        slot.standing()
    } else {
        slot.final_version()
    };
    state
        .village_pay
        .counted
        .normalized_of(&v.township, year, version?)
}

fn standing_numbers(
    state: &State,
    v: &Village,
    year: i32,
    graded_on: chrono::NaiveDate,
) -> Standing {
    let quarters = Period::QUARTERS.map(|p| final_score(state, v, year, p));
    let annual = state
        .village_pay
        .counted
        .slot(&v.id, year, Period::Annual)
        .and_then(|s| s.standing())
        .and_then(|s| {
            state
                .village_pay
                .counted
                .normalized_of(&v.township, year, s)
        });
    let policy = state.policies.at(graded_on);
    let composite = annual.and_then(|a| scoring::composite(&quarters, a, &policy));
    Standing {
        quarters,
        annual,
        composite,
    }
}

/// Every number of the standing grading of a township's year that no longer matches
/// what stands, village by village (quarters, annual, composite); villages with an
/// annual score that the grading left out are listed too. Empty when the grading is
/// current or there is none.
pub fn grading_changes(state: &State, township: &str, year: i32) -> Vec<GradingChange> {
    let Some(g) = state.village_pay.counted.grading(township, year) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in state.master.villages_of(township) {
        let now = standing_numbers(state, v, year, g.graded_on);
        let change = |period, graded: Option<u32>, now: Option<u32>| {
            (graded != now).then(|| GradingChange {
                village: v.id.clone(),
                period,
                graded,
                now,
            })
        };
        let Some(r) = g.results.iter().find(|r| r.village == v.id) else {
            out.extend(change(Some(Period::Annual), None, now.annual));
            continue;
        };
        for (i, p) in Period::QUARTERS.into_iter().enumerate() {
            out.extend(change(Some(p), r.quarters[i], now.quarters[i]));
        }
        out.extend(change(Some(Period::Annual), Some(r.annual), now.annual));
        out.extend(change(None, Some(r.composite), now.composite));
    }
    out
}
