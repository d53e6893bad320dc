//! What village heads' records ask of the county now, for the home page's to-do list:
//! a tenure edited on two phones at once, and this year's care list to confirm (or
//! confirm again, when the records changed after it was confirmed).

use chrono::{Datelike, NaiveDate};

use super::care::{care_lines, changes_since, CareStatus};
use super::Page;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::Route;

/// The to-dos of `today`.
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let heads = &s.village_heads;
    let mut out = Vec::new();
    for id in heads.tenure_conflicts() {
        let Some(t) = heads.tenure(id) else { continue };
        let text = match zh {
            true => format!("{}的任职记录在两部手机上被同时修改，请核对", t.name),
            false => format!(
                "{}'s tenure was edited on two phones at once: review it",
                t.name
            ),
        };
        out.push(Todo::new(
            Route::VillageHeads(Page::Person(t.person.clone())),
            text,
            true,
        ));
    }
    let year = today.year();
    let care = Route::VillageHeads(Page::Care(year));
    let qualifying = care_lines(s, year)
        .iter()
        .any(|l| l.status == CareStatus::Qualifies);
    if heads.confirmed(year).is_none() && qualifying {
        let text = match zh {
            true => format!("确认{year}年退后关爱生活补贴名单"),
            false => format!("Confirm the {year} care subsidy list"),
        };
        out.push(Todo::new(care, text, false));
    } else if heads.list_conflicted(year) || !changes_since(s, year, zh).is_empty() {
        let text = match zh {
            true => format!("{year}年退后关爱名单需重新确认"),
            false => format!("The {year} care list needs confirming again"),
        };
        out.push(Todo::new(care, text, true));
    }
    out
}
