//! Client-side navigation: the few parts of a router the app uses — the path as a
//! signal, same-origin links followed without a reload, `popstate`, `<A>` marking the
//! current page, and `navigate`. Pages are chosen from the path by `pages::Dispatch`
//! (`route::Route::parse`). Replacing `leptos_router` with this saved 35 KB brotli.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The current location: its path, as a signal.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path ("/w4/case/…").
    pub pathname: RwSignal<String>,
}

thread_local! {
    static LOCATION: Cell<Option<Location>> = const { Cell::new(None) };
}

fn current_path() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok());
    path.unwrap_or_else(|| "/".into())
}

/// Start navigating: the path signal, `popstate`, and one click listener following every
/// same-origin link in the page. Called once, by the app's root.
pub fn start() -> Location {
    let location = Location {
        pathname: RwSignal::new(current_path()),
    };
    LOCATION.with(|l| l.set(Some(location)));
    let Some(w) = web_sys::window() else {
        return location;
    };
    let back = Closure::<dyn Fn()>::new(move || follow_path(location));
    let _ = w.add_event_listener_with_callback("popstate", back.as_ref().unchecked_ref());
    back.forget();
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(follow_link);
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    }
    click.forget();
    location
}

/// A plain click on a same-origin link (not one opening elsewhere — a target, a download,
/// `rel="external"` as the crash page's reload — nor a modified click): go there without
/// reloading.
fn follow_link(ev: web_sys::MouseEvent) {
    let modified = ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key();
    if ev.default_prevented() || ev.button() != 0 || modified {
        return;
    }
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let link = target.and_then(|e| e.closest("a[href]").ok().flatten());
    let Some(a) = link.and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
        return;
    };
    let Some(w) = web_sys::window() else { return };
    let elsewhere = Some(a.origin()) != w.location().origin().ok();
    let external = a.rel() == "external" || !a.target().is_empty();
    if external || a.has_attribute("download") || elsewhere {
        return;
    }
    ev.prevent_default();
    navigate(&format!("{}{}{}", a.pathname(), a.search(), a.hash()));
}

/// Tell the pages the path, only when it changed (a query or hash alone, or the same
/// page again, redraws nothing and keeps what is typed).
fn follow_path(location: Location) {
    let path = current_path();
    if location.pathname.with_untracked(|p| *p != path) {
        location.pathname.set(path);
    }
}

/// The location (started on first use).
pub fn use_location() -> Location {
    LOCATION.with(|l| l.get()).unwrap_or_else(start)
}

/// Go to `href` (a new history entry), at the top of the page; the page already shown
/// stays as it is.
pub fn navigate(href: &str) {
    let Some(w) = web_sys::window() else { return };
    let here = w.location();
    let now = [here.pathname(), here.search(), here.hash()].map(Result::unwrap_or_default);
    if now.concat() == href {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(href));
    }
    w.scroll_to_with_x_and_y(0.0, 0.0);
    follow_path(use_location());
}

/// A link's target: a path, or a closure giving one.
pub trait ToHref {
    /// The path, read when the link is drawn (and again when a closure's signals change).
    fn to_href(&self) -> Arc<dyn Fn() -> String + Send + Sync>;
}

impl ToHref for String {
    fn to_href(&self) -> Arc<dyn Fn() -> String + Send + Sync> {
        let s = self.clone();
        Arc::new(move || s.clone())
    }
}

impl<F: Fn() -> String + Send + Sync + Clone + 'static> ToHref for F {
    fn to_href(&self) -> Arc<dyn Fn() -> String + Send + Sync> {
        Arc::new(self.clone())
    }
}

/// A link to a page of the app (followed by `start`'s listener), `aria-current="page"`
/// on the current page and on the pages under it.
#[component]
pub fn A<H: ToHref + Send + Sync + 'static>(
    /// Where it goes.
    href: H,
    /// What it says.
    children: Children,
) -> impl IntoView {
    let href = href.to_href();
    let target = href.clone();
    let location = use_location();
    let current = move || {
        let (here, there) = (location.pathname.get(), target());
        let under = there != "/" && here.starts_with(&format!("{there}/"));
        (here == there || under).then_some("page")
    };
    view! { <a href=move || href() aria-current=current>{children()}</a> }
}
