//! Data: backup export/import, integrity check, quarantine, policy.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::event::Problem;
use crate::domain::policy::{GradingRule, Policy};
use crate::domain::time::date_field;
use crate::domain::w1::Command;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{DateField, FieldError, FormError, Notice, TextField};
use crate::ui::ctx::{today, today_iso, use_ctx};

/// Offer `text` as a file download.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The data page.
#[component]
pub fn Data() -> impl IntoView {
    let c = use_ctx();
    let msg = RwSignal::new(String::new());
    let err = RwSignal::new(None::<RecordError>);
    let export = move |_| {
        let name = format!("jishi-backup-{}.json", today());
        match download(&name, &c.export()) {
            Ok(()) => msg.set(format!("{} {name}", c.t("已导出", "Exported"))),
            Err(e) => err.set(Some(RecordError::Rule(RuleViolation::new(
                "backup.export",
                format!("导出失败：{e}"),
                format!("Export failed: {e}"),
            )))),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match c.import(&text) {
                Ok((added, skipped)) => {
                    err.set(None);
                    msg.set(if c.is_zh() {
                        format!("导入完成：新增 {added} 条，跳过已有 {skipped} 条")
                    } else {
                        format!("Imported: {added} added, {skipped} already present")
                    });
                }
                Err(e) => {
                    msg.set(String::new());
                    err.set(Some(e));
                }
            }
        });
    };
    let integrity = Memo::new(move |_| {
        c.with_ledger(|l| Integrity {
            entries: l.events().len() + l.foreign().len(),
            problems: l.verify(),
            foreign: l
                .foreign()
                .iter()
                .map(|f| (f.id.clone(), f.kind.clone()))
                .collect(),
            quarantined: l.quarantined().to_vec(),
        })
    });
    view! {
        <section class="card">
            <h1>{c.t("数据与备份", "Data and backup")}</h1>
            <p class="hint">{c.t(
                "所有记录保存在本手机浏览器中（localStorage），关闭浏览器后仍在。请定期导出备份文件并妥善保存。",
                "Every entry is kept in this phone's browser storage and survives restarts. Export a backup file regularly.")}</p>
            <button class="primary" data-testid="export" on:click=export>{c.t("导出备份文件", "Export backup")}</button>
            <label class="field">
                <span>{c.t("导入备份文件（逐条校验，已有记录自动跳过）", "Import a backup (every entry verified; existing ones skipped)")}</span>
                <input type="file" accept="application/json,.json" data-testid="import" on:change=import />
            </label>
            <FormError err />
            <Notice msg />
        </section>
        <section class="card">
            <h2>{c.t("完整性", "Integrity")}</h2>
            {move || {
                let Integrity { entries, problems, foreign, quarantined } = integrity.get();
                view! {
                    <p data-testid="integrity">{c.t("记录总数：", "Entries: ")}{entries}" · "
                        {if problems.is_empty() { c.t("哈希校验全部通过，记录链完整", "all hashes verify and the chain is complete") } else { c.t("发现问题，见下", "problems found, see below") }}</p>
                    <ChainProblems problems />
                    {(!foreign.is_empty()).then(|| view! {
                        <div class="banner" data-testid="foreign">
                            <p>{c.t("以下记录由更新版本的纪实录入，本机版本暂不能显示；已保存并会同步，更新应用后显示：", "These entries were made by a newer version of Jishi; this version cannot show them yet. They are kept and synced, and appear once the app is updated:")}</p>
                            <ul>{foreign.into_iter().map(|(id, kind)| view! { <li><code>{id}</code>" — "{kind}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {(!quarantined.is_empty()).then(|| view! {
                        <div class="banner error" data-testid="quarantine">
                            <p>{c.t("以下记录无法读取或内容与哈希不符，已隔离，未计入结果：", "These entries are unreadable or fail their hash; they are quarantined and not counted:")}</p>
                            <ul>{quarantined.iter().map(|q| view! { <li><code>{q.key.clone()}</code>" — "{q.reason.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                }
            }}
            <crate::ui::pages::settings::RemoteProblems />
        </section>
        <PolicyCard />
    }
}

/// What the integrity check found (the Data page recomputes it only when the log changes).
#[derive(Clone, PartialEq)]
struct Integrity {
    entries: usize,
    problems: Vec<Problem>,
    foreign: Vec<(String, String)>,
    quarantined: Vec<crate::store::Quarantined>,
}

/// Records whose hash fails, and records whose predecessor in their phone's chain is
/// missing (deleted, or changed and re-hashed, or not synced yet).
#[component]
fn ChainProblems(problems: Vec<Problem>) -> impl IntoView {
    let c = use_ctx();
    if problems.is_empty() {
        return None;
    }
    let items = problems
        .into_iter()
        .map(|p| match p {
            Problem::HashMismatch { id } => (id, c.t("内容与哈希不符", "does not match its hash")),
            Problem::DuplicateId { id } => (id, c.t("编号重复", "duplicate id")),
            Problem::MissingParent { id, .. } => (
                id,
                c.t("前一条记录不在本机", "its previous entry is missing"),
            ),
        })
        .collect::<Vec<_>>();
    Some(view! {
        <div class="banner error" data-testid="chain">
            <p>{c.t(
                "记录链不完整：以下记录的前一条记录不在本机（被删除、被改动后重新计算哈希，或尚未同步到本机）。请从服务器同步或导入备份核对。",
                "The record chain is incomplete: the entry before each of these is not on this phone (deleted, changed and re-hashed, or not synced here yet). Sync or import a backup to check.")}</p>
            <ul>{items.into_iter().map(|(id, why)| view! { <li><code>{id}</code>" — "{why}</li> }).collect_view()}</ul>
        </div>
    })
}

/// The policy in force, and (for the administrator) a form to change it from a date.
#[component]
fn PolicyCard() -> impl IntoView {
    let c = use_ctx();
    let current = c.with_state(|s| s.policies.at(today()));
    let bands: Vec<RwSignal<String>> = current
        .base_pay_bands
        .iter()
        .flat_map(|b| [b.min_population.to_string(), b.yuan.to_string()])
        .map(RwSignal::new)
        .collect();
    let (o, n) = match current.grading {
        GradingRule::Thresholds {
            outstanding_min,
            notable_min,
        } => (outstanding_min / 100, notable_min / 100),
        GradingRule::Shares { .. } => (90, 60),
    };
    let f = |v: u32| RwSignal::new(v.to_string());
    let excellent = f(current.pay_excellent);
    let basic = f(current.pay_basic);
    let fail = f(current.pay_fail);
    let days = f(current.publicity_days);
    let qw = f(current.quarterly_weight_pct);
    let outstanding = f(o);
    let notable = f(n);
    let half = RwSignal::new(current.half_points);
    let cal_year = RwSignal::new(String::new());
    let cal_off = RwSignal::new(String::new());
    let cal_work = RwSignal::new(String::new());
    let from = RwSignal::new(today_iso());
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let base = current.clone();
    let bands2 = bands.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let num = |s: RwSignal<String>| -> Result<u32, RecordError> {
            s.get_untracked().trim().parse::<u32>().map_err(|_| {
                RecordError::Rule(RuleViolation::new(
                    "policy.number",
                    format!("“{}”不是有效数字", s.get_untracked()),
                    format!("\"{}\" is not a number", s.get_untracked()),
                ))
            })
        };
        let build = || -> Result<Command, RecordError> {
            let mut p: Policy = base.clone();
            p.base_pay_bands = bands2
                .chunks(2)
                .map(|b| {
                    Ok(crate::domain::policy::PayBand {
                        min_population: num(b[0])?,
                        yuan: num(b[1])?,
                    })
                })
                .collect::<Result<_, RecordError>>()?;
            p.pay_excellent = num(excellent)?;
            p.pay_basic = num(basic)?;
            p.pay_fail = num(fail)?;
            p.publicity_days = num(days)?;
            p.quarterly_weight_pct = num(qw)?;
            p.annual_weight_pct = 100u32.saturating_sub(p.quarterly_weight_pct);
            p.grading = GradingRule::Thresholds {
                outstanding_min: num(outstanding)? * 100,
                notable_min: num(notable)? * 100,
            };
            p.half_points = half.get_untracked();
            if !cal_year.get_untracked().trim().is_empty() {
                let schedule = crate::domain::calendar::parse_schedule(
                    &cal_year.get_untracked(),
                    &cal_off.get_untracked(),
                    &cal_work.get_untracked(),
                )
                .map_err(RecordError::Rule)?;
                p = p.with_schedule(schedule);
            }
            let effective_from =
                date_field(&from.get_untracked(), "effective_from").map_err(RecordError::Rule)?;
            Ok(Command::ChangePolicy {
                effective_from,
                policy: p,
            })
        };
        match build().and_then(|cmd| c.record(cmd)) {
            Ok(_) => {
                err.set(None);
                ok.set(c.t("政策已更新", "Policy changed").to_string());
            }
            Err(e) => {
                ok.set(String::new());
                err.set(Some(e));
            }
        }
    };
    let num_input = move |label: (&'static str, &'static str), s: RwSignal<String>| {
        view! {
            <label class="field inline"><span>{c.t(label.0, label.1)}</span><input inputmode="numeric" bind:value=s /></label>
        }
    };
    view! {
        <section class="card">
            <details>
                <summary>{c.t("政策参数（县委组织部）", "Policy parameters (county)")}</summary>
                <p class="hint">{c.t("修改政策会记录为一条新记录，自生效日期起适用。", "A change is recorded as an entry and applies from its effective date.")}</p>
                <form on:submit=on_submit class="stack" data-testid="policy-form">
                    {bands.chunks(2).map(|b| {
                        let (a, y) = (b[0], b[1]);
                        view! { <div class="band">{num_input(("人口 ≥", "population ≥"), a)}{num_input(("基础工资", "base pay"), y)}</div> }
                    }).collect_view()}
                    {num_input(("优秀绩效工资", "Pay: excellent"), excellent)}
                    {num_input(("基本合格绩效工资", "Pay: basic pass"), basic)}
                    {num_input(("不合格绩效工资", "Pay: fail"), fail)}
                    {num_input(("公示天数", "Publicity days"), days)}
                    {num_input(("季度平均权重 %", "Quarterly weight %"), qw)}
                    {num_input(("实绩突出分数线", "Outstanding ≥"), outstanding)}
                    {num_input(("比较突出分数线", "Notable ≥"), notable)}
                    <label class="field inline"><span>{c.t("允许半分", "Half points")}</span><input type="checkbox" prop:checked=move || half.get() on:change=move |ev| half.set(event_target_checked(&ev)) /></label>
                    <fieldset class="stack">
                        <legend>{c.t("增补年度节假日安排（内置日历之外的年份）", "Add a year's holiday schedule (years the built-in calendar lacks)")}</legend>
                        <p class="hint">{c.t("已增补：", "Added: ")}{move || c.with_state(|s| {
                            let years: Vec<String> = s.policies.changes().flat_map(|(_, p)| p.extra_calendar.iter().map(|y| y.year.to_string())).collect();
                            years.join("、")
                        })}</p>
                        <TextField label=c.t("年份", "Year") value=cal_year field="calendar_year" err inputmode="numeric" />
                        <label class="field"><span>{c.t("放假日期（年-月-日，以空格或逗号分隔）", "Days off (YYYY-MM-DD, separated by spaces or commas)")}</span><textarea name="calendar_holidays" bind:value=cal_off></textarea></label>
                        <FieldError err field="calendar_holidays" />
                        <label class="field"><span>{c.t("调休上班日期", "Weekend days worked (调休)")}</span><textarea name="calendar_workdays" bind:value=cal_work></textarea></label>
                        <FieldError err field="calendar_workdays" />
                    </fieldset>
                    <DateField label=c.t("生效日期", "Effective from") value=from field="effective_from" err />
                    <FormError err />
                    <Notice msg=ok />
                    <button type="submit">{c.t("保存政策", "Save policy")}</button>
                </form>
            </details>
        </section>
    }
}
