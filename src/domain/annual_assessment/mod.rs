//! 年度考核 (W5, DOMAIN.md W5, seeds 000 and 001): each year, each cadre's scores from
//! the five rater groups (上级、同级、下级、本人、外单位, weighted by policy) make a
//! composite and a ranking per unit; the organization department records each cadre's
//! grade (优秀/称职/基本称职/不称职, 优秀 capped if policy says so) and each unit's team
//! grade (好/较好/一般/差); the grades call for consequences with due dates (不称职 →
//! 免职, 基本称职 → 诫勉, team 差 → main leader removed and deputies compete, team 一般
//! → members compete) listed until recorded as done. The other workflows read the
//! grades through [`results::annual_grades`]: W4's exclusions, W7's triggers, W9's pools.

pub mod consequences;
mod decide;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod results;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::annual_assessment`).
pub type State = state::AnnualAssessment;
pub use decide::{decide, Action, Command};
pub use event::{AnnualAssessmentEvent, ConsequenceKind, RaterGroup, TeamGrade};
pub use page::Page;
pub use state::{AnnualAssessment, Done, Graded, Rating, Subject};
