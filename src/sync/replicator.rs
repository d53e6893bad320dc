//! One sync pass against a [`Remote`]: check for a rolled-back server, push the
//! outbox, pull the changes. Pure logic: no timers, no retries (the driver backs
//! off with [`super::Backoff`] and calls again).

use std::collections::BTreeMap;

use serde_json::Value;

use super::doc::{from_doc, Outgoing};
use super::remote::{DocStatus, Remote, RemoteError};
use super::state::{RemoteQuarantined, SyncState, TamperAlarm};
use crate::domain::record::Decoded;
use crate::store::{EventStore, Ledger, RejectReason, StoreError};

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
    /// Ids per `_all_docs` request of the rollback check.
    pub check_batch: usize,
    /// Acknowledged ids checked per pass (a rolling window; `usize::MAX` = all).
    pub check_per_pass: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_docs: 100,
            max_bytes: 256 * 1024,
            changes_limit: 500,
            check_batch: 500,
            check_per_pass: usize::MAX,
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
    /// Acknowledged events the server no longer holds (restored from an older
    /// backup): un-acknowledged, so they are sent again.
    pub resent: usize,
    /// Events the server refused (403 from `validate_doc_update`): (id, reason).
    pub forbidden: Vec<(String, String)>,
    /// Other per-document errors: (id, error).
    pub failed: Vec<(String, String)>,
    /// Tamper alarms raised in this pass.
    pub alarms: Vec<TamperAlarm>,
    /// Remote docs quarantined in this pass.
    pub quarantined: Vec<RemoteQuarantined>,
    /// The server's copy of the checkpoint differed (restored server, or a
    /// failed write): the pull restarted from it.
    pub restarted: bool,
    /// Requests made.
    pub requests: usize,
}

impl Summary {
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
}

impl SyncError {
    /// Message for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        match self {
            SyncError::Remote(e) => e.message(zh),
            SyncError::Store(e) => e.message(zh),
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

/// Replicates a [`Ledger`] with a [`Remote`].
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

    /// One pass: rollback check, push, pull. Returns what it did, or the first error.
    pub async fn sync<S: EventStore>(
        &self,
        ledger: &mut Ledger<S>,
        state: &mut SyncState,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Summary, SyncError> {
        let mut summary = Summary::default();
        let mut p = Progress::default();
        self.check_rollback(ledger, state, &mut summary).await?;
        self.push(ledger, state, &mut summary, &mut p, progress)
            .await?;
        self.pull(ledger, state, &mut summary, &mut p, progress)
            .await?;
        Ok(summary)
    }

    /// Ask the server whether it still holds what it acknowledged (a rolling
    /// window of `check_per_pass` ids). Lost ids are un-acknowledged, so the push
    /// re-sends them. (The pull finds out separately, through the server-side
    /// checkpoint, where to restart.)
    pub async fn check_rollback<S: EventStore>(
        &self,
        ledger: &mut Ledger<S>,
        state: &mut SyncState,
        summary: &mut Summary,
    ) -> Result<(), SyncError> {
        if state.acked.is_empty() {
            return Ok(());
        }
        let after = state.check_cursor.clone();
        let mut ids: Vec<String> = state
            .acked
            .range::<String, _>((
                std::ops::Bound::Excluded(&after),
                std::ops::Bound::Unbounded,
            ))
            .take(self.config.check_per_pass)
            .cloned()
            .collect();
        let wrapped = ids.len() < self.config.check_per_pass;
        if wrapped {
            // Go round: the start of the set, up to the cursor.
            let more = self.config.check_per_pass - ids.len();
            ids.extend(
                state
                    .acked
                    .range::<String, _>(..=&after)
                    .take(more)
                    .cloned(),
            );
        }
        let mut lost = Vec::new();
        for chunk in ids.chunks(self.config.check_batch.max(1)) {
            summary.requests += 1;
            lost.extend(self.remote.missing(chunk).await?);
        }
        state.check_cursor = if wrapped {
            String::new()
        } else {
            ids.last().cloned().unwrap_or_default()
        };
        let lost: Vec<String> = lost
            .into_iter()
            .filter(|id| state.acked.remove(id))
            .collect();
        if !lost.is_empty() {
            summary.resent += lost
                .iter()
                .filter(|id| ledger.hash_of(id).is_some())
                .count();
            state.save_acked(ledger.store_mut())?;
        }
        state.save_cursor(ledger.store_mut())?;
        Ok(())
    }

    /// Send every event the server has not acknowledged, in bounded batches.
    pub async fn push<S: EventStore>(
        &self,
        ledger: &mut Ledger<S>,
        state: &mut SyncState,
        summary: &mut Summary,
        p: &mut Progress,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let outbox: Vec<Outgoing> = ledger
            .unsynced(&|id| state.acked.contains(id))
            .into_iter()
            .map(Outgoing::of)
            .collect();
        p.to_send = outbox.len();
        progress(p);
        for batch in batches(&outbox, self.config.max_docs, self.config.max_bytes) {
            summary.requests += 1;
            let docs: Vec<Value> = batch.iter().map(|o| o.doc.clone()).collect();
            let results = self.remote.bulk_docs(&docs).await?;
            let by_id: BTreeMap<&str, &DocStatus> =
                results.iter().map(|r| (r.id.as_str(), &r.status)).collect();
            // Conflicts, and refusals that may be a "conflict" in disguise (PouchDB
            // Server runs validate_doc_update before its conflict check, so re-sending a
            // stored event is refused as "immutable"): look at what the server holds.
            // `Some(reason)` = it was refused, with the server's reason.
            let mut conflicts: Vec<(&Outgoing, Option<&String>)> = Vec::new();
            let mut problems = false;
            for e in batch {
                match by_id.get(e.id.as_str()) {
                    Some(DocStatus::Ok) => {
                        state.acked.insert(e.id.clone());
                        summary.sent += 1;
                        p.sent += 1;
                    }
                    Some(DocStatus::Conflict) => conflicts.push((e, None)),
                    Some(DocStatus::Forbidden(reason)) => conflicts.push((e, Some(reason))),
                    Some(DocStatus::Error { error, reason }) => summary
                        .failed
                        .push((e.id.clone(), format!("{error}: {reason}"))),
                    None => summary
                        .failed
                        .push((e.id.clone(), "no result from the server".into())),
                }
            }
            if !conflicts.is_empty() {
                let ids: Vec<String> = conflicts.iter().map(|(e, _)| e.id.clone()).collect();
                summary.requests += 1;
                let docs = self.remote.get_docs(&ids).await?;
                for ((e, refused), doc) in conflicts.into_iter().zip(docs) {
                    let Some(doc) = doc else {
                        match refused {
                            Some(reason) => summary.forbidden.push((e.id.clone(), reason.clone())),
                            None => summary.failed.push((
                                e.id.clone(),
                                "conflict, but the server has no such doc".into(),
                            )),
                        }
                        continue;
                    };
                    match from_doc(&doc) {
                        Ok(remote) if remote.hash() == e.hash => {
                            state.acked.insert(e.id.clone());
                            summary.already_there += 1;
                            p.sent += 1;
                        }
                        _ => {
                            let alarm = TamperAlarm {
                                id: e.id.clone(),
                                local_hash: e.hash.clone(),
                                remote: doc.to_string(),
                            };
                            if state.alarm(alarm.clone()) {
                                summary.alarms.push(alarm);
                                problems = true;
                            }
                        }
                    }
                }
            }
            state.save_acked(ledger.store_mut())?;
            if problems {
                state.save_problems(ledger.store_mut())?;
            }
            progress(p);
        }
        Ok(())
    }

    /// Pull `_changes` from the checkpoint, page by page: verify each doc, store
    /// the page's events locally, and only then store the new checkpoint.
    pub async fn pull<S: EventStore>(
        &self,
        ledger: &mut Ledger<S>,
        state: &mut SyncState,
        summary: &mut Summary,
        p: &mut Progress,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let limit = self.config.changes_limit.max(1);
        let key = checkpoint_key(ledger.device());
        // The checkpoint stored on the server lags ours at most; if it differs,
        // the server was restored from a backup (its sequence went back, and new
        // docs may sit at sequences we think we have seen) or our last write of it
        // failed. Either way, restarting from the server's copy is safe.
        let mut marker = None;
        if state.checkpoint != "0" {
            summary.requests += 1;
            marker = self.remote.get_checkpoint(&key).await?;
            if marker.as_deref() != Some(state.checkpoint.as_str()) {
                state.checkpoint = marker.clone().unwrap_or_else(|| "0".into());
                state.save_checkpoint(ledger.store_mut())?;
                summary.restarted = true;
            }
        }
        loop {
            summary.requests += 1;
            let page = self.remote.changes(&state.checkpoint, limit).await?;
            let rows = page.results.len();
            let mut events: Vec<Decoded> = Vec::with_capacity(rows);
            let mut raw: BTreeMap<String, String> = BTreeMap::new();
            let mut problems = false;
            for row in &page.results {
                if row.id.starts_with("_design/") || row.id.starts_with("_local/") {
                    continue;
                }
                let decoded = match &row.doc {
                    Some(doc) => from_doc(doc).inspect(|_| {
                        raw.insert(row.id.clone(), doc.to_string());
                    }),
                    None => Err(RemoteQuarantined {
                        id: row.id.clone(),
                        raw: String::new(),
                        reason: "the change has no document (deleted?)".into(),
                    }),
                };
                match decoded {
                    Ok(e) => events.push(e),
                    Err(q) => {
                        if state.quarantine(q.clone()) {
                            summary.quarantined.push(q);
                            problems = true;
                        }
                    }
                }
            }
            let ids: Vec<String> = events.iter().map(|e| e.id().to_string()).collect();
            let received = ledger.receive_decoded(events.into_iter().map(Ok).collect())?;
            summary.received += received.added;
            let mut refused = std::collections::BTreeSet::new();
            for r in received.rejected {
                refused.insert(r.id.clone());
                match r.reason {
                    RejectReason::IdClash => {
                        let alarm = TamperAlarm {
                            local_hash: ledger.hash_of(&r.id).unwrap_or_default().to_string(),
                            remote: raw.get(&r.id).cloned().unwrap_or_default(),
                            id: r.id,
                        };
                        if state.alarm(alarm.clone()) {
                            summary.alarms.push(alarm);
                            problems = true;
                        }
                    }
                    RejectReason::HashMismatch | RejectReason::Invalid => {
                        let q = RemoteQuarantined {
                            raw: raw.get(&r.id).cloned().unwrap_or_default(),
                            id: r.id,
                            reason: r.detail,
                        };
                        if state.quarantine(q.clone()) {
                            summary.quarantined.push(q);
                            problems = true;
                        }
                    }
                }
            }
            let before = state.acked.len();
            state
                .acked
                .extend(ids.into_iter().filter(|id| !refused.contains(id)));
            if state.acked.len() != before {
                state.save_acked(ledger.store_mut())?;
            }
            if problems {
                state.save_problems(ledger.store_mut())?;
            }
            let advanced = page.last_seq != state.checkpoint;
            state.checkpoint = page.last_seq;
            state.save_checkpoint(ledger.store_mut())?;
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
        if marker.as_deref() != Some(state.checkpoint.as_str()) {
            summary.requests += 1;
            self.remote.put_checkpoint(&key, &state.checkpoint).await?;
        }
        Ok(())
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
