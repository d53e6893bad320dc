//! In-memory store, for tests; can simulate a storage quota.

use std::collections::BTreeMap;

use super::{decode, Entry, EventStore, Loaded, StoreError};

/// Keeps raw JSON per key like the browser store does.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    /// Raw stored values by key (tests may corrupt them).
    pub entries: BTreeMap<String, String>,
    /// Meta values.
    pub meta: BTreeMap<String, String>,
    /// Maximum total bytes of events, if simulating a quota.
    pub quota: Option<usize>,
    /// Refuse every meta write, as a full localStorage does (simulating it).
    pub meta_full: bool,
}

impl MemoryStore {
    /// The key an event is stored under.
    pub fn key(id: &str) -> String {
        format!("ev:{id}")
    }

    fn used(&self) -> usize {
        self.entries.values().map(String::len).sum()
    }
}

impl EventStore for MemoryStore {
    fn load(&mut self) -> Loaded {
        let mut loaded = Loaded::default();
        for (k, raw) in &self.entries {
            loaded.add(decode(k, raw));
        }
        loaded
    }

    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        let add: Vec<(String, String)> = entries
            .iter()
            .map(|e| (Self::key(&e.id), e.json.clone()))
            .collect();
        let extra: usize = add.iter().map(|(_, v)| v.len()).sum();
        if self.quota.is_some_and(|q| self.used() + extra > q) {
            return Err(StoreError::QuotaExceeded);
        }
        self.entries.extend(add);
        Ok(())
    }

    fn get_meta(&self, key: &str) -> Option<String> {
        self.meta.get(key).cloned()
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.meta_full {
            return Err(StoreError::QuotaExceeded);
        }
        self.meta.insert(key.to_string(), value.to_string());
        Ok(())
    }
}
