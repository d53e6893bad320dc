//! The township's indicator set for a year: the screen the domain builds
//! (`village_pay::indicators_screen`: the published version, concurrent versions to
//! settle, the form publishing one), drawn by the one renderer.

use leptos::prelude::*;

use super::TyParams;
use crate::domain::village_pay::indicators_screen::indicators_screen;
use crate::ui::components::screen_view;
use crate::ui::ctx::use_ctx;

/// Indicators of a township's year.
#[component]
pub fn Indicators() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    screen_view(c, move || {
        let who = super::slot::viewer(c);
        let here = (p.tid(), p.year());
        c.with_state_so_far(|s, _| indicators_screen(s, (&here.0, here.1), &who))
    })
}
