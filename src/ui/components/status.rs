//! The always-visible status bar.

use crate::route::Route;
use leptos::prelude::*;

use crate::domain::time::format_beijing;
use crate::sync::Progress;
use crate::ui::ctx::use_ctx;

/// Online/offline, entries only on this phone, the user, the language switch, and the
/// banners of storage and sync below.
#[component]
pub fn StatusBar() -> impl IntoView {
    let c = use_ctx();
    let s = crate::ui::sync_driver::use_sync();
    // Waiting for the server when one is configured; every entry otherwise.
    let local = move || {
        s.waiting(c)
            .map_or_else(|| "…".to_string(), |n| n.to_string())
    };
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
            <SyncPills />
            <a class="pill user" href=Route::Setup.href()>{user}</a>
            <button class="pill lang" on:click=move |_| c.set_zh(!c.zh.get_untracked())>
                {c.t("EN", "中文")}
            </button>
        </div>
        <StatusBanners />
    }
}

/// With a server: the sync button and when the last sync succeeded.
#[component]
fn SyncPills() -> impl IntoView {
    let c = use_ctx();
    let s = crate::ui::sync_driver::use_sync();
    move || {
        s.server.get().is_some().then(|| view! {
        <button class="pill sync" data-testid="sync-now" data-passes=move || s.synced.get() disabled=move || s.running.get() on:click=move |_| s.sync_now(c)>
            {move || if s.running.get() { c.t("同步中…", "Syncing…") } else { c.t("立即同步", "Sync now") }}
        </button>
        <span class="pill" data-testid="last-sync">
            {c.t("上次同步 ", "Last sync ")}
            {move || s.last_ok.get().map(format_beijing).unwrap_or_else(|| c.t("从未", "never").into())}
        </span>
    })
    }
}

/// A sync pass under way, in words.
fn progress_text(zh: bool, p: &Progress) -> String {
    let total = p
        .to_receive
        .map(|t| t.to_string())
        .unwrap_or_else(|| "?".into());
    if zh {
        format!(
            "同步中：已发送 {}/{} · 已接收 {}/{}",
            p.sent, p.to_send, p.received, total
        )
    } else {
        format!(
            "Syncing: sent {}/{} · received {}/{}",
            p.sent, p.to_send, p.received, total
        )
    }
}

/// Entries the server refused: how many, with the first one's reason and id.
fn refused_text(zh: bool, n: usize, id: &str, why: &str) -> String {
    if zh {
        format!("服务器拒绝了 {n} 条记录（仍保存在本机）：{why}（{id}）")
    } else {
        format!("The server refused {n} entries (kept on this phone): {why} ({id})")
    }
}

/// Storage full, a sync under way, a failed sync, refused entries, tamper alarms.
#[component]
fn StatusBanners() -> impl IntoView {
    let c = use_ctx();
    let s = crate::ui::sync_driver::use_sync();
    let progress = move || s.progress.get().map(|p| progress_text(c.is_zh(), &p));
    view! {
        {move || c.storage_problem.get().map(|p| view! {
            <div class="banner error" role="alert">{p.message(c.is_zh())}</div>
        })}
        {move || progress().map(|p| view! { <div class="banner" data-testid="sync-progress" role="status">{p}</div> })}
        {move || s.last_error.get().map(|e| view! {
            <div class="banner error" data-testid="sync-error" role="alert">
                {c.t("同步失败：", "Sync failed: ")}{e.message(c.is_zh())}
            </div>
        })}
        {move || s.refused.with(|r| r.first().map(|(id, why)| view! {
            <div class="banner error" data-testid="sync-refused" role="alert">
                {refused_text(c.is_zh(), r.len(), id, why)}
            </div>
        }))}
        {move || s.alarms.with(|a| (!a.is_empty()).then(|| view! {
            <div class="banner error" data-testid="sync-alarm" role="alert">
                {a[0].message(c.is_zh())}
                {(a.len() > 1).then(|| format!(" (+{})", a.len() - 1))}
            </div>
        }))}
    }
}
