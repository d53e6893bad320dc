//! What village pay (W1) asks of its users now, for the home page's to-do list: periods
//! to review, to publicize again or to finalize, open objections, a grading whose scores
//! changed, and the 诫勉谈话 and 限期整改 of a 不合格 village until done (each to be done
//! by its due date). Each goes to the township's organizer (乡镇组织委员), who records
//! every step they ask for (`VillagePayEvent::ACCESS`).

use super::Page;
use chrono::NaiveDate;

use super::{township_year, PeriodCell, PeriodStatus, TownshipYearView, VillageRow};
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::route::{Route, TownshipYear};

/// Who acts on W1's to-dos: the township's organizer reviews, publicizes, finalizes,
/// resolves objections, grades and records the follow-ups.
const ORGANIZER: &[Role] = &[Role::Organizer];

/// "what：text" in Chinese, "what: text" in English.
fn item(zh: bool, what: &str, text: &str) -> String {
    if zh {
        format!("{what}：{text}")
    } else {
        format!("{what}: {text}")
    }
}

/// Every township's and year's to-dos on `today`, newest year first.
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let mut items = Vec::new();
    for year in s.village_pay.counted.years().into_iter().rev() {
        for t in s.master.townships_sorted() {
            let view = township_year(s, &t.id, year, today);
            items.extend(year_todos(&view, &t.name, zh));
        }
    }
    items
}

/// One township's year: a grading to redo, then each village's periods and follow-ups.
fn year_todos(view: &TownshipYearView, township: &str, zh: bool) -> Vec<Todo> {
    let year = view.year;
    let here = TownshipYear::new(view.township.clone(), year);
    let mut items = Vec::new();
    if view.grading_outdated() {
        let text = if zh {
            "评定所用的评分已有变化，须重新评定等次和工资"
        } else {
            "scores used by the grading have changed: re-grade"
        };
        let text = item(zh, &format!("{township} {year}"), text);
        let results = Route::VillagePay(Page::Results(here.clone()));
        items.push(Todo::new(results, text, true).for_roles(ORGANIZER));
    }
    for r in &view.rows {
        let what = format!("{township} {year} {}", r.village.name);
        for cell in &r.cells {
            let slot =
                Route::VillagePay(Page::Slot(here.clone(), r.village.id.clone(), cell.period));
            let what = format!("{what} {}", cell.period.label(zh));
            let found = cell_todos(zh, cell, &what).into_iter();
            let todo = |(text, urgent)| Todo::new(slot.clone(), text, urgent).for_roles(ORGANIZER);
            items.extend(found.map(todo));
        }
        items.extend(follow_up_todos(zh, view, r, &what));
    }
    items
}

/// What one period needs: review, a new 公示, 定稿, objections.
fn cell_todos(zh: bool, cell: &PeriodCell, what: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    match cell.status {
        PeriodStatus::NeedsReview => {
            let why: Vec<String> = cell.reviews.iter().map(|r| r.describe(zh)).collect();
            let text = if zh {
                format!("需复核（{}）", why.join("；"))
            } else {
                format!("needs review ({})", why.join("; "))
            };
            out.push((item(zh, what, &text), true));
        }
        PeriodStatus::Scored if cell.republish => {
            let text = if zh {
                "复核已采用新评分，须重新公示"
            } else {
                "new scores accepted in review: publicize again"
            };
            out.push((item(zh, what, text), true));
        }
        PeriodStatus::AwaitingFinal if cell.open_objections == 0 => {
            let text = if zh {
                "公示期满，可定稿"
            } else {
                "publicity over, can be finalized"
            };
            out.push((item(zh, what, text), false));
        }
        _ => {}
    }
    if cell.open_objections > 0 {
        let n = cell.open_objections;
        let text = if zh {
            format!("待处理异议 {n}")
        } else {
            format!("open objections: {n}")
        };
        out.push((item(zh, what, &text), true));
    }
    out
}

/// 诫勉谈话 and 限期整改 of a 不合格 village, until done.
fn follow_up_todos(zh: bool, view: &TownshipYearView, r: &VillageRow, what: &str) -> Vec<Todo> {
    let results = Route::VillagePay(Page::Results(TownshipYear::new(
        view.township.clone(),
        view.year,
    )));
    let follow_ups = [
        (&r.talk, "诫勉谈话", "warning talk"),
        (&r.rectification, "限期整改", "rectification"),
    ];
    let open = follow_ups
        .into_iter()
        .filter_map(|(due, zh_name, en_name)| {
            let d = due.as_ref().filter(|d| d.done.is_none())?;
            let text = match (zh, d.overdue) {
                (true, late) => format!(
                    "{zh_name} 截止 {}{}",
                    d.due,
                    if late { "（已逾期）" } else { "" }
                ),
                (false, late) => format!(
                    "{en_name} due {}{}",
                    d.due,
                    if late { " (overdue)" } else { "" }
                ),
            };
            let todo = Todo::new(results.clone(), item(zh, what, &text), d.overdue);
            Some(todo.for_roles(ORGANIZER).due_by(d.due))
        });
    open.collect()
}
