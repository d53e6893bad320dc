//! One file per page.

pub mod annual_assessment;
pub mod audit_grading;
#[cfg(feature = "bench-extra-workflow")]
pub mod bench_workflow;
pub mod cadre_selection;
pub mod career_pay;
pub mod county_overview;
pub mod data;
pub mod demotion_chain;
pub mod home;
pub mod master;
pub mod performance_record;
pub mod policy;
pub mod reserve_pool;
pub mod rotation;
pub mod settings;
pub mod setup;
pub mod village_heads;
pub mod village_pay;

use crate::ui::nav::use_location;
use leptos::prelude::*;

use crate::route::Route;
use crate::ui::chunks;

/// The current route, read from the path (reactive).
pub fn use_route() -> Memo<Route> {
    let location = use_location();
    Memo::new(move |_| Route::parse(&location.pathname.get()))
}

/// The page for the current route (`Route::parse` of the path, `ui::nav`). Setup is in
/// the first load; every other page, home included, is in a chunk loaded on demand
/// (`ui::chunks`; home's, the start chunk, is fetched as the app starts).
#[component]
pub fn Dispatch() -> impl IntoView {
    let c = crate::ui::ctx::use_ctx();
    let location = use_location();
    let route = use_route();
    // Rebuild when the path changes (a new page, or the same page for other parameters).
    move || {
        location.pathname.track();
        let route = route.get();
        match route {
            Route::Setup => view! { <setup::Setup /> }.into_any(),
            Route::Home => home_page(c),
            Route::NotFound => view! {
                <p class="card" role="alert" data-testid="not-found">
                    {c.t(
                        "没有这个页面（地址有误），下面是首页。",
                        "There is no such page (the address is wrong); here is the home page.",
                    )}
                </p>
                {home_page(c)}
            }
            .into_any(),
            Route::Master => page_on_demand(whole_first(c, chunks::master_page())),
            Route::Data | Route::Settings => {
                page_on_demand(whole_first(c, chunks::device_page(route)))
            }
            Route::Overview(page) => {
                page_on_demand(whole_first(c, chunks::county_overview_page(page)))
            }
            _ => workflow_page(c, route),
        }
    }
}

/// The home page, from the start chunk (or a line that says it is loading).
fn home_page(c: crate::ui::ctx::Ctx) -> AnyView {
    on_demand(async move {
        match chunks::home_parts().await {
            Ok(home) => Ok((home.page)()),
            Err(chunks::Unloaded) => Ok(home_when_loaded(c)),
        }
    })
}

/// `workflow_page`: a workflow's page from its chunk (`for_each_workflow!`), after the
/// parts folded later if its pages read them (its `WAITS_FOR_WHOLE_LOG`).
macro_rules! workflow_pages {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        /// The page of a workflow's route (any other route: the home page).
        fn workflow_page(c: crate::ui::ctx::Ctx, route: Route) -> AnyView {
            paste::paste! {
                match route {
                    $(Route::$variant(page) => match $module::WAITS_FOR_WHOLE_LOG {
                        true => page_on_demand(whole_first(c, chunks::[<$module _page>](page))),
                        false => on_demand(chunks::[<$module _page>](page)),
                    },)+
                    _ => home_page(c),
                }
            }
        }
    };
}

crate::for_each_workflow!(workflow_pages);

/// A page that reads the whole log (all but home's and village pay's), drawn once the
/// parts folded later are folded (a second or so after a county's log opens): until
/// then it says it is loading, and the page keeps answering, where reading the state
/// would fold them all at once and hold the page that long.
fn whole_first(
    c: crate::ui::ctx::Ctx,
    page: impl std::future::Future<Output = chunks::Loaded> + 'static,
) -> PageFuture {
    let page: PageFuture = Box::pin(page);
    Box::pin(async move {
        c.until_whole().await;
        page.await
    })
}

/// A page's chunk being fetched, its type erased: one `on_demand` and one `whole_first`
/// serve every page (each page's own future type would be code of its own).
type PageFuture = std::pin::Pin<Box<dyn std::future::Future<Output = chunks::Loaded>>>;

/// A page whose code is in a chunk: a short "loading" line until the chunk is in (at
/// once when it is cached); if it can't be fetched, a line that says so and a button to
/// try again (a reload, which also picks up a build that replaced this one).
fn on_demand(page: impl std::future::Future<Output = chunks::Loaded> + 'static) -> AnyView {
    page_on_demand(Box::pin(page))
}

/// [`on_demand`] of a type-erased page future.
fn page_on_demand(page: PageFuture) -> AnyView {
    let c = crate::ui::ctx::use_ctx();
    let page = leptos::__reexports::send_wrapper::SendWrapper::new(page);
    let page = Suspend::new(async move {
        match page.await {
            Ok(view) => view,
            Err(chunks::Unloaded) => not_loaded(c),
        }
    });
    view! {
        <Suspense fallback=move || {
            view! { <p class="muted" role="status">{c.t("正在载入…", "Loading…")}</p> }
        }>{page}</Suspense>
    }
    .into_any()
}

/// The home page whose chunk could not be fetched: says so, and draws the page once the
/// chunk comes another way (the to-dos' retry fetches it again every 10 s, and sets
/// `Ctx::workflow_todos` once it is here). Only this line is redrawn then, never a home
/// page that was drawn.
fn home_when_loaded(c: crate::ui::ctx::Ctx) -> AnyView {
    (move || {
        let _ = c.workflow_todos();
        match chunks::home_if_loaded() {
            Some(home) => (home.page)(),
            None => not_loaded(c),
        }
    })
    .into_any()
}

/// What a page whose chunk could not be fetched shows.
fn not_loaded(c: crate::ui::ctx::Ctx) -> AnyView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <section class="card" role="alert">
            <p>
                {c.t(
                    "这一页的程序未能载入：请联网后重试。",
                    "This page's code could not be loaded: connect and try again.",
                )}
            </p>
            <button type="button" on:click=reload>{c.t("重试", "Try again")}</button>
        </section>
    }
    .into_any()
}
