//! The 经济责任审计 pages (`domain::audit_grading`): the overview, one unit and one
//! year's plan, each a screen the domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::audit_grading::screens::{overview_screen, plan_screen, unit_screen};
use crate::domain::audit_grading::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read only its own part, folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation (it is full at 360 px): the home page's
/// to-dos and links lead here.
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
        Page::Overview => {
            screen_view(c, move || c.with_state(|s| overview_screen(s, &viewer(c)))).into_any()
        }
        Page::Unit(unit) => screen_view(c, move || {
            c.with_state(|s| unit_screen(s, &unit, &viewer(c)))
        })
        .into_any(),
        Page::Plan(year) => screen_view(c, move || {
            c.with_state(|s| plan_screen(s, year, &viewer(c)))
        })
        .into_any(),
    }
}
