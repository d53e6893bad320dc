//! Printable W4 documents: the 纪实表 of a case (every step, who recorded and signed
//! what, when; how it ended) and the 任前公示 notice. Plain Leptos views of text (no
//! markup from data); print CSS fits A4 and phones.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::w4_cadres::sanling_line;
use super::w4_case::{case_id, matter, MATTERS};
use super::w4_common::{lines, pct, table};
use super::w4_forms::{describe, Choices};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::w4::{
    case_view, current_position, disclosures_for, form_label, Case, Round, SignOff, Step,
    StepEntry, StepRecord, Submission,
};
use crate::domain::Role;
use crate::ui::ctx::{today, use_ctx, Ctx};

fn print_button() -> impl IntoView {
    let c = use_ctx();
    view! {
        <p class="actions no-print">
            <a href=format!("/w4/case/{}", case_id()) class="button">{c.t("← 返回", "← Back")}</a>
            <button type="button" class="primary" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{c.t("打印", "Print")}</button>
        </p>
    }
}

/// One record in the sheet: its form, its lines, a correction's reason.
fn record_cell(c: Ctx, e: &StepEntry, ch: &Choices) -> impl IntoView {
    let zh = c.is_zh();
    let items = describe(zh, &e.record, ch)
        .into_iter()
        .map(|(l, t)| (l.to_string(), t))
        .collect();
    let reason = (!e.supersedes.is_empty()).then(|| {
        format!(
            "{}{}",
            c.t("（更正）理由：", "(correction) reason: "),
            e.reason
        )
    });
    view! {
        <td><b>{form_label(e.record.form(), zh)}</b>{lines(items)}{reason.map(|r| view! { <div>{r}</div> })}</td>
        <td class="meta">{e.author.clone()}<br />{format_beijing(e.recorded_at)}</td>
    }
}

/// The rows of one step: its records, or "no record".
fn step_rows(c: Ctx, case: &Case, step: Step, ch: &Choices) -> impl IntoView {
    let zh = c.is_zh();
    let entries = case.records(step);
    let span = entries.len().max(1).to_string();
    let head = view! { <th rowspan=span>{step.label(zh)}</th> };
    if entries.is_empty() {
        return view! { <tr>{head}<td colspan="2" class="hint">{c.t("（无记录）", "(no record)")}</td></tr> }
            .into_any();
    }
    let mut head = Some(head);
    entries
        .into_iter()
        .map(|e| view! { <tr>{head.take()}{record_cell(c, e, ch)}</tr> })
        .collect_view()
        .into_any()
}

/// Signatures of both nodes: valid ones, and stale ones marked as such.
fn sign_table(c: Ctx, case: &Case) -> impl IntoView {
    let mut head = vec![String::new()];
    head.extend(SignOff::CHAIN.iter().map(|x| x.label().to_string()));
    head.push(c.t("提交", "Submitted").to_string());
    let rows = [Submission::Initial, Submission::Second]
        .into_iter()
        .map(|node| {
            let signed = case.signed(node);
            let stale = case.stale_signatures(node);
            let mut row = vec![node.label().to_string()];
            for x in SignOff::CHAIN {
                row.push(match (signed.get(&x), stale.iter().find(|g| g.sign == x)) {
                    (Some(g), _) => format!("{} {}", g.signer, g.on),
                    (None, Some(g)) => format!(
                        "{} {}{}",
                        g.signer,
                        g.on,
                        c.t("（内容已更正，须重签）", " (record changed: sign again)")
                    ),
                    (None, None) => String::new(),
                });
            }
            row.push(
                case.submission(node)
                    .map(|x| x.on.to_string())
                    .unwrap_or_default(),
            );
            row
        })
        .collect();
    table("signatures", head, rows)
}

fn disclosure_table(c: Ctx, s: &State, id: &str, role: Role) -> impl IntoView {
    let zh = c.is_zh();
    let rows = disclosures_for(s, id, role)
        .into_iter()
        .map(|d| {
            let round = if d.round == Round::First {
                c.t("第一次", "first")
            } else {
                c.t("第二次", "second")
            };
            let content = match &d.content {
                Some((m, _)) => MATTERS
                    .iter()
                    .map(|(k, z, e)| format!("{}：{}", if zh { *z } else { *e }, matter(m, k)))
                    .collect::<Vec<_>>()
                    .join("；"),
                None => c
                    .t(
                        "内容仅限记录人、审核人、审批人查看",
                        "content visible to recorder, reviewers and approver only",
                    )
                    .to_string(),
            };
            vec![
                format!("{} {round}", d.name),
                format!("{} – {}", d.start, d.end),
                content,
            ]
        })
        .collect();
    let head = vec![
        c.t("公开对象", "Cadre").to_string(),
        c.t("公开期", "Window").to_string(),
        c.t("内容", "Content").to_string(),
    ];
    table("disclosure-sheet", head, rows)
}

fn sheet(c: Ctx, s: &State, id: &str, role: Role) -> Option<AnyView> {
    let zh = c.is_zh();
    let case = s.w4.cases.get(id)?;
    let v = case_view(s, id, today())?;
    let ch = Choices::of(s, case);
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let ended = v.ended.as_ref().map(|e| {
        format!(
            "{}{} · {} · {} · {}",
            c.t("本事项已终止（未任职）：", "Ended without appointment: "),
            e.ending.label(zh),
            e.on,
            e.reason,
            e.author
        )
    });
    Some(view! {
        <article class="doc" data-testid="record-sheet">
            <h1 class="doc-title">{c.t("干部选拔任用工作纪实表", "Cadre selection full-process record")}</h1>
            <p>{c.t("事项：", "Case: ")}{case.title.clone()}" · "{c.t("职位：", "Posts: ")}{posts.join("、")}</p>
            <p>
                {c.t("建立：", "Opened: ")}{case.opened_on.map(|d| d.to_string())}" "{case.opened_by.clone()}
                " · "{c.t("填写率 ", "fill ")}{pct(v.rates.fill_bp())}" · "{c.t("完整度 ", "completeness ")}{pct(v.rates.completeness_bp())}
            </p>
            {ended.map(|t| view! { <p class="warn" data-testid="ended">{t}</p> })}
            <table class="sheet">
                <thead><tr><th>{c.t("环节", "Step")}</th><th>{c.t("纪实内容", "Record")}</th><th>{c.t("记录人/时间", "By / when")}</th></tr></thead>
                <tbody>{Step::ALL.into_iter().map(|step| step_rows(c, case, step, &ch)).collect_view()}</tbody>
            </table>
            <h2>{c.t("有关事项公开", "Disclosures")}</h2>
            {disclosure_table(c, s, id, role)}
            <h2>{c.t("复核、签字与提交", "Re-check, signatures, submission")}</h2>
            {sign_table(c, case)}
        </article>
    }
    .into_any())
}

/// 干部选拔任用工作纪实表.
#[component]
pub fn W4Print() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let role = c
        .user
        .get_untracked()
        .map(|u| u.role)
        .unwrap_or(Role::Admin);
    let body = c.with_state(|s| sheet(c, s, &id, role));
    view! { {print_button()} {body} }
}

fn ym(d: NaiveDate) -> String {
    format!("{}年{:02}月", d.year(), d.month())
}

fn ymd(d: NaiveDate) -> String {
    format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
}

fn notice(s: &State, id: &str) -> Option<AnyView> {
    let case = s.w4.cases.get(id)?;
    let (start, end) = case.publicity()?;
    let channel = case
        .records(Step::Publicity)
        .into_iter()
        .find_map(|e| match &e.record {
            StepRecord::PublicityOpened { channel, .. } => Some(channel.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let rows: Vec<Vec<String>> = case
        .decided()
        .into_iter()
        .filter_map(|(cadre, (post, _))| {
            let p = s.w4.cadre(&cadre)?;
            let proposed =
                s.w4.post(&post)
                    .map(|x| format!("{}{}", x.unit, x.title))
                    .unwrap_or(post);
            let now = current_position(p, start)
                .map(|x| format!("{}{}", x.unit, x.title))
                .unwrap_or_default();
            Some(vec![
                p.name.clone(),
                p.gender.clone(),
                ym(p.birth),
                now,
                proposed,
                sanling_line(p, start, true),
            ])
        })
        .collect();
    let head = [
        "姓名",
        "性别",
        "出生年月",
        "现任职务",
        "拟任职务",
        "三龄两历一身份",
    ]
    .map(String::from)
    .to_vec();
    let days = s.policies.at(start).w4.publicity_working_days;
    Some(view! {
        <article class="doc" data-testid="notice">
            <h1 class="doc-title">"干部任前公示"</h1>
            <p>"根据《党政领导干部选拔任用工作条例》有关规定，经研究，拟对下列同志进行任前公示："</p>
            {table("notice-table", head, rows)}
            <p data-testid="notice-window">{format!("公示时间：{} 至 {}（{days} 个工作日）。", ymd(start), ymd(end))}</p>
            <p>"公示期间，如对公示对象有意见或反映问题，可通过来信、来电、来访等方式向县委组织部反映。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。"</p>
            <p>"反映渠道："{channel}</p>
            <p class="doc-sign">"中共县委组织部"<br />{ymd(start)}</p>
        </article>
    }
    .into_any())
}

/// 任前公示 notice.
#[component]
pub fn W4Notice() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let body = c.with_state(|s| notice(s, &id)).unwrap_or_else(|| {
        view! { <p class="hint">{c.t("任前公示尚未开始", "Publicity has not started")}</p> }
            .into_any()
    });
    view! { {print_button()} {body} }
}
