//! The parts of the app loaded on demand: one wasm chunk per area.
//!
//! Each function here is a split point (`wasm_split`). `scripts/build.sh`
//! (wasm-split-cli) moves it, and all code that only it reaches, into a wasm file of its
//! own, fetched the first time it is called; calling it returns a future. The first load
//! (the shell, the store, the setup form) ships without any of them. The service worker
//! precaches every chunk after the first screen is up, so every area works offline after
//! one online visit.
//!
//! A chunk that can't be fetched (no network before the worker has it, a build replaced on
//! the server under an open tab, no response within 5 minutes: `scripts/build.sh`) is an
//! [`Unloaded`] error, never a panic: the page says so
//! with a button to try again (`pages::on_demand`), the sync pass fails like a lost
//! connection and is retried.
//!
//! Architecture invariant: a workflow's pages are reached only through its function here
//! (`pages::Dispatch`), so a new workflow adds a chunk, not first-load bytes. What stays
//! in the first load is the shell: the store's reading and writing of raw records, the
//! state's types, the status bar and the setup form. What every phone needs as it starts
//! is the start chunk ([`start_parts`]), fetched at once: the home page and its kept copy
//! (with the one renderer of screens), `decide` and the workflows' rules
//! (`ui::recording`), and decoding and folding a log that holds records (every event's
//! deserializer, every workflow's `evolve`), which a new phone's empty log never waits
//! for.
//!
//! The functions are `extern "C"` underneath (wasm-split links them through an import);
//! their Rust arguments are passed by pointer between two halves of the same build, so
//! the C-ABI lint does not apply.
#![allow(improper_ctypes_definitions)]

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::ctx::Ctx;
use super::pages::{data, master, settings};
use super::sync_driver::{ServerConfig, SyncCtx};
use crate::route::Route;
use crate::store::browser::{Checks, Opened, RecordCheck, Unread};

/// A split point: with the `split` feature (scripts/build.sh) a `wasm_split` function,
/// its body in a chunk; without it (tests, `cargo check`) a plain `async fn` with the same
/// body, so no build but the release one has imports only wasm-split can link.
macro_rules! split_point {
    ($(#[doc = $doc:expr])* pub fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> $ret $body

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> $ret $body
    };
}

/// A chunk could not be fetched or started.
#[derive(Clone, Copy, Debug)]
pub struct Unloaded;

impl From<SplitLoaderError> for Unloaded {
    fn from(_: SplitLoaderError) -> Self {
        Unloaded
    }
}

/// A page from a chunk, or why it is not there.
pub type Loaded = Result<AnyView, Unloaded>;

/// A split point for each workflow's pages (`for_each_workflow!`): `<folder>_page`, its
/// chunk `split_<folder>_page.wasm`.
macro_rules! page_chunks {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        paste::paste! {
            $(split_point! {
                $(#[doc = $doc])*
                pub fn [<$module _page>](page: crate::domain::$module::Page) -> Loaded {
                    Ok(super::pages::$module::page(page))
                }
            })+
        }
    };
}

crate::for_each_workflow!(page_chunks);

/// The home page and its kept copy (`ui::first_screen`): with them comes the one
/// renderer of screens, which no other part of the first load needs (a new phone's
/// first screen is the setup form).
#[derive(Clone, Copy)]
pub struct HomeParts {
    /// The home page.
    pub page: fn() -> AnyView,
    /// Draw the kept copy of the home page (in Chinese or not), appended to the page's
    /// body; dropping what it returns takes it away.
    pub first_screen: fn(crate::domain::home::HomeCopy, bool) -> Box<dyn std::any::Any>,
    /// Keep this year's home page for the next start, unless the copy kept is of it.
    pub keep_current: fn(Ctx),
}

thread_local! {
    static HOME: std::cell::Cell<Option<HomeParts>> = const { std::cell::Cell::new(None) };
}

/// The home page's chunk, if it is here (it is fetched at start).
pub fn home_if_loaded() -> Option<HomeParts> {
    HOME.with(std::cell::Cell::get)
}

/// The home page's chunk, fetched if it is not here yet.
pub async fn home_parts() -> Result<HomeParts, Unloaded> {
    match home_if_loaded() {
        Some(parts) => Ok(parts),
        None => started().await.map(|parts| parts.home),
    }
}

/// The start chunk, fetched if it is not here yet; once here, its home page is known to
/// [`home_if_loaded`], whichever part asked for it first (the recorder, the to-dos).
async fn started() -> Result<StartParts, Unloaded> {
    let parts = start_parts().await?;
    HOME.with(|h| h.set(Some(parts.home)));
    Ok(parts)
}

split_point! {
    /// 基础信息: townships, villages and their heads.
    pub fn master_page() -> Loaded {
        Ok(view! { <master::Master /> }.into_any())
    }
}

split_point! {
    /// The device's own pages: backup and policy (数据备份), the server and sync (同步).
    pub fn device_page(route: Route) -> Loaded {
        Ok(match route {
            Route::Settings => view! { <settings::Settings /> }.into_any(),
            _ => view! { <data::Data /> }.into_any(),
        })
    }
}

split_point! {
    /// 全县概览: the county overview and what was submitted upward.
    pub fn county_overview_page(page: crate::domain::county_overview::Page) -> Loaded {
        Ok(super::pages::county_overview::page(page))
    }
}

/// [`Ledger::record`](crate::store::Ledger::record), reached only from here.
fn record(
    ledger: &mut crate::store::Ledger<super::ctx::AnyStore>,
    cmd: crate::domain::command::Command,
    actor: &crate::domain::state::Actor,
    now_ms: i64,
    random: &mut dyn FnMut() -> u64,
) -> Result<Vec<crate::domain::event::Event>, crate::store::RecordError> {
    ledger.record(cmd, actor, now_ms, random)
}

/// Opens a log that holds records: indexes and folds them a part each turn of the
/// browser (`Opening::step`), then gives the open ledger.
pub type Folder =
    fn(crate::store::Opening<super::ctx::AnyStore>) -> Pin<Box<dyn Future<Output = Ledger>>>;

/// Decodes a log read from the phone's store, a part each turn of the browser.
pub type Decoder = fn(Unread, Checks) -> Pin<Box<dyn Future<Output = Opened>>>;

/// What the start chunk gives to open a log: decoding records and folding them.
#[derive(Clone, Copy)]
pub struct Folding {
    /// Decode the log that was read ([`Unread::decode`]).
    pub decode: Decoder,
    /// Fold the decoded log into the open ledger.
    pub fold: Folder,
    /// Tell a sound record from damage (the store's repairs and packing).
    pub check: RecordCheck,
    /// Every workflow's to-dos (`workflows::todos`), for the home page.
    pub todos: WorkflowTodos,
}

/// What each workflow asks of its users on a day (`domain::workflows::todos`).
pub type WorkflowTodos =
    fn(&crate::domain::state::State, chrono::NaiveDate, bool) -> Vec<crate::domain::screen::Todo>;

/// The ledger the app works on.
type Ledger = crate::store::Ledger<super::ctx::AnyStore>;

/// What a phone needs once the app starts, in one chunk (fewer, larger modules start
/// faster than many small ones: the log opened at 10,000 records, CPU 4×, in 0.87 s
/// against 1.05 s as three chunks): the home page and its kept copy, recording, and
/// decoding and folding a log.
#[derive(Clone, Copy)]
pub struct StartParts {
    /// Recording a command (`ui::recording`): `decide` and every workflow's rules.
    pub recorder: super::recording::Recorder,
    /// Decoding and folding a log that holds records.
    pub folding: Folding,
    /// The home page and its kept copy.
    pub home: HomeParts,
}

split_point! {
    /// The start chunk: fetched as the app starts (`first_screen::show`), before the
    /// log is read when the home page's copy is shown first.
    pub fn start_parts() -> Result<StartParts, Unloaded> {
        Ok(StartParts {
            recorder: record as super::recording::Recorder,
            folding: Folding {
                decode: decode as Decoder,
                fold: fold as Folder,
                check: RecordCheck::decoding(),
                todos: crate::domain::workflows::todos as WorkflowTodos,
            },
            home: HomeParts {
                page: || view! { <super::pages::home::Home /> }.into_any(),
                first_screen: super::first_screen::mount,
                keep_current: super::first_screen::keep_current,
            },
        })
    }
}

/// The recorder, from the start chunk.
pub async fn recorder() -> Result<super::recording::Recorder, Unloaded> {
    started().await.map(|parts| parts.recorder)
}

/// Decoding and folding, from the start chunk.
pub async fn folder() -> Result<Folding, Unloaded> {
    started().await.map(|parts| parts.folding)
}

/// How many events are indexed or folded a turn while the ledger opens: about 40 ms
/// with the CPU 4× slower.
const OPEN_TURN: usize = 3_000;

/// [`Decoder`], reached only from [`start_parts`].
fn decode(unread: Unread, checks: Checks) -> Pin<Box<dyn Future<Output = Opened>>> {
    Box::pin(unread.decode(checks))
}

/// [`Folder`]: the log folded a part each turn, reached only from [`start_parts`].
fn fold(
    mut opening: crate::store::Opening<super::ctx::AnyStore>,
) -> Pin<Box<dyn Future<Output = Ledger>>> {
    Box::pin(async move {
        while !opening.step(OPEN_TURN) {
            crate::timing::next_tick().await;
        }
        opening.finish()
    })
}

/// A sync pass to run (its code is in the chunk).
pub type Pass = Pin<Box<dyn Future<Output = ()>>>;

split_point! {
    /// One sync pass with the server (the replicator and the CouchDB client).
    pub fn sync_pass(sync: SyncCtx, c: Ctx, cfg: ServerConfig) -> Result<Pass, Unloaded> {
        Ok(Box::pin(sync.run(c, cfg)))
    }
}
