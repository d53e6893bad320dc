//! What the reserve pools ask now: the top-up (every 2 years) and the open selection
//! (every 5) once within 90 days of falling due or overdue, and each person the records
//! took out of a pool in the last 30 days, so the organization department sees it.

use chrono::{Days, NaiveDate};

use super::event::PoolReview;
use super::pool::{members, review_due};
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::State;
use crate::route::Route;

const ROLES: &[Role] = &[Role::Recorder, Role::Approver];

/// The to-dos of the pools on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let page = || Route::ReservePool(Page::Pools);
    let mut out = Vec::new();
    let soon = today.checked_add_days(Days::new(90)).unwrap_or(today);
    for review in [PoolReview::TopUp, PoolReview::OpenSelection] {
        let Some(due) = review_due(state, review, today) else {
            continue;
        };
        if due > soon {
            continue;
        }
        let late = today > due;
        let text = match zh {
            true => format!(
                "{}{}{due}前完成",
                review.label(true),
                if late { "已逾期，应于" } else { "应于" }
            ),
            false => format!(
                "{} due by {due}{}",
                review.label(false),
                if late { " (overdue)" } else { "" }
            ),
        };
        out.push(Todo::new(page(), text, late).for_roles(ROLES).due_by(due));
    }
    for (name, n) in super::pool::entered_twice(state, today) {
        let text = match zh {
            true => format!("后备干部：{name}在库中有{n}条入库记录（两部手机分别录入），请调整出多余的一条"),
            false => format!("Reserve pool: {name} has {n} entries (entered on two phones): take out the extra one"),
        };
        out.push(Todo::new(page(), text, true).for_roles(ROLES));
    }
    let recent = today.checked_sub_days(Days::new(30)).unwrap_or(today);
    for m in members(state, today) {
        let Some(o) = m.out.as_ref().filter(|o| o.automatic && o.known >= recent) else {
            continue;
        };
        let text = match zh {
            true => format!(
                "后备干部：{}已于{}调整出库（{}）",
                m.name,
                o.on,
                o.said(true)
            ),
            false => format!(
                "Reserve pool: {} out since {} ({})",
                m.name,
                o.on,
                o.said(false)
            ),
        };
        let person = Route::ReservePool(Page::Person(m.entry.cadre.clone()));
        out.push(Todo::new(person, text, false).for_roles(ROLES));
    }
    out
}
