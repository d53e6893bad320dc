//! W4 selection cases: the list (with overdue 初次提交 and overall rates), opening a
//! case, and the case page — the "1+8" steps with status and reasons, windows, one
//! generic record form, corrections, ranking, disclosures, sign-off and submission.

use leptos::prelude::*;
use leptos_router::components::A;

use super::w4_cadres::sanling_line;
use std::fmt::Write;

use super::w4_common::{clicked_data, esc, input, pct, raw, select, send, FormValues};
use super::w4_forms::{describe, fields_of, fields_view, form, read, Choices, DIMS, FORMS};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::w4::{
    add_months, case_view, disclosures_for, overall_rates, ranking, Case, CaseView, Command,
    PersonalMatters, Round, SignOff, Step, Submission,
};
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice};
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
    super::segments(&path).get(2).cloned().unwrap_or_default()
}

/// The list of cases and the form to open one.
#[component]
pub fn W4Cases() -> impl IntoView {
    let c = use_ctx();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let body = move || {
        let zh = c.is_zh();
        let on = today();
        c.with_state(|s| {
            let policy = s.policies.at(on);
            let all = overall_rates(s, &policy);
            let mut rows = String::new();
            for x in s.w4.cases.values().filter(|x| x.opened_on.is_some()) {
                let Some(v) = case_view(s, &x.id, on) else { continue };
                let cur = v.current.map(|st| st.label(zh)).unwrap_or(c.t("全部完成", "all done"));
                let _ = write!(
                    rows,
                    "<li{} data-case='{id}'><a href='/w4/case/{id}'>{}</a><span class='meta'> · {cur} · {}{} · {}{}</span>",
                    if v.initial_overdue { " class='urgent'" } else { "" },
                    esc(&x.title),
                    c.t("填写率 ", "fill "),
                    pct(v.rates.fill_bp()),
                    c.t("完整度 ", "complete "),
                    pct(v.rates.completeness_bp()),
                    id = esc(&x.id),
                );
                if v.initial_overdue {
                    let _ = write!(
                        rows,
                        "<span class='warn'>{}{}{}</span>",
                        c.t(" · 初次提交已逾期（应于 ", " · initial submission overdue (due "),
                        v.initial_due.map(|d| d.to_string()).unwrap_or_default(),
                        c.t("）", ")")
                    );
                }
                rows.push_str("</li>");
            }
            let rows = format!("<ul class='list' data-testid='cases'>{rows}</ul>");
            view! {
                <p class="hint" data-testid="overall">{c.t("全部事项 填写率 ", "All cases: fill ")}{pct(all.fill_bp())}{c.t("，完整度 ", ", completeness ")}{pct(all.completeness_bp())}</p>
                {raw(rows)}
            }
        })
    };
    let posts: Vec<(String, String)> = untrack(|| {
        c.with_state(|s| {
            s.w4.posts
                .iter()
                .map(|(id, (_, _, p))| (id.clone(), format!("{}{}", p.unit, p.title)))
                .collect()
        })
    });
    let on = today();
    let form = view! {
                <h2>{c.t("新建选任事项", "Open a case")}</h2>
                <form class="stack" data-testid="open-case" on:submit=move |ev| {
                    let f = FormValues::of(&ev);
                    let cmd = f.date("on").map(|on| Command::OpenCase {
                        case: f.get("case").trim().to_string(),
                        title: f.get("title"),
                        posts: f.all("posts"),
                        on,
                    });
                    send(c, cmd, err, ok, c.t("选任事项已建立", "Case opened"));
                }>
                    {input(c.t("事项编号", "Case id"), "case", "text", String::new(), err)}
                    {input(c.t("选任事项名称", "Case title"), "title", "text", String::new(), err)}
                    <fieldset><legend>{c.t("职位", "Posts")}</legend>
                        {posts.into_iter().map(|(id, l)| view! {
                            <label class="choice"><span><input type="checkbox" name="posts" value=id />" "{l}</span></label>
                        }).collect_view()}
                        <crate::ui::components::FieldError err field="posts" />
                    </fieldset>
                    {input(c.t("建立日期", "Opened on"), "on", "date", on.to_string(), err)}
                    <FormError err />
                    <Notice msg=ok />
                    <button type="submit" class="primary">{c.t("建立", "Open")}</button>
                </form>
    };
    view! {
        <section class="card">
            <h1>{c.t("干部选拔任用纪实", "Cadre selection records")}</h1>
            <p><A href="/w4/cadres">{c.t("干部信息与职位 →", "Cadres and posts →")}</A></p>
            {body}
            {form}
        </section>
    }
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
    let Some(case) = s.w4.cases.get(id) else {
        return vec![];
    };
    let Some(v) = case_view(s, id, on) else {
        return vec![];
    };
    let p4 = s.policies.at(on).w4;
    let mut out = Vec::new();
    for e in case.records(Step::Nomination) {
        if let crate::domain::w4::StepRecord::Recommendation { on: r, .. } = &e.record {
            let end = add_months(*r, p4.recommendation_valid_months)
                .pred_opt()
                .unwrap_or(*r);
            out.push((
                Step::Nomination,
                format!(
                    "{}{r} – {end}",
                    c.t("民主推荐结果有效期 ", "Recommendation valid ")
                ),
            ));
        }
    }
    for d in disclosures_for(s, id, crate::domain::Role::Admin) {
        let round = if d.round == Round::First {
            c.t("第一次", "First")
        } else {
            c.t("第二次", "Second")
        };
        let step = if d.round == Round::First {
            Step::Inspection
        } else {
            Step::Decision
        };
        out.push((
            step,
            format!(
                "{} {}{}：{} – {}",
                d.name,
                round,
                c.t("有关事项公开", " disclosure"),
                d.start,
                d.end
            ),
        ));
    }
    if let Some(due) = v.initial_due {
        let late = if v.initial_overdue {
            c.t("（已逾期）", " (overdue)")
        } else {
            ""
        };
        out.push((
            Step::Decision,
            format!(
                "{}{due}{late}",
                c.t("初次提交截止 ", "Initial submission due ")
            ),
        ));
    }
    if let Some((a, b)) = v.publicity {
        out.push((
            Step::Publicity,
            format!(
                "{}{a} – {b}",
                c.t("任前公示（工作日）", "Publicity (working days) ")
            ),
        ));
    }
    for (cadre, (_, from)) in case.appointed() {
        let name = s.w4.cadre(&cadre).map(|p| p.name.clone()).unwrap_or(cadre);
        let end = add_months(from, p4.probation_months);
        out.push((
            Step::Probation,
            format!("{name} {}{from} – {end}", c.t("试用期 ", "probation ")),
        ));
    }
    out
}

/// One selection case.
#[component]
pub fn W4Case() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let kind = RwSignal::new(String::new());
    let correcting = RwSignal::new(None::<String>);
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let serr = RwSignal::new(None::<RecordError>);
    let sok = RwSignal::new(String::new());
    // "更正" buttons live in static markup: one delegated handler.
    let on_correct = move |ev: leptos::ev::MouseEvent| {
        if let Some(eid) = clicked_data(&ev, "data-correct") {
            let key = c.with_state(|s| {
                s.w4.cases
                    .get(&case_id())
                    .and_then(|x| x.entries.get(&eid))
                    .map(|e| e.record.form())
            });
            if let Some(key) = key {
                kind.set(key.to_string());
                correcting.set(Some(eid));
            }
        }
    };
    // Rebuild only when this case (or the cadres/posts it names) changed, so a
    // background sync does not reset a form being typed in.
    let id_m = id.clone();
    let version = Memo::new(move |_| {
        c.with_state(|s| {
            (
                s.w4.cases.get(&id_m).cloned(),
                s.w4.cadres.len(),
                s.w4.posts.len(),
            )
        })
    });
    let page = move || {
        version.with(|_| ());
        let on = today();
        let id = id.clone();
        untrack(|| {
            c.with_state(|s| {
            let Some(case) = s.w4.cases.get(&id).filter(|x| x.opened_on.is_some()) else {
                return view! { <section class="card"><p>{c.t("未找到该选任事项", "No such case")}</p></section> }.into_any();
            };
            let Some(v) = case_view(s, &id, on) else { return ().into_any() };
            let ch = Choices::of(s, case);
            let role = c.user.get_untracked().map(|u| u.role).unwrap_or(crate::domain::Role::Admin);
            let targets: Vec<(String, String)> = case
                .target_dates()
                .into_keys()
                .map(|k| {
                    let l = s.w4.cadre(&k).map(|p| p.name.clone()).unwrap_or(k.clone());
                    (k, l)
                })
                .collect();
            let head = format!(
                "<h1>{}</h1><p class='hint'>{} · {}{} · {}</p><p data-testid='rates'>{}<b>{}</b>{}<b>{}</b></p>",
                esc(&case.title),
                esc(&ch.posts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join("、")),
                c.t("建立于 ", "opened "),
                case.opened_on.map(|d| d.to_string()).unwrap_or_default(),
                esc(&case.opened_by),
                c.t("填写率 ", "Fill rate "),
                pct(v.rates.fill_bp()),
                c.t("，完整度 ", ", completeness "),
                pct(v.rates.completeness_bp()),
            );
            let links = format!(
                "<p class='actions'><a class='button' href='/w4/case/{0}/print'>{1}</a><a class='button' href='/w4/case/{0}/notice'>{2}</a></p>",
                esc(&id),
                c.t("纪实表", "Record sheet"),
                c.t("公示通知", "Publicity notice"),
            );
            let steps = steps_html(c, s, &id, &v, &ch) + &entries_hint(c);
            let rank = ranking_html(c, s, case, &ch);
            view! {
                <section class="card">
                    <A href="/w4">{c.t("← 选任事项", "← Cases")}</A>
                    {raw(head + &links)}
                </section>
                <RecordPanel ch current=v.current kind correcting err ok />
                <section class="card">{raw(steps)}</section>
                <section class="card">
                    <h2>{c.t("考察得分排序", "Inspection ranking")}</h2>
                    {raw(rank)}
                </section>
                <section class="card" data-testid="disclosures">
                    <h2>{c.t("有关事项公开", "Disclosures")}</h2>
                    {raw(disclosures_html(c, s, &id, role))}
                    <DiscloseForm targets />
                </section>
                <section class="card" data-testid="signoff">
                    <h2>{c.t("复核、签字与提交", "Re-check, sign-off and submission")}</h2>
                    <p class="hint">{c.t("顺序：复核 → 记录人 → 干部科科长 → 干部监督科科长 → 分管副部长", "Order: re-check → recorder → cadre section chief → supervision section chief → deputy head")}</p>
                    {[Submission::Initial, Submission::Second].into_iter().map(|node| {
                        let signed = case.signed(node);
                        let next = SignOff::CHAIN.into_iter().find(|x| !signed.contains_key(x)).unwrap_or(SignOff::DeputyHead);
                        view! { <SignNode node next html=sign_html(c, case, node) err=serr ok=sok /> }
                    }).collect_view()}
                    <FormError err=serr />
                    <Notice msg=sok />
                </section>
            }
            .into_any()
        })
        })
    };
    view! { <div on:click=on_correct>{page}</div> }
}

fn entries_hint(c: Ctx) -> String {
    format!(
        "<p class='hint'>{}</p>",
        c.t(
            "已记录的内容不可修改；如有错误，请点“更正”提交新记录并说明理由。",
            "Records cannot be changed; use “Correct” to add a new record with a reason."
        )
    )
}

fn steps_html(c: Ctx, s: &State, id: &str, v: &CaseView, ch: &Choices) -> String {
    let zh = c.is_zh();
    let wins = windows(c, s, id);
    let mut h = format!(
        "<p class='warn' data-testid='next'>{}</p><ol class='list' data-testid='steps'>",
        match v.current {
            Some(st) => format!("{}{}", c.t("下一步：", "Next: "), st.label(zh)),
            None => c.t("全部环节已完成", "Every step is complete").to_string(),
        }
    );
    for st in &v.steps {
        let current = v.current == Some(st.step);
        let _ = write!(
            h,
            "<li data-step='{:?}'{}><b>{}</b> <span class='{}'>{}</span>",
            st.step,
            if current { " class='urgent'" } else { "" },
            st.step.label(zh),
            if st.complete { "ok" } else { "hint" },
            status_text(c, st.complete, current)
        );
        for w in wins.iter().filter(|x| x.0 == st.step) {
            let _ = write!(
                h,
                "<div class='window' data-testid='window'>{}</div>",
                esc(&w.1)
            );
        }
        if !st.complete && (current || !st.entries.is_empty()) {
            h.push_str("<ul class='hint' data-testid='missing'>");
            for m in &st.missing {
                let _ = write!(h, "<li>{}</li>", esc(m));
            }
            h.push_str("</ul>");
        }
        for e in &st.entries {
            let key = e.record.form();
            let f = form(key);
            let _ = write!(
                h,
                "<div class='version' data-form='{key}'><b>{}</b>",
                if zh { f.zh } else { f.en }
            );
            for (l, t) in describe(zh, &e.record, ch) {
                let _ = write!(h, "<div><span class='hint'>{l}：</span>{}</div>", esc(&t));
            }
            if !e.supersedes.is_empty() {
                let _ = write!(
                    h,
                    "<div class='warn'>{}{}</div>",
                    c.t("更正原记录，理由：", "Corrects an earlier record: "),
                    esc(&e.reason)
                );
            }
            let _ = write!(
                h,
                "<div class='meta'>{} · {}</div><button type='button' data-correct='{}'>{}</button></div>",
                esc(&e.author),
                format_beijing(e.recorded_at),
                esc(&e.id),
                c.t("更正", "Correct")
            );
        }
        h.push_str("</li>");
    }
    h.push_str("</ol>");
    h
}

fn ranking_html(c: Ctx, s: &State, case: &Case, ch: &Choices) -> String {
    let zh = c.is_zh();
    let mut h = String::new();
    for (pid, pl) in &ch.posts {
        let _ = write!(
            h,
            "<h3>{}</h3><div class='scroll'><table data-testid='ranking'><thead><tr><th>{}</th><th>{}</th>",
            esc(pl),
            c.t("名次", "Rank"),
            c.t("姓名", "Name")
        );
        for d in DIMS {
            let _ = write!(h, "<th class='num'>{}</th>", if zh { d.1 } else { d.2 });
        }
        let _ = write!(
            h,
            "<th class='num'>{}</th><th>{}</th></tr></thead><tbody>",
            c.t("合计", "Total"),
            c.t("延伸考察", "Extended")
        );
        for t in ranking(case, pid) {
            let name =
                s.w4.cadre(&t.cadre)
                    .map(|p| p.name.clone())
                    .unwrap_or(t.cadre.clone());
            let _ = write!(h, "<tr><td>{}</td><td>{}</td>", t.rank, esc(&name));
            for x in t.scores.all() {
                let _ = write!(h, "<td class='num'>{x}</td>");
            }
            let _ = write!(
                h,
                "<td class='num'><b>{}</b></td><td>{}</td></tr>",
                t.total,
                if t.extended { c.t("是", "yes") } else { "" }
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h
}

fn disclosures_html(c: Ctx, s: &State, id: &str, role: crate::domain::Role) -> String {
    let zh = c.is_zh();
    let mut h = String::new();
    for d in disclosures_for(s, id, role) {
        let round = if d.round == Round::First {
            c.t("第一次公开", "First disclosure")
        } else {
            c.t("第二次公开", "Second disclosure")
        };
        let _ = write!(
            h,
            "<div class='version'><b>{} · {round} · {} – {}</b>",
            esc(&d.name),
            d.start,
            d.end
        );
        match &d.content {
            Some((m, _)) => {
                let line =
                    s.w4.cadre(&d.cadre)
                        .map(|p| sanling_line(p, d.start, zh))
                        .unwrap_or_default();
                let _ = write!(h, "<div data-testid='matters'><div>{}</div>", esc(&line));
                for (k, z, e) in MATTERS {
                    let _ = write!(
                        h,
                        "<div><span class='hint'>{}：</span>{}</div>",
                        if zh { z } else { e },
                        esc(&matter(m, k))
                    );
                }
                h.push_str("</div>");
            }
            None => {
                let _ = write!(
                    h,
                    "<div class='hint' data-testid='matters-hidden'>{}</div>",
                    c.t(
                        "已公开（内容仅限记录人、审核人、审批人查看）",
                        "Disclosed (content visible to recorder, reviewers and approver only)"
                    )
                );
            }
        }
        h.push_str("</div>");
    }
    h
}

fn sign_html(c: Ctx, case: &Case, node: Submission) -> String {
    let signed = case.signed(node);
    let mut h = format!("<b>{}</b><table><tbody>", node.label());
    for x in SignOff::CHAIN {
        let t = signed
            .get(&x)
            .map(|g| format!("{} · {}", esc(&g.signer), g.on))
            .unwrap_or_else(|| c.t("待签", "pending").to_string());
        let _ = write!(h, "<tr><td>{}</td><td>{t}</td></tr>", x.label());
    }
    let _ = write!(
        h,
        "</tbody></table><p>{}</p>",
        match case.submitted(node) {
            Some(d) => format!("{}{d}", c.t("已提交：", "Submitted: ")),
            None => c.t("尚未提交", "Not submitted").to_string(),
        }
    );
    h
}

/// One submission node: its chain (static), a sign form and a submit form.
#[component]
fn SignNode(
    node: Submission,
    next: SignOff,
    html: String,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    view! {
        <div class="version" data-node=format!("{node:?}")>
            {raw(html)}
            <form class="actions" data-testid=format!("sign-{node:?}") on:submit=move |ev| {
                let f = FormValues::of(&ev);
                let sign = SignOff::CHAIN.into_iter().find(|x| format!("{x:?}") == f.get("sign")).unwrap_or(SignOff::Recheck);
                send(c, Ok(Command::Sign { case: case_id(), node, sign }), err, ok, c.t("已签字", "Signed"));
            }>
                <select name="sign">
                    {SignOff::CHAIN.into_iter().map(|x| view! { <option value=format!("{x:?}") selected=x == next>{x.label()}</option> }).collect_view()}
                </select>
                <button type="submit">{c.t("以当前用户签字", "Sign as me")}</button>
            </form>
            <form class="actions" data-testid=format!("submit-{node:?}") on:submit=move |ev| {
                let f = FormValues::of(&ev);
                let cmd = f.date("on").map(|on| Command::Submit { case: case_id(), node, on });
                send(c, cmd, err, ok, c.t("已提交", "Submitted"));
            }>
                <input type="date" name="on" value=today().to_string() />
                <button type="submit">{node.label()}</button>
            </form>
        </div>
    }
}

/// The record form for the chosen form kind (default: the current step's first),
/// or the correction of an entry.
#[component]
fn RecordPanel(
    ch: Choices,
    current: Option<Step>,
    kind: RwSignal<String>,
    correcting: RwSignal<Option<String>>,
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
    let ch2 = ch.clone();
    let body = move || {
        let k = kind.get();
        let f = form(if k.is_empty() { default } else { &k });
        let corr = correcting.get();
        let init = corr
            .as_ref()
            .and_then(|id| {
                untrack(|| {
                    c.with_state(|s| {
                        s.w4.cases
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
                let cmd = read(f, &ch_read, &v).map(|record| match &corr2 {
                    Some(id) => Command::Correct { case, supersedes: id.clone(), record, reason: v.get("correct_reason") },
                    None => Command::Record { case, record },
                });
                if send(c, cmd, err, ok, c.t("已记录", "Recorded")) {
                    correcting.set(None);
                }
            }>
                {corr.is_some().then(|| view! {
                    <p class="warn">{c.t("更正记录：提交后将形成新记录并引用原记录", "Correction: a new record referencing the original")}</p>
                    <label class="field"><span>{c.t("更正理由", "Reason for the correction")}</span><input type="text" name="correct_reason" /></label>
                    <crate::ui::components::FieldError err field="reason" />
                })}
                {fields_view(zh, f, &ch, &init, &today().to_string(), err)}
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{if corr.is_some() { c.t("提交更正", "Submit correction") } else { c.t("记录", "Record") }}</button>
            </form>
        }
    };
    view! {
        <section class="card" data-testid="record">
            <h2>{c.t("记录环节", "Record a step")}</h2>
            <label class="field">
                <span>{c.t("表单", "Form")}</span>
                <select name="form" on:change=move |ev| { correcting.set(None); kind.set(event_target_value(&ev)); }>
                    {FORMS.iter().map(|f| {
                        let sel = f.key == default;
                        view! { <option value=f.key selected=sel>{format!("{} · {}", f.step.label(zh), if zh { f.zh } else { f.en })}</option> }
                    }).collect_view()}
                </select>
            </label>
            {body}
        </section>
    }
}

/// Record a disclosure of a target's nine matters.
#[component]
fn DiscloseForm(targets: Vec<(String, String)>) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let rounds = vec![
        (
            "first".to_string(),
            c.t(
                "第一次（考察对象确定后、讨论决定前）",
                "First (after targeting, before the decision)",
            )
            .to_string(),
        ),
        (
            "second".to_string(),
            c.t("第二次（讨论决定后）", "Second (after the decision)")
                .to_string(),
        ),
    ];
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let mut m = serde_json::Map::new();
        for (k, _, _) in MATTERS {
            m.insert(k.to_string(), serde_json::Value::String(f.get(k)));
        }
        let matters: PersonalMatters =
            serde_json::from_str(&serde_json::Value::Object(m).to_string()).unwrap_or_default();
        let cmd = f.date("start").map(|start| Command::Disclose {
            case: case_id(),
            cadre: f.get("cadre"),
            round: if f.get("round") == "second" {
                Round::Second
            } else {
                Round::First
            },
            start,
            matters,
        });
        send(c, cmd, err, ok, c.t("公开已记录", "Disclosure recorded"));
    };
    view! {
        <details>
            <summary>{c.t("记录有关事项公开", "Record a disclosure")}</summary>
            <form class="stack" data-testid="disclose-form" on:submit=on_submit>
                {select(c.t("考察对象", "Target"), "cadre", targets, String::new(), err)}
                {select(c.t("公开轮次", "Round"), "round", rounds, String::new(), err)}
                {input(c.t("公开开始日期", "Starts on"), "start", "date", today().to_string(), err)}
                {MATTERS.iter().map(|&(k, z, e)| input(if zh { z } else { e }, k, "text", String::new(), err)).collect_view()}
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{c.t("记录公开", "Record disclosure")}</button>
            </form>
        </details>
    }
}
