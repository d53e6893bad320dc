//! Data: backup export/import, integrity check, quarantine, policy.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::event::{verify, Problem};
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice};
use crate::ui::ctx::{today, use_ctx};

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
    let counts = move || {
        c.with_ledger(|l| {
            (
                l.events().len(),
                verify(l.events()),
                l.quarantined().to_vec(),
            )
        })
    };
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
                let (n, problems, quarantined) = counts();
                let tampered = problems.iter().filter(|p| matches!(p, Problem::HashMismatch { .. })).count();
                view! {
                    <p data-testid="integrity">{c.t("记录总数：", "Entries: ")}{n}" · "
                        {if tampered == 0 { c.t("哈希校验全部通过", "all hashes verify") } else { c.t("有记录哈希不符！", "hash mismatches found!") }}</p>
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
        <super::policy::PolicyCard />
    }
}
