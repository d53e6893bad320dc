//! What rotation and secondment ask now, with counts, of the organization department:
//! cadres due or overdue to rotate, those falling due within the notice days, those whose
//! profile lacks what the age exemption needs, and secondments near, at or past their limit.
//! A rotation line is due by the earliest last day of its cadres (due day plus the
//! policy's overdue days), a secondment line by the earliest limit.

use chrono::NaiveDate;

use super::alerts::{last_day, rotation_list, secondments, RotationStatus, SecondmentStatus};
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::State;
use crate::route::Route;

const ROLES: &[Role] = &[Role::Recorder, Role::Approver, Role::Admin];

/// `todo`, due by `last` when there is one.
fn dated(todo: Todo, last: Option<NaiveDate>) -> Todo {
    match last {
        Some(day) => todo.due_by(day),
        None => todo,
    }
}

/// The to-dos of rotation and secondment on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let page = || Route::Rotation(Page::List);
    let mut out = Vec::new();
    let list = rotation_list(state, today);
    let count = |f: fn(&RotationStatus) -> bool| list.iter().filter(|a| f(&a.status)).count();
    let due = count(|s| *s == RotationStatus::Due);
    let overdue = count(|s| *s == RotationStatus::Overdue);
    let coming = count(|s| *s == RotationStatus::Coming);
    let policy = &state.policies.at(today).rotation;
    // The earliest last day among the cadres `f` picks.
    let last = |f: fn(&RotationStatus) -> bool| {
        let days = list.iter().filter(|a| f(&a.status));
        days.map(|a| last_day(a.due, policy)).min()
    };
    if due + overdue > 0 {
        let text = match zh {
            true => format!("轮岗：{due}人到期应轮岗，{overdue}人逾期未轮岗"),
            false => format!("Rotation: {due} due, {overdue} overdue"),
        };
        let todo = Todo::new(page(), text, overdue > 0).for_roles(ROLES);
        let due_or_over =
            |s: &RotationStatus| matches!(s, RotationStatus::Due | RotationStatus::Overdue);
        out.push(dated(todo, last(due_or_over)));
    }
    if coming > 0 {
        let text = match zh {
            true => format!("轮岗：{coming}人即将满任职年限"),
            false => format!("Rotation: {coming} falling due soon"),
        };
        let todo = Todo::new(page(), text, false).for_roles(ROLES);
        out.push(dated(todo, last(|s| *s == RotationStatus::Coming)));
    }
    let incomplete = count(|s| matches!(s, RotationStatus::Incomplete(..)));
    if incomplete > 0 {
        let text = match zh {
            true => format!("轮岗：{incomplete}人资料不全，无法判断是否免于轮岗"),
            false => format!("Rotation: {incomplete} profiles incomplete, exemption unknown"),
        };
        out.push(Todo::new(page(), text, false).for_roles(ROLES));
    }
    let lines = secondments(state, today);
    let alerting = lines.iter().filter(|l| l.status.alerts());
    let limit = alerting.clone().map(|l| l.limit).min();
    let alerts: Vec<SecondmentStatus> = alerting.map(|l| l.status).collect();
    if !alerts.is_empty() {
        let over = alerts
            .iter()
            .filter(|s| **s == SecondmentStatus::Over)
            .count();
        let near = alerts.len() - over;
        let text = match zh {
            true => format!("借用：{near}人即将或今日满期，{over}人超期未结束"),
            false => format!("Secondment: {near} at or near the limit, {over} over it"),
        };
        let todo = Todo::new(page(), text, over > 0).for_roles(ROLES);
        out.push(dated(todo, limit));
    }
    out
}
