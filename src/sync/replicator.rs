//! One sync pass of one database against a [`Remote`]: check the server's copy of
//! our checkpoint (a restored server), send what the server lacks, pull the changes.
//! Pure logic: no timers, no retries (the driver backs off with [`super::Backoff`]
//! and calls again).
//!
//! Architecture invariant: a pass with nothing new costs a constant number of small
//! requests (the server's checkpoint copy and one `_changes` page), whatever the
//! history; only a disagreement (a restored server, a forged `_local` doc) makes it
//! check ids against the server.

use crate::domain::sorting;
use crate::domain::sorting::Gather;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::doc::{from_doc, Outgoing};
use super::remote::{DocStatus, Remote, RemoteError};
use super::state::{RemoteQuarantined, SyncState, TamperAlarm};
use crate::domain::access::Scope;
use crate::domain::record::Decoded;
use crate::store::{journal, EventStore, Ledger, Meta, Received, RejectReason, StoreError};

/// Limits of one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Most documents in one `_bulk_docs` request.
    pub max_docs: usize,
    /// Most bytes of document JSON in one `_bulk_docs` request (a single larger
    /// document still goes, alone).
    pub max_bytes: usize,
    /// `limit` of each `_changes` request.
    pub changes_limit: usize,
    /// Ids per `_all_docs` request when checking what a restored server lost.
    pub check_batch: usize,
    /// The logged-in user when the server takes records only from their author (not a
    /// server admin): this phone's records by anyone else (a phone handed on) are held
    /// back until their author signs in, not refused on every pass. `None`: offer all.
    pub author: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_docs: 100,
            max_bytes: 256 * 1024,
            changes_limit: 500,
            check_batch: 500,
            author: None,
        }
    }
}

/// How far a pass is, reported after every request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Events sent so far (acknowledged or found already there).
    pub sent: usize,
    /// Events to send in this pass.
    pub to_send: usize,
    /// Changes pulled so far.
    pub received: usize,
    /// Changes to pull in all, once the server said (`pending`).
    pub to_receive: Option<usize>,
}

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Events the server stored now.
    pub sent: usize,
    /// Events the server already held with the same content (409, same hash).
    pub already_there: usize,
    /// Events new to this device, stored and folded.
    pub received: usize,
    /// `_changes` rows processed.
    pub pulled: usize,
    /// This phone's records by another user than the one logged in, not offered:
    /// (id, author).
    pub held_back: Vec<(String, String)>,
    /// Documents fetched for those rows (those not sent this pass nor held unchanged).
    pub fetched: usize,
    /// Records the server no longer holds (restored from an older backup): offered
    /// again.
    pub resent: usize,
    /// Events the server refused (403 from `validate_doc_update`): (id, reason).
    pub forbidden: Vec<(String, String)>,
    /// Other per-document errors: (id, error).
    pub failed: Vec<(String, String)>,
    /// Tamper alarms raised in this pass.
    pub alarms: Vec<TamperAlarm>,
    /// Remote docs quarantined in this pass.
    pub quarantined: Vec<RemoteQuarantined>,
    /// The server's copy of the checkpoint differed (restored server, a failed
    /// write, or a forged `_local` doc): the pull restarted from the earlier of the
    /// two and the ids were checked.
    pub restarted: bool,
    /// Requests made.
    pub requests: usize,
}

impl Summary {
    /// Add another database's pass to this one (the driver syncs several).
    pub fn add(&mut self, s: Summary) {
        self.sent += s.sent;
        self.already_there += s.already_there;
        self.received += s.received;
        self.pulled += s.pulled;
        self.fetched += s.fetched;
        self.resent += s.resent;
        self.held_back.extend(s.held_back);
        self.forbidden.extend(s.forbidden);
        self.failed.extend(s.failed);
        self.alarms.extend(s.alarms);
        self.quarantined.extend(s.quarantined);
        self.restarted |= s.restarted;
        self.requests += s.requests;
    }

    /// Whether anything moved (sent, acknowledged, received or found lost).
    pub fn moved(&self) -> bool {
        self.sent + self.already_there + self.received + self.resent > 0
    }
}

/// Why a pass stopped. Everything done before the error is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// A request failed.
    Remote(RemoteError),
    /// This device's storage refused a write (events or sync metadata).
    Store(StoreError),
    /// A database of the county is missing on the server (404), or the user may not
    /// use it (403): named, so the county administrator knows what to do.
    Database {
        /// The database name.
        db: String,
        /// The HTTP status.
        status: u16,
    },
}

impl SyncError {
    /// Message for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        match self {
            SyncError::Remote(e) => e.message(zh),
            SyncError::Store(e) => e.sync_message(zh),
            SyncError::Database { db, status: 404 } if zh => format!(
                "服务器上还没有数据库 {db}：新乡镇须由县委组织部管理员运行 make couchdb-setup 建库。其他数据照常同步。"
            ),
            SyncError::Database { db, status: 404 } => format!(
                "The server has no database {db} yet: the county administrator runs make couchdb-setup for a new township. Everything else syncs."
            ),
            SyncError::Database { db, .. } if zh => format!(
                "您的服务器账号不能使用数据库 {db}：请县委组织部管理员核对账号的角色。"
            ),
            SyncError::Database { db, .. } => format!(
                "Your server account may not use the database {db}: ask the county administrator to check its roles."
            ),
        }
    }
}

impl SyncError {
    /// The same error, naming the database when the server refused or lacks it.
    pub fn in_database(self, db: &str) -> SyncError {
        match self {
            SyncError::Remote(RemoteError::Http { status, .. })
                if status == 404 || status == 403 =>
            {
                SyncError::Database {
                    db: db.to_string(),
                    status,
                }
            }
            other => other,
        }
    }
}

impl From<RemoteError> for SyncError {
    fn from(e: RemoteError) -> Self {
        SyncError::Remote(e)
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

/// One record held on this phone, as the replicator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalRecord {
    /// Event id.
    pub id: String,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
    /// Whether this device recorded it.
    pub own: bool,
    /// Who recorded it.
    pub author: String,
}

/// What the replicator needs of the phone's log. The app's ledger implements it
/// through a handle that borrows the ledger only inside each call, so no borrow is
/// held across a request and the user keeps working while a pass runs.
pub trait LocalLog: Meta {
    /// This device's id (its own records are tracked by time).
    fn device_id(&self) -> String;
    /// Every record held that belongs in `scope`'s database.
    fn records_in(&self, scope: &Scope) -> Vec<LocalRecord>;
    /// The documents of these records (those still held).
    fn outgoing(&self, ids: &[String]) -> Vec<Outgoing>;
    /// The hash of the record held under `id`.
    fn hash_of(&self, id: &str) -> Option<String>;

    /// Store and fold records pulled from the server (see [`Ledger::receive_decoded`]).
    fn receive(&mut self, records: Vec<Decoded>) -> Result<Received, StoreError>;
}

impl<S: EventStore> LocalLog for Ledger<S> {
    fn device_id(&self) -> String {
        self.device().to_string()
    }

    fn records_in(&self, scope: &Scope) -> Vec<LocalRecord> {
        let device = self.device();
        self.held()
            .filter(|h| self.scope_of(h).as_ref() == Some(scope))
            .map(|h| LocalRecord {
                id: h.id().to_string(),
                recorded_at: h.recorded_at(),
                own: h.device() == device,
                author: h.author().to_string(),
            })
            .collect()
    }

    fn outgoing(&self, ids: &[String]) -> Vec<Outgoing> {
        ids.iter()
            .filter_map(|id| self.held_record(id))
            .map(Outgoing::of)
            .collect()
    }

    fn hash_of(&self, id: &str) -> Option<String> {
        Ledger::hash_of(self, id).map(str::to_string)
    }

    fn receive(&mut self, records: Vec<Decoded>) -> Result<Received, StoreError> {
        self.receive_decoded(records.into_iter().map(Ok).collect())
    }
}

/// Records of `scope` the server is not known to hold, oldest first (imported ones
/// this database has not looked at yet included).
pub fn unsent(log: &dyn LocalLog, state: &SyncState, scope: &Scope) -> Vec<LocalRecord> {
    let (base, ids) = journal::read(log);
    let skip = usize::try_from(state.journal_seen.saturating_sub(base)).unwrap_or(usize::MAX);
    let imported: std::collections::BTreeSet<&str> = if state.primed {
        ids.iter().skip(skip).map(String::as_str).gather_set()
    } else {
        Default::default()
    };
    let mut out: Vec<LocalRecord> = log
        .records_in(scope)
        .into_iter()
        .filter(|r| !state.holds(&r.id, r.own, r.recorded_at) || imported.contains(r.id.as_str()))
        .collect();
    sorting::sort_by(&mut out, |a, b| {
        (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id))
    });
    out
}

/// Records of other phones imported from a backup since this database last looked
/// are offered to it too (they were neither recorded here nor pulled from it), and so
/// are this device's records made with a time under one it recorded before (the high-
/// water mark of acknowledged own records is lowered under them).
fn absorb_journal<L: LocalLog>(
    log: &mut L,
    state: &mut SyncState,
    scope: &Scope,
) -> Result<(), SyncError> {
    let (base, ids) = journal::read(log);
    let end = base.saturating_add(ids.len() as u64);
    if state.journal_seen >= end {
        return Ok(());
    }
    let skip = usize::try_from(state.journal_seen.saturating_sub(base)).unwrap_or(usize::MAX);
    let new: std::collections::BTreeSet<&str> =
        ids.iter().skip(skip).map(String::as_str).gather_set();
    let (own, others): (Vec<LocalRecord>, Vec<LocalRecord>) = log
        .records_in(scope)
        .into_iter()
        .filter(|r| new.contains(r.id.as_str()))
        .partition(|r| r.own);
    let own: Vec<(i64, &str)> = own.iter().map(|r| (r.recorded_at, r.id.as_str())).collect();
    state.lost(&own, &[]);
    state.pending.extend(others.into_iter().map(|r| r.id));
    state.journal_seen = end;
    state.save_acked(log)?;
    Ok(())
}

/// This device's records of `scope` as (recorded_at, id), in time order.
fn own_times(records: &[LocalRecord]) -> Vec<(i64, &str)> {
    let mut own: Vec<(i64, &str)> = records
        .iter()
        .filter(|r| r.own)
        .map(|r| (r.recorded_at, r.id.as_str()))
        .collect();
    sorting::sort(&mut own);
    own
}

/// The leading number of a CouchDB sequence (`"12-g1AAA…"` → 12, `"12"` → 12).
fn seq_number(seq: &str) -> Option<u64> {
    let digits: String = seq.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The earlier of two sequences; `"0"` (from the start) when they can't be compared.
fn earlier(a: &str, b: Option<&str>) -> String {
    match (seq_number(a), b.and_then(seq_number)) {
        (Some(x), Some(y)) if x <= y => a.to_string(),
        (Some(_), Some(_)) => b.unwrap_or("0").to_string(),
        _ => "0".into(),
    }
}

/// Replicates a phone's log with one server database.
pub struct Replicator<'r, R: Remote> {
    remote: &'r R,
    config: Config,
}

impl<'r, R: Remote> Replicator<'r, R> {
    /// A replicator over `remote`.
    pub fn new(remote: &'r R, config: Config) -> Self {
        Replicator { remote, config }
    }

    /// The limits in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// One pass for `scope`'s database: marker check, push, pull. Returns what it
    /// did, or the first error (everything done before it is kept).
    pub async fn sync<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Summary, SyncError> {
        let mut summary = Summary::default();
        let mut p = Progress::default();
        let key = checkpoint_key(&log.device_id());
        let mut on_server = self
            .check_marker(log, state, scope, &key, &mut summary)
            .await?;
        if !state.primed {
            // First sync of this database here: everything of other phones held is
            // offered too, after pulling what the server has (pulled = not needed).
            state.pending = log
                .records_in(scope)
                .into_iter()
                .filter(|r| !r.own)
                .map(|r| r.id)
                .collect();
            state.primed = true;
            state.journal_seen = journal::end(log);
            state.save_acked(log)?;
            let none = BTreeSet::new();
            self.pull(log, state, scope, &none, &mut summary, &mut p, progress)
                .await?;
        } else {
            absorb_journal(log, state, scope)?;
        }
        let sent = self
            .push(log, state, scope, &mut summary, &mut p, progress)
            .await?;
        self.put_marker(state, &key, &mut on_server, &mut summary)
            .await?;
        self.pull(log, state, scope, &sent, &mut summary, &mut p, progress)
            .await?;
        self.put_marker(state, &key, &mut on_server, &mut summary)
            .await?;
        Ok(summary)
    }

    /// Store our marker on the server if it changed since the server last had it.
    /// (It changes, and is saved locally, *before* the acknowledgements it covers: a
    /// pass cut short leaves a marker the server lacks, so the next pass checks.)
    async fn put_marker(
        &self,
        state: &SyncState,
        key: &str,
        on_server: &mut String,
        summary: &mut Summary,
    ) -> Result<(), SyncError> {
        if state.marker == *on_server {
            return Ok(());
        }
        summary.requests += 1;
        self.remote.put_checkpoint(key, &state.marker).await?;
        *on_server = state.marker.clone();
        Ok(())
    }

    /// Compare the marker we last stored on the server with the server's copy (which
    /// this returns). A disagreement means the server was restored from a backup, our
    /// last write of it was lost, or someone wrote the `_local` doc: never skip
    /// anything — resume from the earlier checkpoint of the two and check which
    /// records the server lost. Our marker's counter only ever grows, so an old copy
    /// can never look current.
    async fn check_marker<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        key: &str,
        summary: &mut Summary,
    ) -> Result<String, SyncError> {
        summary.requests += 1;
        let server = self.remote.get_checkpoint(key).await?.unwrap_or_default();
        if server == state.marker {
            return Ok(server);
        }
        summary.restarted = true;
        let theirs = (!server.is_empty()).then(|| server.split('|').next().unwrap_or("0"));
        state.checkpoint = earlier(&state.checkpoint, theirs);
        state.marker = state.next_marker();
        state.save_checkpoint(log)?;
        self.find_lost(log, state, scope, summary).await?;
        Ok(server)
    }

    /// Ask the server which of the records it is believed to hold it still has, and
    /// offer the lost ones again.
    async fn find_lost<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        summary: &mut Summary,
    ) -> Result<(), SyncError> {
        let held: Vec<LocalRecord> = log
            .records_in(scope)
            .into_iter()
            .filter(|r| state.holds(&r.id, r.own, r.recorded_at))
            .collect();
        let ids: Vec<String> = held.iter().map(|r| r.id.clone()).collect();
        let mut lost = std::collections::BTreeSet::new();
        for chunk in ids.chunks(self.config.check_batch.max(1)) {
            summary.requests += 1;
            lost.extend(self.remote.missing(chunk).await?);
        }
        if lost.is_empty() {
            return Ok(());
        }
        let lost: Vec<&LocalRecord> = held.iter().filter(|r| lost.contains(&r.id)).collect();
        summary.resent += lost.len();
        let own: Vec<(i64, &str)> = lost
            .iter()
            .filter(|r| r.own)
            .map(|r| (r.recorded_at, r.id.as_str()))
            .collect();
        let others: Vec<&str> = lost
            .iter()
            .filter(|r| !r.own)
            .map(|r| r.id.as_str())
            .collect();
        state.lost(&own, &others);
        state.save_acked(log)?;
        Ok(())
    }

    /// Send every record of `scope` the server is not known to hold, in bounded
    /// batches. Returns the ids the server now holds from this push.
    pub async fn push<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        summary: &mut Summary,
        p: &mut Progress,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<BTreeSet<String>, SyncError> {
        let mut sent = BTreeSet::new();
        let records = log.records_in(scope);
        let (mut waiting, held_back): (Vec<&LocalRecord>, Vec<&LocalRecord>) = records
            .iter()
            .filter(|r| !state.holds(&r.id, r.own, r.recorded_at))
            .partition(|r| !r.own || self.config.author.as_ref().is_none_or(|a| *a == r.author));
        summary
            .held_back
            .extend(held_back.iter().map(|r| (r.id.clone(), r.author.clone())));
        state
            .held_back
            .extend(held_back.iter().filter(|r| r.own).map(|r| r.id.clone()));
        sorting::sort_by(&mut waiting, |a, b| {
            (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id))
        });
        let info: BTreeMap<&str, &LocalRecord> =
            waiting.iter().map(|r| (r.id.as_str(), *r)).gather_map();
        let ids: Vec<String> = waiting.iter().map(|r| r.id.clone()).collect();
        let outbox = log.outgoing(&ids);
        p.to_send = outbox.len();
        progress(p);
        for batch in batches(&outbox, self.config.max_docs, self.config.max_bytes) {
            summary.requests += 1;
            let docs: Vec<Value> = batch.iter().map(|o| o.doc.clone()).collect();
            let results = self.remote.bulk_docs(&docs).await?;
            // The marker moves before anything is acknowledged (see `put_marker`).
            state.marker = state.next_marker();
            state.save_checkpoint(log)?;
            let by_id: BTreeMap<&str, &DocStatus> = results
                .iter()
                .map(|r| (r.id.as_str(), &r.status))
                .gather_map();
            // Conflicts, and refusals that may be a "conflict" in disguise (PouchDB
            // Server runs validate_doc_update before its conflict check, so re-sending a
            // stored event is refused as "immutable"): look at what the server holds.
            // `Some(reason)` = it was refused, with the server's reason.
            let mut conflicts: Vec<(&Outgoing, Option<&String>)> = Vec::new();
            for o in batch {
                let r = info.get(o.id.as_str());
                match by_id.get(o.id.as_str()) {
                    Some(DocStatus::Ok) => {
                        if let Some(r) = r {
                            state.acknowledge(&r.id, r.own, r.recorded_at);
                        }
                        sent.insert(o.id.clone());
                        summary.sent += 1;
                        p.sent += 1;
                    }
                    Some(DocStatus::Conflict) => conflicts.push((o, None)),
                    Some(DocStatus::Forbidden(reason)) => conflicts.push((o, Some(reason))),
                    Some(DocStatus::Error { error, reason }) => summary
                        .failed
                        .push((o.id.clone(), format!("{error}: {reason}"))),
                    None => summary
                        .failed
                        .push((o.id.clone(), "no result from the server".into())),
                }
            }
            let problems = self
                .settle_conflicts(conflicts, &info, state, summary, p)
                .await?;
            state.compact(&own_times(&records));
            state.save_acked(log)?;
            if problems {
                state.save_problems(log)?;
            }
            progress(p);
        }
        Ok(sent)
    }

    /// For documents the server did not store: the same record there is success, a
    /// different one a tamper alarm, none a refusal.
    async fn settle_conflicts(
        &self,
        conflicts: Vec<(&Outgoing, Option<&String>)>,
        info: &BTreeMap<&str, &LocalRecord>,
        state: &mut SyncState,
        summary: &mut Summary,
        p: &mut Progress,
    ) -> Result<bool, SyncError> {
        if conflicts.is_empty() {
            return Ok(false);
        }
        let ids: Vec<String> = conflicts.iter().map(|(o, _)| o.id.clone()).collect();
        summary.requests += 1;
        let docs = self.remote.get_docs(&ids).await?;
        let mut problems = false;
        for ((o, refused), doc) in conflicts.into_iter().zip(docs) {
            let r = info.get(o.id.as_str());
            let Some(doc) = doc else {
                match refused {
                    Some(reason) => {
                        summary.forbidden.push((o.id.clone(), reason.clone()));
                        // Another phone's record the server won't take from this one
                        // (only its author may send it): stop offering it.
                        if let Some(r) = r.filter(|r| !r.own) {
                            state.pending.remove(&r.id);
                        }
                    }
                    None => summary.failed.push((
                        o.id.clone(),
                        "conflict, but the server has no such doc".into(),
                    )),
                }
                continue;
            };
            match from_doc(&doc) {
                Ok(remote) if remote.hash() == o.hash => {
                    if let Some(r) = r {
                        state.acknowledge(&r.id, r.own, r.recorded_at);
                    }
                    summary.already_there += 1;
                    p.sent += 1;
                }
                _ => {
                    let alarm = TamperAlarm {
                        id: o.id.clone(),
                        local_hash: o.hash.clone(),
                        remote: doc.to_string(),
                    };
                    if state.alarm(alarm.clone()) {
                        summary.alarms.push(alarm);
                        problems = true;
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Pull `_changes` from our checkpoint, page by page: the ids first, then the
    /// documents of all but those this pass just sent (no record travels twice);
    /// verify each, store the page's records locally, and only then store the new
    /// checkpoint.
    #[allow(clippy::too_many_arguments)] // one pass's pieces, as `push` takes them
    pub async fn pull<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        sent: &BTreeSet<String>,
        summary: &mut Summary,
        p: &mut Progress,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let limit = self.config.changes_limit.max(1);
        loop {
            summary.requests += 1;
            let page = self.remote.changes(&state.checkpoint, limit, false).await?;
            let rows = page.results.len();
            let advanced = page.last_seq != state.checkpoint;
            if rows > 0 || advanced {
                // The marker moves before what it covers is stored (see `put_marker`).
                state.marker = state.next_marker();
                state.save_checkpoint(log)?;
            }
            let docs = self.documents(&page.results, sent, summary).await?;
            self.apply_page(log, state, scope, &docs, summary)?;
            state.checkpoint = page.last_seq;
            state.save_checkpoint(log)?;
            summary.pulled += rows;
            p.received += rows;
            p.to_receive = page
                .pending
                .map(|n| p.received + usize::try_from(n).unwrap_or(usize::MAX));
            progress(p);
            // A short page, no progress, or the server says nothing is left (`pending`).
            if rows < limit || !advanced || page.pending == Some(0) {
                break;
            }
        }
        // Own records pulled back (a push whose answer was lost) move the mark too.
        if !state.own_above.is_empty() {
            state.compact(&own_times(&log.records_in(scope)));
            state.save_acked(log)?;
        }
        Ok(())
    }

    /// The documents of a page of changes, fetched in one request (`_all_docs`), but
    /// for design and `_local` docs and the records this pass just sent. Records this
    /// phone holds are fetched too: after a restore, a different record under a held id
    /// must raise a tamper alarm, and a change's revision cannot tell.
    async fn documents(
        &self,
        rows: &[super::remote::ChangeRow],
        sent: &BTreeSet<String>,
        summary: &mut Summary,
    ) -> Result<Vec<super::remote::ChangeRow>, SyncError> {
        let mut ids: Vec<String> = rows
            .iter()
            .map(|r| r.id.clone())
            .filter(|id| !id.starts_with("_design/") && !id.starts_with("_local/"))
            .filter(|id| !sent.contains(id))
            .collect();
        sorting::sort(&mut ids);
        ids.dedup();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        summary.requests += 1;
        summary.fetched += ids.len();
        let docs = self.remote.get_docs(&ids).await?;
        Ok(ids
            .into_iter()
            .zip(docs)
            .map(|(id, doc)| super::remote::ChangeRow {
                seq: String::new(),
                rev: String::new(),
                id,
                doc,
            })
            .collect())
    }

    /// Verify and store one page of changes; quarantine or alarm what can't be taken.
    fn apply_page<L: LocalLog>(
        &self,
        log: &mut L,
        state: &mut SyncState,
        scope: &Scope,
        rows: &[super::remote::ChangeRow],
        summary: &mut Summary,
    ) -> Result<(), SyncError> {
        let device = log.device_id();
        let mut records: Vec<Decoded> = Vec::with_capacity(rows.len());
        let mut raw: BTreeMap<String, String> = BTreeMap::new();
        let mut problems = false;
        for row in rows {
            if row.id.starts_with("_design/") || row.id.starts_with("_local/") {
                continue;
            }
            let decoded = match &row.doc {
                Some(doc) => from_doc(doc)
                    .and_then(|d| belongs_in(d, scope, &row.id, doc))
                    .inspect(|_| {
                        raw.insert(row.id.clone(), doc.to_string());
                    }),
                None => Err(RemoteQuarantined {
                    id: row.id.clone(),
                    raw: String::new(),
                    reason: "the change has no document (deleted?)".into(),
                }),
            };
            match decoded {
                Ok(d) => records.push(d),
                Err(q) => {
                    if state.quarantine(q.clone()) {
                        summary.quarantined.push(q);
                        problems = true;
                    }
                }
            }
        }
        let pulled: Vec<(String, bool, i64)> = records
            .iter()
            .map(|d| {
                let (dev, at) = match d {
                    Decoded::Known(e) => (e.device.as_str(), e.recorded_at),
                    Decoded::Foreign(f) => (f.device.as_str(), f.recorded_at),
                };
                (d.id().to_string(), dev == device, at)
            })
            .collect();
        let received = log.receive(records)?;
        summary.received += received.added;
        let mut refused = std::collections::BTreeSet::new();
        for r in received.rejected {
            refused.insert(r.id.clone());
            problems |= self.reject(log, state, r, &raw, summary);
        }
        for (id, own, at) in pulled.iter().filter(|(id, ..)| !refused.contains(id)) {
            state.acknowledge(id, *own, *at);
        }
        if problems {
            state.save_problems(log)?;
        }
        Ok(())
    }

    /// A pulled record the log refused: a tamper alarm for an id clash, quarantine
    /// otherwise. Returns whether it was new.
    fn reject<L: LocalLog>(
        &self,
        log: &L,
        state: &mut SyncState,
        r: crate::store::Rejected,
        raw: &BTreeMap<String, String>,
        summary: &mut Summary,
    ) -> bool {
        match r.reason {
            RejectReason::IdClash => {
                let alarm = TamperAlarm {
                    local_hash: log.hash_of(&r.id).unwrap_or_default(),
                    remote: raw.get(&r.id).cloned().unwrap_or_default(),
                    id: r.id,
                };
                state.alarm(alarm.clone()) && {
                    summary.alarms.push(alarm);
                    true
                }
            }
            RejectReason::HashMismatch | RejectReason::Invalid => {
                let q = RemoteQuarantined {
                    raw: raw.get(&r.id).cloned().unwrap_or_default(),
                    id: r.id,
                    reason: r.detail,
                };
                state.quarantine(q.clone()) && {
                    summary.quarantined.push(q);
                    true
                }
            }
        }
    }
}

/// The `_local` document id holding a device's checkpoint on the server.
pub fn checkpoint_key(device: &str) -> String {
    format!("jishi-checkpoint-{device}")
}

/// Split `docs` into consecutive batches of at most `max_docs` documents and
/// `max_bytes` bytes of document JSON (a larger single document goes alone).
pub fn batches(docs: &[Outgoing], max_docs: usize, max_bytes: usize) -> Vec<&[Outgoing]> {
    let max_docs = max_docs.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, e) in docs.iter().enumerate() {
        let size = e.bytes;
        let count = i - start;
        if count > 0 && (count >= max_docs || bytes + size > max_bytes) {
            out.push(&docs[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < docs.len() {
        out.push(&docs[start..]);
    }
    out
}

/// A pulled record is taken only from the database it belongs in: the one it names, or
/// for a record of a version before records named theirs, the kind's database. So a
/// record put in the wrong database (by a server admin, who skips the placement check)
/// never reaches readers of that database who may not read it (personal matters in the
/// common database). A record naming no database (only a server admin uploads those)
/// belongs in its kind's kind of database: which township's, the master data can't tell
/// the same way on every phone at every moment, so it is not asked. Records of kinds
/// this version doesn't know that name no database are taken (nothing tells where they
/// belong).
fn belongs_in(
    d: Decoded,
    scope: &Scope,
    id: &str,
    doc: &serde_json::Value,
) -> Result<Decoded, RemoteQuarantined> {
    let (named, kind) = match &d {
        Decoded::Known(e) => (e.scope.as_str(), Some(e.kind.as_str())),
        Decoded::Foreign(f) => (f.scope.as_str(), None),
    };
    let fits = match (named, kind.and_then(crate::domain::access::kind_rule)) {
        ("", Some(rule)) => rule.scope == scope.kind(),
        ("", None) => true,
        (named, _) => named == scope.key(),
    };
    if fits {
        return Ok(d);
    }
    Err(RemoteQuarantined {
        id: id.to_string(),
        raw: doc.to_string(),
        reason: format!(
            "it belongs in another database than {} (where it was found)",
            scope.key()
        ),
    })
}
