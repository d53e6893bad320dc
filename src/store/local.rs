//! The browser store (default): one localStorage key per event, so one corrupt
//! entry affects only itself. Survives reload and browser restart.
//!
//! Storage-full policy: an append is refused as a whole. Keys written before the
//! failing one are removed again, so nothing is half-written, and the caller keeps
//! the user's input to retry (see ARCHITECTURE.md).

use wasm_bindgen::JsCast;
use web_sys::Storage;

use super::{decode, Entry, EventStore, Loaded, Quarantined, StoreError};

/// Key prefix of events.
pub const EVENT_PREFIX: &str = "jishi:ev:";
/// Key prefix of meta values.
pub const META_PREFIX: &str = "jishi:m:";

/// A store over `window.localStorage`.
#[derive(Clone)]
pub struct LocalStore {
    storage: Storage,
}

impl LocalStore {
    /// Open the browser's localStorage.
    pub fn open() -> Result<Self, StoreError> {
        let storage = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .local_storage()
            .map_err(|e| StoreError::Unavailable(js_error(&e)))?
            .ok_or_else(|| StoreError::Unavailable("localStorage is disabled".into()))?;
        Ok(LocalStore { storage })
    }

    fn keys(&self) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect()
    }

    /// Every event entry held here: (id, raw text). Unreadable keys are skipped.
    pub fn event_entries(&self) -> Vec<(String, String)> {
        self.keys()
            .into_iter()
            .filter_map(|k| {
                let id = k.strip_prefix(EVENT_PREFIX)?.to_string();
                let raw = self.storage.get_item(&k).ok().flatten()?;
                Some((id, raw))
            })
            .collect()
    }

    /// Remove the event entry stored under `id` (once it is safely elsewhere).
    pub fn remove_event(&self, id: &str) {
        let _ = self.storage.remove_item(&format!("{EVENT_PREFIX}{id}"));
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(|e| classify(&e))
    }
}

/// Map a thrown JS value to a store error.
pub(super) fn classify(e: &wasm_bindgen::JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        // Chromium/Safari: QuotaExceededError (code 22); Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
        Some(d) if d.name() == "QuotaExceededError" || d.code() == 22 || d.code() == 1014 => {
            StoreError::QuotaExceeded
        }
        _ => StoreError::Unavailable(js_error(e)),
    }
}

pub(super) fn js_error(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

impl EventStore for LocalStore {
    fn load(&mut self) -> Loaded {
        let mut loaded = Loaded::default();
        for key in self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(EVENT_PREFIX))
        {
            match self.storage.get_item(&key) {
                Ok(Some(raw)) => loaded.add(decode(&key, &raw)),
                Ok(None) => {}
                Err(e) => loaded.quarantined.push(Quarantined {
                    key,
                    raw: String::new(),
                    reason: js_error(&e),
                }),
            }
        }
        loaded
    }

    fn append(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        let mut written: Vec<String> = Vec::new();
        for e in entries {
            let key = format!("{EVENT_PREFIX}{}", e.id);
            if let Err(err) = self.set(&key, &e.json) {
                for k in &written {
                    let _ = self.storage.remove_item(k);
                }
                return Err(err);
            }
            written.push(key);
        }
        Ok(())
    }

    fn get_meta(&self, key: &str) -> Option<String> {
        self.storage
            .get_item(&format!("{META_PREFIX}{key}"))
            .ok()
            .flatten()
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.set(&format!("{META_PREFIX}{key}"), value)
    }
}

/// Ask the browser to keep our storage under pressure (`navigator.storage.persist()`).
/// Resolves to whether persistence was granted.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(promise) = window.navigator().storage().persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
