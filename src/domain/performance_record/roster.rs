//! 实绩纪实名单: who each unit's cadres are, as the organization department publishes
//! them from the cadre records. Cadres' and unit leaders' phones do not hold the cadre
//! records (the cadre database is the department's), so everything 实绩纪实 needs to
//! know of a person — their name, their unit on a day — it reads here, on every phone
//! alike; the department's phone compares the roster with the cadre records and asks
//! for a new one when they differ.
//!
//! Architecture invariant: every figure of 实绩纪实 (weeks, who has not submitted, month
//! results, rankings, to-dos of cadres and leaders) reads people only through this
//! module, never from `cadre_selection`, so it is the same on every phone holding the
//! performance database. The profiles are read only on the department's side: to
//! publish and compare rosters (`from_records`, `changes`), to accept a quarter's note or
//! year review of a cadre not yet on a roster, and for a cadre page's title.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{Datelike, NaiveDate};

use super::event::RosterEntry;
use crate::domain::cadre_selection::cadre::current_position;
use crate::domain::versions::Versions;
use crate::domain::State;

/// A unit's roster in force on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRoster<'a> {
    /// The unit.
    pub unit: &'a str,
    /// The day it applies from.
    pub from: NaiveDate,
    /// Its cadres, by id: two phones' versions united (a cadre listed in either counts),
    /// each name from the latest version listing them.
    pub members: BTreeMap<&'a str, &'a str>,
    /// Whether two phones published it differently.
    pub differs: bool,
    /// The live versions' ids (what a new roster of the same day replaces).
    pub live: Vec<String>,
}

fn united<'a>(
    unit: &'a str,
    from: NaiveDate,
    versions: &'a Versions<Vec<RosterEntry>>,
) -> UnitRoster<'a> {
    let live = versions.live();
    let mut members = BTreeMap::new();
    for v in &live {
        for m in &v.value {
            members.insert(m.cadre.as_str(), m.name.as_str());
        }
    }
    UnitRoster {
        unit,
        from,
        members,
        differs: versions.conflicted(),
        live: live.iter().map(|v| v.id.clone()).collect(),
    }
}

/// The roster of `unit` in force on `day`: the latest begun on or before it, else the
/// unit's first (a unit's first roster also covers the days before it).
fn in_force<'a>(
    rosters: &'a Rosters,
    unit: &str,
    day: NaiveDate,
) -> Option<(&'a (String, NaiveDate), &'a Published)> {
    let first = (unit.to_string(), NaiveDate::MIN);
    let mut begun = rosters.range(first.clone()..=(unit.to_string(), day));
    begun
        .next_back()
        .or_else(|| rosters.range(first..).next())
        .filter(|((u, _), _)| u == unit)
}

/// Whether a roster of `unit` begins on or before `day`.
pub fn begun_by(state: &State, unit: &str, day: NaiveDate) -> bool {
    let first = (unit.to_string(), NaiveDate::MIN);
    let rosters = &state.performance_record.rosters;
    rosters
        .range(first..=(unit.to_string(), day))
        .next()
        .is_some()
}

/// Each unit's roster in force on `day`: the latest published on or before it; a
/// unit's first roster also covers the days before it (records made before the
/// department first published count for the unit it then named). One look-up per
/// unit, however many rosters each has.
pub fn rosters_on(state: &State, day: NaiveDate) -> Vec<UnitRoster<'_>> {
    let rosters = &state.performance_record.rosters;
    let mut out: Vec<UnitRoster<'_>> = Vec::new();
    let mut next = rosters.keys().next();
    while let Some((unit, _)) = next {
        if let Some(((u, from), versions)) = in_force(rosters, unit, day) {
            out.push(united(u, *from, versions));
        }
        let after = (
            Bound::Excluded((unit.clone(), NaiveDate::MAX)),
            Bound::Unbounded,
        );
        next = rosters.range(after).next().map(|(k, _)| k);
    }
    out
}

/// One unit's roster in force on `day`.
pub fn roster_of<'a>(state: &'a State, unit: &str, day: NaiveDate) -> Option<UnitRoster<'a>> {
    rosters_on(state, day).into_iter().find(|r| r.unit == unit)
}

/// A cadre as the rosters list them on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// Their name.
    pub name: String,
    /// Their unit.
    pub unit: String,
}

/// Every cadre listed on `day`, by id. A cadre on two units' rosters (moved, and the
/// old unit's roster not yet republished) counts in the unit whose roster is in force
/// by its own date (begun on or before `day`) over one covering the days before it, and
/// among those the one begun later (the same day: the unit named first).
pub fn listed_on(state: &State, day: NaiveDate) -> BTreeMap<String, Listed> {
    let mut out: BTreeMap<String, ((bool, i64), Listed)> = BTreeMap::new();
    for r in rosters_on(state, day) {
        for (cadre, name) in &r.members {
            let better = out
                .get(*cadre)
                .is_none_or(|(seen, _)| rank(r.from, day) > *seen);
            if better {
                let listed = Listed {
                    name: (*name).to_string(),
                    unit: r.unit.to_string(),
                };
                out.insert((*cadre).to_string(), (rank(r.from, day), listed));
            }
        }
    }
    out.into_iter().map(|(c, (_, l))| (c, l)).collect()
}

/// How a roster begun on `from` ranks on `day` for a cadre on two units' rosters (the
/// higher counts): in force by its own date over covering the days before, then the
/// later begun.
fn rank(from: NaiveDate, day: NaiveDate) -> (bool, i64) {
    match from <= day {
        true => (true, i64::from(from.num_days_from_ce())),
        false => (false, -i64::from(from.num_days_from_ce())),
    }
}

/// The unit `cadre` serves in on `day`, by the rosters (as [`listed_on`] counts them,
/// looking only at the units whose rosters ever listed them).
pub fn unit_of(state: &State, cadre: &str, day: NaiveDate) -> Option<String> {
    let rosters = &state.performance_record.rosters;
    let mut best: Option<((bool, i64), &str)> = None;
    for unit in index_of(state).units.get(cadre)? {
        let Some(((u, from), versions)) = in_force(rosters, unit, day) else {
            continue;
        };
        let live = versions.live();
        let listed = live
            .iter()
            .any(|v| v.value.iter().any(|m| m.cadre == cadre));
        if listed && best.is_none_or(|(seen, _)| rank(*from, day) > seen) {
            best = Some((rank(*from, day), u.as_str()));
        }
    }
    best.map(|(_, u)| u.to_string())
}

/// What the rosters say of each cadre ever listed: the fold's index
/// (`PerformanceRecord::names`), built from every roster when first asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Each cadre's name, by id, in the latest roster (by its first day, then unit)
    /// listing them.
    pub names: BTreeMap<String, String>,
    /// The units whose rosters ever listed each cadre, by id.
    pub units: BTreeMap<String, BTreeSet<String>>,
    /// Every name the rosters ever listed each cadre under, by id (a renamed cadre's
    /// records written under their earlier name stay theirs: `own_names`).
    pub all_names: BTreeMap<String, BTreeSet<String>>,
}

/// The index of `rosters`.
pub fn index(rosters: &Rosters) -> Index {
    let mut out: BTreeMap<String, (NaiveDate, String)> = BTreeMap::new();
    let mut units: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut all_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((unit, from), versions) in rosters {
        for v in versions.live() {
            for m in &v.value {
                note(&mut units, &m.cadre, unit);
                note(&mut all_names, &m.cadre, &m.name);
                match out.get_mut(&m.cadre) {
                    Some((f, n)) if from >= f => {
                        *f = *from;
                        if *n != m.name {
                            n.clone_from(&m.name);
                        }
                    }
                    Some(_) => {}
                    None => {
                        out.insert(m.cadre.clone(), (*from, m.name.clone()));
                    }
                }
            }
        }
    }
    let names = out.into_iter().map(|(c, (_, n))| (c, n)).collect();
    Index {
        names,
        units,
        all_names,
    }
}

/// Notes `value` (a unit, a name) of `cadre` (copying strings only the first time).
fn note(units: &mut BTreeMap<String, BTreeSet<String>>, cadre: &str, unit: &str) {
    match units.get_mut(cadre) {
        Some(seen) if seen.contains(unit) => {}
        Some(seen) => {
            seen.insert(unit.to_string());
        }
        None => {
            units.insert(cadre.to_string(), BTreeSet::from([unit.to_string()]));
        }
    }
}

/// Every roster published, by (unit, first day).
pub type Rosters = BTreeMap<(String, NaiveDate), Published>;

/// Every version of one unit's roster of one first day.
pub type Published = Versions<Vec<RosterEntry>>;

/// Every cadre any roster lists, by id, with their name.
pub fn names(state: &State) -> &BTreeMap<String, String> {
    &index_of(state).names
}

/// The rosters' index, built once per set of rosters.
fn index_of(state: &State) -> &Index {
    let part = &state.performance_record;
    part.names.0.get_or_init(|| index(&part.rosters))
}

/// The names whose records are the cadre's own: their name now and any earlier one
/// the rosters gave them that no other cadre holds now (a renamed cadre keeps what they
/// wrote before; a namesake who holds the old name now never writes for them).
pub fn own_names<'a>(state: &'a State, cadre: &str) -> Vec<&'a String> {
    let index = index_of(state);
    let Some(now) = index.names.get(cadre) else {
        return Vec::new();
    };
    let earlier = index.all_names.get(cadre).into_iter().flatten();
    let held_by_another = |name: &String| {
        index
            .names
            .iter()
            .any(|(other, n)| n == name && other.as_str() != cadre)
    };
    let mut out = vec![now];
    out.extend(earlier.filter(|n| *n != now && !held_by_another(n)));
    out
}

/// The cadre's name, by the rosters.
pub fn name_of<'a>(state: &'a State, cadre: &str) -> Option<&'a String> {
    names(state).get(cadre)
}

/// The one cadre the rosters name `name` (the user acting as a cadre), if exactly one;
/// of several, the one the units' latest rosters still list, if exactly one (a cadre
/// who left does not keep a namesake who joined from recording).
pub fn cadre_named<'a>(state: &'a State, name: &str) -> Option<&'a String> {
    let all = names(state);
    let found: Vec<&String> = all
        .iter()
        .filter(|(_, n)| n.as_str() == name.trim())
        .map(|(c, _)| c)
        .collect();
    let current: Vec<&String> = match found.as_slice() {
        [one] => return Some(one),
        _ => found
            .into_iter()
            .filter(|c| unit_of(state, c, NaiveDate::MAX).is_some())
            .collect(),
    };
    match current.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Every unit's cadres on `day` by the cadre records (the department's phone): what a
/// roster published that day would list.
pub fn from_records(state: &State, day: NaiveDate) -> BTreeMap<String, Vec<RosterEntry>> {
    let mut out: BTreeMap<String, Vec<RosterEntry>> = BTreeMap::new();
    for (id, p) in state.cadre_selection.cadre_list() {
        let Some(unit) = current_position(p, day).map(|x| x.unit.trim()) else {
            continue;
        };
        if unit.is_empty() {
            continue;
        }
        out.entry(unit.to_string()).or_default().push(RosterEntry {
            cadre: id.clone(),
            name: p.name.trim().to_string(),
        });
    }
    out
}

/// How a unit's roster differs from the cadre records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The unit.
    pub unit: String,
    /// Cadres the records have and the roster lacks, by name.
    pub added: Vec<String>,
    /// Cadres the roster lists and the records no longer place here, by name.
    pub removed: Vec<String>,
    /// Cadres whose name differs: (roster's, records').
    pub renamed: Vec<(String, String)>,
    /// Whether no roster of the unit was ever published.
    pub unpublished: bool,
    /// Whether two phones published its roster differently.
    pub differs: bool,
}

/// Every unit whose roster on `day` differs from the cadre records (or was published
/// differently on two phones), by unit. Empty when the phone holds no cadre records.
pub fn changes(state: &State, day: NaiveDate) -> Vec<Change> {
    if state.cadre_selection.cadre_list().next().is_none() {
        return Vec::new();
    }
    let records = from_records(state, day);
    let rosters = rosters_on(state, day);
    let units: BTreeSet<&str> = records
        .keys()
        .map(String::as_str)
        .chain(rosters.iter().map(|r| r.unit))
        .collect();
    let mut out = Vec::new();
    for unit in units {
        let roster = rosters.iter().find(|r| r.unit == unit);
        let want = records.get(unit).map(Vec::as_slice).unwrap_or_default();
        let change = compare(unit, roster, want);
        if change
            != (Change {
                unit: unit.to_string(),
                ..Change::default()
            })
        {
            out.push(change);
        }
    }
    out
}

fn compare(unit: &str, roster: Option<&UnitRoster<'_>>, want: &[RosterEntry]) -> Change {
    let have = roster.map(|r| r.members.clone()).unwrap_or_default();
    let mut change = Change {
        unit: unit.to_string(),
        unpublished: roster.is_none(),
        differs: roster.is_some_and(|r| r.differs),
        ..Change::default()
    };
    for m in want {
        match have.get(m.cadre.as_str()) {
            None => change.added.push(m.name.clone()),
            Some(n) if *n != m.name => change.renamed.push(((*n).to_string(), m.name.clone())),
            Some(_) => {}
        }
    }
    for (cadre, name) in &have {
        if !want.iter().any(|m| m.cadre == *cadre) {
            change.removed.push((*name).to_string());
        }
    }
    if roster.is_none() && want.is_empty() {
        change.unpublished = false;
    }
    change
}
