//! Printable W4 documents: the 纪实表 of a case (every step, who recorded and signed
//! what, when) and the 任前公示 notice. Static markup from escaped text; print CSS
//! fits A4 and phones.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use super::w4_cadres::sanling_line;
use super::w4_case::{case_id, matter, MATTERS};
use super::w4_common::{esc, pct, raw};
use super::w4_forms::{describe, form, Choices};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::w4::{
    case_view, current_position, disclosures_for, Round, SignOff, Step, StepRecord, Submission,
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

fn sheet(c: Ctx, s: &State, id: &str, role: Role) -> Option<String> {
    let zh = c.is_zh();
    let case = s.w4.cases.get(id)?;
    let v = case_view(s, id, today())?;
    let ch = Choices::of(s, case);
    let mut h = String::new();
    let posts: Vec<&str> = ch.posts.iter().map(|p| p.1.as_str()).collect();
    let _ = write!(
        h,
        "<article class='doc' data-testid='record-sheet'><h1 class='doc-title'>{}</h1><p>{}{} · {}{}</p><p>{}{} {} · {}{} · {}{}</p>",
        c.t("干部选拔任用工作纪实表", "Cadre selection full-process record"),
        c.t("事项：", "Case: "),
        esc(&case.title),
        c.t("职位：", "Posts: "),
        esc(&posts.join("、")),
        c.t("建立：", "Opened: "),
        case.opened_on.map(|d| d.to_string()).unwrap_or_default(),
        esc(&case.opened_by),
        c.t("填写率 ", "fill "),
        pct(v.rates.fill_bp()),
        c.t("完整度 ", "completeness "),
        pct(v.rates.completeness_bp()),
    );
    let _ = write!(
        h,
        "<table class='sheet'><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        c.t("环节", "Step"),
        c.t("纪实内容", "Record"),
        c.t("记录人/时间", "By / when")
    );
    for step in Step::ALL {
        let entries = case.records(step);
        if entries.is_empty() {
            let _ = write!(
                h,
                "<tr><th>{}</th><td colspan='2' class='hint'>{}</td></tr>",
                step.label(zh),
                c.t("（无记录）", "(no record)")
            );
        }
        for (i, e) in entries.iter().enumerate() {
            h.push_str("<tr>");
            if i == 0 {
                let _ = write!(h, "<th rowspan='{}'>{}</th>", entries.len(), step.label(zh));
            }
            let f = form(e.record.form());
            let _ = write!(h, "<td><b>{}</b>", if zh { f.zh } else { f.en });
            for (l, t) in describe(zh, &e.record, &ch) {
                let _ = write!(h, "<div>{l}：{}</div>", esc(&t));
            }
            if !e.supersedes.is_empty() {
                let _ = write!(
                    h,
                    "<div>{}{}</div>",
                    c.t("（更正）理由：", "(correction) reason: "),
                    esc(&e.reason)
                );
            }
            let _ = write!(
                h,
                "</td><td class='meta'>{}<br>{}</td></tr>",
                esc(&e.author),
                format_beijing(e.recorded_at)
            );
        }
    }
    let _ = write!(
        h,
        "</tbody></table><h2>{}</h2><table class='sheet'><tbody>",
        c.t("有关事项公开", "Disclosures")
    );
    for d in disclosures_for(s, id, role) {
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
        let _ = write!(
            h,
            "<tr><td>{} {round}</td><td>{} – {}</td><td>{}</td></tr>",
            esc(&d.name),
            d.start,
            d.end,
            esc(&content)
        );
    }
    let _ = write!(
        h,
        "</tbody></table><h2>{}</h2><table class='sheet'><thead><tr><th></th>",
        c.t("复核、签字与提交", "Re-check, signatures, submission")
    );
    for x in SignOff::CHAIN {
        let _ = write!(h, "<th>{}</th>", x.label());
    }
    let _ = write!(
        h,
        "<th>{}</th></tr></thead><tbody>",
        c.t("提交", "Submitted")
    );
    for node in [Submission::Initial, Submission::Second] {
        let signed = case.signed(node);
        let _ = write!(h, "<tr><th>{}</th>", node.label());
        for x in SignOff::CHAIN {
            let t = signed
                .get(&x)
                .map(|g| format!("{} {}", esc(&g.signer), g.on))
                .unwrap_or_default();
            let _ = write!(h, "<td>{t}</td>");
        }
        let _ = write!(
            h,
            "<td>{}</td></tr>",
            case.submitted(node)
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
    }
    h.push_str("</tbody></table></article>");
    Some(h)
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
    let body = c.with_state(|s| sheet(c, s, &id, role)).unwrap_or_default();
    view! { {print_button()} {raw(body)} }
}

fn ym(d: NaiveDate) -> String {
    format!("{}年{:02}月", d.year(), d.month())
}

fn ymd(d: NaiveDate) -> String {
    format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
}

fn notice(s: &State, id: &str) -> Option<String> {
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
    let mut h = String::from(
        "<article class='doc' data-testid='notice'><h1 class='doc-title'>干部任前公示</h1>\
         <p>根据《党政领导干部选拔任用工作条例》有关规定，经研究，拟对下列同志进行任前公示：</p>\
         <table class='sheet'><thead><tr><th>姓名</th><th>性别</th><th>出生年月</th><th>现任职务</th>\
         <th>拟任职务</th><th>三龄两历一身份</th></tr></thead><tbody>",
    );
    for (cadre, (post, _)) in case.decided() {
        let Some(p) = s.w4.cadre(&cadre) else {
            continue;
        };
        let proposed =
            s.w4.post(&post)
                .map(|x| format!("{}{}", x.unit, x.title))
                .unwrap_or(post);
        let now = current_position(p, start)
            .map(|x| format!("{}{}", x.unit, x.title))
            .unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class='meta'>{}</td></tr>",
            esc(&p.name),
            esc(&p.gender),
            ym(p.birth),
            esc(&now),
            esc(&proposed),
            esc(&sanling_line(p, start, true))
        );
    }
    let _ = write!(
        h,
        "</tbody></table><p data-testid='notice-window'>公示时间：{} 至 {}（{} 个工作日）。</p>\
         <p>公示期间，如对公示对象有意见或反映问题，可通过来信、来电、来访等方式向县委组织部反映。\
         反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。</p>\
         <p>反映渠道：{}</p><p class='doc-sign'>中共县委组织部<br>{}</p></article>",
        ymd(start),
        ymd(end),
        s.policies.at(start).w4.publicity_working_days,
        esc(&channel),
        ymd(start),
    );
    Some(h)
}

/// 任前公示 notice.
#[component]
pub fn W4Notice() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    let body = c.with_state(|s| notice(s, &id)).unwrap_or_else(|| {
        format!(
            "<p class='hint'>{}</p>",
            c.t("任前公示尚未开始", "Publicity has not started")
        )
    });
    view! { {print_button()} {raw(body)} }
}
