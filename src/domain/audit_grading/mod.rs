//! 经济责任审计动态分级 (W8, DOMAIN.md W8, seed 002 霍林郭勒市): the units audited for
//! economic responsibility with their yearly budgets, tiered by budget and refined by
//! their decision, allocation and public-attention factors into levels 1 / 2 / 3,
//! raised by special funds; next year's audit plan proposed to meet every coverage rule
//! (which units, why), adjusted by the county with reasons, checked again (a rule that
//! will be missed is warned about), and tracked to completion.

mod decide;
mod event;
pub mod forms;
pub mod grading;
pub mod page;
pub mod plan;
pub mod policy;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::audit_grading`).
pub type State = state::AuditGrading;
pub use decide::{decide, Action, Command, Fix, UnitYearInput, MAX_RATING, YEARS};
pub use event::{AuditGradingEvent, SpecialFund};
pub use page::Page;
pub use state::{Adjustment, Audit, AuditGrading, UnitYear};
