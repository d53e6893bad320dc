//! The parts of the app loaded on demand: one wasm chunk per area.
//!
//! Each `#[lazy]` function here is a split point. `scripts/build.sh` (wasm-split-cli)
//! moves it, and all code that only it reaches, into a wasm file of its own, fetched the
//! first time it is called; calling it returns a future. The first screen (home, setup,
//! the shell) ships without any of them. The service worker precaches every chunk after
//! the first screen is up, so every area works offline after one online visit.
//!
//! Architecture invariant: a workflow's pages are reached only through its function here
//! (`pages::Dispatch`), so a new workflow adds a chunk, not first-load bytes. What stays
//! in the first load is what home needs: the store, the fold (`State::evolve`, every
//! event's deserializer) and `decide`, which every screen's form reaches through
//! `Ctx::record`.
//!
//! The functions are `extern "C"` underneath (wasm-split links them through an import);
//! their Rust arguments are passed by pointer between two halves of the same build, so
//! the C-ABI lint does not apply.
#![allow(improper_ctypes_definitions)]

use leptos::lazy;
use leptos::prelude::*;

use super::ctx::Ctx;
use super::pages::{cadre_selection, data, master, settings, village_pay};
use super::sync_driver::{ServerConfig, SyncCtx};
use crate::route::Route;

/// 村级绩效考核 (W1): a township's year, its indicators, results and one village's period.
#[lazy]
pub fn village_pay_page(route: Route) -> AnyView {
    match route {
        Route::Indicators(_) => view! { <village_pay::indicators::Indicators /> }.into_any(),
        Route::Results(_) => view! { <village_pay::results::Results /> }.into_any(),
        Route::Slot(..) => view! { <village_pay::slot::SlotPage /> }.into_any(),
        _ => view! { <village_pay::township::Township /> }.into_any(),
    }
}

/// 干部选任纪实 (W4/W4b): cases, the cadre pool, one case and its two printouts.
#[lazy]
pub fn cadre_selection_page(route: Route) -> AnyView {
    match route {
        Route::Cadres => view! { <cadre_selection::cadres::CadrePool /> }.into_any(),
        Route::Case(_) => view! { <cadre_selection::cases::CasePage /> }.into_any(),
        Route::CasePrint(_) => view! { <cadre_selection::print::RecordSheet /> }.into_any(),
        Route::CaseNotice(_) => view! { <cadre_selection::print::PublicityNotice /> }.into_any(),
        _ => view! { <cadre_selection::cases::CaseList /> }.into_any(),
    }
}

/// 基础信息: townships, villages and their heads.
#[lazy]
pub fn master_page() -> AnyView {
    view! { <master::Master /> }.into_any()
}

/// The device's own pages: backup and policy (数据备份), the server and sync (同步).
#[lazy]
pub fn device_page(route: Route) -> AnyView {
    match route {
        Route::Settings => view! { <settings::Settings /> }.into_any(),
        _ => view! { <data::Data /> }.into_any(),
    }
}

/// One sync pass with the server (the replicator and the CouchDB client).
#[lazy]
pub async fn sync_pass(sync: SyncCtx, c: Ctx, cfg: ServerConfig) {
    sync.run(c, cfg).await;
}
