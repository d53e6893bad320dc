//! The fold of the economic-responsibility audit: each unit's years (every version),
//! the plan adjustments, and the audits done; keyed by event id so that any order of the
//! same events gives the same part.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::event::{AuditGradingEvent as A, SpecialFund};
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::{Records, Version, Versions};

/// A unit's year as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitYear {
    /// The unit's name.
    pub name: String,
    /// The budget year.
    pub year: i32,
    /// 部门财政预算资金, whole yuan.
    pub budget: u64,
    /// 决策权重, 0–3.
    pub decision: u32,
    /// 资金分配权重, 0–3.
    pub allocation: u32,
    /// 社会关注度, 0–3.
    pub attention: u32,
    /// Special funds of the year.
    pub funds: Vec<SpecialFund>,
    /// The head's first day in office.
    pub head_since: NaiveDate,
    /// The head's leaving day, if any.
    pub head_left: Option<NaiveDate>,
}

/// The county's adjustment of one unit in a year's plan (one version of it: a later
/// adjustment names the ones it saw; two that did not see each other are both kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    /// Put in or taken out.
    pub add: bool,
    /// Why.
    pub reason: String,
}

/// An audit done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    /// The unit.
    pub unit: String,
    /// The report's day.
    pub on: NaiveDate,
    /// The report's number.
    pub report: String,
}

/// 经济责任审计's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditGrading {
    /// Every version of each unit's year, by unit and year.
    pub units: BTreeMap<String, BTreeMap<i32, Versions<UnitYear>>>,
    /// Every version of the plan adjustments, by (plan year, unit).
    pub adjustments: BTreeMap<(i32, String), Versions<Adjustment>>,
    /// The audits done, each correctable.
    pub audits: Records<Audit>,
}

impl AuditGrading {
    /// A unit's year as it stands (the latest live version while two differ).
    pub fn year_of(&self, unit: &str, year: i32) -> Option<&UnitYear> {
        self.units.get(unit)?.get(&year)?.current()
    }

    /// A unit's latest year recorded up to `year`, as it stands.
    pub fn latest(&self, unit: &str, year: i32) -> Option<&UnitYear> {
        let years = self.units.get(unit)?;
        years.range(..=year).rev().find_map(|(_, v)| v.current())
    }

    /// A unit's name (from its latest year).
    pub fn name(&self, unit: &str) -> String {
        let years = self.units.get(unit);
        let last = years.and_then(|y| y.values().rev().find_map(|v| v.current()));
        last.map_or_else(|| unit.to_string(), |y| y.name.clone())
    }

    /// The audits standing of `unit`, by day.
    pub fn audits_of(&self, unit: &str) -> Vec<(&str, &Audit, bool)> {
        let mut out: Vec<_> = self
            .audits
            .standing()
            .into_iter()
            .filter(|(_, a, _)| a.unit == unit)
            .collect();
        crate::domain::sorting::sort_by(&mut out, |a, b| (a.1.on, a.0).cmp(&(b.1.on, b.0)));
        out
    }
}

impl WorkflowState for AuditGrading {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::AuditGrading(body) = &e.body else {
            return;
        };
        match body.clone() {
            A::AuditUnitYear {
                audit_unit,
                name,
                year,
                budget,
                decision,
                allocation,
                attention,
                funds,
                head_since,
                head_left,
                supersedes,
                ..
            } => {
                let value = UnitYear {
                    name,
                    year,
                    budget,
                    decision,
                    allocation,
                    attention,
                    funds,
                    head_since,
                    head_left,
                };
                let v = Version::of_event(e, value, Some(supersedes));
                let years = self.units.entry(audit_unit).or_default();
                years.entry(year).or_default().add(v);
            }
            A::AuditPlanAdjusted {
                year,
                audit_unit,
                add,
                reason,
                supersedes,
            } => {
                let v = Version::of_event(e, Adjustment { add, reason }, Some(supersedes));
                self.adjustments
                    .entry((year, audit_unit))
                    .or_default()
                    .add(v);
            }
            A::AuditDone {
                audit_unit,
                on,
                report,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = (!withdrawn).then_some(Audit {
                    unit: audit_unit,
                    on,
                    report,
                });
                self.audits.add(e, &corrects, value, &supersedes);
            }
        }
    }
}
