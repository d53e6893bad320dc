//! Master data and policy events: the shared records every workflow reads
//! (townships, villages and their heads, policy changes).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::access::{rule, FieldRule, KindRule, ScopeKind::Common};
use super::event::Role::{Admin, Organizer};

use super::policy::Policy;

/// A master-data or policy fact. Serialized externally tagged, as every event body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MasterEvent {
    /// A township (乡镇/苏木镇) was added or renamed.
    TownshipRecorded {
        township: String,
        name: String,
        /// The versions of this record it replaces (filled in by `command::decide`):
        /// `None` in records of earlier versions, which replace every earlier one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
    /// A village (村/嘎查) with its registered population was added or updated.
    VillageRecorded {
        village: String,
        township: String,
        name: String,
        population: u32,
        /// The versions of this record it replaces (filled in by `command::decide`):
        /// `None` in records of earlier versions, which replace every earlier one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
    /// The village's two heads (书记, 主任) were recorded.
    HeadsRecorded {
        village: String,
        secretary: String,
        director: String,
        /// The versions of this record it replaces (filled in by `command::decide`):
        /// `None` in records of earlier versions, which replace every earlier one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
    /// A new policy applies from `effective_from` (a policy change is an event).
    PolicyChanged {
        effective_from: NaiveDate,
        /// The policy (boxed: it is far larger than the other records).
        policy: Box<Policy>,
        /// The changes of the same effective date it replaces (filled in by
        /// `command::decide`); `None` in records of earlier versions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
}

impl MasterEvent {
    /// Who may write each kind, and the database it lives in (`domain::access`).
    pub const ACCESS: &'static [KindRule] = &[
        rule("township_recorded", Common, &[Admin]),
        rule("village_recorded", Common, &[Admin]),
        rule("heads_recorded", Common, &[Admin, Organizer]),
        rule("policy_changed", Common, &[Admin]),
    ];
    /// Payload fields that narrow who may write a kind: none here.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none here.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];

    /// Payload keys whose list value holds ids: none of its own.
    pub const ID_LIST_KEYS: &'static [&'static str] = &[];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["township", "village"];
    /// Every kind of this part, as serialized (the registry dispatches on them).
    pub const KINDS: &'static [&'static str] = &[
        "township_recorded",
        "village_recorded",
        "heads_recorded",
        "policy_changed",
    ];

    /// Master data and policy are common to the county, about no one township.
    pub fn about(&self) -> Option<crate::domain::access::About> {
        None
    }

    /// No payload field of master data has its own access rule.
    pub fn field_text(&self, _field: &str) -> Option<&str> {
        None
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            MasterEvent::TownshipRecorded { .. } => "township_recorded",
            MasterEvent::VillageRecorded { .. } => "village_recorded",
            MasterEvent::HeadsRecorded { .. } => "heads_recorded",
            MasterEvent::PolicyChanged { .. } => "policy_changed",
        }
    }

    /// Every id this body refers to (things, indicators, events it supersedes or
    /// answers), each of which must use the safe alphabet (`domain::id`).
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            MasterEvent::TownshipRecorded {
                township,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            MasterEvent::VillageRecorded {
                village,
                township,
                supersedes,
                ..
            } => {
                out.extend([village.as_str(), township]);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            MasterEvent::HeadsRecorded {
                village,
                supersedes,
                ..
            } => {
                out.push(village);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            MasterEvent::PolicyChanged { supersedes, .. } => {
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
        }
        out
    }
}

impl MasterEvent {
    /// Write the subject it belongs to: `master` or `policy`.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        out.write_str(match self {
            MasterEvent::PolicyChanged { .. } => "policy",
            _ => "master",
        })
    }
}
