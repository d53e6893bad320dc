//! 轮岗、借用 (W10, DOMAIN.md W10, seed 001 株洲): from the cadres' position history, who
//! is due to rotate (same post ≥ 5 years; key posts over people, money, goods or project
//! approval must), who is exempt by age (men 58, women 53) and who is overdue; a rotation
//! recorded closes the alert; borrowed staff (借用) alerted before and at the 2-month
//! limit. The county list exports as CSV.

pub mod alerts;
mod decide;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::rotation`).
pub type State = state::Rotations;
pub use decide::{decide, Action, Command, Fix};
pub use event::RotationEvent;
pub use page::Page;
pub use state::{Ending, KeyPost, Rotation, Rotations, Secondment};
