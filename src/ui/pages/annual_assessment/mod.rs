//! The 年度考核 pages (`domain::annual_assessment`): a year and a unit's year, each a
//! screen the domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::annual_assessment::results::current_year;
use crate::domain::annual_assessment::screens::{unit_screen, year_screen, Viewer};
use crate::domain::annual_assessment::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part and the cadre records, folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// Its entry in the bottom navigation: this year's assessment.
pub const NAV: Option<(&str, &str, Page)> = Some(("年度考核", "Assessment", Page::Current));

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
        Page::Current => screen_view(c, move || {
            c.with_state(|s| year_screen(s, current_year(s, today()), &viewer(c)))
        })
        .into_any(),
        Page::Year(year) => screen_view(c, move || {
            c.with_state(|s| year_screen(s, year, &viewer(c)))
        })
        .into_any(),
        Page::Unit(year, unit) => screen_view(c, move || {
            c.with_state(|s| unit_screen(s, year, &unit, &viewer(c)))
        })
        .into_any(),
    }
}
