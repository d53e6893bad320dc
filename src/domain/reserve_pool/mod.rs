//! 后备干部、年轻干部 pools (W9, DOMAIN.md W9, seeds 000, 001 and 002 库伦旗): pools by
//! echelon (第一梯队/第二梯队), one file per person (一人一档: the profile, training and
//! rotations, the annual grades, demotion cases, selection cases), dynamic management —
//! a 基本称职-or-lower grade, a sanction or a W7 disposal takes a person out with the
//! reason —, the top-up every 2 years and the open selection every 5 falling due, and the
//! structure (young, women, ethnic minority, non-party) against the county's targets.

mod decide;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod pool;
pub mod screens;
mod state;
pub mod structure;
pub mod todos;

/// This workflow's part of the state (`domain::State::reserve_pool`).
pub type State = state::ReservePool;
pub use decide::{decide, Action, Command, Fix};
pub use event::{Echelon, PoolReview, ReservePoolEvent, TrainingKind};
pub use page::Page;
pub use state::{Entry, Leaving, ReservePool, Training};
