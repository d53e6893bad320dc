//! Home: the townships of the year chosen (`domain::home::township_links`) and the
//! to-do list of every workflow (`domain::home::todo_screen`), drawn by the one
//! renderer. The year typed stays chosen across pages and users (`Ctx::home_year`).
//! This year's page is kept as the next start's first screen (`ui::first_screen`).

use leptos::prelude::*;

use crate::domain::home::{chosen_year, todo_screen, township_links};
use crate::domain::Role;
use crate::ui::components::{blocks_view, screen_view};
use crate::ui::ctx::{today, use_ctx};

/// Townships with links to their year, and what needs doing.
#[component]
pub fn Home() -> impl IntoView {
    let c = use_ctx();
    let year = c.home_year;
    let focus = crate::ui::components::page_focus();
    // Built once a change, for the page and for the copy kept of it.
    let drawn = Memo::new(move |_| {
        let chosen = chosen_year(&year.get(), today());
        let admin = c
            .user
            .with(|u| u.as_ref().is_none_or(|u| u.role == Role::Admin));
        c.with_state(|s| {
            let townships = township_links(s, chosen, admin, c.is_zh());
            (chosen, townships, todo_screen(s, today(), c.is_zh()))
        })
    });
    Effect::new(move |_| {
        drawn.with(|(chosen, townships, todos)| {
            if *chosen == chrono::Datelike::year(&today()) {
                crate::ui::first_screen::keep(c, townships, todos);
            }
        });
    });
    let townships = move || blocks_view(c, focus, drawn.with(|d| d.1.clone()));
    let todos = screen_view(c, move || drawn.with(|d| d.2.clone()));
    view! {
        <section class="card">
            <h1>{c.t("村干部绩效考评", "Village performance pay")}</h1>
            <label class="field inline">
                <span>{c.t("年度", "Year")}</span>
                <input type="number" inputmode="numeric" name="year" bind:value=year />
            </label>
            {townships}
        </section>
        {todos}
    }
}
