//! The records of rotation and secondment (轮岗、借用, W10, seed 001 株洲): a post marked as
//! a key post (人、财、物、项目审批), a rotation recorded (轮岗交流, closing the alert), a
//! secondment (借用) and its end. Each is a correctable record: a correction or withdrawal
//! is a new record naming the one it corrects, with the reason. All live with the county's
//! cadre records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Cadre};
use crate::domain::event::Role::{Admin, Approver, Recorder};

/// The records of rotation and secondment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RotationEvent {
    /// A post marked as a key post (涉及人、财、物、项目申报等关键岗位), or the marking
    /// corrected or withdrawn.
    KeyPostMarked {
        /// The W4 post's id, when the post is in the post list (empty: matched by unit and
        /// title).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        post: String,
        /// The unit (单位).
        unit: String,
        /// The post's title (职务).
        title: String,
        /// Why it is a key post (what it controls).
        basis: String,
        /// The record it corrects (the id of the event that first recorded it; empty for
        /// a new one).
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
    /// A cadre rotated (轮岗交流) from one post to another on a day: it closes the alert
    /// and the years in post count again from that day.
    RotationRecorded {
        /// The cadre.
        cadre: String,
        /// The unit left.
        from_unit: String,
        /// The post left.
        from_title: String,
        /// The unit rotated to.
        to_unit: String,
        /// The post rotated to.
        to_title: String,
        /// The day.
        on: NaiveDate,
        /// The decision (文号、会议), if any.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
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
    /// A person borrowed (借用) from another unit from a day (seed 001: at most 2 months,
    /// with the leaders' consent, filed with the personnel office).
    SecondmentRecorded {
        /// The person's name.
        name: String,
        /// The unit they come from.
        from_unit: String,
        /// The unit borrowing them.
        to_unit: String,
        /// The first day.
        start: NaiveDate,
        /// Who agreed, where it was filed (经主要领导、分管领导同意，报人事教育科备案).
        basis: String,
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
    /// A secondment ended (the person went back) on a day.
    SecondmentEnded {
        /// The secondment (the id of the event that first recorded it).
        secondment: String,
        /// The last day.
        on: NaiveDate,
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
}

impl RotationEvent {
    /// With the cadre records; the organization department's recorder, approver and the
    /// administrator (who keeps the post list) write them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("key_post_marked", Cadre, &[Recorder, Approver, Admin]),
        rule("rotation_recorded", Cadre, &[Recorder, Approver, Admin]),
        rule("secondment_recorded", Cadre, &[Recorder, Approver, Admin]),
        rule("secondment_ended", Cadre, &[Recorder, Approver, Admin]),
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
    pub const ID_KEYS: &'static [&'static str] = &["cadre", "post", "secondment", "corrects"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &[
        "key_post_marked",
        "rotation_recorded",
        "secondment_recorded",
        "secondment_ended",
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
            RotationEvent::KeyPostMarked { .. } => "key_post_marked",
            RotationEvent::RotationRecorded { .. } => "rotation_recorded",
            RotationEvent::SecondmentRecorded { .. } => "secondment_recorded",
            RotationEvent::SecondmentEnded { .. } => "secondment_ended",
        }
    }

    /// The record corrected and the versions replaced.
    fn fix_ids(&self) -> (&String, &Vec<String>) {
        match self {
            RotationEvent::KeyPostMarked {
                corrects,
                supersedes,
                ..
            }
            | RotationEvent::RotationRecorded {
                corrects,
                supersedes,
                ..
            }
            | RotationEvent::SecondmentRecorded {
                corrects,
                supersedes,
                ..
            }
            | RotationEvent::SecondmentEnded {
                corrects,
                supersedes,
                ..
            } => (corrects, supersedes),
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        let own = match self {
            RotationEvent::KeyPostMarked { post, .. } => Some(post),
            RotationEvent::RotationRecorded { cadre, .. } => Some(cadre),
            RotationEvent::SecondmentEnded { secondment, .. } => Some(secondment),
            RotationEvent::SecondmentRecorded { .. } => None,
        };
        let (corrects, supersedes) = self.fix_ids();
        own.into_iter()
            .chain(Some(corrects))
            .filter(|c| !c.is_empty())
            .chain(supersedes)
            .map(String::as_str)
            .collect()
    }

    /// The subject: the cadre, the post, or the secondment.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            RotationEvent::KeyPostMarked { unit, title, .. } => {
                write!(out, "rotation/key/{unit}{title}")
            }
            RotationEvent::RotationRecorded { cadre, .. } => write!(out, "rotation/{cadre}"),
            RotationEvent::SecondmentRecorded { name, .. } => {
                write!(out, "rotation/secondment/{name}")
            }
            RotationEvent::SecondmentEnded { secondment, .. } => {
                write!(out, "rotation/secondment/{secondment}")
            }
        }
    }
}
