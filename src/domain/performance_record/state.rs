//! The fold of the everyday performance record: each cadre's daily records (each
//! correctable, `versions::Records`) and each week's report (every submission kept,
//! a later one replacing those it names); keyed by event id, so any order of the same
//! events gives the same part.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{Level, NoteKind, PerformanceRecordEvent as P, WorkCategory};
use super::roster::Rosters;
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Records, Version, Versions};

/// A day's work, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayWork {
    /// The day.
    pub day: NaiveDate,
    /// What it was about.
    pub category: WorkCategory,
    /// The project or task (may be empty).
    pub project: String,
    /// The work done.
    pub text: String,
}

/// A week's report as submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekReport {
    /// The daily records it compiles, by record id.
    pub entries: Vec<String>,
    /// The summary.
    pub summary: String,
}

/// A unit's indicator set and raters (月测评).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitSet {
    /// The set's name ("5+4").
    pub set: String,
    /// Its indicators.
    pub indicators: Vec<String>,
    /// Who rates, by name.
    pub raters: Vec<String>,
}

/// One rater's levels of a cadre's month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    /// The indicators rated.
    pub indicators: Vec<String>,
    /// Each one's level.
    pub levels: Vec<Level>,
}

/// A talk, visit or analysis of a quarter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterNote {
    /// What it is.
    pub note: NoteKind,
    /// Its text.
    pub text: String,
}

/// A year's review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearReview {
    /// The overall level.
    pub level: Level,
    /// The text.
    pub text: String,
}

/// The rosters' names by cadre, computed once when asked for: derived from `rosters`,
/// so two parts are equal whether or not either has computed it.
#[derive(Clone, Debug, Default)]
pub struct NamesCache(pub std::sync::OnceLock<super::roster::Index>);

impl PartialEq for NamesCache {
    fn eq(&self, _: &NamesCache) -> bool {
        true
    }
}

/// 实绩纪实's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PerformanceRecord {
    /// Each cadre's daily records, by (cadre, who wrote them): a cadre's own are those
    /// written in their profile's name (`rollup::days_of`); any others were written past
    /// the phone (the server checks only that `by` is the author) and count for no one.
    pub days: BTreeMap<(String, String), Records<DayWork>>,
    /// Every submission of each cadre's weeks, by (cadre, who submitted, Monday), as
    /// `days` (`rollup::week_versions`).
    pub weeks: BTreeMap<(String, String, NaiveDate), Versions<WeekReport>>,
    /// Every unit's indicator sets, by (unit, first month).
    pub sets: BTreeMap<(String, NaiveDate), Versions<UnitSet>>,
    /// Every rating, by (cadre, month, rater).
    pub ratings: BTreeMap<(String, NaiveDate, String), Versions<Rating>>,
    /// Each cadre's quarterly analysis records, by (cadre, year, quarter).
    pub quarters: BTreeMap<(String, i32, u32), Records<QuarterNote>>,
    /// Each cadre's year reviews, by (cadre, year).
    pub reviews: BTreeMap<(String, i32), Versions<YearReview>>,
    /// Every unit's roster (实绩纪实名单), by (unit, first day).
    pub rosters: Rosters,
    /// Every cadre any roster lists, by id, with their name (`roster::index` of
    /// `rosters`, computed when first asked for and dropped at each new roster, so it
    /// depends only on the set of rosters).
    pub names: NamesCache,
}

impl WorkflowState for PerformanceRecord {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::PerformanceRecord(body) = &e.body else {
            return;
        };
        match body.clone() {
            P::WorkLogged {
                cadre,
                by,
                day,
                category,
                project,
                text,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let work = DayWork {
                    day,
                    category,
                    project,
                    text,
                };
                let value = (!withdrawn).then_some(work);
                let records = self.days.entry((cadre, by)).or_default();
                records.add(e, &corrects, value, &supersedes);
            }
            P::WeekSubmitted {
                cadre,
                by,
                week,
                entries,
                summary,
                supersedes,
                ..
            } => {
                let report = WeekReport { entries, summary };
                let v = Version::of_event(e, report, Some(supersedes));
                self.weeks.entry((cadre, by, week)).or_default().add(v);
            }
            P::IndicatorsSet {
                unit,
                set,
                indicators,
                raters,
                from,
                supersedes,
            } => {
                let value = UnitSet {
                    set,
                    indicators,
                    raters,
                };
                let v = Version::of_event(e, value, Some(supersedes));
                self.sets.entry((unit, from)).or_default().add(v);
            }
            P::MonthRated {
                cadre,
                month,
                rater,
                indicators,
                levels,
                supersedes,
            } => {
                let value = Rating { indicators, levels };
                let v = Version::of_event(e, value, Some(supersedes));
                self.ratings
                    .entry((cadre, month, rater))
                    .or_default()
                    .add(v);
            }
            P::QuarterNoted {
                cadre,
                year,
                quarter,
                note,
                text,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = (!withdrawn).then_some(QuarterNote { note, text });
                let records = self.quarters.entry((cadre, year, quarter)).or_default();
                records.add(e, &corrects, value, &supersedes);
            }
            P::RosterPublished {
                unit,
                from,
                members,
                supersedes,
            } => {
                let v = Version::of_event(e, members, Some(supersedes));
                self.rosters.entry((unit, from)).or_default().add(v);
                self.names = NamesCache::default();
            }
            P::YearReviewed {
                cadre,
                year,
                level,
                text,
                supersedes,
            } => {
                let v = Version::of_event(e, YearReview { level, text }, Some(supersedes));
                self.reviews.entry((cadre, year)).or_default().add(v);
            }
        }
    }
}
