//! A township's year: indicators, and the village × period board.

use crate::route::{Route, TownshipYear};
use leptos::prelude::*;
use leptos_router::components::A;

use super::super::TyParams;
use crate::domain::score::format_halves;
use crate::ui::components::CellChip;
use crate::ui::ctx::use_ctx;

/// The board of one township's year.
#[component]
pub fn Township() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    // Memo: rebuild only when this township's year actually changed.
    let data = Memo::new(move |_| p.township_year(c));
    move || {
        let (name, v) = data.get();
        let here = TownshipYear::new(v.township.clone(), v.year);
        let indicators = v.indicators.clone();
        view! {
            <section class="card">
                <h1>{format!("{name} · {}", v.year)}</h1>
                <div class="actions">
                    <A href=Route::Indicators(here.clone()).href() attr:class="button">{c.t("考评指标", "Indicators")}</A>
                    <A href=Route::Results(here.clone()).href() attr:class="button primary">{c.t("结果与等次", "Results & grades")}</A>
                </div>
                {match indicators {
                    None => view! { <p class="hint">{c.t("本年度考评指标尚未发布，请先发布指标。", "This year's indicators are not published yet.")}</p> }.into_any(),
                    Some(set) => view! {
                        <p class="hint">
                            {c.t("指标版本 ", "Indicator set v")}{set.version}" · "
                            {set.indicators.iter().map(|i| format!("{} ({})", i.name, format_halves(i.max_halves))).collect::<Vec<_>>().join(c.t("、", ", "))}
                        </p>
                    }.into_any(),
                }}
                {(!v.indicator_conflict.is_empty()).then(|| view! {
                    <p class="banner warn" data-testid="indicator-conflict">
                        <A href=Route::Indicators(here.clone()).href()>{c.t("本年度考评指标有两个不同版本同时发布，须先确定指标", "Two different indicator sets were published concurrently; settle them first")}</A>
                    </p>
                })}
                {v.not_counted.iter().map(|n| view! {
                    <p class="banner warn" data-testid="not-counted">{if c.is_zh() { n.zh.clone() } else { n.en.clone() }}</p>
                }).collect_view()}
                {(v.needs_review() > 0).then(|| view! { <p class="banner warn">{c.t("有结果需复核", "Some results need review")}</p> })}
                {v.grading_outdated().then(|| view! {
                    <p class="banner warn" data-testid="grading-outdated">
                        <A href=Route::Results(here.clone()).href()>{c.t("评定所用的评分已有变化，等次和工资须重新评定", "Scores used by the grading have changed: grades and pay must be re-graded")}</A>
                    </p>
                })}
            </section>
            // The board scrolls inside its own box on narrow screens; village names stay put.
            <section class="card scroll board-box">
                <table class="board" data-testid="board">
                    <thead><tr>
                        <th>{c.t("村", "Village")}</th>
                        <th>"Q1"</th><th>"Q2"</th><th>"Q3"</th><th>"Q4"</th>
                        <th>{c.t("年度", "Annual")}</th>
                    </tr></thead>
                    <tbody>
                        {v.rows.into_iter().map(|r| {
                            let vid = r.village.id.clone();
                            let here = here.clone();
                            view! {
                                <tr data-village=r.village.name.clone()>
                                    <th>{r.village.name.clone()}</th>
                                    {r.cells.into_iter().map(|cell| {
                                        let href = Route::Slot(here.clone(), vid.clone(), cell.period).href();
                                        // Read aloud as "东风村 Q2 95.00 已评", not "95.00已评".
                                        let name = format!("{} {} ", r.village.name, cell.period.label(c.is_zh()));
                                        view! { <td><A href=href><span class="sr-only">{name}</span>< CellChip cell /></A></td> }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    }
}
