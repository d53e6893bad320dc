//! The first screen of a large log: the home page as last drawn (`domain::home::HomeCopy`),
//! shown while the log is still being read and folded (a county's 50,000 records take
//! seconds on a cheap phone), as soon as the start chunk that draws it is here (about
//! 0.15 s after the start from the phone's cache, CPU 4× slower), then replaced by the
//! app itself.
//!
//! Architecture invariant: a copy is shown only for exactly what it was drawn from —
//! this build, the log's stamp (`store::LOG_STAMP`: pending from before a write that
//! adds records until it is stored, in any tab; read before the log is), the user, the
//! language and the day — and is kept only by a tab that holds that whole log, so it
//! hides no record this build wrote (ARCHITECTURE.md names the one race it can't see;
//! a record written by an older build's tab, or an edit behind the app's back, shows
//! once the log is open). And it only shows: its links lead to pages that wait for the
//! log; nothing on it records anything.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::home::{todo_screen_of, township_links, HomeCopy};
use crate::domain::screen::{Block, Screen};
use crate::store::local::LocalStore;
use crate::store::{names_a_log, EventStore, LOG_STAMP};
use crate::ui::chunks::HomeParts;
use crate::ui::components::{blocks_view, screen_view};
use crate::ui::ctx::{today, BackupStatus, Boot, Ctx, User};

/// The meta key the copy is kept under.
const COPY: &str = "home_copy";

/// This build: set by `scripts/build.sh` from the sources, so a copy drawn by other code
/// is never shown.
const BUILD: &str = match option_env!("JISHI_BUILD") {
    Some(build) => build,
    None => env!("CARGO_PKG_VERSION"),
};

/// What a copy must have been drawn for to be shown: the log's stamp, the user and
/// the language (and this build and today).
fn key(stamp: &str, user: Option<&User>, zh: bool) -> String {
    let user = user.map(User::to_meta).unwrap_or_default();
    let lang = if zh { "zh" } else { "en" };
    format!("{BUILD}|{stamp}|{user}|{lang}|{}", today())
}

/// The key of what a start now would show, from what the store holds.
fn key_stored(store: &dyn EventStore) -> String {
    let user = store.get_meta("user").and_then(|u| User::from_meta(&u));
    let zh = store.get_meta("lang").as_deref() != Some("en");
    key(
        &store.get_meta(LOG_STAMP).unwrap_or_default(),
        user.as_ref(),
        zh,
    )
}

/// The key of what this tab draws: its own user and language (another tab may have
/// switched the stored ones), with the log's stamp if this tab holds that log.
fn key_drawn(c: Ctx) -> Option<String> {
    let stamp = c.ledger_untracked(|l| {
        let stored = l.store().get_meta(LOG_STAMP).unwrap_or_default();
        (stored == l.stamp() && names_a_log(&stored)).then_some(stored)
    })?;
    let user = c.user.try_get_untracked().flatten();
    Some(key(&stamp, user.as_ref(), c.is_zh()))
}

/// Keep what the home page drew for this year as the next start's first screen, if the
/// log is still the one this tab folded (no other tab added records since), the whole
/// of it was read and folded (`Ctx::log_whole`) and no import is half-way.
pub fn keep(c: Ctx, townships: &[Block], todos: &Screen) {
    let busy = c.backup.with_untracked(BackupStatus::busy);
    if !c.holds_whole_log() || !c.log_whole() || busy {
        return;
    }
    let Some(copy) = key_drawn(c).and_then(|key| HomeCopy::of(key, townships, todos)) else {
        return;
    };
    let kept = c.meta(COPY);
    let Ok(text) = serde_json::to_string(&copy) else {
        return;
    };
    if kept.as_deref() != Some(text.as_str()) {
        // A full localStorage keeps the old copy, whose key no longer matches.
        let _ = c.ledger_mut(|l| l.store_mut().set_meta(COPY, &text));
    }
}

/// Keep this year's home page whenever the app is hidden (another app opened, the
/// phone locked, the tab closed) and the copy kept is not of the log held now: a
/// session spent on other pages, or ended right after recording, still leaves one.
pub fn keep_when_hidden(c: Ctx) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let hidden = Closure::<dyn Fn()>::new(move || {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if hidden {
            keep_if_loaded(c);
        }
    });
    if let Some(d) = w.document() {
        let _ =
            d.add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    }
    hidden.forget();
    let leaving = Closure::<dyn Fn()>::new(move || keep_if_loaded(c));
    let _ = w.add_event_listener_with_callback("pagehide", leaving.as_ref().unchecked_ref());
    leaving.forget();
}

/// Keep this year's home page (`keep_current`, in the home page's chunk, which is
/// fetched at start: a tab hidden before it came keeps nothing new).
fn keep_if_loaded(c: Ctx) {
    if let Some(home) = crate::ui::chunks::home_if_loaded() {
        (home.keep_current)(c);
    }
}

/// Draw this year's home page for the user and keep it, unless the copy kept is of it.
pub fn keep_current(c: Ctx) {
    let Some(user) = c.user.try_get_untracked().flatten() else {
        return;
    };
    // While the parts folded later fold, no copy is kept (`keep`): nor folded here,
    // in a handler the browser may cut short as the page is hidden.
    if !c.log_whole() {
        return;
    }
    let kept = c.meta(COPY);
    let kept = kept.and_then(|k| HomeCopy::read(&k));
    if kept.is_some_and(|k| Some(k.key) == key_drawn(c)) {
        return;
    }
    let (today, zh) = (today(), c.is_zh());
    let year = chrono::Datelike::year(&today);
    let admin = user.role == crate::domain::Role::Admin;
    let (townships, todos) = c.with_state_untracked(|s| {
        (
            township_links(s, year, admin, zh),
            todo_screen_of(s, (today, zh, Some(user.role)), c.workflow_todos(), true),
        )
    });
    keep(c, &townships, &todos);
}

/// The copy to show now, if one was kept for exactly what is stored now.
fn kept_copy() -> Option<(HomeCopy, bool)> {
    let local = LocalStore::open().ok()?;
    let copy = HomeCopy::read(&local.get_meta(COPY)?)?;
    let zh = local.get_meta("lang").as_deref() != Some("en");
    let settled = names_a_log(&local.get_meta(LOG_STAMP).unwrap_or_default());
    (settled && copy.key == key_stored(&local)).then_some((copy, zh))
}

/// The kept copy on the screen, once the start chunk is here (`ui::chunks::start_parts`,
/// fetched at start in any case: the app's home page is drawn from it too). Dropped
/// when the log is open: the copy goes, or is never shown if the chunk came too late.
pub struct Shown(Rc<RefCell<Showing>>);

/// Where the first screen is.
enum Showing {
    /// Waiting for the start chunk.
    Waiting,
    /// On the screen: dropping the handle takes it away.
    Drawn(#[allow(dead_code)] Box<dyn Any>),
    /// The log is open: never to be shown.
    Gone,
}

/// How long the start waits for the start chunk before reading the log, when there is
/// a copy to show (from the phone's cache it takes about 0.15 s with the CPU 4× slower).
/// Later, the copy is shown when the chunk comes if the log is not open by then.
const WAIT_MS: i32 = 3_000;

/// Show the kept copy of the home page, if there is one for now, once the start chunk
/// is here: waited for up to [`WAIT_MS`] before the log is read (reading it meanwhile
/// would hold the chunk's instantiation back behind the log's), then in the background.
/// The chunk is fetched either way.
pub async fn show() -> Shown {
    let showing = Shown(Rc::new(RefCell::new(Showing::Waiting)));
    let Some((copy, zh)) = kept_copy() else {
        wasm_bindgen_futures::spawn_local(async {
            let _ = crate::ui::chunks::home_parts().await;
        });
        return showing;
    };
    let chunk = crate::ui::chunks::home_parts();
    match crate::ui::ctx::within(WAIT_MS, chunk).await {
        Some(Ok(home)) => draw(&showing.0, home, copy, zh),
        Some(Err(_)) => {}
        None => {
            let waiting = showing.0.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(home) = crate::ui::chunks::home_parts().await {
                    draw(&waiting, home, copy, zh);
                }
            });
        }
    }
    showing
}

/// Draw the copy, unless the log is open already, or what is stored changed while the
/// chunk came (another tab wrote, or switched the user or the language): the copy must
/// still be the one kept for it.
fn draw(showing: &RefCell<Showing>, home: HomeParts, copy: HomeCopy, zh: bool) {
    let still_kept = kept_copy().is_some_and(|(now, now_zh)| now.key == copy.key && now_zh == zh);
    if still_kept && matches!(*showing.borrow(), Showing::Waiting) {
        let drawn = (home.first_screen)(copy, zh);
        crate::ui::remove_opening_line();
        *showing.borrow_mut() = Showing::Drawn(drawn);
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        // Replaced first, dropped after: taking the copy away runs no code of ours.
        let drawn = self.0.replace(Showing::Gone);
        drop(drawn);
    }
}

/// Draw the kept copy (in the start chunk): the returned handle takes it away
/// when dropped.
pub fn mount(copy: HomeCopy, zh: bool) -> Box<dyn Any> {
    let handle = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map(|body| leptos::mount::mount_to(body, move || view! { <FirstScreen copy zh /> }));
    crate::timing::mark(crate::timing::FIRST_SCREEN);
    Box::new(handle)
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
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", if zh { "zh-CN" } else { "en" });
    }
    let location = crate::ui::nav::use_location();
    let (townships, todos) = copy.blocks();
    let focus = crate::ui::components::page_focus();
    let at_home = move || {
        location
            .pathname
            .with(|p| crate::route::Route::parse(p) == crate::route::Route::Home)
    };
    let page = move || match at_home() {
        true => home(c, focus, townships.clone(), todos.clone()).into_any(),
        false => opening(c).into_any(),
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
    let year_input =
        view! { <input type="number" inputmode="numeric" name="year" value=year disabled /> };
    let todos = screen_view(c, move || todos.clone());
    crate::ui::pages::home::home_view(c, year_input, blocks_view(c, focus, townships), todos)
}

/// Any other page while the log opens.
fn opening(c: Ctx) -> impl IntoView {
    view! {
        <p class="opening" role="status">{c.t("正在打开本机记录…", "Opening this phone's records…")}</p>
    }
}
