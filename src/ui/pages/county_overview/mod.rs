//! The county overview's pages (`domain::county_overview`): the overview and the list
//! of what was submitted upward, each a screen the domain builds, drawn by the one
//! renderer.

use leptos::prelude::*;

use crate::domain::county_overview::screens::{overview_screen, submitted_screen};
use crate::domain::county_overview::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx};

/// The page for `page` (in its own chunk, `ui::chunks::county_overview_page`).
pub fn page(page: Page) -> AnyView {
    let c = use_ctx();
    let role = move || c.user.with(|u| u.as_ref().map(|u| u.role));
    match page {
        Page::Overview => screen_view(c, move || {
            let townships = c.townships.get();
            c.with_state(|s| overview_screen(s, (role(), &townships), today(), c.is_zh()))
        })
        .into_any(),
        Page::Submitted => screen_view(c, move || {
            c.with_state(|s| submitted_screen(s, role(), c.is_zh()))
        })
        .into_any(),
    }
}
