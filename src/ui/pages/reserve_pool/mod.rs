//! The 后备干部 pages (`domain::reserve_pool`): the pools and one person's file, each a
//! screen the domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::reserve_pool::screens::{person_screen, pools_screen};
use crate::domain::reserve_pool::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part, the assessment, the demotion chain and the cadre records,
/// folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation: the assessment's page leads here.
pub const NAV: Option<(&str, &str, Page)> = None;

fn viewer(c: Ctx) -> Viewer {
    Viewer {
        role: c.user.with(|u| u.as_ref().map(|u| u.role)),
        today: today(),
        zh: c.is_zh(),
    }
}

/// The page for `page` (in this workflow's chunk, `ui::chunks`).
pub fn page(page: Page) -> AnyView {
    let c = use_ctx();
    match page {
        Page::Pools => {
            screen_view(c, move || c.with_state(|s| pools_screen(s, &viewer(c)))).into_any()
        }
        Page::Person(cadre) => screen_view(c, move || {
            c.with_state(|s| person_screen(s, &cadre, &viewer(c)))
        })
        .into_any(),
    }
}
