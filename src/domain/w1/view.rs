//! The W1 projection the UI shows: one township's year, village by village.

use chrono::NaiveDate;

use super::decide::window_end;
use super::state::{Grading, IndicatorSet};
use super::{scoring, Period, VillageResult};
use crate::domain::master::Village;
use crate::domain::policy::Policy;
use crate::domain::state::State;
use crate::domain::time::add_days;

/// Where one period of one village stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodStatus {
    /// Nothing recorded.
    NotScored,
    /// Concurrent entries disagree: a reviewer must decide (需复核).
    NeedsReview,
    /// Scored; publicity not opened yet (quarters) — for the annual score, final.
    Scored,
    /// Under publicity until `end` (inclusive).
    InPublicity {
        /// Last day of the window.
        end: NaiveDate,
    },
    /// Window over; can be finalized unless an objection is open.
    AwaitingFinal,
    /// Finalized on this date.
    Final(NaiveDate),
}

/// One cell of the village × period board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodCell {
    /// Which period.
    pub period: Period,
    /// Status.
    pub status: PeriodStatus,
    /// Normalized score (hundredths of a point), if standing.
    pub score: Option<u32>,
    /// Publicity window (start, end), if opened.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Unresolved objections.
    pub open_objections: usize,
}

/// A dated obligation (诫勉谈话, 限期整改).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// Due date.
    pub due: NaiveDate,
    /// Completion date, if done.
    pub done: Option<NaiveDate>,
    /// Not done and past due.
    pub overdue: bool,
}

/// One village's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VillageRow {
    /// The village (with its heads).
    pub village: Village,
    /// Q1..Q4 and annual.
    pub cells: Vec<PeriodCell>,
    /// Composite from what is standing now (before grading: provisional).
    pub provisional: Option<u32>,
    /// The graded result, once graded.
    pub result: Option<VillageResult>,
    /// 诫勉谈话, if graded 不合格.
    pub talk: Option<Due>,
    /// 限期整改, if graded 不合格.
    pub rectification: Option<Due>,
}

/// A township's year, everything the results page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TownshipYearView {
    /// Township id.
    pub township: String,
    /// Year.
    pub year: i32,
    /// Current indicator set.
    pub indicators: Option<IndicatorSet>,
    /// Policy in force today.
    pub policy: Policy,
    /// Rows by village name.
    pub rows: Vec<VillageRow>,
    /// The standing grading.
    pub grading: Option<Grading>,
    /// More than one live grading (concurrent re-gradings): needs review.
    pub grading_conflict: bool,
}

impl TownshipYearView {
    /// Number of unresolved objections across the township.
    pub fn open_objections(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| c.open_objections)
            .sum()
    }

    /// Number of periods needing review.
    pub fn needs_review(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.status == PeriodStatus::NeedsReview)
            .count()
    }
}

/// Build the view of one township's year as of `today`.
pub fn township_year(
    state: &State,
    township: &str,
    year: i32,
    today: NaiveDate,
) -> TownshipYearView {
    let policy = state.policies.at(today);
    let indicators = state.w1.indicators(township, year).cloned();
    let grading = state.w1.grading(township, year).cloned();
    let rows = state
        .master
        .villages_of(township)
        .into_iter()
        .map(|v| {
            let cells: Vec<PeriodCell> = Period::ALL
                .into_iter()
                .map(|p| cell(state, v, year, p, indicators.as_ref(), today))
                .collect();
            let quarters = [0, 1, 2, 3].map(|i| match cells[i].status {
                PeriodStatus::Final(_) => cells[i].score,
                _ => None,
            });
            let provisional = cells[4]
                .score
                .and_then(|a| scoring::composite(&quarters, a, &policy));
            let result = grading
                .as_ref()
                .and_then(|g| g.results.iter().find(|r| r.village == v.id).cloned());
            let failed = result
                .as_ref()
                .is_some_and(|r| r.head_grade == super::HeadGrade::Fail);
            let (talk, rectification) = match (&grading, failed) {
                (Some(g), true) => {
                    let p = state.policies.at(g.graded_on);
                    let key = (v.id.clone(), year);
                    let talk_done = state
                        .w1
                        .talks
                        .get(&key)
                        .and_then(|t| t.iter().next())
                        .map(|t| t.0);
                    let rect_done = state
                        .w1
                        .rectifications
                        .get(&key)
                        .and_then(|t| t.iter().next())
                        .map(|t| t.0);
                    (
                        Some(due(
                            add_days(g.graded_on, i64::from(p.warning_talk_days)),
                            talk_done,
                            today,
                        )),
                        Some(due(
                            add_days(g.graded_on, i64::from(p.rectification_days)),
                            rect_done,
                            today,
                        )),
                    )
                }
                _ => (None, None),
            };
            VillageRow {
                village: v.clone(),
                cells,
                provisional,
                result,
                talk,
                rectification,
            }
        })
        .collect();
    TownshipYearView {
        township: township.to_string(),
        year,
        grading_conflict: state.w1.gradings(township, year).len() > 1,
        indicators,
        policy,
        rows,
        grading,
    }
}

fn due(due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> Due {
    Due {
        due,
        done,
        overdue: done.is_none() && today > due,
    }
}

fn cell(
    state: &State,
    v: &Village,
    year: i32,
    period: Period,
    set: Option<&IndicatorSet>,
    today: NaiveDate,
) -> PeriodCell {
    let Some(slot) = state.w1.slot(&v.id, year, period) else {
        return PeriodCell {
            period,
            status: PeriodStatus::NotScored,
            score: None,
            window: None,
            open_objections: 0,
        };
    };
    let window = slot
        .publicity_start()
        .map(|s| (s, window_end(s, &state.policies.at(s))));
    let open_objections = slot.open_objections().len();
    let score = slot
        .standing()
        .zip(set)
        .map(|(s, set)| scoring::normalized(&set.indicators, &s.scores));
    let status = if slot.live().is_empty() {
        PeriodStatus::NotScored
    } else if slot.needs_review() {
        PeriodStatus::NeedsReview
    } else if let Some((d, _)) = &slot.finalized {
        PeriodStatus::Final(*d)
    } else if let Some((_, end)) = window {
        if today > end {
            PeriodStatus::AwaitingFinal
        } else {
            PeriodStatus::InPublicity { end }
        }
    } else {
        PeriodStatus::Scored
    };
    PeriodCell {
        period,
        status,
        score,
        window,
        open_objections,
    }
}
