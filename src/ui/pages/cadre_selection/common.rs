//! Shared pieces of the W4 (干部选拔任用纪实) forms not yet on the form engine:
//! reading a submitted form, plain labelled inputs with their inline error, and
//! showing a command's outcome.
//! Inputs are uncontrolled (no signal per field); a form's values are read once, on
//! submit, from the form element.

use leptos::prelude::*;

use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FieldError;
use crate::ui::ctx::Ctx;

pub use crate::ui::components::FormValues;

/// A labelled input with its inline error. `kind`: text, date, number, area.
pub fn input(
    label: &'static str,
    name: &str,
    kind: &'static str,
    value: String,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let control = if kind == "area" {
        view! { <textarea name=name.to_string() prop:value=value></textarea> }.into_any()
    } else {
        let mode = if kind == "number" { "numeric" } else { "text" };
        view! { <input type=kind inputmode=mode name=name.to_string() prop:value=value /> }
            .into_any()
    };
    view! {
        <label class="field">
            <span>{label}</span>
            {control}
        </label>
        <FieldError err field=name.to_string() />
    }
}

/// A labelled select of (value, label) options with its inline error.
pub fn select(
    label: &'static str,
    name: &str,
    options: Vec<(String, String)>,
    value: String,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name.to_string()>
                {options.into_iter().map(|(v, l)| {
                    let sel = v == value;
                    view! { <option value=v prop:selected=sel>{l}</option> }
                }).collect_view()}
            </select>
        </label>
        <FieldError err field=name.to_string() />
    }
}

/// Record a command and show the outcome: the notice on success, the domain's
/// message (inline at its field and in the summary) on refusal.
pub fn outcome(
    result: Result<(), RecordError>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    done: &'static str,
) -> bool {
    match result {
        Ok(()) => {
            err.set(None);
            ok.set(done.to_string());
            true
        }
        Err(e) => {
            ok.set(String::new());
            err.set(Some(e));
            false
        }
    }
}

/// Send `cmd` (or every field's message of its form) and show the outcome.
pub fn send_all(
    c: Ctx,
    cmd: Result<crate::domain::cadre_selection::Command, Vec<RuleViolation>>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    done: &'static str,
) -> bool {
    let r = cmd
        .map_err(RecordError::rules)
        .and_then(|cmd| c.record(cmd).map(|_| ()));
    outcome(r, err, ok, done)
}

/// A new id for a thing the user creates (`c` cadre, `p` post, `case` case).
pub fn new_id(prefix: &str) -> String {
    crate::domain::id::generate(
        prefix,
        crate::ui::ctx::now_ms(),
        crate::ui::ctx::random_u64(),
    )
}
