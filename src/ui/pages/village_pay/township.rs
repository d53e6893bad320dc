//! A township's year: the board the domain builds (`village_pay::screens::board`),
//! drawn by the one screen renderer.

use leptos::prelude::*;

use super::TyParams;
use crate::domain::village_pay::screens::board;
use crate::ui::components::screen_view;
use crate::ui::ctx::use_ctx;

/// The board of one township's year.
#[component]
pub fn Township() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    // Memo: rebuild only when this township's year actually changed.
    let data = Memo::new(move |_| p.township_year(c));
    screen_view(c, move || {
        let (name, v) = data.get();
        board(&name, &v, c.is_zh())
    })
}
