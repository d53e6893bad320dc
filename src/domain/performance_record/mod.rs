//! 实绩纪实 (W6, DOMAIN.md W6, seed 004 淮安清河: 科级干部工作实绩全程纪实, "日记录、周申报、
//! 月测评、季分析、年总评"): a cadre records the day's work on the phone in a few words (a
//! category, a project, the work), corrects or withdraws a record with the reason (the
//! first kept), and submits the week's report compiled from the week's records; the
//! unit leader sees who has not submitted; the unit's raters score each month (月测评); the
//! organization department records each quarter's talks, visits and analysis (季分析) and
//! the year's review (年总评), evidence for W5; the year rolls up days → weeks → months →
//! quarters. People are known by the units' rosters (实绩纪实名单, `roster`), which the
//! department publishes from the cadre records that cadres' phones do not hold.

pub mod analysis;
mod decide;
pub mod evaluation;
mod event;
pub mod forms;
pub mod page;
pub mod policy;
pub mod rollup;
pub mod roster;
pub mod screens;
mod state;
pub mod todos;

/// This workflow's part of the state (`domain::State::performance_record`).
pub type State = state::PerformanceRecord;
pub use decide::{decide, rosters_drawn, Action, Command, Fix};
pub use event::{Level, NoteKind, PerformanceRecordEvent, RosterEntry, WorkCategory};
pub use page::Page;
pub use state::{DayWork, PerformanceRecord, QuarterNote, Rating, UnitSet, WeekReport, YearReview};
