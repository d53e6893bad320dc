//! Who may read and write what (DESIGN.md principle 6): the one table the app's
//! deciders, the server's `validate_doc_update` and the databases' `_security` are all
//! derived from.
//!
//! CouchDB controls reading per database only, so records with different readers live
//! in different databases: the county's common data (master data, policy), one
//! database per township for village pay, the county's cadre records, and the personal
//! matters of W4 disclosures. Every event kind belongs to one scope.
//!
//! Architecture invariant: `couchdb/validate_doc_update.js` and the `_security`
//! members that `make couchdb-setup` writes (`couchdb/access.json`) are generated from
//! this module and `sync::validate` (`sync::design_doc`), and `tests/server_rules.rs`
//! fails when the shipped files differ from what it derives. Payload-dependent rules
//! are data too ([`field_rules`]), so the server enforces the same table. A role here is a CouchDB user role of the same key;
//! membership of a township is the user role `township:<id>`.

use super::event::{Event, EventBody, Role};
use super::master::Master;

/// The kinds of database, by who may read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScopeKind {
    /// Master data and policy: every user of the app.
    Common,
    /// One township's village pay (W1): its members and the county administrator.
    Township,
    /// The county's cadre records (W4): the organization department.
    Cadre,
    /// Personal matters (有关事项公开): recorder, section chiefs, approver only.
    Personal,
    /// The everyday performance record (实绩纪实): cadres, unit leaders and the
    /// organization department. Daily work is work, not personal matters, so every
    /// cadre and leader reads the county's one database; a per-unit split of reading
    /// is a later refinement.
    Performance,
    /// Economic-responsibility audit (经济责任审计, W8): the audit office, the
    /// administrator and the approver.
    Audit,
}

impl ScopeKind {
    /// Every kind of database.
    pub const ALL: [ScopeKind; 6] = [
        ScopeKind::Common,
        ScopeKind::Township,
        ScopeKind::Cadre,
        ScopeKind::Personal,
        ScopeKind::Performance,
        ScopeKind::Audit,
    ];

    /// Stable key (`common`, `township`, `cadre`, `personal`).
    pub fn key(self) -> &'static str {
        match self {
            ScopeKind::Common => "common",
            ScopeKind::Township => "township",
            ScopeKind::Cadre => "cadre",
            ScopeKind::Personal => "personal",
            ScopeKind::Performance => "performance",
            ScopeKind::Audit => "audit",
        }
    }

    /// Roles whose users may read databases of this kind (besides, for a township,
    /// its members). These become the `_security` members.
    pub fn readers(self) -> &'static [Role] {
        match self {
            ScopeKind::Common => &[
                Role::Assessor,
                Role::Organizer,
                Role::VillageHead,
                Role::Admin,
                Role::Recorder,
                Role::Reviewer,
                Role::CadreChief,
                Role::SupervisionChief,
                Role::Approver,
                Role::UnitLeader,
                Role::Cadre,
                Role::Auditor,
            ],
            ScopeKind::Township => &[Role::Admin],
            ScopeKind::Cadre => &[
                Role::Recorder,
                Role::Reviewer,
                Role::CadreChief,
                Role::SupervisionChief,
                Role::Approver,
                Role::Admin,
            ],
            ScopeKind::Personal => &[
                Role::Recorder,
                Role::Reviewer,
                Role::CadreChief,
                Role::SupervisionChief,
                Role::Approver,
            ],
            ScopeKind::Performance => &[
                Role::Cadre,
                Role::UnitLeader,
                Role::Admin,
                Role::Recorder,
                Role::CadreChief,
                Role::SupervisionChief,
                Role::Approver,
            ],
            ScopeKind::Audit => &[Role::Auditor, Role::Admin, Role::Approver],
        }
    }
}

/// One database: a kind, and for a township, which one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The county's common data.
    Common,
    /// One township's village pay, by township id.
    Township(String),
    /// The county's cadre records.
    Cadre,
    /// Personal matters.
    Personal,
    /// The everyday performance record.
    Performance,
    /// The economic-responsibility audit (W8).
    Audit,
}

impl Scope {
    /// Its kind.
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Common => ScopeKind::Common,
            Scope::Township(_) => ScopeKind::Township,
            Scope::Cadre => ScopeKind::Cadre,
            Scope::Personal => ScopeKind::Personal,
            Scope::Performance => ScopeKind::Performance,
            Scope::Audit => ScopeKind::Audit,
        }
    }

    /// Stable key: `common`, `township:<id>`, `cadre`, `personal`.
    pub fn key(&self) -> String {
        match self {
            Scope::Township(t) => format!("township:{t}"),
            other => other.kind().key().to_string(),
        }
    }

    /// Inverse of [`Scope::key`] (`None` for anything else, or an unsafe township id).
    pub fn from_key(key: &str) -> Option<Scope> {
        match key {
            "common" => Some(Scope::Common),
            "cadre" => Some(Scope::Cadre),
            "personal" => Some(Scope::Personal),
            "performance" => Some(Scope::Performance),
            "audit" => Some(Scope::Audit),
            _ => key
                .strip_prefix("township:")
                .filter(|t| super::id::valid(t))
                .map(|t| Scope::Township(t.to_string())),
        }
    }

    /// The database name under a county's `prefix` (e.g. `jishi`): `jishi-common`,
    /// `jishi-township-t-wljmr`, … CouchDB names allow only lowercase letters, digits
    /// and `_$()+-/`, so an uppercase letter `X` of a township id is written `(x)`.
    pub fn database(&self, prefix: &str) -> String {
        match self {
            Scope::Township(t) => {
                let mut name = format!("{prefix}-township-");
                for c in t.chars() {
                    if c.is_ascii_uppercase() {
                        name.push('(');
                        name.push(c.to_ascii_lowercase());
                        name.push(')');
                    } else {
                        name.push(c);
                    }
                }
                name
            }
            other => format!("{prefix}-{}", other.kind().key()),
        }
    }

    /// The CouchDB role a user holds to be a member of this database besides the
    /// kind's readers (a township's members), if any.
    pub fn member_role(&self) -> Option<String> {
        match self {
            Scope::Township(t) => Some(township_role(t)),
            _ => None,
        }
    }
}

/// The CouchDB user role that makes its holder a member of a township.
pub fn township_role(township: &str) -> String {
    format!("township:{township}")
}

/// The townships a user with these CouchDB roles is a member of (`township:<id>`).
pub fn townships_of(roles: &[String]) -> Vec<String> {
    roles
        .iter()
        .filter_map(|r| r.strip_prefix("township:"))
        .filter(|t| super::id::valid(t))
        .map(str::to_string)
        .collect()
}

/// Who may write one kind of event, and where it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindRule {
    /// The event kind.
    pub kind: &'static str,
    /// The database it lives in.
    pub scope: ScopeKind,
    /// Roles that may write it (further narrowed by [`may_write`] for some payloads).
    pub writers: &'static [Role],
}

/// A kind's rule (for the parts' `ACCESS` tables).
pub const fn rule(kind: &'static str, scope: ScopeKind, writers: &'static [Role]) -> KindRule {
    KindRule {
        kind,
        scope,
        writers,
    }
}

/// Every kind this version writes, with its database and writers: each part of the
/// log lists its own (`<part>::ACCESS`, in its folder), gathered by the registry.
pub fn kinds() -> impl Iterator<Item = &'static KindRule> {
    EventBody::access_rules()
}

/// The rule of a kind this version knows.
pub fn kind_rule(kind: &str) -> Option<&'static KindRule> {
    kinds().find(|r| r.kind == kind)
}

/// A text field of a kind's payload whose value narrows who may write it: each value
/// with the roles that may write it; a value not listed may be written by nobody.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldRule {
    /// The event kind.
    pub kind: &'static str,
    /// The payload field (serialized name).
    pub field: &'static str,
    /// Each value (serialized) with the roles that may write it.
    pub values: &'static [(&'static str, &'static [Role])],
}

/// The payload rules, as data so the server's design document gets the same table
/// (each part's `FIELD_RULES`, gathered by the registry).
pub fn field_rules() -> impl Iterator<Item = &'static FieldRule> {
    EventBody::field_rules()
}

/// Payload text fields that must name the record's own author, by kind (each part's
/// `AUTHOR_FIELDS`, gathered by the registry; today a 纪实表 signature's `signer`).
pub fn author_fields() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    EventBody::author_fields()
}

/// The field of [`author_fields`] a body has, with the name it holds (`None` for a
/// kind without one).
pub fn named_author(body: &EventBody) -> Option<(&'static str, &str)> {
    let kind = body.kind();
    let (_, field) = author_fields().find(|(k, _)| *k == kind)?;
    // A listed field the body cannot name names no one: never the author (refused).
    Some((*field, body.field_text(field).unwrap_or_default()))
}

/// Who may, in words, for a user whose role may not: "只有{roles}可以{zh}" /
/// "Only the {roles} may {en}" (each workflow's `Action::only`).
pub fn only_roles(roles: &[Role], zh: &str, en: &str) -> super::RuleViolation {
    let who = |zh: bool| {
        let names: Vec<&str> = roles.iter().map(|r| r.label(zh)).collect();
        names.join(if zh { "或" } else { " or " })
    };
    super::RuleViolation::new(
        "auth.role",
        format!("只有{}可以{zh}", who(true)),
        format!("Only the {} may {en}", who(false).to_lowercase()),
    )
}

/// Why a record whose author field `field` names someone else is refused (the
/// server's and the phone's reason alike).
pub fn not_the_author(field: &str) -> String {
    format!("its {field} must be its author: a person signs only in their own name")
}

/// The roles a field rule allows for `value` of `kind`'s `field`, if such a rule exists.
pub fn field_roles(kind: &str, field: &str, value: &str) -> Option<&'static [Role]> {
    let rule = field_rules().find(|r| r.kind == kind && r.field == field)?;
    let line = rule.values.iter().find(|(v, _)| *v == value);
    Some(line.map_or(&[], |(_, roles)| *roles))
}

/// Whether a user acting as `role` may record `body`: the kind's writers, narrowed by
/// the payload where the seed says so (each line of a 纪实表 is signed by its own role).
pub fn may_write(role: Role, body: &EventBody) -> bool {
    let kind = body.kind();
    let kind_ok = kind_rule(kind).is_some_and(|r| r.writers.contains(&role));
    let field_ok = |r: &FieldRule| {
        let value = body.field_text(r.field);
        let roles = value.and_then(|v| field_roles(kind, r.field, v));
        roles.is_some_and(|roles| roles.contains(&role))
    };
    kind_ok && field_rules().filter(|r| r.kind == kind).all(field_ok)
}

/// The database an event belongs in. A township's village-pay record names its
/// township, or its village's township from the master data; `None` while the
/// village is not known here yet (the record then waits).
pub fn scope_of(e: &Event, master: &Master) -> Option<Scope> {
    scope_of_body(&e.body, master)
}

/// The database a new event's body belongs in (as [`scope_of`]).
pub fn scope_of_body(body: &EventBody, master: &Master) -> Option<Scope> {
    let rule = kind_rule(body.kind())?;
    Some(match rule.scope {
        ScopeKind::Common => Scope::Common,
        ScopeKind::Cadre => Scope::Cadre,
        ScopeKind::Personal => Scope::Personal,
        ScopeKind::Performance => Scope::Performance,
        ScopeKind::Audit => Scope::Audit,
        ScopeKind::Township => Scope::Township(township_of(body, master)?),
    })
}

/// What a township-scoped record is about (`EventBody::about`): a township's year, or a
/// village, whose township the master data names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum About {
    /// A township (e.g. its indicator set, its grading).
    Township(String),
    /// A village (e.g. its scores, 公示, 异议, 定稿, follow-ups).
    Village(String),
}

fn township_of(body: &EventBody, master: &Master) -> Option<String> {
    let village = match body.about()? {
        About::Township(township) => return Some(township),
        About::Village(village) => village,
    };
    master
        .villages
        .get(&village)
        .map(|v| v.township.clone())
        .filter(|t| !t.is_empty())
}

/// The databases a user replicates: every database whose readers include one of
/// `roles` (CouchDB role names), plus the townships they are members of; the
/// county administrator reads every township in `townships` (from the master data).
pub fn readable(roles: &[String], townships: &[String]) -> Vec<Scope> {
    let holds = |kind: ScopeKind| {
        kind.readers()
            .iter()
            .any(|r| roles.iter().any(|x| x == r.key()))
    };
    let mut out = Vec::new();
    if holds(ScopeKind::Common) {
        out.push(Scope::Common);
    }
    for t in townships {
        if holds(ScopeKind::Township) || roles.contains(&township_role(t)) {
            out.push(Scope::Township(t.clone()));
        }
    }
    for role in roles {
        if let Some(t) = role.strip_prefix("township:") {
            let scope = Scope::Township(t.to_string());
            if !out.contains(&scope) && super::id::valid(t) {
                out.push(scope);
            }
        }
    }
    if holds(ScopeKind::Cadre) {
        out.push(Scope::Cadre);
    }
    if holds(ScopeKind::Personal) {
        out.push(Scope::Personal);
    }
    if holds(ScopeKind::Performance) {
        out.push(Scope::Performance);
    }
    if holds(ScopeKind::Audit) {
        out.push(Scope::Audit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadre_selection::SignOff;
    use crate::domain::workflows::CadreSelectionEvent;

    fn sign_roles(sign: SignOff) -> &'static [Role] {
        sign.roles()
    }

    #[test]
    fn each_sign_line_key_is_its_serialized_name() {
        for line in SignOff::CHAIN {
            let serialized = serde_json::to_value(line).unwrap();
            assert_eq!(serialized.as_str(), Some(line.key()));
        }
    }

    #[test]
    fn database_names_are_valid_couchdb_names() {
        assert_eq!(Scope::Common.database("jishi"), "jishi-common");
        assert_eq!(
            Scope::Township("t-wljmr".into()).database("jishi"),
            "jishi-township-t-wljmr"
        );
        assert_eq!(
            Scope::Township("T_Ab1".into()).database("zlt"),
            "zlt-township-(t)_(a)b1"
        );
        assert_eq!(Scope::Personal.database("jishi"), "jishi-personal");
    }

    #[test]
    fn personal_matters_are_read_only_by_the_roles_that_need_them() {
        let personal = ScopeKind::Personal.readers();
        for outsider in [
            Role::VillageHead,
            Role::Assessor,
            Role::Organizer,
            Role::Admin,
        ] {
            assert!(!personal.contains(&outsider), "{outsider:?}");
        }
        let head = readable(
            &["village_head".into(), "township:t-1".into()],
            &["t-1".into(), "t-2".into()],
        );
        assert_eq!(head, vec![Scope::Common, Scope::Township("t-1".into())]);
        let admin = readable(&["admin".into()], &["t-1".into(), "t-2".into()]);
        assert_eq!(
            admin,
            vec![
                Scope::Common,
                Scope::Township("t-1".into()),
                Scope::Township("t-2".into()),
                Scope::Cadre,
                Scope::Performance,
                Scope::Audit
            ]
        );
        let recorder = readable(&["recorder".into()], &["t-1".into()]);
        assert_eq!(
            recorder,
            vec![
                Scope::Common,
                Scope::Cadre,
                Scope::Personal,
                Scope::Performance
            ]
        );
        let auditor = readable(&["auditor".into()], &["t-1".into()]);
        assert_eq!(auditor, vec![Scope::Common, Scope::Audit]);
        assert!(readable(&["someone_else".into()], &["t-1".into()]).is_empty());
    }

    #[test]
    fn every_kind_of_this_version_has_exactly_one_rule() {
        let mut ruled: Vec<&str> = kinds().map(|r| r.kind).collect();
        let mut known: Vec<&str> = EventBody::all_kinds().collect();
        ruled.sort();
        known.sort();
        assert_eq!(
            ruled, known,
            "each kind of each part has one rule, in its part"
        );
        known.dedup();
        assert_eq!(known.len(), ruled.len(), "no kind listed twice");
    }

    #[test]
    fn the_author_fields_are_the_typed_ones() {
        let body = EventBody::CadreSelection(CadreSelectionEvent::Signed {
            case: "c".into(),
            node: crate::domain::cadre_selection::Submission::Initial,
            sign: SignOff::Recheck,
            signer: "某人".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 4, 2).unwrap_or_default(),
            over: String::new(),
            annex: String::new(),
            supersedes: vec![],
        });
        let (field, named) = named_author(&body).unwrap_or(("", ""));
        assert_eq!(named, "某人");
        assert!(author_fields().any(|x| *x == (body.kind(), field)));
        let json = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(json[body.kind()][field], "某人");
        use crate::domain::performance_record::{PerformanceRecordEvent as P, WorkCategory};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let performance = [
            P::WorkLogged {
                cadre: "c".into(),
                by: "某人".into(),
                day,
                category: WorkCategory::Other,
                project: String::new(),
                text: "t".into(),
                corrects: String::new(),
                withdrawn: false,
                reason: String::new(),
                supersedes: vec![],
            },
            P::WeekSubmitted {
                cadre: "c".into(),
                by: "某人".into(),
                week: day,
                entries: vec![],
                summary: String::new(),
                supersedes: vec![],
            },
            P::MonthRated {
                cadre: "c".into(),
                month: day,
                rater: "某人".into(),
                indicators: vec![],
                levels: vec![],
                supersedes: vec![],
            },
        ];
        for body in performance.map(EventBody::PerformanceRecord) {
            let (field, named) = named_author(&body).unwrap_or(("", ""));
            assert_eq!(named, "某人");
            let json = serde_json::to_value(&body).unwrap_or_default();
            assert_eq!(json[body.kind()][field], "某人");
        }
        assert_eq!(
            author_fields().count(),
            4,
            "every entry has its typed twin above"
        );
    }

    #[test]
    fn every_line_of_the_sign_off_chain_has_its_signers() {
        for sign in SignOff::CHAIN {
            assert!(!sign_roles(sign).is_empty(), "{sign:?}");
        }
        assert_eq!(sign_roles(SignOff::DeputyHead), &[Role::Approver]);
        assert_eq!(
            sign_roles(SignOff::Recheck),
            &[Role::Recorder, Role::Reviewer]
        );
        assert_eq!(field_roles("w4_signed", "sign", "made_up"), Some(&[][..]));
        assert_eq!(field_roles("scores_submitted", "sign", "recheck"), None);
    }
}
