//! The policy card of the Data page: for the county administrator, a form to change the
//! policy from a date, filled with the policy in force on that date; for everyone else,
//! who may, and the numbers in force today to read. Fields, labels, the base and parsing come from
//! `domain::policy_form`; this page renders them through one small field component and
//! shows every field's message at once, next to its field.

use leptos::prelude::*;

use crate::domain::master_decide::{Action, Command};
use crate::domain::policy::Policy;
use crate::domain::policy_fields::Input;
use crate::domain::policy_form::{
    form_base, parse_policy_form, policy_form, policy_numbers, FormBase, FormField, FormSection,
};
use crate::domain::time::date_field;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FormValues;
use crate::ui::components::{FormError, Notice};
use crate::ui::ctx::{today, today_iso, use_ctx, Ctx};

/// Whether the user may change the policy (`master_decide::Action::MasterData`, what its
/// decider enforces): others are told who may, and read the numbers without the form.
pub(super) fn may_change_policy(c: Ctx) -> bool {
    c.user
        .with(|u| u.as_ref().is_none_or(|u| Action::MasterData.allows(u.role)))
}

/// The form's messages, every field's at once.
type Errors = RwSignal<Vec<RuleViolation>>;
/// The current value of each choice field (fields shown only for one choice follow it).
type Picks = RwSignal<Vec<(String, String)>>;

/// The policy card. The form edits the policy in force on the effective date chosen
/// (`domain::policy_form::form_base`), so a change already scheduled before that date is
/// kept; it is filled again when the date picks another policy.
#[component]
pub fn PolicyCard() -> impl IntoView {
    let c = use_ctx();
    let effective = RwSignal::new(today_iso());
    let base = Memo::new(move |_| {
        let date = date_field(&effective.get(), "effective_from").unwrap_or_else(|_| today());
        c.with_state(|s| form_base(&s.policies, date))
    });
    // The fields are rebuilt only when the policy they show changes.
    let policy = Memo::new(move |_| base.with(|b| b.policy.clone()));
    let errors = RwSignal::new(Vec::new());
    let ok = RwSignal::new(String::new());
    view! {
        <section class="card">
            <details>
                <summary>{c.t("政策参数（县委组织部）", "Policy parameters (county)")}</summary>
                {move || match may_change_policy(c) {
                    true => view! {
                        <p class="hint">{c.t("修改政策会记录为一条新记录，自生效日期起适用。先选生效日期，表单按该日适用的政策填写。", "A change is recorded as an entry and applies from its effective date. Pick the date first: the form shows the policy in force on it.")}</p>
                        {form(c, (base, policy), effective, errors, ok)}
                    }
                    .into_any(),
                    false => read_only(c, policy).into_any(),
                }}
            </details>
        </section>
    }
}

/// For a user who may not change the policy: who may, and the numbers in force today,
/// to read (a disabled set of the form's fields, no button).
fn read_only(c: Ctx, policy: Memo<Policy>) -> impl IntoView {
    let why = Action::MasterData.only();
    let numbers = move || policy.with(policy_numbers);
    view! {
        <p class="hint" data-testid="not-yours">{if c.is_zh() { why.zh } else { why.en }}</p>
        <fieldset disabled class="stack" data-testid="policy-read-only">
            <p class="hint">{c.t("今日适用的政策：", "The policy in force today:")}</p>
            {move || fields(c, numbers(), RwSignal::new(Vec::new()))}
        </fieldset>
    }
}

/// The policy form: the effective date, the note on what the form holds, the fields.
fn form(
    c: Ctx,
    (base, policy): (Memo<FormBase>, Memo<Policy>),
    effective: RwSignal<String>,
    errors: Errors,
    ok: RwSignal<String>,
) -> impl IntoView {
    let err = RwSignal::new(None::<RecordError>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let values = FormValues::of(&ev);
        let base = base.get_untracked();
        let parsed = parse_policy_form(&base.policy, |name| values.get(name));
        let from = date_field(&values.get("effective_from"), "effective_from")
            .and_then(|d| base.check_date(d).map(|_| d));
        let show = move |saved: Result<(), Vec<RuleViolation>>| {
            ok.set(if saved.is_ok() {
                c.t("政策已更新", "Policy changed").into()
            } else {
                String::new()
            });
            let problems = saved.err().unwrap_or_default();
            err.set(summary(&problems));
            errors.set(problems);
        };
        match (parsed, from) {
            // Recorded once the recorder is here (`ui::recording`).
            (Ok(policy), Ok(effective_from)) => {
                use crate::ui::recording::{busy, not_loaded, send_when_ready, Queued};
                let send = move |came: bool| {
                    if !came {
                        return show(Err(vec![not_loaded()]));
                    }
                    let command = Command::ChangePolicy {
                        effective_from,
                        policy: Box::new(policy),
                    };
                    show(c.record(command).map(|_| ()).map_err(violation));
                };
                match send_when_ready(send) {
                    Queued::Sent => {}
                    Queued::Waiting => {
                        err.set(None);
                        ok.set(c.t("正在载入录入功能…", "Loading recording…").into());
                    }
                    Queued::Busy => show(Err(vec![busy()])),
                }
            }
            (parsed, from) => show(Err(parsed
                .err()
                .unwrap_or_default()
                .into_iter()
                .chain(from.err())
                .collect())),
        }
    };
    let date = FormField {
        name: "effective_from".into(),
        zh: "生效日期",
        en: "Effective from",
        input: Input::Date,
        value: effective.get_untracked(),
        when: None,
    };
    let note = move || base.with(|b| b.note(c.is_zh()));
    view! {
        <form on:submit=on_submit class="stack" data-testid="policy-form">
            <div on:change=move |ev| effective.set(event_target_value(&ev))>
                {field(c, date, errors, RwSignal::new(Vec::new()))}
            </div>
            <p class="banner warn" data-testid="policy-base">{note}</p>
            {move || fields(c, policy.with(policy_form), errors)}
            <FormError err />
            <Notice msg=ok err />
            <button type="submit">{c.t("保存政策", "Save policy")}</button>
        </form>
    }
}

/// Every section of fields (`policy_form` or `policy_numbers` of the policy shown).
fn fields(c: Ctx, sections: Vec<FormSection>, errors: Errors) -> impl IntoView {
    let picks: Picks = RwSignal::new(
        sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| matches!(f.input, Input::Choice(_)))
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect(),
    );
    let added = move || {
        c.with_state(|s| {
            let years: Vec<String> = s
                .policies
                .changes()
                .flat_map(|(_, p)| p.extra_calendar.iter().map(|y| y.year.to_string()))
                .collect();
            years.join(c.t("、", ", "))
        })
    };
    sections
        .into_iter()
        .map(|s| {
            view! {
                <fieldset class=s.key>
                    <legend>{c.t(s.zh, s.en)}</legend>
                    {(s.key == "calendar").then(|| view! { <p class="hint">{c.t("已增补：", "Added: ")}{added}</p> })}
                    {s.fields.into_iter().map(|f| field(c, f, errors, picks)).collect_view()}
                </fieldset>
            }
        })
        .collect_view()
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

/// A refused save as messages.
fn violation(e: RecordError) -> Vec<RuleViolation> {
    match e {
        RecordError::Rule(v) => vec![v],
        RecordError::Rules(all) => all,
        RecordError::Storage(s) => vec![RuleViolation::new(
            "store.write",
            s.message(true),
            s.message(false),
        )],
    }
}
