//! The 选聘 pages (`domain::career_pay`): a year's round, a township's part of it, a
//! certificate, and a year's holders (renewals and ends), each a screen the domain builds, drawn by the one renderer.

use leptos::prelude::*;

use crate::domain::career_pay::notice::eligible_notice;
use crate::domain::career_pay::renewal_screen::holders_screen;
use crate::domain::career_pay::result_notice::result_notice;
use crate::domain::career_pay::screens::{
    certificate_screen, round_screen, township_screen, Viewer,
};
use crate::domain::career_pay::Page;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Its pages read its part, which is folded after the app is drawn.
pub const WAITS_FOR_WHOLE_LOG: bool = true;

/// No entry of its own in the bottom navigation: the village heads' page leads here.
pub const NAV: Option<(&str, &str, Page)> = None;

fn viewer(c: Ctx) -> Viewer {
    Viewer {
        role: c.user.with(|u| u.as_ref().map(|u| u.role)),
        townships: c.townships.get(),
        today: today(),
        zh: c.is_zh(),
    }
}

/// The page for `page` (in this workflow's chunk, `ui::chunks`).
pub fn page(page: Page) -> AnyView {
    let c = use_ctx();
    match page {
        Page::Round(year) => screen_view(c, move || {
            c.with_state(|s| round_screen(s, year, &viewer(c)))
        })
        .into_any(),
        Page::Township(year, township) => screen_view(c, move || {
            c.with_state(|s| township_screen(s, year, &township, &viewer(c)))
        })
        .into_any(),
        Page::Certificate(application) => screen_view(c, move || {
            c.with_state(|s| certificate_screen(s, &application, &viewer(c)))
        })
        .into_any(),
        Page::Holders(year) => screen_view(c, move || {
            c.with_state(|s| holders_screen(s, year, &viewer(c)))
        })
        .into_any(),
        Page::Notice(year, township) => screen_view(c, move || {
            c.with_state(|s| eligible_notice(s, year, &township, c.is_zh()))
        })
        .into_any(),
        Page::ResultNotice(year) => screen_view(c, move || {
            c.with_state(|s| result_notice(s, year, c.is_zh()))
        })
        .into_any(),
    }
}
