//! The event envelope: every fact a user records, immutable and content-hashed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use super::workflows::EventBody;

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
    /// 单位负责人: a unit's leader; sees who in the unit has not submitted the week's
    /// report (实绩纪实, seed 004 淮安清河).
    UnitLeader,
    /// 干部: a cadre recording their own daily work and weekly report (实绩纪实).
    Cadre,
    /// 审计局: the county audit office; records the units audited for economic
    /// responsibility (经济责任审计), their budgets, the yearly plan and the audits done.
    Auditor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 11] = [
        Role::Assessor,
        Role::Organizer,
        Role::VillageHead,
        Role::Admin,
        Role::Recorder,
        Role::CadreChief,
        Role::SupervisionChief,
        Role::Approver,
        Role::UnitLeader,
        Role::Cadre,
        Role::Auditor,
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
            (Role::UnitLeader, true) => "单位负责人",
            (Role::UnitLeader, false) => "Unit leader",
            (Role::Cadre, true) => "干部",
            (Role::Cadre, false) => "Cadre",
            (Role::Auditor, true) => "审计局",
            (Role::Auditor, false) => "Audit office",
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
            Role::UnitLeader => "unit_leader",
            Role::Cadre => "cadre",
            Role::Auditor => "auditor",
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
            subject: body.subject(),
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
        if self.kind != self.body.kind() || !self.body.subject_is(&self.subject) {
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
