//! What a 选聘 round asks of its users now: a township's publicity that ended (recommend
//! next), a step recorded twice at once, certificates to issue once the result's
//! publicity ended; and of its holders: who is due for the yearly renewal (last year's
//! still open, this year's, and from October next year's, "秋后算账"), and whose pay the
//! records say should end.

use chrono::{Datelike, NaiveDate};

use super::renewal::{end_calls, holdings, review_day, Holding};
use super::rules::county_round;
use super::state::Standing;
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::Route;

/// A township's steps are its organizer's (or the county's).
const TOWNSHIP: &[Role] = &[Role::Organizer, Role::Admin];
/// The county's steps: certificates, renewals, ends.
const COUNTY: &[Role] = &[Role::Admin];

/// The to-dos of `today` (this year's round and last year's).
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let mut out = renewal_todos(s, today, zh);
    for year in [today.year().saturating_sub(1), today.year()] {
        let Some(round) = county_round(s, year) else {
            continue;
        };
        for t in &round.townships {
            let name = s.master.township_label(&t.township);
            let route = Route::CareerPay(Page::Township(year, t.township.clone()));
            let conflict = [
                matches!(t.publicity, Standing::Conflict),
                matches!(t.initial, Standing::Conflict),
                matches!(t.reserve, Standing::Conflict),
            ];
            if conflict.iter().any(|c| *c) {
                let text = match zh {
                    true => format!("{name}{year}年选聘：有环节在两部手机上被同时记录，请核对"),
                    false => format!("{name} {year} selection: a step was recorded on two phones at once; review it"),
                };
                out.push(Todo::new(route.clone(), text, true).for_roles(TOWNSHIP));
            } else if t.before_initial(today).is_none() && matches!(t.initial, Standing::None) {
                let text = match zh {
                    true => format!("{name}{year}年选聘：公示期满，召开扩大会议推荐初步人选"),
                    false => format!(
                        "{name} {year} selection: publicity ended; the extended meeting recommends"
                    ),
                };
                out.push(Todo::new(route, text, false).for_roles(TOWNSHIP));
            }
        }
        if let Standing::One((_, end, publicized)) = round.publicity {
            let valid = round.valid_selected();
            let missing = valid
                .iter()
                .filter(|c| publicized.contains(&c.application))
                .filter(|c| !s.career_pay.certificates.contains_key(&c.application))
                .count();
            if today > *end && missing > 0 {
                let text = match zh {
                    true => format!("{year}年选聘结果公示期满：为{missing}人颁发选聘证书"),
                    false => format!("{year} selection publicized: issue {missing} certificates"),
                };
                let route = Route::CareerPay(Page::Round(year));
                out.push(Todo::new(route, text, false).for_roles(COUNTY));
            }
        }
    }
    out
}

/// Holders due for a renewal, and holders whose pay the records say should end (each
/// named once, under the latest year that calls for it).
fn renewal_todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let mut out = Vec::new();
    let this = today.year();
    // Last year's renewals may still be entered late (its sheet waits for them).
    let mut years = vec![this.saturating_add(1), this, this.saturating_sub(1)];
    if today.month() < 10 {
        years.remove(0);
    }
    let mut named: Vec<String> = Vec::new();
    for year in years {
        let route = Route::CareerPay(Page::Holders(year));
        let on = review_day(year, today);
        let running: Vec<Holding> = holdings(s)
            .into_iter()
            .filter(|h| h.runs_in(year))
            .collect();
        let calls = |h: &Holding| !end_calls(s, h, year, on, zh).is_empty();
        let ending: Vec<&Holding> = running
            .iter()
            .filter(|h| !h.ended() && calls(h) && !named.iter().any(|a| a == h.application))
            .collect();
        let due = running
            .iter()
            .filter(|h| !h.settled_for(s, year) && !calls(h))
            .count();
        if !ending.is_empty() {
            named.extend(ending.iter().map(|h| h.application.to_string()));
            let names: Vec<&str> = ending
                .iter()
                .map(|h| h.certificate.chosen.name.as_str())
                .collect();
            let text = match zh {
                true => format!(
                    "{year}年选聘人员：{}出现终止待遇情形，请记录终止",
                    names.join("、")
                ),
                false => format!(
                    "{year} selected heads: {} meet a termination condition; record the end",
                    names.join(", ")
                ),
            };
            out.push(Todo::new(route.clone(), text, true).for_roles(COUNTY));
        }
        if due > 0 {
            let text = match zh {
                true => format!("{year}年选聘人员年度评聘：{due}人待续聘"),
                false => format!("{year} yearly review of selected heads: {due} to renew"),
            };
            out.push(Todo::new(route, text, year <= this).for_roles(COUNTY));
        }
    }
    out
}
