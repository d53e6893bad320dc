//! What a year's grades call for (seed 000, 酒泉): 不称职 → 免职, 基本称职 → 诫勉, a team
//! graded 差 → its main leader removed and its deputies competing for their posts, a
//! team graded 一般 → its members competing for posts. Each is due a number of days
//! (policy) after the grade and listed until a record says it was carried out.

use chrono::{Days, NaiveDate};

use super::event::{ConsequenceKind, TeamGrade};
use super::results::policy_of;
use super::state::{Done, Subject};
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::versions::{standing, Standing};
use crate::domain::State;

/// One consequence a standing grade calls for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consequence {
    /// The year assessed.
    pub year: i32,
    /// Who it is about.
    pub subject: Subject,
    /// The cadre's name, or the unit.
    pub name: String,
    /// What is called for.
    pub kind: ConsequenceKind,
    /// The day of the grade.
    pub since: NaiveDate,
    /// The day it is due.
    pub due: NaiveDate,
    /// How it was carried out, if it was (`None`: not yet; two versions that differ
    /// count as done, shown for review).
    pub done: Option<Done>,
    /// Whether its record differs between two phones.
    pub conflicted: bool,
    /// Recorded done, but the grade was corrected since and no longer calls for it (kept
    /// in view: nothing done is hidden).
    pub moot: bool,
}

impl Consequence {
    /// Whether it is still to be done and its day has passed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && today > self.due
    }
}

fn due(since: NaiveDate, days: u32) -> NaiveDate {
    since
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Every consequence of `year`'s standing grades, cadres' first (by name), then teams'.
pub fn consequences(state: &State, year: i32) -> Vec<Consequence> {
    let policy = policy_of(state, year);
    let cadres = &state.cadre_selection;
    let mut out = Vec::new();
    let graded = state.annual_assessment.grades.iter();
    for ((cadre, y), versions) in graded.filter(|((_, y), _)| *y == year) {
        let Standing::One(g) = standing(Some(versions)) else {
            continue;
        };
        let (kind, days) = match g.grade {
            AnnualGrade::Incompetent => (ConsequenceKind::Removal, policy.removal_days),
            AnnualGrade::BasicallyCompetent => (ConsequenceKind::Warning, policy.warning_days),
            _ => continue,
        };
        let subject = Subject::Cadre(cadre.clone());
        out.push(owed(
            state,
            *y,
            subject,
            cadres.cadre_name(cadre),
            kind,
            g.on,
            days,
        ));
    }
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (&a.name, &a.subject).cmp(&(&b.name, &b.subject))
    });
    let teams = state.annual_assessment.teams.iter();
    for ((y, unit), versions) in teams.filter(|((y, _), _)| *y == year) {
        let Standing::One(g) = standing(Some(versions)) else {
            continue;
        };
        let kinds: &[ConsequenceKind] = match g.grade {
            TeamGrade::Poor => &[
                ConsequenceKind::LeaderRemoval,
                ConsequenceKind::DeputiesCompete,
            ],
            TeamGrade::Average => &[ConsequenceKind::TeamCompete],
            _ => &[],
        };
        for kind in kinds {
            let subject = Subject::Team(unit.clone());
            out.push(owed(
                state,
                *y,
                subject,
                unit.clone(),
                *kind,
                g.on,
                policy.team_days,
            ));
        }
    }
    out.extend(moot(state, year, &out));
    out
}

/// What was recorded done for `year` that its grades, as corrected, no longer call for.
fn moot(state: &State, year: i32, owed: &[Consequence]) -> Vec<Consequence> {
    let done = state.annual_assessment.done.iter();
    let done = done.filter(|((y, _, _), _)| *y == year);
    done.filter(|((_, subject, kind), _)| {
        !owed
            .iter()
            .any(|c| c.subject == *subject && c.kind == *kind)
    })
    .filter_map(|((_, subject, kind), versions)| {
        let d = versions.current()?.clone();
        let name = match subject {
            Subject::Cadre(c) => state.cadre_selection.cadre_name(c),
            Subject::Team(u) => u.clone(),
        };
        Some(Consequence {
            year,
            subject: subject.clone(),
            name,
            kind: *kind,
            since: d.on,
            due: d.on,
            conflicted: versions.conflicted(),
            done: Some(d),
            moot: true,
        })
    })
    .collect()
}

fn owed(
    state: &State,
    year: i32,
    subject: Subject,
    name: String,
    kind: ConsequenceKind,
    since: NaiveDate,
    days: u32,
) -> Consequence {
    let key = (year, subject.clone(), kind);
    let versions = state.annual_assessment.done.get(&key);
    let (done, conflicted) = match standing(versions) {
        Standing::One(d) => (Some(d.clone()), false),
        Standing::Conflict => (versions.and_then(|v| v.current().cloned()), true),
        Standing::None => (None, false),
    };
    Consequence {
        year,
        subject,
        name,
        kind,
        since,
        due: due(since, days),
        done,
        conflicted,
        moot: false,
    }
}

/// Every consequence still to be carried out, of every year, soonest due first.
pub fn open_consequences(state: &State) -> Vec<Consequence> {
    let years: std::collections::BTreeSet<i32> = state
        .annual_assessment
        .grades
        .keys()
        .map(|(_, y)| *y)
        .chain(state.annual_assessment.teams.keys().map(|(y, _)| *y))
        .collect();
    let mut out: Vec<Consequence> = years
        .into_iter()
        .flat_map(|y| consequences(state, y))
        .filter(|c| c.done.is_none())
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| (a.due, &a.name).cmp(&(b.due, &b.name)));
    out
}
