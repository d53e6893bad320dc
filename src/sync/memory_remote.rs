//! An in-memory server with CouchDB's semantics (one document per id, an
//! increasing update sequence, `_changes`, per-document `_bulk_docs` results), and
//! faults injected from a seeded PRNG: dropped requests, responses lost after the
//! server stored a batch, HTTP 500, timeouts, duplicate and reordered `_changes`
//! rows, and restoring the server from an older snapshot. For tests.
//!
//! With [`MemoryRemote::set_rules`] it refuses exactly what the real server's design
//! document refuses ([`server_check`], for one database and one logged-in user).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use serde_json::Value;

use super::remote::{ChangeRow, ChangesPage, DocResult, DocStatus, Remote, RemoteError};
use super::validate::{server_check, UserCtx};
use crate::domain::access::Scope;

/// xorshift64*: tiny, seeded, deterministic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator for `seed` (any value, 0 included).
    pub fn new(seed: u64) -> XorShift {
        XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        per_mille > 0 && self.below(1000) < per_mille as usize
    }

    /// Shuffle in place.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Fault rates, each in per mille of requests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// The request never reaches the server (network error, nothing stored).
    pub drop_request: u32,
    /// The server stores the `_bulk_docs` batch but the response is lost.
    pub drop_response: u32,
    /// The server answers 500 (nothing done).
    pub http_500: u32,
    /// No answer in time; half of the time the server did the work anyway.
    pub timeout: u32,
    /// `_changes` repeats some rows (delivered twice).
    pub duplicate: u32,
    /// `_changes` rows come in another order within the page.
    pub reorder: u32,
}

impl Faults {
    /// No faults.
    pub fn none() -> Faults {
        Faults::default()
    }

    /// Every fault at `per_mille`.
    pub fn all(per_mille: u32) -> Faults {
        Faults {
            drop_request: per_mille,
            drop_response: per_mille,
            http_500: per_mille,
            timeout: per_mille,
            duplicate: per_mille,
            reorder: per_mille,
        }
    }
}

/// The server's content at one moment (a backup).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    docs: BTreeMap<String, (u64, Value)>,
    locals: BTreeMap<String, String>,
    seq: u64,
}

impl Snapshot {
    /// The update sequence at the time of the snapshot.
    pub fn seq(&self) -> u64 {
        self.seq
    }
}

#[derive(Debug)]
struct Inner {
    docs: BTreeMap<String, (u64, Value)>,
    locals: BTreeMap<String, String>,
    by_seq: BTreeMap<u64, String>,
    seq: u64,
    faults: Faults,
    validate: Option<fn(&Value) -> Option<String>>,
    rules: Option<(Scope, UserCtx)>,
    now_ms: Option<i64>,
    rng: XorShift,
    requests: usize,
}

/// In-memory CouchDB database. Shared by reference between devices
/// (single-threaded, interior mutability).
#[derive(Debug)]
pub struct MemoryRemote {
    inner: RefCell<Inner>,
}

/// Before the server does anything: maybe fail the request.
enum Before {
    Proceed,
    Fail(RemoteError),
    /// Time out after doing the work.
    TimeoutAfter,
}

impl MemoryRemote {
    /// An empty database; `seed` drives the faults.
    pub fn new(seed: u64) -> MemoryRemote {
        MemoryRemote {
            inner: RefCell::new(Inner {
                docs: BTreeMap::new(),
                locals: BTreeMap::new(),
                by_seq: BTreeMap::new(),
                seq: 0,
                faults: Faults::none(),
                validate: None,
                rules: None,
                now_ms: None,
                rng: XorShift::new(seed),
                requests: 0,
            }),
        }
    }

    /// Change the fault rates.
    pub fn set_faults(&self, faults: Faults) {
        self.inner.borrow_mut().faults = faults;
    }

    /// Refuse (403) every new doc for which `validate` gives a reason, like a
    /// `validate_doc_update` function.
    pub fn set_validate(&self, validate: Option<fn(&Value) -> Option<String>>) {
        self.inner.borrow_mut().validate = validate;
    }

    /// Run the server's rule ([`server_check`]) on every new document, as the design
    /// document of database `scope` does for the logged-in `user`; `None`: accept all
    /// (besides [`MemoryRemote::set_validate`]).
    pub fn set_rules(&self, rules: Option<(Scope, UserCtx)>) {
        self.inner.borrow_mut().rules = rules;
    }

    /// Set the server's clock (UTC ms) for the rule's far-future bound; `None`: the
    /// real clock.
    pub fn set_now(&self, now_ms: Option<i64>) {
        self.inner.borrow_mut().now_ms = now_ms;
    }

    /// Requests served (or failed) so far.
    pub fn requests(&self) -> usize {
        self.inner.borrow().requests
    }

    /// The current update sequence.
    pub fn seq(&self) -> u64 {
        self.inner.borrow().seq
    }

    /// Every document id held, sorted.
    pub fn ids(&self) -> Vec<String> {
        self.inner.borrow().docs.keys().cloned().collect()
    }

    /// A document as stored (with `_id` and `_rev`).
    pub fn doc(&self, id: &str) -> Option<Value> {
        self.inner.borrow().docs.get(id).map(|(_, d)| d.clone())
    }

    /// Every `_changes` row id from the start, in sequence order (each id once).
    pub fn feed_ids(&self) -> Vec<String> {
        self.inner.borrow().by_seq.values().cloned().collect()
    }

    /// Store a raw document as is (bypassing validation), as an attacker or a
    /// broken client would; replaces any document with that id. For tests.
    pub fn put_raw(&self, mut doc: Value) {
        let mut inner = self.inner.borrow_mut();
        let id = doc["_id"].as_str().unwrap_or_default().to_string();
        let replaced = inner.docs.remove(&id).map(|(old, _)| {
            inner.by_seq.remove(&old);
        });
        inner.seq += 1;
        let seq = inner.seq;
        // A replaced document has a later generation, as on CouchDB.
        let generation = if replaced.is_some() { 2 } else { 1 };
        doc["_rev"] = Value::String(format!("{generation}-raw{seq}"));
        inner.by_seq.insert(seq, id.clone());
        inner.docs.insert(id, (seq, doc));
    }

    /// Take a backup.
    pub fn snapshot(&self) -> Snapshot {
        let inner = self.inner.borrow();
        Snapshot {
            docs: inner.docs.clone(),
            locals: inner.locals.clone(),
            seq: inner.seq,
        }
    }

    /// Restore a backup: documents and the update sequence go back to it.
    pub fn restore(&self, snapshot: &Snapshot) {
        let mut inner = self.inner.borrow_mut();
        inner.docs = snapshot.docs.clone();
        inner.locals = snapshot.locals.clone();
        inner.by_seq = inner
            .docs
            .iter()
            .map(|(id, (seq, _))| (*seq, id.clone()))
            .collect();
        inner.seq = snapshot.seq;
    }

    fn before(&self) -> Before {
        let mut inner = self.inner.borrow_mut();
        inner.requests += 1;
        let f = inner.faults.clone();
        let rng = &mut inner.rng;
        if rng.chance(f.drop_request) {
            Before::Fail(RemoteError::Network("request dropped".into()))
        } else if rng.chance(f.http_500) {
            Before::Fail(RemoteError::Http {
                status: 500,
                reason: "internal server error".into(),
            })
        } else if rng.chance(f.timeout) {
            if rng.below(2) == 0 {
                Before::Fail(RemoteError::Timeout)
            } else {
                Before::TimeoutAfter
            }
        } else {
            Before::Proceed
        }
    }

    fn store_docs(&self, docs: &[Value]) -> Vec<DocResult> {
        let mut inner = self.inner.borrow_mut();
        docs.iter()
            .map(|doc| {
                let id = doc["_id"].as_str().unwrap_or_default().to_string();
                let refused = inner.validate.and_then(|v| v(doc)).or_else(|| {
                    let (scope, user) = inner.rules.as_ref()?;
                    let now = inner.now_ms.unwrap_or_else(clock_ms);
                    server_check(doc, None, user, scope, now).err()
                });
                let status = if inner.docs.contains_key(&id) {
                    DocStatus::Conflict
                } else if let Some(reason) = refused {
                    DocStatus::Forbidden(reason)
                } else {
                    let mut doc = doc.clone();
                    let hash = doc["hash"].as_str().unwrap_or_default();
                    let rev = format!("1-{}", hash.get(..32).unwrap_or(hash));
                    doc["_rev"] = Value::String(rev);
                    inner.seq += 1;
                    let seq = inner.seq;
                    inner.by_seq.insert(seq, id.clone());
                    inner.docs.insert(id.clone(), (seq, doc));
                    DocStatus::Ok
                };
                DocResult { id, status }
            })
            .collect()
    }

    fn changes_page(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        let since: u64 = since.parse().map_err(|_| RemoteError::Http {
            status: 400,
            reason: format!("bad since {since:?}"),
        })?;
        let mut inner = self.inner.borrow_mut();
        let all: Vec<(u64, String)> = inner
            .by_seq
            .range(since + 1..)
            .map(|(s, id)| (*s, id.clone()))
            .collect();
        let page = &all[..all.len().min(limit)];
        let last_seq = page.last().map_or(inner.seq, |(s, _)| *s);
        let mut results: Vec<ChangeRow> = page
            .iter()
            .map(|(s, id)| ChangeRow {
                seq: s.to_string(),
                id: id.clone(),
                rev: inner
                    .docs
                    .get(id)
                    .and_then(|(_, d)| d["_rev"].as_str())
                    .unwrap_or_default()
                    .to_string(),
                doc: include_docs
                    .then(|| inner.docs.get(id).map(|(_, d)| d.clone()))
                    .flatten(),
            })
            .collect();
        let f = inner.faults.clone();
        if !results.is_empty() && inner.rng.chance(f.duplicate) {
            let n = 1 + inner.rng.below(results.len());
            for _ in 0..n {
                let i = inner.rng.below(results.len());
                results.push(results[i].clone());
            }
        }
        if inner.rng.chance(f.reorder) {
            inner.rng.shuffle(&mut results);
        }
        Ok(ChangesPage {
            results,
            last_seq: last_seq.to_string(),
            pending: Some((all.len() - page.len()) as u64),
        })
    }
}

impl Remote for MemoryRemote {
    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocResult>, RemoteError> {
        match self.before() {
            Before::Fail(e) => return Err(e),
            Before::TimeoutAfter => {
                self.store_docs(docs);
                return Err(RemoteError::Timeout);
            }
            Before::Proceed => {}
        }
        let results = self.store_docs(docs);
        let lost = {
            let mut inner = self.inner.borrow_mut();
            let p = inner.faults.drop_response;
            inner.rng.chance(p)
        };
        if lost {
            return Err(RemoteError::Network("response lost".into()));
        }
        Ok(results)
    }

    async fn changes(
        &self,
        since: &str,
        limit: usize,
        include_docs: bool,
    ) -> Result<ChangesPage, RemoteError> {
        match self.before() {
            Before::Fail(e) => Err(e),
            Before::TimeoutAfter => Err(RemoteError::Timeout),
            Before::Proceed => self.changes_page(since, limit, include_docs),
        }
    }

    async fn get_docs(&self, ids: &[String]) -> Result<Vec<Option<Value>>, RemoteError> {
        match self.before() {
            Before::Fail(e) => return Err(e),
            Before::TimeoutAfter => return Err(RemoteError::Timeout),
            Before::Proceed => {}
        }
        let inner = self.inner.borrow();
        Ok(ids
            .iter()
            .map(|id| inner.docs.get(id).map(|(_, d)| d.clone()))
            .collect())
    }

    async fn missing(&self, ids: &[String]) -> Result<Vec<String>, RemoteError> {
        match self.before() {
            Before::Fail(e) => return Err(e),
            Before::TimeoutAfter => return Err(RemoteError::Timeout),
            Before::Proceed => {}
        }
        let inner = self.inner.borrow();
        Ok(ids
            .iter()
            .filter(|id| !inner.docs.contains_key(*id))
            .cloned()
            .collect())
    }

    async fn get_checkpoint(&self, key: &str) -> Result<Option<String>, RemoteError> {
        match self.before() {
            Before::Fail(e) => return Err(e),
            Before::TimeoutAfter => return Err(RemoteError::Timeout),
            Before::Proceed => {}
        }
        Ok(self.inner.borrow().locals.get(key).cloned())
    }

    async fn put_checkpoint(&self, key: &str, seq: &str) -> Result<(), RemoteError> {
        let timeout = match self.before() {
            Before::Fail(e) => return Err(e),
            Before::TimeoutAfter => true,
            Before::Proceed => false,
        };
        self.inner
            .borrow_mut()
            .locals
            .insert(key.to_string(), seq.to_string());
        if timeout {
            return Err(RemoteError::Timeout);
        }
        Ok(())
    }
}

/// The real clock, UTC ms.
fn clock_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
}

/// Run a future that never waits (like every [`MemoryRemote`] call) to its end.
/// Panics if the future is pending: this is no executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("block_on: the future is pending (it is not an executor)"),
    }
}
