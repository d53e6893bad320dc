//! Home: townships and this year's to-do list.

use crate::route::{Route, TownshipYear};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::cadre_selection::overdue_submissions;
use crate::domain::calendar::{missing_years, SCHEDULE_WARNING_DAYS};
use crate::domain::state::State;
use crate::domain::village_pay::{
    township_year, PeriodCell, PeriodStatus, TownshipYearView, VillageRow,
};
use crate::ui::ctx::{today, use_ctx};
use chrono::Datelike;

/// A to-do: (link, text, urgent).
type Todo = (String, String, bool);

/// "what：text" in Chinese, "what: text" in English.
fn item(zh: bool, what: &str, text: &str) -> String {
    if zh {
        format!("{what}：{text}")
    } else {
        format!("{what}: {text}")
    }
}

/// W1 to-dos of every year and township, newest year first.
fn w1_todos(s: &State, zh: bool) -> Vec<Todo> {
    let mut items = Vec::new();
    for year in s.village_pay.years().into_iter().rev() {
        for t in s.master.townships_sorted() {
            let view = township_year(s, &t.id, year, today());
            let here = TownshipYear::new(t.id.clone(), year);
            if view.grading_outdated() {
                let what = format!("{} {year}", t.name);
                let text = if zh {
                    "评定所用的评分已有变化，须重新评定等次和工资"
                } else {
                    "scores used by the grading have changed: re-grade"
                };
                items.push((
                    Route::Results(here.clone()).href(),
                    item(zh, &what, text),
                    true,
                ));
            }
            for r in &view.rows {
                let what = format!("{} {year} {}", t.name, r.village.name);
                for cell in &r.cells {
                    let slot = Route::Slot(here.clone(), r.village.id.clone(), cell.period);
                    let href = slot.href();
                    let what = format!("{what} {}", cell.period.label(zh));
                    items.extend(
                        cell_todos(zh, cell, &what)
                            .into_iter()
                            .map(|(text, urgent)| (href.clone(), text, urgent)),
                    );
                }
                items.extend(follow_up_todos(zh, &view, r, &what));
            }
        }
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
    let results = Route::Results(TownshipYear::new(view.township.clone(), view.year)).href();
    [
        (&r.talk, "诫勉谈话", "warning talk"),
        (&r.rectification, "限期整改", "rectification"),
    ]
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
        Some((results.clone(), item(zh, what, &text), d.overdue))
    })
    .collect()
}

/// Calendar years the administrator has yet to add, as to-dos.
fn calendar_todos(s: &State, zh: bool) -> Vec<Todo> {
    let policy = s.policies.at(today());
    missing_years(&policy, today(), SCHEDULE_WARNING_DAYS)
        .into_iter()
        .map(|y| {
            (
                Route::Data.href(),
                if zh {
                    format!("{y} 年节假日和调休安排尚未录入，工作日暂按周末计算：请管理员在“政策参数”中补录")
                } else {
                    format!("The {y} holiday schedule is missing; working days count weekends only until the administrator adds it under Policy")
                },
                true,
            )
        })
        .collect()
}

/// W4 cases whose 初次提交 is overdue.
fn cadre_todos(s: &State, zh: bool) -> Vec<Todo> {
    overdue_submissions(s, today())
        .into_iter()
        .map(|o| {
            let text = if zh {
                format!("{}：初次提交已逾期，应于 {}", o.title, o.due)
            } else {
                format!("{}: initial submission overdue, due {}", o.title, o.due)
            };
            (Route::Case(o.case.clone()).href(), text, true)
        })
        .collect()
}

/// Every open item of every year, not only the one selected on the page.
fn todos(s: &State, zh: bool) -> Vec<Todo> {
    let mut items = calendar_todos(s, zh);
    items.extend(w1_todos(s, zh));
    items.extend(cadre_todos(s, zh));
    items
}

/// Townships with links to their year, and what needs doing.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <Townships />
        <Todos />
    }
}

/// The year to show and each township's link to it.
#[component]
fn Townships() -> impl IntoView {
    let c = use_ctx();
    let year = c.home_year;
    let y = move || {
        year.get()
            .trim()
            .parse::<i32>()
            .unwrap_or_else(|_| today().year())
    };
    let townships = move || {
        c.with_state(|s| {
            s.master
                .townships_sorted()
                .into_iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card">
            <h1>{c.t("村干部绩效考评", "Village performance pay")}</h1>
            <label class="field inline">
                <span>{c.t("年度", "Year")}</span>
                <input type="number" inputmode="numeric" name="year" bind:value=year />
            </label>
            <ul class="list">
                {move || {
                    let list = townships();
                    if list.is_empty() {
                        view! { <li class="hint">{c.t("尚无乡镇。请在“基础信息”中添加乡镇和村。", "No townships yet. Add townships and villages under Villages.")}</li> }.into_any()
                    } else {
                        list.into_iter().map(|(id, name)| {
                            let href = Route::Township(TownshipYear::new(id, y())).href();
                            view! { <li><A href=href attr:class="row-link">{name}" · "{y()}</A></li> }
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
    }
}

/// The to-do list, urgent items marked.
#[component]
fn Todos() -> impl IntoView {
    let c = use_ctx();
    let todo = move || {
        let zh = c.is_zh();
        c.with_state(|s| todos(s, zh))
    };
    view! {
        <section class="card">
            <h2>{c.t("待办", "To do")}</h2>
            <ul class="list todo" data-testid="todo">
                {move || {
                    let items = todo();
                    if items.is_empty() {
                        view! { <li class="hint">{c.t("没有待办事项", "Nothing to do")}</li> }.into_any()
                    } else {
                        items.into_iter().map(|(href, text, urgent)| view! {
                            <li class:urgent=urgent><A href=href attr:class="tap">{text}</A></li>
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
    }
}
