//! The phone's event store: the IndexedDB database `jishi`. Object store `events`
//! holds single records (key = the event id, value = its canonical JSON text, exactly
//! as stored before); object store `pages` holds records packed by the thousand
//! (`store::page`: one value a page, UTF-8 bytes). Browser only. Written through `web-sys` directly (see ARCHITECTURE.md for why no
//! wrapper crate).
//!
//! Architecture invariant: a transaction issues all its requests at once and then
//! awaits only its own requests or its end: IndexedDB commits a transaction as soon as
//! the event loop goes idle with no request pending, so any other `.await` inside one
//! would end it early. Every write is one transaction: all of it is stored, or none.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::local::{classify, js_error};
use super::page::{Page, StoredRecord};
use super::{Entry, StoreError};

/// Name of the database.
pub const DATABASE: &str = "jishi";
/// Name of the object store of events.
pub const EVENTS: &str = "events";
/// Name of the object store of pages of records.
pub const PAGES: &str = "pages";
/// Schema version of the database (2: pages added).
pub const VERSION: u32 = 2;

/// An open IndexedDB database holding the events.
#[derive(Clone, Debug)]
pub struct IdbLog {
    db: IdbDatabase,
}

impl IdbLog {
    /// Open (and on first use create) the database.
    pub async fn open() -> Result<IdbLog, StoreError> {
        let factory = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .indexed_db()
            .map_err(|e| classify(&e))?
            .ok_or_else(|| StoreError::Unavailable("IndexedDB is disabled".into()))?;
        let request = factory
            .open_with_u32(DATABASE, VERSION)
            .map_err(|e| classify(&e))?;
        let upgrade = {
            let request = request.clone();
            Closure::<dyn FnMut()>::new(move || create_stores(&request))
        };
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = opened(&request).await;
        request.set_onupgradeneeded(None);
        request.set_onblocked(None);
        let db: IdbDatabase = opened?
            .dyn_into()
            .map_err(|_| StoreError::Unavailable("IndexedDB returned no database".into()))?;
        // A newer version of the app opening the database in another tab: let it.
        let close = {
            let db = db.clone();
            Closure::<dyn FnMut()>::new(move || db.close())
        };
        db.set_onversionchange(Some(close.as_ref().unchecked_ref()));
        close.forget();
        Ok(IdbLog { db })
    }

    /// Every stored record, pages and single records alike, in id order (a record
    /// stored twice, in a page and as a single, or in two pages, comes twice: those in
    /// pages first). Each page's digest is checked by the browser's own SHA-256
    /// (`crypto.subtle`, far faster than wasm's), once its transaction is over.
    ///
    /// Single records and the pages' keys are read in one transaction, then each page
    /// by its key in a second, a request each, so the browser brings each page in in a
    /// task of its own (all pages by one `getAll` took one task of 0.4 s with the CPU
    /// 4× slower, and the page could not answer a tap meanwhile). Pages are never
    /// deleted, so each key is still there; what another tab adds in between (a page
    /// packed from single records read in the first) was read already or is newer.
    pub async fn read_all(&self) -> Result<Vec<StoredRecord>, StoreError> {
        Ok(self.read_raw().await?.records().await)
    }

    /// [`IdbLog::read_all`] as read, not unpacked yet.
    pub async fn read_raw(&self) -> Result<RawLog, StoreError> {
        let tx = self
            .db
            .transaction_with_str_sequence(&stores_array())
            .map_err(|e| classify(&e))?;
        let store = |name| tx.object_store(name).map_err(|e| classify(&e));
        let (singles, pages) = (store(EVENTS)?, store(PAGES)?);
        let keys = settled(&singles.get_all_keys().map_err(|e| classify(&e))?);
        let values = settled(&singles.get_all().map_err(|e| classify(&e))?);
        let page_keys = settled(&pages.get_all_keys().map_err(|e| classify(&e))?);
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        let page_keys: Array = page_keys.await?.unchecked_into();
        let pages = self.pages(&page_keys).await?;
        let digests = digests(&pages).await;
        Ok(RawLog {
            page_keys,
            pages,
            digests,
            keys,
            values,
        })
    }

    /// The pages stored under `keys`, in their order: all requested at once in one
    /// transaction, each arriving on its own.
    async fn pages(&self, keys: &Array) -> Result<Vec<Uint8Array>, StoreError> {
        let tx = self
            .db
            .transaction_with_str(PAGES)
            .map_err(|e| classify(&e))?;
        let pages = tx.object_store(PAGES).map_err(|e| classify(&e))?;
        let mut pending = Vec::with_capacity(keys.length() as usize);
        for key in keys.iter() {
            pending.push(settled(&pages.get(&key).map_err(|e| classify(&e))?));
        }
        let mut out = Vec::with_capacity(pending.len());
        for page in pending {
            out.push(page_bytes(page.await?));
        }
        Ok(out)
    }

    /// The stored text of each id (`None` where nothing is stored), in the order asked.
    pub async fn read(&self, ids: &[String]) -> Result<Vec<Option<String>>, StoreError> {
        let store = self.singles_store()?;
        let mut pending = Vec::with_capacity(ids.len());
        for id in ids {
            let request = store
                .get(&JsValue::from_str(id))
                .map_err(|e| classify(&e))?;
            pending.push(settled(&request));
        }
        let mut out = Vec::with_capacity(pending.len());
        for result in pending {
            out.push(result.await?.as_string());
        }
        Ok(out)
    }

    /// Store entries whose ids are not stored yet, in one transaction: all of them or,
    /// when the transaction fails (storage full), none. An id already stored keeps
    /// what it holds (an event never changes); [`IdbLog::read`] tells what it is.
    pub async fn add(&self, entries: &[Entry]) -> Result<(), StoreError> {
        self.write(entries, &[]).await
    }

    /// [`IdbLog::add`] `fresh` and [`IdbLog::put`] `repairs`, in one transaction.
    pub async fn write(&self, fresh: &[Entry], repairs: &[Entry]) -> Result<(), StoreError> {
        self.write_all(Writes {
            fresh,
            repairs,
            ..Writes::default()
        })
        .await
    }

    /// Everything `writes` asks, in one transaction: all of it or none.
    pub async fn write_all(&self, writes: Writes<'_>) -> Result<(), StoreError> {
        if writes.is_empty() {
            return Ok(());
        }
        let tx = strict_transaction(&self.db).map_err(|e| classify(&e))?;
        let done = finished(&tx);
        // An id already held fails only its own request (ConstraintError); anything
        // else aborts the whole transaction.
        let keep_going = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
            let constraint = e
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
                .is_some_and(|d| d.name() == "ConstraintError");
            if constraint {
                e.prevent_default();
                e.stop_propagation();
            }
        });
        if let Err(e) = issue(&tx, &writes, &keep_going) {
            let _ = tx.abort();
            return Err(classify(&e));
        }
        let result = done.await;
        drop(keep_going);
        result
    }

    /// How many single records are stored (not counting those in pages).
    pub async fn singles(&self) -> Result<usize, StoreError> {
        let store = self.singles_store()?;
        let count = settled(&store.count().map_err(|e| classify(&e))?).await?;
        Ok(count.as_f64().unwrap_or_default() as usize)
    }

    /// Every single record (not those in pages) as (id, raw text), in id order.
    pub async fn read_singles(&self) -> Result<Vec<(String, String)>, StoreError> {
        let store = self.singles_store()?;
        let keys = settled(&store.get_all_keys().map_err(|e| classify(&e))?);
        let values = settled(&store.get_all().map_err(|e| classify(&e))?);
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        Ok(joined(&keys, &values).unwrap_or_else(|| one_by_one(&keys, &values)))
    }

    /// Store entries over whatever their ids hold, in one transaction: only to replace
    /// an entry that can't be read by the sound record with its id (a repair).
    pub async fn put(&self, entries: &[Entry]) -> Result<(), StoreError> {
        self.write(&[], entries).await
    }

    /// Remove every event (tests and benchmarks start from an empty phone).
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = strict_transaction(&self.db).map_err(|e| classify(&e))?;
        let done = finished(&tx);
        for name in [EVENTS, PAGES] {
            let store = tx.object_store(name).map_err(|e| classify(&e))?;
            store.clear().map_err(|e| classify(&e))?;
        }
        done.await
    }

    /// A read-only transaction over the single records.
    fn singles_store(&self) -> Result<IdbObjectStore, StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(EVENTS, IdbTransactionMode::Readonly)
            .map_err(|e| classify(&e))?;
        tx.object_store(EVENTS).map_err(|e| classify(&e))
    }
}

/// The names of both object stores, as IndexedDB takes them.
fn stores_array() -> Array {
    Array::of2(&EVENTS.into(), &PAGES.into())
}

/// `db.transaction(["events", "pages"], "readwrite", { durability: "strict" })`:
/// the transaction ends only once the browser has written it to disk (web-sys marks
/// the options argument unstable, so it is passed by hand).
fn strict_transaction(db: &IdbDatabase) -> Result<IdbTransaction, JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
    let transaction: Function = js_sys::Reflect::get(db, &"transaction".into())?.dyn_into()?;
    transaction
        .call3(db, &stores_array(), &"readwrite".into(), &options)?
        .dyn_into()
}

/// What one write transaction does.
#[derive(Default)]
pub struct Writes<'a> {
    /// Single records to add where their id holds nothing yet (an id held keeps what
    /// it holds).
    pub fresh: &'a [Entry],
    /// Single records to store over what their id holds (a repair).
    pub repairs: &'a [Entry],
    /// Pages to store, each under its key, which names its digest: what the key held
    /// is the same page or a damaged copy of it, never another page.
    pub pages: &'a [Page],
    /// Ids of single records to delete (those just packed into `pages`).
    pub delete: &'a [String],
}

impl Writes<'_> {
    fn is_empty(&self) -> bool {
        self.fresh.is_empty()
            && self.repairs.is_empty()
            && self.pages.is_empty()
            && self.delete.is_empty()
    }
}

/// Issue every request of `writes` in `tx`; `keep_going` lets a fresh record whose id
/// is held fail alone.
fn issue(
    tx: &IdbTransaction,
    writes: &Writes<'_>,
    keep_going: &Closure<dyn FnMut(web_sys::Event)>,
) -> Result<(), JsValue> {
    let singles = tx.object_store(EVENTS)?;
    for entry in writes.repairs {
        singles.put_with_key(&entry.json.as_str().into(), &entry.id.as_str().into())?;
    }
    for entry in writes.fresh {
        let request =
            singles.add_with_key(&entry.json.as_str().into(), &entry.id.as_str().into())?;
        request.set_onerror(Some(keep_going.as_ref().unchecked_ref()));
    }
    // A page's key names its digest: storing it over what its key holds writes the same
    // bytes (two tabs packing or importing the same records) or repairs a damaged copy,
    // never replaces another page.
    let pages = tx.object_store(PAGES)?;
    for page in writes.pages {
        let bytes = Uint8Array::from(page.bytes.as_slice());
        pages.put_with_key(&bytes, &page.key.as_str().into())?;
    }
    for id in writes.delete {
        singles.delete(&id.as_str().into())?;
    }
    Ok(())
}

/// A stored page's bytes (anything else stored there reads as no bytes, which no
/// digest matches).
pub(super) fn page_bytes(value: JsValue) -> Uint8Array {
    match value.dyn_into::<Uint8Array>() {
        Ok(bytes) => bytes,
        Err(_) => Uint8Array::new_with_length(0),
    }
}

/// The log as IndexedDB gives it (by [`IdbLog::read_raw`] or the worker that reads it
/// ahead, `store::read_ahead`), not unpacked yet.
pub struct RawLog {
    /// The pages' keys.
    pub page_keys: Array,
    /// The pages' bytes, in the order of their keys.
    pub pages: Vec<Uint8Array>,
    /// The SHA-256 of each page's body, where known (else checked in wasm).
    pub digests: Vec<Option<Vec<u8>>>,
    /// The single records' keys.
    pub keys: Array,
    /// The single records' stored texts.
    pub values: Array,
}

impl RawLog {
    /// Every record, in id order: the pages' unpacked, then the single ones. A page a
    /// turn: 50 pages unpacked at once kept the first screen from answering for 0.7 s
    /// with the CPU 4× slower.
    pub async fn records(self) -> Vec<StoredRecord> {
        let mut all = Vec::new();
        let digests = self.digests.into_iter().chain(std::iter::repeat(None));
        for ((key, page), digest) in self.page_keys.iter().zip(self.pages).zip(digests) {
            let key = key.as_string().unwrap_or_default();
            let page = page.to_vec();
            let sealed = Page::sealed(&page, digest.as_deref());
            Page::unpack(&key, page, sealed, &mut all);
            crate::timing::next_tick().await;
        }
        let (keys, values) = (&self.keys, &self.values);
        let singles = joined(keys, values).unwrap_or_else(|| one_by_one(keys, values));
        all.extend(singles.into_iter().map(|(id, text)| StoredRecord {
            id,
            text,
            sealed: false,
        }));
        crate::domain::sorting::sort_by(&mut all, |a, b| a.id.cmp(&b.id));
        all
    }
}

/// The SHA-256 of each page's body, by `crypto.subtle.digest` (all at once); `None`
/// for each where the browser has none (not a secure context) or it failed: the page's
/// digest is then checked in wasm.
async fn digests(pages: &[Uint8Array]) -> Vec<Option<Vec<u8>>> {
    let subtle = Reflect::get(&js_sys::global(), &"crypto".into())
        .and_then(|crypto| Reflect::get(&crypto, &"subtle".into()));
    let digest = subtle.as_ref().ok().and_then(|subtle| {
        let digest = Reflect::get(subtle, &"digest".into()).ok()?;
        Some((subtle.clone(), digest.dyn_into::<Function>().ok()?))
    });
    let Some((subtle, digest)) = digest.filter(|(s, _)| !s.is_undefined()) else {
        return vec![None; pages.len()];
    };
    let skip = Page::body_start() as u32;
    let pending: Vec<Option<JsFuture>> = pages
        .iter()
        .map(|bytes| {
            let body = bytes.subarray(skip.min(bytes.length()), bytes.length());
            let promise = digest.call2(&subtle, &"SHA-256".into(), &body).ok()?;
            Some(JsFuture::from(promise.dyn_into::<Promise>().ok()?))
        })
        .collect();
    let mut out = Vec::with_capacity(pending.len());
    for future in pending {
        let done = match future {
            Some(future) => future.await.ok(),
            None => None,
        };
        out.push(done.map(|buffer| Uint8Array::new(&buffer).to_vec()));
    }
    out
}

/// Keys and values brought into wasm as two strings, one line per entry: one
/// conversion each instead of one per entry (10,000 conversions cost ~1 s on a phone).
/// `None` when a line break inside a value (never in a record this app wrote) would
/// misalign them.
fn joined(keys: &Array, values: &Array) -> Option<Vec<(String, String)>> {
    let count = keys.length() as usize;
    if count == 0 {
        return Some(Vec::new());
    }
    let keys = String::from(keys.join("\n"));
    let values = String::from(values.join("\n"));
    let pairs: Vec<(String, String)> = keys
        .split('\n')
        .zip(values.split('\n'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let aligned = pairs.len() == count
        && keys.split('\n').count() == count
        && values.split('\n').count() == count;
    aligned.then_some(pairs)
}

/// Keys and values brought into wasm one entry at a time.
fn one_by_one(keys: &Array, values: &Array) -> Vec<(String, String)> {
    keys.iter()
        .zip(values.iter())
        .map(|(k, v)| {
            let raw = v.as_string().unwrap_or_default();
            (k.as_string().unwrap_or_default(), raw)
        })
        .collect()
}

/// Create the object stores a database of an older schema (or a new one) lacks.
fn create_stores(request: &IdbOpenDbRequest) {
    let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
        return;
    };
    for name in [EVENTS, PAGES] {
        if !db.object_store_names().contains(name) {
            let _ = db.create_object_store(name);
        }
    }
}

/// The result of a request, once it succeeded or failed. Its handlers are attached
/// at once, before anything is awaited, so no event is missed.
fn settled(request: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, StoreError>> {
    let future = JsFuture::from(settled_promise(request));
    async move { future.await.map_err(|e| failure(&e)) }
}

/// What a blocked open rejects with.
const BLOCKED: &str = "blocked";

/// The database an open request gives, or why not. Blocked (a tab of an older version
/// holds the database open and does not let it upgrade) is an error at once, so the
/// app opens on localStorage with a banner instead of waiting for ever.
async fn opened(request: &IdbOpenDbRequest) -> Result<JsValue, StoreError> {
    let blocked = Promise::new(&mut |_resolve: Function, reject: Function| {
        let on_blocked = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::UNDEFINED, &BLOCKED.into());
        });
        request.set_onblocked(Some(on_blocked.unchecked_ref()));
    });
    let first = Promise::race(&Array::of2(&settled_promise(request), &blocked));
    match JsFuture::from(first).await {
        Ok(db) => Ok(db),
        Err(e) if e.as_string().as_deref() == Some(BLOCKED) => Err(StoreError::Unavailable(
            "另一个纪实页面正占用本机数据库，请关闭其他纪实页面 / another Jishi tab holds the database open; close the other Jishi tabs".into(),
        )),
        Err(e) => Err(failure(&e)),
    }
}

/// [`settled`] as a promise.
fn settled_promise(request: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve: Function, reject: Function| {
        let (ok, failed) = (request.clone(), request.clone());
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &ok.result().unwrap_or_default());
        });
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from);
            let _ = reject.call1(&JsValue::UNDEFINED, &error.unwrap_or_default());
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// The end of a transaction: committed, or aborted with its error (handlers attached
/// at once).
fn finished(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let aborted = tx.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = aborted.error().map(JsValue::from);
            let _ = reject.call1(&JsValue::UNDEFINED, &error.unwrap_or_default());
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    let future = JsFuture::from(promise);
    async move { future.await.map(drop).map_err(|e| failure(&e)) }
}

/// A request's or transaction's error as a store error.
fn failure(e: &JsValue) -> StoreError {
    if e.is_undefined() || e.is_null() {
        return StoreError::Unavailable("IndexedDB transaction aborted".into());
    }
    match classify(e) {
        StoreError::Unavailable(_) => StoreError::Unavailable(js_error(e)),
        quota => quota,
    }
}
