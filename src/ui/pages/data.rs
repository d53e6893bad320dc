//! Data: backup export/import, integrity check, quarantine, policy.

use leptos::prelude::*;

use crate::domain::event::Problem;
use crate::domain::RuleViolation;
use crate::store::{ChainCheck, RecordError};
use crate::ui::components::FormError;
use crate::ui::ctx::{today, use_ctx, BackupStatus, Ctx, ImportStage};

/// Offer a backup file made of `parts` (`Blob`s, `Ctx::export_parts`) as a download.
fn download(name: &str, parts: &js_sys::Array) -> Result<(), String> {
    crate::ui::components::download(name, "application/json", parts)
}

/// The data page: backup, integrity, policy.
#[component]
pub fn Data() -> impl IntoView {
    view! {
        <BackupCard />
        <IntegrityCard />
        <super::policy::PolicyCard />
    }
}

/// Download every record as a backup file, written a part at a time with progress
/// shown; nothing else starts meanwhile (one export or import at a time).
fn export_backup(c: Ctx) {
    if c.backup.with_untracked(BackupStatus::busy) {
        return;
    }
    c.backup_error.set(None);
    c.backup.set(BackupStatus::Exporting(0, 0));
    leptos::task::spawn_local(async move {
        let progress = move |done: usize, total: usize| {
            c.backup.set(BackupStatus::Exporting(done, total));
        };
        let parts = c.export_parts(&progress).await;
        let name = format!("jishi-backup-{}.json", today());
        match download(&name, &parts) {
            Ok(()) => c.backup.set(BackupStatus::Exported(name)),
            Err(e) => {
                c.backup.set(BackupStatus::Idle);
                c.backup_error.set(Some(backup_refusal(
                    "backup.export",
                    format!("导出失败：{e}"),
                    format!("Export failed: {e}"),
                )));
            }
        }
    });
}

/// A refusal of the backup card, in both languages.
fn backup_refusal(code: &'static str, zh: String, en: String) -> RecordError {
    RecordError::Rule(RuleViolation::new(code, zh, en))
}

/// Read the chosen backup file and import it (all or nothing); refused while an
/// export or another import runs.
fn import_backup(c: Ctx, ev: leptos::ev::Event) {
    let input: web_sys::HtmlInputElement = event_target(&ev);
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    if c.backup.with_untracked(BackupStatus::busy) {
        c.backup_error.set(Some(backup_refusal(
            "backup.busy",
            "正在导出或导入备份，请等它完成后再导入。".into(),
            "A backup is being exported or imported; import again once it is done.".into(),
        )));
        return;
    }
    c.backup_error.set(None);
    c.backup.set(BackupStatus::Reading);
    leptos::task::spawn_local(async move {
        let progress = move |stage: ImportStage, done: usize, total: usize| {
            c.backup.set(BackupStatus::Importing(stage, done, total));
        };
        let result = match file_text(&file).await {
            Ok(text) => c.import(text, &progress).await,
            Err(e) => Err(e),
        };
        match result {
            Ok((added, skipped)) => c.backup.set(BackupStatus::Imported(added, skipped)),
            Err(e) => {
                c.backup.set(BackupStatus::Idle);
                c.backup_error.set(Some(e));
            }
        }
    });
}

/// A chosen file's text, read as bytes (a county's backup as one JS string took a
/// tenth of a second more to bring into wasm). As the browser's own text reading: a
/// leading byte-order mark is dropped, and bytes that are no UTF-8 become U+FFFD
/// (which the check then refuses). A file the browser can't read is refused.
async fn file_text(file: &web_sys::File) -> Result<String, RecordError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| {
            let e = format!("{e:?}");
            backup_refusal(
                "backup.unreadable",
                format!("无法读取这个文件，没有导入：{e}"),
                format!("This file could not be read; nothing was imported: {e}"),
            )
        })?;
    let mut bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    // Sound UTF-8 is taken as it is, without a second copy of a large file.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Where an export or import stands, in words (empty when there is nothing to say).
fn backup_message(zh: bool, status: &BackupStatus) -> String {
    match (status, zh) {
        (BackupStatus::Idle, _) => String::new(),
        (BackupStatus::Exporting(done, total), true) => format!("正在导出：{done} / {total} 条…"),
        (BackupStatus::Exporting(done, total), false) => format!("Exporting: {done} / {total}…"),
        (BackupStatus::Exported(name), true) => format!("已导出 {name}"),
        (BackupStatus::Exported(name), false) => format!("Exported {name}"),
        (BackupStatus::Reading, true) => "正在读取文件…".into(),
        (BackupStatus::Reading, false) => "Reading the file…".into(),
        (BackupStatus::Importing(stage, done, total), zh) => {
            import_progress(zh, *stage, *done, *total)
        }
        (BackupStatus::Imported(added, skipped), zh) => imported_message(zh, *added, *skipped),
    }
}

/// How far an import got, in words.
fn import_progress(zh: bool, stage: ImportStage, done: usize, total: usize) -> String {
    match (stage, zh) {
        (ImportStage::Checking, true) => format!("正在校验备份：{done} / {total} 条…"),
        (ImportStage::Checking, false) => format!("Checking the backup: {done} / {total}…"),
        (ImportStage::Adding, true) => format!("正在导入：{done} / {total} 条…"),
        (ImportStage::Adding, false) => format!("Importing: {done} / {total}…"),
    }
}

/// What an import added and skipped, in words.
fn imported_message(zh: bool, added: usize, skipped: usize) -> String {
    if added == 0 && skipped == 0 {
        return match zh {
            true => "备份文件中没有记录，未导入任何内容".into(),
            false => "The backup holds no records: nothing was imported".into(),
        };
    }
    if zh {
        format!("导入完成：新增 {added} 条，跳过已有 {skipped} 条")
    } else {
        format!("Imported: {added} added, {skipped} already present")
    }
}

/// Export and import of backup files. Their state is the app's ([`Ctx::backup`]):
/// it outlives this card.
#[component]
fn BackupCard() -> impl IntoView {
    let c = use_ctx();
    let busy = move || c.backup.with(BackupStatus::busy);
    let export = move |_| export_backup(c);
    let import = move |ev: leptos::ev::Event| import_backup(c, ev);
    let message = move || {
        let text = c.backup.with(|s| backup_message(c.is_zh(), s));
        (!text.is_empty()).then(|| view! { <p class="notice" role="status">{text}</p> })
    };
    let err = c.backup_error;
    view! {
        <section class="card">
            <h1>{c.t("数据与备份", "Data and backup")}</h1>
            <p class="hint">{c.t(
                "所有记录保存在本手机浏览器中（IndexedDB），关闭浏览器后仍在。请定期导出备份文件并妥善保存。",
                "Every entry is kept in this phone's browser storage and survives restarts. Export a backup file regularly.")}</p>
            <button class="primary" data-testid="export" on:click=export prop:disabled=busy>{c.t("导出备份文件", "Export backup")}</button>
            <label class="field">
                <span>{c.t("导入备份文件（逐条校验，已有记录自动跳过）", "Import a backup (every entry verified; existing ones skipped)")}</span>
                <input type="file" accept="application/json,.json" data-testid="import" on:change=import prop:disabled=busy />
            </label>
            <FormError err />
            {message}
        </section>
    }
}

/// What the Data page shows of the log's integrity, recomputed only when the log
/// changes or the check gets further ([`check_in_turns`]).
fn integrity_memo(c: Ctx, checked: RwSignal<Checked>) -> Memo<Integrity> {
    Memo::new(move |_| {
        let stage = checked.get();
        c.with_ledger(|l| Integrity {
            entries: l.check_hashes(0).1,
            stage,
            foreign: l
                .foreign()
                .iter()
                .map(|f| (f.id.clone(), f.kind.clone()))
                .collect(),
            quarantined: l.quarantined().to_vec(),
        })
    })
}

/// How many records one turn of the integrity check re-hashes: about 40 ms with the
/// CPU 4× slower, so the page keeps answering taps while a county's log is checked.
const CHECK_TURN: usize = 400;

/// How many records one turn of the chain's walk takes (`store::ChainCheck`): about
/// 10 ms with the CPU 4× slower.
const CHAIN_TURN: usize = 5_000;

/// How far the integrity check got.
#[derive(Clone, Debug, PartialEq)]
enum Checked {
    /// Re-deriving hashes: done, of how many.
    Hashes(usize, usize),
    /// Walking the chain of parents: done, of how many steps.
    Chain(usize, usize),
    /// Done: what it found.
    Done(Vec<Problem>),
}

/// Check the log a turn at a time whenever it changes (or the server does: a synced
/// phone's chains skip records from before databases): re-derive the hash of every
/// record not checked yet, then walk the chain of parents, telling `checked` how far it
/// got. A check begun before the log changed stops; so does one whose page was left.
fn check_in_turns(c: Ctx, checked: RwSignal<Checked>) {
    let synced = crate::ui::sync_driver::use_sync().server;
    let run = StoredValue::new(0_u64);
    Effect::new(move |_| {
        c.rev.track();
        let every_database = synced.with(Option::is_none);
        let this = run.get_value() + 1;
        run.set_value(this);
        let current = move || run.try_get_value() == Some(this);
        leptos::task::spawn_local(async move {
            loop {
                let (done, total) = c.ledger_untracked(|l| l.check_hashes(CHECK_TURN));
                if !current() || done >= total {
                    break;
                }
                checked.try_set(Checked::Hashes(done, total));
                crate::ui::ctx::next_tick().await;
            }
            let mut chain = c.ledger_untracked(|l| ChainCheck::new(l, every_database));
            while current() {
                match c.ledger_untracked(|l| chain.step(l, CHAIN_TURN)) {
                    Some(problems) => {
                        checked.try_set(Checked::Done(problems));
                        break;
                    }
                    None => {
                        let (done, total) = chain.progress();
                        checked.try_set(Checked::Chain(done, total));
                    }
                }
                crate::ui::ctx::next_tick().await;
            }
        });
    });
}

/// Integrity: the count and the chain, records of newer versions, quarantined records,
/// the server's problems and conflicting policy changes.
#[component]
fn IntegrityCard() -> impl IntoView {
    let c = use_ctx();
    let checked = RwSignal::new(Checked::Hashes(
        0,
        c.ledger_untracked(|l| l.check_hashes(0).1),
    ));
    check_in_turns(c, checked);
    let integrity = integrity_memo(c, checked);
    view! {
        <section class="card">
            <h2>{c.t("完整性", "Integrity")}</h2>
            {move || integrity_report(c, integrity.get())}
            <crate::ui::pages::settings::RemoteProblems />
            <PolicyConflicts />
        </section>
    }
}

/// What the integrity check found, in words.
fn integrity_report(c: Ctx, integrity: Integrity) -> impl IntoView {
    let Integrity {
        entries,
        stage,
        foreign,
        quarantined,
    } = integrity;
    let zh = c.is_zh();
    let (verdict, problems) = match stage {
        Checked::Hashes(done, total) if zh => {
            (format!("正在校验哈希：{done} / {total} 条…"), Vec::new())
        }
        Checked::Hashes(done, total) => (format!("Checking hashes: {done} / {total}…"), Vec::new()),
        Checked::Chain(done, total) => {
            let percent = done.saturating_mul(100) / total.max(1);
            let text = match zh {
                true => format!("正在核对记录链：{percent}%…"),
                false => format!("Checking the chain: {percent}%…"),
            };
            (text, Vec::new())
        }
        Checked::Done(problems) if problems.is_empty() => {
            let text = c.t(
                "哈希校验全部通过，记录链完整",
                "all hashes verify and the chain is complete",
            );
            (text.to_string(), problems)
        }
        Checked::Done(problems) => {
            let text = c.t("发现问题，见下", "problems found, see below");
            (text.to_string(), problems)
        }
    };
    view! {
        <p data-testid="integrity">{c.t("记录总数：", "Entries: ")}{entries}" · "{verdict}</p>
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
                <ul>{quarantined.iter().map(|q| view! { <li><code>{q.key.clone()}</code>" — "{q.message(c.is_zh())}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}

/// Effective dates with two different policy changes made without seeing each other.
#[component]
fn PolicyConflicts() -> impl IntoView {
    let c = use_ctx();
    move || {
        let dates = c.with_state(|s| s.policies.conflicts());
        (!dates.is_empty()).then(|| {
            let list: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
            view! {
                <div class="banner warn" data-testid="policy-conflicts" role="alert">
                    {match super::policy::may_change_policy(c) {
                        true => c.t(
                            "需复核：以下生效日期各有两项互不知情、内容不同的政策变更，评定等次会等待。请在下方政策参数中以该生效日期保存正确的政策：",
                            "To review: each of these effective dates has two different policy changes made without seeing each other; grading waits. Save the right policy below with that effective date: "),
                        false => c.t(
                            "需复核：以下生效日期各有两项互不知情、内容不同的政策变更，评定等次会等待，须由县委组织部管理员在政策参数中确认：",
                            "To review: each of these effective dates has two different policy changes made without seeing each other; grading waits until the county administrator settles them under Policy parameters: "),
                    }}
                    {list.join(c.t("、", ", "))}
                </div>
            }
        })
    }
}

/// What the integrity check found (the Data page recomputes it only when the log changes).
#[derive(Clone, PartialEq)]
struct Integrity {
    entries: usize,
    /// How far the check got, and what it found once done.
    stage: Checked,
    foreign: Vec<(String, String)>,
    quarantined: Vec<crate::store::Quarantined>,
}

/// Records whose hash fails, and records whose predecessor in their phone's chain is
/// missing (deleted, or changed and re-hashed, or not synced yet), each under its own
/// heading.
#[component]
fn ChainProblems(problems: Vec<Problem>) -> impl IntoView {
    let c = use_ctx();
    let mut changed = Vec::new();
    let mut gaps = Vec::new();
    for p in problems {
        match p {
            Problem::HashMismatch { id } => {
                changed.push((id, c.t("内容与哈希不符", "does not match its hash")))
            }
            Problem::DuplicateId { id } => changed.push((id, c.t("编号重复", "duplicate id"))),
            Problem::MissingParent { id, .. } => gaps.push((
                id,
                c.t("前一条记录不在本机", "its previous entry is missing"),
            )),
        }
    }
    let list = |items: Vec<(String, &'static str)>| {
        view! { <ul>{items.into_iter().map(|(id, why)| view! { <li><code>{id}</code>" — "{why}</li> }).collect_view()}</ul> }
    };
    view! {
        {(!changed.is_empty()).then(|| view! {
            <div class="banner error" data-testid="tampered" role="alert">
                <p>{c.t(
                    "以下记录的内容与其哈希不符（记录后被改动）或编号重复，不可信：",
                    "These entries do not match their hash (changed after they were recorded) or repeat an id; they cannot be trusted:")}</p>
                {list(changed)}
            </div>
        })}
        {(!gaps.is_empty()).then(|| view! {
            <div class="banner error" data-testid="chain">
                <p>{c.t(
                    "记录链不完整：以下记录的前一条记录不在本机（被删除、被改动后重新计算哈希，或尚未同步到本机）。请从服务器同步或导入备份核对。",
                    "The record chain is incomplete: the entry before each of these is not on this phone (deleted, changed and re-hashed, or not synced here yet). Sync or import a backup to check.")}</p>
                {list(gaps)}
            </div>
        })}
    }
}
