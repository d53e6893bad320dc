//! The records of the parts folded after the rest of the log (`workflows::folds_later`:
//! 干部选任纪实, three quarters of a county's log), held as read while the rest is
//! decoded and folded, so the app is drawn that much sooner; the ledger decodes and
//! folds them next, a part each turn (`Ledger::open_later`).
//!
//! Which records wait is told from their text (`record::body_kind`) without decoding
//! them: it only decides when a record is decoded. What a record is, and so when it is
//! folded, its decoding decides (`EventBody::folds_later`).

use super::page::StoredRecord;
use super::{decode, decode_sealed, Quarantined};
use crate::domain::record::{self, Decoded};
use crate::domain::workflows::folds_later;

/// A record read from the phone's store, to be decoded after the rest of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LaterRecord {
    /// Read from IndexedDB (in id order, as it gives them).
    Stored(StoredRecord),
    /// Read from localStorage: its key and text.
    Local(String, String),
}

impl LaterRecord {
    /// `record` to be decoded later if its text says it is of a part folded later;
    /// else `record` back.
    pub fn stored(record: StoredRecord) -> Result<LaterRecord, StoredRecord> {
        match waits(&record.text) {
            true => Ok(LaterRecord::Stored(record)),
            false => Err(record),
        }
    }

    /// localStorage's record (`key`, `raw`) to be decoded later if its text says it
    /// is of a part folded later; else the pair back.
    pub fn local(key: String, raw: String) -> Result<LaterRecord, (String, String)> {
        match waits(&raw) {
            true => Ok(LaterRecord::Local(key, raw)),
            false => Err((key, raw)),
        }
    }

    /// Decode it as it would have been decoded with the rest.
    pub fn decode(self) -> Result<Decoded, Quarantined> {
        match self {
            LaterRecord::Stored(record) => decode_record(record),
            LaterRecord::Local(key, raw) => decode(&key, &raw),
        }
    }
}

/// Whether a record's text names a kind folded later.
fn waits(text: &str) -> bool {
    record::body_kind(text).is_some_and(folds_later)
}

/// Decode a record IndexedDB holds: a sealed one without re-deriving its hash
/// (`store::page`), any other in full; either must be stored under exactly its id.
pub fn decode_record(record: StoredRecord) -> Result<Decoded, Quarantined> {
    if !record.sealed {
        return decode_exact(&record.id, &record.id, &record.text);
    }
    let StoredRecord { id, text, .. } = record;
    decode_sealed(&id, text).and_then(|d| match d.id() == id {
        true => Ok(d),
        false => Err(Quarantined {
            reason: format!("stored under a key that is not its id {}", d.id()),
            key: id,
            raw: d.json().into_owned(),
        }),
    })
}

/// Decode an IndexedDB entry, which must be stored under exactly its id.
pub fn decode_exact(key: &str, id: &str, raw: &str) -> Result<Decoded, Quarantined> {
    decode(key, raw).and_then(|d| match d.id() == id {
        true => Ok(d),
        false => Err(Quarantined {
            key: key.to_string(),
            raw: raw.to_string(),
            reason: format!("stored under a key that is not its id {}", d.id()),
        }),
    })
}
