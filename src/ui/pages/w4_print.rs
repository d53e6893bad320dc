//! Printable W4 documents: the 纪实表 of a case (every step, who recorded and signed
//! what, when; how it ended) and the 任前公示 notice. Plain Leptos views of text (no
//! markup from data); print CSS fits A4 and phones.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::w4_cadres::sanling_line;
use super::w4_case::{case_id, matter, MATTERS};
use super::w4_common::{el, lines, pct, render, t, table, Node};
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

/// One record in the sheet: its form, its lines, a correction's reason; who, when.
fn record_cells(c: Ctx, e: &StepEntry, ch: &Choices) -> Vec<Node> {
    let zh = c.is_zh();
    let mut cell = vec![el("b", "", vec![t(form_label(e.record.form(), zh))])];
    cell.extend(lines(
        describe(zh, &e.record, ch)
            .into_iter()
            .map(|(l, x)| (l.to_string(), x))
            .collect(),
    ));
    if !e.supersedes.is_empty() {
        let why = format!(
            "{}{}",
            c.t("（更正）理由：", "(correction) reason: "),
            e.reason
        );
        cell.push(el("div", "", vec![t(why)]));
    }
    vec![
        el("td", "", cell),
        el(
            "td",
            "meta",
            vec![
                t(e.author.clone()),
                el("br", "", vec![]),
                t(format_beijing(e.recorded_at)),
            ],
        ),
    ]
}

/// The rows of one step: its records, or "no record".
fn step_rows(c: Ctx, case: &Case, step: Step, ch: &Choices) -> Vec<Node> {
    let entries = case.records(step);
    let head = el("th", "", vec![t(step.label(c.is_zh()))])
        .attr("rowspan", entries.len().max(1).to_string());
    if entries.is_empty() {
        let none = el("td", "hint", vec![t(c.t("（无记录）", "(no record)"))]).attr("colspan", "2");
        return vec![el("tr", "", vec![head, none])];
    }
    let mut head = Some(head);
    entries
        .into_iter()
        .map(|e| {
            let mut cells: Vec<Node> = head.take().into_iter().collect();
            cells.extend(record_cells(c, e, ch));
            el("tr", "", cells)
        })
        .collect()
}

/// Signatures of both nodes: valid ones, and stale ones marked as such.
fn sign_table(c: Ctx, case: &Case) -> Node {
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

fn disclosure_table(c: Ctx, s: &State, id: &str, role: Role) -> Node {
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

fn sheet(c: Ctx, s: &State, id: &str, role: Role) -> Option<Node> {
    let zh = c.is_zh();
    let case = s.w4.cases.get(id)?;
    let v = case_view(s, id, today())?;
    let ch = Choices::of(s, case);
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let opened = case.opened_on.map(|d| d.to_string()).unwrap_or_default();
    let info = format!(
        "{}{opened} {} · {}{} · {}{}",
        c.t("建立：", "Opened: "),
        case.opened_by,
        c.t("填写率 ", "fill "),
        pct(v.rates.fill_bp()),
        c.t("完整度 ", "completeness "),
        pct(v.rates.completeness_bp())
    );
    let mut kids = vec![
        el(
            "h1",
            "doc-title",
            vec![t(c.t(
                "干部选拔任用工作纪实表",
                "Cadre selection full-process record",
            ))],
        ),
        el(
            "p",
            "",
            vec![t(format!(
                "{}{} · {}{}",
                c.t("事项：", "Case: "),
                case.title,
                c.t("职位：", "Posts: "),
                posts.join("、")
            ))],
        ),
        el("p", "", vec![t(info)]),
    ];
    if let Some(e) = &v.ended {
        let text = format!(
            "{}{} · {} · {} · {}",
            c.t("本事项已终止（未任职）：", "Ended without appointment: "),
            e.ending.label(zh),
            e.on,
            e.reason,
            e.author
        );
        kids.push(el("p", "warn", vec![t(text)]).attr("data-testid", "ended"));
    }
    let head = [
        c.t("环节", "Step"),
        c.t("纪实内容", "Record"),
        c.t("记录人/时间", "By / when"),
    ]
    .into_iter()
    .map(|h| el("th", "", vec![t(h)]))
    .collect();
    let body = Step::ALL
        .into_iter()
        .flat_map(|step| step_rows(c, case, step, &ch))
        .collect();
    kids.push(el(
        "table",
        "sheet",
        vec![
            el("thead", "", vec![el("tr", "", head)]),
            el("tbody", "", body),
        ],
    ));
    kids.push(el("h2", "", vec![t(c.t("有关事项公开", "Disclosures"))]));
    kids.push(disclosure_table(c, s, id, role));
    kids.push(el(
        "h2",
        "",
        vec![t(
            c.t("复核、签字与提交", "Re-check, signatures, submission")
        )],
    ));
    kids.push(sign_table(c, case));
    Some(el("article", "doc", kids).attr("data-testid", "record-sheet"))
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
    view! { {print_button()} {body.map(render)} }
}

fn ym(d: NaiveDate) -> String {
    format!("{}年{:02}月", d.year(), d.month())
}

fn ymd(d: NaiveDate) -> String {
    format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
}

fn notice(s: &State, id: &str) -> Option<Node> {
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
    let p = |text: String| el("p", "", vec![t(text)]);
    Some(
        el(
            "article",
            "doc",
            vec![
                el("h1", "doc-title", vec![t("干部任前公示")]),
                p("根据《党政领导干部选拔任用工作条例》有关规定，经研究，拟对下列同志进行任前公示：".into()),
                table("notice-table", head, rows),
                p(format!("公示时间：{} 至 {}（{days} 个工作日）。", ymd(start), ymd(end)))
                    .attr("data-testid", "notice-window"),
                p("公示期间，如对公示对象有意见或反映问题，可通过来信、来电、来访等方式向县委组织部反映。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。".into()),
                p(format!("反映渠道：{channel}")),
                el("p", "doc-sign", vec![t("中共县委组织部"), el("br", "", vec![]), t(ymd(start))]),
            ],
        )
        .attr("data-testid", "notice"),
    )
}

/// 任前公示 notice.
#[component]
pub fn W4Notice() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let body = c.with_state(|s| notice(s, &id)).unwrap_or_else(|| {
        el(
            "p",
            "hint",
            vec![t(c.t("任前公示尚未开始", "Publicity has not started"))],
        )
    });
    view! { {print_button()} {render(body)} }
}
