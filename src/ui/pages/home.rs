//! Home: the townships of the year chosen (`domain::home::township_links`) and the
//! to-do list of every workflow (`domain::home::todo_screen`), drawn by the one
//! renderer. The year typed stays chosen across pages and users (`Ctx::home_year`).

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
    let townships = move || {
        let chosen = chosen_year(&year.get(), today());
        let admin = c
            .user
            .with(|u| u.as_ref().is_none_or(|u| u.role == Role::Admin));
        let blocks = c.with_state(|s| township_links(s, chosen, admin, c.is_zh()));
        blocks_view(c, focus, blocks)
    };
    let todos = screen_view(c, move || {
        c.with_state(|s| todo_screen(s, today(), c.is_zh()))
    });
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
