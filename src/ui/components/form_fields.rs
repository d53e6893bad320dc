//! The one renderer of forms as data (`domain::form`): any form's fields become
//! labelled, uncontrolled inputs with their inline messages, and the submitted form is
//! read back as the domain's `Inputs`. No page lays out its own fields.

use crate::domain::sorting::Gather;
use leptos::prelude::*;

use crate::domain::form::{
    row_input, rows_in, Cell, Field, FieldKind, Form, Inputs, Options, Repeat,
};
use crate::store::RecordError;
use crate::ui::components::{FieldError, FormValues};

/// The labelled inputs of `form`, prefilled from `init` (`today` for a blank date that
/// starts today).
pub fn form_fields(
    zh: bool,
    form: Form,
    options: &Options,
    init: &Inputs,
    today: &str,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let fields = form.fields.iter();
    fields
        .map(|f| field_view(zh, f, options, init, today, err))
        .collect_view()
}

/// One field: a group of inputs in a fieldset (checkboxes, a grid, rows), or a labelled
/// control with its help line and its message.
fn field_view(
    zh: bool,
    f: &Field,
    options: &Options,
    init: &Inputs,
    today: &str,
    err: RwSignal<Option<RecordError>>,
) -> AnyView {
    let (name, label) = (f.name, f.label(zh));
    match f.kind {
        FieldKind::PickMany(from) => {
            let list = options.list(from).to_vec();
            return pick_many(name, label, list, init, err).into_any();
        }
        FieldKind::Grid(g) => {
            let rows = options.rows(zh, g.rows);
            return grid(name, label, rows, g.cell, options, init, err).into_any();
        }
        FieldKind::Repeat(r) => return repeat(zh, name, label, r, options, init, err).into_any(),
        FieldKind::Computed(_) => return ().into_any(),
        _ => {}
    }
    // Said to screen readers: a blank required field is refused with a message, and the
    // help line under a field is read with it.
    let help_id = f.help_text(zh).map(|_| next_help_id());
    let aria = Aria {
        required: f.required.then_some("true"),
        described: help_id.clone(),
    };
    let help = f
        .help_text(zh)
        .map(|h| view! { <small class="hint" id=help_id>{h}</small> });
    let mut value = init.get(name).cloned().unwrap_or_default();
    if value.is_empty() && f.starts_today() {
        value = today.to_string();
    }
    view! {
        <label class="field">
            <span>{label}</span>
            {control(zh, f, value, options, aria)}
        </label>
        {help}
        <FieldError err field=name />
    }
    .into_any()
}

/// The input of a single-valued field.
fn control(zh: bool, f: &Field, value: String, options: &Options, aria: Aria) -> AnyView {
    match f.kind {
        FieldKind::Date => input(f.name, "date", value, aria).into_any(),
        // Text with a digit keyboard: "1,500" reaches the domain as typed.
        FieldKind::Count => input(f.name, "count", value, aria).into_any(),
        FieldKind::LongText => {
            let Aria {
                required,
                described,
            } = aria;
            view! {
                <textarea name=f.name prop:value=value aria-required=required aria-describedby=described></textarea>
            }
            .into_any()
        }
        FieldKind::Choice(list) => {
            // A choice drawn blank has nothing chosen for the user: "—" until they pick.
            let none = (f.blank && value.is_empty()).then(|| (String::new(), "—".to_string()));
            let list = list
                .iter()
                .map(|c| (c.value.to_string(), c.label(zh).to_string()));
            select(
                f.name.to_string(),
                none.into_iter().chain(list).collect(),
                value,
                aria,
            )
            .into_any()
        }
        // No answer is chosen for the user: "—" until they pick one.
        FieldKind::YesNo => {
            let list = [("", "—", "—"), ("yes", "是", "Yes"), ("no", "否", "No")]
                .map(|(v, z, e)| (v.to_string(), if zh { z } else { e }.to_string()));
            select(f.name.to_string(), list.to_vec(), value, aria).into_any()
        }
        FieldKind::Pick { from, blank } => {
            let list = picks(options, from, blank);
            select(f.name.to_string(), list, value, aria).into_any()
        }
        _ => input(f.name, "text", value, aria).into_any(),
    }
}

/// The submitted inputs of `form` (every field, and every row of its grids).
pub fn read_inputs(form: Form, options: &Options, values: &FormValues) -> Inputs {
    let mut inputs: Inputs = options
        .input_names(&form)
        .into_iter()
        .map(|name| {
            let v = values.get(&name);
            (name, v)
        })
        .gather_map();
    // A repeat's fields have one input per row, all of one name.
    for f in form.fields {
        if let FieldKind::Repeat(r) = f.kind {
            for x in r.fields {
                for (i, v) in values.all(x.name).into_iter().enumerate() {
                    inputs.insert(row_input(x.name, i), v);
                }
            }
        }
    }
    inputs
}

/// What a control tells screen readers: required, and the id of its help line.
#[derive(Clone, Default)]
struct Aria {
    required: Option<&'static str>,
    described: Option<String>,
}

/// A page-unique id for a help line (`aria-describedby`).
fn next_help_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("help-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn input(name: &'static str, kind: &'static str, value: String, aria: Aria) -> impl IntoView {
    let (kind, mode) = if kind == "count" {
        ("text", "numeric")
    } else {
        (kind, "text")
    };
    let Aria {
        required,
        described,
    } = aria;
    view! {
        <input type=kind inputmode=mode name=name prop:value=value
            aria-required=required aria-describedby=described />
    }
}

fn select(
    name: String,
    mut list: Vec<(String, String)>,
    value: String,
    aria: Aria,
) -> impl IntoView {
    // A stored value the list no longer offers (a gender typed by an older version, a
    // post since replaced) is kept and shown as it is, never silently swapped for the
    // first option; the domain says if it may not be kept.
    if !value.is_empty() && !list.iter().any(|(v, _)| *v == value) {
        list.push((value.clone(), value.clone()));
    }
    let options = list
        .into_iter()
        .map(|(v, l)| {
            let sel = v == value;
            view! { <option value=v prop:selected=sel>{l}</option> }
        })
        .collect_view();
    let Aria {
        required,
        described,
    } = aria;
    view! { <select name=name aria-required=required aria-describedby=described>{options}</select> }
}

fn picks(options: &Options, from: &str, blank: bool) -> Vec<(String, String)> {
    let none = blank.then(|| (String::new(), "—".to_string()));
    none.into_iter()
        .chain(options.list(from).iter().cloned())
        .collect()
}

/// A checkbox per option, in a fieldset named by the field.
fn pick_many(
    name: &'static str,
    label: &'static str,
    list: Vec<(String, String)>,
    init: &Inputs,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let boxes = list
        .into_iter()
        .map(|(value, text)| {
            let input_name = format!("{name}.{value}");
            let checked = init.get(&input_name).is_some_and(|v| v == "yes");
            view! {
                <label class="choice"><span>
                    <input type="checkbox" name=input_name value="yes" prop:checked=checked />" "{text}
                </span></label>
            }
        })
        .collect_view();
    view! {
        <fieldset data-field=name>
            <legend>{label}</legend>
            {boxes}
            <FieldError err field=name />
        </fieldset>
    }
}

/// Rows the user adds, each the repeat's fields (named by field, one input per row;
/// dates blank until typed), in a fieldset named by the field, with a button adding a row.
fn repeat(
    zh: bool,
    name: &'static str,
    label: &'static str,
    r: Repeat,
    options: &Options,
    init: &Inputs,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    // Each row drawn has a key of its own (never reused), so removing a row and adding
    // one never brings back what a removed row was prefilled with.
    let first = rows_in(r, init).max(r.rows);
    let rows = RwSignal::new((0..first).collect::<Vec<usize>>());
    let next = StoredValue::new(first);
    let (options, init) = (options.clone(), init.clone());
    let remove = if zh { "删除此行" } else { "Remove row" };
    let row = move |i: usize| {
        let cell = |x: &Field| {
            init.get(&row_input(x.name, i))
                .cloned()
                .map(|v| (x.name.to_string(), v))
        };
        let one: Inputs = r.fields.iter().filter_map(cell).gather_map();
        let fields = Form {
            key: name,
            fields: r.fields,
        };
        let drop_row = move |_| rows.update(|all| all.retain(|x| *x != i));
        view! {
            <div class="version">
                {form_fields(zh, fields, &options, &one, "", err).into_any()}
                <button type="button" on:click=drop_row>{remove}</button>
            </div>
        }
    };
    let add = if zh { r.add.0 } else { r.add.1 };
    let add_row = move |_| {
        let key = next.get_value();
        next.set_value(key + 1);
        rows.update(|all| all.push(key));
    };
    view! {
        <fieldset data-field=name>
            <legend>{label}</legend>
            // Keyed by row: adding or removing a row leaves what is typed in the others.
            <For each=move || rows.get() key=|i| *i let(i)>
                {row.clone()(i)}
            </For>
            <FieldError err field=name />
            <button type="button" on:click=add_row>{add}</button>
        </fieldset>
    }
}

/// One labelled input per row, in a fieldset named by the field.
fn grid(
    name: &'static str,
    label: &'static str,
    rows: Vec<(String, String)>,
    cell: Cell,
    options: &Options,
    init: &Inputs,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(key, row)| {
            let input_name = format!("{name}.{key}");
            let value = init.get(&input_name).cloned().unwrap_or_default();
            match cell {
                Cell::Pick(from) => view! {
                    <label class="field"><span>{row}</span>
                        {select(input_name, picks(options, from, true), value, Aria::default())}
                    </label>
                }
                .into_any(),
                Cell::Count { .. } => view! {
                    <label class="field inline"><span>{row}</span>
                        <input type="text" inputmode="numeric" name=input_name prop:value=value />
                    </label>
                }
                .into_any(),
                // A score's message is named at its row ("scores.<indicator>").
                Cell::Score => view! {
                    <label class="field score"><span>{row}</span>
                        <input type="text" inputmode="decimal" name=input_name.clone() prop:value=value />
                    </label>
                    <FieldError err field=input_name />
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <fieldset data-field=name>
            <legend>{label}</legend>
            {rows}
            <FieldError err field=name />
        </fieldset>
    }
}

/// What a form does with its inputs: records its command, or says why not.
pub type Send =
    std::sync::Arc<dyn Fn(&Inputs) -> Result<(), RecordError> + std::marker::Send + Sync>;

/// A label: in both languages, or already in the page's language.
#[derive(Clone)]
pub enum Label {
    /// (Chinese, English).
    Pair(&'static str, &'static str),
    /// Already localized.
    Text(String),
}

impl Label {
    fn get(&self, zh: bool) -> String {
        match self {
            Label::Pair(z, e) => if zh { *z } else { *e }.to_string(),
            Label::Text(t) => t.clone(),
        }
    }
}

/// Everything a form element needs.
pub struct FormParts {
    /// The form, as data.
    pub form: Form,
    /// What it does with the inputs.
    pub send: Send,
    /// The submit button.
    pub button: Label,
    /// The notice after a save.
    pub done: Label,
    /// `data-testid` ("" for none).
    pub testid: &'static str,
    /// Option lists of its pick fields.
    pub options: Options,
    /// Prefilled inputs.
    pub init: Inputs,
    /// Empty the form after a save.
    pub clear: bool,
    /// CSS class of the form element.
    pub class: &'static str,
    /// Fields drawn before the form's own and read with them (a correction's reason).
    pub lead: Option<Form>,
    /// The notice it starts with (the last save's, when the form is drawn again after it).
    pub notice: String,
    /// Told what is typed at each change (a page keeps it, so a form drawn again by a
    /// change elsewhere on its card starts from it).
    pub draft: Option<Draft>,
    /// Sending records a command: sent before the recorder is here, it waits for it
    /// (`ui::recording`).
    pub records: bool,
}

/// What a form tells its page at each change: its inputs as typed so far.
pub type Draft = std::sync::Arc<dyn Fn(Inputs) + std::marker::Send + Sync>;

/// The form element: fields, every message, the saved notice, the submit button.
pub fn form_element(parts: FormParts) -> impl IntoView {
    let FormParts {
        form,
        send,
        button,
        done,
        testid,
        options,
        init,
        clear,
        class,
        lead,
        notice,
        draft,
        records,
    } = parts;
    let c = crate::ui::ctx::use_ctx();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(notice);
    // Its send waits for the recorder (`ui::recording`): the button says so.
    let waiting = RwSignal::new(false);
    // Bumped to draw the fields afresh (blank, dates today) after a new thing is saved.
    let fresh = RwSignal::new(0u32);
    let opts = options.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let inputs = inputs_with_lead(form, lead, &opts, &FormValues::of(&ev));
        let (send, done) = (send.clone(), done.clone());
        // Shown with signals only (setting one of a form drawn anew meanwhile is no-op).
        let finish = move |came: bool| {
            let sent = if came {
                send(&inputs)
            } else {
                Err(RecordError::Rule(crate::ui::recording::not_loaded()))
            };
            waiting.set(false);
            match sent {
                Ok(()) => {
                    err.set(None);
                    ok.set(done.get(c.is_zh()));
                    if clear {
                        fresh.update(|n| *n += 1);
                    }
                }
                Err(e) => {
                    ok.set(String::new());
                    err.set(Some(e));
                }
            }
        };
        if !records {
            return finish(true);
        }
        queue_send(c, finish, (waiting, ok, err));
    };
    let typed_opts = options.clone();
    let typed = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(draft) = &draft else { return };
        let target = ev.current_target();
        let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        draft(inputs_with_lead(
            form,
            lead,
            &typed_opts,
            &FormValues::of_element(&element),
        ));
    };
    let today = crate::ui::ctx::today().to_string();
    let fields = move || {
        fresh.track();
        let lead = lead.map(|l| form_fields(c.is_zh(), l, &options, &init, &today, err));
        (
            lead,
            form_fields(c.is_zh(), form, &options, &init, &today, err),
        )
    };
    let testid = (!testid.is_empty()).then_some(testid);
    view! {
        <form on:submit=submit on:input=typed.clone() on:change=typed class=class data-testid=testid data-form=form.key>
            {fields}
            <super::FormError err />
            <super::Notice msg=ok err />
            <button type="submit" class="primary" disabled=move || waiting.get()>{move || button.get(c.is_zh())}</button>
        </form>
    }
}

/// The inputs of a form and of the form it leads with, as typed.
fn inputs_with_lead(
    form: Form,
    lead: Option<Form>,
    options: &Options,
    values: &FormValues,
) -> Inputs {
    let mut inputs = read_inputs(form, options, values);
    if let Some(lead) = lead {
        inputs.extend(read_inputs(lead, options, values));
    }
    inputs
}

/// Send once the recorder is here (`ui::recording`): while it loads, the button waits
/// and the form says so; a second send meanwhile is refused as busy.
fn queue_send(
    c: crate::ui::ctx::Ctx,
    finish: impl FnOnce(bool) + 'static,
    (waiting, ok, err): (
        RwSignal<bool>,
        RwSignal<String>,
        RwSignal<Option<RecordError>>,
    ),
) {
    use crate::ui::recording::{busy, send_when_ready, Queued};
    match send_when_ready(finish) {
        Queued::Sent => {}
        Queued::Waiting => {
            waiting.set(true);
            err.set(None);
            ok.set(c.t("正在载入录入功能…", "Loading recording…").to_string());
        }
        Queued::Busy => {
            ok.set(String::new());
            err.set(Some(RecordError::Rule(busy())));
        }
    }
}

/// A whole form from data: its fields, every message, the saved notice and the submit
/// button. `send` reads the inputs (in the domain) and records the command.
#[component]
pub fn DataForm(
    /// The form, as data.
    form: Form,
    /// What it does with the inputs.
    send: Send,
    /// The submit button (zh, en).
    button: (&'static str, &'static str),
    /// The notice after a save (zh, en).
    done: (&'static str, &'static str),
    /// `data-testid` of the form element.
    #[prop(optional)]
    testid: &'static str,
    /// Option lists its pick fields choose from.
    #[prop(optional)]
    options: Options,
    /// Prefilled inputs (editing).
    #[prop(optional)]
    init: Inputs,
    /// Empty the form after a save (adding a new thing).
    #[prop(optional)]
    clear: bool,
    /// CSS class of the form (`stack` by default).
    #[prop(default = "stack")]
    class: &'static str,
    /// The notice it starts with (the last save's, when saving drew it anew).
    #[prop(optional)]
    notice: String,
    /// Sending records a command (it waits for the recorder, `ui::recording`).
    #[prop(optional)]
    records: bool,
) -> impl IntoView {
    form_element(FormParts {
        form,
        send,
        button: Label::Pair(button.0, button.1),
        done: Label::Pair(done.0, done.1),
        testid,
        options,
        init,
        clear,
        class,
        lead: None,
        notice,
        draft: None,
        records,
    })
}
