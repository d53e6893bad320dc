//! The 能上能下 pages (`domain::demotion_chain`): the list and a case, each a screen the
//! domain builds, drawn by the one renderer; a case page turns to a correction.

use leptos::prelude::*;

use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::demotion_chain::screens::{case_screen, list_screen};
use crate::domain::demotion_chain::Page;
use crate::ui::components::{focused_screen_view, page_focus, screen_view};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part, the assessment and the cadre records, folded after the app
/// is drawn.
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
        Page::List => {
            screen_view(c, move || c.with_state(|s| list_screen(s, &viewer(c)))).into_any()
        }
        Page::Case(case) => {
            let focus = page_focus();
            let build = move || {
                let now = focus.get();
                c.with_state(|s| case_screen(s, &case, &viewer(c), &now))
            };
            focused_screen_view(c, focus, build).into_any()
        }
    }
}
