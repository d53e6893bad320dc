//! The printed 公示 notice of one village's quarter, built by the domain
//! (`village_pay::notice`) and drawn by the one renderer.

use leptos::prelude::*;

use super::TyParams;
use crate::domain::village_pay::notice::village_notice;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx};

/// The 公示 notice for the village bulletin board.
#[component]
pub fn NoticePage() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    screen_view(c, move || {
        let Some(period) = p.period() else {
            return Vec::new();
        };
        let (village, year) = (p.village(), p.year());
        c.with_state_so_far(|s, _| village_notice(s, (&village, year, period), today(), c.is_zh()))
    })
}
