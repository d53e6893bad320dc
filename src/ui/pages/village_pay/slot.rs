//! One village's period: score entry, corrections, 公示, 异议, finalization and
//! conflict review.

use crate::route::{Route, TownshipYear};
use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use super::super::{hidden_from, not_yours, TyParams};
use crate::domain::master::Village;
use crate::domain::score::{format_halves, format_hundredths};
use crate::domain::time::{date_field, format_beijing};
use crate::domain::village_pay::{
    parse_score_form, parse_scores, slot_view, Action, Command, Indicator, IndicatorSet, Objection,
    Outcome, PeriodStatus, Review as ReviewReason, ScoreVersion, Sheet, Slot, SlotReview, SlotView,
    Source, Window,
};
use crate::domain::RuleViolation;
use crate::store::RecordError;
use std::sync::Arc;

use crate::domain::form::Inputs;
use crate::domain::village_pay::forms::{
    DatedInput, ObjectionInput, PublicityInput, FINALIZE_FORM, OBJECTION_FORM, PUBLICITY_FORM,
};
use crate::domain::village_pay::screens::period_chip;
use crate::ui::components::{
    read_form, render_chip, DataForm, DateField, FieldError, FormError, Notice, Send, TextField,
};
use crate::ui::ctx::{today, today_iso, use_ctx, Ctx};

/// Everything the page shows, derived from state. Compared by value, so a
/// write elsewhere (a background sync, say) does not rebuild this page's forms.
#[derive(Clone, PartialEq)]
struct Vm {
    page: SlotView,
    /// Indicators of the current set (empty while none is current).
    indicators: Vec<Indicator>,
    /// Half points may be typed (policy, from the view).
    half: bool,
}

impl Vm {
    fn village(&self) -> &Village {
        &self.page.village
    }
    fn slot(&self) -> &Slot {
        &self.page.slot
    }
}

fn rule(v: RuleViolation) -> Option<RecordError> {
    Some(RecordError::Rule(v))
}

/// Every field's message of a form at once.
fn rules(all: Vec<RuleViolation>) -> Option<RecordError> {
    Some(RecordError::rules(all))
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
        let period = p.period()?;
        let vid = p.village();
        c.with_state(|s| {
            let page = slot_view(s, &vid, p.year(), period, today())?;
            Some(Vm {
                indicators: page
                    .indicators
                    .as_ref()
                    .map(|i| i.indicators.clone())
                    .unwrap_or_default(),
                half: page.half_points,
                page,
            })
        })
    });
    move || {
        let Some(vm) = vm.get() else {
            return view! { <section class="card"><p>{c.t("找不到该村或考核期", "Unknown village or period")}</p></section> }.into_any();
        };
        let v = vm.village().clone();
        let back = Route::Township(TownshipYear::new(v.township.clone(), vm.page.year)).href();
        let title = format!(
            "{} · {} · {}",
            v.name,
            vm.page.year,
            vm.page.period.label(c.is_zh())
        );
        let heads = if c.is_zh() {
            format!("书记：{}　主任：{}", v.secretary, v.director)
        } else {
            format!("Secretary: {} · Director: {}", v.secretary, v.director)
        };
        let status = vm.page.cell.status.clone();
        let announced = !vm.page.cell.windows.is_empty();
        let body = match status {
            PeriodStatus::NeedsReview => view! {
                <Review vm=vm.clone() />
                {announced.then(|| view! { <Objections vm=vm.clone() /> })}
            }
            .into_any(),
            _ if vm.indicators.is_empty() => view! { <section class="card"><p class="hint">{c.t("本年度考评指标尚未发布。", "Indicators are not published yet.")}</p></section> }.into_any(),
            PeriodStatus::NotScored => view! { <ScoreEntry vm=vm.clone() /> }.into_any(),
            _ => view! { <Scored vm=vm.clone() /> }.into_any(),
        };
        view! {
            <section class="card">
                <A href=back attr:class="back">{c.t("← 返回", "← Back")}</A>
                <h1>{title}</h1>
                <p class="hint">{heads}</p>
                {render_chip(period_chip(&vm.page.cell, c.is_zh()))}
                {vm.page.not_counted.iter().map(|n| view! {
                    <p class="banner warn" data-testid="not-counted">{if c.is_zh() { n.zh.clone() } else { n.en.clone() }}</p>
                }).collect_view()}
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

/// What was typed for each indicator: (indicator id, text).
fn typed(indicators: &[Indicator], values: &[RwSignal<String>]) -> Vec<(String, String)> {
    indicators
        .iter()
        .zip(values)
        .map(|(i, v)| (i.id.clone(), v.get_untracked()))
        .collect()
}

fn read_scores(
    indicators: &[Indicator],
    values: &[RwSignal<String>],
    half: bool,
) -> Result<BTreeMap<String, u32>, Vec<RuleViolation>> {
    parse_scores(indicators, &typed(indicators, values), half)
}

/// First entry of a period's scores.
#[component]
fn ScoreEntry(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = not_yours(c, Action::Score) {
        return other;
    }
    let values = score_signals(&vm.indicators, None);
    let assessor = RwSignal::new(c.user.get_untracked().map(|u| u.name).unwrap_or_default());
    let date = RwSignal::new(today_iso());
    let note = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let (ind, vals) = (vm.indicators.clone(), values.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = parse_score_form(
            &ind,
            &typed(&ind, &vals),
            vm.half,
            &assessor.get_untracked(),
            &date.get_untracked(),
        );
        let (scores, assessed_on) = match form {
            Ok(read) => read,
            Err(all) => return err.set(rules(all)),
        };
        let cmd = Command::SubmitScores {
            village: vm.page.village.id.clone(),
            year: vm.page.year,
            period: vm.page.period,
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
                <Notice msg=ok err />
                <button type="submit" class="primary">{c.t("提交评分", "Submit scores")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Where a version of the scores came from, in words.
fn source_text(c: Ctx, v: &ScoreVersion) -> String {
    let zh = c.is_zh();
    let (colon, comma) = if zh { ("：", "，") } else { (": ", ", ") };
    match &v.source {
        Source::Assessment {
            assessor,
            assessed_on,
            note,
            reason,
            ..
        } if reason.is_empty() => {
            let stop = if zh || note.is_empty() { "" } else { ". " };
            let end = if zh { "。" } else { stop };
            format!(
                "{}{colon}{assessor}{comma}{assessed_on}{end}{note}",
                c.t("考核人", "Assessor")
            )
        }
        Source::Assessment {
            assessor,
            assessed_on,
            reason,
            ..
        } => {
            let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
            format!(
                "{}{colon}{reason}{open}{assessor}{comma}{assessed_on}{close}",
                c.t("更正", "Correction")
            )
        }
        Source::ConflictResolution { reason } => {
            format!("{}{colon}{reason}", c.t("复核确定", "Set by review"))
        }
        Source::ObjectionUpheld { note, .. } => format!(
            "{}{colon}{note}",
            c.t("异议成立后更正", "Corrected after objection")
        ),
    }
}

/// "第 N 版指标" / "indicator set vN" of a sheet.
fn set_label(c: Ctx, sheet: &Sheet) -> String {
    match &sheet.set {
        Some(set) => format!(
            "{}{}{}",
            c.t("第 ", "indicator set v"),
            set.version,
            c.t(" 版指标", "")
        ),
        None => c
            .t("指标版本未知（尚未收到）", "indicator set not received yet")
            .to_string(),
    }
}

/// Scores table of one version, against the indicator set it was recorded with.
fn sheet_table(c: Ctx, sheet: &Sheet) -> impl IntoView {
    let v = &sheet.version;
    let total = sheet
        .normalized
        .map(format_hundredths)
        .unwrap_or_else(|| "—".into());
    let indicators: Vec<Indicator> = match &sheet.set {
        Some(set) => set.indicators.clone(),
        None => v
            .scores
            .keys()
            .map(|k| Indicator {
                id: k.clone(),
                name: k.clone(),
                max_halves: 0,
                weight: None,
            })
            .collect(),
    };
    let rows = indicators
        .iter()
        .map(|i| {
            let s = v
                .scores
                .get(&i.id)
                .map(|s| format_halves(*s))
                .unwrap_or_else(|| "—".into());
            let max = if i.max_halves == 0 {
                "?".to_string()
            } else {
                format_halves(i.max_halves)
            };
            view! { <tr><td>{i.name.clone()}</td><td class="num">{s}" / "{max}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="plain scores">
            <caption>{set_label(c, sheet)}</caption>
            <tbody>{rows}</tbody>
            <tfoot><tr><th>{c.t("折合百分制", "Out of 100")}</th><th class="num" data-testid="normalized">{total}</th></tr></tfoot>
        </table>
        <p class="hint">{source_text(c, v)}</p>
        <p class="meta">{format!("{} {} · {}", c.t("登记：", "Recorded by"), v.author, format_beijing(v.recorded_at))}</p>
    }
}

/// The indicators and maxima of a set (the current one, shown beside an outdated sheet).
fn set_table(c: Ctx, set: &IndicatorSet) -> impl IntoView {
    let rows = set
        .indicators
        .iter()
        .map(|i| view! { <tr><td>{i.name.clone()}</td><td class="num">{c.t("满分 ", "max ")}{format_halves(i.max_halves)}</td></tr> })
        .collect_view();
    view! {
        <table class="plain" data-testid="current-set">
            <caption>{c.t("现行第 ", "Current set v")}{set.version}{c.t(" 版指标", "")}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A scored period: scores, history, correction, publicity, objections, finalize.
#[component]
fn Scored(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let standing = vm.page.standing.clone();
    let history = vm.page.history.clone();
    let republish = vm.page.cell.republish;
    view! {
        <section class="card">
            <h2>{c.t("有效评分", "Standing scores")}</h2>
            {republish.then(|| view! { <p class="banner warn" data-testid="republish">{c.t("复核已采用新的评分，原定稿已撤销：须重新公示后才能定稿。", "New scores were accepted in review and the earlier finalization was withdrawn: publicize again before finalizing.")}</p> })}
            {standing.as_ref().map(|s| sheet_table(c, s))}
            {(!history.is_empty()).then(|| view! {
                <details>
                    <summary>{c.t("修改痕迹", "Earlier versions")}" ("{history.len()}")"</summary>
                    {history.iter().map(|v| sheet_table(c, v)).collect_view()}
                </details>
            })}
        </section>
        {vm.page.period.is_quarter().then(|| view! { <Publicity vm=vm.clone() /> })}
        {(vm.page.period.is_quarter() && vm.slot().publicity_start().is_none() && vm.slot().finalized.is_none()).then(|| view! { <Correction vm=vm.clone() /> })}
    }
}

/// Scores for every indicator plus a reason: used by corrections and reviews.
/// `to_command` turns (scores, reason) into the command to record.
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
            Err(all) => err.set(rules(all)),
        }
    };
    view! {
        <form on:submit=on_submit class="stack" data-testid=testid>
            <ScoreInputs indicators=vm.indicators.clone() values err />
            <TextField label=reason_label value=reason field="reason" err />
            <FormError err />
            <Notice msg=ok err />
            <button type="submit" class="primary">{submit_label}</button>
        </form>
    }
}

/// Correction before publicity, with a reason.
#[component]
fn Correction(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = hidden_from(c, Action::Score) {
        return other;
    }
    let values = score_signals(&vm.indicators, vm.slot().standing().map(|s| &s.scores));
    let (village, year, period) = (vm.page.village.id.clone(), vm.page.year, vm.page.period);
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
    .into_any()
}

/// Open the 公示 with a start date.
#[component]
fn OpenPublicity(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = not_yours(c, Action::Organize) {
        return other;
    }
    let days = vm.page.publicity_days;
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let input: PublicityInput = read_form(PUBLICITY_FORM, inputs)?;
        c.record(Command::OpenPublicity {
            village: vm.page.village.id.clone(),
            year: vm.page.year,
            period: vm.page.period,
            start: input.start,
        })
        .map(|_| ())
    });
    view! {
        <section class="card">
            <h2>{c.t("结果公示", "Publicity")}</h2>
            <p class="hint">{move || format!("{}{days}{}", c.t("季度考评结果须公示 ", "Quarterly results are publicized for "), c.t(" 天，接受党员群众监督。", " days for party members and villagers to check."))}</p>
            <DataForm form=PUBLICITY_FORM send button=("开始公示", "Open publicity") done=("已开始公示", "Publicity opened") testid="publicity-form" />
        </section>
    }
    .into_any()
}

/// 公示: open it, show the window as announced, objections, finalize.
#[component]
fn Publicity(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let Some(w) = vm.page.cell.windows.first().cloned() else {
        return match vm.slot().finalized.is_some() {
            true => ().into_any(),
            false => view! { <OpenPublicity vm /> }.into_any(),
        };
    };
    let finalized = vm.slot().finalized.clone();
    view! {
        <section class="card" data-testid="publicity">
            <h2>{c.t("结果公示", "Publicity")}</h2>
            {window_text(c, &w)}
            {match &finalized {
                Some((d, by)) => view! { <p class="ok">{c.t("已定稿：", "Final: ")}{d.to_string()}" · "{by.clone()}</p> }.into_any(),
                None => view! { <p class="hint">{c.t("可定稿日期：", "Can be finalized from: ")}{w.finalize_from.to_string()}</p> }.into_any(),
            }}
        </section>
        <Objections vm=vm.clone() />
        {finalized.is_none().then(|| view! { <Finalize vm=vm.clone() /> })}
    }
    .into_any()
}

/// "公示期：03-26 至 04-01（7天）", as the 公示 announced it.
fn window_text(c: Ctx, w: &Window) -> impl IntoView {
    let days = w.days;
    view! {
        <p class="window" data-testid="window">
            {c.t("公示期：", "Window: ")}<b>{w.start.to_string()}</b>{c.t(" 至 ", " to ")}<b>{w.end.to_string()}</b>
            {move || if c.is_zh() { format!("（{days}天）") } else { format!(" ({days} days)") }}
        </p>
    }
}

/// The objections recorded, each with its resolution or the form to resolve it, and
/// the form to record one (also after the 定稿: one raised inside the window and
/// entered late is recorded and reopens the result for review).
#[component]
fn Objections(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let objections: Vec<Objection> = vm
        .slot()
        .objections
        .values()
        .filter(|o| !o.content.is_empty())
        .cloned()
        .collect();
    view! {
        <section class="card">
            <h2>{c.t("异议", "Objections")}" ("{objections.len()}")"</h2>
            <ul class="list objections" data-testid="objections">
                {objections.into_iter().map(|o| view! { <ObjectionItem vm=vm.clone() o /> }).collect_view()}
            </ul>
            <RaiseObjection vm=vm.clone() />
        </section>
    }
}

/// An objection resolution in words.
fn resolution_text(c: Ctx, outcome: &Outcome, date: chrono::NaiveDate, by: &str) -> String {
    let (what, why) = match outcome {
        Outcome::Upheld { note, .. } => (c.t("异议成立，已更正", "Upheld, corrected"), note),
        Outcome::Dismissed { reason } => (c.t("不予采纳", "Dismissed"), reason),
    };
    if c.is_zh() {
        format!("{what}（{date}，{by}）：{why}")
    } else {
        format!("{what} ({date}, {by}): {why}")
    }
}

/// One objection, with its resolution or the form to resolve it.
#[component]
fn ObjectionItem(vm: Vm, o: Objection) -> impl IntoView {
    let c = use_ctx();
    let header = format!("{} · {} · {}", o.objector, o.raised_on, o.content);
    let in_conflict = vm.slot().objection_in_conflict(&o.id);
    let resolution = o
        .resolution
        .clone()
        .map(|(outcome, date, by)| resolution_text(c, &outcome, date, &by));
    view! {
        <li class="objection">
            <p>{header}</p>
            {match (resolution, in_conflict) {
                (_, true) => view! { <p class="warn">{c.t("处理结果不一致，需复核", "Resolved two ways: needs review")}</p> }.into_any(),
                (Some(r), false) => view! { <p class="ok">{r}</p> }.into_any(),
                (None, false) => view! { <p class="warn">{c.t("待处理", "Open")}</p><ResolveObjection vm o=o.id.clone() /> }.into_any(),
            }}
        </li>
    }
}

/// Record an objection.
#[component]
fn RaiseObjection(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = not_yours(c, Action::Object) {
        return other;
    }
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let input: ObjectionInput = read_form(OBJECTION_FORM, inputs)?;
        c.record(Command::RaiseObjection {
            village: vm.page.village.id.clone(),
            year: vm.page.year,
            period: vm.page.period,
            objector: input.objector,
            content: input.content,
            raised_on: input.raised_on,
        })
        .map(|_| ())
    });
    view! {
        <details>
            <summary>{c.t("登记异议", "Record an objection")}</summary>
            <DataForm form=OBJECTION_FORM send button=("登记异议", "Record objection") done=("异议已登记", "Objection recorded") testid="objection-form" clear=true />
        </details>
    }
    .into_any()
}

/// Resolve an objection: upheld (with corrected scores) or dismissed.
#[component]
fn ResolveObjection(vm: Vm, o: String) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = hidden_from(c, Action::Organize) {
        return other;
    }
    let upheld = RwSignal::new(true);
    let values = score_signals(&vm.indicators, vm.slot().standing().map(|s| &s.scores));
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
                Err(all) => return err.set(rules(all)),
            }
        } else {
            None
        };
        let resolved_on = match date_field(&date.get_untracked(), "resolved_on") {
            Ok(d) => d,
            Err(v) => return err.set(rule(v)),
        };
        let cmd = Command::ResolveObjection {
            village: vm.page.village.id.clone(),
            year: vm.page.year,
            period: vm.page.period,
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
            <Notice msg=ok err />
            <button type="submit">{c.t("记录处理结果", "Record resolution")}</button>
        </form>
    }
    .into_any()
}

/// Finalize after the window.
#[component]
fn Finalize(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    if let Some(other) = not_yours(c, Action::Organize) {
        return other;
    }
    let send: Send = Arc::new(move |inputs: &Inputs| {
        let input: DatedInput = read_form(FINALIZE_FORM, inputs)?;
        c.record(Command::Finalize {
            village: vm.page.village.id.clone(),
            year: vm.page.year,
            period: vm.page.period,
            on: input.on,
        })
        .map(|_| ())
    });
    view! {
        <section class="card">
            <DataForm form=FINALIZE_FORM send button=("定稿", "Finalize") done=("结果已定稿", "Result finalized") testid="finalize-form" />
        </section>
    }
    .into_any()
}

/// A sheet shown in a review, with "use these" when it is on the current set.
fn review_version(
    c: Ctx,
    sheet: &Sheet,
    title: String,
    inputs: (&[Indicator], &[RwSignal<String>]),
) -> impl IntoView {
    let fill = sheet.version.scores.clone();
    let (ind, vals) = (inputs.0.to_vec(), inputs.1.to_vec());
    let usable = sheet.current && !ind.is_empty();
    view! {
        <div class="version">
            <h3>{title}</h3>
            {sheet_table(c, sheet)}
            {usable.then(|| view! {
                <button type="button" on:click=move |_| {
                    for (i, s) in ind.iter().zip(&vals) { s.set(fill.get(&i.id).map(|x| format_halves(*x)).unwrap_or_default()); }
                }>{c.t("采用此份", "Use these")}</button>
            })}
        </div>
    }
}

/// The title of a live sheet in a review.
fn live_title(c: Ctx, review: &SlotReview, sheet: &Sheet) -> String {
    let outdated = review.reasons.iter().any(|r| {
        matches!(r, ReviewReason::OutdatedIndicators { versions } if versions.contains(&sheet.version.event))
    });
    if outdated {
        let what = c.t("按旧版指标的评分", "Scored against an outdated set");
        if c.is_zh() {
            format!("{what}（{}）", set_label(c, sheet))
        } else {
            format!("{what} ({})", set_label(c, sheet))
        }
    } else if review.bound.is_some() {
        c.t("之后收到的评分", "Scores that arrived later")
            .to_string()
    } else {
        c.t("评分", "Scores").to_string()
    }
}

/// Objections resolved two ways, each with its resolutions side by side.
fn objection_conflicts(c: Ctx, review: &SlotReview) -> impl IntoView {
    review
        .objection_conflicts
        .iter()
        .map(|(o, rs)| {
            let items = rs
                .iter()
                .map(|r| view! { <li>{resolution_text(c, &r.outcome, r.on, &r.author)}</li> })
                .collect_view();
            view! {
                <div class="objection-conflict">
                    <p>{format!("{} · {} · {}", o.objector, o.raised_on, o.content)}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
        .collect_view()
}

/// 需复核: why, every version side by side (the finalized or publicized one, the
/// newcomers, each against its own indicator set, and the current set), and what
/// settles it: the scores that stand, one 公示 window kept, or the late objection
/// resolved (in the objections card below).
#[component]
fn Review(vm: Vm) -> impl IntoView {
    let c = use_ctx();
    let Some(review) = vm.page.review.clone() else {
        return ().into_any();
    };
    let values = score_signals(&vm.indicators, None);
    let inputs = (vm.indicators.as_slice(), values.as_slice());
    let reasons = review
        .reasons
        .iter()
        .map(|r| view! { <li>{r.describe(c.is_zh())}</li> })
        .collect_view();
    let indicator_conflict = review.reasons.contains(&ReviewReason::IndicatorConflict);
    let here = TownshipYear::new(vm.village().township.clone(), vm.page.year);
    let indicators_href = Route::Indicators(here).href();
    let bound = review.bound.as_ref().map(|b| {
        let title = if review.bound_is_final {
            c.t("已定稿的结果（复核前保持不变）", "The finalized result (stands until reviewed)")
        } else {
            c.t("已公示的评分", "The scores publicized")
        };
        view! { <div class="bound" data-testid="bound">{review_version(c, b, title.to_string(), inputs)}</div> }
    });
    let live = review
        .live
        .iter()
        .map(|s| review_version(c, s, live_title(c, &review, s), inputs))
        .collect_view();
    let outdated = review
        .reasons
        .iter()
        .any(|r| matches!(r, ReviewReason::OutdatedIndicators { .. }));
    let current_set = outdated
        .then(|| vm.page.indicators.as_ref().map(|s| set_table(c, s)))
        .flatten();
    let late = !review.late_objections.is_empty();
    let by_scores =
        !indicator_conflict && review.reasons.iter().any(ReviewReason::settled_by_scores);
    let windows = review.publicity_conflict.clone();
    view! {
        <section class="card review" data-testid="conflict">
            <h2>{c.t("需复核", "Needs review")}</h2>
            <ul class="reasons" data-testid="reasons">{reasons}</ul>
            {indicator_conflict.then(|| view! {
                <p class="banner warn"><A href=indicators_href>{c.t("前往“考评指标”确定本年度指标", "Settle this year's indicators under Indicators")}</A></p>
            })}
            <p class="hint">{c.t("所有记录都已保留。请核实后处理。", "Every entry is kept. Check them, then settle the review.")}</p>
            {late.then(|| view! {
                <p class="banner warn">{c.t("定稿后收到了公示期内提出的异议：请在下方“异议”中处理。不予采纳则原定稿保持；异议成立则原定稿撤销，须重新公示。", "An objection raised during publicity arrived after finalization: resolve it under Objections below. If dismissed, the finalization stands; if upheld, it is withdrawn and the result must be publicized again.")}</p>
            })}
            {(!windows.is_empty()).then(|| view! { <KeepWindow vm=vm.clone() windows /> })}
            {bound}
            {live}
            {current_set}
            {objection_conflicts(c, &review)}
            {by_scores.then(|| view! { <ReviewScores vm=vm.clone() values has_bound=review.bound.is_some() /> })}
        </section>
    }
    .into_any()
}

/// The form that records the scores that stand after a review.
#[component]
fn ReviewScores(vm: Vm, values: Vec<RwSignal<String>>, has_bound: bool) -> impl IntoView {
    let c = use_ctx();
    let (village, year, period) = (vm.page.village.id.clone(), vm.page.year, vm.page.period);
    let build = move |scores, reason| Command::ResolveConflict {
        village: village.clone(),
        year,
        period,
        scores,
        reason,
    };
    view! {
        <h3>{c.t("确定有效评分", "Record the scores that stand")}</h3>
        {has_bound.then(|| view! {
            <p class="hint">{c.t("确定的评分与已公示或已定稿的结果不同时，原公示和定稿将撤销，须重新公示后才能定稿。", "If the scores you record differ from those publicized or finalized, that publicity and finalization are withdrawn and the result must be publicized again.")}</p>
        })}
        <ReasonedScores vm values to_command=build testid="review-form"
            reason_label=c.t("复核说明", "Review note")
            submit_label=c.t("确定有效评分", "Record the scores that stand")
            done=("复核结果已记录", "Review recorded") />
    }
}

/// Two 公示 announced different windows: both shown; the organizer keeps one, with a
/// reason (a 定稿 made inside the kept window is withdrawn).
#[component]
fn KeepWindow(vm: Vm, windows: Vec<Window>) -> impl IntoView {
    let c = use_ctx();
    let reason = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let choices = windows
        .into_iter()
        .map(|w| {
            let (village, year, period) = (vm.page.village.id.clone(), vm.page.year, vm.page.period);
            let keep = w.publicity.clone();
            let on_keep = move |_| {
                let cmd = Command::ResolvePublicityConflict {
                    village: village.clone(),
                    year,
                    period,
                    keep: keep.clone(),
                    reason: reason.get_untracked(),
                };
                submit(c, cmd, err, ok, "已确定公示期", "Publicity window kept");
            };
            view! {
                <div class="version">
                    {window_text(c, &w)}
                    <button type="button" on:click=on_keep>{c.t("以此公示期为准", "Keep this window")}</button>
                </div>
            }
        })
        .collect_view();
    view! {
        <div data-testid="publicity-conflict">
            <h3>{c.t("两个不同的公示期", "Two different publicity windows")}</h3>
            <p class="hint">{c.t("两部手机离线时各自开始了公示。两个公示期内提出的异议都已登记。请确定以哪个公示期为准；在该公示期结束前作出的定稿将撤销。", "Two phones opened the publicity while offline. Objections raised in either window are recorded. Keep one window; a finalization made before it ends is withdrawn.")}</p>
            <TextField label=c.t("确定理由", "Reason") value=reason field="reason" err />
            {choices}
            <FormError err />
            <Notice msg=ok err />
        </div>
    }
}
