//! What village heads' records ask of the county now, for the home page's to-do list:
//! a tenure edited on two phones at once, this year's care list to confirm, and any
//! year's list to confirm again (confirmed twice at once, or the records changed since).

use chrono::{Datelike, NaiveDate};

use super::care::{care_lines, changes_since, CareStatus};
use super::Page;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::Route;

/// The county's to-dos: only its administrator records tenures and care lists.
const COUNTY: &[crate::domain::event::Role] = &[crate::domain::event::Role::Admin];

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
        out.push(
            Todo::new(
                Route::VillageHeads(Page::Person(t.person.clone())),
                text,
                true,
            )
            .for_roles(COUNTY),
        );
    }
    let year = today.year();
    let qualifying = care_lines(s, year)
        .iter()
        .any(|l| l.status == CareStatus::Qualifies);
    if heads.confirmed(year).is_none() && qualifying && heads.tenure_conflicts().is_empty() {
        let text = match zh {
            true => format!("确认{year}年退后关爱生活补贴名单"),
            false => format!("Confirm the {year} care subsidy list"),
        };
        out.push(Todo::new(Route::VillageHeads(Page::Care(year)), text, false).for_roles(COUNTY));
    }
    // A year no list may be confirmed for (a record from elsewhere) has no page to act on.
    let years = heads
        .care_lists
        .keys()
        .filter(|y| super::decide::confirmable_year(**y, today));
    for &confirmed in years {
        if heads.list_conflicted(confirmed) || !changes_since(s, confirmed, zh).is_empty() {
            let text = match zh {
                true => format!("{confirmed}年退后关爱名单需重新确认"),
                false => format!("The {confirmed} care list needs confirming again"),
            };
            out.push(
                Todo::new(Route::VillageHeads(Page::Care(confirmed)), text, true).for_roles(COUNTY),
            );
        }
    }
    out
}
