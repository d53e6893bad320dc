//! Who is in the pools on a day, worked out from the records (dynamic management, seed
//! 000): an entry stands until a leaving is recorded, or until the records take the
//! person out — an annual grade of 基本称职 or lower (W5, or the profile where W5 has
//! none) for the year before entering or later, a sanction in effect after entering, or
//! a W7 disposal decided after entering — each with its reason and day. And when the
//! pool's top-up (every 2 years) and open selection (every 5) fall due.

use chrono::{Datelike, NaiveDate};

use super::event::PoolReview;
use super::state::Entry;
use crate::domain::annual_assessment::results::annual_grades;
use crate::domain::cadre_selection::{AnnualGrade, CadreProfile};
use crate::domain::time::beijing_date;
use crate::domain::State;

/// Why a person left a pool, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Out {
    /// The day.
    pub on: NaiveDate,
    /// The day the records learned it (a sanction typed in a profile months later: the
    /// day it was typed; the home page tells of it from then).
    pub known: NaiveDate,
    /// Why, in Chinese and English.
    pub reason: (String, String),
    /// Whether the records took them out (else a decision recorded it).
    pub automatic: bool,
}

impl Out {
    /// The reason in one language.
    pub fn said(&self, zh: bool) -> &str {
        if zh {
            &self.reason.0
        } else {
            &self.reason.1
        }
    }
}

/// An entry and whether it stands on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member<'a> {
    /// The entry.
    pub entry: &'a Entry,
    /// The cadre's name.
    pub name: String,
    /// Why and when they left (`None`: in the pool).
    pub out: Option<Out>,
    /// Whether its entry or leaving was recorded two ways on two phones (to correct).
    pub differs: bool,
}

/// The first reason the records give for taking `entry` out by `today`, if any.
pub fn taken_out(state: &State, entry: &Entry, today: NaiveDate) -> Option<Out> {
    let mut outs = Vec::new();
    let first_year = entry.on.year().saturating_sub(1);
    for (year, g) in annual_grades(state, &entry.cadre) {
        if year < first_year || g.grade < AnnualGrade::BasicallyCompetent {
            continue;
        }
        let (decided, known) = grade_days(state, &entry.cadre, year, g.grade);
        outs.push(Out {
            on: decided.max(entry.on),
            known: known.max(entry.on),
            reason: (
                format!("{year}年度考核为{}", g.grade.label_in(true)),
                format!("graded {} for {year}", g.grade.label_in(false)),
            ),
            automatic: true,
        });
    }
    let profile = state.cadre_selection.cadre(&entry.cadre);
    if let Some(until) = profile.and_then(|p| p.flags.sanction_until) {
        if until >= entry.on {
            let known = profile_known(state, &entry.cadre, |p| {
                p.flags.sanction_until == Some(until)
            });
            let known = known.unwrap_or(entry.on).max(entry.on);
            outs.push(Out {
                on: known,
                known,
                reason: (
                    format!("受处分，影响期至{until}"),
                    format!("sanctioned, affecting use until {until}"),
                ),
                automatic: true,
            });
        }
    }
    if let Some(out) = disposal_out(state, entry) {
        outs.push(out);
    }
    outs.into_iter()
        .filter(|o| o.on <= today)
        .min_by_key(|o| o.on)
}

/// The first W7 disposal decided on or after `entry`'s day, if any.
fn disposal_out(state: &State, entry: &Entry) -> Option<Out> {
    use crate::domain::demotion_chain::{progress::cases_of, DemotionStep};
    let cases = cases_of(state, &entry.cadre);
    let (d, on, case) = cases
        .iter()
        .filter_map(|p| p.disposal.map(|(d, on)| (d, on, p.head.id.clone())))
        .filter(|(_, on, _)| *on >= entry.on)
        .min_by_key(|(_, on, _)| *on)?;
    let step = state
        .demotion_chain
        .steps
        .get(&(case, DemotionStep::Decision));
    let recorded = step
        .into_iter()
        .flat_map(|v| v.live())
        .map(|v| v.recorded_at)
        .min();
    let known = recorded.map_or(on, beijing_date).max(on);
    Some(Out {
        on,
        known,
        reason: (
            format!("能上能下处置：{}", d.label(true)),
            format!("moved down: {}", d.label(false)),
        ),
        automatic: true,
    })
}

/// A year's grade as W9 dates it: (the day it was decided, the day the records learned
/// it). The assessment's record: its day, and when it was recorded; a grade typed in the
/// profile: the next 1 January, and when the profile first said so.
fn grade_days(state: &State, cadre: &str, year: i32, grade: AnnualGrade) -> (NaiveDate, NaiveDate) {
    let key = (cadre.to_string(), year);
    let recorded = state.annual_assessment.grades.get(&key);
    let live = recorded.into_iter().flat_map(|v| v.live());
    let live: Vec<_> = live.filter(|v| v.value.grade == grade).collect();
    if let Some(first) = live.iter().min_by_key(|v| v.recorded_at) {
        let day = live
            .iter()
            .map(|v| v.value.on)
            .min()
            .unwrap_or(first.value.on);
        return (day, beijing_date(first.recorded_at).max(day));
    }
    let next = NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1).unwrap_or(NaiveDate::MAX);
    let known = profile_known(state, cadre, |p| p.grades.get(&year) == Some(&grade));
    (next, known.unwrap_or(next).max(next))
}

/// The day the first version of `cadre`'s profile that `holds` was recorded.
fn profile_known(
    state: &State,
    cadre: &str,
    holds: impl Fn(&CadreProfile) -> bool,
) -> Option<NaiveDate> {
    let versions = state.cadre_selection.cadres.get(cadre)?;
    let first = versions
        .all()
        .filter(|v| holds(&v.value))
        .map(|v| v.recorded_at)
        .min()?;
    Some(beijing_date(first))
}

/// Every entry with whether it stands on `today`, by echelon and name.
pub fn members(state: &State, today: NaiveDate) -> Vec<Member<'_>> {
    let pool = &state.reserve_pool;
    let mut out: Vec<Member> = pool
        .entries
        .values()
        .filter_map(|versions| {
            let entry = versions.current()?;
            let leaving = pool.leavings.get(&entry.id);
            let auto = taken_out(state, entry, today);
            let out = match (left(leaving), auto) {
                (Some(a), Some(b)) => Some(if b.on < a.on { b } else { a }),
                (a, b) => a.or(b),
            };
            Some(Member {
                name: state.cadre_selection.cadre_name(&entry.cadre),
                entry,
                out,
                differs: versions.conflicted() || leavings_differ(leaving),
            })
        })
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.entry.echelon, &a.name, &a.entry.id).cmp(&(b.entry.echelon, &b.name, &b.entry.id))
    });
    out
}

/// Whether two live leavings (not withdrawals: two phones withdrawing the same leaving
/// agree) say different things.
fn leavings_differ(
    leaving: Option<&crate::domain::versions::Versions<super::state::Leaving>>,
) -> bool {
    let live = leaving.map(|v| v.live()).unwrap_or_default();
    let mut decided = live.iter().filter(|l| !l.value.withdrawn);
    let first = decided.next();
    first.is_some_and(|f| decided.any(|l| l.value != f.value))
}

/// The leaving decided, if one stands: the earliest of the live versions that is not a
/// withdrawal.
fn left(leaving: Option<&crate::domain::versions::Versions<super::state::Leaving>>) -> Option<Out> {
    let live = leaving.map(|v| v.live()).unwrap_or_default();
    let l = live
        .iter()
        .filter(|l| !l.value.withdrawn)
        .min_by_key(|l| l.value.on)?;
    Some(Out {
        on: l.value.on,
        known: l.value.on,
        reason: (l.value.reason.clone(), l.value.reason.clone()),
        automatic: false,
    })
}

/// Those in the pools on `today`.
pub fn standing(state: &State, today: NaiveDate) -> Vec<Member<'_>> {
    members(state, today)
        .into_iter()
        .filter(|m| m.out.is_none())
        .collect()
}

/// Those with more than one entry standing (entered on two phones): (name, how many).
pub fn entered_twice(state: &State, today: NaiveDate) -> Vec<(String, usize)> {
    let mut by_cadre: std::collections::BTreeMap<&str, (String, usize)> = Default::default();
    for m in standing(state, today) {
        let slot = by_cadre.entry(m.entry.cadre.as_str());
        slot.or_insert_with(|| (m.name.clone(), 0)).1 += 1;
    }
    by_cadre.into_values().filter(|(_, n)| *n > 1).collect()
}

/// When a pool-wide review next falls due: the last one held plus the policy's years,
/// counted from the first entry when none was held (`None`: the pool is empty).
pub fn review_due(state: &State, review: PoolReview, today: NaiveDate) -> Option<NaiveDate> {
    let pool = &state.reserve_pool;
    let held = pool
        .reviews
        .standing()
        .into_iter()
        .filter(|(_, r, _)| r.review == review)
        .map(|(_, r, _)| r.on);
    let first = pool
        .entries
        .values()
        .filter_map(|v| v.current())
        .map(|e| e.on)
        .min();
    let since = held.max().or(first)?;
    let policy = state.policies.at(today).reserve_pool;
    let years = match review {
        PoolReview::TopUp => policy.top_up_years,
        PoolReview::OpenSelection => policy.open_selection_years,
    };
    let months = years.max(1).saturating_mul(12);
    Some(crate::domain::cadre_selection::cadre::add_months(
        since, months,
    ))
}
