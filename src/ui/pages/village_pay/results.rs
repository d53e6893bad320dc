//! Results of a township's year: scores, composite, grades, pay, objections,
//! 诫勉谈话 and 限期整改.

use crate::route::{Route, TownshipYear};
use leptos::prelude::*;
use leptos_router::components::A;

use super::super::TyParams;
use crate::domain::policy::GradingRule;
use crate::domain::score::format_hundredths;
use crate::domain::village_pay::{
    Action, Command, Due, GradingChange, PeriodCell, PeriodStatus, VillageRow,
};
use std::sync::Arc;

use crate::domain::form::Inputs;
use crate::domain::village_pay::forms::{
    DatedInput, RectificationInput, WarningTalkInput, GRADE_FORM, RECTIFICATION_FORM,
    REGRADE_FORM, WARNING_TALK_FORM,
};
use crate::ui::components::{read_form, DataForm, Send};
use crate::ui::ctx::{use_ctx, Ctx};

fn score(s: Option<u32>) -> String {
    s.map(format_hundredths).unwrap_or_else(|| "—".into())
}

/// The results page.
#[component]
pub fn Results() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    // Memo: rebuild only when this township's year actually changed.
    let data = Memo::new(move |_| p.township_year(c));
    move || {
        let (name, v) = data.get();
        let zh = c.is_zh();
        let basis = match v.policy.grading {
            GradingRule::Thresholds {
                outstanding_min,
                notable_min,
            } => {
                let (o, n) = (
                    format_hundredths(outstanding_min),
                    format_hundredths(notable_min),
                );
                if zh {
                    format!("综合得分 ≥{o} 实绩突出，≥{n} 比较突出，以下 一般")
                } else {
                    format!("Composite ≥{o} outstanding, ≥{n} notable, below that general")
                }
            }
            GradingRule::Shares {
                outstanding_pct,
                notable_pct,
            } => format!(
                "{} {outstanding_pct}% / {notable_pct}%",
                c.t("按比例：", "By share:")
            ),
        };
        let weights = format!(
            "{} {}% + {} {}%",
            c.t("季度平均", "quarterly avg"),
            v.policy.quarterly_weight_pct,
            c.t("年度", "annual"),
            v.policy.annual_weight_pct
        );
        let graded = v.grading.clone();
        let outdated = v.grading_outdated();
        let changes: Vec<String> = v
            .rows
            .iter()
            .flat_map(|r| {
                r.grading_changes
                    .iter()
                    .map(move |ch| change_text(zh, &r.village.name, ch))
            })
            .collect();
        let open_obj = v.open_objections();
        let review = v.needs_review();
        let rows = v.rows.clone();
        view! {
            <section class="card">
                <A href=Route::Township(TownshipYear::new(v.township.clone(), v.year)).href() attr:class="back">{c.t("← 返回", "← Back")}</A>
                <h1>{format!("{name} · {} · ", v.year)}{c.t("考评结果", "Results")}</h1>
                <p class="hint">{weights}" · "{basis}</p>
                {match &graded {
                    Some(g) => view! { <p class="ok" data-testid="graded">{c.t("已评定等次：", "Graded on ")}{g.graded_on.to_string()}" · "{g.author.clone()}</p> }.into_any(),
                    None => view! { <p class="hint">{c.t("尚未评定等次；下表综合得分为预估。", "Not graded yet; composites below are provisional.")}</p> }.into_any(),
                }}
                {(open_obj > 0).then(|| view! { <p class="banner warn">{c.t("待处理异议：", "Open objections: ")}{open_obj}</p> })}
                {v.grading_conflict.then(|| view! { <p class="banner warn">{c.t("存在两份并发评定，请重新评定", "Two concurrent gradings exist; re-grade")}</p> })}
                {outdated.then(|| view! {
                    <div class="banner warn" data-testid="grading-outdated">
                        <p>{c.t("评定所用的评分已有变化，下表的等次和工资不是现行结果，须重新评定：", "Scores used by this grading have changed; the grades and pay below are not the current result. Re-grade:")}</p>
                        <ul>{changes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </div>
                })}
                {(review > 0).then(|| view! {
                    <p class="banner warn" data-testid="review-banner">
                        {if graded.is_some() { c.t("评定后有结果需复核：复核完成后请重新评定。需复核：", "Results changed after grading need review; re-grade once reviewed. Needs review: ") } else { c.t("复核完成前不能评定等次。需复核：", "Grading waits for the review. Needs review: ") }}
                        {review}
                    </p>
                })}
                {(!v.indicator_conflict.is_empty()).then(|| view! { <p class="banner warn">{c.t("本年度考评指标有两个不同版本同时发布，须先确定指标", "Two different indicator sets were published concurrently; settle them first")}</p> })}
            </section>
            <section class="card scroll results-box">
                <table class="results" data-testid="results">
                    <thead><tr>
                        {columns(c).into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|r| result_row(c, r)).collect_view()}
                    </tbody>
                </table>
            </section>
            <GradeForm tid=v.township.clone() year=v.year regrade=graded.is_some() />
            {rows.into_iter().filter(|r| r.talk.is_some()).map(|r| view! { <FailItems c r year=v.year /> }).collect_view()}
        }
    }
}

/// A marker after a score whose period needs review now (需复核).
fn review_mark(zh: bool, cell: Option<&PeriodCell>) -> Option<impl IntoView> {
    cell.filter(|c| c.status == PeriodStatus::NeedsReview).map(|_| {
        view! { <small class="warn" data-testid="needs-review">{if zh { "需复核" } else { "review" }}</small> }
    })
}

/// One changed number of a grading, in words: "乌兰哈达嘎查 第一季度：70.00 → 95.00".
fn change_text(zh: bool, village: &str, ch: &GradingChange) -> String {
    let what = match ch.period {
        Some(p) => p.label(zh),
        None if zh => "综合得分",
        None => "composite",
    };
    let colon = if zh { "：" } else { ": " };
    format!(
        "{village} {what}{colon}{} → {}",
        score(ch.graded),
        score(ch.now)
    )
}

/// The column heads: village, Q1–Q4, annual, composite, rank, team grade, heads' grade,
/// base pay, performance pay, total per head. On a phone each row reads as a card
/// (style/main.css): the village, then its grades and pay, then the scores, each cell
/// labelled with its head (`data-label`).
fn columns(c: Ctx) -> [&'static str; 13] {
    [
        c.t("村", "Village"),
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        c.t("年度", "Annual"),
        c.t("综合", "Composite"),
        c.t("名次", "Rank"),
        c.t("班子等次", "Team"),
        c.t("正职等次", "Heads"),
        c.t("基础工资", "Base"),
        c.t("绩效工资", "Perf."),
        c.t("合计/人", "Total/head"),
    ]
}

fn result_row(c: Ctx, r: &VillageRow) -> impl IntoView {
    let zh = c.is_zh();
    let head = columns(c);
    let cells: Vec<PeriodCell> = r.cells.clone();
    let name = r.village.name.clone();
    let key = name.clone();
    let stale = !r.grading_changes.is_empty();
    let regrade = stale.then(|| {
        view! { <small class="warn" data-testid="regrade">{if zh { "须重新评定" } else { "re-grade" }}</small> }
    });
    match &r.result {
        Some(res) => view! {
            <tr data-village=key class:stale=stale>
                <th>{name}</th>
                {res.quarters.iter().zip(&cells).zip(&head[1..5]).map(|((q, cell), l)| view! { <td class="num score" data-label=*l>{score(*q)}{review_mark(zh, Some(cell))}</td> }).collect_view()}
                <td class="num score" data-label=head[5]>{format_hundredths(res.annual)}</td>
                <td class="num score" data-label=head[6]><b>{format_hundredths(res.composite)}</b></td>
                <td class="num more" data-label=head[7]>{res.rank}</td>
                <td class="lead" data-label=head[8] data-testid="team-grade">{res.team_grade.label(zh)}</td>
                <td class="lead" data-label=head[9] data-testid="head-grade">{res.head_grade.label(zh)}</td>
                <td class="num more" data-label=head[10]>{res.base_pay}</td>
                <td class="num more" data-label=head[11]>{res.performance_pay}</td>
                <td class="num lead" data-label=head[12] data-testid="pay"><b>{res.total_pay()}</b>{regrade}</td>
            </tr>
        }
        .into_any(),
        None => view! {
            <tr data-village=key>
                <th>{name}</th>
                {cells.iter().zip(&head[1..6]).map(|(cell, l)| view! { <td class="num score" data-label=*l>{score(cell.score)}{review_mark(zh, Some(cell))}</td> }).collect_view()}
                <td class="num score" data-label=head[6]><i>{score(r.provisional)}</i></td>
                <td></td><td></td><td></td><td></td><td></td><td></td>
            </tr>
        }
        .into_any(),
    }
}

/// Grade (or re-grade with a reason) the township's year.
#[component]
fn GradeForm(tid: String, year: i32, regrade: bool) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = super::super::not_yours(c, Action::Organize) {
        return other;
    }
    let form = if regrade { REGRADE_FORM } else { GRADE_FORM };
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let input: DatedInput = read_form(form, inputs)?;
        let township = tid.clone();
        c.record(Command::Grade { township, year, on: input.on, reason: input.reason })
            .map(|_| ())
    });
    view! {
        <section class="card">
            // Once graded, re-grading is the exception: folded away.
            <details open=!regrade>
            <summary>{if regrade { c.t("重新评定（须说明理由）", "Re-grade (with a reason)") } else { c.t("评定等次与绩效工资", "Grade and compute pay") }}</summary>
            <DataForm form send button=("评定等次", "Grade") done=("等次与工资已评定", "Grades and pay recorded") testid="grade-form" />
            </details>
        </section>
    }
    .into_any()
}

fn due_text(c: Ctx, d: &Due) -> String {
    match d.done {
        Some(done) => format!("{} {done}", c.t("已完成", "done")),
        None if d.overdue => format!(
            "{} {}{}",
            c.t("截止", "due"),
            d.due,
            c.t("（已逾期）", " (overdue)")
        ),
        None => format!("{} {}", c.t("截止", "due"), d.due),
    }
}

/// 不合格: 诫勉谈话 and 限期整改, shown until completed.
#[component]
fn FailItems(c: Ctx, r: VillageRow, year: i32) -> impl IntoView {
    let (Some(talk), Some(rect)) = (r.talk.clone(), r.rectification.clone()) else {
        return ().into_any();
    };
    if let Some(other) = super::super::hidden_from(c, Action::Organize) {
        return other;
    }
    let vid = r.village.id.clone();
    let village = vid.clone();
    let on_talk: Send = Arc::new(move |inputs: &Inputs| {
        let t: WarningTalkInput = read_form(WARNING_TALK_FORM, inputs)?;
        let village = village.clone();
        c.record(Command::RecordWarningTalk { village, year, held_by: t.held_by, held_on: t.held_on, note: t.note })
            .map(|_| ())
    });
    let on_rect: Send = Arc::new(move |inputs: &Inputs| {
        let r: RectificationInput = read_form(RECTIFICATION_FORM, inputs)?;
        let village = vid.clone();
        c.record(Command::CompleteRectification { village, year, completed_on: r.completed_on, note: r.note })
            .map(|_| ())
    });
    let talk_done = talk.done.is_some();
    let rect_done = rect.done.is_some();
    view! {
        <section class="card fail" data-testid="fail-items" data-village=r.village.name.clone()>
            <h2>{r.village.name.clone()}" · "{c.t("不合格整改事项", "Fail: follow-up")}</h2>
            <p class:warn=talk.overdue data-testid="talk">{c.t("诫勉谈话（乡镇党委书记）：", "Warning talk (township party secretary): ")}{due_text(c, &talk)}</p>
            {(!talk_done).then(|| view! {
                <DataForm form=WARNING_TALK_FORM send=on_talk button=("记录诫勉谈话", "Record warning talk") done=("已记录", "Recorded") />
            })}
            <p class:warn=rect.overdue data-testid="rectification">{c.t("限期整改：", "Rectification: ")}{due_text(c, &rect)}</p>
            {(!rect_done).then(|| view! {
                <DataForm form=RECTIFICATION_FORM send=on_rect button=("整改完成", "Mark rectified") done=("已记录", "Recorded") />
            })}
        </section>
    }
    .into_any()
}
