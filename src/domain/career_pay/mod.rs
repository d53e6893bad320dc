//! 选聘嘎查村党组织书记（主任）享受事业单位基础工资待遇 (W2, DOMAIN.md W2, seed 002
//! 扎鲁特旗): a yearly round per county — at least 5% of the villages' heads (rounded
//! up), slots allotted to townships; written applications from sitting heads who meet
//! the policy's conditions (years as 正职, no 不合格 W1 grade in the last years: derived
//! from tenures and W1, never retyped); 两审核一公示 (township 初审, county 复审, the
//! eligible list publicized, objections resolved); 两推荐一考察一确定一公示 (1:3 by the
//! extended meeting, 1:2 by the party committee, the county's inspection, formal
//! candidates with 20% 差额, the leading group's decision, its publicity); certificates
//! and the day pay starts. Every step in strict order, with the reason when refused.

mod decide;
mod event;
pub mod forms;
pub mod notice;
pub mod page;
pub mod policy;
pub mod renewal;
pub mod renewal_screen;
pub mod result_notice;
pub mod rules;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::career_pay`).
pub type State = state::CareerPay;
pub use decide::{decide, Action, Command};
pub use event::{CareerPayEvent, Chosen, RecommendationStage, ReviewLevel, Slots, Votes};
pub use page::Page;
pub use state::{standing, Application, CareerPay, Certificate, Standing};
