//! What the everyday performance record asks now: for each unit, the cadres who have
//! not submitted the last week whose report is due (周申报), to the unit leaders, and the
//! county's count of them to the organization department; the units whose roster
//! (实绩纪实名单) differs from the cadre records, to the department; and, every day, to
//! cadres and unit leaders, the way to the day's record (it has no entry in the bottom
//! navigation).

use chrono::NaiveDate;

use super::rollup::{last_due_week, report_due, units_in_week, week_name};
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::State;
use crate::route::Route;

const LEADERS: &[Role] = &[Role::UnitLeader];
const DEPARTMENT: &[Role] = &[Role::Admin, Role::Recorder];

/// The to-dos of 实绩纪实 on `today`.
pub fn todos(state: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let policy = state.policies.at(today).performance_record;
    let monday = last_due_week(today, &policy);
    let week = week_name(monday, zh);
    let due = report_due(monday, &policy);
    let mut out = Vec::new();
    let daily = match zh {
        true => "实绩纪实：记录今日工作，按周提交周申报".to_string(),
        false => "Performance record: record today's work, submit the week".to_string(),
    };
    let start = Route::PerformanceRecord(Page::Start);
    if !super::roster::names(state).is_empty() {
        out.push(Todo::new(start, daily, false).for_roles(&[Role::Cadre, Role::UnitLeader]));
    }
    let changed = super::roster::changes(state, today).len();
    if changed > 0 {
        let text = match zh {
            true => format!("实绩纪实名单：{changed}个单位与干部库不一致，请发布"),
            false => match changed {
                1 => "Unit rosters: 1 unit differs from the cadre records: publish it".into(),
                n => format!("Unit rosters: {n} units differ from the cadre records: publish them"),
            },
        };
        let page = Route::PerformanceRecord(Page::Start);
        out.push(Todo::new(page, text, true).for_roles(DEPARTMENT));
    }
    let (mut units, mut people) = (0_usize, 0_usize);
    for (unit, members) in units_in_week(state, monday) {
        let missing = members.iter().filter(|m| !m.submitted).count();
        // A unit none of whose cadres has ever recorded here is not asked for reports.
        if missing == 0 || !members.iter().any(|m| records_here(state, &m.cadre)) {
            continue;
        }
        units = units.saturating_add(1);
        people = people.saturating_add(missing);
        let text = match zh {
            true => format!("{week}周申报：{unit}有{missing}人未提交"),
            false => format!("{week} weekly reports: {missing} in {unit} not submitted"),
        };
        let page = Route::PerformanceRecord(Page::Unit(unit));
        out.push(Todo::new(page, text, true).for_roles(LEADERS).due_by(due));
    }
    if people > 0 {
        let text = match zh {
            true => format!("{week}周申报：{units}个单位共{people}人未提交"),
            false => format!("{week} weekly reports: {people} in {units} units not submitted"),
        };
        let page = Route::PerformanceRecord(Page::Start);
        out.push(
            Todo::new(page, text, false)
                .for_roles(DEPARTMENT)
                .due_by(due),
        );
    }
    out
}

/// Whether `cadre` has recorded anything here (a day or a week).
pub fn records_here(state: &State, cadre: &str) -> bool {
    super::rollup::days_of(state, cadre).is_some()
        || !super::rollup::weeks_of(state, cadre).is_empty()
}
