//! 能上能下 链条式 (W7, DOMAIN.md W7, seed 002 科尔沁区): cadres who are not up to their
//! post are moved down through six strict steps — 动议启动、调查核实、综合分析、讨论决定、
//! 告知谈话、备案跟踪 — on a standard of the county's catalogue (policy data: qualitative
//! ones by area, quantitative ones). Two quantitative standards are computed from the
//! annual assessment (W5): the bottom of the unit's ranking, and the 党风廉政 check
//! failed, the policy's number of years in a row; they raise a candidate with the
//! evidence. A disposal (免职、降职、交流、待岗、离岗培训、参与重点工作督导) is followed
//! by a talk every month and a visit every quarter until the cadre is used again.

mod decide;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod progress;
pub mod screens;
mod state;
pub mod todos;
pub mod triggers;

/// This workflow's part of the state (`domain::State::demotion_chain`).
pub type State = state::DemotionChain;
pub use decide::{catalogue, decide, Action, Command};
pub use event::{
    DemotionChainEvent, DemotionStep, Disposal, FollowUpKind, StandardKind, StepContent,
};
pub use page::Page;
pub use state::{CaseHead, Closing, DemotionChain, FollowUp, StepEntry};
