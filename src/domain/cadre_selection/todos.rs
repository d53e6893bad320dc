//! What cadre selection (W4) asks of its users now, for the home page's to-do list:
//! cases whose 初次提交 is overdue (due 5 days after the decision), for those who sign
//! the 纪实表 and submit it (`CadreSelectionEvent::ACCESS`: w4_signed, w4_submitted) and
//! for the county's administrator.

use super::Page;
use chrono::NaiveDate;

use super::{overdue_submissions, Submission};
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::Route;

/// Who acts on a late 初次提交: the record's signers, the approver submitting it, and
/// the county's administrator, who oversees the department's records.
const SIGNERS: &[Role] = &[
    Role::Admin,
    Role::Recorder,
    Role::Reviewer,
    Role::CadreChief,
    Role::SupervisionChief,
    Role::Approver,
];

/// The cases whose 初次提交 is overdue on `today` and still not made (one made late
/// stays flagged on its case, but asks nothing more of anyone).
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let unmade = |o: &super::Overdue| {
        let case = s.cadre_selection.cases.get(&o.case);
        case.is_some_and(|c| c.submitted(Submission::Initial).is_none())
    };
    let late = overdue_submissions(s, today)
        .into_iter()
        .filter(unmade)
        .map(|o| {
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
            .for_roles(SIGNERS)
            .due_by(o.due)
        });
    late.collect()
}
