//! W1. Village-head structural pay (嘎查村干部结构工资制), DOMAIN.md W1, seed 002 扎鲁特旗:
//! indicators, quarterly field scores, 公示 and 异议, annual score, composite,
//! grading, pay, 诫勉谈话 and 限期整改.

pub mod board_export;
pub mod charts;
mod decide;
mod decide_publicity;
mod decide_slot;
mod event;
pub mod forms;
mod grade;
mod graded;
mod indicator_form;
pub mod indicators_screen;
pub mod notice;
pub mod page;
mod placement;
mod review;
pub mod review_screen;
mod scoring;
pub mod screens;
mod slot;
pub mod slot_forms;
pub mod slot_screen;
mod state;
pub mod todos;
mod view;

/// This workflow's part of the state (`domain::State::village_pay`).
pub type State = placement::VillagePayPart;
pub use decide::{check_scores, decide, parse_scores, period_start, window_end, Action, Command};
pub use event::VillagePayEvent;
pub use graded::{grading_changes, GradingChange};
pub use indicator_form::{parse_indicators, IndicatorRow};
pub use page::Page;
pub use placement::{
    about, counts, named_township, About, NotCounted, NotCountedNote, Placed, Placement,
    VillagePayPart,
};
pub use scoring::{
    composite, exact_for_every_sheet, grade_villages, normalized, round_half_up, try_normalized,
};
pub use slot::{Finalization, Objection, ObjectionResolution, Publicity, Review, Slot, Window};
pub use state::{Grading, IndicatorSet, ScoreVersion, SetRef, SlotKey, Source, VillagePay};
pub use view::{
    slot_view, township_year, Due, PeriodCell, PeriodStatus, Sheet, SlotReview, SlotView,
    TownshipYearView, VillageRow,
};

use serde::{Deserialize, Serialize};

/// An assessment period: the four quarters (平时考核) and the annual assessment (年度考评).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// First quarter.
    Q1,
    /// Second quarter.
    Q2,
    /// Third quarter.
    Q3,
    /// Fourth quarter.
    Q4,
    /// 年度考评.
    Annual,
}

impl Period {
    /// All periods in order.
    pub const ALL: [Period; 5] = [
        Period::Q1,
        Period::Q2,
        Period::Q3,
        Period::Q4,
        Period::Annual,
    ];
    /// The quarters.
    pub const QUARTERS: [Period; 4] = [Period::Q1, Period::Q2, Period::Q3, Period::Q4];

    /// Whether results of this period are publicized (公示) before they are final.
    pub fn is_quarter(self) -> bool {
        self != Period::Annual
    }

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Period::Q1, true) => "第一季度",
            (Period::Q2, true) => "第二季度",
            (Period::Q3, true) => "第三季度",
            (Period::Q4, true) => "第四季度",
            (Period::Annual, true) => "年度考评",
            (Period::Q1, false) => "Q1",
            (Period::Q2, false) => "Q2",
            (Period::Q3, false) => "Q3",
            (Period::Q4, false) => "Q4",
            (Period::Annual, false) => "Annual",
        }
    }

    /// Stable key for URLs.
    pub fn key(self) -> &'static str {
        match self {
            Period::Q1 => "q1",
            Period::Q2 => "q2",
            Period::Q3 => "q3",
            Period::Q4 => "q4",
            Period::Annual => "annual",
        }
    }

    /// Inverse of [`Period::key`].
    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// One indicator (指标) of a township's yearly assessment content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id within the set.
    pub id: String,
    /// What is assessed.
    pub name: String,
    /// Maximum score, in half points.
    pub max_halves: u32,
    /// Optional weight; either every indicator of a set has one or none has.
    pub weight: Option<u32>,
}

/// How an objection (异议) ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The objection was upheld: these corrected scores replace `supersedes`.
    Upheld {
        scores: std::collections::BTreeMap<String, u32>,
        supersedes: Vec<String>,
        note: String,
        /// Event id of the indicator set scored against (empty in older records: the
        /// current set).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        indicator_set: String,
    },
    /// The objection was dismissed, with the reason.
    Dismissed { reason: String },
}

/// A village team's grade (班子考评等次).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamGrade {
    /// 实绩突出.
    Outstanding,
    /// 比较突出.
    Notable,
    /// 一般.
    General,
}

/// The heads' grade (两委正职考评等次); fixed correspondence with the team grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadGrade {
    /// 优秀.
    Excellent,
    /// 基本合格.
    Basic,
    /// 不合格.
    Fail,
}

impl TeamGrade {
    /// The heads' grade that corresponds (fixed by the seed).
    pub fn head_grade(self) -> HeadGrade {
        match self {
            TeamGrade::Outstanding => HeadGrade::Excellent,
            TeamGrade::Notable => HeadGrade::Basic,
            TeamGrade::General => HeadGrade::Fail,
        }
    }

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (TeamGrade::Outstanding, true) => "实绩突出",
            (TeamGrade::Notable, true) => "比较突出",
            (TeamGrade::General, true) => "一般",
            (TeamGrade::Outstanding, false) => "Outstanding",
            (TeamGrade::Notable, false) => "Notable",
            (TeamGrade::General, false) => "General",
        }
    }
}

impl HeadGrade {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (HeadGrade::Excellent, true) => "优秀",
            (HeadGrade::Basic, true) => "基本合格",
            (HeadGrade::Fail, true) => "不合格",
            (HeadGrade::Excellent, false) => "Excellent",
            (HeadGrade::Basic, false) => "Basic pass",
            (HeadGrade::Fail, false) => "Fail",
        }
    }
}

/// One village's graded result for a year, as recorded in `TownshipGraded`.
/// Scores are hundredths of a point on a 100-point scale; pay is whole yuan per head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageResult {
    /// Village id.
    pub village: String,
    /// Quarterly normalized scores (None = not assessed).
    pub quarters: [Option<u32>; 4],
    /// Annual normalized score.
    pub annual: u32,
    /// Composite score (综合考评得分).
    pub composite: u32,
    /// Rank within the township (1 = best; ties share a rank).
    pub rank: u32,
    /// Team grade.
    pub team_grade: TeamGrade,
    /// Heads' grade.
    pub head_grade: HeadGrade,
    /// Population used for the base-pay band.
    pub population: u32,
    /// 基础工资 per head.
    pub base_pay: u32,
    /// 绩效工资 per head.
    pub performance_pay: u32,
}

impl VillageResult {
    /// Annual pay per head (in `u64`: the sum of two `u32` amounts always fits).
    pub fn total_pay(&self) -> u64 {
        u64::from(self.base_pay) + u64::from(self.performance_pay)
    }
}
