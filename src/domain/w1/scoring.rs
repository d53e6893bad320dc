//! Scoring: per-period normalized score, composite (综合考评得分) and grading.
//! All scores here are hundredths of a point on a 100-point scale.

use std::collections::BTreeMap;

use super::{Indicator, TeamGrade};
use crate::domain::policy::{GradingRule, MissingQuarter, Policy};

/// A period's score normalized to 100 points, in hundredths. Without weights:
/// sum of scores / sum of maxima. With weights: the weighted mean of each
/// indicator's score / maximum.
pub fn normalized(indicators: &[Indicator], scores: &BTreeMap<String, u32>) -> u32 {
    let weighted = indicators.iter().all(|i| i.weight.is_some()) && !indicators.is_empty();
    if weighted {
        let total_w: u64 = indicators
            .iter()
            .map(|i| u64::from(i.weight.unwrap_or(0)))
            .sum();
        if total_w == 0 {
            return 0;
        }
        let sum: f64 = indicators
            .iter()
            .map(|i| {
                let s = f64::from(scores.get(&i.id).copied().unwrap_or(0));
                let m = f64::from(i.max_halves.max(1));
                s / m * f64::from(i.weight.unwrap_or(0))
            })
            .sum();
        (sum * 10_000.0 / total_w as f64).round() as u32
    } else {
        let max: u64 = indicators.iter().map(|i| u64::from(i.max_halves)).sum();
        if max == 0 {
            return 0;
        }
        let got: u64 = indicators
            .iter()
            .map(|i| u64::from(scores.get(&i.id).copied().unwrap_or(0)))
            .sum();
        ((got * 10_000 + max / 2) / max) as u32
    }
}

/// Composite score from the four quarters (None = not assessed) and the annual
/// score, by policy weights. Returns None when no quarter was assessed and policy
/// averages over assessed quarters (there is nothing to average).
pub fn composite(quarters: &[Option<u32>; 4], annual: u32, policy: &Policy) -> Option<u32> {
    let assessed: Vec<u32> = quarters.iter().flatten().copied().collect();
    let quarterly_avg = match policy.missing_quarter {
        MissingQuarter::AverageOfAssessed => {
            if assessed.is_empty() {
                return None;
            }
            f64::from(assessed.iter().sum::<u32>()) / assessed.len() as f64
        }
        MissingQuarter::CountsAsZero => f64::from(assessed.iter().sum::<u32>()) / 4.0,
    };
    let q = f64::from(policy.quarterly_weight_pct);
    let a = f64::from(policy.annual_weight_pct);
    Some(((quarterly_avg * q + f64::from(annual) * a) / (q + a)).round() as u32)
}

/// Grade a township's villages: input (village id, composite), output per village
/// (rank, team grade), in the input order. Ties share a rank and a grade.
pub fn grade_villages(composites: &[(String, u32)], policy: &Policy) -> Vec<(u32, TeamGrade)> {
    let mut sorted: Vec<u32> = composites.iter().map(|c| c.1).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let n = sorted.len() as u32;
    composites
        .iter()
        .map(|(_, c)| {
            // Index of the first village with this composite (ties take the best place).
            let first = sorted.iter().position(|s| s == c).unwrap_or(0) as u32;
            let grade = match policy.grading {
                GradingRule::Thresholds {
                    outstanding_min,
                    notable_min,
                } => {
                    if *c >= outstanding_min {
                        TeamGrade::Outstanding
                    } else if *c >= notable_min {
                        TeamGrade::Notable
                    } else {
                        TeamGrade::General
                    }
                }
                GradingRule::Shares {
                    outstanding_pct,
                    notable_pct,
                } => {
                    let k1 = (n * outstanding_pct).div_ceil(100);
                    let k2 = (n * (outstanding_pct + notable_pct)).div_ceil(100);
                    if first < k1 {
                        TeamGrade::Outstanding
                    } else if first < k2 {
                        TeamGrade::Notable
                    } else {
                        TeamGrade::General
                    }
                }
            };
            (first + 1, grade)
        })
        .collect()
}
