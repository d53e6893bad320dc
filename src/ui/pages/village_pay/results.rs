//! Results of a township's year: the screen the domain builds
//! (`village_pay::screens::results`), drawn by the one screen renderer.

use leptos::prelude::*;

use super::TyParams;
use crate::domain::village_pay::screens::results;
use crate::ui::components::screen_view;
use crate::ui::ctx::use_ctx;

/// The results page.
#[component]
pub fn Results() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    // Memo: rebuild only when this township's year actually changed.
    let data = Memo::new(move |_| p.township_year(c));
    screen_view(c, move || {
        let (name, v) = data.get();
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        results(&name, &v, role, c.is_zh())
    })
}
