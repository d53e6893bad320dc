//! The fold of 年度考核: every version of each cadre's ratings and grade, each team's
//! grade and each consequence carried out, keyed so that any order of the same events
//! gives the same part.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{AnnualAssessmentEvent as A, ConsequenceKind, RaterGroup, TeamGrade};
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Version, Versions};

/// A cadre's scores for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    /// The unit they were assessed in.
    pub unit: String,
    /// Each group's score, hundredths of a point.
    pub scores: BTreeMap<RaterGroup, u32>,
    /// Whether they passed the 党风廉政建设责任制 check.
    pub integrity_passed: bool,
    /// The day.
    pub on: NaiveDate,
    /// Why it was corrected ("" for a first record).
    pub reason: String,
}

/// A grade decided (a cadre's or a team's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded<G> {
    /// The grade.
    pub grade: G,
    /// On what grounds.
    pub grounds: String,
    /// The day it was decided.
    pub on: NaiveDate,
    /// Why it was corrected ("" for a first record).
    pub reason: String,
}

/// A consequence carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// What was done.
    pub done: String,
    /// The day.
    pub on: NaiveDate,
}

/// Who a consequence is about: a cadre (by id) or a unit's team (by name).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A cadre.
    Cadre(String),
    /// A unit's leadership team.
    Team(String),
}

/// 年度考核's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnualAssessment {
    /// Ratings by (year, cadre).
    pub ratings: BTreeMap<(i32, String), Versions<Rating>>,
    /// Cadres' grades by (cadre, year): read by cadre in the other workflows.
    pub grades: BTreeMap<(String, i32), Versions<Graded<AnnualGrade>>>,
    /// Teams' grades by (year, unit).
    pub teams: BTreeMap<(i32, String), Versions<Graded<TeamGrade>>>,
    /// Consequences carried out by (year, subject, kind).
    pub done: BTreeMap<(i32, Subject, ConsequenceKind), Versions<Done>>,
}

fn version<T>(e: &Event, value: T, supersedes: &[String]) -> Version<T> {
    Version::of_event(e, value, Some(supersedes.to_vec()))
}

impl WorkflowState for AnnualAssessment {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::AnnualAssessment(body) = &e.body else {
            return;
        };
        match body.clone() {
            A::AssessmentRated {
                year,
                cadre,
                unit,
                scores,
                integrity_passed,
                on,
                reason,
                supersedes,
            } => {
                let rating = Rating {
                    unit,
                    scores,
                    integrity_passed,
                    on,
                    reason,
                };
                let v = version(e, rating, &supersedes);
                self.ratings.entry((year, cadre)).or_default().add(v);
            }
            A::AssessmentGraded {
                year,
                cadre,
                grade,
                grounds,
                on,
                reason,
                supersedes,
            } => {
                let graded = Graded {
                    grade,
                    grounds,
                    on,
                    reason,
                };
                let v = version(e, graded, &supersedes);
                self.grades.entry((cadre, year)).or_default().add(v);
            }
            A::TeamGraded {
                year,
                unit,
                grade,
                grounds,
                on,
                reason,
                supersedes,
            } => {
                let graded = Graded {
                    grade,
                    grounds,
                    on,
                    reason,
                };
                let v = version(e, graded, &supersedes);
                self.teams.entry((year, unit)).or_default().add(v);
            }
            A::ConsequenceDone {
                year,
                cadre,
                unit,
                consequence,
                done,
                on,
                supersedes,
                ..
            } => {
                let subject = match consequence.of_team() {
                    true => Subject::Team(unit),
                    false => Subject::Cadre(cadre),
                };
                let v = version(e, Done { done, on }, &supersedes);
                let key = (year, subject, consequence);
                self.done.entry(key).or_default().add(v);
            }
        }
    }
}
