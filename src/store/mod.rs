//! Storage of the event log behind one trait, and the ledger that records
//! commands atomically.
//!
//! Architecture invariant: an event reaches the in-memory state only after the
//! store accepted it; a failed append leaves nothing written (all or nothing).

#[cfg(target_arch = "wasm32")]
pub mod browser;
mod id_index;
#[cfg(target_arch = "wasm32")]
pub mod indexed;
pub mod journal;
pub mod later;
mod ledger;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod memory;
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod read_ahead;
mod volatile;

pub use crate::domain::record::Foreign;
pub use ledger::{
    names_a_log, ChainCheck, Held, Ledger, Opening, Received, RecordError, RejectReason, Rejected,
    Start, LOG_STAMP, PENDING, STALE,
};
pub use memory::MemoryStore;
pub use volatile::Volatile;

use crate::domain::record::{self, Decoded};
use crate::domain::Event;

/// Why the store could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is exhausted (QuotaExceededError).
    QuotaExceeded,
    /// Storage is unavailable (private mode, disabled, or another failure).
    Unavailable(String),
    /// New records are saved (in localStorage) but could not be moved into the
    /// phone's main store (IndexedDB), e.g. because it is full.
    Backlog(String),
    /// The phone's main store (IndexedDB) could not be opened or read: what is shown
    /// comes from localStorage alone and may be incomplete.
    Incomplete(String),
}

impl StoreError {
    /// Message for the user (`zh` = Chinese), wherever the write came from.
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (StoreError::QuotaExceeded, true) => {
                "手机存储空间已满，本次内容未保存。请先导出备份并同步，清理手机空间后重试。".into()
            }
            (StoreError::QuotaExceeded, false) => {
                "Phone storage is full; this was NOT saved. Export a backup and sync, free space, then retry.".into()
            }
            (StoreError::Unavailable(e), true) => format!("无法使用本机存储：{e}"),
            (StoreError::Unavailable(e), false) => format!("Local storage is unavailable: {e}"),
            (StoreError::Backlog(e), true) => format!(
                "新记录已保存在本机，但未能移入主存储（{e}）。请导出备份、清理手机空间；移入前请勿清除浏览器数据。"
            ),
            (StoreError::Incomplete(e), true) => format!(
                "无法读取本机主存储（{e}），下面显示的记录可能不全。请勿清除浏览器数据，重新打开应用后再试。"
            ),
            (StoreError::Incomplete(e), false) => format!(
                "This phone's main store could not be read ({e}): what is shown may be incomplete. Do not clear the browser's data; reopen the app and try again."
            ),
            (StoreError::Backlog(e), false) => format!(
                "New records are saved on this phone but could not be moved into its main store ({e}). Export a backup and free space; do not clear the browser's data until they are moved."
            ),
        }
    }

    /// Message when a form's entry could not be saved: the input is still there.
    pub fn form_message(&self, zh: bool) -> String {
        match (self, zh) {
            (StoreError::QuotaExceeded, true) => {
                format!("{}已填写的内容仍保留在表单中。", self.message(true))
            }
            (StoreError::QuotaExceeded, false) => {
                format!("{} Your input is still in the form.", self.message(false))
            }
            _ => self.message(zh),
        }
    }

    /// Message when records received from the server could not be stored.
    pub fn sync_message(&self, zh: bool) -> String {
        match (self, zh) {
            (StoreError::QuotaExceeded, true) => {
                "手机存储空间已满，从服务器收到的记录没有保存，同步已暂停（服务器上的记录不受影响）。请导出备份、清理手机空间后重试。".into()
            }
            (StoreError::QuotaExceeded, false) => {
                "Phone storage is full: records from the server were not saved and sync is paused (nothing on the server is affected). Export a backup, free space, then retry.".into()
            }
            _ => self.message(zh),
        }
    }

    /// Why an import changed nothing.
    pub fn import_violation(&self) -> crate::domain::RuleViolation {
        match self {
            StoreError::QuotaExceeded => crate::domain::RuleViolation::new(
                "backup.quota",
                "手机存储空间已满，备份文件没有导入，本机记录没有任何改动。请清理手机空间后重试。",
                "Phone storage is full: the backup was not imported and nothing on this phone changed. Free space, then retry.",
            ),
            StoreError::Unavailable(e) | StoreError::Backlog(e) | StoreError::Incomplete(e) => crate::domain::RuleViolation::new(
                "backup.storage",
                format!("无法使用本机存储，备份没有导入：{e}"),
                format!("Local storage is unavailable; the backup was not imported: {e}"),
            ),
        }
    }
}

/// An entry that could not be read or whose hash does not verify: kept aside,
/// shown to the user, never folded into state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// Storage key it was found under.
    pub key: String,
    /// The raw stored text.
    pub raw: String,
    /// Why it was quarantined (English, technical).
    pub reason: String,
}

impl Quarantined {
    /// Why, for the user (`zh` = Chinese).
    pub fn message(&self, zh: bool) -> String {
        quarantine_message(&self.reason, zh)
    }
}

/// A quarantine's technical `reason` for the user (`zh` = Chinese): a changed record
/// said so, anything else with the technical reason kept in brackets.
pub fn quarantine_message(reason: &str, zh: bool) -> String {
    use crate::store::ledger::RejectReason;
    let changed = RejectReason::HashMismatch.message(false);
    if reason == DAMAGED_COPY {
        return if zh {
            "此记录的一个存储副本已损坏，未采用；本机保存的完好副本照常使用".into()
        } else {
            "a stored copy of this record is damaged and not used; the sound copy this phone holds is used".into()
        };
    }
    if reason == DIFFERS {
        return if zh {
            "与本机主存储中同编号的记录内容不同，未采用".into()
        } else {
            "differs from the record stored under the same id; not used".into()
        };
    }
    match (reason == changed, zh) {
        (true, _) => RejectReason::HashMismatch.message(zh).to_string(),
        (false, true) => format!("无法读取或格式不符，未采用（{reason}）"),
        (false, false) => format!("unreadable or malformed; not used ({reason})"),
    }
}

/// Why an entry waiting in localStorage was not taken: IndexedDB holds other text
/// under its id.
pub const DIFFERS: &str = "differs from the record stored under the same id";

/// Why a copy of a record in IndexedDB was not taken: it can't be read, and a sound
/// copy of the same record is held.
pub const DAMAGED_COPY: &str = "a damaged copy of a record whose sound copy is held";

/// What loading the store found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// Every readable, verified event this version understands.
    pub events: Vec<Event>,
    /// Sound records of kinds this version can't read: kept and forwarded.
    pub foreign: Vec<Foreign>,
    /// Everything else.
    pub quarantined: Vec<Quarantined>,
    /// Records of the parts folded after the rest (`later`), still undecoded: the
    /// ledger decodes and folds them once the app is drawn (`Ledger::open_later`).
    pub later: Vec<later::LaterRecord>,
    /// The log's stamp (`LOG_STAMP`) as read before the log, if the store read it
    /// then: a write landing while the log is read leaves the ledger with a stamp that
    /// no longer names the log, never with the new stamp and an older log.
    pub stamp: Option<String>,
}

/// One record to store: its id and its canonical JSON (hash included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Event id (the key).
    pub id: String,
    /// The text to store.
    pub json: String,
}

impl From<&Event> for Entry {
    fn from(e: &Event) -> Self {
        Entry {
            id: e.id.clone(),
            json: e.json().into_owned(),
        }
    }
}

impl From<&Decoded> for Entry {
    fn from(d: &Decoded) -> Self {
        Entry {
            id: d.id().to_string(),
            json: d.json().into_owned(),
        }
    }
}

/// The entries of some events.
pub fn entries(events: &[Event]) -> Vec<Entry> {
    events.iter().map(Entry::from).collect()
}

/// An append-only event store.
pub trait EventStore {
    /// Load every event; unreadable or tampered entries are quarantined, not fatal.
    fn load(&mut self) -> Loaded;
    /// Append records atomically: either all are stored, or none is.
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError>;
    /// Read a small named value (device id, user, settings).
    fn get_meta(&self, key: &str) -> Option<String>;
    /// Write a small named value.
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// Check a stored text is a sound record (see `domain::record`) stored under its id.
pub fn decode(key: &str, raw: &str) -> Result<Decoded, Quarantined> {
    let q = |reason: String| Quarantined {
        key: key.to_string(),
        raw: raw.to_string(),
        reason,
    };
    let d = record::decode_stored(raw).map_err(|r| q(r.reason))?;
    if !key.ends_with(d.id()) {
        return Err(q(format!(
            "stored under a key that is not its id {}",
            d.id()
        )));
    }
    Ok(d)
}

/// [`decode`] a record of a sealed page (`page`): checked when it was packed, so its
/// own hash is not derived again (`record::decode_sealed`).
pub fn decode_sealed(key: &str, raw: String) -> Result<Decoded, Quarantined> {
    record::decode_sealed(raw).map_err(|(raw, r)| Quarantined {
        key: key.to_string(),
        raw,
        reason: r.reason,
    })
}

impl Loaded {
    /// Sort one decoded stored entry into its list.
    pub fn add(&mut self, result: Result<Decoded, Quarantined>) {
        match result {
            Ok(Decoded::Known(e)) => self.events.push(e),
            Ok(Decoded::Foreign(f)) => self.foreign.push(f),
            Err(q) => self.quarantined.push(q),
        }
    }
}

/// Small named values (device id, user, settings, sync metadata).
pub trait Meta {
    /// Read a small named value.
    fn get_meta(&self, key: &str) -> Option<String>;
    /// Write a small named value.
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
}

impl<T: EventStore + ?Sized> Meta for T {
    fn get_meta(&self, key: &str) -> Option<String> {
        EventStore::get_meta(self, key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        EventStore::set_meta(self, key, value)
    }
}

/// Lets the app pick a store at run time.
impl EventStore for Box<dyn EventStore> {
    fn load(&mut self) -> Loaded {
        (**self).load()
    }
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        (**self).append(entries)
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        (**self).get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set_meta(key, value)
    }
}
