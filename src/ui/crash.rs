//! The page shown if the app ever panics: in Chinese (and English), what happened,
//! that nothing recorded is lost, a backup to download, and a way to reopen.
//!
//! Architecture invariant: the crash page is built with plain DOM calls (the Leptos
//! runtime may be the thing that failed) and text nodes only, and its backup is
//! read straight from storage by plain JavaScript, so it works whatever state the app
//! was in.

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
    // Last: the page stands whatever happens while the backup is read.
    fill_backup_link(&export);
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

/// Fill the export link with a backup of every sound stored record, verbatim: those in
/// IndexedDB and those still in localStorage. Plain JavaScript (a panic ends the wasm
/// instance, and IndexedDB answers only later); a damaged entry, maybe the very cause
/// of the crash, is left out (its text must hash to its hash) so it cannot spoil the
/// file. The link has no address, so no link role, until the file is ready.
fn fill_backup_link(link: &web_sys::Element) -> Option<()> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let device = storage
        .get_item(&format!("{META_PREFIX}device"))
        .ok()
        .flatten()
        .unwrap_or_default();
    let empty = backup::export::<&str>(&[], &device, crate::ui::ctx::now_ms());
    let head = empty.strip_suffix("\n]}\n")?;
    let name = format!("jishi-backup-{}.json", crate::ui::ctx::today());
    let fill = js_sys::Function::new_with_args("head, name, prefix", BACKUP_JS);
    let args = [head, &name, EVENT_PREFIX].map(JsValue::from_str);
    fill.call3(link, &args[0], &args[1], &args[2]).ok()?;
    Some(())
}

/// The body of `fill_backup_link`'s function: `this` is the link; (head, name, prefix).
const BACKUP_JS: &str = include_str!("crash_backup.js");
