//! Scoring: per-period normalized score, composite (综合考评得分) and grading.
//!
//! Exact arithmetic, no floats. Scores arrive in half points (`u32`); results are
//! hundredths of a point on a 100-point scale (`u32`). Rounding happens in exactly
//! two places, both half-up to hundredths (x.xx5 → x.xx + 0.01):
//! 1. each period's normalized score: the exact rational value (sum of scores / sum
//!    of maxima, or the weighted mean of score / maximum) rounded half-up;
//! 2. the composite: computed exactly from those rounded period scores and the policy
//!    weights (quarterly average and annual score), then rounded half-up.
//!
//! Everything in between is integer arithmetic in `u128` with checked operations; a
//! computation that would not fit gives `None` (an indicator set that could cause
//! that is refused when published, see [`exact_for_every_sheet`]).

use crate::domain::sorting;
use crate::domain::sorting::Gather;
use std::collections::BTreeMap;

use super::{Indicator, TeamGrade};
use crate::domain::policy::{GradingRule, MissingQuarter, Policy};

/// Hundredths of a point in 100 points.
const FULL: u128 = 10_000;

/// `num / den` rounded half-up to an integer; `None` if `den` is 0 or on overflow.
pub fn round_half_up(num: u128, den: u128) -> Option<u128> {
    if den == 0 {
        return None;
    }
    // floor(num / den + 1/2) = floor((2·num + den) / (2·den)).
    num.checked_mul(2)?
        .checked_add(den)?
        .checked_div(den.checked_mul(2)?)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn lcm(a: u128, b: u128) -> Option<u128> {
    if a == 0 || b == 0 {
        return None;
    }
    (a / gcd(a, b)).checked_mul(b)
}

fn score_of(scores: &BTreeMap<String, u32>, i: &Indicator) -> u128 {
    u128::from(scores.get(&i.id).copied().unwrap_or(0))
}

/// A period's score normalized to 100 points, in hundredths, rounded half-up; `None`
/// when the set has no maximum (or weight) to divide by, or the computation would not fit.
/// Without weights: sum of scores / sum of maxima. With weights (every indicator has
/// one): the weighted mean of each indicator's score / maximum. A missing score counts 0.
pub fn try_normalized(indicators: &[Indicator], scores: &BTreeMap<String, u32>) -> Option<u32> {
    let weighted = !indicators.is_empty() && indicators.iter().all(|i| i.weight.is_some());
    let value = if weighted {
        // Σ wᵢ·sᵢ/mᵢ / W  =  Σ wᵢ·sᵢ·(L/mᵢ) / (L·W)  with L = lcm(mᵢ).
        let l = indicators
            .iter()
            .try_fold(1u128, |l, i| lcm(l, u128::from(i.max_halves)))?;
        let mut total_weight = 0u128;
        let mut sum = 0u128;
        for i in indicators {
            let w = u128::from(i.weight.unwrap_or(0));
            total_weight = total_weight.checked_add(w)?;
            let term = w
                .checked_mul(score_of(scores, i))?
                .checked_mul(l / u128::from(i.max_halves))?;
            sum = sum.checked_add(term)?;
        }
        round_half_up(sum.checked_mul(FULL)?, l.checked_mul(total_weight)?)?
    } else {
        let max: u128 = indicators.iter().map(|i| u128::from(i.max_halves)).sum();
        let got: u128 = indicators.iter().map(|i| score_of(scores, i)).sum();
        round_half_up(got.checked_mul(FULL)?, max)?
    };
    u32::try_from(value).ok()
}

/// Whether a sheet fits its indicator set: every indicator scored, none unknown, each
/// score within its maximum (half points depend on policy: see `check_scores`). A sheet
/// that does not fit is never scored.
pub fn fits(indicators: &[Indicator], scores: &BTreeMap<String, u32>) -> bool {
    scores.len() == indicators.len()
        && indicators
            .iter()
            .all(|i| scores.get(&i.id).is_some_and(|s| *s <= i.max_halves))
}

/// [`try_normalized`], or 0 when the set cannot be scored (an empty set, a zero
/// maximum): for display only; deciders use `try_normalized` and say why.
pub fn normalized(indicators: &[Indicator], scores: &BTreeMap<String, u32>) -> u32 {
    try_normalized(indicators, scores).unwrap_or(0)
}

/// Whether every sheet of in-range scores on this set normalizes exactly (the full
/// sheet is the largest computation there is).
pub fn exact_for_every_sheet(indicators: &[Indicator]) -> bool {
    let full: BTreeMap<String, u32> = indicators
        .iter()
        .map(|i| (i.id.clone(), i.max_halves))
        .gather_map();
    try_normalized(indicators, &full).is_some()
}

/// Composite score from the four quarters (None = not assessed) and the annual
/// score, by policy weights, rounded half-up to hundredths. `None` when no quarter
/// was assessed and policy averages over assessed quarters (nothing to average), or
/// when the weights add up to 0.
///
/// With k quarters counted (assessed ones, or all four when a missing quarter counts
/// 0) of sum Σq: composite = (Σq/k · qw + annual · aw) / (qw + aw)
/// = (Σq · qw + annual · aw · k) / (k · (qw + aw)).
pub fn composite(quarters: &[Option<u32>; 4], annual: u32, policy: &Policy) -> Option<u32> {
    let assessed = quarters.iter().flatten();
    let sum: u128 = assessed.clone().map(|q| u128::from(*q)).sum();
    let k = match policy.missing_quarter {
        MissingQuarter::AverageOfAssessed => assessed.count() as u128,
        MissingQuarter::CountsAsZero => 4,
    };
    if k == 0 {
        return None;
    }
    let qw = u128::from(policy.quarterly_weight_pct);
    let aw = u128::from(policy.annual_weight_pct);
    let num = sum
        .checked_mul(qw)?
        .checked_add(u128::from(annual).checked_mul(aw)?.checked_mul(k)?)?;
    let den = k.checked_mul(qw.checked_add(aw)?)?;
    u32::try_from(round_half_up(num, den)?).ok()
}

/// How many of `n` villages a share of `pct` percent covers, rounded up.
fn share_count(n: u64, pct: u64) -> u64 {
    n.checked_mul(pct).map_or(u64::MAX, |x| x.div_ceil(100))
}

fn grade_of(composite: u32, place: u64, n: u64, policy: &Policy) -> TeamGrade {
    match policy.grading {
        GradingRule::Thresholds {
            outstanding_min,
            notable_min,
        } => {
            if composite >= outstanding_min {
                TeamGrade::Outstanding
            } else if composite >= notable_min {
                TeamGrade::Notable
            } else {
                TeamGrade::General
            }
        }
        GradingRule::Shares {
            outstanding_pct,
            notable_pct,
        } => {
            let (o, b) = (u64::from(outstanding_pct), u64::from(notable_pct));
            if place < share_count(n, o) {
                TeamGrade::Outstanding
            } else if place < share_count(n, o.saturating_add(b)) {
                TeamGrade::Notable
            } else {
                TeamGrade::General
            }
        }
    }
}

/// Grade a township's villages: input (village id, composite), output per village
/// (rank, team grade), in the input order. Ties share a rank and a grade.
pub fn grade_villages(composites: &[(String, u32)], policy: &Policy) -> Vec<(u32, TeamGrade)> {
    let mut sorted: Vec<u32> = composites.iter().map(|c| c.1).collect();
    sorting::sort_by(&mut sorted, |a, b| b.cmp(a));
    let n = u64::try_from(sorted.len()).unwrap_or(u64::MAX);
    composites
        .iter()
        .map(|(_, c)| {
            // Index of the first village with this composite (ties take the best place).
            let first = sorted.iter().position(|s| s == c).unwrap_or(0);
            let place = u64::try_from(first).unwrap_or(u64::MAX);
            let rank = u32::try_from(first).map_or(u32::MAX, |f| f.saturating_add(1));
            (rank, grade_of(*c, place, n, policy))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_rounds_the_exact_half_up() {
        assert_eq!(round_half_up(59_995, 10), Some(6_000));
        assert_eq!(round_half_up(59_994, 10), Some(5_999));
        assert_eq!(round_half_up(1, 2), Some(1));
        assert_eq!(round_half_up(1, 3), Some(0));
        assert_eq!(round_half_up(1, 0), None);
        assert_eq!(round_half_up(u128::MAX, 1), None);
    }
}
