//! Village performance pay (村级绩效考核, W1) events.

use crate::domain::access::About;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, FieldRule, KindRule, ScopeKind::Township};
use crate::domain::event::Role::{Assessor, Organizer, VillageHead};

use super::{Indicator, Outcome, Period, VillageResult};

/// A village-pay fact. Serialized externally tagged, `{"scores_submitted": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillagePayEvent {
    /// The township's indicator set (考评内容) for a year was published (immutable).
    IndicatorsPublished {
        township: String,
        year: i32,
        version: u32,
        indicators: Vec<Indicator>,
        /// Ids of the published sets this one replaces (empty in records made before
        /// sets named what they replace: then it replaces every lower version).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
        /// Why, when it settles concurrent publications.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// Scores for one village and period, entered by an assessor (or a recorded correction).
    ScoresSubmitted {
        village: String,
        year: i32,
        period: Period,
        indicator_version: u32,
        /// Event id of the indicator set scored against (empty in older records: then
        /// the set is found by `indicator_version`).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        indicator_set: String,
        /// Indicator id → score in half points.
        scores: BTreeMap<String, u32>,
        assessor: String,
        assessed_on: NaiveDate,
        note: String,
        /// Ids of the submissions this one replaces (empty for a first submission).
        supersedes: Vec<String>,
        /// Why a correction was made (empty for a first submission).
        reason: String,
    },
    /// Publicity (公示) of a period's result opened on `start`.
    PublicityOpened {
        village: String,
        year: i32,
        period: Period,
        start: NaiveDate,
        /// Ids of the score versions publicized (empty in older records: whatever stands).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        versions: Vec<String>,
        /// Last day of the window, as announced when recorded (`None` in older records:
        /// computed from the policy in force on `start`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<NaiveDate>,
    },
    /// An objection (异议) raised during publicity.
    ObjectionRaised {
        village: String,
        year: i32,
        period: Period,
        objector: String,
        content: String,
        raised_on: NaiveDate,
    },
    /// An objection resolved: upheld (with the corrected scores) or dismissed.
    ObjectionResolved {
        village: String,
        year: i32,
        period: Period,
        /// Id of the `ObjectionRaised` event.
        objection: String,
        outcome: Outcome,
        resolved_on: NaiveDate,
    },
    /// A reviewer chose the scores that stand after a review (concurrent entries, a
    /// sheet of an outdated indicator set, a change after 公示 or 定稿, an objection
    /// resolved two ways). `supersedes` names every record it replaces.
    ConflictResolved {
        village: String,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
        supersedes: Vec<String>,
        reason: String,
        /// Event id of the indicator set scored against (empty in older records: the
        /// current set).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        indicator_set: String,
    },
    /// A period's result was finalized (定稿) after publicity.
    ResultFinalized {
        village: String,
        year: i32,
        period: Period,
        finalized_on: NaiveDate,
        /// Ids of the score versions finalized (empty in older records: whatever stands).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        versions: Vec<String>,
    },
    /// The township's villages were graded and pay computed for a year.
    TownshipGraded {
        township: String,
        year: i32,
        graded_on: NaiveDate,
        results: Vec<VillageResult>,
        /// Earlier gradings this one replaces, with `reason`.
        supersedes: Vec<String>,
        reason: String,
    },
    /// The 诫勉谈话 with a 不合格 village's heads took place.
    WarningTalkHeld {
        village: String,
        year: i32,
        held_by: String,
        held_on: NaiveDate,
        note: String,
    },
    /// The 限期整改 item of a 不合格 village was completed.
    RectificationCompleted {
        village: String,
        year: i32,
        completed_on: NaiveDate,
        note: String,
    },
}

impl VillagePayEvent {
    /// Who may write each kind, and the database it lives in (`domain::access`): a
    /// township's database, written by its organizer and assessors; village heads
    /// may raise objections.
    pub const ACCESS: &'static [KindRule] = &[
        rule("indicators_published", Township, &[Organizer]),
        rule("scores_submitted", Township, &[Assessor, Organizer]),
        rule("publicity_opened", Township, &[Organizer]),
        rule(
            "objection_raised",
            Township,
            &[Organizer, Assessor, VillageHead],
        ),
        rule("objection_resolved", Township, &[Organizer]),
        rule("conflict_resolved", Township, &[Organizer]),
        rule("result_finalized", Township, &[Organizer]),
        rule("township_graded", Township, &[Organizer]),
        rule("warning_talk_held", Township, &[Organizer]),
        rule("rectification_completed", Township, &[Organizer]),
    ];
    /// Payload fields that narrow who may write a kind: none here.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none here.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];

    /// Folded with the rest as the log opens: home's to-dos and its pages read it at once.
    pub const FOLDS_LATER: bool = false;
    /// Payload keys whose list value holds ids: the versions a finalization names.
    pub const ID_LIST_KEYS: &'static [&'static str] = &["versions"];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] =
        &["indicator_set", "objection", "township", "village"];
    /// Every kind of this part, as serialized (the registry dispatches on them).
    pub const KINDS: &'static [&'static str] = &[
        "indicators_published",
        "scores_submitted",
        "publicity_opened",
        "objection_raised",
        "objection_resolved",
        "conflict_resolved",
        "result_finalized",
        "township_graded",
        "warning_talk_held",
        "rectification_completed",
    ];

    /// What the record is about: a township's year or a village (its database follows).
    pub fn about(&self) -> Option<About> {
        use VillagePayEvent::*;
        match self {
            IndicatorsPublished { township, .. } | TownshipGraded { township, .. } => {
                Some(About::Township(township.clone()))
            }
            ScoresSubmitted { village, .. }
            | PublicityOpened { village, .. }
            | ObjectionRaised { village, .. }
            | ObjectionResolved { village, .. }
            | ConflictResolved { village, .. }
            | ResultFinalized { village, .. }
            | WarningTalkHeld { village, .. }
            | RectificationCompleted { village, .. } => Some(About::Village(village.clone())),
        }
    }

    /// No payload field of a W1 record has its own access rule.
    pub fn field_text(&self, _field: &str) -> Option<&str> {
        None
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            VillagePayEvent::IndicatorsPublished { .. } => "indicators_published",
            VillagePayEvent::ScoresSubmitted { .. } => "scores_submitted",
            VillagePayEvent::PublicityOpened { .. } => "publicity_opened",
            VillagePayEvent::ObjectionRaised { .. } => "objection_raised",
            VillagePayEvent::ObjectionResolved { .. } => "objection_resolved",
            VillagePayEvent::ConflictResolved { .. } => "conflict_resolved",
            VillagePayEvent::ResultFinalized { .. } => "result_finalized",
            VillagePayEvent::TownshipGraded { .. } => "township_graded",
            VillagePayEvent::WarningTalkHeld { .. } => "warning_talk_held",
            VillagePayEvent::RectificationCompleted { .. } => "rectification_completed",
        }
    }

    /// Every id this body refers to (things, indicators, events it supersedes or
    /// answers), each of which must use the safe alphabet (`domain::id`).
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            VillagePayEvent::IndicatorsPublished {
                township,
                indicators,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(indicators.iter().map(|i| i.id.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
            VillagePayEvent::ScoresSubmitted {
                village,
                scores,
                supersedes,
                indicator_set,
                ..
            }
            | VillagePayEvent::ConflictResolved {
                village,
                scores,
                supersedes,
                indicator_set,
                ..
            } => {
                out.push(village);
                out.extend(scores.keys().map(String::as_str));
                out.extend(supersedes.iter().map(String::as_str));
                out.extend(Some(indicator_set.as_str()).filter(|s| !s.is_empty()));
            }
            VillagePayEvent::PublicityOpened {
                village, versions, ..
            }
            | VillagePayEvent::ResultFinalized {
                village, versions, ..
            } => {
                out.push(village);
                out.extend(versions.iter().map(String::as_str));
            }
            VillagePayEvent::ObjectionRaised { village, .. }
            | VillagePayEvent::WarningTalkHeld { village, .. }
            | VillagePayEvent::RectificationCompleted { village, .. } => out.push(village),
            VillagePayEvent::ObjectionResolved {
                village,
                objection,
                outcome,
                ..
            } => {
                out.extend([village.as_str(), objection]);
                if let Outcome::Upheld {
                    scores,
                    supersedes,
                    indicator_set,
                    ..
                } = outcome
                {
                    out.extend(scores.keys().map(String::as_str));
                    out.extend(supersedes.iter().map(String::as_str));
                    out.extend(Some(indicator_set.as_str()).filter(|s| !s.is_empty()));
                }
            }
            VillagePayEvent::TownshipGraded {
                township,
                results,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(results.iter().map(|r| r.village.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
        }
        out
    }
}

impl VillagePayEvent {
    /// Write the subject it belongs to: `w1/<township>/<year>` for a township's
    /// records, `w1v/<village>/<year>` for a village's.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            VillagePayEvent::IndicatorsPublished { township, year, .. }
            | VillagePayEvent::TownshipGraded { township, year, .. } => {
                write!(out, "w1/{township}/{year}")
            }
            VillagePayEvent::ScoresSubmitted { village, year, .. }
            | VillagePayEvent::PublicityOpened { village, year, .. }
            | VillagePayEvent::ObjectionRaised { village, year, .. }
            | VillagePayEvent::ConflictResolved { village, year, .. }
            | VillagePayEvent::ObjectionResolved { village, year, .. }
            | VillagePayEvent::ResultFinalized { village, year, .. }
            | VillagePayEvent::WarningTalkHeld { village, year, .. }
            | VillagePayEvent::RectificationCompleted { village, year, .. } => {
                write!(out, "w1v/{village}/{year}")
            }
        }
    }
}
