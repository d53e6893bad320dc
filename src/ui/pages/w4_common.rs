//! Shared pieces of the W4 (干部选拔任用纪实) pages: reading a submitted form,
//! plain labelled inputs with their inline error, and showing a command's outcome.
//! Inputs are uncontrolled (no signal per field); a form's values are read once, on
//! submit, from the form element.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::time::date_field;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FieldError;
use crate::ui::ctx::Ctx;

/// The values of a submitted form (prevents the browser's own submission).
pub struct FormValues(Option<web_sys::FormData>);

impl FormValues {
    /// Read the form that fired `ev`.
    pub fn of(ev: &leptos::ev::SubmitEvent) -> Self {
        ev.prevent_default();
        let fd = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok());
        FormValues(fd)
    }

    /// One field's value ("" if absent).
    pub fn get(&self, name: &str) -> String {
        self.0
            .as_ref()
            .and_then(|f| f.get(name).as_string())
            .unwrap_or_default()
    }

    /// Every value of a repeated field, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .as_ref()
            .map(|f| {
                f.get_all(name)
                    .iter()
                    .map(|v| v.as_string().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A required date field.
    pub fn date(&self, name: &str) -> Result<NaiveDate, RuleViolation> {
        date_field(&self.get(name), name)
    }
}

pub use crate::domain::master::parse_count as num;
pub use crate::domain::time::optional_date_field as opt_date;

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

/// Send `cmd` (or the parsing error) and show the outcome.
pub fn send(
    c: Ctx,
    cmd: Result<crate::domain::w4::Command, RuleViolation>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    done: &'static str,
) -> bool {
    let r = cmd
        .map_err(RecordError::Rule)
        .and_then(|cmd| c.record(cmd).map(|_| ()));
    outcome(r, err, ok, done)
}

/// Hundredths of a percent as text ("87.50%").
pub fn pct(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// A new id for a thing the user creates (`c` cadre, `p` post, `case` case).
pub fn new_id(prefix: &str) -> String {
    crate::domain::id::generate(
        prefix,
        crate::ui::ctx::now_ms(),
        crate::ui::ctx::random_u64(),
    )
}

/// "label：value" lines (values are text, never markup).
pub fn lines(items: Vec<(String, String)>) -> impl IntoView {
    items
        .into_iter()
        .map(|(l, v)| view! { <div><span class="hint">{l}"："</span>{v}</div> })
        .collect_view()
}

/// A plain table of text cells with a header row (in a horizontal scroller).
pub fn table(testid: &'static str, head: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <div class="scroll">
            <table class="sheet" data-testid=testid>
                <thead><tr>{head.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>{r.into_iter().map(|x| view! { <td>{x}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
