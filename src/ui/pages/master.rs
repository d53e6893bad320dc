//! Master data (基础信息): the screen the domain builds (`domain::master_screen`:
//! townships, villages and heads, conflicts, the forms each role may use), drawn by the
//! one renderer.

use leptos::prelude::*;

use crate::domain::master_screen::master_screen;
use crate::ui::components::screen_view;
use crate::ui::ctx::use_ctx;

/// Townships and their villages, with the forms this user's role may use.
#[component]
pub fn Master() -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        c.with_state(|s| master_screen(s, role, c.is_zh()))
    })
}
