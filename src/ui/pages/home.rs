//! Home: townships and this year's to-do list.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::w1::{township_year, PeriodStatus};
use crate::ui::ctx::{today, use_ctx};
use chrono::Datelike;

/// Townships with links to their year, and what needs doing.
#[component]
pub fn Home() -> impl IntoView {
    let c = use_ctx();
    let year = RwSignal::new(today().year().to_string());
    let y = move || {
        year.get()
            .trim()
            .parse::<i32>()
            .unwrap_or_else(|_| today().year())
    };
    let townships = move || {
        c.with_state(|s| {
            s.master
                .townships_sorted()
                .into_iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    // Open items of every year, not only the one selected above.
    let todo = move || {
        let zh = c.is_zh();
        c.with_state(|s| {
            let mut items: Vec<(String, String, bool)> = Vec::new();
            let policy = s.policies.at(today());
            for y in crate::domain::calendar::missing_years(&policy, today(), 45) {
                items.push((
                    "/data".into(),
                    if zh {
                        format!("{y} 年节假日和调休安排尚未录入，工作日暂按周末计算：请管理员在“政策参数”中补录")
                    } else {
                        format!("The {y} holiday schedule is missing; working days count weekends only until the administrator adds it under Policy")
                    },
                    true,
                ));
            }
            for (year, t) in
                s.w1.years()
                    .into_iter()
                    .rev()
                    .flat_map(|y| s.master.townships_sorted().into_iter().map(move |t| (y, t)))
            {
                let view = township_year(s, &t.id, year, today());
                for r in &view.rows {
                    for cell in &r.cells {
                        let href = format!(
                            "/t/{}/{}/v/{}/{}",
                            t.id,
                            year,
                            r.village.id,
                            cell.period.key()
                        );
                        let what = format!(
                            "{} {year} {} {}",
                            t.name,
                            r.village.name,
                            cell.period.label(zh)
                        );
                        match cell.status {
                            PeriodStatus::NeedsReview => items.push((
                                href.clone(),
                                format!(
                                    "{what}：{}（{}）",
                                    if zh { "需复核" } else { "needs review" },
                                    cell.reviews
                                        .iter()
                                        .map(|r| r.label(zh))
                                        .collect::<Vec<_>>()
                                        .join(if zh { "；" } else { "; " })
                                ),
                                true,
                            )),
                            PeriodStatus::Scored if cell.republish => items.push((
                                href.clone(),
                                format!(
                                    "{what}：{}",
                                    if zh {
                                        "复核已采用新评分，须重新公示"
                                    } else {
                                        "new scores accepted in review: publicize again"
                                    }
                                ),
                                true,
                            )),
                            PeriodStatus::AwaitingFinal if cell.open_objections == 0 => {
                                items.push((
                                    href.clone(),
                                    format!(
                                        "{what}：{}",
                                        if zh {
                                            "公示期满，可定稿"
                                        } else {
                                            "publicity over, can be finalized"
                                        }
                                    ),
                                    false,
                                ))
                            }
                            _ => {}
                        }
                        if cell.open_objections > 0 {
                            items.push((
                                href.clone(),
                                format!(
                                    "{what}：{} {}",
                                    if zh {
                                        "待处理异议"
                                    } else {
                                        "open objections:"
                                    },
                                    cell.open_objections
                                ),
                                true,
                            ));
                        }
                    }
                    let results = format!("/t/{}/{}/results", t.id, year);
                    for (due, zh_name, en_name) in [
                        (&r.talk, "诫勉谈话", "warning talk"),
                        (&r.rectification, "限期整改", "rectification"),
                    ] {
                        if let Some(d) = due.as_ref().filter(|d| d.done.is_none()) {
                            let late = if d.overdue {
                                if zh {
                                    "（已逾期）"
                                } else {
                                    " (overdue)"
                                }
                            } else {
                                ""
                            };
                            items.push((
                                results.clone(),
                                format!(
                                    "{} {year} {}：{} {} {}{late}",
                                    t.name,
                                    r.village.name,
                                    if zh { zh_name } else { en_name },
                                    if zh { "截止" } else { "due" },
                                    d.due
                                ),
                                d.overdue,
                            ));
                        }
                    }
                }
            }
            for o in crate::domain::w4::overdue_submissions(s, today()) {
                let label = if zh {
                    "初次提交已逾期，应于"
                } else {
                    "initial submission overdue, due"
                };
                items.push((
                    format!("/w4/case/{}", o.case),
                    format!("{}：{label} {}", o.title, o.due),
                    true,
                ));
            }
            items
        })
    };
    view! {
        <section class="card">
            <h1>{c.t("村干部绩效考评", "Village performance pay")}</h1>
            <label class="field inline">
                <span>{c.t("年度", "Year")}</span>
                <input type="number" inputmode="numeric" name="year" bind:value=year />
            </label>
            <ul class="list">
                {move || {
                    let list = townships();
                    if list.is_empty() {
                        view! { <li class="hint">{c.t("尚无乡镇。请在“基础信息”中添加乡镇和村。", "No townships yet. Add townships and villages under Villages.")}</li> }.into_any()
                    } else {
                        list.into_iter().map(|(id, name)| {
                            let href = format!("/t/{id}/{}", y());
                            view! { <li><A href=href attr:class="row-link">{name}" · "{y()}</A></li> }
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
        <section class="card">
            <h2>{c.t("待办", "To do")}</h2>
            <ul class="list todo" data-testid="todo">
                {move || {
                    let items = todo();
                    if items.is_empty() {
                        view! { <li class="hint">{c.t("没有待办事项", "Nothing to do")}</li> }.into_any()
                    } else {
                        items.into_iter().map(|(href, text, urgent)| view! {
                            <li class:urgent=urgent><A href=href>{text}</A></li>
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
    }
}
