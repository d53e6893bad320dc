//! What 年度考核 asks now: each consequence still to carry out (marked once overdue),
//! and each year whose rated cadres wait for their grades or whose records differ
//! between two phones. They go to the organization department's recorder and approver.

use chrono::{Datelike, NaiveDate};

use super::consequences::open_consequences;
use super::decide::Action;
use super::results::{grade, rating};
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::versions::Standing;
use crate::domain::State;
use crate::route::Route;

const ROLES: &[Role] = &[Role::Recorder, Role::Approver];

/// The to-dos of the assessment on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    debug_assert_eq!(Action::Record.roles(), ROLES);
    let mut out: Vec<Todo> = open_consequences(state)
        .into_iter()
        .map(|c| {
            let late = c.overdue(today);
            let text = match zh {
                true => format!(
                    "{}年度考核结果运用：{} · {}，{}{}前落实",
                    c.year,
                    c.name,
                    c.kind.label(true),
                    if late { "已逾期，应于" } else { "应于" },
                    c.due
                ),
                false => format!(
                    "{} assessment: {} · {}, due by {}{}",
                    c.year,
                    c.name,
                    c.kind.label(false),
                    c.due,
                    if late { " (overdue)" } else { "" }
                ),
            };
            Todo::new(Route::AnnualAssessment(Page::Year(c.year)), text, late)
                .for_roles(ROLES)
                .due_by(c.due)
        })
        .collect();
    let a = &state.annual_assessment;
    for year in [today.year() - 1, today.year()] {
        for (unit, ranked) in super::results::rankings(state, year) {
            let Some((excellent, cap)) = super::results::excellent_over(state, year, &ranked)
            else {
                continue;
            };
            let text = match zh {
                true => format!("{year}年度考核：{unit}优秀{excellent}人，超过政策允许的{cap}人，待复核"),
                false => format!("{year} assessment: {unit} has {excellent} Excellent, over the {cap} allowed: review"),
            };
            let page = Route::AnnualAssessment(Page::Unit(year, unit.clone()));
            out.push(Todo::new(page, text, true).for_roles(ROLES));
        }
        let rated = a.ratings.iter().filter(|((y, _), _)| *y == year);
        let (mut ungraded, mut differ) = (0, 0);
        for ((_, cadre), _) in rated {
            match (rating(state, year, cadre), grade(state, year, cadre)) {
                (Standing::Conflict, _) | (_, Standing::Conflict) => differ += 1,
                (Standing::One(_), Standing::None) => ungraded += 1,
                _ => {}
            }
        }
        let page = || Route::AnnualAssessment(Page::Year(year));
        if ungraded > 0 {
            let text = match zh {
                true => format!("{year}年度考核：{ungraded}人已测评、尚未确定等次"),
                false => format!("{year} assessment: {ungraded} rated, not yet graded"),
            };
            out.push(Todo::new(page(), text, false).for_roles(ROLES));
        }
        if differ > 0 {
            let text = match zh {
                true => format!("{year}年度考核：{differ}人的记录在两部手机上不一致，待更正"),
                false => format!("{year} assessment: {differ} records differ between two phones"),
            };
            out.push(Todo::new(page(), text, true).for_roles(ROLES));
        }
    }
    out
}
