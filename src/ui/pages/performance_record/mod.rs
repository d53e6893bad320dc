//! The 实绩纪实 pages (`domain::performance_record`): the start page by role, one unit's
//! weeks and one cadre's year, each a screen the domain builds, drawn by the one
//! renderer.

use leptos::prelude::*;

use crate::domain::performance_record::screens::{cadre_screen, start_screen, unit_screen, Viewer};
use crate::domain::performance_record::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part and the cadre records, folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation (a seventh does not fit a 360-px
/// screen): the home page's to-do leads a cadre and a unit leader here.
pub const NAV: Option<(&str, &str, Page)> = None;

fn viewer(c: Ctx) -> Viewer {
    let user = c.user.get();
    Viewer {
        role: user.as_ref().map(|u| u.role),
        name: user.map(|u| u.name).unwrap_or_default(),
        today: today(),
        zh: c.is_zh(),
    }
}

/// The page for `page` (in this workflow's chunk, `ui::chunks`).
pub fn page(page: Page) -> AnyView {
    let c = use_ctx();
    match page {
        Page::Start => {
            screen_view(c, move || c.with_state(|s| start_screen(s, &viewer(c)))).into_any()
        }
        Page::Cadre(cadre, year) => screen_view(c, move || {
            c.with_state(|s| cadre_screen(s, &cadre, year, &viewer(c)))
        })
        .into_any(),
        Page::Unit(unit) => screen_view(c, move || {
            c.with_state(|s| unit_screen(s, &unit, &viewer(c)))
        })
        .into_any(),
    }
}
