//! 退后关爱 (W3, seed 002 扎鲁特旗): a former head who served as 正职 for at least the
//! policy's years (default 10) gets the year's living subsidy. A year's list is computed
//! as of its first day, with the policy in force that day: who had left office by then,
//! how long each served, who qualifies and who does not yet, and why.

use chrono::NaiveDate;

use super::event::{CareEntry, CareExclusion};
use super::service::Served;
use super::state::Person;
use crate::domain::screen::t;
use crate::domain::State;

/// Where a person stands on a year's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CareStatus {
    /// Left office, served long enough: paid.
    Qualifies,
    /// Left office, served less than the policy's years.
    TooShort,
    /// Still in office on the list's day (paid after they leave, if they served enough).
    Sitting,
    /// A tenure ended with their death: nothing is paid.
    Died,
}

/// One person on a year's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CareLine {
    /// The person.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their villages, in the order they served there ("东风村、红旗村").
    pub villages: Vec<String>,
    /// How long they served as of the list's day.
    pub served: Served,
    /// Where they stand.
    pub status: CareStatus,
    /// The day they left office, if they have.
    pub left_on: Option<NaiveDate>,
}

impl CareLine {
    /// Why they stand where they do, in words ("任正职10年2个月，已于2021-01-05离任").
    pub fn why(&self, min_years: u32, zh: bool) -> String {
        let served = self.served.words(zh);
        let left = self.left_on.map(|d| d.to_string()).unwrap_or_default();
        match (self.status, zh) {
            (CareStatus::Qualifies, true) => format!("任正职{served}，已于{left}离任"),
            (CareStatus::Qualifies, false) => format!("Served {served}; left office {left}"),
            (CareStatus::TooShort, true) => format!("任正职{served}，不满{min_years}年"),
            (CareStatus::TooShort, false) => {
                format!("Served {served}, less than {min_years} years")
            }
            (CareStatus::Sitting, true) if self.served.at_least_years(min_years) => {
                format!("在任，已任正职{served}，离任后可享受")
            }
            (CareStatus::Sitting, false) if self.served.at_least_years(min_years) => {
                format!("In office, served {served}: qualifies after leaving")
            }
            (CareStatus::Sitting, true) => format!("在任，已任正职{served}"),
            (CareStatus::Sitting, false) => format!("In office, served {served}"),
            (CareStatus::Died, _) => t(zh, "已去世", "Died"),
        }
    }
}

/// The day a year's list is computed as of: its first day (`None` for a year the
/// calendar cannot hold).
pub fn list_day(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// Every person who has held a post, as they stand on `year`'s list: those who
/// qualify first, then those who do not yet, each by name.
pub fn care_lines(state: &State, year: i32) -> Vec<CareLine> {
    let Some(on) = list_day(year) else {
        return Vec::new();
    };
    let min_years = state.policies.at(on).retired_care.min_years;
    let people = state.village_heads.people();
    let mut lines: Vec<CareLine> = people
        .values()
        .filter(|p| p.tenures.iter().any(|(_, t)| t.start < on))
        .map(|p| line(state, p, on, min_years))
        .collect();
    crate::domain::sorting::sort_by(&mut lines, |a, b| {
        (a.status, &a.name, &a.person).cmp(&(b.status, &b.name, &b.person))
    });
    lines
}

fn line(state: &State, p: &Person, on: NaiveDate, min_years: u32) -> CareLine {
    let served = p.served(on);
    let left_on = p.left_before(on);
    let status = if p.died_by(on) {
        CareStatus::Died
    } else if left_on.is_none() {
        CareStatus::Sitting
    } else if served.at_least_years(min_years) {
        CareStatus::Qualifies
    } else {
        CareStatus::TooShort
    };
    let mut villages: Vec<String> = Vec::new();
    for (_, t) in &p.tenures {
        let name = state
            .master
            .villages
            .get(&t.village)
            .map_or_else(|| t.village.clone(), |v| v.name.clone());
        if !villages.contains(&name) {
            villages.push(name);
        }
    }
    CareLine {
        person: p.id.clone(),
        name: p.name.clone(),
        villages,
        served,
        status,
        left_on,
    }
}

/// The entries a confirmation of `year` records: everyone who qualifies and is not
/// `excluded`, with the year's subsidy from the policy in force on the list's day.
pub fn entries(state: &State, year: i32, excluded: &[CareExclusion]) -> Vec<CareEntry> {
    let Some(on) = list_day(year) else {
        return Vec::new();
    };
    let yuan = state.policies.at(on).retired_care.yearly_yuan;
    let kept = |l: &&CareLine| !excluded.iter().any(|x| x.person == l.person);
    care_lines(state, year)
        .iter()
        .filter(|l| l.status == CareStatus::Qualifies)
        .filter(kept)
        .map(|l| CareEntry {
            person: l.person.clone(),
            name: l.name.clone(),
            served_days: l.served.days,
            yuan,
        })
        .collect()
}

/// What differs between a confirmed list and the list as the records give it now
/// (a tenure corrected after the confirmation), in words; empty when nothing does.
pub fn changes_since(state: &State, year: i32, zh: bool) -> Vec<String> {
    let Some(confirmed) = state.village_heads.confirmed(year) else {
        return Vec::new();
    };
    let list = &confirmed.value;
    let now = entries(state, year, &list.excluded);
    let mut out = Vec::new();
    for e in &now {
        match list.entries.iter().find(|c| c.person == e.person) {
            None => out.push(match zh {
                true => format!("{}：现符合条件，名单中没有", e.name),
                false => format!("{}: qualifies now, not on the list", e.name),
            }),
            Some(c) if (c.served_days, c.yuan) != (e.served_days, e.yuan) => out.push(match zh {
                true => format!("{}：任职年限或金额有变化", e.name),
                false => format!("{}: service or amount changed", e.name),
            }),
            Some(_) => {}
        }
    }
    for c in &list.entries {
        if !now.iter().any(|e| e.person == c.person) {
            out.push(match zh {
                true => format!("{}：现不符合条件，仍在名单中", c.name),
                false => format!("{}: no longer qualifies, still on the list", c.name),
            });
        }
    }
    out
}

/// The total of a list's entries, whole yuan (checked: a sum too large for the type
/// reads as its largest value, never wraps).
pub fn total_yuan(entries: &[CareEntry]) -> u64 {
    entries
        .iter()
        .fold(0u64, |sum, e| sum.saturating_add(u64::from(e.yuan)))
}
