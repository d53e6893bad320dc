//! The village heads' pages (村两委正职 and 退后关爱, `domain::village_heads`): everyone
//! who has held a post, one person's tenures, and a year's care list, each a screen the
//! domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::village_heads::pay_screen::pay_screen;
use crate::domain::village_heads::screens::{care_screen, people_screen, person_screen, Viewer};
use crate::domain::village_heads::Page;
use crate::ui::components::{focused_screen_view, screen_view};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part, which is folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation: the villages page leads here.
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
        Page::People => {
            screen_view(c, move || c.with_state(|s| people_screen(s, viewer(c)))).into_any()
        }
        Page::Person(person) => {
            let focus = crate::ui::components::page_focus();
            focused_screen_view(c, focus, move || {
                let now = focus.get();
                c.with_state(|s| person_screen(s, &person, viewer(c), &now))
            })
            .into_any()
        }
        Page::Care(year) => {
            screen_view(c, move || c.with_state(|s| care_screen(s, year, viewer(c)))).into_any()
        }
        Page::PaySheet(year) => {
            screen_view(c, move || c.with_state(|s| pay_screen(s, year, viewer(c)))).into_any()
        }
    }
}
