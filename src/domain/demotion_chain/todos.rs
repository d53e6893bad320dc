//! What the demotion chain asks now: the candidates the annual assessment raised, each
//! open case's next step, and the talks and visits of cases under follow-up due within
//! a week or overdue. They go to the organization department's recorder and approver.

use chrono::{Days, NaiveDate};

use super::event::FollowUpKind;
use super::progress::{next_due, progress, Phase};
use super::triggers::candidates;
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::State;
use crate::route::Route;

const ROLES: &[Role] = &[Role::Recorder, Role::Approver];

/// The to-dos of the demotion chain on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let list = || Route::DemotionChain(Page::List);
    let mut out: Vec<Todo> = candidates(state, today)
        .into_iter()
        .map(|c| {
            let text = match zh {
                true => format!("能上能下：{}“{}”，待研判是否启动动议", c.name, c.standard),
                false => format!(
                    "Demotion: {} meets “{}”: decide whether to open a case",
                    c.name, c.standard
                ),
            };
            Todo::new(list(), text, false).for_roles(ROLES)
        })
        .collect();
    for (name, standard, n) in super::screens::duplicates(state) {
        let text = match zh {
            true => format!("能上能下：{name}依据“{standard}”有{n}个未办结的处置事项，待核对"),
            false => format!("Demotion: {name} has {n} open cases on \"{standard}\": review them"),
        };
        out.push(Todo::new(list(), text, true).for_roles(ROLES));
    }
    let soon = today.checked_add_days(Days::new(7)).unwrap_or(today);
    for id in state.demotion_chain.cases.keys() {
        let Some(p) = progress(state, id) else {
            continue;
        };
        let name = state.cadre_selection.cadre_name(&p.head.cadre);
        let page = || Route::DemotionChain(Page::Case(id.clone()));
        match p.phase {
            Phase::Next(s) => {
                let text = match zh {
                    true => format!("能上能下：{name}的处置待「{}」", s.label(true)),
                    false => format!("Demotion: {name}'s case awaits {}", s.label(false)),
                };
                out.push(Todo::new(page(), text, false).for_roles(ROLES));
            }
            Phase::Held(s) => {
                let text = match zh {
                    true => format!(
                        "能上能下：{name}的「{}」在两部手机上记录不一致，待更正",
                        s.label(true)
                    ),
                    false => format!(
                        "Demotion: {name}'s {} differs between two phones",
                        s.label(false)
                    ),
                };
                out.push(Todo::new(page(), text, true).for_roles(ROLES));
            }
            Phase::FollowUp => {
                let filed = p.filed_on.unwrap_or(today);
                for kind in [FollowUpKind::Talk, FollowUpKind::Visit] {
                    let due = next_due(state, id, kind, filed);
                    if due > soon {
                        continue;
                    }
                    let late = today > due;
                    let text = match zh {
                        true => format!(
                            "能上能下跟踪：{name}的{}{}{due}前",
                            kind.label(true),
                            if late { "已逾期，应于" } else { "应于" }
                        ),
                        false => format!(
                            "Follow-up: {name}'s {} due by {due}{}",
                            kind.label(false).to_lowercase(),
                            if late { " (overdue)" } else { "" }
                        ),
                    };
                    out.push(Todo::new(page(), text, late).for_roles(ROLES).due_by(due));
                }
            }
            _ => {}
        }
    }
    out
}
