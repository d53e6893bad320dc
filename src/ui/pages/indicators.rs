//! The township's indicator set for a year: view, edit, publish.

use leptos::prelude::*;
use leptos_router::components::A;

use super::TyParams;
use crate::domain::score::{format_halves, parse_halves, parse_weight};
use crate::domain::w1::{Command, Indicator, IndicatorSet};
use crate::store::RecordError;
use crate::ui::components::{FieldError, FormError, Notice, TextField};
use crate::ui::ctx::{today, use_ctx};

/// One editable indicator row.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    name: RwSignal<String>,
    max: RwSignal<String>,
    weight: RwSignal<String>,
}

/// Indicators of a township's year.
#[component]
pub fn Indicators() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    let current = move || c.with_state(|s| s.w1.indicators(&p.tid(), p.year()).cloned());
    let next_key = StoredValue::new(0u32);
    let new_row = move |name: String, max: String, weight: String| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row {
            key,
            name: RwSignal::new(name),
            max: RwSignal::new(max),
            weight: RwSignal::new(weight),
        }
    };
    let initial: Vec<Row> = match current() {
        Some(set) => set
            .indicators
            .iter()
            .map(|i| {
                new_row(
                    i.name.clone(),
                    format_halves(i.max_halves),
                    i.weight.map(|w| w.to_string()).unwrap_or_default(),
                )
            })
            .collect(),
        None => (0..3)
            .map(|_| new_row(String::new(), String::new(), String::new()))
            .collect(),
    };
    let rows = RwSignal::new(initial);
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let half = c.with_state(|s| s.policies.at(today()).half_points);
        let mut indicators = Vec::new();
        for r in rows.get_untracked().iter() {
            let id = format!("i{}", r.key + 1);
            let name = r.name.get_untracked();
            let max = r.max.get_untracked();
            if name.trim().is_empty() && max.trim().is_empty() {
                continue;
            }
            let max = match parse_halves(&max, half) {
                Ok(m) => m,
                Err(v) => return err.set(Some(RecordError::Rule(v.on(id.clone())))),
            };
            let weight = match parse_weight(&r.weight.get_untracked()) {
                Ok(w) => w,
                Err(v) => return err.set(Some(RecordError::Rule(v.on(id.clone())))),
            };
            indicators.push(Indicator {
                id,
                name: name.trim().to_string(),
                max_halves: max,
                weight,
            });
        }
        match c.record(Command::PublishIndicators {
            township: p.tid(),
            year: p.year(),
            indicators,
        }) {
            Ok(_) => {
                err.set(None);
                ok.set(c.t("指标已发布", "Indicators published").to_string());
            }
            Err(e) => {
                ok.set(String::new());
                err.set(Some(e));
            }
        }
    };
    view! {
        <section class="card">
            <h1>{c.t("考评指标", "Indicators")}" · "{move || p.year()}</h1>
            <A href=move || format!("/t/{}/{}", p.tid(), p.year())>{c.t("← 返回", "← Back")}</A>
            {move || current().map(|set| view! {
                <table class="plain" data-testid="published">
                    <caption>{c.t("已发布版本 ", "Published version ")}{set.version}</caption>
                    <thead><tr><th>{c.t("指标", "Indicator")}</th><th>{c.t("满分", "Max")}</th><th>{c.t("权重", "Weight")}</th></tr></thead>
                    <tbody>
                        {set.indicators.iter().map(|i| view! {
                            <tr><td>{i.name.clone()}</td><td>{format_halves(i.max_halves)}</td><td>{i.weight.map(|w| w.to_string()).unwrap_or_else(|| "—".into())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
        <IndicatorConflict />
        <section class="card">
            <h2>{move || if current().is_some() { c.t("发布新版本（仅在首次评分前）", "Publish a new version (only before the first score)") } else { c.t("编辑并发布", "Edit and publish") }}</h2>
            <p class="hint">{c.t("发布后指标不可修改；评分开始后不能再更换。权重可不填（按满分合计）。", "Published indicators are immutable and locked once scoring starts. Weights are optional.")}</p>
            <form on:submit=publish class="stack" data-testid="indicator-form">
                <For each=move || rows.get() key=|r| r.key let(r)>
                    <div class="indicator-row">
                        <input name="indicator-name" placeholder=c.t("指标名称", "Indicator") bind:value=r.name />
                        <input name="indicator-max" inputmode="decimal" placeholder=c.t("满分", "Max") bind:value=r.max />
                        <input name="indicator-weight" inputmode="numeric" placeholder=c.t("权重", "Weight") bind:value=r.weight />
                        <button type="button" class="icon" title=c.t("删除", "Remove") on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>"×"</button>
                    </div>
                    <FieldError err field=format!("i{}", r.key + 1) />
                </For>
                <button type="button" on:click=move |_| { let r = new_row(String::new(), String::new(), String::new()); rows.update(|v| v.push(r)); }>
                    {c.t("+ 添加指标", "+ Add indicator")}
                </button>
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{c.t("发布指标", "Publish")}</button>
            </form>
        </section>
    }
}

/// The indicators and maxima of one published set.
fn set_table(c: crate::ui::ctx::Ctx, set: &IndicatorSet) -> impl IntoView {
    view! {
        <table class="plain">
            <caption>{c.t("第 ", "Version ")}{set.version}{c.t(" 版 · ", " · ")}{set.author.clone()}</caption>
            <thead><tr><th>{c.t("指标", "Indicator")}</th><th>{c.t("满分", "Max")}</th><th>{c.t("权重", "Weight")}</th></tr></thead>
            <tbody>
                {set.indicators.iter().map(|i| view! {
                    <tr><td>{i.name.clone()}</td><td>{format_halves(i.max_halves)}</td><td>{i.weight.map(|w| w.to_string()).unwrap_or_else(|| "—".into())}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Two different sets published concurrently (two phones offline): both shown; the
/// organizer keeps one, with a reason.
#[component]
fn IndicatorConflict() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    let sets = Memo::new(move |_| {
        c.with_state(|s| {
            s.w1.indicator_conflict(&p.tid(), p.year())
                .into_iter()
                .cloned()
                .collect::<Vec<IndicatorSet>>()
        })
    });
    move || {
        let sets = sets.get();
        (!sets.is_empty()).then(|| {
            let reason = RwSignal::new(String::new());
            let err = RwSignal::new(None::<RecordError>);
            let ok = RwSignal::new(String::new());
            let versions = sets
                .into_iter()
                .map(|set| {
                    let keep = set.event.clone();
                    let on_keep = move |_| {
                        let cmd = Command::ResolveIndicatorConflict {
                            township: p.tid(),
                            year: p.year(),
                            keep: keep.clone(),
                            reason: reason.get_untracked(),
                        };
                        match c.record(cmd) {
                            Ok(_) => {
                                err.set(None);
                                ok.set(c.t("已确定本年度指标", "Indicators settled").to_string());
                            }
                            Err(e) => {
                                ok.set(String::new());
                                err.set(Some(e));
                            }
                        }
                    };
                    view! {
                        <div class="version">
                            {set_table(c, &set)}
                            <button type="button" on:click=on_keep>{c.t("采用此版本", "Keep this version")}</button>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="card review" data-testid="indicator-conflict">
                    <h2>{c.t("指标版本冲突，需确定", "Conflicting indicator sets: settle them")}</h2>
                    <p class="hint">{c.t("两部手机离线时各自发布了不同的指标。两份都已保留；确定前不能评分、公示或评定等次。", "Two phones published different sets while offline. Both are kept; nothing can be scored, publicized or graded until one is settled.")}</p>
                    <TextField label=c.t("确定理由", "Reason") value=reason field="reason" err />
                    {versions}
                    <FormError err />
                    <Notice msg=ok />
                </section>
            }
        })
    }
}
