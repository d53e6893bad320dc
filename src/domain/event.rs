//! The event envelope: every fact a user records, immutable and content-hashed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::cadre_selection::{
    CadreProfile, Ending, PersonalMatters, Round, SignOff, StepRecord, Submission,
};
use super::policy::Policy;
use super::village_pay::{Indicator, Outcome, Period, VillageResult};

/// Who a user is acting as (角色). See DOMAIN.md "Who uses it".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 村干部: village head (两委正职).
    VillageHead,
    /// 考核组成员: township assessment group member.
    Assessor,
    /// 乡镇组织委员: township organizer.
    Organizer,
    /// 记录人: county organization department recorder.
    Recorder,
    /// 审核人: the generic reviewer of versions before the two section chiefs had roles
    /// of their own. Kept so old records decode; it may still do the 复核 (re-check), but
    /// no longer signs a section chief's line and is not offered on first start.
    Reviewer,
    /// 干部科科长: cadre section chief; signs the 干部科科长 line of a 纪实表.
    CadreChief,
    /// 干部监督科科长: cadre supervision section chief; signs the 干部监督科科长 line.
    SupervisionChief,
    /// 审批人: approver (分管副部长 / 部长).
    Approver,
    /// 县委组织部 administrator: master data and policy.
    Admin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 8] = [
        Role::Assessor,
        Role::Organizer,
        Role::VillageHead,
        Role::Admin,
        Role::Recorder,
        Role::CadreChief,
        Role::SupervisionChief,
        Role::Approver,
    ];

    /// Roles no longer offered but still read from old records and stored users.
    pub const LEGACY: [Role; 1] = [Role::Reviewer];

    /// Display name (`zh` = Chinese).
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Role::VillageHead, true) => "村干部",
            (Role::VillageHead, false) => "Village head",
            (Role::Assessor, true) => "考核组成员",
            (Role::Assessor, false) => "Assessor",
            (Role::Organizer, true) => "乡镇组织委员",
            (Role::Organizer, false) => "Township organizer",
            (Role::Recorder, true) => "记录人",
            (Role::Recorder, false) => "Recorder",
            (Role::Reviewer, true) => "审核人",
            (Role::Reviewer, false) => "Reviewer",
            (Role::CadreChief, true) => "干部科科长",
            (Role::CadreChief, false) => "Cadre section chief",
            (Role::SupervisionChief, true) => "干部监督科科长",
            (Role::SupervisionChief, false) => "Supervision section chief",
            (Role::Approver, true) => "审批人",
            (Role::Approver, false) => "Approver",
            (Role::Admin, true) => "县委组织部管理员",
            (Role::Admin, false) => "County administrator",
        }
    }

    /// Stable key used in storage and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Role::VillageHead => "village_head",
            Role::Assessor => "assessor",
            Role::Organizer => "organizer",
            Role::Recorder => "recorder",
            Role::Reviewer => "reviewer",
            Role::CadreChief => "cadre_chief",
            Role::SupervisionChief => "supervision_chief",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    /// Inverse of [`Role::key`] (legacy roles included).
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .chain(Role::LEGACY)
            .find(|r| r.key() == key)
    }
}

/// What happened: the kind and its typed payload. Serialized externally tagged,
/// `{"scores_submitted": {...}}` (the leanest form to decode in wasm); the envelope
/// repeats the kind in its own `kind` field for servers and tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventBody {
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
        policy: Policy,
        /// The changes of the same effective date it replaces (filled in by
        /// `command::decide`); `None` in records of earlier versions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supersedes: Option<Vec<String>>,
    },
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
    /// A cadre's profile (干部信息) was recorded or updated.
    CadreRecorded {
        cadre: String,
        profile: CadreProfile,
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
    W4CaseOpened {
        case: String,
        title: String,
        posts: Vec<String>,
        opened_on: NaiveDate,
    },
    /// One record of a step of a case (or a correction naming what it `supersedes`).
    W4StepRecorded {
        case: String,
        record: StepRecord,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A disclosure (有关事项公开) of a cadre's matters, with its working-day window.
    W4Disclosed {
        case: String,
        cadre: String,
        round: Round,
        start: NaiveDate,
        end: NaiveDate,
        matters: PersonalMatters,
        /// Disclosures of this case it corrects (naming every one of a conflict
        /// resolves it). Empty: a new disclosure.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supersedes: Vec<String>,
        /// Why it was corrected (empty for a new disclosure).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A re-check or signature of a case's record for a submission node.
    W4Signed {
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
    W4Submitted {
        case: String,
        node: Submission,
        on: NaiveDate,
        /// Digest of the records submitted, as for `W4Signed`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        over: String,
        /// Digest of the disclosures and endings submitted, as for `W4Signed`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        annex: String,
    },
    /// A case ended without (further) appointment, with the reason; it takes no more
    /// step records. With `ending` = `Revoked` it withdraws the endings it supersedes.
    W4CaseEnded {
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

impl EventBody {
    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            EventBody::TownshipRecorded { .. } => "township_recorded",
            EventBody::VillageRecorded { .. } => "village_recorded",
            EventBody::HeadsRecorded { .. } => "heads_recorded",
            EventBody::PolicyChanged { .. } => "policy_changed",
            EventBody::IndicatorsPublished { .. } => "indicators_published",
            EventBody::ScoresSubmitted { .. } => "scores_submitted",
            EventBody::PublicityOpened { .. } => "publicity_opened",
            EventBody::ObjectionRaised { .. } => "objection_raised",
            EventBody::ObjectionResolved { .. } => "objection_resolved",
            EventBody::ConflictResolved { .. } => "conflict_resolved",
            EventBody::ResultFinalized { .. } => "result_finalized",
            EventBody::TownshipGraded { .. } => "township_graded",
            EventBody::WarningTalkHeld { .. } => "warning_talk_held",
            EventBody::RectificationCompleted { .. } => "rectification_completed",
            EventBody::CadreRecorded { .. } => "cadre_recorded",
            EventBody::PostRecorded { .. } => "post_recorded",
            EventBody::W4CaseOpened { .. } => "w4_case_opened",
            EventBody::W4StepRecorded { .. } => "w4_step_recorded",
            EventBody::W4Disclosed { .. } => "w4_disclosed",
            EventBody::W4Signed { .. } => "w4_signed",
            EventBody::W4Submitted { .. } => "w4_submitted",
            EventBody::W4CaseEnded { .. } => "w4_case_ended",
        }
    }
}

impl EventBody {
    /// Every id this body refers to (things, indicators, events it supersedes or
    /// answers), each of which must use the safe alphabet (`domain::id`).
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            EventBody::TownshipRecorded {
                township,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::VillageRecorded {
                village,
                township,
                supersedes,
                ..
            } => {
                out.extend([village.as_str(), township]);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::HeadsRecorded {
                village,
                supersedes,
                ..
            } => {
                out.push(village);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::PolicyChanged { supersedes, .. } => {
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::IndicatorsPublished {
                township,
                indicators,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(indicators.iter().map(|i| i.id.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
            EventBody::ScoresSubmitted {
                village,
                scores,
                supersedes,
                indicator_set,
                ..
            }
            | EventBody::ConflictResolved {
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
            EventBody::PublicityOpened {
                village, versions, ..
            }
            | EventBody::ResultFinalized {
                village, versions, ..
            } => {
                out.push(village);
                out.extend(versions.iter().map(String::as_str));
            }
            EventBody::ObjectionRaised { village, .. }
            | EventBody::WarningTalkHeld { village, .. }
            | EventBody::RectificationCompleted { village, .. } => out.push(village),
            EventBody::ObjectionResolved {
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
            EventBody::TownshipGraded {
                township,
                results,
                supersedes,
                ..
            } => {
                out.push(township);
                out.extend(results.iter().map(|r| r.village.as_str()));
                out.extend(supersedes.iter().map(String::as_str));
            }
            EventBody::CadreRecorded {
                cadre,
                profile,
                supersedes,
            } => {
                out.push(cadre);
                let posts = profile.positions.iter().map(|p| p.post.as_str());
                out.extend(posts.filter(|p| !p.is_empty()));
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::PostRecorded {
                post, supersedes, ..
            } => {
                out.push(post);
                out.extend(supersedes.iter().flatten().map(String::as_str));
            }
            EventBody::W4CaseOpened { case, posts, .. } => {
                out.push(case);
                out.extend(posts.iter().map(String::as_str));
            }
            EventBody::W4StepRecorded {
                case,
                record,
                supersedes,
                ..
            } => {
                out.push(case);
                out.extend(super::record::step_ids(record));
                out.extend(supersedes.iter().map(String::as_str));
            }
            EventBody::W4Disclosed {
                case,
                cadre,
                supersedes,
                ..
            } => {
                out.extend([case.as_str(), cadre]);
                out.extend(supersedes.iter().map(String::as_str));
            }
            EventBody::W4Signed {
                case, supersedes, ..
            }
            | EventBody::W4CaseEnded {
                case, supersedes, ..
            } => {
                out.push(case);
                out.extend(supersedes.iter().map(String::as_str));
            }
            EventBody::W4Submitted { case, .. } => out.push(case),
        }
        out
    }
}

/// The envelope stored and synced: one immutable, content-hashed record.
///
/// Architecture invariant: the hash covers the event *as stored*: its canonical JSON
/// (keys sorted, no whitespace, every field but `hash`), which [`Event::json`] keeps
/// verbatim, unknown fields included. An event written by a newer version verifies and
/// is forwarded unchanged even where this version's types ignore some of its fields.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Event {
    /// Unique id (time-ordered, random suffix), also the CouchDB `_id`.
    pub id: String,
    /// What the event is about, e.g. `w1/t-1/2026`, `master`, `policy`.
    pub subject: String,
    /// The kind of `body` (`scores_submitted`, …), repeated for servers and tools.
    pub kind: String,
    /// Kind and payload.
    pub body: EventBody,
    /// Name of the person who recorded it.
    pub author: String,
    /// The role they acted in.
    pub role: Role,
    /// The device it was recorded on.
    pub device: String,
    /// When it was recorded, UTC milliseconds (shown as a Beijing date).
    pub recorded_at: i64,
    /// Hashes of the events this one builds on (the device's previous event, and
    /// any event it corrects).
    pub parents: Vec<String>,
    /// The server database it belongs in (`domain::access::Scope::key`, e.g.
    /// `township:t-wljmr`), written by this version on; lets a phone that doesn't
    /// know a newer kind still send it where it belongs. Empty in older records.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// SHA-256 (hex) over the canonical serialization of every other field.
    pub hash: String,
    /// The canonical JSON as stored (hash included), kept for events decoded from
    /// storage, a backup or a server; `None` for an event just sealed or built from
    /// typed fields, whose [`Event::json`] serializes them (the same text).
    #[serde(skip)]
    stored: Option<Box<str>>,
}

/// Two events are equal when their typed fields are; the stored text follows from
/// them and the hash.
impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.hash == other.hash
            && self.subject == other.subject
            && self.kind == other.kind
            && self.body == other.body
            && self.author == other.author
            && self.role == other.role
            && self.device == other.device
            && self.recorded_at == other.recorded_at
            && self.parents == other.parents
            && self.scope == other.scope
    }
}

/// Who is recording, where and when: everything an event needs besides its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Unique event id.
    pub id: String,
    /// Author name.
    pub author: String,
    /// Author role.
    pub role: Role,
    /// Device id.
    pub device: String,
    /// UTC milliseconds.
    pub recorded_at: i64,
    /// Parent hashes.
    pub parents: Vec<String>,
}

impl Event {
    /// Seal a body into an envelope: fill in the subject and compute the hash.
    pub fn seal(body: EventBody, stamp: Stamp) -> Event {
        Event::seal_in(body, stamp, String::new())
    }

    /// Seal a body that belongs in the server database `scope` (see [`Event::scope`]).
    pub fn seal_in(body: EventBody, stamp: Stamp, scope: String) -> Event {
        let mut event = Event {
            id: stamp.id,
            subject: subject_of(&body),
            kind: body.kind().to_string(),
            body,
            author: stamp.author,
            role: stamp.role,
            device: stamp.device,
            recorded_at: stamp.recorded_at,
            parents: stamp.parents,
            scope,
            hash: String::new(),
            stored: None,
        };
        event.hash = event.compute_hash();
        event
    }

    /// An event decoded by [`crate::domain::record::decode`] from `stored` (its
    /// canonical JSON with the hash, already verified), which it keeps: storing,
    /// exporting and syncing it never re-serializes, and fields a newer version wrote
    /// travel with it.
    pub(crate) fn keeping(mut self, stored: String) -> Event {
        self.stored = Some(stored.into_boxed_str());
        self
    }

    /// The typed fields as a JSON value, without `hash`. Through the one JSON
    /// serializer the app has, then `Value` (a BTreeMap: keys come out sorted).
    fn typed_value(&self) -> serde_json::Value {
        let text = serde_json::to_string(self).expect("events always serialize");
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("own JSON parses");
        if let serde_json::Value::Object(map) = &mut value {
            map.remove("hash");
        }
        value
    }

    /// The canonical serialization of the typed fields: every field but `hash`,
    /// object keys sorted, no whitespace. No floats exist in events.
    pub fn canonical_json(&self) -> String {
        self.typed_value().to_string()
    }

    /// SHA-256 of [`Event::canonical_json`], lowercase hex (what [`Event::seal`] stores).
    pub fn compute_hash(&self) -> String {
        sha256_hex(&self.canonical_json())
    }

    /// The event as stored, synced and exported: its canonical JSON with the hash
    /// (the stored text verbatim when it holds fields this version doesn't know).
    pub fn json(&self) -> std::borrow::Cow<'_, str> {
        if let Some(stored) = &self.stored {
            return stored.as_ref().into();
        }
        let mut value = self.typed_value();
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("hash".into(), self.hash.clone().into());
        }
        value.to_string().into()
    }

    /// Whether the hash matches the content (and `kind` matches the body). The fast
    /// path re-serializes the typed fields; an event carrying fields this version does
    /// not know is checked against its stored text, which must also decode to exactly
    /// these typed fields.
    pub fn hash_ok(&self) -> bool {
        if self.kind != self.body.kind() || self.subject != subject_of(&self.body) {
            return false;
        }
        if self.hash == self.compute_hash() {
            return true;
        }
        self.stored.as_deref().is_some_and(|stored| {
            super::record::stored_hash_ok(stored, &self.hash)
                && serde_json::from_str::<Event>(stored).is_ok_and(|e| e == *self)
        })
    }

    /// Beijing date on which it was recorded.
    pub fn recorded_date(&self) -> NaiveDate {
        super::time::beijing_date(self.recorded_at)
    }
}

/// SHA-256 of a text, lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// The subject an event body belongs to.
pub fn subject_of(body: &EventBody) -> String {
    match body {
        EventBody::TownshipRecorded { .. }
        | EventBody::VillageRecorded { .. }
        | EventBody::HeadsRecorded { .. }
        | EventBody::CadreRecorded { .. }
        | EventBody::PostRecorded { .. } => "master".into(),
        EventBody::W4CaseOpened { case, .. }
        | EventBody::W4StepRecorded { case, .. }
        | EventBody::W4Disclosed { case, .. }
        | EventBody::W4Signed { case, .. }
        | EventBody::W4Submitted { case, .. }
        | EventBody::W4CaseEnded { case, .. } => format!("w4/{case}"),
        EventBody::PolicyChanged { .. } => "policy".into(),
        EventBody::IndicatorsPublished { township, year, .. }
        | EventBody::TownshipGraded { township, year, .. } => format!("w1/{township}/{year}"),
        EventBody::ScoresSubmitted { village, year, .. }
        | EventBody::PublicityOpened { village, year, .. }
        | EventBody::ObjectionRaised { village, year, .. }
        | EventBody::ConflictResolved { village, year, .. }
        | EventBody::ObjectionResolved { village, year, .. }
        | EventBody::ResultFinalized { village, year, .. }
        | EventBody::WarningTalkHeld { village, year, .. }
        | EventBody::RectificationCompleted { village, year, .. } => {
            format!("w1v/{village}/{year}")
        }
    }
}

/// A problem the verifier found in a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The content no longer matches the hash: the event was changed after recording.
    HashMismatch { id: String },
    /// Two different events share one id.
    DuplicateId { id: String },
    /// A parent hash refers to no event in the log (not yet synced, or removed).
    MissingParent { id: String, parent: String },
}

/// Recompute every hash and check the chain. Returns every problem found.
pub fn verify(events: &[Event]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let hashes: BTreeSet<&str> = events.iter().map(|e| e.hash.as_str()).collect();
    for e in events {
        if !e.hash_ok() {
            problems.push(Problem::HashMismatch { id: e.id.clone() });
        }
        if let Some(prev) = ids.insert(&e.id, &e.hash) {
            if prev != e.hash {
                problems.push(Problem::DuplicateId { id: e.id.clone() });
            }
        }
        for p in &e.parents {
            if !hashes.contains(p.as_str()) {
                problems.push(Problem::MissingParent {
                    id: e.id.clone(),
                    parent: p.clone(),
                });
            }
        }
    }
    problems
}
