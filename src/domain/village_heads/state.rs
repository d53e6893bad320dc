//! The village heads' part of the state: every version of every tenure, and every
//! confirmation of a year's care list, keyed by the event that recorded it (so the fold
//! does not depend on the order records arrive in).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{CareEntry, CareExclusion, Tenure, VillageHeadsEvent};
use super::service::{served, Served};
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Version, Versions};

/// A year's care list as the county confirmed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmedList {
    /// Who is paid, and how much.
    pub entries: Vec<CareEntry>,
    /// Who qualified but is not paid, and why.
    pub excluded: Vec<CareExclusion>,
}

/// 村两委正职 over time, and 退后关爱's confirmed lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VillageHeads {
    /// Every tenure's versions, by tenure id.
    pub tenures: BTreeMap<String, Versions<Tenure>>,
    /// Every confirmation of a year's care list, by year.
    pub care_lists: BTreeMap<i32, Versions<ConfirmedList>>,
}

/// One person who has held a 正职 post: their tenures as recorded now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their id.
    pub id: String,
    /// Their name (as the latest tenure gives it).
    pub name: String,
    /// (tenure id, what it records now), earliest first.
    pub tenures: Vec<(String, Tenure)>,
}

impl Person {
    /// How long they served as of `on`.
    pub fn served(&self, on: NaiveDate) -> Served {
        let periods: Vec<(NaiveDate, Option<NaiveDate>)> =
            self.tenures.iter().map(|(_, t)| (t.start, t.end)).collect();
        served(&periods, on)
    }

    /// Whether they hold a post on `on` (a tenure begun by then and not ended).
    pub fn sitting_on(&self, on: NaiveDate) -> bool {
        let holds = |t: &Tenure| t.start <= on && t.end.is_none_or(|end| end > on);
        self.tenures.iter().any(|(_, t)| holds(t))
    }

    /// The day they last left office before `on`, if they had held a post by then and
    /// held none on `on` (a later tenure, begun after `on`, does not count).
    pub fn left_before(&self, on: NaiveDate) -> Option<NaiveDate> {
        let begun = self
            .tenures
            .iter()
            .map(|(_, t)| t)
            .filter(|t| t.start <= on);
        let ends: Option<Vec<NaiveDate>> = begun.map(|t| t.end.filter(|end| *end <= on)).collect();
        ends?.into_iter().max()
    }

    /// Whether a tenure of theirs ended with their death on or before `on`.
    pub fn died_by(&self, on: NaiveDate) -> bool {
        let died = Some(super::event::EndReason::Died);
        let ended = |t: &Tenure| t.end_reason == died && t.end.is_some_and(|end| end <= on);
        self.tenures.iter().any(|(_, t)| ended(t))
    }
}

fn version<T>(e: &Event, value: T, supersedes: &[String]) -> Version<T> {
    Version::of_event(e, value, Some(supersedes.to_vec()))
}

impl WorkflowState for VillageHeads {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::VillageHeads(body) = &e.body else {
            return;
        };
        match body {
            VillageHeadsEvent::TenureRecorded {
                tenure,
                record,
                supersedes,
            } => {
                let v = version(e, record.clone(), supersedes);
                self.tenures.entry(tenure.clone()).or_default().add(v);
            }
            VillageHeadsEvent::CareListConfirmed {
                year,
                entries,
                excluded,
                supersedes,
            } => {
                let list = ConfirmedList {
                    entries: entries.clone(),
                    excluded: excluded.clone(),
                };
                let v = version(e, list, supersedes);
                self.care_lists.entry(*year).or_default().add(v);
            }
        }
    }
}

impl VillageHeads {
    /// What a tenure records now (the latest live version while two conflict).
    pub fn tenure(&self, id: &str) -> Option<&Tenure> {
        self.tenures.get(id)?.current()
    }

    /// Every tenure as recorded now: (id, record).
    pub fn current_tenures(&self) -> impl Iterator<Item = (&String, &Tenure)> {
        self.tenures
            .iter()
            .filter_map(|(id, vs)| vs.current().map(|t| (id, t)))
    }

    /// Every person who has held a post, by id; each one's tenures earliest first.
    pub fn people(&self) -> BTreeMap<String, Person> {
        let mut out: BTreeMap<String, Person> = BTreeMap::new();
        for (id, t) in self.current_tenures() {
            let person = out.entry(t.person.clone()).or_insert_with(|| Person {
                id: t.person.clone(),
                name: String::new(),
                tenures: Vec::new(),
            });
            person.tenures.push((id.clone(), t.clone()));
        }
        for person in out.values_mut() {
            let tenures = &mut person.tenures;
            crate::domain::sorting::sort_by(tenures, |a, b| {
                (a.1.start, &a.0).cmp(&(b.1.start, &b.0))
            });
            person.name = tenures
                .last()
                .map(|(_, t)| t.name.clone())
                .unwrap_or_default();
        }
        out
    }

    /// One person (`None` if no tenure names them).
    pub fn person(&self, id: &str) -> Option<Person> {
        self.people().remove(id)
    }

    /// Tenures edited on two phones without either seeing the other.
    pub fn tenure_conflicts(&self) -> Vec<&String> {
        let conflicted = self.tenures.iter().filter(|(_, vs)| vs.conflicted());
        conflicted.map(|(id, _)| id).collect()
    }

    /// The live versions of a tenure (what a new version replaces).
    pub fn tenure_live_ids(&self, id: &str) -> Vec<String> {
        self.tenures
            .get(id)
            .map(Versions::live_ids)
            .unwrap_or_default()
    }

    /// A year's confirmed list (the latest live confirmation while two conflict).
    pub fn confirmed(&self, year: i32) -> Option<&Version<ConfirmedList>> {
        self.care_lists.get(&year)?.live().last().copied()
    }

    /// Whether a year's list was confirmed twice without either seeing the other, differently.
    pub fn list_conflicted(&self, year: i32) -> bool {
        self.care_lists.get(&year).is_some_and(Versions::conflicted)
    }

    /// The live confirmations of a year (what a new one replaces).
    pub fn list_live_ids(&self, year: i32) -> Vec<String> {
        self.care_lists
            .get(&year)
            .map(Versions::live_ids)
            .unwrap_or_default()
    }
}
