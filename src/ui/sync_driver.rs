//! The sync driver: runs [`Replicator::sync`] against the configured CouchDB server
//! on demand ("立即同步"), when the browser comes back online, and every
//! [`INTERVAL_MS`] while the app is open; retries transient errors with [`Backoff`];
//! never runs two passes at once. Everything the UI shows about sync lives in
//! [`SyncCtx`].
//!
//! A pass works on its own [`Ledger`] opened over the same localStorage, so the
//! app's ledger is never borrowed across an `await` and the user can keep entering
//! data while a long sync runs. Afterwards, if events arrived, the app's ledger is
//! reloaded from storage (which holds both the new entries and the received ones).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::store::local::LocalStore;
use crate::store::Ledger;
use crate::sync::couch::{CouchRemote, Session};
use crate::sync::{
    Backoff, Config, Progress, RemoteError, RemoteQuarantined, Replicator, SyncError, SyncState,
    TamperAlarm,
};
use crate::ui::ctx::{now_ms, random_u64, Ctx};

/// Automatic sync interval while the app is open (a UI constant, not policy).
pub const INTERVAL_MS: i32 = 60_000;
/// Every request is aborted after this long.
pub const TIMEOUT_MS: u32 = 30_000;

/// Batch limits of a pass: few requests (each request costs a round trip on a rural
/// connection), bounded by bytes so one `_bulk_docs` stays well inside [`TIMEOUT_MS`]
/// even at ~20 KB/s.
fn sync_config() -> Config {
    Config {
        max_docs: 500,
        max_bytes: 256 * 1024,
        changes_limit: 500,
        ..Config::default()
    }
}

const META_URL: &str = "server:url";
const META_DB: &str = "server:db";
const META_LAST_OK: &str = "server:last_ok";

/// Where this phone syncs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// Server URL, e.g. `https://couch.example.cn:6984`.
    pub url: String,
    /// Database name.
    pub db: String,
}

impl ServerConfig {
    /// The key [`SyncState`] is scoped by.
    pub fn scope(&self) -> String {
        format!("{}/{}", self.url, self.db)
    }

    /// The adapter for this server.
    pub fn remote(&self) -> CouchRemote {
        CouchRemote::new(&self.url, &self.db, TIMEOUT_MS)
    }
}

/// Everything the UI shows about sync (all `Copy` handles).
#[derive(Clone, Copy)]
pub struct SyncCtx {
    /// `None` = this phone only (the default).
    pub server: RwSignal<Option<ServerConfig>>,
    /// Who the server says is logged in (after login or a session check).
    pub session: RwSignal<Option<Session>>,
    /// A pass is running.
    pub running: RwSignal<bool>,
    /// Progress of the running pass.
    pub progress: RwSignal<Option<Progress>>,
    /// UTC ms of the last successful pass.
    pub last_ok: RwSignal<Option<i64>>,
    /// Why the last pass failed (cleared by a successful one).
    pub last_error: RwSignal<Option<SyncError>>,
    /// Events the server refused in the last pass: (id, reason).
    pub refused: RwSignal<Vec<(String, String)>>,
    /// Remote docs quarantined (kept in the sync state).
    pub quarantine: RwSignal<Vec<RemoteQuarantined>>,
    /// Tamper alarms (kept in the sync state).
    pub alarms: RwSignal<Vec<TamperAlarm>>,
    /// Passes finished since the app started (also shown to tests as `data-passes`).
    pub synced: RwSignal<u64>,
    state: StoredValue<SyncState, LocalStorage>,
    backoff: StoredValue<Backoff, LocalStorage>,
    retry: StoredValue<Option<i32>, LocalStorage>,
}

/// The sync context provided by [`start`].
pub fn use_sync() -> SyncCtx {
    expect_context::<SyncCtx>()
}

fn load_server(c: &Ctx) -> Option<ServerConfig> {
    let url = c.meta(META_URL).filter(|u| !u.trim().is_empty())?;
    let db = c
        .meta(META_DB)
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| "jishi".into());
    Some(ServerConfig { url, db })
}

/// Load the sync settings, provide [`SyncCtx`], and install the triggers
/// (online event, interval, a first pass shortly after start).
pub fn start(c: Ctx) -> SyncCtx {
    let server = load_server(&c);
    let state = server
        .as_ref()
        .map(|s| c.with_ledger(|l| SyncState::load(l.store(), &s.scope())))
        .unwrap_or_default();
    let s = SyncCtx {
        server: RwSignal::new(server),
        session: RwSignal::new(None),
        running: RwSignal::new(false),
        progress: RwSignal::new(None),
        last_ok: RwSignal::new(c.meta(META_LAST_OK).and_then(|t| t.parse().ok())),
        last_error: RwSignal::new(None),
        refused: RwSignal::new(Vec::new()),
        quarantine: RwSignal::new(state.quarantine.clone()),
        alarms: RwSignal::new(state.alarms.clone()),
        synced: RwSignal::new(0),
        state: StoredValue::new_local(state),
        backoff: StoredValue::new_local(Backoff::new(2_000, 5 * 60_000)),
        retry: StoredValue::new_local(None),
    };
    provide_context(s);
    if let Some(w) = web_sys::window() {
        let online = Closure::<dyn Fn()>::new(move || s.sync_now(c));
        let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        let tick = Closure::<dyn Fn()>::new(move || {
            if c.online.get_untracked() {
                s.sync_now(c);
            }
        });
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            INTERVAL_MS,
        );
        tick.forget();
        if c.online.get_untracked() {
            s.after(1_000, c);
        }
    }
    s
}

impl SyncCtx {
    /// Events not yet on the server (all events when no server is configured).
    /// Reactive: changes after every write and every sync pass.
    pub fn waiting(&self, c: Ctx) -> usize {
        self.synced.track();
        let configured = self.server.with(Option::is_some);
        c.with_ledger(|l| {
            if configured {
                self.state.with_value(|st| st.waiting(l))
            } else {
                l.events().len()
            }
        })
    }

    /// Choose the server (`None` = this phone only). Local events are never touched;
    /// the sync state is per server, so switching back resumes where it was.
    pub fn set_server(&self, c: Ctx, cfg: Option<ServerConfig>) -> Result<(), SyncError> {
        let (url, db) = cfg
            .as_ref()
            .map(|s| (s.url.clone(), s.db.clone()))
            .unwrap_or_default();
        c.set_meta(META_URL, &url)?;
        c.set_meta(META_DB, &db)?;
        let state = cfg
            .as_ref()
            .map(|s| c.with_ledger(|l| SyncState::load(l.store(), &s.scope())))
            .unwrap_or_default();
        self.quarantine.set(state.quarantine.clone());
        self.alarms.set(state.alarms.clone());
        self.state.set_value(state);
        self.server.set(cfg);
        self.session.set(None);
        self.last_error.set(None);
        self.refused.set(Vec::new());
        self.synced.update(|n| *n += 1);
        Ok(())
    }

    /// Start a pass now unless one is running or no server is configured.
    pub fn sync_now(self, c: Ctx) {
        if self.running.get_untracked() {
            return;
        }
        let Some(cfg) = self.server.get_untracked() else {
            return;
        };
        if let Some(t) = self.retry.get_value() {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(t);
            }
            self.retry.set_value(None);
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            self.run(c, cfg).await;
            self.running.set(false);
        });
    }

    /// Sync again after `ms` (replaces a pending retry).
    fn after(self, ms: u64, c: Ctx) {
        let Some(w) = web_sys::window() else { return };
        if let Some(t) = self.retry.get_value() {
            w.clear_timeout_with_handle(t);
        }
        let cb = Closure::once(move || {
            self.retry.set_value(None);
            self.sync_now(c);
        });
        let handle = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u64) as i32,
            )
            .ok();
        cb.forget();
        self.retry.set_value(handle);
    }

    async fn run(self, c: Ctx, cfg: ServerConfig) {
        let store = match LocalStore::open() {
            Ok(s) => s,
            Err(e) => {
                self.last_error.set(Some(SyncError::Store(e)));
                return;
            }
        };
        let mut ledger = Ledger::open(store, &c.device());
        let before = ledger.events().len();
        let mut state = SyncState::load(ledger.store(), &cfg.scope());
        let remote = cfg.remote();
        let replicator = Replicator::new(&remote, sync_config());
        self.progress.set(Some(Progress::default()));
        // An expired or unknown session cookie makes the server treat us as anonymous,
        // and it would refuse every entry: ask first, and say "log in again" instead.
        let result = match remote.session().await {
            Ok(Session { name: None, .. }) => Err(SyncError::Remote(RemoteError::Unauthorized)),
            Err(e) => Err(SyncError::Remote(e)),
            Ok(session) => {
                self.session.set(Some(session));
                replicator
                    .sync(&mut ledger, &mut state, &mut |p| {
                        self.progress.set(Some(p.clone()))
                    })
                    .await
            }
        };
        self.progress.set(None);
        let arrived = ledger.events().len() > before;
        self.quarantine.set(state.quarantine.clone());
        self.alarms.set(state.alarms.clone());
        self.state.set_value(state);
        drop(ledger);
        if arrived {
            if let Err(e) = c.reload() {
                c.storage_problem.set(Some(e));
            }
        }
        match result {
            Ok(summary) => {
                self.backoff.update_value(Backoff::reset);
                let now = now_ms();
                let _ = c.set_meta(META_LAST_OK, &now.to_string());
                self.last_ok.set(Some(now));
                self.last_error.set(None);
                let mut refused = summary.forbidden;
                refused.extend(summary.failed);
                self.refused.set(refused);
            }
            Err(e) => {
                let transient = matches!(&e, SyncError::Remote(r) if r.is_transient());
                if matches!(e, SyncError::Remote(RemoteError::Unauthorized)) {
                    self.session.set(None);
                }
                self.last_error.set(Some(e));
                if transient {
                    let mut random = random_u64;
                    let delay = self
                        .backoff
                        .try_update_value(|b| b.next_delay(&mut random))
                        .unwrap_or(60_000);
                    self.after(delay, c);
                }
            }
        }
        self.synced.update(|n| *n += 1);
    }
}
