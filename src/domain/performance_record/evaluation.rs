//! 月测评 (seed 004 淮安清河: "测"——设置“5+4”、“五力五度”等测评指标，每个指标五个等级量化
//! 分值): a unit's indicator set and raters in force for a month, and a cadre's month as
//! its raters scored it: per indicator the mean of the raters' level values, exact (a
//! sum over a count), shown to one decimal rounded half up; the month's score the mean
//! of every level given; a quarter's and a year's the mean of every level given in
//! their months (pooled, so a month with more raters weighs more); the unit's cadres
//! ranked by it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::rollup::{cadre_named, month_span, unit_of};
use super::roster::listed_on;
use super::state::{Rating, UnitSet};
use crate::domain::versions::Versions;
use crate::domain::State;

/// An exact mean: a sum of level values over how many there are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mean {
    /// The sum of the values.
    pub sum: u64,
    /// How many.
    pub count: u64,
}

impl Mean {
    /// The two pooled.
    pub fn plus(self, other: Mean) -> Mean {
        Mean {
            sum: self.sum.saturating_add(other.sum),
            count: self.count.saturating_add(other.count),
        }
    }

    /// Tenths, rounded half up (`None` when nothing was given).
    pub fn tenths(self) -> Option<u64> {
        if self.count == 0 {
            return None;
        }
        let twice = u128::from(self.sum) * 20 + u128::from(self.count);
        u64::try_from(twice / (2 * u128::from(self.count))).ok()
    }

    /// To one decimal ("86.7"), or "—".
    pub fn shown(self) -> String {
        match self.tenths() {
            Some(t) => format!("{}.{}", t / 10, t % 10),
            None => "—".into(),
        }
    }

    /// Higher first, exactly (an empty mean last).
    pub fn rank(a: Mean, b: Mean) -> Ordering {
        match (a.count, b.count) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            _ => {
                let x = u128::from(a.sum) * u128::from(b.count);
                let y = u128::from(b.sum) * u128::from(a.count);
                y.cmp(&x)
            }
        }
    }
}

/// The first day of `day`'s month.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The last day of the month starting on `month`.
pub fn month_end(month: NaiveDate) -> NaiveDate {
    month_span(month.year(), month.month()).map_or(month, |(_, end)| end)
}

/// A month as people name it: "2026年3月" / "2026-03".
pub fn month_name(month: NaiveDate, zh: bool) -> String {
    match zh {
        true => format!("{}年{}月", month.year(), month.month()),
        false => month.format("%Y-%m").to_string(),
    }
}

/// The set `unit` has in force for `month` (the latest from on or before it), with
/// whether two phones set it differently. Only versions set by a cadre of the unit (its
/// leader, by name, on the set's first day or on the day they set it) count: the server
/// checks only that the author is a unit leader, not of which unit.
pub fn set_for<'a>(state: &'a State, unit: &str, month: NaiveDate) -> Option<(&'a UnitSet, bool)> {
    let part = &state.performance_record;
    let range = (unit.to_string(), NaiveDate::MIN)..=(unit.to_string(), month);
    for ((_, from), versions) in part.sets.range(range).rev() {
        let mut own: Versions<UnitSet> = Versions::default();
        // The unit's on the set's first day or on the day it was set (as `decide` checks).
        let of_unit = |author: &str, on: NaiveDate| {
            let cadre = cadre_named(state, author);
            [*from, on]
                .iter()
                .any(|day| cadre.and_then(|c| unit_of(state, c, *day)).as_deref() == Some(unit))
        };
        let set_on = |v: &crate::domain::versions::Version<UnitSet>| {
            crate::domain::time::beijing_date(v.recorded_at)
        };
        for v in versions.all().filter(|v| of_unit(&v.author, set_on(v))) {
            own.add(v.clone());
        }
        let Some(latest) = own.live().last().map(|v| v.id.clone()) else {
            continue;
        };
        let value = versions.all().find(|v| v.id == latest).map(|v| &v.value)?;
        return Some((value, own.conflicted()));
    }
    None
}

/// A cadre's month as their raters scored it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthResult {
    /// How many raters scored it.
    pub raters: usize,
    /// Each indicator with its mean.
    pub indicators: Vec<(String, Mean)>,
    /// The month's score: every level given.
    pub overall: Mean,
    /// Whether a rater's levels were given two ways on two phones.
    pub differs: bool,
}

/// The ratings of `cadre`'s `month` standing by the raters `named`: each one's latest.
/// A rating by anyone else (written past the phone: the server checks only that the
/// rater is its author) does not count.
fn ratings<'a>(
    state: &'a State,
    cadre: &str,
    month: NaiveDate,
    named: &[String],
) -> Vec<(&'a Rating, bool)> {
    let part = &state.performance_record;
    let from = (cadre.to_string(), month, String::new());
    part.ratings
        .range(from..)
        .take_while(|((c, m, _), _)| c == cadre && *m == month)
        .filter(|((_, _, rater), _)| named.contains(rater))
        .filter_map(|(_, v)| Some((v.current()?, v.conflicted())))
        .collect()
}

/// `cadre`'s `month` as rated by the raters their unit set for it (`None` when none of
/// them scored it). The indicators are the unit's set for the month, then any others
/// the ratings name.
pub fn month_result(state: &State, cadre: &str, month: NaiveDate) -> Option<MonthResult> {
    let unit = unit_of(state, cadre, month_end(month)).unwrap_or_default();
    let (set, _) = set_for(state, &unit, month)?;
    let given = ratings(state, cadre, month, &set.raters);
    if given.is_empty() {
        return None;
    }
    let policy = state.policies.at(month_end(month)).performance_record;
    let mut names: Vec<String> = set.indicators.clone();
    for (r, _) in &given {
        for x in &r.indicators {
            if !names.contains(x) {
                names.push(x.clone());
            }
        }
    }
    let mut indicators = Vec::new();
    let mut overall = Mean::default();
    for name in names {
        let mut mean = Mean::default();
        for (r, _) in &given {
            let level = r
                .indicators
                .iter()
                .position(|x| *x == name)
                .and_then(|i| r.levels.get(i));
            if let Some(level) = level {
                let one = Mean {
                    sum: u64::from(policy.value(*level)),
                    count: 1,
                };
                mean = mean.plus(one);
            }
        }
        overall = overall.plus(mean);
        indicators.push((name, mean));
    }
    Some(MonthResult {
        raters: given.len(),
        indicators,
        overall,
        differs: given.iter().any(|(_, d)| *d),
    })
}

/// `cadre`'s scores of `year`: each month's, each quarter's and the year's, pooled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScoreRoll {
    /// January to December.
    pub months: Vec<Mean>,
    /// The four quarters.
    pub quarters: Vec<Mean>,
    /// The year.
    pub year: Mean,
}

/// `cadre`'s monthly scores of `year` rolled up to quarters and the year.
pub fn score_roll(state: &State, cadre: &str, year: i32) -> ScoreRoll {
    let months: Vec<Mean> = (1..=12)
        .map(|m| {
            NaiveDate::from_ymd_opt(year, m, 1)
                .and_then(|month| month_result(state, cadre, month))
                .map_or(Mean::default(), |r| r.overall)
        })
        .collect();
    let quarters: Vec<Mean> = months
        .chunks(3)
        .map(|q| q.iter().fold(Mean::default(), |a, b| a.plus(*b)))
        .collect();
    let year = quarters.iter().fold(Mean::default(), |a, b| a.plus(*b));
    ScoreRoll {
        months,
        quarters,
        year,
    }
}

/// The cadres of `unit` in `month` (their position at its end) with their results,
/// ranked by the month's score (unscored last, then by name).
pub fn unit_month(
    state: &State,
    unit: &str,
    month: NaiveDate,
) -> Vec<(String, String, Option<MonthResult>)> {
    let end = month_end(month);
    let mut out: Vec<(String, String, Option<MonthResult>)> = listed_on(state, end)
        .into_iter()
        .filter(|(_, l)| l.unit == unit)
        .map(|(id, l)| {
            let result = month_result(state, &id, month);
            (id, l.name, result)
        })
        .collect();
    let score = |r: &Option<MonthResult>| r.as_ref().map_or(Mean::default(), |r| r.overall);
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        Mean::rank(score(&a.2), score(&b.2)).then_with(|| a.1.cmp(&b.1))
    });
    out
}

/// Each unit's cadres (by position at `day`), by unit.
pub fn units_at(state: &State, day: NaiveDate) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (id, l) in listed_on(state, day) {
        out.entry(l.unit).or_default().push((id, l.name));
    }
    out
}
