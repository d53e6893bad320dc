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
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::State;

/// Why a person left a pool, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Out {
    /// The day.
    pub on: NaiveDate,
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
}

/// The first reason the records give for taking `entry` out by `today`, if any.
pub fn taken_out(state: &State, entry: &Entry, today: NaiveDate) -> Option<Out> {
    let mut outs = Vec::new();
    let first_year = entry.on.year().saturating_sub(1);
    for (year, g) in annual_grades(state, &entry.cadre) {
        if year < first_year || g.grade < AnnualGrade::BasicallyCompetent {
            continue;
        }
        let decided = grade_day(state, &entry.cadre, year).max(entry.on);
        outs.push(Out {
            on: decided,
            reason: (
                format!(
                    "{year}年度考核为{}，调整出后备干部库",
                    g.grade.label_in(true)
                ),
                format!(
                    "graded {} for {year}: out of the pool",
                    g.grade.label_in(false)
                ),
            ),
            automatic: true,
        });
    }
    let profile = state.cadre_selection.cadre(&entry.cadre);
    if let Some(until) = profile.and_then(|p| p.flags.sanction_until) {
        if until >= entry.on {
            outs.push(Out {
                on: entry.on,
                reason: (
                    format!("受处分，影响期至{until}"),
                    format!("sanctioned, affecting use until {until}"),
                ),
                automatic: true,
            });
        }
    }
    if let Some((d, on, _)) = crate::domain::demotion_chain::progress::disposed(state, &entry.cadre)
    {
        if on >= entry.on {
            outs.push(Out {
                on,
                reason: (
                    format!("能上能下处置：{}", d.label(true)),
                    format!("moved down: {}", d.label(false)),
                ),
                automatic: true,
            });
        }
    }
    outs.into_iter()
        .filter(|o| o.on <= today)
        .min_by_key(|o| o.on)
}

/// The day a year's grade was decided: the assessment's record, else the next 1 January.
fn grade_day(state: &State, cadre: &str, year: i32) -> NaiveDate {
    let key = (cadre.to_string(), year);
    let recorded = state.annual_assessment.grades.get(&key);
    let days = recorded
        .into_iter()
        .flat_map(|v| v.live())
        .map(|v| v.value.on);
    days.min().unwrap_or_else(|| {
        let next = year.saturating_add(1);
        NaiveDate::from_ymd_opt(next, 1, 1).unwrap_or(NaiveDate::MAX)
    })
}

/// Every entry with whether it stands on `today`, by echelon and name.
pub fn members(state: &State, today: NaiveDate) -> Vec<Member<'_>> {
    let pool = &state.reserve_pool;
    let mut out: Vec<Member> = pool
        .entries
        .values()
        .map(|(_, entry)| {
            let left = pool
                .leavings
                .get(&entry.id)
                .into_iter()
                .flat_map(|l| l.values());
            let decided = left.min_by_key(|l| l.on).map(|l| Out {
                on: l.on,
                reason: (l.reason.clone(), l.reason.clone()),
                automatic: false,
            });
            let auto = taken_out(state, entry, today);
            let out = match (decided, auto) {
                (Some(a), Some(b)) => Some(if b.on < a.on { b } else { a }),
                (a, b) => a.or(b),
            };
            Member {
                name: state.cadre_selection.cadre_name(&entry.cadre),
                entry,
                out,
            }
        })
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.entry.echelon, &a.name, &a.entry.id).cmp(&(b.entry.echelon, &b.name, &b.entry.id))
    });
    out
}

/// Those in the pools on `today`.
pub fn standing(state: &State, today: NaiveDate) -> Vec<Member<'_>> {
    members(state, today)
        .into_iter()
        .filter(|m| m.out.is_none())
        .collect()
}

/// When a pool-wide review next falls due: the last one held plus the policy's years,
/// counted from the first entry when none was held (`None`: the pool is empty).
pub fn review_due(state: &State, review: PoolReview, today: NaiveDate) -> Option<NaiveDate> {
    let pool = &state.reserve_pool;
    let held = pool
        .reviews
        .values()
        .filter(|(r, _, _)| *r == review)
        .map(|(_, on, _)| *on);
    let first = pool.entries.values().map(|(_, e)| e.on).min();
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
