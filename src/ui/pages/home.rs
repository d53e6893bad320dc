//! Home: the townships of the year chosen (`domain::home::township_links`) and the
//! to-do list of every workflow (`domain::home::todo_screen_of`, the workflows' part
//! worked out by the start chunk, `Ctx::workflow_todos`), drawn by the one
//! renderer. The year typed stays chosen across pages and users (`Ctx::home_year`).
//! This year's page is kept as the next start's first screen (`ui::first_screen`).

use leptos::prelude::*;

use crate::domain::home::{chosen_year, todo_screen_of, township_links};
use crate::domain::Role;
use crate::ui::components::{blocks_view, screen_view};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Townships with links to their year, and what needs doing.
#[component]
pub fn Home() -> impl IntoView {
    let c = use_ctx();
    let year = c.home_year;
    let focus = crate::ui::components::page_focus();
    // Each built once a change, for the page and for the copy kept of it; the to-dos
    // (a county's take a tenth of a second on a slow phone) not again for each digit of
    // the year typed.
    let townships = Memo::new(move |_| {
        let chosen = chosen_year(&year.get(), today());
        let admin = c
            .user
            .with(|u| u.as_ref().is_none_or(|u| u.role == Role::Admin));
        (
            chosen,
            c.with_state_so_far(|s, _| township_links(s, chosen, admin, c.is_zh())),
        )
    });
    let todos = Memo::new(move |_| {
        let (today, zh) = (today(), c.is_zh());
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        let todos = c.workflow_todos();
        c.with_state_so_far(|s, whole| {
            let screen = todo_screen_of(s, (today, zh, role), todos, whole);
            (screen, whole)
        })
    });
    // Kept only as drawn from the whole log: a list drawn while the rest was folding
    // lacks its to-dos, even if the log is whole by the time this runs.
    Effect::new(move |_| {
        townships.with(|(chosen, townships)| {
            if *chosen == chrono::Datelike::year(&today()) {
                todos.with(|(todos, whole)| {
                    if *whole {
                        crate::ui::first_screen::keep(c, townships, todos)
                    }
                });
            }
        });
    });
    let year_input =
        view! { <input type="number" inputmode="numeric" name="year" bind:value=year /> };
    let townships = move || blocks_view(c, focus, townships.with(|t| t.1.clone()));
    // The organization department's way to the county overview (not in the kept copy).
    let overview = move || {
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        blocks_view(
            c,
            focus,
            crate::domain::county_overview::screens::home_link(role, c.is_zh()),
        )
    };
    let townships = move || (townships(), overview());
    let todos = screen_view(c, move || todos.with(|(screen, _)| screen.clone()));
    home_view(c, year_input, townships, todos)
}

/// The home page's card and to-do list, around the year's input: the page itself and
/// its first screen (`ui::first_screen`) draw the same.
pub fn home_view(
    c: Ctx,
    year_input: impl IntoView,
    townships: impl IntoView,
    todos: impl IntoView,
) -> impl IntoView {
    view! {
        <section class="card">
            <h1>{c.t("村干部绩效考评", "Village performance pay")}</h1>
            <label class="field inline">
                <span>{c.t("年度", "Year")}</span>
                {year_input}
            </label>
            {townships}
        </section>
        {todos}
    }
}
