//! The sync driver: runs [`Replicator::sync`] for every database the logged-in user
//! may read (`domain::access::readable`: common data, their townships' village pay,
//! cadre records, personal matters) on demand ("立即同步"), when the browser comes
//! back online, and every [`INTERVAL_MS`] while the app is open; retries transient
//! errors with [`Backoff`]; never runs two passes at once. Everything the UI shows
//! about sync lives in [`SyncCtx`].
//!
//! A pass works on the app's own ledger through [`AppLog`], which borrows it only
//! inside each synchronous call, never across a request: the log is never re-read
//! from storage, and the user keeps entering data while a long sync runs. Each
//! database's [`SyncState`] stays in memory between passes.

use crate::domain::sorting::Gather;
use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::access::{readable, Scope};
use crate::domain::record::Decoded;
use crate::store::{Meta, Received, StoreError};
use crate::sync::couch::{CouchRemote, Session};
use crate::sync::doc::Outgoing;
use crate::sync::replicator::{unsent, LocalLog, LocalRecord};
use crate::sync::{
    Backoff, Config, Progress, RemoteError, RemoteQuarantined, Replicator, Summary, SyncError,
    SyncState, TamperAlarm,
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
/// The county's database prefix (older versions stored one database name here).
const META_DB: &str = "server:db";
const META_LAST_OK: &str = "server:last_ok";
const META_SCOPES: &str = "server:scopes";

/// Where this phone syncs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// Server URL, e.g. `https://couch.example.cn:6984`.
    pub url: String,
    /// The county's database prefix (`jishi` → `jishi-common`, `jishi-cadre`, …).
    pub prefix: String,
}

impl ServerConfig {
    /// The key every database's [`SyncState`] belongs to.
    pub fn key(&self) -> String {
        format!("{}#{}", self.url, self.prefix)
    }

    /// The adapter for one database of this county.
    pub fn remote(&self, scope: &Scope) -> CouchRemote {
        CouchRemote::new(&self.url, &scope.database(&self.prefix), TIMEOUT_MS)
    }

    /// The adapter for the server itself (login, session): the common database.
    pub fn server(&self) -> CouchRemote {
        self.remote(&Scope::Common)
    }
}

/// The app's ledger as the replicator's [`LocalLog`]: each call borrows the ledger
/// for that call only, and records that arrive refresh every page.
#[derive(Clone, Copy)]
pub struct AppLog(pub Ctx);

impl Meta for AppLog {
    fn get_meta(&self, key: &str) -> Option<String> {
        self.0.meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_meta(key, value)
    }
}

impl LocalLog for AppLog {
    fn device_id(&self) -> String {
        self.0.device()
    }
    fn records_in(&self, scope: &Scope) -> Vec<LocalRecord> {
        self.0.ledger_untracked(|l| l.records_in(scope))
    }
    fn outgoing(&self, ids: &[String]) -> Vec<Outgoing> {
        self.0.ledger_untracked(|l| l.outgoing(ids))
    }
    fn hash_of(&self, id: &str) -> Option<String> {
        self.0.ledger_untracked(|l| LocalLog::hash_of(l, id))
    }

    fn receive(&mut self, records: Vec<Decoded>) -> Result<Received, StoreError> {
        let received = self
            .0
            .ledger_mut(|l| LocalLog::receive(l, records))
            .unwrap_or_else(|| Err(StoreError::Unavailable("the app is closing".into())))?;
        if received.added > 0 {
            self.0.rev.update(|r| *r += 1);
            self.0.flush();
        }
        // Storage took what arrived: a full-storage warning from before is over.
        self.0.storage_ok();
        Ok(received)
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
    /// Progress of the running pass (of the database being synced).
    pub progress: RwSignal<Option<Progress>>,
    /// UTC ms of the last successful pass.
    pub last_ok: RwSignal<Option<i64>>,
    /// Why the last pass failed (cleared by a successful one).
    pub last_error: RwSignal<Option<SyncError>>,
    /// Events the server refused in the last pass: (id, reason).
    pub refused: RwSignal<Vec<(String, String)>>,
    /// Remote docs quarantined (kept in the sync states).
    pub quarantine: RwSignal<Vec<RemoteQuarantined>>,
    /// Tamper alarms (kept in the sync states).
    pub alarms: RwSignal<Vec<TamperAlarm>>,
    /// The databases the logged-in user reads (known after a session check).
    pub scopes: RwSignal<Vec<Scope>>,
    /// Passes finished since the app started (also shown to tests as `data-passes`).
    pub synced: RwSignal<u64>,
    states: StoredValue<BTreeMap<Scope, SyncState>, LocalStorage>,
    backoff: StoredValue<Backoff, LocalStorage>,
    retry: StoredValue<Option<i32>, LocalStorage>,
}

/// The sync context provided by [`start`].
pub fn use_sync() -> SyncCtx {
    expect_context::<SyncCtx>()
}

fn load_server(c: &Ctx) -> Option<ServerConfig> {
    let url = c.meta(META_URL).filter(|u| !u.trim().is_empty())?;
    let prefix = c
        .meta(META_DB)
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| crate::sync::address::DEFAULT_PREFIX.into());
    Some(ServerConfig { url, prefix })
}

fn load_scopes(c: &Ctx) -> Vec<Scope> {
    c.meta(META_SCOPES)
        .unwrap_or_default()
        .lines()
        .filter_map(Scope::from_key)
        .collect()
}

/// Load the sync settings, provide [`SyncCtx`], and install the triggers
/// (online event, interval, a first pass shortly after start).
pub fn start(c: Ctx) -> SyncCtx {
    let server = load_server(&c);
    let scopes = if server.is_some() {
        load_scopes(&c)
    } else {
        Vec::new()
    };
    let s = SyncCtx {
        server: RwSignal::new(server),
        session: RwSignal::new(None),
        running: RwSignal::new(false),
        progress: RwSignal::new(None),
        last_ok: RwSignal::new(c.meta(META_LAST_OK).and_then(|t| t.parse().ok())),
        last_error: RwSignal::new(None),
        refused: RwSignal::new(Vec::new()),
        quarantine: RwSignal::new(Vec::new()),
        alarms: RwSignal::new(Vec::new()),
        scopes: RwSignal::new(scopes),
        synced: RwSignal::new(0),
        states: StoredValue::new_local(BTreeMap::new()),
        backoff: StoredValue::new_local(Backoff::new(2_000, 5 * 60_000)),
        retry: StoredValue::new_local(None),
    };
    s.load_states(c);
    provide_context(s);
    // The deciders refuse village pay for a township the server user is not a member of.
    Effect::new(move |_| {
        let roles = s.session.get().map(|x| x.roles).unwrap_or_default();
        c.townships.set(crate::domain::access::townships_of(&roles));
    });
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
    /// Load the sync state of every database known for the configured server.
    fn load_states(&self, c: Ctx) {
        let Some(cfg) = self.server.get_untracked() else {
            self.states.set_value(BTreeMap::new());
            return;
        };
        let states: BTreeMap<Scope, SyncState> = self
            .scopes
            .get_untracked()
            .into_iter()
            .map(|scope| {
                let db = scope.database(&cfg.prefix);
                let state = SyncState::load(&AppLog(c), &cfg.key(), &db);
                (scope, state)
            })
            .gather_map();
        self.show_problems(&states);
        self.states.set_value(states);
    }

    fn show_problems(&self, states: &BTreeMap<Scope, SyncState>) {
        self.quarantine
            .set(states.values().flat_map(|s| s.quarantine.clone()).collect());
        self.alarms
            .set(states.values().flat_map(|s| s.alarms.clone()).collect());
    }

    /// Records not yet on the server: in the databases the user syncs, and this
    /// phone's own records that belong in none of them (every record when no server
    /// is configured). Reactive: changes after every write and every sync pass.
    /// `None` while the parts of the log folded later are still being folded (a
    /// second or so after a county's log opens: counting now would fold them at once).
    pub fn waiting(&self, c: Ctx) -> Option<usize> {
        self.synced.track();
        if !c.with_state_so_far(|_, whole| whole) {
            return None;
        }
        let configured = self.server.with(Option::is_some);
        let scopes = self.scopes.get();
        c.with_ledger(|l| {
            if !configured {
                return Some(l.events().len() + l.foreign().len());
            }
            let log: &dyn LocalLog = l;
            let in_scopes: usize = self.states.with_value(|states| {
                scopes
                    .iter()
                    .map(|scope| match states.get(scope) {
                        Some(st) => unsent(log, st, scope).len(),
                        None => log.records_in(scope).len(),
                    })
                    .sum()
            });
            let elsewhere = l
                .held()
                .filter(|h| h.device() == l.device())
                .filter(|h| l.scope_of(h).is_none_or(|s| !scopes.contains(&s)))
                .count();
            Some(in_scopes + elsewhere)
        })
    }

    /// Choose the server (`None` = this phone only). Local events are never touched;
    /// the sync states belong to one server, so switching back resumes where it was.
    pub fn set_server(&self, c: Ctx, cfg: Option<ServerConfig>) -> Result<(), SyncError> {
        let (url, prefix) = cfg
            .as_ref()
            .map(|s| (s.url.clone(), s.prefix.clone()))
            .unwrap_or_default();
        c.set_meta(META_URL, &url)?;
        c.set_meta(META_DB, &prefix)?;
        let changed = self.server.get_untracked() != cfg;
        self.server.set(cfg);
        if changed {
            self.scopes.set(Vec::new());
            c.set_meta(META_SCOPES, "")?;
        }
        self.load_states(c);
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
            // A pass reads the whole log: it waits for the parts folded later, which
            // are folded in the background as the app opens.
            c.until_whole().await;
            match crate::ui::chunks::sync_pass(self, c, cfg).await {
                Ok(pass) => pass.await,
                // Like a lost connection: said, and tried again later.
                Err(_) => {
                    let why = c.t("同步代码未能载入", "the sync code could not be loaded");
                    let lost = RemoteError::Network(why.to_string());
                    self.finish(c, Err(SyncError::Remote(lost)));
                }
            }
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

    /// One pass: the session, then every database (`ui::chunks::sync_pass` runs it).
    pub(crate) async fn run(self, c: Ctx, cfg: ServerConfig) {
        self.progress.set(Some(Progress::default()));
        // An expired or unknown session cookie makes the server treat us as anonymous,
        // and it would refuse everything: ask first, and say "log in again" instead.
        let result = match cfg.server().session().await {
            Ok(Session { name: None, .. }) => Err(SyncError::Remote(RemoteError::Unauthorized)),
            Err(e) => Err(SyncError::Remote(e)),
            Ok(session) => {
                self.session.set(Some(session.clone()));
                self.pass(c, &cfg, &session).await
            }
        };
        self.progress.set(None);
        self.states.with_value(|st| self.show_problems(st));
        self.finish(c, result);
    }

    /// One pass over every database the user reads; a failure in one does not stop
    /// the others (the first error is returned).
    async fn pass(
        self,
        c: Ctx,
        cfg: &ServerConfig,
        session: &Session,
    ) -> Result<Summary, SyncError> {
        let townships: Vec<String> =
            c.with_state_untracked(|s| s.master.townships.keys().cloned().collect());
        let scopes = readable(&session.roles, &townships);
        let keys: Vec<String> = scopes.iter().map(Scope::key).collect();
        let _ = c.set_meta(META_SCOPES, &keys.join("\n"));
        self.scopes.set(scopes.clone());
        let mut total = Summary::default();
        let mut first_error = None;
        for scope in &scopes {
            let db = scope.database(&cfg.prefix);
            let mut state = self
                .states
                .with_value(|st| st.get(scope).cloned())
                .unwrap_or_else(|| SyncState::load(&AppLog(c), &cfg.key(), &db));
            let remote = cfg.remote(scope);
            let user = crate::sync::UserCtx {
                name: session.name.clone(),
                roles: session.roles.clone(),
            };
            let config = Config {
                author: user.sends_only(),
                ..sync_config()
            };
            let replicator = Replicator::new(&remote, config);
            let mut log = AppLog(c);
            let result = replicator
                .sync(&mut log, &mut state, scope, &mut |p| {
                    self.progress.set(Some(p.clone()))
                })
                .await;
            self.states
                .update_value(|st| drop(st.insert(scope.clone(), state)));
            match result {
                Ok(s) => total.add(s),
                Err(e) => {
                    first_error.get_or_insert(e.in_database(&db));
                }
            }
        }
        // Imported records every database has looked at need not be kept in the journal.
        let seen = self.states.with_value(|st| {
            scopes
                .iter()
                .map(|s| st.get(s).map_or(0, |x| x.journal_seen))
                .min()
        });
        if let Some(seen) = seen {
            let _ = crate::store::journal::drop_before(&mut AppLog(c), seen);
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(total),
        }
    }

    /// Show how the pass ended; back off and retry after a transient failure.
    fn finish(self, c: Ctx, result: Result<Summary, SyncError>) {
        match result {
            Ok(summary) => {
                self.backoff.update_value(Backoff::reset);
                let now = now_ms();
                let _ = c.set_meta(META_LAST_OK, &now.to_string());
                self.last_ok.set(Some(now));
                self.last_error.set(None);
                let mut refused = summary.forbidden;
                refused.extend(summary.failed);
                refused.extend(summary.held_back.into_iter().map(|(id, author)| {
                    let why = if c.is_zh() {
                        format!("由“{author}”记录，须其本人登录后才能上传")
                    } else {
                        format!("recorded by {author}: uploaded once they sign in")
                    };
                    (id, why)
                }));
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
