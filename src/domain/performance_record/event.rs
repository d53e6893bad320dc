//! The records of the everyday performance record (实绩纪实, seed 004 淮安清河: 日记录、
//! 周申报): a cadre's day of work, corrected or withdrawn with a reason, and the week's
//! report compiled from those days; a unit's indicator set and raters, and a rater's
//! levels of a cadre's month (月测评); the organization department's talks, visits and
//! analysis of a quarter (季分析) and review of the year (年总评). The cadres' and raters'
//! records live in the performance database, the department's in the cadre records; a
//! cadre's
//! records and a rater's levels are written in their own name (the server checks `by`
//! and `rater` name the record's author).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{
    rule, About, FieldRule, KindRule,
    ScopeKind::{Cadre as CadreRecords, Performance},
};
use crate::domain::event::Role::{Admin, Cadre, Recorder, UnitLeader};

/// What a day's work was about (seed 004: 聚焦发展推动、聚焦日常管理、聚焦民生服务).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkCategory {
    /// 发展推动: projects and the key tasks of development.
    Development,
    /// 日常管理: the unit's daily management.
    Management,
    /// 民生服务: services to the people.
    Service,
    /// 其他.
    Other,
}

impl WorkCategory {
    /// Every category, in display order.
    pub const ALL: [WorkCategory; 4] = [
        WorkCategory::Development,
        WorkCategory::Management,
        WorkCategory::Service,
        WorkCategory::Other,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (WorkCategory::Development, true) => "发展推动",
            (WorkCategory::Management, true) => "日常管理",
            (WorkCategory::Service, true) => "民生服务",
            (WorkCategory::Other, true) => "其他",
            (WorkCategory::Development, false) => "Development",
            (WorkCategory::Management, false) => "Management",
            (WorkCategory::Service, false) => "Public service",
            (WorkCategory::Other, false) => "Other",
        }
    }
}

/// One of the five levels an indicator is scored on (seed 004: 每个指标五个等级量化分值);
/// each level's value is the county's (`PerformancePolicy::value`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 好.
    Good,
    /// 较好.
    FairlyGood,
    /// 一般.
    Average,
    /// 较差.
    Poor,
    /// 差.
    Bad,
}

impl Level {
    /// The five, from 好 to 差.
    pub const ALL: [Level; 5] = [
        Level::Good,
        Level::FairlyGood,
        Level::Average,
        Level::Poor,
        Level::Bad,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Level::Good, true) => "好",
            (Level::FairlyGood, true) => "较好",
            (Level::Average, true) => "一般",
            (Level::Poor, true) => "较差",
            (Level::Bad, true) => "差",
            (Level::Good, false) => "Good",
            (Level::FairlyGood, false) => "Fairly good",
            (Level::Average, false) => "Average",
            (Level::Poor, false) => "Poor",
            (Level::Bad, false) => "Bad",
        }
    }

    /// Stable key, as serialized.
    pub fn key(self) -> &'static str {
        match self {
            Level::Good => "good",
            Level::FairlyGood => "fairly_good",
            Level::Average => "average",
            Level::Poor => "poor",
            Level::Bad => "bad",
        }
    }
}

/// What a quarterly analysis record is (seed 004: "测、谈、访、析"): a talk (谈实绩:
/// 座谈、网谈、约谈), a visit (访作风: 暗访、网络舆情, and what service users, family members
/// and residents say), or the written analysis (析).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// 面对面座谈.
    TalkGroup,
    /// 点对点网谈.
    TalkOnline,
    /// 零距离约谈.
    TalkAppointed,
    /// 暗访.
    VisitUnannounced,
    /// 网络舆情.
    VisitOnline,
    /// 服务对象评价.
    VisitServiceUsers,
    /// 家庭成员评价.
    VisitFamily,
    /// 小区居民评价.
    VisitResidents,
    /// 综合分析 (析).
    Analysis,
}

impl NoteKind {
    /// Every kind, talks, visits, then the analysis.
    pub const ALL: [NoteKind; 9] = [
        NoteKind::TalkGroup,
        NoteKind::TalkOnline,
        NoteKind::TalkAppointed,
        NoteKind::VisitUnannounced,
        NoteKind::VisitOnline,
        NoteKind::VisitServiceUsers,
        NoteKind::VisitFamily,
        NoteKind::VisitResidents,
        NoteKind::Analysis,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (NoteKind::TalkGroup, true) => "谈·座谈",
            (NoteKind::TalkOnline, true) => "谈·网谈",
            (NoteKind::TalkAppointed, true) => "谈·约谈",
            (NoteKind::VisitUnannounced, true) => "访·暗访",
            (NoteKind::VisitOnline, true) => "访·网络舆情",
            (NoteKind::VisitServiceUsers, true) => "访·服务对象",
            (NoteKind::VisitFamily, true) => "访·家庭成员",
            (NoteKind::VisitResidents, true) => "访·小区居民",
            (NoteKind::Analysis, true) => "析·综合分析",
            (NoteKind::TalkGroup, false) => "Talk: group",
            (NoteKind::TalkOnline, false) => "Talk: online",
            (NoteKind::TalkAppointed, false) => "Talk: appointed",
            (NoteKind::VisitUnannounced, false) => "Visit: unannounced",
            (NoteKind::VisitOnline, false) => "Visit: online opinion",
            (NoteKind::VisitServiceUsers, false) => "Visit: service users",
            (NoteKind::VisitFamily, false) => "Visit: family",
            (NoteKind::VisitResidents, false) => "Visit: residents",
            (NoteKind::Analysis, false) => "Analysis",
        }
    }
}

/// One cadre of a unit's roster.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The cadre (their profile's id).
    pub cadre: String,
    /// Their name, as the profile has it.
    pub name: String,
}

/// The records of the everyday performance record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerformanceRecordEvent {
    /// 日记录: a day's work (or a correction or withdrawal of one recorded).
    WorkLogged {
        /// The cadre (a W4 profile).
        cadre: String,
        /// Who recorded it: the record's author, the cadre by name.
        by: String,
        /// The day the work was done.
        day: NaiveDate,
        /// What it was about.
        category: WorkCategory,
        /// The project or task it belongs to (may be empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        project: String,
        /// The work done, in a few words.
        text: String,
        /// The record it corrects (the id of the event that first recorded it; empty for
        /// a new one).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        corrects: String,
        /// Whether it withdraws that record (recorded by mistake).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
        /// Why it was corrected or withdrawn.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 周申报: the week's report, compiled from its daily records and submitted (again:
    /// it replaces the earlier submission of the week).
    WeekSubmitted {
        /// The cadre.
        cadre: String,
        /// Who submitted it: the record's author, the cadre by name.
        by: String,
        /// The week, by its Monday (Beijing dates).
        week: NaiveDate,
        /// The daily records it compiles, by record id (the event that first recorded
        /// each).
        entries: Vec<String>,
        /// The week's summary (may be empty when it has daily records).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        summary: String,
        /// The submissions of the week it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 月测评: a unit's indicator set and its raters, from a month on (set by the unit's
    /// leader; again: it replaces the set of that month it names).
    IndicatorsSet {
        /// The unit (its name, as the cadres' positions hold it).
        unit: String,
        /// The set chosen from the policy's ("5+4").
        set: String,
        /// Its indicators, as the policy held them then.
        indicators: Vec<String>,
        /// Who rates (by name).
        raters: Vec<String>,
        /// The first month it applies to (its first day).
        from: NaiveDate,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 月测评: one rater's levels of one cadre's month, one per indicator (again: it
    /// replaces the rater's earlier levels of that month).
    MonthRated {
        /// The cadre.
        cadre: String,
        /// The month (its first day).
        month: NaiveDate,
        /// The rater: the record's author.
        rater: String,
        /// The indicators rated, in order.
        indicators: Vec<String>,
        /// Each indicator's level, in the same order.
        levels: Vec<Level>,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 季分析: a talk, a visit or the written analysis of a cadre's quarter, by the
    /// organization department (or a correction or withdrawal of one).
    QuarterNoted {
        /// The cadre.
        cadre: String,
        /// The year.
        year: i32,
        /// The quarter, 1 to 4.
        quarter: u32,
        /// What it is.
        note: NoteKind,
        /// What was said, seen or concluded.
        text: String,
        /// The record it corrects (empty for a new one).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        corrects: String,
        /// Whether it withdraws that record.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
        /// Why it was corrected or withdrawn.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 年总评: the organization department's review of a cadre's year, an overall level
    /// and its text; evidence for the annual assessment, which it does not replace.
    YearReviewed {
        /// The cadre.
        cadre: String,
        /// The year.
        year: i32,
        /// The overall level.
        level: Level,
        /// The review.
        text: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// 实绩纪实名单: a unit's cadres from a day on, as the organization department
    /// publishes them from the cadre records (which cadres' and unit leaders' phones do
    /// not hold); again for the same day: it replaces the roster it names.
    RosterPublished {
        /// The unit (its name, as the cadres' positions hold it).
        unit: String,
        /// The first day it applies to (a unit's first roster also covers the days
        /// before).
        from: NaiveDate,
        /// Its cadres, by id (empty: the unit has none now).
        members: Vec<RosterEntry>,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl PerformanceRecordEvent {
    /// In the performance database, a cadre writing their own; the organization
    /// department's talks, visits (暗访, 约谈) and reviews in the cadre records, which
    /// cadres and unit leaders do not read.
    pub const ACCESS: &'static [KindRule] = &[
        rule("work_logged", Performance, &[Cadre]),
        rule("week_submitted", Performance, &[Cadre]),
        rule("indicators_set", Performance, &[UnitLeader]),
        rule("month_rated", Performance, &[UnitLeader, Cadre]),
        rule("quarter_noted", CadreRecords, &[Admin, Recorder]),
        rule("year_reviewed", CadreRecords, &[Admin, Recorder]),
        rule("roster_published", Performance, &[Admin, Recorder]),
    ];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// A cadre records and submits, and a rater rates, only in their own name.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[
        ("work_logged", "by"),
        ("week_submitted", "by"),
        ("month_rated", "rater"),
    ];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: the records a week's report compiles.
    pub const ID_LIST_KEYS: &'static [&'static str] = &["entries"];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["cadre", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "work_logged",
        "week_submitted",
        "indicators_set",
        "month_rated",
        "quarter_noted",
        "year_reviewed",
        "roster_published",
    ];

    /// County-wide, about no one township.
    pub fn about(&self) -> Option<About> {
        None
    }

    /// The text of the author field `by`.
    pub fn field_text(&self, field: &str) -> Option<&str> {
        match (self, field) {
            (PerformanceRecordEvent::WorkLogged { by, .. }, "by")
            | (PerformanceRecordEvent::WeekSubmitted { by, .. }, "by")
            | (PerformanceRecordEvent::MonthRated { rater: by, .. }, "rater") => Some(by),
            _ => None,
        }
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            PerformanceRecordEvent::WorkLogged { .. } => "work_logged",
            PerformanceRecordEvent::WeekSubmitted { .. } => "week_submitted",
            PerformanceRecordEvent::IndicatorsSet { .. } => "indicators_set",
            PerformanceRecordEvent::MonthRated { .. } => "month_rated",
            PerformanceRecordEvent::QuarterNoted { .. } => "quarter_noted",
            PerformanceRecordEvent::YearReviewed { .. } => "year_reviewed",
            PerformanceRecordEvent::RosterPublished { .. } => "roster_published",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            PerformanceRecordEvent::WorkLogged {
                cadre,
                corrects,
                supersedes,
                ..
            } => std::iter::once(cadre)
                .chain(Some(corrects).filter(|c| !c.is_empty()))
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            PerformanceRecordEvent::WeekSubmitted {
                cadre,
                entries,
                supersedes,
                ..
            } => std::iter::once(cadre)
                .chain(entries)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            PerformanceRecordEvent::IndicatorsSet { supersedes, .. } => {
                supersedes.iter().map(String::as_str).collect()
            }
            PerformanceRecordEvent::RosterPublished {
                members,
                supersedes,
                ..
            } => members
                .iter()
                .map(|m| &m.cadre)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            PerformanceRecordEvent::MonthRated {
                cadre, supersedes, ..
            }
            | PerformanceRecordEvent::YearReviewed {
                cadre, supersedes, ..
            } => std::iter::once(cadre)
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
            PerformanceRecordEvent::QuarterNoted {
                cadre,
                corrects,
                supersedes,
                ..
            } => std::iter::once(cadre)
                .chain(Some(corrects).filter(|c| !c.is_empty()))
                .chain(supersedes)
                .map(String::as_str)
                .collect(),
        }
    }

    /// The subject: the cadre's record.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            PerformanceRecordEvent::WorkLogged { cadre, .. }
            | PerformanceRecordEvent::WeekSubmitted { cadre, .. }
            | PerformanceRecordEvent::MonthRated { cadre, .. }
            | PerformanceRecordEvent::QuarterNoted { cadre, .. }
            | PerformanceRecordEvent::YearReviewed { cadre, .. } => {
                write!(out, "performance/{cadre}")
            }
            PerformanceRecordEvent::IndicatorsSet { from, .. } => {
                write!(out, "performance/unit/{from}")
            }
            PerformanceRecordEvent::RosterPublished { from, .. } => {
                write!(out, "performance/roster/{from}")
            }
        }
    }
}
