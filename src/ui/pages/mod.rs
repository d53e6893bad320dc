//! One file per page.

pub mod data;
pub mod home;
pub mod indicators;
pub mod master;
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

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Route parameters of the township-year pages.
#[derive(Clone, Copy)]
pub struct TyParams {
    params: Memo<leptos_router::params::ParamsMap>,
}

impl TyParams {
    /// Read the current route's parameters.
    pub fn get() -> Self {
        TyParams {
            params: use_params_map(),
        }
    }
    /// A parameter's value ("" if absent).
    pub fn param(&self, name: &str) -> String {
        self.params.with(|p| p.get(name).unwrap_or_default())
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
    ) -> (String, crate::domain::w1::TownshipYearView) {
        let (tid, year) = (self.tid(), self.year());
        c.with_state(|s| {
            let name = s
                .master
                .townships
                .get(&tid)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let today = crate::ui::ctx::today();
            (name, crate::domain::w1::township_year(s, &tid, year, today))
        })
    }
}
