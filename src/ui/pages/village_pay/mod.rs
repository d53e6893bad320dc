//! The village-pay (村级绩效考核, W1) pages: a township's year (the board), its
//! indicators, its results, and one village's period.

pub mod indicators;
pub mod notice;
pub mod results;
pub mod slot;
pub mod township;

use leptos::prelude::*;

use super::use_route;
use crate::domain::village_pay::Page;
use crate::route::Route;

/// Its pages read village pay and master data alone (`Ctx::with_state_so_far`): they
/// don't wait for the parts folded later.
pub const WAITS_FOR_WHOLE_LOG: bool = false;

/// No entry in the bottom navigation: each township's year is reached from home.
pub const NAV: Option<(&str, &str, Page)> = None;

/// The page for `page` (in this workflow's chunk, `ui::chunks`).
pub fn page(page: Page) -> AnyView {
    match page {
        Page::Indicators(_) => view! { <indicators::Indicators /> }.into_any(),
        Page::Results(_) => view! { <results::Results /> }.into_any(),
        Page::Slot(..) => view! { <slot::SlotPage /> }.into_any(),
        Page::Notice(..) => view! { <notice::NoticePage /> }.into_any(),
        Page::Township(_) => view! { <township::Township /> }.into_any(),
    }
}

/// The village-pay page of a route.
fn page_of(route: &Route) -> Option<&Page> {
    match route {
        Route::VillagePay(page) => Some(page),
        _ => None,
    }
}

/// The township and year of the village-pay pages (`Page::township_year`), and the
/// village and period of a slot page.
#[derive(Clone, Copy)]
pub struct TyParams {
    route: Memo<Route>,
}

impl TyParams {
    /// Read the current route.
    pub fn get() -> Self {
        TyParams { route: use_route() }
    }

    /// The village of a slot page ("" elsewhere).
    pub fn village(&self) -> String {
        self.route.with(|r| match r {
            Route::VillagePay(Page::Slot(_, v, _) | Page::Notice(_, v, _)) => v.clone(),
            _ => String::new(),
        })
    }

    /// The period of a slot page.
    pub fn period(&self) -> Option<crate::domain::village_pay::Period> {
        self.route.with(|r| match r {
            Route::VillagePay(Page::Slot(_, _, p) | Page::Notice(_, _, p)) => Some(*p),
            _ => None,
        })
    }

    /// Township id.
    pub fn tid(&self) -> String {
        self.route
            .with(|r| {
                page_of(r)
                    .map(|p| p.township_year())
                    .map(|x| x.township.clone())
            })
            .unwrap_or_default()
    }
    /// Year (0 if malformed).
    pub fn year(&self) -> i32 {
        self.route
            .with(|r| page_of(r).map(|p| p.township_year()).map(|x| x.year))
            .unwrap_or(0)
    }

    /// The township's name and its year's projection (reactive).
    pub fn township_year(
        &self,
        c: crate::ui::ctx::Ctx,
    ) -> (String, crate::domain::village_pay::TownshipYearView) {
        let (tid, year) = (self.tid(), self.year());
        c.with_state_so_far(|s, _| {
            let name = s.master.township_label(&tid);
            let today = crate::ui::ctx::today();
            (
                name,
                crate::domain::village_pay::township_year(s, &tid, year, today),
            )
        })
    }
}
