//! The 轮岗、借用 pages (`domain::rotation`): the county list and one cadre's rotations,
//! each a screen the domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::rotation::screens::{cadre_screen, list_screen};
use crate::domain::rotation::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part and the cadre records, folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation (it is full): the home to-dos and the
/// assessment's page lead here.
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
        Page::List => {
            screen_view(c, move || c.with_state(|s| list_screen(s, &viewer(c)))).into_any()
        }
        Page::Cadre(cadre) => screen_view(c, move || {
            c.with_state(|s| cadre_screen(s, &cadre, &viewer(c)))
        })
        .into_any(),
    }
}
