//! W4 selection cases: the list (with overdue 初次提交 and overall rates), opening a
//! case, and the case page — the "1+8" steps with status and reasons, windows, one
//! generic record form, corrections, ranking, disclosures, sign-off and submission.

use leptos::prelude::*;

use crate::domain::cadre_selection::case_forms::{disclosures_card, ending_forms};
use crate::domain::cadre_selection::case_screen::{
    case_progress, case_top, has_ended, Viewer, DISCLOSURE_AREA, RECORD_AREA,
};
use crate::domain::cadre_selection::record_form::record_card;
use crate::domain::cadre_selection::screens::case_list;
use crate::domain::cadre_selection::signoff_screen::signoff_card;
use crate::domain::cadre_selection::Case;
use crate::domain::screen::{Focuses, Screen};
use crate::domain::state::State;
use crate::domain::Role;
use crate::ui::components::{focused_screen_view, screen_view};
use crate::ui::ctx::{today, use_ctx};

/// The case id of `/w4/case/:id[/…]`.
pub fn case_id() -> String {
    let path = crate::ui::nav::use_location().pathname.get_untracked();
    match crate::route::Route::parse(&path) {
        crate::route::Route::CadreSelection(page) => page.case().unwrap_or_default().to_string(),
        _ => String::new(),
    }
}

/// The list of cases and the form to open one: the screen the domain builds
/// (`cadre_selection::screens::case_list`), drawn by the one renderer.
#[component]
pub fn CaseList() -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        c.with_state(|s| case_list(s, role, today(), c.is_zh()))
    })
}

/// One selection case: the domain's screens (`cadre_selection::case_screen`,
/// `case_forms`), drawn by the one renderer. One `Focus` says which form is shown and
/// what it corrects; the choice of form and the record buttons set it.
#[component]
pub fn CasePage() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let focus = crate::ui::components::page_focus();
    let viewer = move || Viewer {
        role: c.user.with(|u| u.as_ref().map_or(Role::Admin, |u| u.role)),
        today: today(),
        zh: c.is_zh(),
    };
    let screen = move |id: &String, build: fn(&State, &Case, Viewer, &Focuses) -> Screen| {
        let id = id.clone();
        move || {
            let who = viewer();
            let now = focus.get();
            c.with_state(|s| match s.cadre_selection.cases.get(&id) {
                Some(case) if case.opened_on.is_some() => build(s, case, who, &now),
                _ => Vec::new(),
            })
        }
    };
    let top_id = id.clone();
    let top = move || c.with_state(|s| case_top(s, &top_id, viewer()));
    let record = screen(&id, record_screen);
    let actions = screen(&id, actions_screen);
    let progress = screen(&id, progress_screen);
    let rest = screen(&id, rest_screen);
    view! {
        {focused_screen_view(c, focus, top)}
        {focused_screen_view(c, focus, record)}
        {focused_screen_view(c, focus, actions)}
        {focused_screen_view(c, focus, progress)}
        {focused_screen_view(c, focus, rest)}
    }
}

/// The step-record card.
fn record_screen(s: &State, case: &Case, who: Viewer, focus: &Focuses) -> Screen {
    record_card(s, case, who, &focus.get(RECORD_AREA))
}

/// Ending the case and settling its endings.
fn actions_screen(_: &State, case: &Case, who: Viewer, _: &Focuses) -> Screen {
    ending_forms(case, has_ended(case), who)
}

/// The steps and the ranking.
fn progress_screen(s: &State, case: &Case, who: Viewer, _: &Focuses) -> Screen {
    case_progress(s, &case.id, who)
}

/// The disclosures and the sign-off.
fn rest_screen(s: &State, case: &Case, who: Viewer, focus: &Focuses) -> Screen {
    vec![
        disclosures_card(s, case, who, &focus.get(DISCLOSURE_AREA)),
        signoff_card(case, who),
    ]
}
