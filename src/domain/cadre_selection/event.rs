//! Cadre selection (干部选任纪实, W4/W4b) events: the cadre pool and each case.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{
    rule, FieldRule, KindRule,
    ScopeKind::{Cadre, Personal},
};
use crate::domain::event::Role::{
    Admin, Approver, CadreChief, Recorder, Reviewer, SupervisionChief,
};

use super::{CadreProfile, Ending, PersonalMatters, Round, SignOff, StepRecord, Submission};

/// A cadre-selection fact. Serialized externally tagged; the case kinds keep their
/// stored names (`w4_case_opened`, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadreSelectionEvent {
    /// A cadre's profile (干部信息) was recorded or updated.
    CadreRecorded {
        cadre: String,
        /// Shared with the state that keeps it (`Arc`): folding never copies it.
        profile: Arc<CadreProfile>,
        /// Ids of the versions of this cadre this one replaces (empty: a new cadre).
        /// `None` (records of earlier versions): it replaces every version recorded
        /// before it, by (recorded_at, id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
    /// A post (职位) with its quota (职数) in a unit was recorded or updated.
    PostRecorded {
        post: String,
        unit: String,
        title: String,
        quota: u32,
        /// As for `CadreRecorded`: the versions replaced; `None` = every earlier one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
    /// A selection case (选任事项) for one or more posts was opened.
    #[serde(rename = "w4_case_opened")]
    CaseOpened {
        case: String,
        title: String,
        posts: Vec<String>,
        opened_on: NaiveDate,
    },
    /// One record of a step of a case (or a correction naming what it `supersedes`).
    #[serde(rename = "w4_step_recorded")]
    StepRecorded {
        case: String,
        /// Shared with the state that keeps it (`Arc`): folding never copies it.
        record: Arc<StepRecord>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A disclosure (有关事项公开) of a cadre's matters, with its working-day window.
    #[serde(rename = "w4_disclosed")]
    Disclosed {
        case: String,
        cadre: String,
        round: Round,
        start: NaiveDate,
        end: NaiveDate,
        /// Shared with the state that keeps it (`Arc`): folding never copies it.
        matters: Arc<PersonalMatters>,
        /// Disclosures of this case it corrects (naming every one of a conflict
        /// resolves it). Empty: a new disclosure.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
        /// Why it was corrected (empty for a new disclosure).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A re-check or signature of a case's record for a submission node.
    #[serde(rename = "w4_signed")]
    Signed {
        case: String,
        node: Submission,
        sign: SignOff,
        signer: String,
        on: NaiveDate,
        /// Digest of the records the signer saw (`cadre_selection::Case::digest`); a later change
        /// of them makes the signature stale. Empty in records of earlier versions.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        over: String,
        /// Digest of the disclosures (and, for 二次提交, endings) the signer saw
        /// (`cadre_selection::Case::annex_digest`). Empty in records of earlier versions, which saw
        /// those recorded before them.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        annex: String,
        /// Signatures of the same line this one replaces (a competing signature of
        /// the line withdrawn by the signer who stands). Empty: a first signature.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
    /// A case's record was submitted (初次提交 / 二次提交).
    #[serde(rename = "w4_submitted")]
    Submitted {
        case: String,
        node: Submission,
        on: NaiveDate,
        /// Digest of the records submitted, as for `CadreSelectionEvent::Signed`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        over: String,
        /// Digest of the disclosures and endings submitted, as for `CadreSelectionEvent::Signed`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        annex: String,
    },
    /// A case ended without (further) appointment, with the reason; it takes no more
    /// step records. With `ending` = `Revoked` it withdraws the endings it supersedes.
    #[serde(rename = "w4_case_ended")]
    CaseEnded {
        case: String,
        on: NaiveDate,
        ending: Ending,
        reason: String,
        /// Digest of every step record the ending saw (`cadre_selection::Case::digest_all`): a
        /// record it did not see (made concurrently on another phone) is a conflict.
        /// Empty in records of earlier versions, which saw those recorded before them.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        over: String,
        /// Endings of this case it replaces (a corrected ending, a conflict resolved,
        /// or an ending revoked). Empty: a first ending.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
    },
}

impl CadreSelectionEvent {
    /// Who may write each kind, and the database it lives in (`domain::access`): the
    /// county's cadre database, and personal matters in their own.
    pub const ACCESS: &'static [KindRule] = &[
        rule("cadre_recorded", Cadre, &[Admin]),
        rule("post_recorded", Cadre, &[Admin]),
        rule("w4_case_opened", Cadre, &[Recorder]),
        rule("w4_step_recorded", Cadre, &[Recorder]),
        rule("w4_case_ended", Cadre, &[Recorder]),
        rule(
            "w4_signed",
            Cadre,
            &[Recorder, Reviewer, CadreChief, SupervisionChief, Approver],
        ),
        rule("w4_submitted", Cadre, &[Approver]),
        rule("w4_disclosed", Personal, &[Recorder]),
    ];

    /// Each line of a 纪实表 is signed only by its own roles (seed 003; `SignOff`).
    pub const FIELD_RULES: &'static [FieldRule] = &[FieldRule {
        kind: "w4_signed",
        field: "sign",
        values: &[
            ("recheck", &[Recorder, Reviewer]),
            ("recorder", &[Recorder]),
            ("cadre_section_chief", &[CadreChief]),
            ("supervision_section_chief", &[SupervisionChief]),
            ("deputy_head", &[Approver]),
        ],
    }];

    /// One person signs one line of a 纪实表, in their own name: a signature's
    /// `signer` must be its author. The server refuses any other value from everyone,
    /// server admins included, and every phone quarantines it (`record::check_event`).
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[("w4_signed", "signer")];

    /// Folded after the app is drawn (`workflows::folds_later`): its fold reads no other
    /// part's state and none reads its; it is three quarters of a county's log.
    pub const FOLDS_LATER: bool = true;
    /// Payload keys whose list value holds ids: a case's posts.
    pub const ID_LIST_KEYS: &'static [&'static str] = &["posts"];
    /// Payload keys whose text value is an id (the server's id walk, `sync::validate`).
    pub const ID_KEYS: &'static [&'static str] = &["case", "cadre", "complaint", "post"];
    /// Every kind of this part, as serialized (the registry dispatches on them).
    pub const KINDS: &'static [&'static str] = &[
        "cadre_recorded",
        "post_recorded",
        "w4_case_opened",
        "w4_step_recorded",
        "w4_disclosed",
        "w4_signed",
        "w4_submitted",
        "w4_case_ended",
    ];

    /// Cadre records are county-wide, about no one township.
    pub fn about(&self) -> Option<crate::domain::access::About> {
        None
    }

    /// The signed line (`sign`, as serialized) and the signer (`signer`) of a signature,
    /// which `FIELD_RULES` and `AUTHOR_FIELDS` name.
    pub fn field_text(&self, field: &str) -> Option<&str> {
        match (self, field) {
            (CadreSelectionEvent::Signed { sign, .. }, "sign") => Some(sign.key()),
            (CadreSelectionEvent::Signed { signer, .. }, "signer") => Some(signer),
            _ => None,
        }
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            CadreSelectionEvent::CadreRecorded { .. } => "cadre_recorded",
            CadreSelectionEvent::PostRecorded { .. } => "post_recorded",
            CadreSelectionEvent::CaseOpened { .. } => "w4_case_opened",
            CadreSelectionEvent::StepRecorded { .. } => "w4_step_recorded",
            CadreSelectionEvent::Disclosed { .. } => "w4_disclosed",
            CadreSelectionEvent::Signed { .. } => "w4_signed",
            CadreSelectionEvent::Submitted { .. } => "w4_submitted",
            CadreSelectionEvent::CaseEnded { .. } => "w4_case_ended",
        }
    }

    /// Every id this body refers to (things, indicators, events it supersedes or
    /// answers), each of which must use the safe alphabet (`domain::id`).
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            CadreSelectionEvent::CadreRecorded {
                cadre,
                profile,
                supersedes,
            } => {
                out.push(cadre);
                let posts = profile.positions.iter().map(|p| p.post.as_str());
                out.extend(posts.filter(|p| !p.is_empty()));
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            CadreSelectionEvent::PostRecorded {
                post, supersedes, ..
            } => {
                out.push(post);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            CadreSelectionEvent::CaseOpened { case, posts, .. } => {
                out.push(case);
                out.extend(posts.iter().map(String::as_str));
            }
            CadreSelectionEvent::StepRecorded {
                case,
                record,
                supersedes,
                ..
            } => {
                out.push(case);
                out.extend(record.ids().into_iter().map(|(id, _)| id));
                out.extend(supersedes.iter().map(String::as_str));
            }
            CadreSelectionEvent::Disclosed {
                case,
                cadre,
                supersedes,
                ..
            } => {
                out.extend([case.as_str(), cadre]);
                out.extend(supersedes.iter().map(String::as_str));
            }
            CadreSelectionEvent::Signed {
                case, supersedes, ..
            }
            | CadreSelectionEvent::CaseEnded {
                case, supersedes, ..
            } => {
                out.push(case);
                out.extend(supersedes.iter().map(String::as_str));
            }
            CadreSelectionEvent::Submitted { case, .. } => out.push(case),
        }
        out
    }
}

impl CadreSelectionEvent {
    /// Write the subject it belongs to: `master` for the cadre pool, `w4/<case>` for a
    /// case.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self {
            CadreSelectionEvent::CadreRecorded { .. }
            | CadreSelectionEvent::PostRecorded { .. } => out.write_str("master"),
            CadreSelectionEvent::CaseOpened { case, .. }
            | CadreSelectionEvent::StepRecorded { case, .. }
            | CadreSelectionEvent::Disclosed { case, .. }
            | CadreSelectionEvent::Signed { case, .. }
            | CadreSelectionEvent::Submitted { case, .. }
            | CadreSelectionEvent::CaseEnded { case, .. } => write!(out, "w4/{case}"),
        }
    }
}
