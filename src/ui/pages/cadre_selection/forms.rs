//! The one renderer of the W4 step-record forms: any `cadre_selection::forms::StepForm`
//! (the forms as data, in the domain) becomes labelled inputs, and the submitted inputs
//! go back to the domain to be read and checked. No form knows its own fields here.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::{Map, Value};

use super::common::{input, select, FormValues};
pub use crate::domain::cadre_selection::forms::{
    describe, fields_of, step_form, Choices, DIMENSIONS, FORMS,
};
use crate::domain::cadre_selection::forms::{input_text, Choice, FieldKind, Inputs, StepForm};
use crate::domain::cadre_selection::StepRecord;
use crate::domain::policy::W4Policy;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FieldError;

/// The form with this key (the first form for an unknown key).
pub fn form(key: &str) -> &'static StepForm {
    step_form(key).unwrap_or(&FORMS[0])
}

fn opts(zh: bool, options: &[Choice]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|o| {
            (
                o.value.to_string(),
                if zh { o.zh } else { o.en }.to_string(),
            )
        })
        .collect()
}

/// The inputs of `form`, prefilled from `init` (a correction) or today's date.
pub fn fields_view(
    zh: bool,
    f: &'static StepForm,
    ch: &Choices,
    init: &Map<String, Value>,
    today: &str,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let with_blank = |v: &Vec<(String, String)>| {
        let mut o = vec![(String::new(), "—".to_string())];
        o.extend(v.iter().cloned());
        o
    };
    f.fields
        .iter()
        .map(|fd| {
            let name = fd.name;
            let v = init.get(name);
            let label = fd.label(zh);
            match fd.kind {
                FieldKind::Date => {
                    let d = if v.is_some() { input_text(v) } else { today.to_string() };
                    input(label, name, "date", d, err).into_any()
                }
                FieldKind::Text => input(label, name, "text", input_text(v), err).into_any(),
                FieldKind::LongText => input(label, name, "area", input_text(v), err).into_any(),
                FieldKind::Count => input(label, name, "number", input_text(v), err).into_any(),
                FieldKind::Post => select(label, name, ch.posts.clone(), input_text(v), err).into_any(),
                FieldKind::Cadre => select(label, name, with_blank(&ch.cadres), input_text(v), err).into_any(),
                FieldKind::Complaint => select(label, name, ch.complaints.clone(), input_text(v), err).into_any(),
                FieldKind::Choice(o) => select(label, name, opts(zh, o), input_text(v), err).into_any(),
                FieldKind::YesNo => {
                    let o = vec![
                        ("yes".to_string(), if zh { "是" } else { "Yes" }.to_string()),
                        ("no".to_string(), if zh { "否" } else { "No" }.to_string()),
                    ];
                    select(label, name, o, input_text(v), err).into_any()
                }
                FieldKind::VotesPerCadre | FieldKind::ScorePerDimension | FieldKind::AppointeePerPost => {
                    let rows: Vec<(String, String, &'static str)> = match fd.kind {
                        FieldKind::VotesPerCadre => ch.cadres.iter().map(|(id, l)| (id.clone(), l.clone(), "number")).collect(),
                        FieldKind::ScorePerDimension => DIMENSIONS.iter().map(|d| (d.value.to_string(), if zh { d.zh } else { d.en }.to_string(), "number")).collect(),
                        _ => ch.posts.iter().map(|(id, l)| (id.clone(), l.clone(), "cadre")).collect(),
                    };
                    let cadres = with_blank(&ch.cadres);
                    view! {
                        <fieldset data-field=name>
                            <legend>{label}</legend>
                            {rows.into_iter().map(|(key, l, kind)| {
                                let cur = input_text(v.and_then(|m| m.get(&key)));
                                let n = format!("{name}.{key}");
                                if kind == "cadre" {
                                    view! {
                                        <label class="field"><span>{l}</span>
                                            <select name=n>
                                                {cadres.iter().map(|(id, cl)| {
                                                    let sel = *id == cur;
                                                    view! { <option value=id.clone() prop:selected=sel>{cl.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </label>
                                    }.into_any()
                                } else {
                                    view! {
                                        <label class="field inline"><span>{l}</span>
                                            <input type="number" inputmode="numeric" name=n prop:value=cur />
                                        </label>
                                    }.into_any()
                                }
                            }).collect_view()}
                            <FieldError err field=name />
                        </fieldset>
                    }
                    .into_any()
                }
                FieldKind::Computed(_) => ().into_any(),
            }
        })
        .collect_view()
}

/// Read the submitted inputs of `form` and have the domain read and check them: the
/// record, or every field's message at once.
pub fn read(
    f: &'static StepForm,
    ch: &Choices,
    v: &FormValues,
    today: NaiveDate,
    policy: &W4Policy,
) -> Result<StepRecord, Vec<RuleViolation>> {
    let mut inputs = Inputs::new();
    for field in f.fields {
        inputs.insert(field.name.to_string(), v.get(field.name));
        for key in ch.entry_keys(field.kind) {
            let name = format!("{}.{key}", field.name);
            inputs.insert(name.clone(), v.get(&name));
        }
    }
    f.read(ch, &inputs, today, policy)
}
