//! The records of village heads and their care: a version of one tenure (任职), and the
//! county's confirmation of one year's 退后关爱 list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, About, FieldRule, KindRule, ScopeKind::Common};
use crate::domain::event::Role;
use crate::domain::form::{choice, Choice};

/// A village's two 正职 posts (两委正职).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadPost {
    /// 村(嘎查)党组织书记.
    Secretary,
    /// 村(嘎查)委员会主任.
    Director,
}

impl HeadPost {
    /// The posts as a form's options.
    pub const CHOICES: &'static [Choice] = &[
        choice("secretary", "党组织书记", "Party secretary"),
        choice("director", "村委会主任", "Committee director"),
    ];

    /// Its name.
    pub fn label(self, zh: bool) -> &'static str {
        let index = match self {
            HeadPost::Secretary => 0,
            HeadPost::Director => 1,
        };
        Self::CHOICES[index].label(zh)
    }
}

/// Why a tenure ended (离任原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// 换届离任.
    TermEnded,
    /// 辞职.
    Resigned,
    /// 调任.
    Transferred,
    /// 免职、罢免.
    Dismissed,
    /// 退休.
    Retired,
    /// 去世: no care is paid after it.
    Died,
    /// 其他.
    Other,
}

impl EndReason {
    /// Every reason, in the order a form offers them.
    pub const ALL: [EndReason; 7] = [
        EndReason::TermEnded,
        EndReason::Resigned,
        EndReason::Transferred,
        EndReason::Dismissed,
        EndReason::Retired,
        EndReason::Died,
        EndReason::Other,
    ];

    /// Its serialized name.
    pub fn key(self) -> &'static str {
        match self {
            EndReason::TermEnded => "term_ended",
            EndReason::Resigned => "resigned",
            EndReason::Transferred => "transferred",
            EndReason::Dismissed => "dismissed",
            EndReason::Retired => "retired",
            EndReason::Died => "died",
            EndReason::Other => "other",
        }
    }

    /// The reason with this serialized name.
    pub fn from_key(key: &str) -> Option<EndReason> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Its name.
    pub fn label(self, zh: bool) -> &'static str {
        let (z, e) = match self {
            EndReason::TermEnded => ("换届离任", "Term ended"),
            EndReason::Resigned => ("辞职", "Resigned"),
            EndReason::Transferred => ("调任", "Transferred"),
            EndReason::Dismissed => ("免职或罢免", "Dismissed"),
            EndReason::Retired => ("退休", "Retired"),
            EndReason::Died => ("去世", "Died"),
            EndReason::Other => ("其他", "Other"),
        };
        if zh {
            z
        } else {
            e
        }
    }
}

/// One tenure as a version records it: who held which post of which village, from
/// `start` (the first day in office) until `end` (the day they left it; none while
/// they hold it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenure {
    /// The person (an id kept across their tenures).
    pub person: String,
    /// Their name.
    pub name: String,
    /// The village.
    pub village: String,
    /// The post.
    pub post: HeadPost,
    /// 任职日期: the first day in office.
    pub start: NaiveDate,
    /// 离任日期: the day they left office (not counted as served).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Why they left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<EndReason>,
}

/// One former head on a confirmed care list, with what was paid for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareEntry {
    /// The person.
    pub person: String,
    /// Their name as confirmed.
    pub name: String,
    /// Days served as 正职, as confirmed.
    pub served_days: u32,
    /// The year's subsidy, whole yuan.
    pub yuan: u32,
}

/// Why someone who qualifies is left off a year's care list. The list lives with the
/// master data, which every user reads: the reasons say no more than a published list
/// would (a sanction is "其他原因", its details kept in the county's own files).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// 已去世 (after leaving office).
    Died,
    /// 户籍或居住地迁出本旗县.
    MovedAway,
    /// 本人自愿放弃.
    Declined,
    /// 其他原因.
    Other,
}

impl ExclusionReason {
    /// Every reason, in the order a form offers them.
    pub const ALL: [ExclusionReason; 4] = [
        ExclusionReason::Died,
        ExclusionReason::MovedAway,
        ExclusionReason::Declined,
        ExclusionReason::Other,
    ];

    /// Its serialized name.
    pub fn key(self) -> &'static str {
        match self {
            ExclusionReason::Died => "died",
            ExclusionReason::MovedAway => "moved_away",
            ExclusionReason::Declined => "declined",
            ExclusionReason::Other => "other",
        }
    }

    /// The reason with this serialized name.
    pub fn from_key(key: &str) -> Option<ExclusionReason> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Its name.
    pub fn label(self, zh: bool) -> &'static str {
        let (z, e) = match self {
            ExclusionReason::Died => ("已去世", "Has died"),
            ExclusionReason::MovedAway => ("已迁出本旗县", "Moved out of the county"),
            ExclusionReason::Declined => ("本人放弃", "Declined"),
            ExclusionReason::Other => ("其他原因", "Other reasons"),
        };
        if zh {
            z
        } else {
            e
        }
    }
}

/// One former head who qualifies but was left off a confirmed list, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareExclusion {
    /// The person.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Why.
    pub reason: ExclusionReason,
}

/// The village heads' records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageHeadsEvent {
    /// A version of one tenure: a new one, or a correction or its end replacing the
    /// versions named.
    TenureRecorded {
        /// The tenure's id.
        tenure: String,
        /// What it records.
        record: Tenure,
        /// The versions of this tenure it replaces (empty: a new tenure).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// The county confirmed a year's 退后关爱 list (or confirmed it anew, replacing the
    /// confirmations named).
    CareListConfirmed {
        /// The year paid for.
        year: i32,
        /// Who is paid, and how much.
        entries: Vec<CareEntry>,
        /// Who qualified but is not paid, and why.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        excluded: Vec<CareExclusion>,
        /// The confirmations of this year it replaces (empty: the first).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl VillageHeadsEvent {
    /// Kept with the master data (every user reads who heads a village); the county's
    /// organization department writes them.
    pub const ACCESS: &'static [KindRule] = &[
        rule("tenure_recorded", Common, &[Role::Admin]),
        rule("care_list_confirmed", Common, &[Role::Admin]),
    ];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];
    /// Folded on its own (its fold reads no other part): after the app is drawn.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: none of its own.
    pub const ID_LIST_KEYS: &'static [&'static str] = &[];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["person", "tenure", "village"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &["tenure_recorded", "care_list_confirmed"];

    /// Not a township's record: it lives with the master data.
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
            VillageHeadsEvent::TenureRecorded { .. } => "tenure_recorded",
            VillageHeadsEvent::CareListConfirmed { .. } => "care_list_confirmed",
        }
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            VillageHeadsEvent::TenureRecorded {
                tenure,
                record,
                supersedes,
            } => {
                out.extend([tenure.as_str(), &record.person, &record.village]);
                out.extend(supersedes.iter().map(String::as_str));
            }
            VillageHeadsEvent::CareListConfirmed {
                entries,
                excluded,
                supersedes,
                ..
            } => {
                out.extend(entries.iter().map(|e| e.person.as_str()));
                out.extend(excluded.iter().map(|e| e.person.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
        }
        out
    }

    /// The subject: a tenure (`heads/<tenure>`) or a year's list (`care/<year>`).
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            VillageHeadsEvent::TenureRecorded { tenure, .. } => write!(out, "heads/{tenure}"),
            VillageHeadsEvent::CareListConfirmed { year, .. } => write!(out, "care/{year}"),
        }
    }
}
