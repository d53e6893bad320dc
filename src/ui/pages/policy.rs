//! The policy card of the Data page: the policy in force and (for the county
//! administrator) a form to change it from a date. Fields, labels and parsing come from
//! `domain::policy_form`; this page renders them through one small field component and
//! shows every field's message at once, next to its field.

use leptos::prelude::*;

use crate::domain::policy::Policy;
use crate::domain::policy_fields::Input;
use crate::domain::policy_form::{parse_policy_form, policy_form, FormField};
use crate::domain::time::date_field;
use crate::domain::w1::Command;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice};
use crate::ui::ctx::{today, today_iso, use_ctx, Ctx};
use crate::ui::pages::w4_common::FormValues;

/// The form's messages, every field's at once.
type Errors = RwSignal<Vec<RuleViolation>>;
/// The current value of each choice field (fields shown only for one choice follow it).
type Picks = RwSignal<Vec<(String, String)>>;

/// The policy card; the form is rebuilt only when the policy in force changes.
#[component]
pub fn PolicyCard() -> impl IntoView {
    let c = use_ctx();
    let current = Memo::new(move |_| c.with_state(|s| s.policies.at(today())));
    let errors = RwSignal::new(Vec::new());
    let ok = RwSignal::new(String::new());
    view! {
        <section class="card">
            <details>
                <summary>{c.t("政策参数（县委组织部）", "Policy parameters (county)")}</summary>
                <p class="hint">{c.t("修改政策会记录为一条新记录，自生效日期起适用。表中是目前适用的政策。", "A change is recorded as an entry and applies from its effective date. The form shows the policy in force.")}</p>
                {move || form(c, current.get(), errors, ok)}
            </details>
        </section>
    }
}

fn form(c: Ctx, base: Policy, errors: Errors, ok: RwSignal<String>) -> impl IntoView {
    let mut sections = policy_form(&base);
    if let Some(last) = sections.last_mut() {
        last.fields.push(FormField {
            name: "effective_from".into(),
            zh: "生效日期",
            en: "Effective from",
            input: Input::Date,
            value: today_iso(),
            when: None,
        });
    }
    let err = RwSignal::new(None::<RecordError>);
    let picks: Picks = RwSignal::new(
        sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| matches!(f.input, Input::Choice(_)))
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect(),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let values = FormValues::of(&ev);
        let policy = parse_policy_form(&base, |name| values.get(name));
        let from = date_field(&values.get("effective_from"), "effective_from");
        let saved = match (policy, from) {
            (Ok(policy), Ok(effective_from)) => c
                .record(Command::ChangePolicy {
                    effective_from,
                    policy,
                })
                .map(|_| ())
                .map_err(|e| vec![violation(e)]),
            (policy, from) => Err(policy
                .err()
                .unwrap_or_default()
                .into_iter()
                .chain(from.err())
                .collect()),
        };
        ok.set(if saved.is_ok() {
            c.t("政策已更新", "Policy changed").into()
        } else {
            String::new()
        });
        let problems = saved.err().unwrap_or_default();
        err.set(summary(&problems));
        errors.set(problems);
    };
    let added = move || {
        c.with_state(|s| {
            let years: Vec<String> = s
                .policies
                .changes()
                .flat_map(|(_, p)| p.extra_calendar.iter().map(|y| y.year.to_string()))
                .collect();
            years.join("、")
        })
    };
    view! {
        <form on:submit=on_submit class="stack" data-testid="policy-form">
            {sections.into_iter().map(|s| view! {
                <fieldset class=s.key>
                    <legend>{c.t(s.zh, s.en)}</legend>
                    {(s.key == "calendar").then(|| view! { <p class="hint">{c.t("已增补：", "Added: ")}{added}</p> })}
                    {s.fields.into_iter().map(|f| field(c, f, errors, picks)).collect_view()}
                </fieldset>
            }).collect_view()}
            <FormError err />
            <Notice msg=ok />
            <button type="submit">{c.t("保存政策", "Save policy")}</button>
        </form>
    }
}

/// One labelled input, select or text area, with its messages under it.
fn field(c: Ctx, f: FormField, errors: Errors, picks: Picks) -> impl IntoView {
    let FormField {
        name,
        zh,
        en,
        input,
        value,
        when,
    } = f;
    let control = match input {
        Input::Choice(options) => {
            let pick = name.clone();
            let on_change = move |ev| {
                let v = event_target_value(&ev);
                picks.update(|p| {
                    p.iter_mut()
                        .filter(|p| p.0 == pick)
                        .for_each(|p| p.1 = v.clone())
                });
            };
            view! {
                <select name=name.clone() on:change=on_change>
                    {options.iter().map(|o| view! { <option value=o.0 selected=o.0 == value>{c.t(o.1, o.2)}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        Input::Lines => {
            view! { <textarea name=name.clone() prop:value=value></textarea> }.into_any()
        }
        _ => {
            let (kind, mode) = match input {
                Input::Date => ("date", "text"),
                Input::Hundredths => ("text", "decimal"),
                Input::Whole => ("text", "numeric"),
                _ => ("text", "text"),
            };
            view! { <input type=kind inputmode=mode name=name.clone() value=value /> }.into_any()
        }
    };
    let hidden =
        move || when.is_some_and(|(k, v)| picks.with(|p| !p.iter().any(|p| p.0 == k && p.1 == v)));
    let messages = move || {
        errors.with(|e| {
            let mine = e
                .iter()
                .filter(|e| e.field.as_deref() == Some(name.as_str()));
            mine.map(|e| e.message(c.is_zh()))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    view! {
        <div class:hidden=hidden>
            <label class="field"><span>{c.t(zh, en)}</span>{control}</label>
            <p class="field-error" role="alert">{messages}</p>
        </div>
    }
}

/// The summary next to the submit button: how many fields need changing, and any
/// message that belongs to no field (e.g. storage full).
fn summary(errors: &[RuleViolation]) -> Option<RecordError> {
    let on_fields = errors.iter().filter(|e| e.field.is_some()).count();
    let count = (on_fields > 0).then(|| {
        RuleViolation::new(
            "policy.form",
            format!("有 {on_fields} 处需要修改，见各项下方的提示；政策未保存。"),
            format!("{on_fields} fields need changing (see the messages under them); nothing was saved."),
        )
    });
    let other = errors.iter().find(|e| e.field.is_none()).cloned();
    count.or(other).map(RecordError::Rule)
}

/// A refused save as a message.
fn violation(e: RecordError) -> RuleViolation {
    match e {
        RecordError::Rule(v) => v,
        RecordError::Storage(s) => {
            RuleViolation::new("store.write", s.message(true), s.message(false))
        }
    }
}
