//! The page shown if the app ever panics: in Chinese (and English), what happened,
//! that nothing recorded is lost, a backup to download, and a way to reopen.
//!
//! Architecture invariant: the crash page is built with plain DOM calls (the Leptos
//! runtime may be the thing that failed) and text nodes only, and its backup is
//! read straight from storage, so it works whatever state the app was in.

use crate::domain::sorting;
use wasm_bindgen::prelude::*;

use crate::domain::backup;
use crate::store::local::{EVENT_PREFIX, META_PREFIX};

/// Show the crash page on any panic (after the default hook logs it to the console).
pub fn install() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        let message = info.to_string();
        // Never let a failure here hide the original panic.
        let _ = std::panic::catch_unwind(|| show(&message));
    }));
}

/// Panic on purpose: lets the end-to-end test (and a support person in the browser
/// console) see the crash page. Records nothing and changes no data.
#[wasm_bindgen]
pub fn jishi_simulate_crash() {
    panic!("simulated crash (jishi_simulate_crash)");
}

fn show(message: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    body.set_text_content(None);
    let page = el(&doc, "main", "crash")?;
    page.set_attribute("role", "alert").ok()?;
    page.set_attribute("data-testid", "crash").ok()?;
    add(&doc, &page, "h1", "纪实遇到了问题，已停止运行")?;
    add(
        &doc,
        &page,
        "p",
        "您已保存的记录都还在本手机上，没有丢失。请先导出备份文件，再点“重新打开”。\
         如果问题反复出现，请把备份文件和下面的错误信息发给县委组织部管理员。",
    )?;
    add(
        &doc,
        &page,
        "p",
        "Jishi hit a problem and stopped. Everything you saved is still on this phone. \
         Export a backup first, then reopen the app.",
    )?;
    let export = el(&doc, "a", "button primary")?;
    export.set_text_content(Some("导出备份 Export backup"));
    if let Some(url) = backup_url() {
        export.set_attribute("href", &url).ok()?;
        let name = format!("jishi-backup-{}.json", crate::ui::ctx::today());
        export.set_attribute("download", &name).ok()?;
    }
    page.append_child(&export).ok()?;
    let reopen = el(&doc, "a", "button")?;
    reopen.set_text_content(Some("重新打开 Reopen"));
    reopen.set_attribute("href", "/").ok()?;
    // A full page load (`ui::nav`, if still listening, leaves external links alone).
    reopen.set_attribute("rel", "external").ok()?;
    page.append_child(&reopen).ok()?;
    let details = add(&doc, &page, "pre", message)?;
    details.set_attribute("data-testid", "crash-details").ok()?;
    body.append_child(&page).ok()?;
    Some(())
}

fn el(doc: &web_sys::Document, tag: &str, class: &str) -> Option<web_sys::Element> {
    let e = doc.create_element(tag).ok()?;
    e.set_class_name(class);
    Some(e)
}

fn add(
    doc: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    text: &str,
) -> Option<web_sys::Element> {
    let e = el(doc, tag, "")?;
    e.set_text_content(Some(text));
    parent.append_child(&e).ok()?;
    Some(e)
}

/// A `blob:` URL of a backup file holding every stored record verbatim.
fn backup_url() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let mut records: Vec<String> = Vec::new();
    for i in 0..storage.length().ok()? {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        if key.starts_with(EVENT_PREFIX) {
            // Only sound records (understood or kept for a newer version): a damaged
            // entry, maybe the very cause of the crash, must not spoil the whole file.
            if let Some(text) = storage.get_item(&key).ok().flatten() {
                if crate::store::decode(&key, &text).is_ok() {
                    records.push(text);
                }
            }
        }
    }
    sorting::sort(&mut records);
    let device = storage
        .get_item(&format!("{META_PREFIX}device"))
        .ok()
        .flatten()
        .unwrap_or_default();
    let text = backup::export(&records, &device, crate::ui::ctx::now_ms());
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
