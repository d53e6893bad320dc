//! What a year's assessment works out from its records: each cadre's composite score
//! (the rater groups' scores weighted by policy, exact), the ranking in each unit, the
//! grades as they stand, every cadre's grades by year for the other workflows (W4's
//! exclusions, W7's triggers, W9's pools), and the consequences a grade calls for with
//! their due dates.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::event::{RaterGroup, TeamGrade};
use super::policy::AssessmentPolicy;
use super::state::{Graded, Rating};
use crate::domain::cadre_selection::{cadre::current_position, AnnualGrade};
use crate::domain::sorting;
use crate::domain::versions::{standing, Standing};
use crate::domain::State;

/// An exact composite score: `num / den` hundredths of a point.
#[derive(Clone, Copy, Debug, Eq)]
pub struct Composite {
    num: u128,
    den: u128,
}

impl Composite {
    /// The weighted mean of `scores` (hundredths) under `policy`'s weights; `None` when
    /// no recorded group carries weight.
    pub fn of(scores: &BTreeMap<RaterGroup, u32>, policy: &AssessmentPolicy) -> Option<Self> {
        let (num, den) = scores.iter().fold((0u128, 0u128), |(n, d), (g, s)| {
            let w = u128::from(policy.weight(*g));
            (n + w * u128::from(*s), d + w)
        });
        (den > 0).then_some(Composite { num, den })
    }

    /// Hundredths of a point, rounded half up.
    pub fn hundredths(self) -> u128 {
        (2 * self.num + self.den) / (2 * self.den)
    }

    /// As people read it: 86.35.
    pub fn shown(self) -> String {
        let h = self.hundredths();
        format!("{}.{:02}", h / 100, h % 100)
    }
}

impl PartialEq for Composite {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl PartialOrd for Composite {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Composite {
    fn cmp(&self, other: &Self) -> Ordering {
        let a = self.num * other.den;
        let b = other.num * self.den;
        a.cmp(&b)
    }
}

/// A score in hundredths as typed: "86.35", "90", "87.5"; `None` if not one, or above
/// 100.
pub fn parse_score(text: &str) -> Option<u32> {
    let s = text.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    let value = whole * 100 + frac;
    (value <= 10_000).then_some(value)
}

/// A score in hundredths as people read it: 8635 → "86.35".
pub fn shown_score(h: u32) -> String {
    crate::domain::score::format_hundredths(h)
}

/// The policy in force at the end of `year` (today's for a year not over).
pub fn policy_of(state: &State, year: i32) -> AssessmentPolicy {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    state.policies.at(end).annual_assessment
}

/// One cadre's place in their unit's ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    /// The cadre.
    pub cadre: String,
    /// Their name.
    pub name: String,
    /// Their composite.
    pub composite: Composite,
    /// 1 = first; cadres with equal composites share a place.
    pub place: usize,
    /// How many in the unit scored strictly lower.
    pub below: usize,
}

/// The standing rating of `cadre` in `year` (one version; `Conflict` while two wait).
pub fn rating<'a>(state: &'a State, year: i32, cadre: &str) -> Standing<'a, Rating> {
    standing(
        state
            .annual_assessment
            .ratings
            .get(&(year, cadre.to_string())),
    )
}

/// The standing grade of `cadre` in `year`.
pub fn grade<'a>(state: &'a State, year: i32, cadre: &str) -> Standing<'a, Graded<AnnualGrade>> {
    standing(
        state
            .annual_assessment
            .grades
            .get(&(cadre.to_string(), year)),
    )
}

/// How many of a unit's `ranked` cadres stand graded 优秀 in `year` and the policy's
/// cap, when they are over it (two phones grading at once, or a cap lowered later).
pub fn excellent_over(state: &State, year: i32, ranked: &[Ranked]) -> Option<(u64, u64)> {
    let cap = policy_of(state, year).excellent_cap(ranked.len())?;
    let excellent = ranked
        .iter()
        .filter(|r| matches!(grade(state, year, &r.cadre), Standing::One(g) if g.grade == AnnualGrade::Excellent))
        .count() as u64;
    (excellent > cap).then_some((excellent, cap))
}

/// Whether `cadre`'s scores of `year` were corrected after their grade was recorded (the
/// grade may rest on scores that no longer stand).
pub fn graded_before_rescored(state: &State, year: i32, cadre: &str) -> bool {
    let a = &state.annual_assessment;
    let latest = |at: Option<i64>| at.unwrap_or(i64::MIN);
    let rated = a
        .ratings
        .get(&(year, cadre.to_string()))
        .and_then(|v| v.live().last().map(|x| x.recorded_at));
    let graded = a
        .grades
        .get(&(cadre.to_string(), year))
        .and_then(|v| v.live().last().map(|x| x.recorded_at));
    graded.is_some() && latest(rated) > latest(graded)
}

/// The standing grade of `unit`'s team in `year`.
pub fn team_grade<'a>(state: &'a State, year: i32, unit: &str) -> Standing<'a, Graded<TeamGrade>> {
    standing(state.annual_assessment.teams.get(&(year, unit.to_string())))
}

/// Every unit of `year`: those named by its ratings and those cadres sat in at its end
/// (or today, for the year under way), in name order.
pub fn units(state: &State, year: i32, today: NaiveDate) -> Vec<String> {
    let on = year_day(year, today);
    let rated = state
        .annual_assessment
        .ratings
        .iter()
        .filter(|((y, _), _)| *y == year)
        .filter_map(|(_, v)| v.current().map(|r| r.unit.clone()));
    let sitting = state
        .cadre_selection
        .cadre_list()
        .filter_map(|(_, p)| current_position(p, on).map(|p| p.unit.clone()));
    // A unit whose name cannot stand in a path (typed in a profile) is left out.
    let all: BTreeSet<String> = rated
        .chain(sitting)
        .filter(|u| crate::route::name_fits(u))
        .collect();
    all.into_iter().collect()
}

/// Every unit `cadre` may be rated in for `year`: those they held a post in during the
/// year, and those of their ratings recorded for it.
pub fn units_of_cadre(state: &State, year: i32, cadre: &str) -> Vec<String> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let held = state
        .cadre_selection
        .cadre(cadre)
        .into_iter()
        .flat_map(|p| {
            let during = p
                .positions
                .iter()
                .filter(move |x| x.start <= last && x.end.is_none_or(|e| e >= first));
            during.map(|x| x.unit.clone())
        });
    let rated = state
        .annual_assessment
        .ratings
        .get(&(year, cadre.to_string()));
    let rated = rated
        .into_iter()
        .flat_map(|v| v.live())
        .map(|v| v.value.unit.clone());
    let all: BTreeSet<String> = held.chain(rated).collect();
    all.into_iter().collect()
}

/// The year being assessed on `today`: this year once anything of it is rated; before
/// that, last year while last year has ratings still to grade or none yet and it is the
/// first quarter (年度考核 runs in December and January), else this year.
pub fn current_year(state: &State, today: NaiveDate) -> i32 {
    let this = today.year();
    let last = this.saturating_sub(1);
    let a = &state.annual_assessment;
    let rated = |y: i32| a.ratings.keys().any(|(year, _)| *year == y);
    if rated(this) {
        return this;
    }
    let ungraded = a
        .ratings
        .keys()
        .filter(|(y, _)| *y == last)
        .any(|(_, c)| !a.grades.contains_key(&(c.clone(), last)));
    match ungraded || (today.month() <= 3 && !rated(last)) {
        true => last,
        false => this,
    }
}

/// The day a year's positions are read on: its last day, or today while it runs.
pub fn year_day(year: i32, today: NaiveDate) -> NaiveDate {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    end.min(today.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today)))
}

/// The cadres of `unit` in `year`: rated there, or sitting there at the year's end
/// (rated elsewhere or not); in name order.
pub fn members(state: &State, year: i32, unit: &str, today: NaiveDate) -> Vec<String> {
    members_by_unit(state, year, today)
        .remove(unit)
        .unwrap_or_default()
}

/// Every unit's cadres in `year` (as [`members`]), in one pass over the cadres.
pub fn members_by_unit(
    state: &State,
    year: i32,
    today: NaiveDate,
) -> BTreeMap<String, Vec<String>> {
    let on = year_day(year, today);
    let cadres = &state.cadre_selection;
    let mut by_unit: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (id, p) in cadres.cadre_list() {
        let rated = state.annual_assessment.ratings.get(&(year, id.to_string()));
        let rated = rated
            .into_iter()
            .flat_map(|v| v.live())
            .map(|v| v.value.unit.clone());
        let sitting = current_position(p, on).map(|x| x.unit.clone());
        for unit in rated.chain(sitting) {
            by_unit
                .entry(unit)
                .or_default()
                .insert((p.name.clone(), id.clone()));
        }
    }
    by_unit
        .into_iter()
        .map(|(unit, people)| (unit, people.into_iter().map(|(_, id)| id).collect()))
        .collect()
}

/// `unit`'s ranking in `year`: every cadre with one standing rating there, best first.
pub fn ranking(state: &State, year: i32, unit: &str) -> Vec<Ranked> {
    rankings(state, year).remove(unit).unwrap_or_default()
}

/// Every unit's ranking in `year`, in one pass over the year's ratings.
pub fn rankings(state: &State, year: i32) -> BTreeMap<String, Vec<Ranked>> {
    let policy = policy_of(state, year);
    let mut by_unit: BTreeMap<String, Vec<(String, Composite)>> = BTreeMap::new();
    let from = (year, String::new());
    let of_year = state.annual_assessment.ratings.range(from..);
    for ((_, cadre), v) in of_year.take_while(|((y, _), _)| *y == year) {
        if let Standing::One(r) = standing(Some(v)) {
            if let Some(c) = Composite::of(&r.scores, &policy) {
                by_unit
                    .entry(r.unit.clone())
                    .or_default()
                    .push((cadre.clone(), c));
            }
        }
    }
    by_unit
        .into_iter()
        .map(|(unit, scored)| (unit, ranked(state, scored)))
        .collect()
}

fn ranked(state: &State, mut scored: Vec<(String, Composite)>) -> Vec<Ranked> {
    let cadres = &state.cadre_selection;
    sorting::sort_by(&mut scored, |a, b| {
        b.1.cmp(&a.1)
            .then_with(|| cadres.cadre_name(&a.0).cmp(&cadres.cadre_name(&b.0)))
            .then_with(|| a.0.cmp(&b.0))
    });
    let all: Vec<Composite> = scored.iter().map(|(_, c)| *c).collect();
    scored
        .into_iter()
        .map(|(cadre, composite)| Ranked {
            name: cadres.cadre_name(&cadre),
            place: 1 + all.iter().filter(|c| **c > composite).count(),
            below: all.iter().filter(|c| **c < composite).count(),
            cadre,
            composite,
        })
        .collect()
}

/// One year's grade of a cadre, as the other workflows read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearGrade {
    /// The grade (the lower of two versions that differ).
    pub grade: AnnualGrade,
    /// Whether it comes from this workflow's records (else typed in the cadre's profile).
    pub assessed: bool,
    /// Whether two versions of it differ (to be settled).
    pub conflicted: bool,
}

/// Every year's grade of `cadre`: the annual assessment's where it has one, the
/// profile's (an older record) where it has none. A grade recorded two ways — two
/// versions of the assessment's, or the assessment's and a different one typed in the
/// profile — counts as the lower of them until settled.
pub fn annual_grades(state: &State, cadre: &str) -> BTreeMap<i32, YearGrade> {
    let typed = state.cadre_selection.cadre(cadre).map(|p| &p.grades);
    let mut out: BTreeMap<i32, YearGrade> = typed
        .into_iter()
        .flatten()
        .map(|(y, g)| {
            let typed = YearGrade {
                grade: *g,
                assessed: false,
                conflicted: false,
            };
            (*y, typed)
        })
        .collect();
    let from = (cadre.to_string(), i32::MIN);
    let recorded = state.annual_assessment.grades.range(from..);
    for ((_, year), versions) in recorded.take_while(|((c, _), _)| c == cadre) {
        let mut each: Vec<AnnualGrade> = versions.live().iter().map(|v| v.value.grade).collect();
        if each.is_empty() {
            continue;
        }
        // A grade typed in the profile that says otherwise is not overridden in silence.
        each.extend(out.get(year).map(|typed| typed.grade));
        let worst = each.iter().copied().max().unwrap_or(AnnualGrade::Competent);
        let graded = YearGrade {
            grade: worst,
            assessed: true,
            conflicted: each.iter().any(|g| *g != worst),
        };
        out.insert(*year, graded);
    }
    out
}
