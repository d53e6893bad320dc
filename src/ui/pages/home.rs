//! Home: townships (with the year chosen) and the to-do list of every workflow, which
//! the domain builds (`domain::home`).

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::home::todo_screen;
use crate::route::{Route, TownshipYear};
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx};

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

/// The to-do list the domain builds (`domain::home`), urgent items marked.
#[component]
fn Todos() -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        c.with_state(|s| todo_screen(s, today(), c.is_zh()))
    })
}
