//! The Leptos user interface: thin pages over the domain projections.
//!
//! Architecture invariant: no rule lives here. Pages parse nothing the domain
//! could refuse on its own; they send commands and show `RuleViolation` messages.

pub mod chunks;
pub mod components;
pub mod crash;
pub mod ctx;
pub mod first_screen;
pub mod nav;
pub mod pages;
pub mod recording;
pub mod sync_driver;

use crate::route::Route;
use leptos::prelude::*;
use nav::A;

use components::StatusBar;
use ctx::Ctx;

/// Root component: context, status bar, routes, bottom navigation.
#[component]
pub fn App(
    /// The phone's store, opened and loaded.
    boot: ctx::Boot,
) -> impl IntoView {
    let c = Ctx::init(boot);
    let has_user = Memo::new(move |_| c.user.with(Option::is_some));
    sync_driver::start(c);
    watch_connectivity(c);
    first_screen::keep_when_hidden(c);
    leptos::task::spawn_local(async {
        crate::store::local::request_persistence().await;
    });
    Effect::new(move |_| {
        let lang = if c.zh.get() { "zh-CN" } else { "en" };
        if let Some(d) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = d.set_attribute("lang", lang);
        }
    });
    view! {
            // Re-render everything when the language changes: text itself is static.
            {move || {
                c.zh.track();
                view! {
                    <header class="top">
                        <A href=Route::Home.href() attr:class="brand">{c.t("纪实", "Jishi")}</A>
                        <StatusBar />
                    </header>
                    <main>
                        {move || {
                            // Only whether someone uses the device rebuilds the pages (a
                            // login that changes the user keeps the page and its message).
                            if !has_user.get() {
                                view! { <pages::setup::Setup /> }.into_any()
                            } else {
                                view! { <pages::Dispatch /> }.into_any()
                            }
                        }}
                    </main>
                    {bottom_nav(c)}
                }
            }}
    }
}

/// The bottom navigation: the app's areas.
pub fn bottom_nav(c: Ctx) -> impl IntoView {
    view! {
        <nav class="bottom">
            <A href=Route::Home.href()>{c.t("首页", "Home")}</A>
            <A href=Route::Master.href()>{c.t("基础信息", "Villages")}</A>
            {workflow_nav(c)}
            <A href=Route::Data.href()>{c.t("数据备份", "Data")}</A>
            <A href=Route::Settings.href()>{c.t("同步", "Sync")}</A>
        </nav>
    }
}

/// `workflow_nav`: the bottom navigation's entries of the workflows that have one (their
/// `NAV`, `for_each_workflow!`).
macro_rules! workflow_nav {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        /// The workflows' entries in the bottom navigation, in the registry's order.
        fn workflow_nav(c: Ctx) -> Vec<AnyView> {
            let mut links = Vec::new();
            $(if let Some((zh, en, page)) = pages::$module::NAV {
                links.push(view! { <A href=Route::from(page).href()>{c.t(zh, en)}</A> }.into_any());
            })+
            links
        }
    };
}

crate::for_each_workflow!(workflow_nav);

/// Open the phone's store, then draw the app in place of the "opening" line — or of
/// the home page's kept copy (`first_screen`), shown meanwhile.
pub async fn start() {
    crate::timing::mark(crate::timing::STARTED);
    // The log's IndexedDB part is read by a worker while the start chunk comes.
    crate::store::read_ahead::start();
    // Links are followed from the first screen on; the path signal is the app's own
    // (made outside any view, so taking the first screen away keeps it).
    nav::start();
    // The start chunk (the home page, recording, decoding) first: the home page's copy
    // is drawn from it before the log is read.
    let first = first_screen::show().await;
    recording::load();
    let boot = ctx::Boot::open().await;
    drop(first);
    remove_opening_line();
    let Ok(boot) = boot else {
        return show_unopened();
    };
    leptos::mount::mount_to_body(move || view! { <App boot /> });
}

/// The log could not be opened (the part of the app that folds it could not be
/// fetched): say so, in place of the app, with a button that loads the page again.
/// No record was changed.
fn show_unopened() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(section)) = (doc.body(), doc.create_element("section")) else {
        return;
    };
    section.set_class_name("unopened");
    let _ = section.set_attribute("role", "alert");
    for (lang, text) in [
        ("zh-CN", "本机记录暂时打不开：程序的一部分未能载入（可能已断网）。本机记录完好，不会丢失。请连网后点“重试”。"),
        ("en", "This phone's records can't be opened yet: part of the app could not be loaded (the network may be down). Your records are safe. Connect and tap Retry."),
    ] {
        if let Ok(p) = doc.create_element("p") {
            let _ = p.set_attribute("lang", lang);
            p.set_text_content(Some(text));
            let _ = section.append_child(&p);
        }
    }
    let button = doc.create_element("button").ok();
    if let Some(button) = &button {
        button.set_text_content(Some("重试 Retry"));
        let reload = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback(
            "click",
            wasm_bindgen::JsCast::unchecked_ref(reload.as_ref()),
        );
        reload.forget();
        let _ = section.append_child(button);
    }
    let _ = body.append_child(&section);
    // The button takes the focus, so a screen reader reaches the notice at once.
    if let Some(button) = button
        .as_ref()
        .and_then(wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>)
    {
        let _ = button.focus();
    }
}

/// Remove the page's own "opening" line (index.html).
pub(crate) fn remove_opening_line() {
    if let Some(opening) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("opening"))
    {
        opening.remove();
    }
}

/// Keep `ctx.online` in step with the browser's online/offline events.
fn watch_connectivity(c: Ctx) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    for (name, value) in [("online", true), ("offline", false)] {
        let cb = Closure::<dyn Fn()>::new(move || c.online.set(value));
        let _ = w.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        cb.forget();
    }
}
