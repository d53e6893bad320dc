//! One village's period: the screen the domain builds (`village_pay::slot_screen`:
//! score entry, corrections, 公示, 异议, 定稿 and review), drawn by the one renderer.
//! One `Focus` per area says which objection's outcome is chosen and which version
//! fills the review form.

use leptos::prelude::*;

use super::TyParams;
use crate::domain::village_pay::slot_screen::{slot_screen, SlotViewer};
use crate::ui::components::focused_screen_view;
use crate::ui::ctx::{today, use_ctx, Ctx};

/// Who looks: the user's role, name and townships, today, the language.
pub fn viewer(c: Ctx) -> SlotViewer {
    c.user.with(|u| SlotViewer {
        role: u.as_ref().map(|u| u.role),
        name: u.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
        today: today(),
        zh: c.is_zh(),
        townships: c.townships.get(),
        outsider: None,
    })
}

/// The page of one village × period.
#[component]
pub fn SlotPage() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    let focus = crate::ui::components::page_focus();
    focused_screen_view(c, focus, move || {
        let who = viewer(c);
        let Some(period) = p.period() else {
            return Vec::new();
        };
        let (village, year) = (p.village(), p.year());
        let now = focus.get();
        c.with_state_so_far(|s, _| slot_screen(s, (&village, year, period), &who, &now))
    })
}
