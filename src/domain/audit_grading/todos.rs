//! What the economic-responsibility audit asks of the audit office now: the units to
//! record (while the phone holds the county's records but no unit) or next year's plan to settle (the way to the audit's
//! pages, which have no entry in the bottom navigation), each plan of this or next year
//! that will miss rules (with their count), the units of this year's plan not audited
//! yet (due by the year's last day) and last year's not audited that year or since
//! (overdue: a year's plan is audited within its year), the plans with units two phones
//! adjusted differently, and the units whose year or audit two phones recorded differently.

use chrono::{Datelike, NaiveDate};

use super::plan::plan;
use super::policy::AuditPolicy;
use super::state::AuditGrading;
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::State;
use crate::route::Route;

const ROLES: &[Role] = &[Role::Auditor, Role::Admin];

/// The to-dos of the audit on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let audit = &state.audit_grading;
    let mut out = Vec::new();
    let this = today.year();
    let next = this.saturating_add(1);
    if audit.units.is_empty() {
        // A phone with no record at all asks nothing (its to-dos come from its records);
        // one with the county's data and no unit asks the audit office to record them.
        if state.folded == 0 {
            return out;
        }
        let text = match zh {
            true => "经济责任审计：录入审计单位及其年度预算".to_string(),
            false => {
                "Economic-responsibility audit: record the units and their budgets".to_string()
            }
        };
        let route = Route::AuditGrading(Page::Overview);
        out.push(Todo::new(route, text, false).for_roles(&[Role::Auditor]));
        return out;
    }
    let policy = state.policies.at(today).audit_grading;
    let proposed = plan(audit, next, &policy).planned.len();
    let text = match zh {
        true => format!("{next}年经济责任审计计划：{proposed}个单位，请审定"),
        false => format!("The {next} audit plan: {proposed} unit(s) to settle"),
    };
    let route = Route::AuditGrading(Page::Plan(next));
    out.push(Todo::new(route, text, false).for_roles(&[Role::Auditor]));
    for year in [this, next] {
        let p = plan(audit, year, &policy);
        let route = Route::AuditGrading(Page::Plan(year));
        if !p.misses.is_empty() {
            let n = p.misses.len();
            let text = match zh {
                true => format!("{year}年经济责任审计计划有{n}条规则将无法满足"),
                false => format!("The {year} audit plan will miss {n} rule(s)"),
            };
            out.push(Todo::new(route.clone(), text, true).for_roles(ROLES));
        }
        let open = p
            .planned
            .iter()
            .filter(|x| !p.done.contains(&x.unit))
            .count();
        if year == this && open > 0 {
            let text = match zh {
                true => format!("{year}年审计计划还有{open}个单位未完成审计"),
                false => format!("{open} unit(s) of the {year} audit plan not audited yet"),
            };
            let todo = Todo::new(route, text, false).for_roles(ROLES);
            out.extend(dated(todo, year));
        }
    }
    out.extend(last_years_plan(audit, this.saturating_sub(1), &policy, zh));
    // Any year's plan (this year's or later) with units two phones adjusted differently.
    let mut years: Vec<i32> = audit
        .adjustments
        .iter()
        .filter(|((y, _), v)| *y >= this && v.conflicted())
        .map(|((y, _), _)| *y)
        .collect();
    years.dedup();
    for year in years {
        let n = plan(audit, year, &policy).differing.len();
        if n == 0 {
            continue;
        }
        let text = match zh {
            true => format!("{year}年经济责任审计计划有{n}个单位的调整在两部手机上不一致，请审定"),
            false => format!(
                "The {year} audit plan: {n} unit(s) adjusted differently on two phones: settle them"
            ),
        };
        let route = Route::AuditGrading(Page::Plan(year));
        out.push(Todo::new(route, text, true).for_roles(ROLES));
    }
    // Units whose year or audit two phones recorded differently.
    let mut differing: std::collections::BTreeSet<&str> = audit
        .units
        .iter()
        .filter(|(_, years)| years.values().any(|v| v.conflicted()))
        .map(|(u, _)| u.as_str())
        .collect();
    differing.extend(
        audit
            .audits
            .standing()
            .into_iter()
            .filter(|(_, _, two)| *two)
            .map(|(_, a, _)| a.unit.as_str()),
    );
    let differing = differing.len();
    if differing > 0 {
        let text = match zh {
            true => format!("{differing}个审计单位的记录在两部手机上不一致，请更正"),
            false => format!(
                "{differing} audit unit(s) recorded differently on two phones: correct them"
            ),
        };
        let route = Route::AuditGrading(Page::Overview);
        out.push(Todo::new(route, text, true).for_roles(ROLES));
    }
    out
}

/// `todo`, due by the last day of `year` (a year's plan is audited within it); dropped in
/// a year the calendar cannot hold.
fn dated(todo: Todo, year: i32) -> Option<Todo> {
    NaiveDate::from_ymd_opt(year, 12, 31).map(|last| todo.due_by(last))
}

/// The units of `year`'s plan (last year's) audited neither in that year nor since: overdue
/// since its last day.
fn last_years_plan(
    audit: &AuditGrading,
    year: i32,
    policy: &AuditPolicy,
    zh: bool,
) -> Option<Todo> {
    let p = plan(audit, year, policy);
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let audited_since = |unit: &str| audit.audits_of(unit).iter().any(|(_, a, _)| a.on >= from);
    let open = p
        .planned
        .iter()
        .filter(|x| !p.done.contains(&x.unit) && !audited_since(&x.unit))
        .count();
    if open == 0 {
        return None;
    }
    let text = match zh {
        true => format!("{year}年审计计划有{open}个单位当年未完成审计，已逾期"),
        false => format!("{open} unit(s) of the {year} audit plan not audited that year: overdue"),
    };
    let route = Route::AuditGrading(Page::Plan(year));
    dated(Todo::new(route, text, true).for_roles(ROLES), year)
}
