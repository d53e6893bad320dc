//! The log's IndexedDB part read ahead by a worker (`read_ahead.js`), started as the
//! app starts: IndexedDB's reading and each page's digest (a third of the time to read
//! a county's log, CPU 4× slower) run off the page's thread while the page waits for
//! its start chunk and draws the home page's copy, and the pages' bytes are moved to
//! the page, not copied. The worker runs only once the page's thread yields, so it is
//! ahead by as much as those waits last (with neither, it still reads in parallel with
//! the page's own opening of the store). [`BrowserStore::read`](super::browser::BrowserStore::read)
//! takes what it read; if the worker could not read it (no worker, a database to
//! create or upgrade, blocked, any error, no answer within [`WAIT_MS`]), the store
//! reads the log itself, as before.
//!
//! Architecture invariant: the log is read as one snapshot, in the order that hides no
//! record: the log's stamp first (`Loaded::stamp`), then the records waiting in
//! localStorage, then IndexedDB (the worker starts after both). A record only ever
//! moves from localStorage into IndexedDB, so one moved in between is in the first
//! read or in the second, never in neither.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::indexed::{self, RawLog, DATABASE, EVENTS, PAGES};
use super::local::LocalStore;
use super::page::Page;
use super::EventStore;

/// The body of the function that starts the worker (`read_ahead.js`).
const READ_AHEAD_JS: &str = include_str!("read_ahead.js");

/// How long the store waits for the worker's answer once it asks for it, in ms: it
/// reads a county's log in a fraction of a second; one that never answers (a browser
/// fault) must not keep the app from opening.
const WAIT_MS: u32 = 10_000;

thread_local! {
    /// The read started by [`start`], until the store takes it.
    static AHEAD: RefCell<Option<ReadAhead>> = const { RefCell::new(None) };
}

/// The log as read ahead ([`ReadAhead::read`]).
pub struct Ahead {
    /// The log's stamp, read first (`""` when there is none).
    pub stamp: String,
    /// IndexedDB's part, as the worker read it.
    pub log: RawLog,
    /// The records waiting in localStorage before the worker read: (id, text).
    pub local_entries: Vec<(String, String)>,
}

/// A read of the log under way: what was read on the page's thread before the worker
/// started, and the worker to ask for the rest.
pub struct ReadAhead {
    /// The log's stamp, read first (`""` when there is none).
    stamp: String,
    /// The records waiting in localStorage: (id, text).
    local_entries: Vec<(String, String)>,
    /// The worker's handle: `take()` its answer, or `end()` it.
    worker: JsValue,
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        let _ = call(&self.worker, "end");
    }
}

/// Start reading the log ahead: read the stamp and localStorage's records now, and
/// start the worker on IndexedDB. Nothing happens if localStorage can't be opened or
/// the worker can't be started (the store then reads everything itself).
pub fn start() {
    let Ok(local) = LocalStore::open() else {
        return;
    };
    let stamp = local.get_meta(super::LOG_STAMP).unwrap_or_default();
    let local_entries = local.event_entries();
    let Some(worker) = spawn() else {
        return;
    };
    let ahead = ReadAhead {
        stamp,
        local_entries,
        worker,
    };
    AHEAD.with(|a| *a.borrow_mut() = Some(ahead));
}

/// The read started by [`start`], once (a later read of the store reads anew).
pub fn take() -> Option<ReadAhead> {
    AHEAD.with(|a| a.borrow_mut().take())
}

/// The worker, asked to read; `None` if it can't be started.
fn spawn() -> Option<JsValue> {
    let params = "database, version, singles, pages, skip, wait";
    let spawn = Function::new_with_args(params, READ_AHEAD_JS);
    let args = Array::of3(&DATABASE.into(), &indexed::VERSION.into(), &EVENTS.into());
    for arg in [
        PAGES.into(),
        (Page::body_start() as u32).into(),
        WAIT_MS.into(),
    ] {
        args.push(&arg);
    }
    spawn.apply(&JsValue::NULL, &args).ok()
}

impl ReadAhead {
    /// The log as read ahead; `None` if the worker could not read it. The worker is
    /// ended once it answers (or is late), its connection to the database closed.
    pub async fn read(mut self) -> Option<Ahead> {
        let answer = call(&self.worker, "take")?
            .dyn_into::<js_sys::Promise>()
            .ok()?;
        let data = JsFuture::from(answer).await.ok()?;
        if !field(&data, "failed").is_undefined() {
            return None;
        }
        let array = |name| field(&data, name).dyn_into::<Array>().ok();
        let digests: Vec<Option<Vec<u8>>> = array("digests")?
            .iter()
            .map(|d| {
                d.dyn_ref::<ArrayBuffer>()
                    .map(|b| Uint8Array::new(b).to_vec())
            })
            .collect();
        let log = RawLog {
            page_keys: array("pageKeys")?,
            pages: array("pages")?.iter().map(indexed::page_bytes).collect(),
            digests,
            keys: array("keys")?,
            values: array("values")?,
        };
        Some(Ahead {
            stamp: std::mem::take(&mut self.stamp),
            log,
            local_entries: std::mem::take(&mut self.local_entries),
        })
    }
}

/// Call the method `name` of `object`; `None` if it has none or it throws.
fn call(object: &JsValue, name: &str) -> Option<JsValue> {
    let method = field(object, name).dyn_into::<Function>().ok()?;
    method.call0(object).ok()
}

/// A member of a JavaScript object (`undefined` if absent).
fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}
