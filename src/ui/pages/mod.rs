//! One file per page.

pub mod cadre_selection;
pub mod data;
pub mod home;
pub mod master;
pub mod policy;
pub mod settings;
pub mod setup;
pub mod village_pay;

use crate::ui::nav::use_location;
use leptos::prelude::*;

use crate::route::Route;

/// The current route, read from the path (reactive).
pub fn use_route() -> Memo<Route> {
    let location = use_location();
    Memo::new(move |_| Route::parse(&location.pathname.get()))
}

/// The page for the current route (`Route::parse` of the path, `ui::nav`).
#[component]
pub fn Dispatch() -> impl IntoView {
    let location = use_location();
    let route = use_route();
    // Rebuild when the path changes (a new page, or the same page for other parameters).
    move || {
        location.pathname.track();
        match route.get() {
            Route::Setup => view! { <setup::Setup /> }.into_any(),
            Route::Master => view! { <master::Master /> }.into_any(),
            Route::Data => view! { <data::Data /> }.into_any(),
            Route::Settings => view! { <settings::Settings /> }.into_any(),
            Route::Township(_) => view! { <village_pay::township::Township /> }.into_any(),
            Route::Indicators(_) => view! { <village_pay::indicators::Indicators /> }.into_any(),
            Route::Results(_) => view! { <village_pay::results::Results /> }.into_any(),
            Route::Slot(..) => view! { <village_pay::slot::SlotPage /> }.into_any(),
            Route::Cases => view! { <cadre_selection::cases::CaseList /> }.into_any(),
            Route::Cadres => view! { <cadre_selection::cadres::CadrePool /> }.into_any(),
            Route::Case(_) => view! { <cadre_selection::cases::CasePage /> }.into_any(),
            Route::CasePrint(_) => view! { <cadre_selection::print::RecordSheet /> }.into_any(),
            Route::CaseNotice(_) => {
                view! { <cadre_selection::print::PublicityNotice /> }.into_any()
            }
            Route::Home | Route::NotFound => view! { <home::Home /> }.into_any(),
        }
    }
}

/// The township and year of the village-pay pages (`Route::township_year`), and the
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
            Route::Slot(_, v, _) => v.clone(),
            _ => String::new(),
        })
    }

    /// The period of a slot page.
    pub fn period(&self) -> Option<crate::domain::village_pay::Period> {
        self.route.with(|r| match r {
            Route::Slot(_, _, p) => Some(*p),
            _ => None,
        })
    }

    /// Township id.
    pub fn tid(&self) -> String {
        self.route
            .with(|r| r.township_year().map(|x| x.township.clone()))
            .unwrap_or_default()
    }
    /// Year (0 if malformed).
    pub fn year(&self) -> i32 {
        self.route
            .with(|r| r.township_year().map(|x| x.year))
            .unwrap_or(0)
    }

    /// The township's name and its year's projection (reactive).
    pub fn township_year(
        &self,
        c: crate::ui::ctx::Ctx,
    ) -> (String, crate::domain::village_pay::TownshipYearView) {
        let (tid, year) = (self.tid(), self.year());
        c.with_state(|s| {
            let name = s
                .master
                .townships
                .get(&tid)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let today = crate::ui::ctx::today();
            (
                name,
                crate::domain::village_pay::township_year(s, &tid, year, today),
            )
        })
    }
}
