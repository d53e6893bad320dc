//! The bench workflow's page (`domain::bench_workflow`, only with
//! `--features bench-extra-workflow`): its notes screen, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::bench_workflow::{notes_screen, Page};
use crate::ui::components::screen_view;
use crate::ui::ctx::use_ctx;

/// Its pages read only parts folded first.
pub const WAITS_FOR_WHOLE_LOG: bool = false;

/// Its entry in the bottom navigation.
pub const NAV: Option<(&str, &str, Page)> = Some(("笔记", "Notes", Page::Notes));

/// The page for `page`.
pub fn page(_: Page) -> AnyView {
    let c = use_ctx();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        c.with_state_so_far(|s, _| notes_screen(s, role, c.is_zh()))
    })
    .into_any()
}
