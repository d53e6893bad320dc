//! The first screen of a large log: the home page as last drawn (`domain::home::HomeCopy`),
//! shown at once while the log is still being read and folded (a county's 50,000
//! records take seconds on a cheap phone), then replaced by the app itself.
//!
//! Architecture invariant: a copy is shown only for exactly what it was drawn from —
//! this build, the log's stamp (`store::LOG_STAMP`, changed before every write that adds
//! records, by any tab), the user, the language and the day — so it never hides a
//! record the log holds; and it only shows: its links lead to pages that wait for the
//! log, nothing on it records anything. The app drawn from the log replaces it.

use leptos::prelude::*;

use crate::domain::home::HomeCopy;
use crate::domain::screen::{Block, Screen};
use crate::store::local::LocalStore;
use crate::store::{EventStore, LOG_STAMP};
use crate::ui::components::{blocks_view, screen_view};
use crate::ui::ctx::{today, Boot, Ctx};

/// The meta key the copy is kept under.
const COPY: &str = "home_copy";

/// This build: set by `scripts/build.sh` from the sources, so a copy drawn by other code
/// is never shown.
const BUILD: &str = match option_env!("JISHI_BUILD") {
    Some(build) => build,
    None => env!("CARGO_PKG_VERSION"),
};

/// What a copy must have been drawn for to be shown now.
fn key(stamp: &str, user: &str, lang: &str) -> String {
    format!("{BUILD}|{stamp}|{user}|{lang}|{}", today())
}

/// The key for now, read from the store's meta values.
fn key_now(store: &dyn EventStore) -> String {
    let meta = |k| store.get_meta(k).unwrap_or_default();
    key(&meta(LOG_STAMP), &meta("user"), &meta("lang"))
}

/// Keep what the home page drew for this year as the next start's first screen, if the
/// log is still the one this tab folded (no other tab added records since).
pub fn keep(c: Ctx, townships: &[Block], todos: &Screen) {
    let copy = c.ledger_untracked(|l| {
        let stamp = l.store().get_meta(LOG_STAMP).unwrap_or_default();
        (stamp == l.stamp()).then(|| key_now(l.store().as_ref()))
    });
    let Some(copy) = copy.and_then(|key| HomeCopy::of(key, townships, todos)) else {
        return;
    };
    let kept = c.ledger_untracked(|l| l.store().get_meta(COPY));
    let Ok(text) = serde_json::to_string(&copy) else {
        return;
    };
    if kept.as_deref() != Some(text.as_str()) {
        // A full localStorage keeps the old copy, whose key no longer matches.
        let _ = c.ledger_mut(|l| l.store_mut().set_meta(COPY, &text));
    }
}

/// The copy to show now, if one was kept for exactly what is stored now.
fn kept_copy() -> Option<(HomeCopy, bool)> {
    let local = LocalStore::open().ok()?;
    let copy: HomeCopy = serde_json::from_str(&local.get_meta(COPY)?).ok()?;
    let zh = local.get_meta("lang").as_deref() != Some("en");
    (copy.key == key_now(&local)).then_some((copy, zh))
}

/// Show the kept copy of the home page, if there is one for now: the returned handle
/// takes it away when dropped.
pub fn show() -> Option<impl Sized> {
    let (copy, zh) = kept_copy()?;
    let body = web_sys::window()?.document()?.body()?;
    let handle = leptos::mount::mount_to(body, move || view! { <FirstScreen copy zh /> });
    crate::timing::mark(crate::timing::FIRST_SCREEN);
    Some(handle)
}

/// The home page from its copy, in the app's frame; any other page says the log is
/// still opening.
#[component]
fn FirstScreen(
    /// The kept copy.
    copy: HomeCopy,
    /// Chinese (or English).
    zh: bool,
) -> impl IntoView {
    let c = Ctx::init(Boot::empty(zh));
    let location = crate::ui::nav::use_location();
    let (townships, todos) = copy.blocks();
    let focus = crate::ui::components::page_focus();
    let page = move || {
        match location.pathname.with(|p| p == "/") {
        true => home(c, focus, townships.clone(), todos.clone()).into_any(),
        false => view! {
            <p class="opening" role="status">{c.t("正在打开本机记录…", "Opening this phone's records…")}</p>
        }
        .into_any(),
    }
    };
    view! {
        <header class="top">
            <crate::ui::nav::A href="/".to_string() attr:class="brand">{c.t("纪实", "Jishi")}</crate::ui::nav::A>
        </header>
        <main>{page}</main>
        {crate::ui::bottom_nav(c)}
    }
}

/// The home page as the app draws it (`pages::home`), its year not to be changed yet.
fn home(
    c: Ctx,
    focus: RwSignal<crate::domain::screen::Focuses>,
    townships: Vec<Block>,
    todos: Screen,
) -> impl IntoView {
    let year = chrono::Datelike::year(&today()).to_string();
    view! {
        <section class="card">
            <h1>{c.t("村干部绩效考评", "Village performance pay")}</h1>
            <label class="field inline">
                <span>{c.t("年度", "Year")}</span>
                <input type="number" inputmode="numeric" name="year" value=year disabled />
            </label>
            {blocks_view(c, focus, townships)}
        </section>
        {screen_view(c, move || todos.clone())}
    }
}
