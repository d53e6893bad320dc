//! The app's store in the browser: the log lives in IndexedDB (`indexed`); a new record
//! is first written to localStorage (`local`), synchronously, and moved into IndexedDB
//! right after by the [`Mover`].
//!
//! Why two: localStorage writes at once, so a command is stored before its events reach
//! the state and a full storage refuses it whole before anything changes, with no
//! `await` in any form; IndexedDB holds far more (localStorage refuses the ~9,575th
//! event). The move is the same code that carries a phone's log over from versions that
//! kept it in localStorage.
//!
//! Architecture invariant: an entry leaves localStorage only after IndexedDB holds the
//! very same text under its id, read back after its transaction committed; until then
//! it is loaded from localStorage. An interruption anywhere loses nothing.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::indexed::{IdbLog, Writes};
use super::later::{decode_exact, decode_record, LaterRecord};
use super::local::{LocalStore, EVENT_PREFIX};
use super::page::{Page, StoredRecord, PAGE_SIZE};
use super::{decode, Entry, EventStore, Loaded, Quarantined, StoreError, DAMAGED_COPY, DIFFERS};
use crate::domain::record::Decoded;

/// How many records are decoded a turn while the store opens: about 40 ms with the
/// CPU 4× slower (the first screen, drawn from its copy, keeps answering taps).
const DECODE_TURN: usize = 2_000;

/// What decoding a record costs against [`DECODE_TURN`], counting a record held back for
/// later (`store::later`: its kind read from its text, no more) as one.
const DECODED_COST: usize = 8;

/// The browser store the ledger uses: what was loaded at start, localStorage for new
/// records and meta values.
pub struct BrowserStore {
    local: LocalStore,
    loaded: Option<Loaded>,
}

/// What opening the browser store found.
pub struct Opened {
    /// The store, its log loaded.
    pub store: BrowserStore,
    /// Moves new records into IndexedDB; `None` when IndexedDB is unavailable (the log
    /// then stays in localStorage, as before).
    pub mover: Option<Mover>,
    /// Records moved from localStorage into IndexedDB while opening.
    pub moved: usize,
    /// IndexedDB could not be opened or read: what is shown may be incomplete.
    pub problem: Option<StoreError>,
}

/// The store read but not decoded ([`BrowserStore::read`]): decoding is the start
/// chunk's work in the app (`ui::chunks`), so the first load carries no record decoder.
pub struct Unread {
    local: LocalStore,
    idb: Option<IdbLog>,
    stored: Vec<StoredRecord>,
    local_entries: Vec<(String, String)>,
    stamp: Option<String>,
    moved: usize,
    problem: Option<StoreError>,
}

/// How the store tells a sound record from damage. Given by the code that decodes
/// records (in the app the start chunk): the store's own first-load code never
/// decodes one.
#[derive(Clone, Copy)]
pub struct RecordCheck {
    /// Whether a stored text is a sound record stored under exactly the id given.
    pub sound_under: fn(&str, &str) -> bool,
    /// Whether a stored text is no sound record at all, whatever key it is under.
    pub unreadable: fn(&str) -> bool,
}

impl RecordCheck {
    /// The checks, by decoding.
    pub fn decoding() -> RecordCheck {
        RecordCheck {
            sound_under: |id, raw| decode_exact(id, id, raw).is_ok(),
            unreadable,
        }
    }

    /// Whether `raw` (waiting in localStorage under `id`) is a sound record where
    /// IndexedDB holds something that can't be read (`held`): it may replace it. A
    /// sound record stored under another key is not damage and is never replaced.
    fn repairs_damage(&self, id: &str, held: &str, raw: &str) -> bool {
        (self.unreadable)(held) && (self.sound_under)(id, raw)
    }
}

/// Where a [`Mover`] gets its [`RecordCheck`] when a run needs one (a possible repair,
/// a page's worth to pack): asked only then. `None` (the chunk that has it can't be
/// fetched now): the run moves every other record, and repairs and packs on a later run.
pub type Checks = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Option<RecordCheck>>>>>;

/// [`Checks`] that always have the check at hand (tests; `BrowserStore::open`).
pub fn checks_at_hand() -> Checks {
    Rc::new(|| Box::pin(async { Some(RecordCheck::decoding()) }))
}

impl BrowserStore {
    /// Open IndexedDB, move into it whatever localStorage still holds (records of
    /// older versions, or written just before the phone was closed), and load the log:
    /// [`BrowserStore::read`] with every check at hand, then [`Unread::decode`].
    pub async fn open() -> Result<Opened, StoreError> {
        let checks = checks_at_hand();
        let unread = BrowserStore::read(Some(&checks)).await?;
        Ok(unread.decode(checks).await)
    }

    /// Open IndexedDB, move into it whatever localStorage holds, and read the log
    /// without decoding it. The log's IndexedDB part is the one the read-ahead worker
    /// read ([`super::read_ahead`]) when it could, or is read now. Without `checks`, an
    /// IndexedDB entry that can't be read is not replaced now by the sound record of
    /// its id waiting in localStorage (that record is loaded in its place, and the
    /// [`Mover`]'s first run repairs it).
    pub async fn read(checks: Option<&Checks>) -> Result<Unread, StoreError> {
        let local = LocalStore::open()?;
        // Taken before this page opens the database: the worker's connection is closed
        // by then, so neither ever waits for the other.
        let ahead = match super::read_ahead::take() {
            Some(ahead) => ahead.read().await,
            None => None,
        };
        // Read before the log (none yet reads as ""): see `Loaded::stamp`.
        let stamp = match &ahead {
            Some(ahead) => ahead.stamp.clone(),
            None => local.get_meta(super::LOG_STAMP).unwrap_or_default(),
        };
        let idb = match IdbLog::open().await {
            Ok(idb) => idb,
            // Nothing is moved; the log as the worker read it still stands.
            Err(e) => {
                let log = match ahead {
                    Some(ahead) => (ahead.log.records().await, ahead.local_entries),
                    None => (Vec::new(), local.event_entries()),
                };
                return Ok(Unread::without_indexed_db(local, stamp, log, e));
            }
        };
        // Not moved now (storage full, say): still loaded from localStorage below.
        let moved = move_records(&local, &idb, checks).await.unwrap_or(0);
        // Read ahead, or read now; either way localStorage's records before IndexedDB's
        // (see `read_ahead`: a record another tab moves meanwhile is in one read or the
        // other, never in neither).
        let (log, local_entries) = match ahead {
            Some(ahead) => {
                crate::timing::mark(crate::timing::READ_AHEAD);
                (Ok(ahead.log), ahead.local_entries)
            }
            None => {
                let local_entries = local.event_entries();
                (idb.read_raw().await, local_entries)
            }
        };
        let stored = match log {
            Ok(log) => log.records().await,
            // IndexedDB that can't be read: the phone goes on with localStorage.
            Err(e) => {
                let log = (Vec::new(), local.event_entries());
                return Ok(Unread::without_indexed_db(local, stamp, log, e));
            }
        };
        crate::timing::mark(crate::timing::READ);
        Ok(Unread {
            local,
            idb: Some(idb),
            stored,
            local_entries,
            stamp: Some(stamp),
            moved,
            problem: None,
        })
    }

    fn new(local: LocalStore, loaded: Loaded) -> Self {
        BrowserStore {
            local,
            loaded: Some(loaded),
        }
    }
}

impl Unread {
    /// The log as read without IndexedDB, which could not be opened or read (`e`):
    /// `log` is what the read-ahead worker read of it before (or nothing) and the
    /// records waiting in localStorage. The phone goes on with them, as versions before
    /// IndexedDB did with localStorage, moves nothing, and says that what is shown may
    /// be incomplete.
    fn without_indexed_db(
        local: LocalStore,
        stamp: String,
        log: (Vec<StoredRecord>, Vec<(String, String)>),
        e: StoreError,
    ) -> Unread {
        let (stored, local_entries) = log;
        Unread {
            local_entries,
            local,
            idb: None,
            stored,
            stamp: Some(stamp),
            moved: 0,
            problem: Some(StoreError::Incomplete(format!(
                "IndexedDB: {}",
                e.message(false)
            ))),
        }
    }

    /// The store of a log that holds no record at all (a new phone): nothing to
    /// decode. A log that holds any comes back to be decoded ([`Unread::decode`]).
    pub fn without_records(self, checks: Checks) -> Result<Opened, Unread> {
        if !self.stored.is_empty() || !self.local_entries.is_empty() {
            return Err(self);
        }
        let loaded = Loaded {
            stamp: self.stamp.clone(),
            ..Loaded::default()
        };
        Ok(self.opened(loaded, checks))
    }

    /// Decode the log, a part each turn of the browser ([`Merging`]).
    pub async fn decode(mut self, checks: Checks) -> Opened {
        let stored = std::mem::take(&mut self.stored);
        let local_entries = std::mem::take(&mut self.local_entries);
        let mut merging = Merging::new(stored, local_entries);
        while !merging.step(DECODE_TURN) {
            crate::timing::next_tick().await;
        }
        let mut loaded = merging.finish();
        loaded.stamp = self.stamp.take();
        crate::timing::mark(crate::timing::DECODED);
        self.opened(loaded, checks)
    }

    fn opened(self, loaded: Loaded, checks: Checks) -> Opened {
        let Unread {
            local,
            idb,
            moved,
            problem,
            ..
        } = self;
        Opened {
            store: BrowserStore::new(local.clone(), loaded),
            mover: idb.map(|idb| Mover::new(local, idb, checks)),
            moved,
            problem,
        }
    }
}

impl EventStore for BrowserStore {
    /// What was loaded at start (once; the ledger keeps it from then on).
    fn load(&mut self) -> Loaded {
        self.loaded.take().unwrap_or_default()
    }
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        self.local.append(entries)
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        self.local.get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.local.set_meta(key, value)
    }
}

/// The log as loaded: every entry of IndexedDB (in id order, as `read_all` gives
/// them), then those of localStorage it does not hold. A localStorage entry whose id
/// IndexedDB holds with other text is kept aside (quarantined), never folded — unless
/// IndexedDB's can't be read and it can: then it is the record (the move repairs
/// IndexedDB).
pub fn merge(stored: Vec<StoredRecord>, local: Vec<(String, String)>) -> Loaded {
    let mut merging = Merging::new(stored, local);
    while !merging.step(usize::MAX) {}
    merging.finish()
}

/// [`merge`] a part at a time: the records are decoded by [`Merging::step`], so a
/// large log is decoded over several turns of the browser.
pub struct Merging {
    loaded: Loaded,
    stored: std::vec::IntoIter<StoredRecord>,
    /// localStorage's sound records for ids whose IndexedDB entry can't be read.
    repairs: std::collections::BTreeMap<String, String>,
    /// localStorage's records IndexedDB does not hold: (key, text).
    extra: std::vec::IntoIter<(String, String)>,
}

impl Merging {
    /// Compare the two stores' records (nothing decoded yet, but for conflicts).
    pub fn new(stored: Vec<StoredRecord>, local: Vec<(String, String)>) -> Merging {
        let check = RecordCheck::decoding();
        let mut loaded = Loaded::default();
        loaded.events.reserve(stored.len() + local.len());
        let stored = once_each(stored, &mut loaded.quarantined);
        let mut repairs = std::collections::BTreeMap::new();
        let mut extra = Vec::new();
        for (id, raw) in local {
            let key = format!("{EVENT_PREFIX}{id}");
            match stored.binary_search_by(|held| held.id.as_str().cmp(&id)) {
                Ok(i) if stored[i].text == raw => {}
                Ok(i) if check.repairs_damage(&stored[i].id, &stored[i].text, &raw) => {
                    repairs.insert(id, raw);
                }
                Ok(_) => loaded.quarantined.push(Quarantined {
                    key,
                    raw,
                    reason: DIFFERS.into(),
                }),
                Err(_) => extra.push((key, raw)),
            }
        }
        Merging {
            loaded,
            stored: stored.into_iter(),
            repairs,
            extra: extra.into_iter(),
        }
    }

    /// Decode up to `limit` more records; true once all are. A record held back for
    /// later (`store::later`) is only looked at: [`DECODED_COST`] of them count as one.
    pub fn step(&mut self, limit: usize) -> bool {
        let mut left = limit.max(1).saturating_mul(DECODED_COST);
        while left > 0 {
            let Some(mut record) = self.stored.next() else {
                break;
            };
            if let Some(sound) = self.repairs.remove(&record.id) {
                (record.text, record.sealed) = (sound, false);
            }
            let cost = match LaterRecord::stored(record) {
                Ok(later) => self.hold_back(later),
                Err(record) => self.add(decode_record(record)),
            };
            left = left.saturating_sub(cost);
        }
        while left > 0 {
            let Some((key, raw)) = self.extra.next() else {
                break;
            };
            let cost = match LaterRecord::local(key, raw) {
                Ok(later) => self.hold_back(later),
                Err((key, raw)) => self.add(decode(&key, &raw)),
            };
            left = left.saturating_sub(cost);
        }
        self.stored.len() == 0 && self.extra.len() == 0
    }

    /// Keep a record for later; what it cost.
    fn hold_back(&mut self, later: LaterRecord) -> usize {
        self.loaded.later.push(later);
        1
    }

    /// Keep a decoded record; what it cost.
    fn add(&mut self, decoded: Result<Decoded, Quarantined>) -> usize {
        self.loaded.add(decoded);
        DECODED_COST
    }

    /// How many records are left to decode.
    pub fn left(&self) -> usize {
        self.stored.len() + self.extra.len()
    }

    /// What was loaded (any records left are decoded now).
    pub fn finish(mut self) -> Loaded {
        while !self.step(usize::MAX) {}
        self.loaded
    }
}

/// IndexedDB's entries (in id order) with each id once. An id stored more than once
/// (in a page and as a single record: a pack cut short by another tab) keeps its first
/// sound text; a copy with other text is kept aside, as damaged if it can't be read,
/// else as differing; an identical one is dropped.
fn once_each(stored: Vec<StoredRecord>, aside: &mut Vec<Quarantined>) -> Vec<StoredRecord> {
    let mut out: Vec<StoredRecord> = Vec::with_capacity(stored.len());
    let mut copies: Vec<StoredRecord> = Vec::new();
    for record in stored {
        match out.last() {
            Some(last) if last.id == record.id => copies.push(record),
            _ => out.push(record),
        }
    }
    for copy in copies {
        let Ok(i) = out.binary_search_by(|held| held.id.cmp(&copy.id)) else {
            continue;
        };
        if out[i].text == copy.text {
            continue;
        }
        let taken = &mut out[i];
        if unreadable(&taken.text) && decode_exact(&copy.id, &copy.id, &copy.text).is_ok() {
            let damaged = std::mem::replace(taken, copy);
            aside.push(aside_copy(&damaged.id, damaged.text, DAMAGED_COPY));
        } else if unreadable(&copy.text) {
            aside.push(aside_copy(&copy.id, copy.text, DAMAGED_COPY));
        } else {
            aside.push(aside_copy(&copy.id, copy.text, DIFFERS));
        }
    }
    out
}

/// A copy of the record `id` whose text differs from the one taken, and why.
fn aside_copy(id: &str, raw: String, reason: &str) -> Quarantined {
    Quarantined {
        key: id.to_string(),
        raw,
        reason: reason.into(),
    }
}

/// Whether a stored text is no sound record at all, whatever key it is under.
pub fn unreadable(text: &str) -> bool {
    crate::domain::record::decode_stored(text).is_err()
}

/// Move every record localStorage holds into IndexedDB: add them (one transaction),
/// read them back, and remove from localStorage each one IndexedDB now holds with the
/// same text. An entry IndexedDB holds but can't read is replaced by the sound record
/// of its id (a repair); other differences stay where they are. Returns how many
/// were moved.
pub async fn move_to_indexed(local: &LocalStore, idb: &IdbLog) -> Result<usize, StoreError> {
    move_records(local, idb, Some(&checks_at_hand())).await
}

/// [`move_to_indexed`], asking `checks` for the record check only when an IndexedDB
/// entry differs from the record waiting for its id (a possible repair): without one,
/// that record stays in localStorage for a later move; every other record moves.
async fn move_records(
    local: &LocalStore,
    idb: &IdbLog,
    checks: Option<&Checks>,
) -> Result<usize, StoreError> {
    let held = local.event_entries();
    if held.is_empty() {
        return Ok(0);
    }
    let entries: Vec<Entry> = held
        .iter()
        .map(|(id, raw)| Entry {
            id: id.clone(),
            json: raw.clone(),
        })
        .collect();
    idb.add(&entries).await?;
    let ids: Vec<String> = held.iter().map(|(id, _)| id.clone()).collect();
    let back = idb.read(&ids).await?;
    let mut moved = remove_held(local, &entries, &back);
    let differing: Vec<(&Entry, &String)> = entries
        .iter()
        .zip(&back)
        .filter_map(|(e, stored)| stored.as_ref().filter(|s| **s != e.json).map(|s| (e, s)))
        .collect();
    // Asked for only now, every other record moved, with no IndexedDB transaction open.
    let check = match (differing.is_empty(), checks) {
        (false, Some(checks)) => checks().await,
        _ => None,
    };
    let repairs: Vec<Entry> = differing
        .into_iter()
        .filter(|(e, stored)| check.is_some_and(|c| c.repairs_damage(&e.id, stored, &e.json)))
        .map(|(e, _)| e.clone())
        .collect();
    if !repairs.is_empty() {
        idb.put(&repairs).await?;
        let ids: Vec<String> = repairs.iter().map(|e| e.id.clone()).collect();
        moved += remove_held(local, &repairs, &idb.read(&ids).await?);
    }
    Ok(moved)
}

/// Remove from localStorage each of `entries` that IndexedDB holds with the very same
/// text (`stored`, read back after its transaction committed); returns how many.
fn remove_held(local: &LocalStore, entries: &[Entry], stored: &[Option<String>]) -> usize {
    let mut removed = 0;
    for (e, stored) in entries.iter().zip(stored) {
        if stored.as_deref() == Some(e.json.as_str()) {
            local.remove_event(&e.id);
            removed += 1;
        }
    }
    removed
}

/// Pack the sound single records IndexedDB holds into pages of [`PAGE_SIZE`], once
/// that many wait: each page is added and its records deleted as singles in one
/// transaction, so a record is in a page, or a single, or (a pack by another tab at
/// the same time) both, never neither. Fewer than a page's worth stay single; so do
/// those that can't be read (a repair replaces them). Returns how many were packed.
pub async fn pack(idb: &IdbLog) -> Result<usize, StoreError> {
    pack_with(idb, RecordCheck::decoding()).await
}

/// [`pack`], telling sound records by `check`.
async fn pack_with(idb: &IdbLog, check: RecordCheck) -> Result<usize, StoreError> {
    if idb.singles().await? < PAGE_SIZE {
        return Ok(0);
    }
    let sound: Vec<Entry> = idb
        .read_singles()
        .await?
        .into_iter()
        .filter(|(id, raw)| (check.sound_under)(id, raw))
        .map(|(id, json)| Entry { id, json })
        .filter(Page::fits)
        .collect();
    let packed = &sound[..sound.len() / PAGE_SIZE * PAGE_SIZE];
    if packed.is_empty() {
        return Ok(0);
    }
    let delete: Vec<String> = packed.iter().map(|e| e.id.clone()).collect();
    idb.write_all(Writes {
        pages: &Page::all_of(packed),
        delete: &delete,
        ..Writes::default()
    })
    .await?;
    Ok(packed.len())
}

/// Runs [`move_to_indexed`], then [`pack`], after writes, one run at a time; a write
/// during a run asks for one more run.
#[derive(Clone)]
pub struct Mover {
    local: LocalStore,
    idb: IdbLog,
    /// The record check a repair or a pack needs, when a run needs it.
    checks: Checks,
    phase: Rc<Cell<Phase>>,
    /// Told the outcome of each run (an error, or `None` once a run succeeds).
    report: Rc<Cell<Option<Report>>>,
}

/// What a [`Mover`] tells after each run.
type Report = Rc<dyn Fn(Option<StoreError>)>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Running,
    RunAgain,
}

impl Mover {
    fn new(local: LocalStore, idb: IdbLog, checks: Checks) -> Self {
        Mover {
            local,
            idb,
            checks,
            phase: Rc::new(Cell::new(Phase::Idle)),
            report: Rc::new(Cell::new(None)),
        }
    }

    /// The IndexedDB log (import writes to it directly).
    pub fn indexed(&self) -> &IdbLog {
        &self.idb
    }

    /// Tell `report` the outcome of every run from now on.
    pub fn on_report(&self, report: impl Fn(Option<StoreError>) + 'static) {
        self.report.set(Some(Rc::new(report)));
    }

    /// Move what localStorage holds, now or right after the run under way.
    pub fn kick(&self) {
        match self.phase.get() {
            Phase::Idle => {
                self.phase.set(Phase::Running);
                let mover = self.clone();
                wasm_bindgen_futures::spawn_local(async move { mover.run().await });
            }
            Phase::Running => self.phase.set(Phase::RunAgain),
            Phase::RunAgain => {}
        }
    }

    /// Whether a run is under way or asked for.
    pub fn busy(&self) -> bool {
        self.phase.get() != Phase::Idle
    }

    /// [`pack`] once a page's worth of single records waits, with the record check
    /// asked for only then; without it they stay single until a later run.
    async fn pack_if_due(&self) -> Result<usize, StoreError> {
        if self.idb.singles().await? < PAGE_SIZE {
            return Ok(0);
        }
        match (self.checks)().await {
            Some(check) => pack_with(&self.idb, check).await,
            None => Ok(0),
        }
    }

    async fn run(self) {
        loop {
            let outcome = move_records(&self.local, &self.idb, Some(&self.checks))
                .await
                .map_err(|e| match e {
                    StoreError::QuotaExceeded => StoreError::Backlog("QuotaExceededError".into()),
                    StoreError::Unavailable(m)
                    | StoreError::Backlog(m)
                    | StoreError::Incomplete(m) => StoreError::Backlog(m),
                });
            // Packing changes no record: a failure (another tab packed the same
            // records first) leaves them single, read as before.
            if outcome.is_ok() {
                let _ = self.pack_if_due().await;
            }
            let failed = outcome.is_err();
            if let Some(report) = self.report.take() {
                report(outcome.err());
                self.report.set(Some(report));
            }
            // After a failure the next write tries again; no retry loop meanwhile.
            if failed || self.phase.get() != Phase::RunAgain {
                self.phase.set(Phase::Idle);
                return;
            }
            self.phase.set(Phase::Running);
        }
    }
}
