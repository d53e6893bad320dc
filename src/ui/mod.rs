//! The Leptos user interface (placeholder until the pages land).
use leptos::prelude::*;

/// Root component.
#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"纪实"</h1></main> }
}
