//! What cadre selection (W4) asks of its users now, for the home page's to-do list:
//! cases whose 初次提交 is overdue.

use super::Page;
use chrono::NaiveDate;

use super::overdue_submissions;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::Route;

/// The cases whose 初次提交 is overdue on `today`.
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let late = overdue_submissions(s, today).into_iter().map(|o| {
        let text = if zh {
            format!("{}：初次提交已逾期，应于 {}", o.title, o.due)
        } else {
            format!("{}: initial submission overdue, due {}", o.title, o.due)
        };
        Todo::new(
            Route::CadreSelection(Page::Case(o.case.clone())),
            text,
            true,
        )
    });
    late.collect()
}
