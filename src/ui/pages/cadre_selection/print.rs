//! Printable W4 documents: the 纪实表 of a case and the 任前公示 notice, built by the
//! domain (`cadre_selection::documents`) and drawn by the one renderer.

use leptos::prelude::*;

use super::cases::case_id;
use crate::domain::cadre_selection::documents::{
    as_submitted_sheet, publicity_notice, record_sheet,
};
use crate::domain::cadre_selection::trace::{cadre_trace_screen, case_trace_screen};
use crate::domain::Role;
use crate::ui::components::screen_view;
use crate::ui::ctx::{today, use_ctx};

/// 干部选拔任用工作纪实表.
#[component]
pub fn RecordSheet() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map_or(Role::Admin, |u| u.role));
        c.with_state(|s| record_sheet(s, &id, role, today(), c.is_zh()))
    })
}

/// 纪实表 as one submission covered it (初次提交 / 二次提交, superseded or not).
#[component]
pub fn AsSubmittedSheet(case: String, submission: String) -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        let role = c.user.with(|u| u.as_ref().map_or(Role::Admin, |u| u.role));
        c.with_state(|s| as_submitted_sheet(s, &case, &submission, role, c.is_zh()))
    })
}

/// 任前公示 notice.
#[component]
pub fn PublicityNotice() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    screen_view(c, move || {
        c.with_state(|s| publicity_notice(s, &id, c.is_zh()))
    })
}

/// A case's accountability trace (责任追溯), from this phone's log.
#[component]
pub fn CaseTrace() -> impl IntoView {
    let c = use_ctx();
    let id = case_id();
    screen_view(c, move || {
        c.with_ledger(|l| case_trace_screen(l.events(), l.state(), &id, c.is_zh()))
    })
}

/// A cadre's accountability trace: every case naming them.
#[component]
pub fn CadreTrace(cadre: String) -> impl IntoView {
    let c = use_ctx();
    screen_view(c, move || {
        c.with_ledger(|l| cadre_trace_screen(l.events(), l.state(), &cadre, c.is_zh()))
    })
}
