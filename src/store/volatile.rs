//! The store of a phone whose browser refuses storage (private mode, storage turned
//! off): records live in memory for this visit only (the app says so with a banner).
//!
//! Unlike [`super::MemoryStore`] it never decodes: it starts empty, so there is nothing
//! to load, and the first load carries no record decoder (`ui::chunks`).

use std::collections::BTreeMap;

use super::{Entry, EventStore, Loaded, StoreError};

/// Records and meta values in memory, gone when the page is.
#[derive(Debug, Default)]
pub struct Volatile {
    records: Vec<Entry>,
    meta: BTreeMap<String, String>,
}

impl EventStore for Volatile {
    /// Nothing: the store starts empty, and the ledger holds what it appends.
    fn load(&mut self) -> Loaded {
        Loaded::default()
    }
    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        self.records.extend_from_slice(entries);
        Ok(())
    }
    fn get_meta(&self, key: &str) -> Option<String> {
        self.meta.get(key).cloned()
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.meta.insert(key.to_string(), value.to_string());
        Ok(())
    }
}
