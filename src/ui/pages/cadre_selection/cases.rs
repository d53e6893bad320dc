//! W4 selection cases: the list (with overdue 初次提交 and overall rates), opening a
//! case, and the case page — the "1+8" steps with status and reasons, windows, one
//! generic record form, corrections, ranking, disclosures, sign-off and submission.

use leptos::prelude::*;

use super::common::{send_all, FormValues};
use super::forms::{fields_of, fields_view, form, read, step_form, Choices, FORMS};
use crate::domain::cadre_selection::case_forms::{disclosures_card, ending_forms, signoff_card};
use crate::domain::cadre_selection::case_screen::{case_progress, case_top, Viewer};
use crate::domain::cadre_selection::screens::case_list;
use crate::domain::cadre_selection::{case_view, form_label, Action, Case, Command, Step};
use crate::domain::screen::{Focus, Screen};
use crate::domain::state::State;
use crate::domain::Role;
use crate::store::RecordError;
use crate::ui::components::{focused_screen_view, screen_view, FormError, Notice};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// The case id of `/w4/case/:id[/…]`.
pub fn case_id() -> String {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let route = crate::route::Route::parse(&path);
    route.case().unwrap_or_default().to_string()
}

/// The list of cases and the form to open one: the screen the domain builds
/// (`cadre_selection::screens::case_list`), drawn by the one renderer.
#[component]
pub fn CaseList() -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map(|u| u.role));
        c.with_state(|s| case_list(s, role, today(), c.is_zh()))
    })
}

/// One selection case: the domain's screens (`cadre_selection::case_screen`,
/// `case_forms`) around the step-record panel. One `Focus` says which form is shown and
/// what it corrects; the record buttons set it.
#[component]
pub fn CasePage() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let focus = RwSignal::new(Focus::default());
    let (err, ok) = (RwSignal::new(None), RwSignal::new(String::new()));
    let viewer = move || Viewer {
        role: c.user.with(|u| u.as_ref().map_or(Role::Admin, |u| u.role)),
        today: today(),
        zh: c.is_zh(),
    };
    let screen = move |id: &String, build: fn(&State, &Case, Viewer, &Focus) -> Screen| {
        let id = id.clone();
        move || {
            let who = viewer();
            let now = focus.get();
            c.with_state(|s| match s.cadre_selection.cases.get(&id) {
                Some(case) if case.opened_on.is_some() => build(s, case, who, &now),
                _ => Vec::new(),
            })
        }
    };
    let top_id = id.clone();
    let top = move || c.with_state(|s| case_top(s, &top_id, viewer()));
    let (actions, progress, rest) = (
        screen(&id, actions_screen),
        screen(&id, progress_screen),
        screen(&id, rest_screen),
    );
    // Rebuild the record panel only when this case (or the cadres, posts and cases it
    // counts) changed, so a background sync does not reset a form being typed in.
    let id_m = id.clone();
    let version = Memo::new(move |_| {
        c.with_state(|s| {
            (
                s.cadre_selection.cases.get(&id_m).cloned(),
                s.cadre_selection.cadres.len(),
                s.cadre_selection.posts.len(),
                s.cadre_selection.cases.len(),
            )
        })
    });
    let panel = move || {
        version.with(|_| ());
        untrack(|| c.with_state(|s| record_panel(c, s, &id, focus, err, ok)))
    };
    view! {
        {focused_screen_view(c, focus, top)}
        <div>{panel}</div>
        {focused_screen_view(c, focus, actions)}
        {focused_screen_view(c, focus, progress)}
        {focused_screen_view(c, focus, rest)}
    }
}

/// Ending the case and settling its endings.
fn actions_screen(s: &State, case: &Case, who: Viewer, _: &Focus) -> Screen {
    let ended = case_view(s, &case.id, who.today).is_some_and(|v| v.ended.is_some());
    ending_forms(case, ended, who)
}

/// The steps and the ranking.
fn progress_screen(s: &State, case: &Case, who: Viewer, _: &Focus) -> Screen {
    case_progress(s, &case.id, who)
}

/// The disclosures and the sign-off.
fn rest_screen(s: &State, case: &Case, who: Viewer, focus: &Focus) -> Screen {
    vec![
        disclosures_card(s, case, who, focus),
        signoff_card(case, who),
    ]
}

/// The role of the user on this phone (the administrator when none is set).
fn role_of(c: Ctx) -> Role {
    c.user.get_untracked().map_or(Role::Admin, |u| u.role)
}

/// The step-record panel for a user who may record, or who may.
fn record_panel(
    c: Ctx,
    s: &State,
    id: &str,
    focus: RwSignal<Focus>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> AnyView {
    let case = s.cadre_selection.cases.get(id);
    let (Some(case), Some(v)) = (case, case_view(s, id, today())) else {
        return ().into_any();
    };
    if case.opened_on.is_none() || v.ended.is_some() {
        return ().into_any();
    }
    if !Action::Record.allows(role_of(c)) {
        let why = Action::Record.only();
        let why = if c.is_zh() { why.zh } else { why.en };
        return view! {
            <section class="card" data-testid="record"><p class="hint" data-testid="not-yours">{why}</p></section>
        }
        .into_any();
    }
    let ch = Choices::of(s, case, c.is_zh());
    view! { <RecordPanel ch current=v.current focus err ok /> }.into_any()
}

/// The selector of the step-record form shown (`shown`); `choose` gets the key picked.
fn form_selector(
    c: Ctx,
    shown: Memo<&'static str>,
    choose: impl Fn(String) + 'static,
) -> impl IntoView {
    let zh = c.is_zh();
    let options = FORMS.iter().map(|f| {
        let label = format!("{} · {}", f.step.label(zh), form_label(f.key, zh));
        view! { <option value=f.key prop:selected=move || shown.get() == f.key>{label}</option> }
    });
    view! {
        <label class="field">
            <span>{c.t("表单", "Form")}</span>
            <select name="form" on:change=move |ev| choose(event_target_value(&ev))>
                {options.collect_view()}
            </select>
        </label>
    }
}

/// A correction in progress: the records it replaces and the one prefilling the form.
type Fix = Option<(Vec<String>, String)>;

/// The record form for the chosen form (default: the current step's first), or the
/// correction of a record. One signal, `focus`, drives both the selector and the
/// fields under it, so they always show the same form.
#[component]
fn RecordPanel(
    ch: Choices,
    current: Option<Step>,
    focus: RwSignal<Focus>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let default = FORMS
        .iter()
        .find(|f| Some(f.step) == current)
        .map(|f| f.key)
        .unwrap_or("probation_ended");
    // The form shown: the one chosen (or being corrected), else the current step's.
    let shown =
        Memo::new(move |_| focus.with(|f| step_form(&f.form).map_or(default, |form| form.key)));
    // The correction, if the focus is on one of a step form.
    let correcting = Memo::new(move |_| {
        focus.with(|f| {
            let fix = step_form(&f.form).is_some() && !f.replaces.is_empty();
            fix.then(|| (f.replaces.clone(), f.from.clone()))
        })
    });
    let ch2 = ch.clone();
    let body = move || {
        let f = form(shown.get());
        let corr: Fix = correcting.get();
        let init = corr
            .as_ref()
            .and_then(|(_, id)| {
                untrack(|| {
                    c.with_state(|s| {
                        s.cadre_selection
                            .cases
                            .get(&case_id())
                            .and_then(|x| x.entries.get(id).map(|e| fields_of(&e.record)))
                    })
                })
            })
            .unwrap_or_default();
        let ch = ch2.clone();
        let ch_read = ch.clone();
        let corr2 = corr.clone();
        view! {
            <form class="stack" data-testid="record-form" data-form=f.key on:submit=move |ev| {
                let v = FormValues::of(&ev);
                let case = case_id();
                let on = today();
                let p4 = c.with_state_untracked(|s| s.policies.at(on).w4);
                let cmd = read(f, &ch_read, &v, on, &p4).map(|record| match &corr2 {
                    Some((ids, _)) => Command::Correct { case, supersedes: ids.clone(), record, reason: v.get("correct_reason") },
                    None => Command::Record { case, record },
                });
                if send_all(c, cmd, err, ok, c.t("已记录", "Recorded")) {
                    // Stay on the form just used while its step is the current one (the
                    // next nomination, check, opinion); once the case moved on, follow it.
                    let now = c.with_state_untracked(|s| case_view(s, &case_id(), on).and_then(|v| v.current));
                    let form = if now == Some(f.step) { f.key.to_string() } else { String::new() };
                    focus.set(Focus { form, ..Focus::default() });
                }
            }>
                {corr.is_some().then(|| view! {
                    <p class="warn">{c.t("更正记录：提交后将形成新记录并引用原记录", "Correction: a new record referencing the original")}</p>
                    <label class="field"><span>{c.t("更正理由", "Reason for the correction")}</span><input type="text" name="correct_reason" /></label>
                    <crate::ui::components::FieldError err field="correct_reason" />
                })}
                {fields_view(zh, f, &ch, &init, &today().to_string(), err)}
                <FormError err />
                <Notice msg=ok err />
                <button type="submit" class="primary">{if corr.is_some() { c.t("提交更正", "Submit correction") } else { c.t("记录", "Record") }}</button>
            </form>
        }
    };
    view! {
        <section class="card" data-testid="record">
            <h2>{c.t("记录环节", "Record a step")}</h2>
            {form_selector(c, shown, move |key| {
                err.set(None);
                ok.set(String::new());
                focus.set(Focus { form: key, ..Focus::default() });
            })}
            {body}
        </section>
    }
}
