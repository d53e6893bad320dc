//! 村(嘎查)两委正职 as people over time, and 退后关爱 (W3, DOMAIN.md W3, seed 002
//! 扎鲁特旗): each tenure (village, post, first and last day, why it ended), years
//! served computed from them, and the county's yearly list of former heads who served
//! long enough for the living subsidy.

mod care;
mod checks;
mod decide;
mod event;
pub mod forms;
pub mod page;
pub mod pay_screen;
pub mod pay_sheet;
pub mod policy;
pub mod screens;
mod service;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::village_heads`).
pub type State = state::VillageHeads;
pub use care::{care_lines, changes_since, entries, list_day, total_yuan, CareLine, CareStatus};
pub use checks::disagreements;
pub use decide::{decide, tenure_problems, Action, Command, EARLIEST_START, MAX_TEXT_CHARS};
pub use event::{
    CareEntry, CareExclusion, EndReason, ExclusionReason, HeadPost, Tenure, VillageHeadsEvent,
};
pub use page::Page;
pub use service::{served, Served};
pub use state::{ConfirmedList, Person, VillageHeads};
