//! Sync with a CouchDB-compatible REST backend (Apache CouchDB, Cloudant, PouchDB
//! Server).
//!
//! Architecture invariant: this is the only module that knows CouchDB's JSON.
//! - [`remote`]: the [`Remote`] trait (the HTTP calls the replicator needs) and its
//!   typed results and errors.
//! - [`doc`]: one document per event (`_id` = event id), encoding and verified decoding.
//! - [`state`]: [`SyncState`], the persistent sync metadata (acknowledged ids,
//!   checkpoint, quarantine, tamper alarms) kept in the store's meta values.
//! - [`replicator`]: [`Replicator`], one pass of rollback check → push → pull.
//! - `couch` (wasm32 only): `CouchRemote`, the [`Remote`] over the browser's
//!   `fetch`, plus `_session` login/logout.
//! - [`backoff`]: [`Backoff`], exponential backoff with jitter for the driver.
//! - [`memory_remote`]: [`MemoryRemote`], an in-memory server with CouchDB's
//!   semantics and injected faults, for tests; it can run the server's rule.
//! - [`validate`]: [`server_check`], the server's `validate_doc_update` rule in Rust.
//! - [`address`]: [`read_server_address`], the server address and database prefix a
//!   person types on the settings page, checked.
//! - `design_doc` (native only): generates `couchdb/validate_doc_update.js` and
//!   `couchdb/access.json` from [`validate`] and `domain::access`.

pub mod address;
pub mod backoff;
#[cfg(target_arch = "wasm32")]
pub mod couch;
#[cfg(not(target_arch = "wasm32"))]
pub mod design_doc;
pub mod doc;
pub mod memory_remote;
pub mod remote;
pub mod replicator;
pub mod state;
pub mod validate;

pub use address::{read_server_address, ServerAddress};
pub use backoff::Backoff;
pub use memory_remote::{block_on, Faults, MemoryRemote, Snapshot, XorShift};
pub use remote::{ChangeRow, ChangesPage, DocResult, DocStatus, Remote, RemoteError};
pub use replicator::{Config, Progress, Replicator, Summary, SyncError};
pub use state::{RemoteQuarantined, SyncState, TamperAlarm};
pub use validate::{server_check, UserCtx};
