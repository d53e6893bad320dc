//! 实绩纪实 (W6, DOMAIN.md W6, seed 004 淮安清河: 科级干部工作实绩全程纪实, "日记录、周申报、
//! 月测评、季分析、年总评"): a cadre records the day's work on the phone in a few words (a
//! category, a project, the work), corrects or withdraws a record with the reason (the
//! first kept), and submits the week's report compiled from the week's records; the
//! unit leader sees who has not submitted; the year rolls up days → weeks → months →
//! quarters. This version holds the daily record and the weekly report; the monthly
//! evaluation, the quarterly analysis and the annual review are not recorded yet.

pub mod analysis;
mod decide;
pub mod evaluation;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod rollup;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::performance_record`).
pub type State = state::PerformanceRecord;
pub use decide::{decide, Action, Command, Fix};
pub use event::{Level, NoteKind, PerformanceRecordEvent, WorkCategory};
pub use page::Page;
pub use state::{DayWork, PerformanceRecord, QuarterNote, Rating, UnitSet, WeekReport, YearReview};
