//! The records of a year's annual assessment (年度考核, W5): each cadre's scores from
//! each rater group, the grade decided for each cadre and each unit's leadership team,
//! and each consequence carried out. All live with the county's cadre records.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Cadre};
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::event::Role::{Approver, Recorder};

/// Who rates a cadre (seed 000: 上级、同级、下级、本人和外单位相关同志).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaterGroup {
    /// 上级.
    Superior,
    /// 同级.
    Peers,
    /// 下级.
    Subordinates,
    /// 本人.
    Own,
    /// 外单位相关同志.
    Outside,
}

impl RaterGroup {
    /// Every group, in the seed's order.
    pub const ALL: [RaterGroup; 5] = [
        RaterGroup::Superior,
        RaterGroup::Peers,
        RaterGroup::Subordinates,
        RaterGroup::Own,
        RaterGroup::Outside,
    ];

    /// Its serialized name (a form row's key).
    pub fn key(self) -> &'static str {
        match self {
            RaterGroup::Superior => "superior",
            RaterGroup::Peers => "peers",
            RaterGroup::Subordinates => "subordinates",
            RaterGroup::Own => "own",
            RaterGroup::Outside => "outside",
        }
    }

    /// The group named by `key`.
    pub fn from_key(key: &str) -> Option<RaterGroup> {
        RaterGroup::ALL.into_iter().find(|g| g.key() == key)
    }

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (RaterGroup::Superior, true) => "上级",
            (RaterGroup::Peers, true) => "同级",
            (RaterGroup::Subordinates, true) => "下级",
            (RaterGroup::Own, true) => "本人",
            (RaterGroup::Outside, true) => "外单位相关人员",
            (RaterGroup::Superior, false) => "Superiors",
            (RaterGroup::Peers, false) => "Peers",
            (RaterGroup::Subordinates, false) => "Subordinates",
            (RaterGroup::Own, false) => "Self",
            (RaterGroup::Outside, false) => "Related outside units",
        }
    }
}

/// 班子 (leadership team) grade, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamGrade {
    /// 好.
    Good,
    /// 较好.
    FairlyGood,
    /// 一般.
    Average,
    /// 差.
    Poor,
}

impl TeamGrade {
    /// Every grade, best first.
    pub const ALL: [TeamGrade; 4] = [
        TeamGrade::Good,
        TeamGrade::FairlyGood,
        TeamGrade::Average,
        TeamGrade::Poor,
    ];

    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (TeamGrade::Good, true) => "好",
            (TeamGrade::FairlyGood, true) => "较好",
            (TeamGrade::Average, true) => "一般",
            (TeamGrade::Poor, true) => "差",
            (TeamGrade::Good, false) => "Good",
            (TeamGrade::FairlyGood, false) => "Fairly good",
            (TeamGrade::Average, false) => "Average",
            (TeamGrade::Poor, false) => "Poor",
        }
    }
}

/// What a grade calls for (seed 000, 酒泉).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsequenceKind {
    /// 不称职 → 免职.
    Removal,
    /// 基本称职 → 诫勉 (诫勉通知书).
    Warning,
    /// Team 差 → the main leader removed (就地免职).
    LeaderRemoval,
    /// Team 差 → the deputies compete for their posts (副职竞争上岗).
    DeputiesCompete,
    /// Team 一般 → the members compete for posts (班子成员竞争上岗).
    TeamCompete,
}

impl ConsequenceKind {
    /// Display name.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (ConsequenceKind::Removal, true) => "免职",
            (ConsequenceKind::Warning, true) => "诫勉",
            (ConsequenceKind::LeaderRemoval, true) => "主要领导免职",
            (ConsequenceKind::DeputiesCompete, true) => "副职竞争上岗",
            (ConsequenceKind::TeamCompete, true) => "班子成员竞争上岗",
            (ConsequenceKind::Removal, false) => "Removal from post",
            (ConsequenceKind::Warning, false) => "Formal warning",
            (ConsequenceKind::LeaderRemoval, false) => "Main leader removed",
            (ConsequenceKind::DeputiesCompete, false) => "Deputies compete for posts",
            (ConsequenceKind::TeamCompete, false) => "Members compete for posts",
        }
    }

    /// Whether it is about a unit's team (else about one cadre).
    pub fn of_team(self) -> bool {
        !matches!(self, ConsequenceKind::Removal | ConsequenceKind::Warning)
    }
}

/// The records of annual assessments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnualAssessmentEvent {
    /// A cadre's scores from each rater group for a year (or their correction).
    AssessmentRated {
        /// The year assessed.
        year: i32,
        /// The cadre (`cadre_selection`).
        cadre: String,
        /// The unit they were assessed in.
        unit: String,
        /// Each group's score, hundredths of a point (0 to 10000).
        scores: BTreeMap<RaterGroup, u32>,
        /// Whether they passed the year's 党风廉政建设责任制 check.
        integrity_passed: bool,
        /// The day.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A cadre's grade for a year (or its correction).
    AssessmentGraded {
        /// The year.
        year: i32,
        /// The cadre.
        cadre: String,
        /// 优秀 / 称职 / 基本称职 / 不称职.
        grade: AnnualGrade,
        /// On what grounds (required below 称职).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        grounds: String,
        /// The day it was decided.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A unit's leadership team's grade for a year (or its correction).
    TeamGraded {
        /// The year.
        year: i32,
        /// The unit.
        unit: String,
        /// 好 / 较好 / 一般 / 差.
        grade: TeamGrade,
        /// On what grounds (required for 一般 and 差).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        grounds: String,
        /// The day it was decided.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A consequence of a grade carried out (a 诫勉通知书 served, a removal decided).
    ConsequenceDone {
        /// The year assessed.
        year: i32,
        /// The cadre, for a cadre's consequence (else empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        cadre: String,
        /// The unit, for a team's consequence (else empty).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        /// Which consequence.
        consequence: ConsequenceKind,
        /// What was done (document number, meeting).
        done: String,
        /// The day.
        on: NaiveDate,
        /// Why it was corrected (empty for a first record).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
        /// The versions it replaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl AnnualAssessmentEvent {
    /// With the cadre records; the organization department's recorder and approver
    /// write them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("assessment_rated", Cadre, &[Recorder, Approver]),
        rule("assessment_graded", Cadre, &[Recorder, Approver]),
        rule("team_graded", Cadre, &[Recorder, Approver]),
        rule("consequence_done", Cadre, &[Recorder, Approver]),
    ];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: none.
    pub const ID_LIST_KEYS: &'static [&'static str] = &[];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["cadre"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "assessment_rated",
        "assessment_graded",
        "team_graded",
        "consequence_done",
    ];

    /// Cadre records are county-wide, about no one township.
    pub fn about(&self) -> Option<About> {
        None
    }

    /// No payload field has its own access rule.
    pub fn field_text(&self, _field: &str) -> Option<&str> {
        None
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            AnnualAssessmentEvent::AssessmentRated { .. } => "assessment_rated",
            AnnualAssessmentEvent::AssessmentGraded { .. } => "assessment_graded",
            AnnualAssessmentEvent::TeamGraded { .. } => "team_graded",
            AnnualAssessmentEvent::ConsequenceDone { .. } => "consequence_done",
        }
    }

    /// Every id the body names: the cadre and the versions it replaces.
    pub fn ids(&self) -> Vec<&str> {
        let (cadre, supersedes) = match self {
            AnnualAssessmentEvent::AssessmentRated {
                cadre, supersedes, ..
            }
            | AnnualAssessmentEvent::AssessmentGraded {
                cadre, supersedes, ..
            }
            | AnnualAssessmentEvent::ConsequenceDone {
                cadre, supersedes, ..
            } => (cadre.as_str(), supersedes),
            AnnualAssessmentEvent::TeamGraded { supersedes, .. } => ("", supersedes),
        };
        let cadre = Some(cadre).filter(|c| !c.is_empty());
        cadre
            .into_iter()
            .chain(supersedes.iter().map(String::as_str))
            .collect()
    }

    /// The subject: the year and what it is about.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            AnnualAssessmentEvent::AssessmentRated { year, cadre, .. }
            | AnnualAssessmentEvent::AssessmentGraded { year, cadre, .. } => {
                write!(out, "assessment/{year}/{cadre}")
            }
            AnnualAssessmentEvent::TeamGraded { year, unit, .. } => {
                write!(out, "assessment/{year}/team/{unit}")
            }
            AnnualAssessmentEvent::ConsequenceDone {
                year, cadre, unit, ..
            } => write!(out, "assessment/{year}/consequence/{cadre}{unit}"),
        }
    }
}
