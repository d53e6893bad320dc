//! W4 selection cases: the list (with overdue 初次提交 and overall rates), opening a
//! case, and the case page — the "1+8" steps with status and reasons, windows, one
//! generic record form, corrections, ranking, disclosures, sign-off and submission.

use crate::route::Route;
use leptos::prelude::*;

use super::common::{
    act, el, input, lines, link, pct, render, render_all, select, send, send_all, t, table,
    FormValues, Node,
};
use super::forms::{describe, fields_of, fields_view, form, read, Choices, DIMENSIONS, FORMS};
use super::review::{
    disclosure_nodes, ending_text, reviews_node, signoff_section, DiscloseForm, DisclosureFix,
    EndingFix,
};
use crate::domain::cadre_selection::screens::case_list;
use crate::domain::cadre_selection::{
    add_months, case_view, disclosures_for, form_label, ranking, Action, Case, CaseView, Command,
    Ending, PersonalMatters, Round, Step, StepEntry,
};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::store::RecordError;
use crate::ui::components::{screen_view, FormError, Notice};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// The nine personal matters: (field, zh, en).
pub const MATTERS: [(&str, &str, &str); 9] = [
    ("marriage", "婚姻变化情况", "Marriage"),
    ("passports", "持有因私出入境证件情况", "Passports"),
    ("trips_abroad", "因私出国（境）情况", "Private trips abroad"),
    (
        "family_emigration",
        "配偶、子女移居国（境）外情况",
        "Family emigration",
    ),
    (
        "family_employment",
        "配偶、子女从业情况",
        "Family employment",
    ),
    ("pay", "本人工资及各类奖金、津贴、补贴", "Pay"),
    ("property", "房产情况", "Property"),
    ("investments", "投资情况", "Investments"),
    (
        "family_companies",
        "配偶、子女经商办企业情况",
        "Family companies",
    ),
];

/// The value of matter `key`.
pub fn matter(m: &PersonalMatters, key: &str) -> String {
    let text = serde_json::to_string(m).unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(o)) => o
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    }
}

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

fn status_text(c: Ctx, complete: bool, current: bool) -> &'static str {
    match (complete, current) {
        (true, _) => c.t("✓ 已完成", "✓ complete"),
        (false, true) => c.t("● 当前环节", "● current"),
        _ => c.t("○ 未开始", "○ not started"),
    }
}

/// Windows of a case shown beside its steps: (step, text).
fn windows(c: Ctx, s: &State, id: &str) -> Vec<(Step, String)> {
    let on = today();
    let (Some(case), Some(v)) = (s.cadre_selection.cases.get(id), case_view(s, id, on)) else {
        return vec![];
    };
    let p4 = s.policies.at(on).w4;
    let mut out = Vec::new();
    for e in case.records(Step::Nomination) {
        if let crate::domain::cadre_selection::StepRecord::Recommendation { on: r, .. } = &e.record
        {
            let end = add_months(*r, p4.recommendation_valid_months)
                .pred_opt()
                .unwrap_or(*r);
            let label = c.t("民主推荐结果有效期 ", "Recommendation valid ");
            out.push((Step::Nomination, format!("{label}{r} – {end}")));
        }
    }
    out.extend(disclosure_windows(c, s, id));
    if let Some(due) = v.initial_due {
        let late = if v.initial_overdue {
            c.t("（已逾期）", " (overdue)")
        } else {
            ""
        };
        let label = c.t("初次提交截止 ", "Initial submission due ");
        out.push((Step::Decision, format!("{label}{due}{late}")));
    }
    if let Some((a, b)) = v.publicity {
        let label = c.t("任前公示（工作日）", "Publicity (working days) ");
        out.push((Step::Publicity, format!("{label}{a} – {b}")));
    }
    for (cadre, (_, from)) in case.appointed() {
        let end = add_months(from, p4.probation_months);
        let (name, label) = (
            s.cadre_selection.cadre_name(&cadre),
            c.t("试用期 ", "probation "),
        );
        out.push((Step::Probation, format!("{name} {label}{from} – {end}")));
    }
    out
}

/// The disclosure windows: the first beside 组织考察, the second beside 讨论决定.
fn disclosure_windows(c: Ctx, s: &State, id: &str) -> Vec<(Step, String)> {
    disclosures_for(s, id, crate::domain::Role::Admin)
        .into_iter()
        .map(|d| {
            let (step, round) = match d.round {
                Round::First => (
                    Step::Inspection,
                    c.t("第一次有关事项公开", "first disclosure"),
                ),
                Round::Second => (
                    Step::Decision,
                    c.t("第二次有关事项公开", "second disclosure"),
                ),
            };
            let colon = c.t("：", ": ");
            (
                step,
                format!("{} {round}{colon}{} – {}", d.name, d.start, d.end),
            )
        })
        .collect()
}

/// A correction being entered: the live records it replaces (one, or every record
/// of a conflict) and the one whose content prefills the form.
type Fix = Option<(Vec<String>, String)>;

/// One selection case.
#[component]
pub fn CasePage() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let sig = Signals {
        kind: RwSignal::new(String::new()),
        correcting: RwSignal::new(None),
        disclosing: RwSignal::new(None),
        err: RwSignal::new(None),
        ok: RwSignal::new(String::new()),
        serr: RwSignal::new(None),
        sok: RwSignal::new(String::new()),
    };
    // Rebuild only when this case (or the cadres, posts and cases it counts) changed,
    // so a background sync does not reset a form being typed in.
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
    let page = move || {
        version.with(|_| ());
        let id = id.clone();
        untrack(|| c.with_state(|s| case_page(c, s, &id, sig)))
    };
    view! { <div>{page}</div> }
}

/// The signals of a case page: the form being recorded or corrected, the disclosure
/// being corrected, and the outcomes shown.
#[derive(Clone, Copy)]
struct Signals {
    kind: RwSignal<String>,
    correcting: RwSignal<Fix>,
    disclosing: RwSignal<DisclosureFix>,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    serr: RwSignal<Option<RecordError>>,
    sok: RwSignal<String>,
}

/// The case page as it stands.
fn case_page(c: Ctx, s: &State, id: &str, sig: Signals) -> AnyView {
    let Some(case) = s
        .cadre_selection
        .cases
        .get(id)
        .filter(|x| x.opened_on.is_some())
    else {
        return view! { <section class="card"><p>{c.t("未找到该选任事项", "No such case")}</p></section> }.into_any();
    };
    let Some(v) = case_view(s, id, today()) else {
        return ().into_any();
    };
    let ch = Choices::of(s, case, c.is_zh());
    let role = c
        .user
        .get_untracked()
        .map(|u| u.role)
        .unwrap_or(crate::domain::Role::Admin);
    let targets: Vec<(String, String)> = case
        .target_dates()
        .into_keys()
        .map(|k| (k.clone(), Choices::name(&ch.cadres, &k)))
        .collect();
    // Only the forms and buttons the user's role may use here are shown (`Action`,
    // what the decider enforces); the others are replaced by a line saying who may.
    let may_record = Action::Record.allows(role);
    let ended = v.ended.is_some();
    // An ended case takes no correction (the decider refuses: `w4.case_ended`).
    let fix = Fixes {
        c,
        correcting: sig.correcting,
        kind: sig.kind,
        may_record: may_record && !ended,
    };
    let endings: Vec<String> = case.live_endings().iter().map(|e| e.id.clone()).collect();
    let posts = ch
        .posts
        .iter()
        .map(|p| p.1.as_str())
        .collect::<Vec<_>>()
        .join(c.t("、", ", "));
    let (kind, correcting, err, ok) = (sig.kind, sig.correcting, sig.err, sig.ok);
    let only = |a: Action| {
        let why = a.only();
        view! { <p class="hint" data-testid="not-yours">{if c.is_zh() { why.zh } else { why.en }}</p> }
    };
    view! {
        {render(head_node(c, case, &v, &posts, id))}
        {render_all(reviews_node(c, &v).into_iter().chain(conflicts_node(fix, &v, &ch)).collect())}
        {(!ended && may_record).then(|| view! {
            <RecordPanel ch=ch.clone() current=v.current kind correcting err ok />
            <EndForm />
        })}
        {(!ended && !may_record).then(|| view! { <section class="card" data-testid="record">{only(Action::Record)}</section> })}
        {(!endings.is_empty() && may_record).then(|| view! { <EndingFix endings /> })}
        {render(el("section", "card", steps_nodes(s, id, &v, &ch, fix)))}
        {render(el("section", "card", ranking_nodes(c, s, case, &ch)))}
        <section class="card" data-testid="disclosures">
            <h2>{c.t("有关事项公开", "Disclosures")}</h2>
            {render_all(disclosure_nodes(c, s, case, role, sig.disclosing))}
            {may_record.then(|| view! { <DiscloseForm targets fixing=sig.disclosing /> })}
        </section>
        {signoff_section(c, case, role, sig.serr, sig.sok)}
    }
    .into_any()
}

/// The case's title, posts, rates, ending and document links.
fn head_node(c: Ctx, case: &Case, v: &CaseView, posts: &str, id: &str) -> Node {
    let rates = el(
        "p",
        "",
        vec![
            t(c.t("填写率 ", "Fill rate ")),
            el("b", "", vec![t(pct(v.rates.fill_bp()))]),
            t(c.t("，完整度 ", ", completeness ")),
            el("b", "", vec![t(pct(v.rates.completeness_bp()))]),
        ],
    )
    .attr("data-testid", "rates");
    let opened = case.opened_on.map(|d| d.to_string()).unwrap_or_default();
    let doc =
        |label: &str, route: Route| el("a", "button", vec![t(label)]).attr("href", route.href());
    let mut kids = vec![
        link(c.t("← 选任事项", "← Cases"), Route::Cases.href()),
        el("h1", "", vec![t(case.title.clone())]),
        el(
            "p",
            "hint",
            vec![t(format!(
                "{posts} · {}{opened} · {}",
                c.t("建立于 ", "opened "),
                case.opened_by
            ))],
        ),
        rates,
    ];
    if let Some(e) = &v.ended {
        kids.push(el("p", "warn", vec![t(ending_text(c, e))]).attr("data-testid", "ended"));
    }
    kids.push(el(
        "p",
        "actions",
        vec![
            doc(
                c.t("纪实表", "Record sheet"),
                Route::CasePrint(id.to_string()),
            ),
            doc(
                c.t("公示通知", "Publicity notice"),
                Route::CaseNotice(id.to_string()),
            ),
        ],
    ));
    el("section", "card", kids)
}

/// The groups of conflicting records, each to be corrected into one.
fn conflicts_node(fix: Fixes, v: &CaseView, ch: &Choices) -> Option<Node> {
    let c = fix.c;
    if v.conflicts.is_empty() {
        return None;
    }
    let mut kids = vec![el(
        "h2",
        "warn",
        vec![t(c.t(
            "记录冲突：须更正为一条有效记录",
            "Conflicting records: correct them into one",
        ))],
    )];
    for g in &v.conflicts {
        kids.push(el(
            "div",
            "version",
            g.iter().map(|e| fix.entry(e, ch, v)).collect(),
        ));
    }
    Some(el("section", "card", kids).attr("data-testid", "conflicts"))
}

/// Shows entries with their "correct" button (which, for a record in a conflict,
/// corrects the whole conflict).
#[derive(Clone, Copy)]
struct Fixes {
    c: Ctx,
    correcting: RwSignal<Fix>,
    kind: RwSignal<String>,
    /// The user may record (and so correct); otherwise entries show no button.
    may_record: bool,
}

impl Fixes {
    fn entry(self, e: &StepEntry, ch: &Choices, v: &CaseView) -> Node {
        let c = self.c;
        let zh = c.is_zh();
        let key = e.record.form();
        let group: Vec<String> = v
            .conflicts
            .iter()
            .find(|g| g.iter().any(|x| x.id == e.id))
            .map(|g| g.iter().map(|x| x.id.clone()).collect())
            .unwrap_or_else(|| vec![e.id.clone()]);
        let label = if group.len() > 1 {
            c.t("以此为准更正", "Correct, keeping this one")
        } else {
            c.t("更正", "Correct")
        };
        let fix = (group, e.id.clone());
        let mut kids = vec![el("b", "", vec![t(form_label(key, zh))])];
        kids.extend(lines(
            zh,
            describe(zh, &e.record, ch)
                .into_iter()
                .map(|(l, x)| (l.to_string(), x))
                .collect(),
        ));
        let unusable = v.steps.iter().flat_map(|s| s.unusable.iter());
        if let Some((_, m)) = unusable.into_iter().find(|(id, _)| *id == e.id) {
            let why = if zh { m.zh.clone() } else { m.en.clone() };
            kids.push(el("div", "warn", vec![t(why)]).attr("data-testid", "unusable"));
        }
        if !e.supersedes.is_empty() {
            let why = format!(
                "{}{}",
                c.t("更正原记录，理由：", "Corrects an earlier record: "),
                e.reason
            );
            kids.push(el("div", "warn", vec![t(why)]));
        }
        let meta = format!(
            "{} · {} · {}",
            e.author,
            format_beijing(e.recorded_at),
            e.device
        );
        kids.push(el("div", "meta", vec![t(meta)]));
        if self.may_record {
            kids.push(act(label, move || {
                self.kind.set(key.to_string());
                self.correcting.set(Some(fix.clone()));
            }));
        }
        el("div", "version", kids).attr("data-form", key)
    }
}

fn steps_nodes(s: &State, id: &str, v: &CaseView, ch: &Choices, fix: Fixes) -> Vec<Node> {
    let c = fix.c;
    let zh = c.is_zh();
    let wins = windows(c, s, id);
    let next = match (&v.ended, v.current) {
        (Some(_), _) => c.t("本事项已终止", "This case has ended").to_string(),
        (None, Some(st)) => format!("{}{}", c.t("下一步：", "Next: "), st.label(zh)),
        (None, None) => c.t("全部环节已完成", "Every step is complete").to_string(),
    };
    let steps = v
        .steps
        .iter()
        .map(|st| {
            let current = v.current == Some(st.step);
            let status = el(
                "span",
                if st.complete { "ok" } else { "hint" },
                vec![t(status_text(c, st.complete, current))],
            );
            let mut kids = vec![el("b", "", vec![t(st.step.label(zh))]), t(" "), status];
            for w in wins.iter().filter(|w| w.0 == st.step) {
                kids.push(el("div", "window", vec![t(w.1.clone())]).attr("data-testid", "window"));
            }
            if !st.complete && (current || !st.entries.is_empty()) {
                let items = st
                    .reasons
                    .iter()
                    .map(|m| el("li", "", vec![t(if zh { &m.zh } else { &m.en }.clone())]))
                    .collect();
                kids.push(el("ul", "hint", items).attr("data-testid", "missing"));
            }
            kids.extend(st.entries.iter().map(|e| fix.entry(e, ch, v)));
            el("li", if current { "urgent" } else { "" }, kids)
                .attr("data-step", format!("{:?}", st.step))
        })
        .collect();
    vec![
        el("p", "warn", vec![t(next)]).attr("data-testid", "next"),
        el("ol", "list", steps).attr("data-testid", "steps"),
        el(
            "p",
            "hint",
            vec![t(c.t(
                "已记录的内容不可修改；如有错误，请点“更正”提交新记录并说明理由。",
                "Records cannot be changed; use “Correct” to add a new record with a reason.",
            ))],
        ),
    ]
}

fn ranking_nodes(c: Ctx, s: &State, case: &Case, ch: &Choices) -> Vec<Node> {
    let zh = c.is_zh();
    let mut out = vec![el(
        "h2",
        "",
        vec![t(c.t("考察得分排序", "Inspection ranking"))],
    )];
    for (pid, pl) in &ch.posts {
        let mut head = vec![
            c.t("名次", "Rank").to_string(),
            c.t("姓名", "Name").to_string(),
        ];
        head.extend(
            DIMENSIONS
                .iter()
                .map(|d| if zh { d.zh } else { d.en }.to_string()),
        );
        head.extend([
            c.t("合计", "Total").to_string(),
            c.t("延伸考察", "Extended").to_string(),
        ]);
        let rows = ranking(case, pid)
            .into_iter()
            .map(|r| {
                let mut row = vec![r.rank.to_string(), s.cadre_selection.cadre_name(&r.cadre)];
                row.extend(r.scores.all().iter().map(|x| x.to_string()));
                row.push(r.total.to_string());
                row.push(if r.extended { c.t("是", "yes") } else { "" }.to_string());
                row
            })
            .collect();
        out.push(el("h3", "", vec![t(pl.clone())]));
        out.push(table("ranking", head, rows));
    }
    out
}

/// End the case without appointment, with the reason.
#[component]
fn EndForm() -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let endings = Ending::ALL
        .iter()
        .map(|e| (e.key().to_string(), e.label(zh).to_string()))
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let ending = Ending::ALL
            .into_iter()
            .find(|e| e.key() == f.get("ending"))
            .unwrap_or(Ending::Withdrawn);
        let cmd = f.date("on").map(|on| Command::EndCase {
            case: case_id(),
            on,
            ending,
            reason: f.get("reason"),
        });
        send(c, cmd, err, ok, c.t("事项已终止", "Case ended"));
    };
    view! {
        <details class="card">
            <summary>{c.t("终止事项（未任职）", "End the case without appointment")}</summary>
            <form class="stack" data-testid="end-form" on:submit=on_submit>
                {select(c.t("终止原因", "Why"), "ending", endings, String::new(), err)}
                {input(c.t("终止日期", "Ended on"), "on", "date", today().to_string(), err)}
                {input(c.t("情况说明", "Reason"), "reason", "area", String::new(), err)}
                <FormError err />
                <Notice msg=ok err />
                <button type="submit" class="primary">{c.t("终止事项", "End the case")}</button>
            </form>
        </details>
    }
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

/// The record form for the chosen form kind (default: the current step's first),
/// or the correction of an entry. One signal, `kind`, drives both the selector and
/// the fields under it, so they always show the same form.
#[component]
fn RecordPanel(
    ch: Choices,
    current: Option<Step>,
    kind: RwSignal<String>,
    correcting: RwSignal<Fix>,
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
    let shown = Memo::new(move |_| kind.with(|k| if k.is_empty() { default } else { form(k).key }));
    let ch2 = ch.clone();
    let body = move || {
        let f = form(shown.get());
        let corr = correcting.get();
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
                    correcting.set(None);
                    // Stay on the form just used while its step is the current one (the
                    // next nomination, check, opinion); once the case moved on, follow it.
                    let now = c.with_state_untracked(|s| case_view(s, &case_id(), on).and_then(|v| v.current));
                    kind.set(if now == Some(f.step) { f.key.to_string() } else { String::new() });
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
                correcting.set(None);
                err.set(None);
                ok.set(String::new());
                kind.set(key);
            })}
            {body}
        </section>
    }
}
