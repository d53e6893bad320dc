//! The roll-ups of the everyday performance record (seed 004 淮安清河: 日记录 → 周申报 →
//! 月 → 季 → 年): weeks run Monday to Sunday in Beijing dates, named by their ISO week; a
//! week's report compiles its days; a week counts in the month, quarter and year of its
//! Thursday (the ISO rule, so a week across a month or year end counts once); and who in
//! a unit has not submitted a week whose report is due.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};

use super::policy::PerformancePolicy;
pub use super::roster::{cadre_named, unit_of};
use super::roster::{listed_on, own_names};
use super::state::{DayWork, WeekReport};
use crate::domain::versions::{Records, Versions};
use crate::domain::State;

/// The cadre's daily records written in their own names (`roster::own_names`): records
/// written in their name by anyone else count for no one.
pub fn days_of<'a>(state: &'a State, cadre: &str) -> Option<Cow<'a, Records<DayWork>>> {
    let days = &state.performance_record.days;
    let mut found = own_names(state, cadre)
        .into_iter()
        .filter_map(|name| days.get(&(cadre.to_string(), name.clone())));
    let first = found.next()?;
    let rest: Vec<&Records<DayWork>> = found.collect();
    if rest.is_empty() {
        return Some(Cow::Borrowed(first));
    }
    let mut all = first.clone();
    for records in rest {
        for (id, versions) in &records.by_id {
            let into = all.by_id.entry(id.clone()).or_default();
            versions.all().for_each(|v| into.add(v.clone()));
        }
    }
    Some(Cow::Owned(all))
}

/// Every submission of the cadre's week starting on `monday`, in their own names.
pub fn week_versions<'a>(
    state: &'a State,
    cadre: &str,
    monday: NaiveDate,
) -> Option<Cow<'a, Versions<WeekReport>>> {
    let weeks = &state.performance_record.weeks;
    let mut found = own_names(state, cadre)
        .into_iter()
        .filter_map(|name| weeks.get(&(cadre.to_string(), name.clone(), monday)));
    let first = found.next()?;
    let rest: Vec<&Versions<WeekReport>> = found.collect();
    if rest.is_empty() {
        return Some(Cow::Borrowed(first));
    }
    let mut all = first.clone();
    rest.iter()
        .flat_map(|v| v.all())
        .for_each(|v| all.add(v.clone()));
    Some(Cow::Owned(all))
}

/// The Mondays of the cadre's weeks submitted in their own names.
pub fn weeks_of(state: &State, cadre: &str) -> BTreeSet<NaiveDate> {
    let weeks = &state.performance_record.weeks;
    let mut out = BTreeSet::new();
    for name in own_names(state, cadre) {
        let first = (cadre.to_string(), name.clone(), NaiveDate::MIN);
        let last = (cadre.to_string(), name.clone(), NaiveDate::MAX);
        out.extend(weeks.range(first..=last).map(|((_, _, monday), _)| *monday));
    }
    out
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    let back = u64::from(day.weekday().num_days_from_monday());
    day.checked_sub_days(Days::new(back)).unwrap_or(day)
}

/// The `n`th day after `day` (`day` itself at the calendar's end).
fn after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

/// The Sunday of the week starting on `monday`.
pub fn sunday_of(monday: NaiveDate) -> NaiveDate {
    after(monday, 6)
}

/// The Thursday of the week starting on `monday`: the week counts in its month and year.
pub fn thursday_of(monday: NaiveDate) -> NaiveDate {
    after(monday, 3)
}

/// A week as people name it: "2026年第10周（3月2日—3月8日）" / "2026 week 10 (Mar 2–Mar 8)".
pub fn week_name(monday: NaiveDate, zh: bool) -> String {
    let iso = monday.iso_week();
    let sunday = sunday_of(monday);
    match zh {
        true => format!(
            "{}年第{}周（{}月{}日—{}月{}日）",
            iso.year(),
            iso.week(),
            monday.month(),
            monday.day(),
            sunday.month(),
            sunday.day()
        ),
        false => format!(
            "{} week {} ({}–{})",
            iso.year(),
            iso.week(),
            monday.format("%b %-d"),
            sunday.format("%b %-d")
        ),
    }
}

/// The day a week's report is due: its Sunday plus the policy's grace days.
pub fn report_due(monday: NaiveDate, policy: &PerformancePolicy) -> NaiveDate {
    after(sunday_of(monday), u64::from(policy.report_grace_days))
}

/// The latest week whose report was due before `today` (the week a unit leader checks).
pub fn last_due_week(today: NaiveDate, policy: &PerformancePolicy) -> NaiveDate {
    let back = 7_u64.saturating_add(u64::from(policy.report_grace_days));
    monday_of(today.checked_sub_days(Days::new(back)).unwrap_or(today))
}

/// A day's record as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayRecord {
    /// The record's id (the event that first recorded it).
    pub id: String,
    /// The work.
    pub work: DayWork,
    /// Whether two phones recorded it differently (shown, for the cadre to settle).
    pub differs: bool,
}

/// A cadre's daily records standing from `from` to `to`, by day.
pub fn days_between(state: &State, cadre: &str, from: NaiveDate, to: NaiveDate) -> Vec<DayRecord> {
    let Some(records) = days_of(state, cadre) else {
        return Vec::new();
    };
    let mut out: Vec<DayRecord> = records
        .standing()
        .into_iter()
        .filter(|(_, w, _)| w.day >= from && w.day <= to)
        .map(|(id, work, differs)| DayRecord {
            id: id.to_string(),
            work: work.clone(),
            differs,
        })
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (a.work.day, &a.id).cmp(&(b.work.day, &b.id))
    });
    out
}

/// A week's report as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    /// The latest submission.
    pub report: WeekReport,
    /// Whether two phones submitted it differently.
    pub differs: bool,
    /// How many submissions stand (more than one: made on two phones).
    pub count: usize,
}

/// One cadre's week: its days, its report, and what the report leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub monday: NaiveDate,
    /// Its daily records standing.
    pub days: Vec<DayRecord>,
    /// Its report, if submitted.
    pub submitted: Option<Submitted>,
    /// Daily records standing that the report does not compile (recorded after it).
    pub left_out: usize,
    /// Records the report compiles that were withdrawn since.
    pub withdrawn: usize,
}

/// `cadre`'s week starting on `monday`.
pub fn week(state: &State, cadre: &str, monday: NaiveDate) -> Week {
    let days = days_between(state, cadre, monday, sunday_of(monday));
    let versions = week_versions(state, cadre, monday);
    let submitted = versions.and_then(|v| {
        Some(Submitted {
            report: v.current()?.clone(),
            differs: v.conflicted(),
            count: v.live().len(),
        })
    });
    let compiled: &[String] = submitted
        .as_ref()
        .map_or(&[], |s| s.report.entries.as_slice());
    let left_out = days.iter().filter(|d| !compiled.contains(&d.id)).count();
    let withdrawn = compiled
        .iter()
        .filter(|c| !days.iter().any(|d| d.id == **c))
        .count();
    Week {
        monday,
        days,
        submitted,
        left_out,
        withdrawn,
    }
}

/// What a month, quarter or year holds of a cadre's record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Daily records standing.
    pub days: u32,
    /// Weeks (counted by their Thursday) with a daily record.
    pub weeks: u32,
    /// Weeks (counted by their Thursday) whose report was submitted.
    pub submitted: u32,
}

impl Tally {
    /// The sum of two tallies.
    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            days: self.days.saturating_add(other.days),
            weeks: self.weeks.saturating_add(other.weeks),
            submitted: self.submitted.saturating_add(other.submitted),
        }
    }
}

/// The tally of `cadre`'s record from `from` to `to` (weeks by their Thursday).
pub fn tally(state: &State, cadre: &str, from: NaiveDate, to: NaiveDate) -> Tally {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let days = days_between(state, cadre, from, to);
    let mut weeks: BTreeMap<NaiveDate, ()> = BTreeMap::new();
    let all = days_of(state, cadre);
    let standing = all.as_deref().map(Records::standing).unwrap_or_default();
    for (_, w, _) in standing {
        let monday = monday_of(w.day);
        let thursday = thursday_of(monday);
        if thursday >= from && thursday <= to {
            weeks.insert(monday, ());
        }
    }
    let submitted = weeks_of(state, cadre)
        .into_iter()
        .filter(|monday| {
            let thursday = thursday_of(*monday);
            let v = week_versions(state, cadre, *monday);
            thursday >= from && thursday <= to && v.is_some_and(|v| v.current().is_some())
        })
        .count();
    Tally {
        days: count(days.len()),
        weeks: count(weeks.len()),
        submitted: count(submitted),
    }
}

/// The first and last day of `month` of `year` (`None` for no such month).
pub fn month_span(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next.pred_opt()?))
}

/// A cadre's year: each month's tally, each quarter's (its three months) and the year's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearRoll {
    /// January to December.
    pub months: Vec<Tally>,
    /// The four quarters.
    pub quarters: Vec<Tally>,
    /// The year.
    pub year: Tally,
}

/// `cadre`'s record of `year` rolled up: days → weeks → months → quarters → the year.
pub fn year_roll(state: &State, cadre: &str, year: i32) -> YearRoll {
    let months: Vec<Tally> = (1..=12)
        .map(|m| match month_span(year, m) {
            Some((from, to)) => tally(state, cadre, from, to),
            None => Tally::default(),
        })
        .collect();
    let quarters: Vec<Tally> = months
        .chunks(3)
        .map(|q| q.iter().fold(Tally::default(), |a, b| a.plus(*b)))
        .collect();
    let year = quarters.iter().fold(Tally::default(), |a, b| a.plus(*b));
    YearRoll {
        months,
        quarters,
        year,
    }
}

/// One cadre of a unit in a week: whether they submitted and how many days they recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The cadre.
    pub cadre: String,
    /// Their name.
    pub name: String,
    /// Whether the week's report is submitted.
    pub submitted: bool,
    /// Daily records of the week.
    pub days: usize,
}

/// Every unit's cadres in the week starting on `monday` (by their position on its
/// Sunday), by unit, each unit's cadres by name.
pub fn units_in_week(state: &State, monday: NaiveDate) -> BTreeMap<String, Vec<Member>> {
    let sunday = sunday_of(monday);
    let mut out: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    for (id, listed) in listed_on(state, sunday) {
        let w = week(state, &id, monday);
        out.entry(listed.unit).or_default().push(Member {
            cadre: id,
            name: listed.name,
            submitted: w.submitted.is_some(),
            days: w.days.len(),
        });
    }
    for members in out.values_mut() {
        crate::domain::sorting::sort_by(members, |a, b| {
            (&a.name, &a.cadre).cmp(&(&b.name, &b.cadre))
        });
    }
    out
}

/// The cadres of `unit` who have not submitted the week starting on `monday`.
pub fn not_submitted(state: &State, unit: &str, monday: NaiveDate) -> Vec<Member> {
    let mut all = units_in_week(state, monday);
    let members = all.remove(unit).unwrap_or_default();
    members.into_iter().filter(|m| !m.submitted).collect()
}
