//! Form fields with inline validation messages.

use leptos::prelude::*;

use crate::store::RecordError;
use crate::ui::ctx::use_ctx;

/// The message of `err` if it belongs to `field`, shown right under the field.
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
            e.as_ref()
                .filter(|e| e.field() == Some(field.as_str()))
                .map(|e| view! { <p class="field-error" role="alert">{e.message(c.is_zh())}</p> })
        })
    }
}

/// The form's error summary, next to the submit button (every error, so no
/// message is ever hidden).
#[component]
pub fn FormError(
    /// The form's current error.
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let c = use_ctx();
    move || {
        err.with(|e| {
            e.as_ref()
                .map(|e| view! { <p class="form-error" role="alert">{e.message(c.is_zh())}</p> })
        })
    }
}

/// A success notice.
#[component]
pub fn Notice(
    /// Text to show (empty = nothing).
    msg: RwSignal<String>,
) -> impl IntoView {
    move || {
        let m = msg.get();
        (!m.is_empty()).then(|| view! { <p class="notice" role="status">{m}</p> })
    }
}

/// A labelled text input with its inline error.
#[component]
pub fn TextField(
    /// Label text (already localized).
    #[prop(into)]
    label: Signal<&'static str>,
    /// Bound value.
    value: RwSignal<String>,
    /// Field name used by rule messages.
    #[prop(into)]
    field: String,
    /// The form's error.
    err: RwSignal<Option<RecordError>>,
    /// Input type (text, number, …).
    #[prop(default = "text")]
    kind: &'static str,
    /// Input mode hint for phone keyboards.
    #[prop(default = "text")]
    inputmode: &'static str,
) -> impl IntoView {
    let f = field.clone();
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input type=kind inputmode=inputmode name=f bind:value=value />
        </label>
        <FieldError err field />
    }
}

/// A labelled date input (YYYY-MM-DD) with its inline error.
#[component]
pub fn DateField(
    /// Label text (already localized).
    #[prop(into)]
    label: Signal<&'static str>,
    /// Bound value, `YYYY-MM-DD`.
    value: RwSignal<String>,
    /// Field name used by rule messages.
    #[prop(into)]
    field: String,
    /// The form's error.
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let f = field.clone();
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input type="date" name=f bind:value=value />
        </label>
        <FieldError err field />
    }
}
