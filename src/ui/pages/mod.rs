//! One file per page.

pub mod data;
pub mod home;
pub mod indicators;
pub mod master;
pub mod policy;
pub mod results;
pub mod settings;
pub mod setup;
pub mod slot;
pub mod township;
pub mod w4_cadres;
pub mod w4_case;
pub mod w4_common;
pub mod w4_forms;
pub mod w4_print;
pub mod w4_review;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The current path's segments (`/t/abc/2025` → `["t", "abc", "2025"]`), percent-decoded.
pub fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            js_sys::decode_uri_component(s)
                .map(String::from)
                .unwrap_or_else(|_| s.to_string())
        })
        .collect()
}

/// The page for the current path. One hand-written table instead of one `<Route>` per
/// page: leptos_router's typed route tuple cost ~40 KB of wasm for 14 routes.
#[component]
pub fn Dispatch() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| {
        let segs = segments(&location.pathname.get());
        let s: Vec<&str> = segs.iter().map(String::as_str).collect();
        match s.as_slice() {
            ["setup"] => 1,
            ["master"] => 2,
            ["data"] => 3,
            ["settings"] => 4,
            ["t", _, _] => 5,
            ["t", _, _, "indicators"] => 6,
            ["t", _, _, "results"] => 7,
            ["t", _, _, "v", _, _] => 8,
            ["w4"] => 9,
            ["w4", "cadres"] => 10,
            ["w4", "case", _] => 11,
            ["w4", "case", _, "print"] => 12,
            ["w4", "case", _, "notice"] => 13,
            _ => 0,
        }
    });
    // Rebuild when the path changes (a new page, or the same page for other parameters).
    move || {
        location.pathname.track();
        match page.get() {
            1 => view! { <setup::Setup /> }.into_any(),
            2 => view! { <master::Master /> }.into_any(),
            3 => view! { <data::Data /> }.into_any(),
            4 => view! { <settings::Settings /> }.into_any(),
            5 => view! { <township::Township /> }.into_any(),
            6 => view! { <indicators::Indicators /> }.into_any(),
            7 => view! { <results::Results /> }.into_any(),
            8 => view! { <slot::SlotPage /> }.into_any(),
            9 => view! { <w4_case::W4Cases /> }.into_any(),
            10 => view! { <w4_cadres::W4Cadres /> }.into_any(),
            11 => view! { <w4_case::W4Case /> }.into_any(),
            12 => view! { <w4_print::W4Print /> }.into_any(),
            13 => view! { <w4_print::W4Notice /> }.into_any(),
            _ => view! { <home::Home /> }.into_any(),
        }
    }
}

/// Path parameters of the township-year pages: `/t/:tid/:year[/v/:vid/:period]`.
#[derive(Clone, Copy)]
pub struct TyParams {
    path: Memo<Vec<String>>,
}

impl TyParams {
    /// Read the current path.
    pub fn get() -> Self {
        let location = use_location();
        TyParams {
            path: Memo::new(move |_| segments(&location.pathname.get())),
        }
    }

    /// A parameter's value ("" if absent).
    pub fn param(&self, name: &str) -> String {
        let index = match name {
            "tid" => 1,
            "year" => 2,
            "vid" => 4,
            "period" => 5,
            _ => usize::MAX,
        };
        self.path
            .with(|p| p.get(index).cloned().unwrap_or_default())
    }
    /// Township id.
    pub fn tid(&self) -> String {
        self.param("tid")
    }
    /// Year (0 if malformed).
    pub fn year(&self) -> i32 {
        self.param("year").parse().unwrap_or(0)
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
