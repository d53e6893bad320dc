//! The home page's to-do list as a screen (`domain::screen`): the calendar years the
//! administrator has yet to enter, then what each registered workflow asks of its users
//! now (`workflows::todos`, each workflow's own `todos`), urgent items marked.

use chrono::NaiveDate;

use crate::domain::calendar::{missing_years, SCHEDULE_WARNING_DAYS};
use crate::domain::screen::{t, Block, Card, Item, Items, Link, Screen, Todo, Tone};
use crate::domain::state::State;
use crate::domain::workflows;
use crate::route::{Route, TownshipYear};

/// Calendar years the administrator has yet to add, as to-dos.
fn calendar_todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let policy = s.policies.at(today);
    let missing = missing_years(&policy, today, SCHEDULE_WARNING_DAYS).into_iter();
    let todo = |y: i32| {
        let text = if zh {
            format!(
                "{y} 年节假日和调休安排尚未录入，工作日暂按周末计算：请管理员在“政策参数”中补录"
            )
        } else {
            format!("The {y} holiday schedule is missing; working days count weekends only until the administrator adds it under Policy")
        };
        Todo::new(Route::Data, text, true)
    };
    missing.map(todo).collect()
}

/// The years the home page opens: a year typed outside them opens this year's.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The year typed on the home page (digits, within [`YEARS`]), or this year.
pub fn chosen_year(typed: &str, today: NaiveDate) -> i32 {
    let year = typed
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y));
    year.unwrap_or_else(|| chrono::Datelike::year(&today))
}

/// The townships, each leading to its `year` (the year the user chose on the home page),
/// or who adds the first one (`admin`: whether that is this user).
pub fn township_links(s: &State, year: i32, admin: bool, zh: bool) -> Vec<Block> {
    let townships = s.master.townships_sorted();
    if townships.is_empty() {
        let none = match admin {
            true => t(
                zh,
                "尚无乡镇。请在“基础信息”中添加乡镇和村。",
                "No townships yet. Add townships and villages under Villages.",
            ),
            false => t(
                zh,
                "尚无乡镇。乡镇和村由管理员在“基础信息”中添加。",
                "No townships yet. The administrator adds townships and villages under Villages.",
            ),
        };
        return vec![Block::line(Tone::Hint, none)];
    }
    let each = townships.into_iter().map(|x| Item {
        link: Link {
            text: format!("{} · {year}", x.name),
            route: Route::Township(TownshipYear::new(x.id.clone(), year)),
        },
        meta: String::new(),
        warn: None,
        urgent: false,
        attrs: Vec::new(),
    });
    vec![Block::Items(Items {
        testid: "townships",
        items: each.collect(),
    })]
}

/// Every open item of every year and workflow, on `today`.
pub fn todos(s: &State, today: NaiveDate, zh: bool) -> Vec<Todo> {
    let mut items = calendar_todos(s, today, zh);
    items.extend(workflows::todos(s, today, zh));
    items
}

/// The to-do card: each item leading to where it is done, or a line saying there is
/// nothing to do.
pub fn todo_screen(s: &State, today: NaiveDate, zh: bool) -> Screen {
    let items = todos(s, today, zh).into_iter().map(|x| Item {
        link: Link {
            text: x.text,
            route: x.route,
        },
        meta: String::new(),
        warn: None,
        urgent: x.urgent,
        attrs: Vec::new(),
    });
    let items: Vec<Item> = items.collect();
    let mut blocks = vec![Block::Heading(t(zh, "待办", "To do"))];
    if items.is_empty() {
        let none = t(zh, "没有待办事项", "Nothing to do");
        blocks.push(Block::line(Tone::Hint, none).testid("todo"));
    } else {
        blocks.push(Block::Items(Items {
            testid: "todo",
            items,
        }));
    }
    vec![Card::new(blocks)]
}
