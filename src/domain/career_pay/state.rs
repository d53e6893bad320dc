//! 选聘's part of the state: every record of every round, keyed so that the fold does
//! not depend on the order records arrive in. A record of one step made on two phones
//! without either seeing the other is kept as two versions (a conflict a person
//! settles: the step waits for it).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{CareerPayEvent, Chosen, RecommendationStage, ReviewLevel, Slots, Votes};
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Version, Versions};

/// An application (书面参聘申请).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    /// Its id.
    pub id: String,
    /// The round's year.
    pub year: i32,
    /// The township.
    pub township: String,
    /// The person.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their village.
    pub village: String,
    /// The day.
    pub applied_on: NaiveDate,
}

/// A review's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// The township whose database holds it (must be the application's).
    pub township: String,
    /// Whether it passed.
    pub passed: bool,
    /// Why not.
    pub reason: String,
    /// The day.
    pub on: NaiveDate,
}

/// An objection and how it was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objection {
    /// The township whose database holds it (must be the application's).
    pub township: String,
    /// Its id.
    pub id: String,
    /// The application.
    pub application: String,
    /// What it says.
    pub content: String,
    /// The day.
    pub raised_on: NaiveDate,
}

/// An objection's resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// The township whose database holds it (must be the objection's).
    pub township: String,
    /// Upheld (the application is out) or dismissed.
    pub upheld: bool,
    /// What was found.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
}

/// An inspection's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// 民主测评.
    pub ballots: Votes,
    /// People talked to.
    pub talks: u32,
    /// The conclusion.
    pub conclusion: String,
    /// The day.
    pub on: NaiveDate,
}

/// A recommendation's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    /// The applications recommended.
    pub applications: Vec<String>,
    /// The meeting's day.
    pub on: NaiveDate,
}

/// A publicity: its first and last day, and the applications it names.
pub type Publicity = (NaiveDate, NaiveDate, Vec<String>);

/// A certificate's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// Who.
    pub chosen: Chosen,
    /// Its number.
    pub number: String,
    /// Issued on.
    pub issued_on: NaiveDate,
    /// Pay from.
    pub pay_from: NaiveDate,
}

/// The end of a holder's 事业 pay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Termination {
    /// The policy's condition it rests on.
    pub condition: String,
    /// What happened.
    pub note: String,
    /// The first day not paid.
    pub pay_ends: NaiveDate,
    /// The day it was decided.
    pub on: NaiveDate,
}

/// Every record of every round.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CareerPay {
    /// Each year's opening (two openings that differ are a conflict).
    pub rounds: BTreeMap<i32, Versions<(Vec<Slots>, NaiveDate)>>,
    /// Applications by id (the one of the smallest event id, if an id were reused).
    pub applications: BTreeMap<String, (String, Application)>,
    /// Application ids recorded with two different contents (never counted).
    pub application_conflicts: std::collections::BTreeSet<String>,
    /// Reviews by (application, level, the township whose database holds them).
    pub reviews: BTreeMap<(String, ReviewLevel, String), Versions<Review>>,
    /// The eligible list's publicity by (year, township): (start, end, who is on it).
    pub publicity: BTreeMap<(i32, String), Versions<Publicity>>,
    /// Objections by (township whose database holds them, id); the one of the smallest
    /// event id if an id were reused there.
    pub objections: BTreeMap<(String, String), (String, Objection)>,
    /// Resolutions by (township whose database holds them, objection).
    pub resolutions: BTreeMap<(String, String), Versions<Resolution>>,
    /// Recommendations by (year, township, stage).
    pub recommendations: BTreeMap<(i32, String, RecommendationStage), Versions<Recommendation>>,
    /// Inspections by application.
    pub inspections: BTreeMap<String, Versions<Inspection>>,
    /// Formal candidates by year: (who, day).
    pub candidates: BTreeMap<i32, Versions<(Vec<Chosen>, NaiveDate)>>,
    /// Decisions by year: (who, day).
    pub decisions: BTreeMap<i32, Versions<(Vec<Chosen>, NaiveDate)>>,
    /// The result's publicity by year: (start, end, who is on it).
    pub result_publicity: BTreeMap<i32, Versions<Publicity>>,
    /// Certificates by application.
    pub certificates: BTreeMap<String, Versions<Certificate>>,
    /// Yearly renewals by (application, year): the days of the reviews (two phones
    /// renewing the same person alike count once).
    pub renewals: BTreeMap<(String, i32), std::collections::BTreeSet<NaiveDate>>,
    /// Terminations by application.
    pub terminations: BTreeMap<String, Versions<Termination>>,
}

fn version<T>(e: &Event, value: T, supersedes: &[String]) -> Version<T> {
    Version::of_event(e, value, Some(supersedes.to_vec()))
}

impl WorkflowState for CareerPay {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::CareerPay(body) = &e.body else {
            return;
        };
        self.add(e, body);
    }
}

impl CareerPay {
    fn add(&mut self, e: &Event, body: &CareerPayEvent) {
        use CareerPayEvent as C;
        match body {
            C::CareerRoundOpened {
                year,
                slots,
                opened_on,
                supersedes,
            } => {
                let v = version(e, (slots.clone(), *opened_on), supersedes);
                self.rounds.entry(*year).or_default().add(v);
            }
            C::CareerApplied {
                year,
                application,
                township,
                person,
                name,
                village,
                applied_on,
            } => {
                let a = Application {
                    id: application.clone(),
                    year: *year,
                    township: township.clone(),
                    person: person.clone(),
                    name: name.clone(),
                    village: village.clone(),
                    applied_on: *applied_on,
                };
                self.add_application(&e.id, a);
            }
            C::CareerReviewed {
                application,
                township,
                level,
                passed,
                reason,
                on,
                supersedes,
            } => {
                let r = Review {
                    township: township.clone(),
                    passed: *passed,
                    reason: reason.clone(),
                    on: *on,
                };
                let key = (application.clone(), *level, township.clone());
                self.reviews
                    .entry(key)
                    .or_default()
                    .add(version(e, r, supersedes));
            }
            C::CareerListPublicized {
                year,
                township,
                start,
                end,
                applications,
                supersedes,
            } => {
                let key = (*year, township.clone());
                let v = version(e, (*start, *end, applications.clone()), supersedes);
                self.publicity.entry(key).or_default().add(v);
            }
            C::CareerObjected {
                objection,
                application,
                township,
                content,
                raised_on,
            } => {
                let o = Objection {
                    township: township.clone(),
                    id: objection.clone(),
                    application: application.clone(),
                    content: content.clone(),
                    raised_on: *raised_on,
                };
                let entry = self
                    .objections
                    .entry((township.clone(), objection.clone()))
                    .or_insert_with(|| (e.id.clone(), o.clone()));
                if e.id < entry.0 {
                    *entry = (e.id.clone(), o);
                }
            }
            C::CareerObjectionResolved {
                objection,
                township,
                upheld,
                note,
                on,
            } => {
                let r = Resolution {
                    township: township.clone(),
                    upheld: *upheld,
                    note: note.clone(),
                    on: *on,
                };
                self.resolutions
                    .entry((township.clone(), objection.clone()))
                    .or_default()
                    .add(version(e, r, &[]));
            }
            C::CareerRecommended {
                year,
                township,
                stage,
                applications,
                on,
                supersedes,
            } => {
                let r = Recommendation {
                    applications: applications.clone(),
                    on: *on,
                };
                let key = (*year, township.clone(), *stage);
                self.recommendations
                    .entry(key)
                    .or_default()
                    .add(version(e, r, supersedes));
            }
            C::CareerInspected {
                application,
                ballots,
                talks,
                conclusion,
                on,
                supersedes,
                ..
            } => {
                let i = Inspection {
                    ballots: *ballots,
                    talks: *talks,
                    conclusion: conclusion.clone(),
                    on: *on,
                };
                self.inspections
                    .entry(application.clone())
                    .or_default()
                    .add(version(e, i, supersedes));
            }
            C::CareerCandidatesFixed {
                year,
                candidates,
                on,
                supersedes,
            } => {
                let v = version(e, (candidates.clone(), *on), supersedes);
                self.candidates.entry(*year).or_default().add(v);
            }
            C::CareerDecided {
                year,
                selected,
                on,
                supersedes,
            } => {
                let v = version(e, (selected.clone(), *on), supersedes);
                self.decisions.entry(*year).or_default().add(v);
            }
            C::CareerResultPublicized {
                year,
                start,
                end,
                selected,
                supersedes,
            } => {
                let v = version(e, (*start, *end, selected.clone()), supersedes);
                self.result_publicity.entry(*year).or_default().add(v);
            }
            C::CareerCertified {
                application,
                chosen,
                number,
                issued_on,
                pay_from,
                supersedes,
            } => {
                let c = Certificate {
                    chosen: chosen.clone(),
                    number: number.clone(),
                    issued_on: *issued_on,
                    pay_from: *pay_from,
                };
                self.certificates
                    .entry(application.clone())
                    .or_default()
                    .add(version(e, c, supersedes));
            }
            C::CareerRenewed {
                application,
                year,
                on,
            } => {
                let key = (application.clone(), *year);
                self.renewals.entry(key).or_default().insert(*on);
            }
            C::CareerTerminated {
                application,
                condition,
                note,
                pay_ends,
                on,
                supersedes,
            } => {
                let end = Termination {
                    condition: condition.clone(),
                    note: note.clone(),
                    pay_ends: *pay_ends,
                    on: *on,
                };
                self.terminations
                    .entry(application.clone())
                    .or_default()
                    .add(version(e, end, supersedes));
            }
        }
    }

    /// Keep an application: the one of the smallest event id counts; two that differ
    /// under one id make it a conflict, never counted (whatever order they came in).
    fn add_application(&mut self, event: &str, a: Application) {
        let id = a.id.clone();
        match self.applications.get(&id) {
            Some((_, kept)) if *kept != a => {
                self.application_conflicts.insert(id.clone());
            }
            _ => {}
        }
        let entry = self
            .applications
            .entry(id)
            .or_insert_with(|| (event.to_string(), a.clone()));
        if event < entry.0.as_str() {
            *entry = (event.to_string(), a);
        }
    }

    /// The objection `id` as its application's township records it.
    pub fn objection(&self, id: &str) -> Option<&Objection> {
        let ours = |o: &&Objection| {
            self.application(&o.application)
                .is_some_and(|a| a.township == o.township)
        };
        self.objections
            .values()
            .map(|(_, o)| o)
            .filter(|o| o.id == id)
            .find(ours)
    }

    /// The application `id`.
    pub fn application(&self, id: &str) -> Option<&Application> {
        self.applications.get(id).map(|(_, a)| a)
    }

    /// The applications of a year and township, by name.
    pub fn applications_of(&self, year: i32, township: &str) -> Vec<&Application> {
        let mut out: Vec<&Application> = self
            .applications
            .values()
            .map(|(_, a)| a)
            .filter(|a| a.year == year && a.township == township)
            .collect();
        crate::domain::sorting::sort_by(&mut out, |a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        out
    }
}

pub use crate::domain::versions::{standing, Standing};
