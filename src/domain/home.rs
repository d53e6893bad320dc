//! The home page's to-do list as a screen (`domain::screen`): the calendar years the
//! administrator has yet to enter, then what each registered workflow asks of its users
//! now (`workflows::todos`, each workflow's own `todos`), urgent items marked.

use chrono::NaiveDate;

use crate::domain::calendar::{missing_years, SCHEDULE_WARNING_DAYS};
use crate::domain::event::Role;
use crate::domain::json_reader::Json;
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
            route: Route::VillagePay(super::village_pay::Page::Township(TownshipYear::new(
                x.id.clone(),
                year,
            ))),
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

/// What every workflow asks of its users on a day: [`workflows::todos`], which the app's
/// first load does not hold (it comes with the start chunk).
pub type WorkflowTodos = fn(&State, NaiveDate, bool) -> Vec<Todo>;

/// The to-do card of every role: each item leading to where it is done, or a line saying
/// there is nothing to do.
pub fn todo_screen(s: &State, today: NaiveDate, zh: bool) -> Screen {
    todo_screen_of(s, (today, zh, None), Some(workflows::todos), true)
}

/// [`todo_screen`] for `role` (the to-dos it acts on, and those for everyone), with the
/// workflows' to-dos worked out by `workflow_todos`, or, while
/// it is not at hand (`None`), the calendar's and a line saying the rest are being
/// loaded. A log with no event needs none: every workflow's to-dos come from its records.
/// While `s` is not the `whole` log's (the parts folded later are still being folded,
/// `store::later`: they have no records in it yet, so no to-dos), a line says the rest
/// of the list is being loaded.
pub fn todo_screen_of(
    s: &State,
    (today, zh, role): (NaiveDate, bool, Option<Role>),
    workflow_todos: Option<WorkflowTodos>,
    whole: bool,
) -> Screen {
    let workflow_todos = match s.folded == 0 {
        true => Some(Vec::new()),
        false => workflow_todos.map(|todos| todos(s, today, zh)),
    };
    let known = workflow_todos.is_some();
    let mut todos = calendar_todos(s, today, zh);
    todos.extend(workflow_todos.unwrap_or_default());
    let items = todos
        .into_iter()
        .filter(|x| x.shown_to(role))
        .map(|x| Item {
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
    if !items.is_empty() {
        blocks.push(Block::Items(Items {
            testid: "todo",
            items,
        }));
    }
    if !known || !whole {
        let loading = match known {
            true => t(
                zh,
                "正在载入其余待办事项…",
                "Loading the rest of the to-do list…",
            ),
            false => t(zh, "正在载入待办事项…", "Loading the to-do list…"),
        };
        blocks.push(Block::line(Tone::Hint, loading).testid("todo-loading"));
    } else if blocks.len() == 1 {
        let none = t(zh, "没有待办事项", "Nothing to do");
        blocks.push(Block::line(Tone::Hint, none).testid("todo"));
    }
    vec![Card::new(blocks)]
}

/// The home page as drawn (the townships of this year and the to-do list), kept so the
/// next start can show it at once, before the log is read (`ui::first_screen`). Only
/// text and paths: [`HomeCopy::blocks`] gives back exactly the blocks it was made of.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HomeCopy {
    /// What it was drawn for (`ui::first_screen`: the build, the log's stamp, the user,
    /// the language, the day): a copy is shown only for the same.
    pub key: String,
    /// The township links (text, path), or the line saying there are none.
    pub townships: Result<Vec<(String, String)>, String>,
    /// The to-do card's heading.
    pub heading: String,
    /// The to-dos (text, path, urgent), or the line saying there are none.
    pub todos: Result<Vec<(String, String, bool)>, String>,
}

impl HomeCopy {
    /// The copy `text` holds, as `serde_json::to_string` wrote it; `None` for anything
    /// else (then the home page is drawn once the log is open). Read without serde_json's
    /// deserializer, which the first load leaves out (`domain::json_reader`).
    pub fn read(text: &str) -> Option<HomeCopy> {
        let json = Json::parse(text)?;
        let [key, townships, heading, todos] =
            json.fields(["key", "townships", "heading", "todos"])?;
        Some(HomeCopy {
            key: key.text()?.to_string(),
            townships: kept_links(townships, 2)?.map(|all| {
                all.into_iter()
                    .map(|(text, path, _)| (text, path))
                    .collect()
            }),
            heading: heading.text()?.to_string(),
            todos: kept_links(todos, 3)?,
        })
    }

    /// A copy of what [`township_links`] and [`todo_screen`] built; `None` if they are
    /// not of the shapes those build (then nothing is kept).
    pub fn of(key: String, townships: &[Block], todos: &Screen) -> Option<HomeCopy> {
        let townships = match townships {
            [Block::Items(Items {
                testid: "townships",
                items,
            })] => Ok(links(items)?
                .into_iter()
                .map(|(text, path, _)| (text, path))
                .collect()),
            [Block::Line {
                tone: Tone::Hint,
                text,
                testid: "",
                link: None,
            }] => Err(text.clone()),
            _ => return None,
        };
        let [card] = todos.as_slice() else {
            return None;
        };
        if *card != Card::new(card.blocks.clone()) {
            return None;
        }
        let (heading, todos) = match card.blocks.as_slice() {
            [Block::Heading(h), Block::Items(Items {
                testid: "todo",
                items,
            })] => (h.clone(), Ok(links(items)?)),
            [Block::Heading(h), Block::Line {
                tone: Tone::Hint,
                text,
                testid: "todo",
                link: None,
            }] => (h.clone(), Err(text.clone())),
            _ => return None,
        };
        Some(HomeCopy {
            key,
            townships,
            heading,
            todos,
        })
    }

    /// The townships' blocks and the to-do screen, as they were drawn.
    pub fn blocks(&self) -> (Vec<Block>, Screen) {
        let townships = match &self.townships {
            Ok(links) => vec![Block::Items(Items {
                testid: "townships",
                items: links
                    .iter()
                    .map(|(text, path)| item(text, path, false))
                    .collect(),
            })],
            Err(none) => vec![Block::line(Tone::Hint, none.clone())],
        };
        let todos = match &self.todos {
            Ok(links) => Block::Items(Items {
                testid: "todo",
                items: links
                    .iter()
                    .map(|(text, path, urgent)| item(text, path, *urgent))
                    .collect(),
            }),
            Err(none) => Block::line(Tone::Hint, none.clone()).testid("todo"),
        };
        let heading = Block::Heading(self.heading.clone());
        (townships, vec![Card::new(vec![heading, todos])])
    }
}

/// Plain link items as (text, path, urgent); `None` if any has more than that, or a
/// path that does not lead back to its route.
fn links(items: &[Item]) -> Option<Vec<(String, String, bool)>> {
    items
        .iter()
        .map(|x| {
            let path = x.link.route.href();
            let plain = *x == item(&x.link.text, &path, x.urgent);
            plain.then(|| (x.link.text.clone(), path, x.urgent))
        })
        .collect()
}

/// A plain link item, as the home page draws them.
fn item(text: &str, path: &str, urgent: bool) -> Item {
    Item {
        link: Link {
            text: text.to_string(),
            route: Route::parse(path),
        },
        meta: String::new(),
        warn: None,
        urgent,
        attrs: Vec::new(),
    }
}

/// A kept list of links as serde writes a `Result` of them: `{"Ok": [[text, path], …]}`
/// (`arity` 2) or `[[text, path, urgent], …]` (3), or `{"Err": line}`.
type KeptLinks = Result<Vec<(String, String, bool)>, String>;

fn kept_links(json: &Json, arity: usize) -> Option<KeptLinks> {
    let Json::Object(members) = json else {
        return None;
    };
    match members.as_slice() {
        [(tag, Json::List(links))] if tag == "Ok" => links
            .iter()
            .map(|link| match (link.items()?, arity) {
                ([text, path], 2) => Some((text.text()?.into(), path.text()?.into(), false)),
                ([text, path, urgent], 3) => {
                    Some((text.text()?.into(), path.text()?.into(), urgent.boolean()?))
                }
                _ => None,
            })
            .collect::<Option<_>>()
            .map(Ok),
        [(tag, Json::Text(none))] if tag == "Err" => Some(Err(none.clone())),
        _ => None,
    }
}
