//! Printable W4 documents: the 纪实表 of a case (every step, who recorded and signed
//! what, when; how it ended) and the 任前公示 notice. Plain Leptos views of text (no
//! markup from data); print CSS fits A4 and phones.

use crate::route::Route;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::cadres::{gender_label, sanling_line};
use super::cases::{case_id, matter, MATTERS};
use super::common::{el, lines, pct, render, t, table, Node};
use super::forms::{describe, Choices};
use super::review::{ending_text, line_text};
use crate::domain::cadre_selection::{
    case_view, current_position, disclosures_for, form_label, Case, CaseView, Round, SignOff, Step,
    StepEntry, StepRecord, Submission,
};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::Role;
use crate::ui::ctx::{today, use_ctx, Ctx};

fn print_button() -> impl IntoView {
    let c = use_ctx();
    view! {
        <p class="actions no-print">
            <a href=Route::Case(case_id()).href() class="button">{c.t("← 返回", "← Back")}</a>
            <button type="button" class="primary" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{c.t("打印", "Print")}</button>
        </p>
    }
}

/// One record in the sheet: its form, its lines, a correction's reason; who, when.
fn record_cells(c: Ctx, e: &StepEntry, ch: &Choices) -> Vec<Node> {
    let zh = c.is_zh();
    let mut cell = vec![el("b", "", vec![t(form_label(e.record.form(), zh))])];
    cell.extend(lines(
        zh,
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

/// Signatures of both nodes: who counts on each line, or why a signature does not.
fn sign_table(c: Ctx, case: &Case) -> Node {
    let zh = c.is_zh();
    let mut head = vec![String::new()];
    head.extend(SignOff::CHAIN.iter().map(|x| x.label_in(zh).to_string()));
    head.push(c.t("提交", "Submitted").to_string());
    let rows = [Submission::Initial, Submission::Second]
        .into_iter()
        .map(|node| {
            let mut row = vec![node.label_in(zh).to_string()];
            row.extend(
                SignOff::CHAIN
                    .into_iter()
                    .map(|line| line_text(c, case, node, line)),
            );
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
                    .map(|(k, z, e)| {
                        let (label, colon) = if zh { (*z, "：") } else { (*e, ": ") };
                        format!("{label}{colon}{}", matter(m, k))
                    })
                    .collect::<Vec<_>>()
                    .join(if zh { "；" } else { "; " }),
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

/// The sheet's heading: title, case, posts, opened, rates, how it ended, reviews.
fn sheet_head(c: Ctx, case: &Case, v: &CaseView, ch: &Choices) -> Vec<Node> {
    let zh = c.is_zh();
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
    let what = format!(
        "{}{} · {}{}",
        c.t("事项：", "Case: "),
        case.title,
        c.t("职位：", "Posts: "),
        posts.join(c.t("、", ", "))
    );
    let title = c.t(
        "干部选拔任用工作纪实表",
        "Cadre selection full-process record",
    );
    let mut kids = vec![
        el("h1", "doc-title", vec![t(title)]),
        el("p", "", vec![t(what)]),
        el("p", "", vec![t(info)]),
    ];
    if let Some(e) = &v.ended {
        kids.push(el("p", "warn", vec![t(ending_text(c, e))]).attr("data-testid", "ended"));
    }
    for m in &v.reviews {
        let text = format!(
            "{}{}",
            c.t("需复核：", "Needs review: "),
            if zh { &m.zh } else { &m.en }
        );
        kids.push(el("p", "warn", vec![t(text)]));
    }
    kids
}

/// The steps' records as one table (in a horizontal scroller on narrow screens).
fn steps_table(c: Ctx, case: &Case, ch: &Choices) -> Node {
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
        .flat_map(|step| step_rows(c, case, step, ch))
        .collect();
    let sheet = el(
        "table",
        "sheet",
        vec![
            el("thead", "", vec![el("tr", "", head)]),
            el("tbody", "", body),
        ],
    );
    el("div", "scroll", vec![sheet])
}

fn sheet(c: Ctx, s: &State, id: &str, role: Role) -> Option<Node> {
    let case = s.cadre_selection.cases.get(id)?;
    let v = case_view(s, id, today())?;
    let ch = Choices::of(s, case, c.is_zh());
    let mut kids = sheet_head(c, case, &v, &ch);
    kids.push(steps_table(c, case, &ch));
    kids.push(el("h2", "", vec![t(c.t("有关事项公开", "Disclosures"))]));
    kids.push(disclosure_table(c, s, id, role));
    let signs = c.t("复核、签字与提交", "Re-check, signatures, submission");
    kids.push(el("h2", "", vec![t(signs)]));
    kids.push(sign_table(c, case));
    Some(el("article", "doc", kids).attr("data-testid", "record-sheet"))
}

/// 干部选拔任用工作纪实表.
#[component]
pub fn RecordSheet() -> impl IntoView {
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

fn ym(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月", d.year(), d.month())
    } else {
        format!("{}-{:02}", d.year(), d.month())
    }
}

fn ymd(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
    } else {
        d.to_string()
    }
}

/// The notice's table: each appointee decided, with the post proposed.
fn notice_rows(zh: bool, s: &State, case: &Case, start: NaiveDate) -> Vec<Vec<String>> {
    case.decided()
        .into_iter()
        .filter_map(|(cadre, (post, _))| {
            let p = s.cadre_selection.cadre(&cadre)?;
            let now = current_position(p, start)
                .map(|x| format!("{}{}", x.unit, x.title))
                .unwrap_or_default();
            Some(vec![
                p.name.clone(),
                gender_label(&p.gender, zh),
                ym(zh, p.birth),
                now,
                s.cadre_selection.post_name(&post),
                sanling_line(p, start, zh),
            ])
        })
        .collect()
}

fn notice(c: Ctx, s: &State, id: &str) -> Option<Node> {
    let zh = c.is_zh();
    let case = s.cadre_selection.cases.get(id)?;
    let (start, end) = case.publicity()?;
    let channel = case
        .records(Step::Publicity)
        .into_iter()
        .find_map(|e| match &e.record {
            StepRecord::PublicityOpened { channel, .. } => Some(channel.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let head = [
        c.t("姓名", "Name"),
        c.t("性别", "Gender"),
        c.t("出生年月", "Born"),
        c.t("现任职务", "Current post"),
        c.t("拟任职务", "Proposed post"),
        c.t("三龄两历一身份", "Age, service, education, identity"),
    ]
    .map(String::from)
    .to_vec();
    let days = s.policies.at(start).w4.publicity_working_days;
    let (a, b) = (ymd(zh, start), ymd(zh, end));
    let window = if zh {
        format!("公示时间：{a} 至 {b}（{days} 个工作日）。")
    } else {
        format!("Publicity: {a} to {b} ({days} working days).")
    };
    let p = |text: String| el("p", "", vec![t(text)]);
    let kids = vec![
        el("h1", "doc-title", vec![t(c.t("干部任前公示", "Notice of pre-appointment publicity"))]),
        p(c.t("根据《党政领导干部选拔任用工作条例》有关规定，经研究，拟对下列同志进行任前公示：", "Under the Regulations on the Selection and Appointment of Party and Government Leaders, the following comrades are publicized before appointment:").into()),
        table("notice-table", head, notice_rows(zh, s, case, start)),
        p(window).attr("data-testid", "notice-window"),
        p(c.t("公示期间，如对公示对象有意见或反映问题，可通过来信、来电、来访等方式向县委组织部反映。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。", "During the publicity, opinions or problems concerning those publicized may be reported to the county party committee's organization department by letter, telephone or visit. Reports must be truthful; individuals please give their real name and contact details, units please affix their seal.").into()),
        p(format!("{}{channel}", c.t("反映渠道：", "How to report: "))),
        el("p", "doc-sign", vec![t(c.t("中共县委组织部", "Organization Department of the County Party Committee")), el("br", "", vec![]), t(ymd(zh, start))]),
    ];
    Some(el("article", "doc", kids).attr("data-testid", "notice"))
}

/// 任前公示 notice.
#[component]
pub fn PublicityNotice() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let body = c.with_state(|s| notice(c, s, &id)).unwrap_or_else(|| {
        el(
            "p",
            "hint",
            vec![t(c.t("任前公示尚未开始", "Publicity has not started"))],
        )
    });
    view! { {print_button()} {render(body)} }
}
