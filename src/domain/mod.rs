//! The core: event envelope and hashing, policy, rules and projections.
//!
//! Architecture invariant: this module does no IO and knows nothing of the browser.
//! It depends only on serde, serde_json, sha2, chrono and the dependency-free holiday
//! data crate `chinese_holiday`, and is tested natively.

pub mod access;
pub mod annual_assessment;
pub mod audit_grading;
pub mod backup;
#[cfg(feature = "bench-extra-form")]
pub mod bench_form;
#[cfg(feature = "bench-extra-workflow")]
pub mod bench_workflow;
pub mod cadre_selection;
pub mod calendar;
pub mod career_pay;
pub mod chart;
pub mod command;
pub mod county_overview;
pub mod csv;
pub mod demotion_chain;
pub mod error;
pub mod event;
pub mod form;
pub mod home;
pub mod id;
pub mod json_reader;
pub mod master;
pub mod master_decide;
pub mod master_event;
pub mod master_forms;
pub mod master_screen;
pub mod performance_record;
pub mod policy;
pub mod policy_fields;
pub mod policy_form;
pub mod record;
pub mod reserve_pool;
pub mod rotation;
pub mod score;
pub mod screen;
pub mod sorting;
pub mod state;
pub mod text;
pub mod time;
pub mod user_form;
pub mod versions;
pub mod village_heads;
pub mod village_pay;
pub mod workflows;

pub use error::RuleViolation;
pub use event::{Event, EventBody, Role};
pub use policy::Policy;
pub use state::State;
