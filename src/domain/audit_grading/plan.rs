//! A year's audit plan (年度经济责任审计计划): proposed from the units' levels and the
//! audits done before the year so that every coverage rule of seed 002 (霍林郭勒) is met,
//! adjusted by the county with reasons, checked again, and tracked to completion.
//!
//! The rules, each a reason a unit is in the plan:
//! - the special level (1亿元以上专项资金) is audited that year;
//! - a unit raised by a fund under 1千万 is audited within two years (`fund_audit_years`);
//! - level 1 and level 2: every unit within 3 and 5 years (三年内、五年内实现全覆盖): a
//!   unit never audited is due in its first recorded year + 2 (+ 4), one audited in year
//!   `a` by `a` + 3 (+ 5);
//! - level 1 and level 2: at least 35% and 20% of the level's units a year (每年审计数量
//!   要达到总数的35%、20%以上), a minimum share rounded UP: 35% of 7 units is 2.45, so
//!   at least 3; the units filling the share are those due soonest, then those audited
//!   longest ago;
//! - level 3: a head who left office since the last audit (离任必审), a head 5 years in
//!   office not audited since taking it (任期满五年必审), and 1–2 units sampled (任中抽审,
//!   the proposal samples `sample_min`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::grading::{grade, FundEffect, Grade, Level};
use super::policy::AuditPolicy;
use super::state::AuditGrading;
use crate::domain::versions::{standing, Standing, Versions};

/// Why a unit is in a year's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The special level: audited (tracked) that year.
    Special,
    /// A fund under 1千万 recorded for this year: audited within two years, by `due`.
    FundDue {
        /// The fund's year.
        fund_year: i32,
        /// The last year it may be audited in.
        due: i32,
    },
    /// Its level's cycle runs out this year (or ran out).
    Cycle {
        /// The last year of the cycle.
        due: i32,
        /// The year of its last audit, if any.
        last: Option<i32>,
    },
    /// Fills its level's yearly share.
    Share,
    /// Level 3: its head left office on this day, not audited since.
    Leaving(NaiveDate),
    /// Level 3: its head in office since this day, 5 years by the plan's year.
    Term(NaiveDate),
    /// Level 3: sampled (任中抽审).
    Sample,
    /// Put in by the county, with why.
    Added(String),
}

impl Why {
    /// Whether a rule requires the unit (taking it out makes the rule missed).
    pub fn required(&self) -> bool {
        !matches!(self, Why::Share | Why::Sample | Why::Added(_))
    }

    /// In words.
    pub fn text(&self, p: &AuditPolicy, zh: bool) -> String {
        match (self, zh) {
            (Why::Special, true) => "特殊级别（专项资金1亿元以上），当年跟踪审计".into(),
            (Why::Special, false) => {
                "Special level (fund of 100,000,000 or more): audited this year".into()
            }
            (Why::FundDue { fund_year, due }, true) => {
                format!("{fund_year}年专项资金1千万元以下，两年内审计（最迟{due}年）")
            }
            (Why::FundDue { fund_year, due }, false) => {
                format!("Special fund under 10,000,000 in {fund_year}: audited within two years (by {due})")
            }
            (Why::Cycle { due, last }, true) => match last {
                Some(a) => format!("上次审计{a}年，全覆盖周期最迟{due}年"),
                None => format!("从未审计，全覆盖周期最迟{due}年"),
            },
            (Why::Cycle { due, last }, false) => match last {
                Some(a) => format!("Last audited {a}: its cycle runs out in {due}"),
                None => format!("Never audited: its cycle runs out in {due}"),
            },
            (Why::Share, true) => "满足本级每年审计比例".into(),
            (Why::Share, false) => "Fills its level's yearly share".into(),
            (Why::Leaving(d), true) => format!("负责人{d}离任，离任必审"),
            (Why::Leaving(d), false) => format!("Head left office on {d}: audited on leaving"),
            (Why::Term(d), true) => format!("负责人{d}任职，任期满{}年必审", p.level3_term_years),
            (Why::Term(d), false) => format!(
                "Head in office since {d}: audited at {} years",
                p.level3_term_years
            ),
            (Why::Sample, true) => "三级任中抽审".into(),
            (Why::Sample, false) => "Level 3 sample".into(),
            (Why::Added(r), true) => format!("县里调整加入：{r}"),
            (Why::Added(r), false) => format!("Added by the county: {r}"),
        }
    }
}

/// A unit in a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The unit.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Its level in the plan's year.
    pub level: Level,
    /// Why it is in.
    pub why: Vec<Why>,
}

/// A unit the county took out of the proposal, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The unit as it was proposed.
    pub planned: Planned,
    /// Why it was taken out.
    pub reason: String,
}

/// A unit two phones adjusted differently without seeing each other: neither is applied
/// (the unit stays as proposed) until a decision naming both is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Differing {
    /// The unit.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// The adjustments that differ, oldest first.
    pub versions: Vec<super::state::Adjustment>,
}

/// A rule the plan will miss.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

impl Miss {
    /// In the language asked.
    pub fn text(&self, zh: bool) -> &str {
        if zh {
            &self.zh
        } else {
            &self.en
        }
    }
}

/// A level's count in a year: its units, the share it needs, how many are planned and
/// how many were audited that year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelCount {
    /// The level.
    pub level: Level,
    /// Its units that year.
    pub units: u64,
    /// Least audited a year (levels 1 and 2; the fewest samples for level 3; every unit
    /// for the special level).
    pub needed: u64,
    /// In the plan.
    pub planned: u64,
    /// Audited that year.
    pub audited: u64,
}

/// A year's plan: proposed, adjusted, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The year.
    pub year: i32,
    /// What the rules propose.
    pub proposed: Vec<Planned>,
    /// The plan after the county's adjustments.
    pub planned: Vec<Planned>,
    /// Taken out by the county.
    pub removed: Vec<Removed>,
    /// Units two phones adjusted differently, waiting for a decision.
    pub differing: Vec<Differing>,
    /// The rules it will miss.
    pub misses: Vec<Miss>,
    /// Each level's count.
    pub levels: Vec<LevelCount>,
    /// The units audited that year (done), by id.
    pub done: Vec<String>,
}

/// The least whole number of `n` units that is at least `pct` percent of them: a minimum
/// share rounds UP (35% of 7 = 2.45 → 3).
pub fn share_of(n: u64, pct: u32) -> u64 {
    n.saturating_mul(u64::from(pct)).div_ceil(100)
}

/// Each unit's level in `year`: units with a record for that year or before.
pub fn levels_in(state: &AuditGrading, year: i32, p: &AuditPolicy) -> Vec<(String, Grade)> {
    state
        .units
        .keys()
        .filter_map(|u| Some((u.clone(), grade(state.latest(u, year)?, year, p))))
        .collect()
}

/// The years of the audits standing of `unit`.
fn audit_days(state: &AuditGrading, unit: &str) -> Vec<NaiveDate> {
    state
        .audits_of(unit)
        .into_iter()
        .map(|(_, a, _)| a.on)
        .collect()
}

fn add_years(year: i32, n: u32) -> i32 {
    i32::try_from(n)
        .ok()
        .and_then(|n| year.checked_add(n))
        .unwrap_or(i32::MAX)
}

/// Why the rules require `unit` (at `g`) in `year`, from the audits before it.
fn required(
    state: &AuditGrading,
    unit: &str,
    g: &Grade,
    year: i32,
    p: &AuditPolicy,
) -> (Vec<Why>, i32, Option<i32>) {
    let days: Vec<NaiveDate> = audit_days(state, unit)
        .into_iter()
        .filter(|d| d.year() < year)
        .collect();
    let last = days.iter().map(|d| d.year()).max();
    let audited_since = |from: NaiveDate| days.iter().any(|d| *d >= from);
    let years = state.units.get(unit);
    let first = years.and_then(|y| y.keys().next().copied()).unwrap_or(year);
    let mut why = Vec::new();
    if g.level == Level::Special {
        why.push(Why::Special);
    }
    // Funds under 1千万 of a year whose two years end now (or ended) and no audit since.
    for (fy, versions) in years.into_iter().flatten() {
        let Some(y) = versions.current().filter(|_| *fy <= year) else {
            continue;
        };
        let small = super::grading::largest(&y.funds)
            .and_then(|a| super::grading::fund_effect(a, p))
            == Some(FundEffect::UpAndAudit);
        let due = add_years(*fy, p.fund_audit_years.saturating_sub(1));
        let from = NaiveDate::from_ymd_opt(*fy, 1, 1);
        if small && due <= year && !from.is_some_and(audited_since) {
            why.push(Why::FundDue {
                fund_year: *fy,
                due,
            });
        }
    }
    let cycle = match g.level {
        Level::One => Some(p.level1_years),
        Level::Two => Some(p.level2_years),
        _ => None,
    };
    let due = match (cycle, last) {
        (Some(c), Some(a)) => add_years(a, c),
        (Some(c), None) => add_years(first, c.saturating_sub(1)),
        (None, _) => i32::MAX,
    };
    if due <= year {
        why.push(Why::Cycle { due, last });
    }
    if g.level == Level::Three {
        if let Some(y) = state.latest(unit, year) {
            if let Some(left) = y.head_left.filter(|d| d.year() <= year) {
                if !audited_since(left) {
                    why.push(Why::Leaving(left));
                }
            } else if add_years(y.head_since.year(), p.level3_term_years) <= year
                && !audited_since(y.head_since)
            {
                why.push(Why::Term(y.head_since));
            }
        }
    }
    (why, due, last)
}

/// The order units fill a share in: (cycle due, last audit year or none first, id).
type Order = (i32, i32, String);

/// What the rules propose for `year`, from the audits done before it.
pub fn propose(state: &AuditGrading, year: i32, p: &AuditPolicy) -> Vec<Planned> {
    let mut planned: Vec<Planned> = Vec::new();
    // Each unit not required, by level, keyed (due, last audit or none first, id).
    let mut rest: BTreeMap<Level, Vec<(Order, Planned)>> = BTreeMap::new();
    for (unit, g) in levels_in(state, year, p) {
        let (why, due, last) = required(state, &unit, &g, year, p);
        let item = Planned {
            name: state.name(&unit),
            unit: unit.clone(),
            level: g.level,
            why,
        };
        if item.why.is_empty() {
            let key = (due, last.unwrap_or(i32::MIN), unit);
            rest.entry(g.level).or_default().push((key, item));
        } else {
            planned.push(item);
        }
    }
    let counts = level_units(state, year, p);
    for (level, mut candidates) in rest {
        crate::domain::sorting::sort_by(&mut candidates, |a, b| a.0.cmp(&b.0));
        let have = planned.iter().filter(|x| x.level == level).count() as u64;
        let need = match level {
            Level::One => share_of(counts.get(&level).copied().unwrap_or(0), p.level1_pct),
            Level::Two => share_of(counts.get(&level).copied().unwrap_or(0), p.level2_pct),
            Level::Three => have.saturating_add(u64::from(p.sample_min)),
            Level::Special => 0,
        };
        let why = match level {
            Level::Three => Why::Sample,
            _ => Why::Share,
        };
        let more = need.saturating_sub(have);
        for (_, mut item) in candidates
            .into_iter()
            .take(usize::try_from(more).unwrap_or(0))
        {
            item.why.push(why.clone());
            planned.push(item);
        }
    }
    crate::domain::sorting::sort_by(&mut planned, |a, b| {
        (a.level, &a.name, &a.unit).cmp(&(b.level, &b.name, &b.unit))
    });
    planned
}

fn level_units(state: &AuditGrading, year: i32, p: &AuditPolicy) -> BTreeMap<Level, u64> {
    let mut out = BTreeMap::new();
    for (_, g) in levels_in(state, year, p) {
        *out.entry(g.level).or_insert(0u64) += 1;
    }
    out
}

/// The adjustments of `year`'s plan, by unit: each unit's versions.
fn adjustments(
    state: &AuditGrading,
    year: i32,
) -> impl Iterator<Item = (&str, &Versions<super::state::Adjustment>)> {
    let from = (year, String::new());
    state
        .adjustments
        .range(from..)
        .take_while(move |((y, _), _)| *y == year)
        .filter(|((_, u), _)| state.units.contains_key(u))
        .map(|((_, u), v)| (u.as_str(), v))
}

/// `year`'s plan: proposed, adjusted by the county, checked against every rule.
pub fn plan(state: &AuditGrading, year: i32, p: &AuditPolicy) -> Plan {
    let proposed = propose(state, year, p);
    let mut planned = proposed.clone();
    let mut removed: Vec<Removed> = Vec::new();
    let mut differing: Vec<Differing> = Vec::new();
    let levels = levels_in(state, year, p);
    for (unit, versions) in adjustments(state, year) {
        let a = match standing(Some(versions)) {
            Standing::One(a) => a,
            Standing::Conflict => {
                differing.push(Differing {
                    unit: unit.to_string(),
                    name: state.name(unit),
                    versions: versions
                        .live()
                        .into_iter()
                        .map(|v| v.value.clone())
                        .collect(),
                });
                continue;
            }
            Standing::None => continue,
        };
        let at = planned.iter().position(|x| x.unit == unit);
        match (a.add, at) {
            (true, None) => {
                let level = levels.iter().find(|(u, _)| u == unit);
                let Some((_, g)) = level else { continue };
                planned.push(Planned {
                    unit: unit.to_string(),
                    name: state.name(unit),
                    level: g.level,
                    why: vec![Why::Added(a.reason.clone())],
                });
            }
            // Put back after a removal it replaced: as proposed, with the county's why.
            (true, Some(i)) => planned[i].why.push(Why::Added(a.reason.clone())),
            (false, Some(i)) => {
                let item = planned.remove(i);
                removed.push(Removed {
                    planned: item,
                    reason: a.reason.clone(),
                });
            }
            _ => {}
        }
    }
    crate::domain::sorting::sort_by(&mut planned, |a, b| {
        (a.level, &a.name, &a.unit).cmp(&(b.level, &b.name, &b.unit))
    });
    let done: Vec<String> = state
        .audits
        .standing()
        .into_iter()
        .filter(|(_, a, _)| a.on.year() == year)
        .map(|(_, a, _)| a.unit.clone())
        .collect();
    let counts = level_units(state, year, p);
    let mut level_counts = Vec::new();
    for level in Level::ALL {
        let units = counts.get(&level).copied().unwrap_or(0);
        let in_plan: Vec<&Planned> = planned.iter().filter(|x| x.level == level).collect();
        let needed = match level {
            Level::Special => units,
            Level::One => share_of(units, p.level1_pct),
            Level::Two => share_of(units, p.level2_pct),
            Level::Three => u64::from(p.sample_min).min(units),
        };
        let audited = levels
            .iter()
            .filter(|(u, g)| g.level == level && done.contains(u))
            .count() as u64;
        level_counts.push(LevelCount {
            level,
            units,
            needed,
            planned: in_plan.len() as u64,
            audited,
        });
    }
    let misses = misses(&planned, &removed, &level_counts, p);
    Plan {
        year,
        proposed,
        planned,
        removed,
        differing,
        misses,
        levels: level_counts,
        done,
    }
}

fn misses(
    planned: &[Planned],
    removed: &[Removed],
    levels: &[LevelCount],
    p: &AuditPolicy,
) -> Vec<Miss> {
    let mut out = Vec::new();
    for r in removed {
        for why in r.planned.why.iter().filter(|w| w.required()) {
            out.push(Miss {
                zh: format!(
                    "{}已移出计划，将无法满足：{}",
                    r.planned.name,
                    why.text(p, true)
                ),
                en: format!(
                    "{} was taken out: this rule will be missed: {}",
                    r.planned.name,
                    why.text(p, false)
                ),
            });
        }
    }
    for c in levels {
        let pct = match c.level {
            Level::One => p.level1_pct,
            Level::Two => p.level2_pct,
            _ => continue,
        };
        if c.planned < c.needed {
            out.push(Miss {
                zh: format!(
                    "{}审计对象{}个，每年应审计至少{}个（{}%，向上取整），计划只有{}个",
                    c.level.label(true),
                    c.units,
                    c.needed,
                    pct,
                    c.planned
                ),
                en: format!(
                    "{}: {} units, at least {} to audit a year ({}%, rounded up); the plan has {}",
                    c.level.label(false),
                    c.units,
                    c.needed,
                    pct,
                    c.planned
                ),
            });
        }
    }
    let sampled = planned
        .iter()
        .filter(|x| x.level == Level::Three && !x.why.iter().any(Why::required))
        .count() as u64;
    let units3 = levels
        .iter()
        .find(|c| c.level == Level::Three)
        .map_or(0, |c| c.units);
    let required3 = planned
        .iter()
        .filter(|x| x.level == Level::Three && x.why.iter().any(Why::required))
        .count() as u64;
    let can = units3.saturating_sub(required3);
    let min = u64::from(p.sample_min).min(can);
    if sampled < min {
        out.push(Miss {
            zh: format!(
                "三级审计对象每年应抽审{}—{}个，计划只有{}个",
                p.sample_min, p.sample_max, sampled
            ),
            en: format!(
                "Level 3: {}–{} units to sample a year; the plan has {}",
                p.sample_min, p.sample_max, sampled
            ),
        });
    } else if sampled > u64::from(p.sample_max) {
        out.push(Miss {
            zh: format!(
                "三级审计对象每年抽审{}—{}个，计划有{}个，超过上限",
                p.sample_min, p.sample_max, sampled
            ),
            en: format!(
                "Level 3: {}–{} units to sample a year; the plan has {}, above the most",
                p.sample_min, p.sample_max, sampled
            ),
        });
    }
    out
}

/// Whether `unit` was audited in `year`.
pub fn audited_in(state: &AuditGrading, unit: &str, year: i32) -> bool {
    audit_days(state, unit).iter().any(|d| d.year() == year)
}
