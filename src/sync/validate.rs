//! The server's rule for a new document (CouchDB's `validate_doc_update`), in Rust.
//!
//! Architecture invariant: `couchdb/validate_doc_update.js` is generated from this
//! module's tables and `domain::access` (`sync::design_doc`), and `tests/server_rules.rs`
//! runs that JavaScript in node on every kind, role and hostile document to check it
//! decides exactly as [`server_check`] does, reason included. Change both together:
//! this file and `couchdb/validate.template.js` walk documents in the same order.
//!
//! What it checks works on JSON alone (the server cannot decode payloads): the envelope
//! (as `record::decode` does), the hash over the canonical JSON, the size, the clock,
//! every id in the payload by one generic walk ([`id_keys`] …), the payload fields
//! that must name the author (`access::author_fields`, for everyone), and for users
//! who are not server admins: authorship, role, the kind's database and writers
//! (`access::kinds`, `access::field_rules`).

use serde_json::{Map, Value};

use crate::domain::access::{self, Scope};
use crate::domain::event::{sha256_hex, EventBody};
use crate::domain::{id, record};

/// The user a CouchDB server says is writing (`userCtx`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserCtx {
    /// User name; `None` for an anonymous client.
    pub name: Option<String>,
    /// CouchDB roles (`_admin` for a server admin, role keys, `township:<id>`).
    pub roles: Vec<String>,
}

impl UserCtx {
    /// A logged-in user with `roles`.
    pub fn user(name: &str, roles: &[&str]) -> UserCtx {
        UserCtx {
            name: Some(name.to_string()),
            roles: roles.iter().map(|r| r.to_string()).collect(),
        }
    }

    /// Whether the user is a server admin (role `_admin`).
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r == "_admin")
    }

    /// The only author whose records this user may send (`Config::author`): their
    /// own name; `None` (anyone's) for a server admin or an unknown user.
    pub fn sends_only(&self) -> Option<String> {
        self.name.clone().filter(|_| !self.is_admin())
    }
}

/// Why a user's record naming no database is refused.
pub const NO_DATABASE: &str =
    "the record names no database (records of earlier versions are uploaded by a server admin)";

/// How far ahead of the server's clock a record may be recorded, in days.
pub const MAX_FUTURE_DAYS: i64 = 2;
/// [`MAX_FUTURE_DAYS`] in milliseconds.
pub const MAX_FUTURE_MS: i64 = MAX_FUTURE_DAYS * 86_400_000;
/// Deepest nesting of a record's JSON (the record itself is depth 0).
pub const MAX_DEPTH: usize = 32;
/// Largest integer JavaScript holds exactly (2^53 − 1); records hold no other numbers.
pub const MAX_SAFE_INTEGER: i64 = record::MAX_SAFE_INTEGER;

/// Payload keys whose text value is an id (anywhere in the payload): `id`, and each
/// part's own (its event enum's `ID_KEYS`, gathered by the registry), sorted, once each.
pub fn id_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = std::iter::once("id").chain(EventBody::id_keys()).collect();
    crate::domain::sorting::sort(&mut keys);
    keys.dedup();
    keys
}
/// Payload keys whose list value holds ids: `supersedes`, and each part's own (its event
/// enum's `ID_LIST_KEYS`), sorted, once each.
pub fn id_list_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = std::iter::once("supersedes")
        .chain(EventBody::id_list_keys())
        .collect();
    crate::domain::sorting::sort(&mut keys);
    keys.dedup();
    keys
}
/// Payload keys whose map value has ids as keys.
pub const ID_MAP_KEYS: &[&str] = &["scores", "votes"];
/// Payload keys whose map value has ids as keys and as text values.
pub const ID_PAIR_KEYS: &[&str] = &["proposed"];

/// Whether `user` may write `doc` into database `db` (`old`: the document it would
/// replace). The reason, in English, when not. Numbers are read as JavaScript reads
/// them (`record::normalize_numbers`: `800.0`, `8e2` and `-0` are the integers 800
/// and 0), as the design document does.
pub fn server_check(
    doc: &Value,
    old: Option<&Value>,
    user: &UserCtx,
    db: &Scope,
    now_ms: i64,
) -> Result<(), String> {
    let mut doc = doc.clone();
    record::normalize_numbers(&mut doc);
    let Value::Object(map) = &doc else {
        return Err("not an event: not a JSON object".into());
    };
    let admin = user.is_admin();
    let doc_id = map.get("_id").and_then(Value::as_str).unwrap_or_default();
    if doc_id.starts_with("_design/") {
        if admin {
            return Ok(());
        }
        return Err("only server admins may change design documents".into());
    }
    lifecycle(map, old)?;
    let envelope = envelope(map)?;
    // The database the record says it belongs in (records of this version on): this one.
    if let Some(scope) = map.get("scope") {
        if scope.as_str() != Some(db.key().as_str()) {
            let named = scope
                .as_str()
                .map_or_else(|| scope.to_string(), str::to_string);
            return Err(format!(
                "this record belongs in the {named} database, not in {}",
                db.key()
            ));
        }
    }
    let fields: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| !k.starts_with('_') && k.as_str() != "hash")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let fields = Value::Object(fields);
    shape(&fields, 0)?;
    ids(envelope.payload)?;
    content(&fields, envelope.hash)?;
    if envelope.recorded_at > now_ms.saturating_add(MAX_FUTURE_MS) {
        return Err(format!(
            "its recording time is more than {MAX_FUTURE_DAYS} days ahead of the server's clock"
        ));
    }
    fields_are_an_object(&envelope)?;
    author_fields(&envelope)?;
    if admin {
        return Ok(());
    }
    who(&envelope, user, db, map.contains_key("scope"))
}

/// A kind this version knows carries its fields as a JSON object (never an array, which
/// would hide its ids and township from the checks by field name), for everyone.
fn fields_are_an_object(e: &Envelope<'_>) -> Result<(), String> {
    if access::kind_rule(e.kind).is_some() && !e.payload.is_object() {
        return Err(format!(
            "the fields of a {} record must be a JSON object",
            e.kind
        ));
    }
    Ok(())
}

/// The payload fields that must name the record's author (`access::author_fields`),
/// for everyone: a server admin replaying a phone's record keeps its author.
fn author_fields(e: &Envelope<'_>) -> Result<(), String> {
    for (_, field) in access::author_fields().filter(|(k, _)| *k == e.kind) {
        let named = e.payload.as_object().and_then(|p| p.get(*field));
        if named.and_then(Value::as_str) != Some(e.author) {
            return Err(access::not_the_author(field));
        }
    }
    Ok(())
}

/// Deletions, changes and attachments.
fn lifecycle(map: &Map<String, Value>, old: Option<&Value>) -> Result<(), String> {
    if map.get("_deleted") == Some(&Value::Bool(true)) {
        return Err("events cannot be deleted".into());
    }
    if old.is_some_and(|o| !o.is_null()) {
        return Err("events are immutable: an existing event cannot be changed".into());
    }
    if map.contains_key("_attachments") {
        return Err("events carry no attachments".into());
    }
    Ok(())
}

/// The fields of the envelope the rule needs.
struct Envelope<'a> {
    kind: &'a str,
    author: &'a str,
    role: &'a str,
    recorded_at: i64,
    hash: &'a str,
    payload: &'a Value,
}

/// The envelope every record has (as `record::decode` checks it), plus its role.
fn envelope(map: &Map<String, Value>) -> Result<Envelope<'_>, String> {
    let text = |k: &str| map.get(k).and_then(Value::as_str);
    let bad = |what: &str| Err(format!("not an event: {what}"));
    let Some(event_id) = text("id").filter(|i| id::valid(i)) else {
        return bad("its id is missing or outside the safe alphabet");
    };
    if text("_id") != Some(event_id) {
        return bad("_id must equal id");
    }
    let Some(kind) = text("kind").filter(|k| id::valid(k)) else {
        return bad("its kind is missing or malformed");
    };
    let Some(author) = text("author").filter(|a| !a.trim().is_empty()) else {
        return bad("it names no author");
    };
    let Some(role) = text("role").filter(|r| id::valid(r)) else {
        return bad("its role is missing or malformed");
    };
    if !text("device").is_some_and(id::valid) {
        return bad("its device id is missing or outside the safe alphabet");
    }
    let Some(recorded_at) = map.get("recorded_at").and_then(safe_integer) else {
        return bad("it has no recording time");
    };
    let parents_ok = match map.get("parents") {
        Some(Value::Array(items)) => items.iter().all(|p| p.as_str().is_some_and(is_hash)),
        _ => false,
    };
    if !parents_ok {
        return bad("its parent hashes are malformed");
    }
    let Some(hash) = text("hash").filter(|h| is_hash(h)) else {
        return bad("its hash is missing or malformed");
    };
    let payload = match map.get("body") {
        Some(Value::Object(body)) if body.len() == 1 => body.get(kind),
        _ => None,
    };
    let Some(payload) = payload else {
        return Err(format!(
            "not an event: its body must hold exactly its kind {kind}"
        ));
    };
    Ok(Envelope {
        kind,
        author,
        role,
        recorded_at,
        hash,
        payload,
    })
}

fn safe_integer(v: &Value) -> Option<i64> {
    v.as_i64()
        .filter(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER as u64)
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What JavaScript and Rust serialize alike: ASCII keys (sorted the same by UTF-16
/// units and by bytes), integers JavaScript holds exactly, bounded nesting.
fn shape(v: &Value, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("not an event: it is nested too deeply".into());
    }
    match v {
        Value::Number(_) if safe_integer(v).is_none() => {
            Err("not an event: its numbers must be integers of at most 2^53 - 1".into())
        }
        Value::Array(items) => items.iter().try_for_each(|x| shape(x, depth + 1)),
        Value::Object(map) => map.iter().try_for_each(|(k, x)| {
            if !k.is_ascii() {
                return Err("not an event: its field names must be ASCII".into());
            }
            shape(x, depth + 1)
        }),
        _ => Ok(()),
    }
}

/// One id found in a payload: the key it was found under, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundId<'a> {
    /// The id.
    pub id: &'a str,
    /// The payload key it was found under (a value of it, or a key of its map).
    pub key: &'a str,
    /// Whether it is a key of that map (`scores`, `votes`, `proposed`).
    pub map_key: bool,
}

/// Every id in a payload, found by key ([`id_keys`], [`id_list_keys`],
/// [`ID_MAP_KEYS`], [`ID_PAIR_KEYS`]) at any depth, in sorted key order, depth first.
/// The design document walks payloads the same way.
pub fn payload_ids(v: &Value) -> Vec<FoundId<'_>> {
    let mut out = Vec::new();
    walk_ids(v, (&id_keys(), &id_list_keys()), &mut out);
    out
}

fn walk_ids<'a>(v: &'a Value, keys: (&[&str], &[&str]), out: &mut Vec<FoundId<'a>>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| walk_ids(x, keys, out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| {
            ids_under(k, x, keys, out);
            walk_ids(x, keys, out);
        }),
        _ => {}
    }
}

fn ids_under<'a>(
    key: &'a str,
    v: &'a Value,
    (keys, lists): (&[&str], &[&str]),
    out: &mut Vec<FoundId<'a>>,
) {
    let mut found = |id: &'a str, map_key: bool| out.push(FoundId { id, key, map_key });
    match v {
        Value::String(s) if keys.contains(&key) => found(s, false),
        Value::Array(items) if lists.contains(&key) => items
            .iter()
            .filter_map(Value::as_str)
            .for_each(|s| found(s, false)),
        Value::Object(map) if ID_MAP_KEYS.contains(&key) => map.keys().for_each(|s| found(s, true)),
        Value::Object(map) if ID_PAIR_KEYS.contains(&key) => map.iter().for_each(|(s, x)| {
            found(s, true);
            if let Some(x) = x.as_str() {
                found(x, false);
            }
        }),
        _ => {}
    }
}

/// The first id of the payload outside the safe alphabet.
fn ids(payload: &Value) -> Result<(), String> {
    match payload_ids(payload).into_iter().find(|f| !id::valid(f.id)) {
        None => Ok(()),
        Some(bad) => Err(format!(
            "it refers to an id outside the safe alphabet ({} {})",
            if bad.map_key { "a key of" } else { "in" },
            serde_json::to_string(bad.key).unwrap_or_default()
        )),
    }
}

/// Size and hash of the canonical JSON (keys sorted, no whitespace, no `_` fields,
/// no `hash`).
fn content(fields: &Value, hash: &str) -> Result<(), String> {
    let canonical = fields.to_string();
    if canonical.len() > record::MAX_RECORD_BYTES {
        return Err("it is larger than any record may be".into());
    }
    if sha256_hex(&canonical) != hash {
        return Err("content does not match its hash (changed after it was recorded)".into());
    }
    Ok(())
}

/// Who may write it: the logged-in author, in a role they hold, of a kind of this
/// database that the role may write.
fn who(e: &Envelope<'_>, user: &UserCtx, db: &Scope, names_db: bool) -> Result<(), String> {
    let Some(name) = user.name.as_deref() else {
        return Err("only a logged-in user may record events".into());
    };
    if e.author != name {
        return Err(format!(
            "the author of an event must be the logged-in user ({name})"
        ));
    }
    if !user.roles.iter().any(|r| r == e.role) {
        return Err(format!("user {name} does not hold the role {}", e.role));
    }
    let Some(rule) = access::kind_rule(e.kind) else {
        return Err(format!("unknown event kind {}", e.kind));
    };
    if rule.scope != db.kind() {
        return Err(format!(
            "{} events belong in the {} database, not in {}",
            e.kind,
            rule.scope.key(),
            db.key()
        ));
    }
    // A record of a version before records named their database can't show where it
    // belongs (which township a village is in): only a server admin uploads those.
    if !names_db {
        return Err(NO_DATABASE.into());
    }
    if let Scope::Township(t) = db {
        let township = e.payload.as_object().and_then(|p| p.get("township"));
        if township.is_some_and(|x| x.as_str() != Some(t.as_str())) {
            return Err(format!(
                "this database holds only the records of township {t}"
            ));
        }
    }
    if !rule.writers.iter().any(|r| r.key() == e.role) {
        return Err(format!("the role {} may not record {}", e.role, e.kind));
    }
    field_rules(e)
}

/// The payload rules of `access::field_rules` (each line of a 纪实表 by its own roles).
fn field_rules(e: &Envelope<'_>) -> Result<(), String> {
    for rule in access::field_rules().filter(|r| r.kind == e.kind) {
        let value = e.payload.as_object().and_then(|p| p.get(rule.field));
        let text = value.and_then(Value::as_str).unwrap_or_default();
        let roles = access::field_roles(rule.kind, rule.field, text).unwrap_or(&[]);
        if !roles.iter().any(|r| r.key() == e.role) {
            let shown = value.map_or("none".to_string(), Value::to_string);
            return Err(format!(
                "the role {} may not record {} with {} {shown}",
                e.role, e.kind, rule.field
            ));
        }
    }
    Ok(())
}
