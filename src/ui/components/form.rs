//! Form fields with inline validation messages.

use leptos::prelude::*;

use crate::store::RecordError;
use crate::ui::ctx::use_ctx;

/// Every message of `err` that belongs to `field`, shown right under the field.
#[component]
pub fn FieldError(
    /// The form's current error.
    err: RwSignal<Option<RecordError>>,
    /// The field this message slot belongs to.
    #[prop(into)]
    field: String,
) -> impl IntoView {
    let c = use_ctx();
    move || {
        err.with(|e| {
            let mine: Vec<String> = e
                .iter()
                .flat_map(|e| e.messages(c.is_zh()))
                .filter(|(f, _)| *f == Some(field.as_str()))
                .map(|(_, m)| m)
                .collect();
            (!mine.is_empty())
                .then(|| view! { <p class="field-error" role="alert">{mine.join(" ")}</p> })
        })
    }
}

/// The form's error summary, next to the submit button: the message, or every
/// message of a form refused on several fields, in one list (so none is hidden).
#[component]
pub fn FormError(
    /// The form's current error.
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let c = use_ctx();
    move || {
        err.with(|e| {
            let e = e.as_ref()?;
            let zh = c.is_zh();
            let all: Vec<String> = e.messages(zh).into_iter().map(|(_, m)| m).collect();
            Some(if all.len() > 1 {
                let head = if zh {
                    format!("有 {} 处需要修改，未保存：", all.len())
                } else {
                    format!("{} things need changing; nothing was saved:", all.len())
                };
                view! {
                    <div class="form-error" role="alert">
                        <p>{head}</p>
                        <ul>{all.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="form-error" role="alert">{e.message(zh)}</p> }.into_any()
            })
        })
    }
}

/// A success notice. It goes as soon as the form shows an error, or as soon as the
/// user edits the form (or card) it belongs to again, so a stale "已保存" never sits
/// beside a new problem.
#[component]
pub fn Notice(
    /// Text to show (empty = nothing).
    msg: RwSignal<String>,
    /// The form's error: a new one replaces the notice.
    #[prop(optional)]
    err: Option<RwSignal<Option<RecordError>>>,
) -> impl IntoView {
    Effect::new(move |_| {
        if err.is_some_and(|e| e.with(Option::is_some)) {
            msg.set(String::new());
        }
    });
    let slot = NodeRef::<leptos::html::Span>::new();
    let edits = window_event_listener(leptos::ev::input, move |ev| {
        use wasm_bindgen::JsCast;
        let Some(here) = slot.get_untracked() else {
            return;
        };
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let scope = here
            .closest("form")
            .ok()
            .flatten()
            .or_else(|| here.closest("section, details").ok().flatten());
        if scope.is_some_and(|s| s.contains(target.as_ref()))
            && !msg.with_untracked(String::is_empty)
        {
            msg.set(String::new());
        }
    });
    on_cleanup(move || edits.remove());
    view! {
        <span class="notice-slot" node_ref=slot>
            {move || {
                let m = msg.get();
                (!m.is_empty()).then(|| view! { <p class="notice" role="status">{m}</p> })
            }}
        </span>
    }
}
