//! What the audit office may record of the economic-responsibility audit, and why not:
//! a unit's year with a budget in whole yuan and factors 0–3 (a second record of the same
//! year is a correction naming why), a plan adjusted only with a reason, an audit done
//! with its report's number, corrected or withdrawn with why.

use chrono::{Datelike, NaiveDate};

use super::event::{AuditGradingEvent, SpecialFund};
use super::grading::MAX_YUAN;
use super::state::AuditGrading;
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::state::Actor;
use crate::domain::versions::Records;
use crate::domain::{RuleViolation, State};

/// Years a unit's record or a plan may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Highest rating of a refinement factor (0 none, 1 some, 2 large, 3 very large).
pub const MAX_RATING: u32 = 3;
/// Most special funds of a unit's year.
pub const MAX_FUNDS: usize = 20;

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record units, plan adjustments and audits.
    Record,
}

impl Action {
    /// The roles allowed: the audit office and the county administrator.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Auditor, Role::Admin]
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(
            self.roles(),
            "记录经济责任审计",
            "record economic-responsibility audits",
        )
    }
}

/// A unit's year as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitYearInput {
    /// The unit (a new id for a new unit).
    pub unit: String,
    /// Its name.
    pub name: String,
    /// The budget year.
    pub year: i32,
    /// Budget, whole yuan.
    pub budget: u64,
    /// 决策权重, 0–3.
    pub decision: u32,
    /// 资金分配权重, 0–3.
    pub allocation: u32,
    /// 社会关注度, 0–3.
    pub attention: u32,
    /// Special funds.
    pub funds: Vec<SpecialFund>,
    /// The head's first day in office.
    pub head_since: NaiveDate,
    /// The head's leaving day.
    pub head_left: Option<NaiveDate>,
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Record a unit's year, or correct it (`why` given, naming the versions `seen`).
    UnitYear {
        /// The year's record.
        year: UnitYearInput,
        /// Why it is corrected (empty: a first record of the year).
        why: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// Put a unit into a year's plan or take it out, with why (naming the adjustments
    /// of that unit and year `seen`; naming two that differ settles them).
    Adjust {
        /// The plan's year.
        year: i32,
        /// The unit.
        unit: String,
        /// Put in or take out.
        add: bool,
        /// Why.
        reason: String,
        /// The adjustments on the page as drawn.
        seen: Vec<String>,
    },
    /// Record an audit done (or correct or withdraw one).
    Done {
        /// The unit.
        unit: String,
        /// The report's day.
        on: NaiveDate,
        /// The report's number.
        report: String,
        /// A correction or withdrawal (default: a new record).
        fix: Fix,
    },
}

/// What a record corrects or withdraws (all empty: a new record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fix {
    /// The record (the id of the event that first recorded it).
    pub record: String,
    /// Whether to withdraw it.
    pub withdrawn: bool,
    /// Why.
    pub reason: String,
    /// The versions on the page as drawn.
    pub seen: Vec<String>,
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

fn year_ok(year: i32, field: &str) -> Result<(), RuleViolation> {
    if YEARS.contains(&year) {
        return Ok(());
    }
    Err(refuse(
        "audit.year",
        format!("年度须在{}至{}之间", YEARS.start(), YEARS.end()),
        format!("The year must be {} to {}", YEARS.start(), YEARS.end()),
    )
    .on(field))
}

fn stale() -> RuleViolation {
    refuse(
        "audit.stale",
        "页面上的记录已有新版本，请刷新后再更正".into(),
        "The record has changed since the page was drawn: look again".into(),
    )
}

/// The live versions among `seen`.
fn replaced<T>(
    versions: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

fn unit_year(
    state: &AuditGrading,
    y: UnitYearInput,
    why: String,
    seen: &[String],
    today: NaiveDate,
) -> Result<AuditGradingEvent, RuleViolation> {
    crate::domain::id::check(&y.unit, "unit", "单位", "Unit")?;
    let name = required(&y.name, "name", "单位名称", "Unit name")?;
    year_ok(y.year, "year")?;
    if y.year > today.year().saturating_add(1) {
        return Err(refuse(
            "audit.year",
            "预算年度不能晚于明年".into(),
            "The budget year cannot be after next year".into(),
        )
        .on("year"));
    }
    if y.budget > MAX_YUAN {
        return Err(refuse(
            "audit.amount",
            "预算金额过大，请核对".into(),
            "The budget is too large: check it".into(),
        )
        .on("budget"));
    }
    for (field, rating) in [
        ("decision", y.decision),
        ("allocation", y.allocation),
        ("attention", y.attention),
    ] {
        if rating > MAX_RATING {
            return Err(refuse(
                "audit.rating",
                format!("补充因素评分须在0至{MAX_RATING}之间"),
                format!("A factor is rated 0 to {MAX_RATING}"),
            )
            .on(field));
        }
    }
    if y.funds.len() > MAX_FUNDS {
        return Err(refuse(
            "audit.funds",
            format!("每年最多{MAX_FUNDS}项专项资金"),
            format!("At most {MAX_FUNDS} special funds a year"),
        )
        .on("funds"));
    }
    let mut funds = Vec::new();
    for f in y.funds {
        if f.amount == 0 || f.amount > MAX_YUAN {
            return Err(refuse(
                "audit.amount",
                "专项资金金额须大于0且不超过1万亿元".into(),
                "A special fund is more than 0 and at most 1,000,000,000,000 yuan".into(),
            )
            .on("funds"));
        }
        let purpose = required(&f.purpose, "funds", "专项资金用途", "What the fund is for")?;
        funds.push(SpecialFund {
            amount: f.amount,
            purpose,
        });
    }
    if y.head_since > today {
        return Err(refuse(
            "audit.date",
            format!("任职日期不能晚于今天（{today}）"),
            format!("The head's first day cannot be after today ({today})"),
        )
        .on("head_since"));
    }
    if let Some(left) = y.head_left {
        if left < y.head_since || left > today {
            return Err(refuse(
                "audit.date",
                "离任日期须在任职日期之后、不晚于今天".into(),
                "The leaving day is after the first day and not after today".into(),
            )
            .on("head_left"));
        }
    }
    let versions = state.units.get(&y.unit).and_then(|v| v.get(&y.year));
    let (correction, supersedes) = match versions {
        None => (String::new(), Vec::new()),
        Some(v) => {
            let why =
                required(&why, "why", "更正原因", "Reason for the correction").map_err(|_| {
                    refuse(
                        "audit.why",
                        format!("{}年的记录已有，更正须填写更正原因", y.year),
                        format!(
                            "{} is recorded already: give the reason for the correction",
                            y.year
                        ),
                    )
                    .on("why")
                })?;
            let supersedes = replaced(Some(v), seen);
            if supersedes.is_empty() {
                return Err(stale());
            }
            (why, supersedes)
        }
    };
    Ok(AuditGradingEvent::AuditUnitYear {
        audit_unit: y.unit,
        name,
        year: y.year,
        budget: y.budget,
        decision: y.decision,
        allocation: y.allocation,
        attention: y.attention,
        funds,
        head_since: y.head_since,
        head_left: y.head_left,
        correction,
        supersedes,
    })
}

fn known(state: &AuditGrading, unit: &str) -> Result<(), RuleViolation> {
    if state.units.contains_key(unit) {
        return Ok(());
    }
    Err(refuse(
        "audit.unit",
        "没有这个审计单位".into(),
        "No such unit".into(),
    )
    .on("unit"))
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Record.roles(), actor)?;
    let today = actor.today;
    let audit = &state.audit_grading;
    let event = match cmd {
        Command::UnitYear { year, why, seen } => unit_year(audit, year, why, &seen, today)?,
        Command::Adjust {
            year,
            unit,
            add,
            reason,
            seen,
        } => {
            year_ok(year, "year")?;
            known(audit, &unit)?;
            if year < today.year() {
                return Err(refuse(
                    "audit.past",
                    "往年的计划不能再调整".into(),
                    "A past year's plan cannot be adjusted".into(),
                ));
            }
            let policy = state.policies.at(today).audit_grading;
            let plan = super::plan::plan(audit, year, &policy);
            let name = audit.name(&unit);
            if audit.latest(&unit, year).is_none() {
                return Err(refuse(
                    "audit.no_budget",
                    format!("{name}在{year}年及以前没有预算记录，不能列入该年计划"),
                    format!("{name} has no budget recorded for {year} or before"),
                )
                .on("unit"));
            }
            let versions = audit.adjustments.get(&(year, unit.clone()));
            let supersedes = replaced(versions, &seen);
            if versions.is_some() && supersedes.is_empty() {
                return Err(stale());
            }
            // Two phones' differing adjustments leave the unit as proposed: a decision
            // naming them may put it in or take it out.
            let differing = versions.is_some_and(|v| v.conflicted());
            let inside = plan.planned.iter().any(|x| x.unit == unit);
            if add && inside && !differing {
                return Err(refuse(
                    "audit.in_plan",
                    format!("{name}已在{year}年计划中"),
                    format!("{name} is in the {year} plan already"),
                )
                .on("unit"));
            }
            if !add && !inside && !differing {
                return Err(refuse(
                    "audit.not_in_plan",
                    format!("{name}不在{year}年计划中"),
                    format!("{name} is not in the {year} plan"),
                )
                .on("unit"));
            }
            AuditGradingEvent::AuditPlanAdjusted {
                year,
                audit_unit: unit,
                add,
                reason: required(&reason, "reason", "调整原因", "Reason for the adjustment")?,
                supersedes,
            }
        }
        Command::Done {
            unit,
            on,
            report,
            fix,
        } => {
            let (corrects, withdrawn, reason, supersedes) = fixed(&audit.audits, fix)?;
            let was = audit.audits.by_id.get(&corrects).and_then(Records::content);
            let unit = match (withdrawn, was) {
                (true, Some(a)) => a.unit.clone(),
                (false, Some(a)) if a.unit != unit => {
                    return Err(refuse(
                        "audit.other_unit",
                        format!(
                            "这条审计记录属于{}，不能改为另一单位；请撤销后为正确的单位重新录入",
                            audit.name(&a.unit)
                        ),
                        format!(
                            "This audit is {}'s: withdraw it and record it for the right unit",
                            audit.name(&a.unit)
                        ),
                    )
                    .on("unit"));
                }
                _ => unit,
            };
            if !withdrawn {
                known(audit, &unit)?;
                year_ok(on.year(), "on")?;
                if on > today {
                    return Err(refuse(
                        "audit.date",
                        format!("审计报告日期不能晚于今天（{today}）"),
                        format!("The report's day cannot be after today ({today})"),
                    )
                    .on("on"));
                }
            }
            let report = match withdrawn {
                true => report,
                false => required(&report, "report", "审计报告文号", "Report number")?,
            };
            AuditGradingEvent::AuditDone {
                audit_unit: unit,
                on,
                report,
                corrects,
                withdrawn,
                reason,
                supersedes,
            }
        }
    };
    Ok(vec![EventBody::AuditGrading(event)])
}

/// A checked fix: (corrects, withdrawn, reason, supersedes).
fn fixed(
    records: &Records<super::state::Audit>,
    fix: Fix,
) -> Result<(String, bool, String, Vec<String>), RuleViolation> {
    if fix.record.is_empty() {
        return Ok((String::new(), false, String::new(), Vec::new()));
    }
    let versions = records.by_id.get(&fix.record);
    if versions.and_then(Records::content).is_none() {
        return Err(refuse(
            "audit.no_record",
            "没有这条记录（或已撤销）".into(),
            "No such record (or withdrawn)".into(),
        )
        .on("record"));
    }
    let supersedes = replaced(versions, &fix.seen);
    if supersedes.is_empty() {
        return Err(stale());
    }
    let reason = required(
        &fix.reason,
        "reason",
        "更正原因",
        "Reason for the correction",
    )?;
    Ok((fix.record, fix.withdrawn, reason, supersedes))
}
