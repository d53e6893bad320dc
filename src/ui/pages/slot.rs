//! One village's period: score entry, corrections, 公示, 异议, finalization and
//! conflict review.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use super::TyParams;
use crate::domain::master::Village;
use crate::domain::score::{format_halves, format_hundredths};
use crate::domain::time::{add_days, date_field, format_beijing};
use crate::domain::w1::{
    normalized, parse_scores, township_year, window_end, Command, Indicator, Outcome, Period,
    PeriodStatus, ScoreVersion, Slot, Source,
};
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{CellChip, DateField, FieldError, FormError, Notice, TextField};
use crate::ui::ctx::{today, today_iso, use_ctx, Ctx};

/// Everything the page shows, derived from state. Compared by value, so a
/// write elsewhere (a background sync, say) does not rebuild this page's forms.
#[derive(Clone, PartialEq)]
struct Vm {
    village: Village,
    year: i32,
    period: Period,
    indicators: Vec<Indicator>,
    slot: Slot,
    cell: crate::domain::w1::PeriodCell,
    half: bool,
    publicity_days: u32,
}

fn rule(v: RuleViolation) -> Option<RecordError> {
    Some(RecordError::Rule(v))
}

/// Submit a command and report into the form's signals.
fn submit(
    c: Ctx,
    cmd: Command,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
    done: &'static str,
    done_en: &'static str,
) -> bool {
    match c.record(cmd) {
        Ok(_) => {
            err.set(None);
            ok.set(c.t(done, done_en).to_string());
            true
        }
        Err(e) => {
            ok.set(String::new());
            err.set(Some(e));
            false
        }
    }
}

/// The page of one village × period.
#[component]
pub fn SlotPage() -> impl IntoView {
    let c = use_ctx();
    let p = TyParams::get();
    let vm = Memo::new(move |_| {
        let period = Period::from_key(&p.param("period"))?;
        let vid = p.param("vid");
        c.with_state(|s| {
            let village = s.master.villages.get(&vid)?.clone();
            let view = township_year(s, &village.township, p.year(), today());
            let cell = view
                .rows
                .iter()
                .find(|r| r.village.id == vid)?
                .cells
                .iter()
                .find(|c| c.period == period)?
                .clone();
            let policy = s.policies.at(today());
            Some(Vm {
                year: p.year(),
                period,
                indicators: view.indicators.map(|i| i.indicators).unwrap_or_default(),
                slot: s
                    .w1
                    .slot(&vid, p.year(), period)
                    .cloned()
                    .unwrap_or_default(),
                cell,
                half: policy.half_points,
                publicity_days: policy.publicity_days,
                village,
            })
        })
    });
    move || {
        let Some(vm) = vm.get() else {
            return view! { <section class="card"><p>{c.t("找不到该村或考核期", "Unknown village or period")}</p></section> }.into_any();
        };
        let back = format!("/t/{}/{}", vm.village.township, vm.year);
        let title = format!(
            "{} · {} · {}",
            vm.village.name,
            vm.year,
            vm.period.label(c.is_zh())
        );
        let heads = format!(
            "{}：{}　{}：{}",
            c.t("书记", "Secretary"),
            vm.village.secretary,
            c.t("主任", "Director"),
            vm.village.director
        );
        let body = if vm.indicators.is_empty() {
            view! { <section class="card"><p class="hint">{c.t("本年度考评指标尚未发布。", "Indicators are not published yet.")}</p></section> }.into_any()
        } else {
            match vm.cell.status.clone() {
                PeriodStatus::NotScored => view! { <ScoreEntry vm=vm.clone() /> }.into_any(),
                PeriodStatus::NeedsReview => view! { <ConflictReview vm=vm.clone() /> }.into_any(),
                _ => view! { <Scored vm=vm.clone() /> }.into_any(),
            }
        };
        view! {
            <section class="card">
                <A href=back>{c.t("← 返回", "← Back")}</A>
                <h1>{title}</h1>
                <p class="hint">{heads}</p>
                <CellChip cell=vm.cell.clone() />
            </section>
            {body}
        }
        .into_any()
    }
}

/// Score inputs, one per indicator, each with its inline error.
#[component]
fn ScoreInputs(
    indicators: Vec<Indicator>,
    values: Vec<RwSignal<String>>,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let c = use_ctx();
    indicators
        .into_iter()
        .zip(values)
        .map(|(i, v)| {
            let label = format!("{} ", i.name);
            let max = format_halves(i.max_halves);
            view! {
                <label class="field score">
                    <span>{label}<small>{c.t("满分 ", "max ")}{max.clone()}</small></span>
                    <input type="text" inputmode="decimal" name=format!("score-{}", i.id) data-indicator=i.name.clone() bind:value=v />
                </label>
                <FieldError err field=i.id.clone() />
            }
        })
        .collect_view()
}

fn score_signals(
    indicators: &[Indicator],
    initial: Option<&BTreeMap<String, u32>>,
) -> Vec<RwSignal<String>> {
    indicators
        .iter()
        .map(|i| {
            RwSignal::new(
                initial
                    .and_then(|m| m.get(&i.id))
                    .map(|s| format_halves(*s))
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn read_scores(
    indicators: &[Indicator],
    values: &[RwSignal<String>],
    half: bool,
) -> Result<BTreeMap<String, u32>, RuleViolation> {
    let inputs: Vec<(String, String)> = indicators
        .iter()
        .zip(values)
        .map(|(i, v)| (i.id.clone(), v.get_untracked()))
        .collect();
    parse_scores(indicators, &inputs, half)
}

/// First entry of a period's scores.
#[component]
fn ScoreEntry(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let values = score_signals(&vm.indicators, None);
    let assessor = RwSignal::new(c.user.get_untracked().map(|u| u.name).unwrap_or_default());
    let date = RwSignal::new(today_iso());
    let note = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let (ind, vals) = (vm.indicators.clone(), values.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scores = match read_scores(&ind, &vals, vm.half) {
            Ok(s) => s,
            Err(v) => return err.set(rule(v)),
        };
        let assessed_on = match date_field(&date.get_untracked(), "assessed_on") {
            Ok(d) => d,
            Err(v) => return err.set(rule(v)),
        };
        let cmd = Command::SubmitScores {
            village: vm.village.id.clone(),
            year: vm.year,
            period: vm.period,
            scores,
            assessor: assessor.get_untracked(),
            assessed_on,
            note: note.get_untracked(),
        };
        submit(c, cmd, err, ok, "评分已保存", "Scores saved");
    };
    view! {
        <section class="card">
            <h2>{c.t("实地考核评分", "Field assessment")}</h2>
            <form on:submit=on_submit class="stack" data-testid="score-form">
                <ScoreInputs indicators=vm.indicators.clone() values err />
                <TextField label=c.t("考核人", "Assessor") value=assessor field="assessor" err />
                <DateField label=c.t("考核日期", "Date of check") value=date field="assessed_on" err />
                <label class="field">
                    <span>{c.t("现场查验情况", "On-site note")}</span>
                    <textarea name="note" bind:value=note></textarea>
                </label>
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{c.t("提交评分", "Submit scores")}</button>
            </form>
        </section>
    }
}

/// Scores table of one version.
fn scores_table(c: Ctx, indicators: &[Indicator], v: &ScoreVersion) -> impl IntoView {
    let total = format_hundredths(normalized(indicators, &v.scores));
    let rows = indicators
        .iter()
        .map(|i| {
            let s = v.scores.get(&i.id).map(|s| format_halves(*s)).unwrap_or_else(|| "—".into());
            view! { <tr><td>{i.name.clone()}</td><td class="num">{s}" / "{format_halves(i.max_halves)}</td></tr> }
        })
        .collect_view();
    let source = match &v.source {
        Source::Assessment {
            assessor,
            assessed_on,
            note,
            reason,
            ..
        } if reason.is_empty() => {
            format!(
                "{}：{assessor}，{assessed_on}。{note}",
                c.t("考核人", "Assessor")
            )
        }
        Source::Assessment {
            assessor,
            assessed_on,
            reason,
            ..
        } => {
            format!(
                "{}：{reason}（{assessor}，{assessed_on}）",
                c.t("更正", "Correction")
            )
        }
        Source::ConflictResolution { reason } => {
            format!("{}：{reason}", c.t("复核确定", "Set by review"))
        }
        Source::ObjectionUpheld { note, .. } => format!(
            "{}：{note}",
            c.t("异议成立后更正", "Corrected after objection")
        ),
    };
    view! {
        <table class="plain scores">
            <tbody>{rows}</tbody>
            <tfoot><tr><th>{c.t("折合百分制", "Out of 100")}</th><th class="num" data-testid="normalized">{total}</th></tr></tfoot>
        </table>
        <p class="hint">{source}</p>
        <p class="meta">{format!("{} {} · {}", c.t("登记：", "Recorded by"), v.author, format_beijing(v.recorded_at))}</p>
    }
}

/// A scored period: scores, history, correction, publicity, objections, finalize.
#[component]
fn Scored(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let standing = vm.slot.standing().cloned();
    let history: Vec<ScoreVersion> = {
        let mut h: Vec<ScoreVersion> = vm
            .slot
            .versions
            .values()
            .filter(|v| vm.slot.superseded.contains(&v.event))
            .cloned()
            .collect();
        h.sort_by_key(|v| v.recorded_at);
        h
    };
    let ind = vm.indicators.clone();
    view! {
        <section class="card">
            <h2>{c.t("有效评分", "Standing scores")}</h2>
            {standing.as_ref().map(|s| scores_table(c, &ind, s))}
            {(!history.is_empty()).then(|| view! {
                <details>
                    <summary>{c.t("修改痕迹", "Earlier versions")}" ("{history.len()}")"</summary>
                    {history.iter().map(|v| scores_table(c, &ind, v)).collect_view()}
                </details>
            })}
        </section>
        {vm.period.is_quarter().then(|| view! { <Publicity vm=vm.clone() /> })}
        {(vm.period.is_quarter() && vm.slot.publicity_start().is_none()).then(|| view! { <Correction vm=vm.clone() /> })}
    }
}

/// Scores for every indicator plus a reason: used by corrections and conflict
/// review. `to_command` turns (scores, reason) into the command to record.
#[component]
fn ReasonedScores(
    vm: Vm,
    values: Vec<RwSignal<String>>,
    to_command: impl Fn(BTreeMap<String, u32>, String) -> Command + 'static,
    testid: &'static str,
    reason_label: &'static str,
    submit_label: &'static str,
    done: (&'static str, &'static str),
) -> impl IntoView {
    let c = use_ctx();
    let reason = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let (ind, vals) = (vm.indicators.clone(), values.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_scores(&ind, &vals, vm.half) {
            Ok(scores) => {
                submit(
                    c,
                    to_command(scores, reason.get_untracked()),
                    err,
                    ok,
                    done.0,
                    done.1,
                );
            }
            Err(v) => err.set(rule(v)),
        }
    };
    view! {
        <form on:submit=on_submit class="stack" data-testid=testid>
            <ScoreInputs indicators=vm.indicators.clone() values err />
            <TextField label=reason_label value=reason field="reason" err />
            <FormError err />
            <Notice msg=ok />
            <button type="submit" class="primary">{submit_label}</button>
        </form>
    }
}

/// Correction before publicity, with a reason.
#[component]
fn Correction(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let values = score_signals(&vm.indicators, vm.slot.standing().map(|s| &s.scores));
    let (village, year, period) = (vm.village.id.clone(), vm.year, vm.period);
    let build = move |scores, reason| Command::CorrectScores {
        village: village.clone(),
        year,
        period,
        scores,
        reason,
    };
    view! {
        <section class="card">
            <details>
                <summary>{c.t("更正评分（公示前，须说明理由）", "Correct scores (before publicity, with a reason)")}</summary>
                <ReasonedScores vm values to_command=build testid="correction-form"
                    reason_label=c.t("更正理由", "Reason")
                    submit_label=c.t("记录更正", "Record correction")
                    done=("更正已记录", "Correction recorded") />
            </details>
        </section>
    }
}

/// 公示: open it, show the window, record and resolve objections, finalize.
#[component]
fn Publicity(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let start = RwSignal::new(today_iso());
    let Some(opened) = vm.slot.publicity_start() else {
        let vm2 = vm.clone();
        let open = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let s = match date_field(&start.get_untracked(), "start") {
                Ok(d) => d,
                Err(v) => return err.set(rule(v)),
            };
            let cmd = Command::OpenPublicity {
                village: vm2.village.id.clone(),
                year: vm2.year,
                period: vm2.period,
                start: s,
            };
            submit(c, cmd, err, ok, "已开始公示", "Publicity opened");
        };
        let days = vm.publicity_days;
        return view! {
            <section class="card">
                <h2>{c.t("结果公示", "Publicity")}</h2>
                <p class="hint">{move || format!("{}{days}{}", c.t("季度考评结果须公示 ", "Quarterly results are publicized for "), c.t(" 天，接受党员群众监督。", " days."))}</p>
                <form on:submit=open class="stack" data-testid="publicity-form">
                    <DateField label=c.t("公示开始日期", "Publicity starts") value=start field="start" err />
                    <FormError err />
                    <Notice msg=ok />
                    <button type="submit" class="primary">{c.t("开始公示", "Open publicity")}</button>
                </form>
            </section>
        }
        .into_any();
    };
    let days = vm.publicity_days;
    let end = vm
        .cell
        .window
        .map(|w| w.1)
        .unwrap_or_else(|| window_end(opened, &crate::domain::Policy::default()));
    let final_from = add_days(end, 1);
    let finalized = vm.slot.finalized.clone();
    let objections: Vec<_> = vm
        .slot
        .objections
        .values()
        .filter(|o| !o.content.is_empty())
        .cloned()
        .collect();
    view! {
        <section class="card" data-testid="publicity">
            <h2>{c.t("结果公示", "Publicity")}</h2>
            <p class="window" data-testid="window">
                {c.t("公示期：", "Window: ")}<b>{opened.to_string()}</b>{c.t(" 至 ", " to ")}<b>{end.to_string()}</b>
                {move || format!("（{days}{}）", c.t("天", " days"))}
            </p>
            {match &finalized {
                Some((d, by)) => view! { <p class="ok">{c.t("已定稿：", "Final: ")}{d.to_string()}" · "{by.clone()}</p> }.into_any(),
                None => view! { <p class="hint">{c.t("可定稿日期：", "Can be finalized from: ")}{final_from.to_string()}</p> }.into_any(),
            }}
        </section>
        <section class="card">
            <h2>{c.t("异议", "Objections")}" ("{objections.len()}")"</h2>
            <ul class="list objections" data-testid="objections">
                {objections.into_iter().map(|o| view! { <ObjectionItem vm=vm.clone() o /> }).collect_view()}
            </ul>
            {finalized.is_none().then(|| view! { <RaiseObjection vm=vm.clone() /> })}
        </section>
        {finalized.is_none().then(|| view! { <Finalize vm=vm.clone() /> })}
    }
    .into_any()
}

/// One objection, with its resolution or the form to resolve it.
#[component]
fn ObjectionItem(vm: Vm, o: crate::domain::w1::Objection) -> impl IntoView {
    let c = use_ctx();
    let header = format!("{} · {} · {}", o.objector, o.raised_on, o.content);
    let resolution = o
        .resolution
        .clone()
        .map(|(outcome, date, by)| match outcome {
            Outcome::Upheld { note, .. } => format!(
                "{}（{date}，{by}）：{note}",
                c.t("异议成立，已更正", "Upheld, corrected")
            ),
            Outcome::Dismissed { reason } => {
                format!("{}（{date}，{by}）：{reason}", c.t("不予采纳", "Dismissed"))
            }
        });
    view! {
        <li class="objection">
            <p>{header}</p>
            {match resolution {
                Some(r) => view! { <p class="ok">{r}</p> }.into_any(),
                None => view! { <p class="warn">{c.t("待处理", "Open")}</p><ResolveObjection vm o=o.id.clone() /> }.into_any(),
            }}
        </li>
    }
}

/// Record an objection.
#[component]
fn RaiseObjection(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let objector = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let date = RwSignal::new(today_iso());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raised_on = match date_field(&date.get_untracked(), "raised_on") {
            Ok(d) => d,
            Err(v) => return err.set(rule(v)),
        };
        let cmd = Command::RaiseObjection {
            village: vm.village.id.clone(),
            year: vm.year,
            period: vm.period,
            objector: objector.get_untracked(),
            content: content.get_untracked(),
            raised_on,
        };
        submit(c, cmd, err, ok, "异议已登记", "Objection recorded");
    };
    view! {
        <details>
            <summary>{c.t("登记异议", "Record an objection")}</summary>
            <form on:submit=on_submit class="stack" data-testid="objection-form">
                <TextField label=c.t("异议人", "Raised by") value=objector field="objector" err />
                <label class="field">
                    <span>{c.t("异议内容", "Objection")}</span>
                    <textarea name="content" bind:value=content></textarea>
                </label>
                <FieldError err field="content" />
                <DateField label=c.t("提出日期", "Date raised") value=date field="raised_on" err />
                <FormError err />
                <Notice msg=ok />
                <button type="submit">{c.t("登记异议", "Record objection")}</button>
            </form>
        </details>
    }
}

/// Resolve an objection: upheld (with corrected scores) or dismissed.
#[component]
fn ResolveObjection(vm: Vm, o: String) -> impl IntoView {
    let c = use_ctx();
    let upheld = RwSignal::new(true);
    let values = score_signals(&vm.indicators, vm.slot.standing().map(|s| &s.scores));
    let note = RwSignal::new(String::new());
    let date = RwSignal::new(today_iso());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let (ind, vals) = (vm.indicators.clone(), values.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scores = if upheld.get_untracked() {
            match read_scores(&ind, &vals, vm.half) {
                Ok(s) => Some(s),
                Err(v) => return err.set(rule(v)),
            }
        } else {
            None
        };
        let resolved_on = match date_field(&date.get_untracked(), "resolved_on") {
            Ok(d) => d,
            Err(v) => return err.set(rule(v)),
        };
        let cmd = Command::ResolveObjection {
            village: vm.village.id.clone(),
            year: vm.year,
            period: vm.period,
            objection: o.clone(),
            upheld: scores,
            note: note.get_untracked(),
            resolved_on,
        };
        submit(c, cmd, err, ok, "异议已处理", "Objection resolved");
    };
    view! {
        <form on:submit=on_submit class="stack" data-testid="resolve-form">
            <div class="choice">
                <label><input type="radio" name="outcome" value="upheld" prop:checked=move || upheld.get() on:change=move |_| upheld.set(true) />{c.t("异议成立（更正评分）", "Upheld (correct scores)")}</label>
                <label><input type="radio" name="outcome" value="dismissed" prop:checked=move || !upheld.get() on:change=move |_| upheld.set(false) />{c.t("不予采纳", "Dismissed")}</label>
            </div>
            <div class:hidden=move || !upheld.get()>
                <ScoreInputs indicators=vm.indicators.clone() values err />
            </div>
            <TextField label=Signal::derive(move || if upheld.get() { c.t("核实情况", "Finding") } else { c.t("不予采纳的理由", "Reason for dismissal") }) value=note field="note" err />
            <DateField label=c.t("处理日期", "Date resolved") value=date field="resolved_on" err />
            <FormError err />
            <Notice msg=ok />
            <button type="submit">{c.t("记录处理结果", "Record resolution")}</button>
        </form>
    }
}

/// Finalize after the window.
#[component]
fn Finalize(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let date = RwSignal::new(today_iso());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on = match date_field(&date.get_untracked(), "on") {
            Ok(d) => d,
            Err(v) => return err.set(rule(v)),
        };
        let cmd = Command::Finalize {
            village: vm.village.id.clone(),
            year: vm.year,
            period: vm.period,
            on,
        };
        submit(c, cmd, err, ok, "结果已定稿", "Result finalized");
    };
    view! {
        <section class="card">
            <form on:submit=on_submit class="stack" data-testid="finalize-form">
                <DateField label=c.t("定稿日期", "Finalize on") value=date field="on" err />
                <FormError err />
                <Notice msg=ok />
                <button type="submit" class="primary">{c.t("定稿", "Finalize")}</button>
            </form>
        </section>
    }
}

/// Concurrent conflicting entries: show each, record the scores that stand.
#[component]
fn ConflictReview(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let live: Vec<ScoreVersion> = vm.slot.live().into_iter().cloned().collect();
    let values = score_signals(&vm.indicators, None);
    let (village, year, period) = (vm.village.id.clone(), vm.year, vm.period);
    let build = move |scores, reason| Command::ResolveConflict {
        village: village.clone(),
        year,
        period,
        scores,
        reason,
    };
    let ind2 = vm.indicators.clone();
    let vals2 = values.clone();
    view! {
        <section class="card review" data-testid="conflict">
            <h2>{c.t("两台设备的评分不一致，需复核", "Conflicting entries from two devices: review needed")}</h2>
            <p class="hint">{c.t("两份记录都已保留。请核实后确定有效评分。", "Both entries are kept. Check and record the scores that stand.")}</p>
            {live.into_iter().map(|v| {
                let fill = v.scores.clone();
                let (ind, vals) = (ind2.clone(), vals2.clone());
                view! {
                    <div class="version">
                        {scores_table(c, &ind2, &v)}
                        <button type="button" on:click=move |_| {
                            for (i, s) in ind.iter().zip(&vals) { s.set(fill.get(&i.id).map(|x| format_halves(*x)).unwrap_or_default()); }
                        }>{c.t("采用此份", "Use these")}</button>
                    </div>
                }
            }).collect_view()}
            <ReasonedScores vm values to_command=build testid="review-form"
                reason_label=c.t("复核说明", "Review note")
                submit_label=c.t("确定有效评分", "Record the scores that stand")
                done=("复核结果已记录", "Review recorded") />
        </section>
    }
}
