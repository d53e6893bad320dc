//! The store of a phone whose browser refuses storage (private mode, storage turned
//! off): records live in the ledger's memory for this visit only (the app says so with
//! a banner).
//!
//! Unlike [`super::MemoryStore`] it never decodes: it starts empty, so there is nothing
//! to load, and the first load carries no record decoder (`ui::chunks`).

use std::collections::BTreeMap;

use super::{Entry, EventStore, Loaded, StoreError};

/// Meta values in memory, gone when the page is; records are held by the ledger alone.
#[derive(Debug, Default)]
pub struct Volatile {
    meta: BTreeMap<String, String>,
}

impl EventStore for Volatile {
    /// Nothing: the store starts empty, and the ledger holds what it appends.
    fn load(&mut self) -> Loaded {
        Loaded::default()
    }
    /// Taken: the ledger that appends them holds them for the visit.
    fn append(&mut self, _entries: &[Entry]) -> Result<(), StoreError> {
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
