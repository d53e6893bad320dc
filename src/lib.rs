//! 纪实 Jishi: offline-first, tamper-evident records of village performance-pay
//! assessment and cadre selection. See ARCHITECTURE.md for the map.

pub mod domain;
pub mod heap;
pub mod route;
pub mod store;
pub mod sync;

#[cfg(target_arch = "wasm32")]
pub mod timing;
#[cfg(target_arch = "wasm32")]
pub mod ui;
