//! Shared pieces of the W4 (干部选拔任用纪实) pages: reading a submitted form,
//! plain labelled inputs with their inline error, and showing a command's outcome.
//! Inputs are uncontrolled (no signal per field); a form's values are read once, on
//! submit, from the form element.

use std::sync::Arc;

use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::html::custom;
use leptos::prelude::*;
use leptos::tachys::view::add_attr::AddAnyAttr;

use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FieldError;
use crate::ui::ctx::Ctx;

pub use crate::ui::components::FormValues;

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
    cmd: Result<crate::domain::cadre_selection::Command, RuleViolation>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    done: &'static str,
) -> bool {
    let r = cmd
        .map_err(RecordError::Rule)
        .and_then(|cmd| c.record(cmd).map(|_| ()));
    outcome(r, err, ok, done)
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

pub use crate::domain::cadre_selection::screens::percent as pct;

/// A new id for a thing the user creates (`c` cadre, `p` post, `case` case).
pub fn new_id(prefix: &str) -> String {
    crate::domain::id::generate(
        prefix,
        crate::ui::ctx::now_ms(),
        crate::ui::ctx::random_u64(),
    )
}

/// A piece of a W4 page built from data. Text is always a text node and attribute
/// values are set as values: tags and attribute names come only from code, so no
/// id or name can become markup. One renderer ([`render`]) turns every list, the case
/// page and the printable documents into DOM, instead of a distinct view per block.
pub enum Node {
    /// Text.
    Text(String),
    /// An element: tag, attributes, children.
    El(&'static str, Vec<(&'static str, String)>, Vec<Node>),
    /// A button running an action.
    Act(String, Arc<dyn Fn() + Send + Sync>),
}

/// Text.
pub fn t(text: impl Into<String>) -> Node {
    Node::Text(text.into())
}

/// An element with a class (none if empty) and children.
pub fn el(tag: &'static str, class: &'static str, kids: Vec<Node>) -> Node {
    let attrs = if class.is_empty() {
        vec![]
    } else {
        vec![("class", class.to_string())]
    };
    Node::El(tag, attrs, kids)
}

/// A button that runs `f`.
pub fn act(label: impl Into<String>, f: impl Fn() + Send + Sync + 'static) -> Node {
    Node::Act(label.into(), Arc::new(f))
}

impl Node {
    /// The element with one more attribute (`name` from code, `value` any text).
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Node {
        if let Node::El(_, attrs, _) = &mut self {
            attrs.push((name, value.into()));
        }
        self
    }
}

/// The DOM of a node tree.
pub fn render(node: Node) -> AnyView {
    match node {
        Node::Text(text) => text.into_any(),
        Node::El(tag, attrs, kids) => {
            let attrs: Vec<AnyAttribute> = attrs
                .into_iter()
                .map(|(k, v)| custom_attribute(k, v).into_any_attr())
                .collect();
            let kids: Vec<AnyView> = kids.into_iter().map(render).collect();
            custom(tag).child(kids).add_any_attr(attrs).into_any()
        }
        Node::Act(label, f) => {
            view! { <button type="button" on:click=move |_| f()>{label}</button> }.into_any()
        }
    }
}

/// Render several nodes.
pub fn render_all(nodes: Vec<Node>) -> impl IntoView {
    nodes.into_iter().map(render).collect_view()
}

/// "label：value" (Chinese) or "label: value" lines (values are text, never markup).
pub fn lines(zh: bool, items: Vec<(String, String)>) -> Vec<Node> {
    let colon = if zh { "：" } else { ": " };
    items
        .into_iter()
        .map(|(l, v)| {
            el(
                "div",
                "",
                vec![el("span", "hint", vec![t(l + colon)]), t(v)],
            )
        })
        .collect()
}

/// A link with a full-size tap target (44 px).
pub fn link(label: impl Into<String>, href: impl Into<String>) -> Node {
    el("a", "tap", vec![t(label)]).attr("href", href)
}

/// A plain table of text cells with a header row (in a horizontal scroller).
pub fn table(testid: &'static str, head: Vec<String>, rows: Vec<Vec<String>>) -> Node {
    let cells = |tag, r: Vec<String>| {
        el(
            "tr",
            "",
            r.into_iter().map(|x| el(tag, "", vec![t(x)])).collect(),
        )
    };
    let body = rows.into_iter().map(|r| cells("td", r)).collect();
    el(
        "div",
        "scroll",
        vec![el(
            "table",
            "sheet",
            vec![
                el("thead", "", vec![cells("th", head)]),
                el("tbody", "", body),
            ],
        )
        .attr("data-testid", testid)],
    )
}
