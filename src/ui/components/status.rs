//! The always-visible status bar and the status chip of a period.

use chrono::Datelike;
use leptos::prelude::*;

use crate::domain::score::format_hundredths;
use crate::domain::w1::{PeriodCell, PeriodStatus};
use crate::ui::ctx::use_ctx;

/// Online/offline, entries only on this phone, the user, the language switch.
#[component]
pub fn StatusBar() -> impl IntoView {
    let c = use_ctx();
    let local = move || c.with_ledger(|l| l.events().len());
    let user = move || {
        c.user
            .get()
            .map(|u| format!("{} · {}", u.name, u.role.label(c.is_zh())))
            .unwrap_or_default()
    };
    view! {
        <div class="statusbar">
            <span class=move || if c.online.get() { "pill online" } else { "pill offline" } data-testid="net">
                {move || if c.online.get() { c.t("在线", "Online") } else { c.t("离线", "Offline") }}
            </span>
            <span class="pill" data-testid="local-count" title=c.t("尚未同步到服务器的记录", "Entries not yet on any server")>
                {c.t("仅存本机 ", "On this phone only: ")}
                <b>{local}</b>
                {c.t(" 条", "")}
            </span>
            <a class="pill user" href="/setup">{user}</a>
            <button class="pill lang" on:click=move |_| c.set_zh(!c.zh.get_untracked())>
                {c.t("EN", "中文")}
            </button>
        </div>
        {move || c.storage_problem.get().map(|p| view! {
            <div class="banner error" role="alert">{p.message(c.is_zh())}</div>
        })}
    }
}

/// A chip showing where a period stands, with its score.
#[component]
pub fn CellChip(
    /// The cell.
    cell: PeriodCell,
) -> impl IntoView {
    let c = use_ctx();
    let score = cell.score.map(format_hundredths).unwrap_or_default();
    let objections = cell.open_objections;
    let status = cell.status.clone();
    let class = match &status {
        PeriodStatus::NotScored => "chip empty",
        PeriodStatus::NeedsReview => "chip review",
        PeriodStatus::Scored => "chip scored",
        PeriodStatus::InPublicity { .. } => "chip publicity",
        PeriodStatus::AwaitingFinal => "chip awaiting",
        PeriodStatus::Final(_) => "chip final",
    };
    let label = match &status {
        PeriodStatus::NotScored => c.t("未评", "—").to_string(),
        PeriodStatus::NeedsReview => c.t("需复核", "Review").to_string(),
        PeriodStatus::Scored => c.t("已评", "Scored").to_string(),
        PeriodStatus::InPublicity { end } => {
            format!(
                "{}{:02}-{:02}",
                c.t("公示至", "Public to "),
                end.month(),
                end.day()
            )
        }
        PeriodStatus::AwaitingFinal => c.t("待定稿", "To finalize").to_string(),
        PeriodStatus::Final(_) => c.t("定稿", "Final").to_string(),
    };
    view! {
        <span class=class>
            <b>{score}</b>
            <small>{label}</small>
            {(objections > 0).then(|| view! { <small class="warn">{format!("异议{objections}")}</small> })}
        </span>
    }
}
