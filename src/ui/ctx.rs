//! The app context: the ledger, a revision signal that changes after every write,
//! the language, the current user and connectivity. Components read domain state
//! through it; they never hold a rule.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use leptos::prelude::*;

use super::chunks::{Folding, Unloaded, WorkflowTodos};
use crate::domain::event::Role;
use crate::domain::record::Decoded;
use crate::domain::state::{Actor, State};
use crate::domain::time::beijing_date;
use crate::domain::Event;
use crate::store::browser::{BrowserStore, Checks, Mover};
use crate::store::indexed::Writes;
use crate::store::page::Page;
use crate::store::{EventStore, Ledger, RecordError, Start, StoreError, Volatile};

/// A store chosen at start: the browser's, or memory if the browser refuses.
pub type AnyStore = Box<dyn EventStore>;

/// The phone's store, opened and its log folded before the app is drawn.
pub struct Boot {
    ledger: Ledger<AnyStore>,
    /// The workflows' to-dos, if the start chunk came while opening.
    todos: Option<WorkflowTodos>,
    mover: Option<Mover>,
    problem: Option<StoreError>,
    user: Option<User>,
    zh: bool,
}

/// How long the start waits for the start chunk (from the service worker's cache it
/// comes at once; over a slow network in a few seconds) before it says the log can't be
/// opened: a fetch that never answers would leave the phone on 正在打开本机记录… for good.
const FOLDER_WAIT_MS: i32 = 20_000;

/// `future`'s output, or `None` if `ms` milliseconds pass first.
pub(crate) async fn within<F: Future>(ms: i32, future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut timer = std::pin::pin!(sleep_ms(ms));
    std::future::poll_fn(|cx| match future.as_mut().poll(cx) {
        Poll::Ready(out) => Poll::Ready(Some(out)),
        Poll::Pending => timer.as_mut().poll(cx).map(|_| None),
    })
    .await
}

/// The start chunk: its fetch starts with the app, and it is awaited only when the
/// log holds records.
struct FolderChunk {
    future: Pin<Box<dyn Future<Output = Result<Folding, Unloaded>>>>,
    came: Option<Result<Folding, Unloaded>>,
}

impl FolderChunk {
    /// Start fetching the chunk (polled once, so its fetch starts now).
    async fn start() -> FolderChunk {
        let mut chunk = FolderChunk {
            future: Box::pin(super::chunks::folder()),
            came: None,
        };
        std::future::poll_fn(|cx| {
            if let Poll::Ready(folding) = chunk.future.as_mut().poll(cx) {
                chunk.came = Some(folding);
            }
            Poll::Ready(())
        })
        .await;
        chunk
    }

    /// The chunk, once it came; `Unloaded` if it can't be fetched, or doesn't come
    /// within [`FOLDER_WAIT_MS`].
    async fn get(&mut self) -> Result<Folding, Unloaded> {
        if self.came.is_none() {
            let came = within(FOLDER_WAIT_MS, self.future.as_mut()).await;
            self.came = Some(came.unwrap_or(Err(Unloaded)));
        }
        self.came.unwrap_or(Err(Unloaded))
    }
}

/// The store's record check, from the start chunk when a move needs it
/// (`store::browser::Checks`).
fn folder_checks() -> Checks {
    Rc::new(|| {
        Box::pin(async {
            let folding = within(FOLDER_WAIT_MS, super::chunks::folder()).await;
            folding.and_then(Result::ok).map(|f| f.check)
        })
    })
}

impl Boot {
    /// Read the browser store (IndexedDB, moving in what localStorage holds), decode
    /// it and open the ledger over it a part at a time (the first screen, drawn from
    /// its copy, keeps answering meanwhile); memory, with a banner, if the browser
    /// refuses storage. A log that holds records is decoded and folded by the start
    /// chunk, fetched while the log is read; `Unloaded` if it can't be fetched, or
    /// doesn't come within [`FOLDER_WAIT_MS`] (no record is changed).
    pub async fn open() -> Result<Boot, Unloaded> {
        let mut chunk = FolderChunk::start().await;
        let opened = match BrowserStore::read(None).await {
            Ok(unread) => match unread.without_records(folder_checks()) {
                Ok(opened) => Ok(opened),
                Err(unread) => Ok((chunk.get().await?.decode)(unread, folder_checks()).await),
            },
            Err(e) => Err(e),
        };
        let (store, mover, problem): (AnyStore, _, _) = match opened {
            Ok(opened) => (Box::new(opened.store), opened.mover, opened.problem),
            Err(e) => (Box::new(Volatile::default()), None, Some(e)),
        };
        let (store, device, user, zh) = Boot::settings(store);
        let ledger = match Ledger::open_if_empty(store, &device) {
            Start::Open(ledger) => ledger,
            Start::ToFold(opening) => (chunk.get().await?.fold)(opening).await,
        };
        crate::timing::mark(crate::timing::FOLDED);
        if ledger.is_whole() {
            crate::timing::mark(crate::timing::WHOLE);
        }
        Ok(Boot {
            ledger,
            todos: chunk.came.and_then(Result::ok).map(|f| f.todos),
            mover,
            problem,
            user,
            zh,
        })
    }

    /// An empty phone in memory (the first screen's own context, `ui::first_screen`).
    pub fn empty(zh: bool) -> Boot {
        Boot {
            ledger: Ledger::blank(Box::new(Volatile::default()), ""),
            // It holds no record, so it needs no workflow's to-dos (and fetches nothing).
            todos: Some(|_, _, _| Vec::new()),
            mover: None,
            problem: None,
            user: None,
            zh,
        }
    }

    /// This device's id (made on first start), its user and its language.
    fn settings(mut store: AnyStore) -> (AnyStore, String, Option<User>, bool) {
        let device = store.get_meta("device").unwrap_or_else(|| {
            let id = format!("d{:016x}", random_u64());
            let _ = store.set_meta("device", &id);
            id
        });
        let user = store.get_meta("user").and_then(|u| User::from_meta(&u));
        let zh = store.get_meta("lang").as_deref() != Some("en");
        (store, device, user, zh)
    }
}

/// How long to wait before fetching the start chunk again for the home page's to-dos
/// (a phone that opened with an empty log, offline before the service worker had it;
/// a fetch whose response doesn't start within 5 minutes is given up, `scripts/build.sh`).
const TODOS_RETRY_MS: i32 = 10_000;

/// Fetch the start chunk for the workflows' to-dos (a phone whose log was empty at
/// start opened without it), again every [`TODOS_RETRY_MS`] until it comes.
async fn fetch_workflow_todos(todos: RwSignal<Option<WorkflowTodos>>) {
    loop {
        if let Ok(folding) = super::chunks::folder().await {
            todos.set(Some(folding.todos));
            return;
        }
        sleep_ms(TODOS_RETRY_MS).await;
    }
}

/// The person using this device (recorded as author of every event).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
}

impl User {
    /// The user as kept in meta: `role:name`.
    pub fn to_meta(&self) -> String {
        format!("{}:{}", self.role.key(), self.name)
    }

    /// The user kept in meta as `role:name`.
    pub fn from_meta(kept: &str) -> Option<User> {
        let (role, name) = kept.split_once(':')?;
        Some(User {
            name: name.to_string(),
            role: Role::from_key(role)?,
        })
    }
}

/// Shared handles for every component (all `Copy`).
#[derive(Clone, Copy)]
pub struct Ctx {
    ledger: StoredValue<Ledger<AnyStore>, LocalStorage>,
    /// Moves new records from localStorage into IndexedDB (none without IndexedDB).
    mover: StoredValue<Option<Mover>, LocalStorage>,
    /// A problem found when the store was opened, which no later save ends (the main
    /// store could not be read): the banner comes back to it.
    lasting_problem: StoredValue<Option<StoreError>, LocalStorage>,
    /// Bumped after every change of the log.
    pub rev: RwSignal<u64>,
    /// Whether the parts folded later are folded: set once, when they are
    /// ([`Ctx::fold_later_parts`]), which redraws what read the state so far and
    /// nothing else (a page that read the state folded them first).
    all_folded: RwSignal<bool>,
    /// Every workflow's to-dos, once the start chunk that works them out is here.
    workflow_todos: RwSignal<Option<WorkflowTodos>>,
    /// Chinese UI (default) or English.
    pub zh: RwSignal<bool>,
    /// Who is using the device; None until the first-start form is done.
    pub user: RwSignal<Option<User>>,
    /// The townships the logged-in server user is a member of (empty while not known).
    pub townships: RwSignal<Vec<String>>,
    /// Browser online status.
    pub online: RwSignal<bool>,
    /// A problem with local storage itself, shown in a banner.
    pub storage_problem: RwSignal<Option<StoreError>>,
    /// The year chosen on the home page, as typed (kept across pages and user switches).
    pub home_year: RwSignal<String>,
    /// Where a backup export or import stands: kept by the app, so leaving the Data
    /// page or switching language neither loses it nor lets a second one start.
    pub backup: RwSignal<BackupStatus>,
    /// Why the last export or import failed, if it did.
    pub backup_error: RwSignal<Option<RecordError>>,
}

/// Where a backup export or import stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum BackupStatus {
    /// None running, nothing to report.
    #[default]
    Idle,
    /// Writing the file: records written, of how many.
    Exporting(usize, usize),
    /// The file of this name was offered for download.
    Exported(String),
    /// Reading the chosen file.
    Reading,
    /// Importing: at which stage, records done, of how many.
    Importing(ImportStage, usize, usize),
    /// Imported: records added, records already present.
    Imported(usize, usize),
}

impl BackupStatus {
    /// Whether an export or import is running (then no other may start).
    pub fn busy(&self) -> bool {
        matches!(
            self,
            BackupStatus::Exporting(..) | BackupStatus::Reading | BackupStatus::Importing(..)
        )
    }
}

/// Current time, UTC milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's Beijing date.
pub fn today() -> chrono::NaiveDate {
    beijing_date(now_ms())
}

/// Today's Beijing date as `YYYY-MM-DD` (the value of a date input).
pub fn today_iso() -> String {
    today().to_string()
}

/// 64 random bits from the browser's CSPRNG (falls back to Math.random).
pub fn random_u64() -> u64 {
    let mut buf = [0u8; 8];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    if ok {
        u64::from_le_bytes(buf)
    } else {
        ((js_sys::Math::random() * 4294967296.0) as u64) << 32
            | (js_sys::Math::random() * 4294967296.0) as u64
    }
}

impl Ctx {
    /// Provide the context over the ledger the boot opened.
    pub fn init(boot: Boot) -> Ctx {
        let Boot {
            ledger,
            todos,
            mover,
            problem,
            user,
            zh,
        } = boot;
        let ledger_whole = ledger.is_whole();
        let online = web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true);
        let ctx = Ctx {
            ledger: StoredValue::new_local(ledger),
            mover: StoredValue::new_local(mover.clone()),
            lasting_problem: StoredValue::new_local(
                problem
                    .clone()
                    .filter(|p| matches!(p, StoreError::Incomplete(_))),
            ),
            rev: RwSignal::new(0),
            all_folded: RwSignal::new(ledger_whole),
            workflow_todos: RwSignal::new(todos),
            zh: RwSignal::new(zh),
            user: RwSignal::new(user),
            townships: RwSignal::new(Vec::new()),
            online: RwSignal::new(online),
            storage_problem: RwSignal::new(problem),
            home_year: RwSignal::new(chrono::Datelike::year(&today()).to_string()),
            backup: RwSignal::new(BackupStatus::Idle),
            backup_error: RwSignal::new(None),
        };
        if let Some(mover) = mover {
            let problem = ctx.storage_problem;
            mover.on_report(move |e| {
                if let Some(e) = e {
                    problem.set(Some(e));
                }
            });
            // Records a phone holds single (moved from an older version, or received
            // since) are packed into pages once the first screen is up.
            wasm_bindgen_futures::spawn_local(async move {
                sleep_ms(PACK_DELAY_MS).await;
                mover.kick();
            });
        }
        if todos.is_none() {
            wasm_bindgen_futures::spawn_local(fetch_workflow_todos(ctx.workflow_todos));
        }
        if !ctx.log_whole() {
            ctx.fold_later_parts();
        }
        provide_context(ctx);
        ctx
    }

    /// What works out the workflows' to-dos (`domain::home::todo_screen_of`), once the
    /// start chunk that holds it has come (tracked: home redraws when it comes).
    pub fn workflow_todos(&self) -> Option<WorkflowTodos> {
        self.workflow_todos.get()
    }

    /// Whether the whole log was read at start (not only localStorage's part of it,
    /// when IndexedDB could not be read).
    pub fn holds_whole_log(&self) -> bool {
        self.lasting_problem.with_value(Option::is_none)
    }

    /// A write succeeded: a full-storage warning is over; a lasting problem stays.
    pub fn storage_ok(&self) {
        self.storage_problem.set(self.lasting_problem.get_value());
    }

    /// Move what was just written into IndexedDB (in the background).
    pub fn flush(&self) {
        self.mover.with_value(|m| {
            if let Some(m) = m {
                m.kick();
            }
        });
    }

    /// Pick text by the current language. Not reactive: the app root re-renders
    /// everything when the language changes, so text needs no closure of its own.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        if self.zh.get_untracked() {
            zh
        } else {
            en
        }
    }

    /// Whether the UI is in Chinese (not reactive, like [`Ctx::t`]).
    pub fn is_zh(&self) -> bool {
        self.zh.get_untracked()
    }

    /// Switch language and remember it on this device.
    pub fn set_zh(&self, zh: bool) {
        self.zh.set(zh);
        self.ledger.update_value(|l| {
            let _ = l.store_mut().set_meta("lang", if zh { "zh" } else { "en" });
        });
    }

    /// Read the derived state (reactive: reruns after every write).
    pub fn with_state<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.rev.track();
        self.whole();
        self.ledger.with_value(|l| f(l.state()))
    }

    /// Read the derived state without subscribing (event handlers, the sync driver).
    pub fn with_state_untracked<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.whole();
        self.ledger.with_value(|l| f(l.state()))
    }

    /// Read the state folded so far, and whether it is the whole log's (reactive): the
    /// parts folded later (`store::later`) are missing from it until they are folded,
    /// a second or so after a county's log opens. Only for what shows no part folded
    /// later — the home page (the townships, the to-dos of the rest, a line while the
    /// rest load) and village pay's pages (W1 reads only master data, policy and its
    /// own records) — so a tap on a township right after the app opens waits for
    /// nothing. The closure must not read the ledger again (it is borrowed).
    pub fn with_state_so_far<R>(&self, f: impl FnOnce(&State, bool) -> R) -> R {
        self.rev.track();
        self.all_folded.track();
        self.ledger.with_value(|l| f(l.state(), l.is_whole()))
    }

    /// Whether every part of the log is folded (not reactive: the state's readers
    /// rerun when it is, [`Ctx::with_state_so_far`]).
    pub fn log_whole(&self) -> bool {
        self.ledger.try_with_value(Ledger::is_whole).unwrap_or(true)
    }

    /// Wait until every part of the log is folded (in the background since the app
    /// opened, [`Ctx::fold_later_parts`]).
    pub async fn until_whole(&self) {
        while !self.log_whole() {
            sleep_ms(WHOLE_POLL_MS).await;
        }
    }

    /// Fold now what is left of the parts folded later, if anything is: every read of
    /// the ledger but [`Ctx::with_state_so_far`] sees the whole log.
    fn whole(&self) {
        if !self.ledger.with_value(Ledger::is_whole) {
            self.ledger.update_value(Ledger::finish_later);
        }
    }

    /// Decode and fold the parts folded later, a part each turn, once the app is drawn
    /// from the rest; then redraw what read the state so far.
    fn fold_later_parts(&self) {
        let c = *self;
        wasm_bindgen_futures::spawn_local(async move {
            while !c.log_whole() {
                crate::timing::next_tick().await;
                let _ = c.ledger.try_update_value(|l| l.open_later(LATER_TURN));
            }
            crate::timing::mark(crate::timing::WHOLE);
            c.all_folded.set(true);
        });
    }

    /// Read the ledger without subscribing, for one synchronous call.
    pub fn ledger_untracked<R>(&self, f: impl FnOnce(&Ledger<AnyStore>) -> R) -> R {
        self.whole();
        self.ledger.with_value(f)
    }

    /// Change the ledger for one synchronous call (never held across an `await`);
    /// `None` once the app is gone.
    pub fn ledger_mut<R>(&self, f: impl FnOnce(&mut Ledger<AnyStore>) -> R) -> Option<R> {
        self.ledger.try_update_value(|l| {
            l.finish_later();
            f(l)
        })
    }

    /// Read the ledger (reactive).
    pub fn with_ledger<R>(&self, f: impl FnOnce(&Ledger<AnyStore>) -> R) -> R {
        self.rev.track();
        self.whole();
        self.ledger.with_value(f)
    }

    /// The acting user with today's date.
    pub fn actor(&self) -> Option<Actor> {
        self.user.get_untracked().map(|u| Actor {
            name: u.name,
            role: u.role,
            today: today(),
            townships: self.townships.get_untracked(),
        })
    }

    /// Record a command as the current user. On success the state updates; on
    /// failure nothing was stored and the error says why.
    pub fn record(
        &self,
        cmd: impl Into<crate::domain::command::Command>,
    ) -> Result<Vec<Event>, RecordError> {
        let actor = self.actor().ok_or_else(|| {
            RecordError::Rule(crate::domain::RuleViolation::new(
                "auth.no_user",
                "请先登记使用人",
                "Say who is using this device first",
            ))
        })?;
        let Some(record) = super::recording::ready() else {
            super::recording::load();
            return Err(RecordError::Rule(crate::domain::RuleViolation::new(
                "app.loading",
                "录入功能仍在载入，请稍后再提交",
                "Recording is still loading; submit again in a moment",
            )));
        };
        let mut random = random_u64;
        let result = self
            .ledger
            .try_update_value(|l| record(l, cmd.into(), &actor, now_ms(), &mut random));
        let result = result.unwrap_or_else(|| {
            Err(RecordError::Storage(StoreError::Unavailable(
                "ledger gone".into(),
            )))
        });
        match &result {
            Ok(_) => {
                self.storage_ok();
                self.rev.update(|r| *r += 1);
                self.flush();
            }
            Err(RecordError::Storage(e)) => self.storage_problem.set(Some(e.clone())),
            Err(_) => {}
        }
        result
    }

    /// Import a backup file: (added, skipped) or why nothing was added. With
    /// IndexedDB the records go straight there, in one transaction (a backup may hold
    /// far more than localStorage can).
    /// `progress(stage, done, total)` is told how far the check and the fold got. The copies
    /// of a county's 32 MB are let go early (the file's text once its records are split
    /// out, the pages once stored), and no extra copy of every record is made to page
    /// them: the memory wasm takes stays taken, and is used again for what comes after.
    pub async fn import(
        &self,
        text: String,
        progress: &dyn Fn(ImportStage, usize, usize),
    ) -> Result<(usize, usize), RecordError> {
        self.whole();
        let r = match self.mover.get_value() {
            Some(mover) => self.import_indexed(text, &mover, progress).await,
            None => self
                .ledger
                .try_update_value(|l| l.import(&text))
                .unwrap_or(Ok((0, 0))),
        };
        match r {
            Ok(counts) => {
                self.storage_ok();
                self.rev.update(|r| *r += 1);
                self.flush();
                Ok(counts)
            }
            Err(RecordError::Storage(e)) => {
                self.storage_problem.set(Some(e.clone()));
                Err(RecordError::Rule(e.import_violation()))
            }
            Err(e) => Err(e),
        }
    }

    async fn import_indexed(
        &self,
        text: String,
        mover: &Mover,
        progress: &dyn Fn(ImportStage, usize, usize),
    ) -> Result<(usize, usize), RecordError> {
        let plan = self.check_import(text, progress).await?;
        next_tick().await;
        let ids: Vec<String> = plan
            .new_records
            .iter()
            .map(|d| d.id().to_string())
            .collect();
        self.note_before_storing(&ids)?;
        let damaged = self.damaged_ids();
        {
            let sorted = sort_for_storing(&plan.new_records, &damaged).await;
            let pages = seal_pages(&sorted.paged).await;
            let writes = Writes {
                fresh: &sorted.single,
                repairs: &sorted.repairs,
                pages: &pages,
                delete: &[],
            };
            mover
                .indexed()
                .write_all(writes)
                .await
                .map_err(RecordError::Storage)?;
            // Stored: the pages' copy of the text goes (at the end of this block) before
            // the records are adopted (and folded) into the ledger, which then reuses its
            // memory.
        }
        let added = self.adopt_in_batches(plan.new_records, progress).await;
        // Stored and held: the stamp moves again (`Ledger::note_records_stored`).
        let _ = self
            .ledger
            .try_update_value(|l| l.note_records_stored(ids.iter().map(String::as_str)));
        // Noted again now they are held: a sync pass during the import may have read
        // the journal past ids it did not hold yet (ids noted twice are read as one).
        // The records are stored either way, so a full localStorage is not a failure here.
        let _ = self
            .ledger
            .try_update_value(|l| crate::store::journal::append(l.store_mut(), &ids));
        Ok((added, plan.skipped))
    }

    /// Before anything is stored: the ids noted for sync (a reload in the middle, or a
    /// full localStorage, never leaves imported records that sync would not offer; ids
    /// of records not held are passed over), and the log's stamp moved
    /// (`ui::first_screen`).
    fn note_before_storing(&self, ids: &[String]) -> Result<(), RecordError> {
        self.ledger
            .try_update_value(|l| crate::store::journal::append(l.store_mut(), ids))
            .unwrap_or(Ok(()))
            .map_err(RecordError::Storage)?;
        self.ledger
            .try_update_value(|l| l.note_new_records(ids.iter().map(String::as_str)))
            .unwrap_or(Ok(()))
            .map_err(RecordError::Storage)
    }

    /// Ids under which IndexedDB holds an entry that can't be read: the sound record
    /// imported replaces it (a repair; `add` keeps what an id holds).
    fn damaged_ids(&self) -> std::collections::BTreeSet<String> {
        self.ledger.with_value(|l| {
            l.quarantined()
                .iter()
                .map(|q| {
                    q.key
                        .trim_start_matches(crate::store::local::EVENT_PREFIX)
                        .to_string()
                })
                .collect()
        })
    }

    /// Adopt the stored records into the ledger a batch a turn, saying how far it got;
    /// how many were added.
    async fn adopt_in_batches(
        &self,
        records: Vec<Decoded>,
        progress: &dyn Fn(ImportStage, usize, usize),
    ) -> usize {
        let total = records.len();
        let (mut added, mut records) = (0, records.into_iter());
        loop {
            let batch: Vec<_> = records.by_ref().take(IMPORT_BATCH).collect();
            if batch.is_empty() {
                return added;
            }
            added += self
                .ledger
                .try_update_value(|l| l.adopt_stored(batch))
                .unwrap_or(0);
            progress(ImportStage::Adding, added, total);
            next_tick().await;
        }
    }

    /// Check every record of a backup file, a batch at a time (the page stays
    /// responsive and shows how far it got).
    async fn check_import(
        &self,
        text: String,
        progress: &dyn Fn(ImportStage, usize, usize),
    ) -> Result<crate::domain::backup::ImportPlan, RecordError> {
        let mut check =
            crate::domain::backup::ImportCheck::new(&text).map_err(RecordError::Rule)?;
        // Each record is held on its own now: the file's text goes before they are
        // decoded, and its memory holds what they decode into.
        drop(text);
        loop {
            let done = self
                .ledger
                .with_value(|l| {
                    check.step(IMPORT_BATCH, &|id: &str| l.hash_of(id).map(str::to_string))
                })
                .map_err(RecordError::Rule)?;
            progress(ImportStage::Checking, check.checked(), check.total());
            if done {
                return Ok(check.finish());
            }
            next_tick().await;
        }
    }

    /// The backup file of every record held now, as its parts in order (each a `Blob`
    /// of UTF-8 bytes), written [`EXPORT_TURN`] records a turn so the page keeps
    /// answering; `progress` hears how many records are written, of how many. Each
    /// part becomes a `Blob` in its own turn: one `Blob` made at the end from 32 MB of
    /// byte arrays held the page for 0.3 s at 50,000 records (CPU 4×), while a `Blob`
    /// of `Blob`s copies nothing.
    pub async fn export_parts(&self, progress: &dyn Fn(usize, usize)) -> js_sys::Array {
        self.whole();
        let (order, head) = self
            .ledger
            .with_value(|l| (l.backup_order(), l.backup_head(now_ms())));
        let parts = js_sys::Array::of1(&blob_of(head.as_bytes()));
        for (turn, ids) in order.chunks(EXPORT_TURN).enumerate() {
            let mut part = String::new();
            let first = turn.saturating_mul(EXPORT_TURN);
            self.ledger
                .with_value(|l| l.push_backup_part(ids, first, &mut part));
            parts.push(&blob_of(part.as_bytes()));
            progress(first.saturating_add(ids.len()), order.len());
            next_tick().await;
        }
        parts.push(&blob_of(crate::domain::backup::FILE_TAIL.as_bytes()));
        parts
    }

    /// This device's id (recorded in every event).
    pub fn device(&self) -> String {
        self.ledger.with_value(|l| l.device().to_string())
    }

    /// Read a small named value of this device (not reactive).
    pub fn meta(&self, key: &str) -> Option<String> {
        self.ledger.with_value(|l| l.store().get_meta(key))
    }

    /// Write a small named value of this device.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.ledger
            .try_update_value(|l| l.store_mut().set_meta(key, value))
            .unwrap_or(Ok(()))
    }

    /// Save who is using the device.
    pub fn set_user(&self, user: User) -> Result<(), StoreError> {
        let value = user.to_meta();
        let r = self
            .ledger
            .try_update_value(|l| l.store_mut().set_meta("user", &value))
            .unwrap_or(Ok(()));
        if r.is_ok() {
            self.user.set(Some(user));
        }
        r
    }
}

/// `bytes` as a `Blob` (as a byte array if the browser can't make one: a `Blob` of
/// parts takes either).
fn blob_of(bytes: &[u8]) -> wasm_bindgen::JsValue {
    let array = js_sys::Uint8Array::from(bytes);
    match web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&array)) {
        Ok(blob) => blob.into(),
        Err(_) => array.into(),
    }
}

/// Records checked or folded between two looks at the page during an import.
const IMPORT_BATCH: usize = 1_000;

/// Records written into a backup file per turn of the browser (about 30 ms with the
/// CPU 4× slower).
const EXPORT_TURN: usize = 2_000;

/// How far an import got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStage {
    /// Checking the file's records (format, hash, ids).
    Checking,
    /// Adding the checked records to what the phone shows.
    Adding,
}

pub use crate::timing::next_tick;

/// How long after the first screen the store packs single records into pages.
const PACK_DELAY_MS: i32 = 2_000;

/// How many records of the parts folded later are decoded, or events folded, a turn
/// once the app is drawn (`Ledger::open_later`): about 40 ms with the CPU 4× slower.
const LATER_TURN: usize = 2_000;

/// How often [`Ctx::until_whole`] looks whether the log is whole.
const WHOLE_POLL_MS: i32 = 50;

/// Wait `ms` milliseconds (a browser timer).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The context provided by [`Ctx::init`].
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// New records sorted by how they are stored: repairs, records that go single, and
/// records that go into pages (by reference: no copy of a county's 32 MB is made).
struct SortedForStoring<'a> {
    /// Sound records replacing an entry that can't be read.
    repairs: Vec<crate::store::Entry>,
    /// Records that can't go in a page (a line break in its text, which no record of
    /// ours has).
    single: Vec<crate::store::Entry>,
    /// Records that go into pages, from their decoded text.
    paged: Vec<&'a Decoded>,
}

/// Sort new records by how they are stored ([`SortedForStoring`]), yielding to the
/// browser every `IMPORT_BATCH` records.
async fn sort_for_storing<'a>(
    records: &'a [Decoded],
    damaged: &std::collections::BTreeSet<String>,
) -> SortedForStoring<'a> {
    let mut sorted = SortedForStoring {
        repairs: Vec::new(),
        single: Vec::new(),
        paged: Vec::new(),
    };
    for (n, d) in records.iter().enumerate() {
        if n > 0 && n % IMPORT_BATCH == 0 {
            next_tick().await;
        }
        if damaged.contains(d.id()) {
            sorted.repairs.push(crate::store::Entry::from(d));
        } else if Page::fits_record(d.id(), &d.json()) {
            sorted.paged.push(d);
        } else {
            sorted.single.push(crate::store::Entry::from(d));
        }
    }
    sorted
}

/// Seal the records into pages, a page a turn: a county's backup sealed at once froze
/// the page for 0.8 s with the CPU at full speed.
async fn seal_pages(paged: &[&Decoded]) -> Vec<Page> {
    let mut pages = Vec::with_capacity(paged.len() / crate::store::page::PAGE_SIZE + 1);
    for records in paged.chunks(crate::store::page::PAGE_SIZE) {
        let texts: Vec<_> = records.iter().map(|d| d.json()).collect();
        let lines = records
            .iter()
            .zip(&texts)
            .map(|(d, t)| (d.id(), t.as_ref()));
        pages.push(Page::of(lines));
        next_tick().await;
    }
    pages
}
