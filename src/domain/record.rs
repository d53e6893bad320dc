//! Stored records: turning the text of an event (from storage, a backup file or the
//! server) into an event this version understands, a foreign event it keeps and
//! forwards without understanding, or a refusal with the reason.
//!
//! Architecture invariant (schema evolution): the hash is checked over the record's
//! own canonical JSON value, never over a re-serialization of our types, so adding a
//! field or changing a default can't break an old record. A record whose envelope
//! and hash are sound but whose kind or payload this version can't read is a
//! [`Foreign`] record: stored, exported and synced verbatim, never folded, and
//! understood once the app is updated. Only a record that is not JSON, whose hash does
//! not match, whose ids leave the safe alphabet or whose values are out of range is
//! refused (quarantined).

use crate::domain::workflows::MasterEvent;
use serde_json::{Map, Value};

use super::event::{sha256_hex, Event, EventBody};
use super::id;

/// Largest stored record accepted, in bytes of canonical JSON.
pub const MAX_RECORD_BYTES: usize = 256 * 1024;
/// Largest integer JavaScript holds exactly (2^53 − 1); records hold no other numbers.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Numbers as JavaScript (the server's design document) reads them: a number written
/// as a float whose value is an integer JavaScript holds exactly (`800.0`, `8e2`,
/// `8.00E+2`, `-0`) becomes that integer (`800`, `0`), so the canonical JSON (and the
/// hash) is the one the server checked, whatever spelling a server kept. Other floats
/// are left as they are (and refused by the server as not integers). The `f64` only
/// mirrors how JavaScript parses the JSON text: no score or amount is ever computed in
/// floating point (every number the app records is an integer).
pub fn normalize_numbers(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64 {
                    // Exact: an integral f64 of at most 2^53 - 1 is an i64.
                    *n = serde_json::Number::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_numbers),
        Value::Object(map) => map.values_mut().for_each(normalize_numbers),
        _ => {}
    }
}

/// A record this version can't read (a newer kind or shape): kept and forwarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Foreign {
    /// Event id.
    pub id: String,
    /// Its kind as written (e.g. `village_head_selected`).
    pub kind: String,
    /// Its hash.
    pub hash: String,
    /// When it was recorded, UTC ms.
    pub recorded_at: i64,
    /// Device that recorded it.
    pub device: String,
    /// Who recorded it.
    pub author: String,
    /// Parent hashes.
    pub parents: Vec<String>,
    /// The server database it belongs in, as its envelope says (empty if it says
    /// nothing: then it can't be sent anywhere by this version).
    pub scope: String,
    /// Canonical JSON, hash included.
    pub json: String,
    /// Why this version could not read it (technical, English).
    pub reason: String,
}

/// What a stored text turned out to be.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // short-lived: unpacked right after decoding
pub enum Decoded {
    /// An event this version understands.
    Known(Event),
    /// A sound record of a kind or shape this version can't read.
    Foreign(Foreign),
}

impl Decoded {
    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Decoded::Known(e) => &e.id,
            Decoded::Foreign(f) => &f.id,
        }
    }

    /// Its hash.
    pub fn hash(&self) -> &str {
        match self {
            Decoded::Known(e) => &e.hash,
            Decoded::Foreign(f) => &f.hash,
        }
    }

    /// Its canonical JSON with the hash.
    pub fn json(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Decoded::Known(e) => e.json(),
            Decoded::Foreign(f) => f.json.as_str().into(),
        }
    }
}

/// Why a record was refused (quarantined).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The id it claims, if any could be read.
    pub id: String,
    /// Whether the content does not match its hash (changed after recording).
    pub hash_mismatch: bool,
    /// Why, in English (technical; shown on the Data page).
    pub reason: String,
}

/// A body of a kind this version knows whose fields are not a JSON object (an array
/// would hide its ids from the safe-alphabet check by field name): refused, as the
/// server refuses it, never kept as a record of a newer version.
fn known_kind_not_an_object(map: &Map<String, Value>) -> Option<String> {
    let body = map.get("body")?.as_object()?;
    let (kind, fields) = body.iter().next().filter(|_| body.len() == 1)?;
    let known = EventBody::all_kinds().any(|k| k == kind);
    (known && !fields.is_object()).then(|| kind.clone())
}

fn refused(id: &str, reason: impl Into<String>) -> Refused {
    Refused {
        id: id.to_string(),
        hash_mismatch: false,
        reason: reason.into(),
    }
}

/// Whether `hash` is the SHA-256 of `json` (a canonical record with its hash) taken
/// without its `hash` field (numbers as [`normalize_numbers`] reads them).
pub fn stored_hash_ok(json: &str, hash: &str) -> bool {
    let mut value = serde_json::from_str::<Value>(json);
    if let Ok(v) = &mut value {
        normalize_numbers(v);
    }
    match value {
        Ok(Value::Object(mut map)) => {
            map.remove("hash");
            sha256_hex(&Value::Object(map).to_string()) == hash
        }
        _ => false,
    }
}

/// Decode a record as this app stores it (its canonical text, hash included): the
/// same outcome as [`decode`], faster. When the text parses as an event whose
/// envelope and content pass every check, and the text without its `hash` member
/// hashes to that hash, the event is taken with one parse; anything else goes the
/// whole way through [`decode`]. (The Data page's integrity check still re-derives
/// every event's canonical hash.)
pub fn decode_stored(text: &str) -> Result<Decoded, Refused> {
    match stored_event(text, Hash::Derive) {
        Some(event) => Ok(Decoded::Known(event.keeping(text.to_string()))),
        None => decode(text),
    }
}

/// Decode a record of a sealed page (`store::page`): every check of
/// [`decode_stored`] but deriving its own hash again, which was checked in full before
/// the page was sealed (the Data page's check derives it once more). Anything that
/// fails goes the whole way through [`decode`]; then the text comes back with why.
pub fn decode_sealed(text: String) -> Result<Decoded, (String, Refused)> {
    match stored_event(&text, Hash::Sealed) {
        Some(event) => Ok(Decoded::Known(event.keeping(text))),
        None => decode(&text).map_err(|r| (text, r)),
    }
}

/// Whether [`stored_event`] derives the record's hash from its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hash {
    /// Derive it and compare.
    Derive,
    /// Take it: the record was checked in full before it was sealed in a page.
    Sealed,
}

/// The event `text` holds, if the fast checks of [`decode_stored`] all pass.
fn stored_event(text: &str, hash: Hash) -> Option<Event> {
    if text.len() > MAX_RECORD_BYTES {
        return None;
    }
    let event: Event = serde_json::from_str(text).ok()?;
    let sound = is_hash(&event.hash)
        && body_is_object(text)
        && (hash == Hash::Sealed || derived_hash(text, &event.hash))
        && id::valid(&event.id)
        && id::valid(&event.device)
        && !event.author.trim().is_empty()
        && event.parents.iter().all(|p| is_hash(p))
        && (event.scope.is_empty() || super::access::Scope::from_key(&event.scope).is_some())
        && check_event(&event).is_ok();
    sound.then_some(event)
}

/// Whether the top-level `body` member of `text` holds its kind's fields as an object,
/// written as this app writes it: `"body":{"<kind>":{`, as [`decode`] requires (an
/// array would hide its ids from the safe-alphabet check by field name). Found by
/// walking the text's top level, so a `"body"` nested in another member is passed over;
/// in the canonical text it comes second, after `author`. Spacing around it answers
/// false (the whole [`decode`] then decides), as the plain search this replaced did.
/// Only the first top-level `body` and its first member are looked at: the typed parse
/// already refuses a second `body` and a body of two kinds (and, today, fields given as
/// a list), so this is a second guard. No copy is made.
fn body_is_object(text: &str) -> bool {
    let bytes = text.as_bytes();
    body_at(bytes).is_some_and(|at| fields_open_an_object(bytes, at))
}

/// The kind of the record `text` holds, read from its top-level body as this app
/// writes it (`"body":{"<kind>":{`, see [`body_is_object`]) without parsing the rest:
/// in the canonical text only `author` comes before it. `None` for any other spelling
/// (escapes in the kind included); the record is then decoded as it is, whatever it
/// holds. Only a hint of where the record's fold belongs (`store::later`): decoding
/// decides what it is.
pub fn body_kind(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let at = body_at(bytes)?;
    if !fields_open_an_object(bytes, at) {
        return None;
    }
    let end = string_end(bytes, at + 1)?;
    let kind = text.get(at + 2..end - 1)?;
    (!kind.contains('\\')).then_some(kind)
}

/// Where the value of the first top-level `"body"` member of `bytes` starts.
fn body_at(bytes: &[u8]) -> Option<usize> {
    let (mut at, mut depth) = (0usize, 0usize);
    while let Some(&b) = bytes.get(at) {
        match b {
            b'"' => {
                let end = string_end(bytes, at)?;
                let key = depth == 1 && bytes.get(end) == Some(&b':');
                if key && bytes.get(at..end) == Some(&b"\"body\""[..]) {
                    return Some(end + 1);
                }
                at = end;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at += 1;
    }
    None
}

/// Whether the value at `at` (a body) opens `{"<kind>":{`.
fn fields_open_an_object(bytes: &[u8], at: usize) -> bool {
    if bytes.get(at) != Some(&b'{') || bytes.get(at + 1) != Some(&b'"') {
        return false;
    }
    string_end(bytes, at + 1).is_some_and(|end| bytes.get(end..end + 2) == Some(&b":{"[..]))
}

/// Where the JSON string opening at `start` ends (just past its closing quote).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// Whether `text` without its top-level `hash` member hashes to `hash`.
fn derived_hash(text: &str, hash: &str) -> bool {
    // The top-level hash is the last `"hash"` member: only strings and numbers follow
    // it in canonical key order, and a quote inside a string is escaped.
    let member = format!(",\"hash\":\"{hash}\"");
    let Some(at) = text.rfind(&member) else {
        return false;
    };
    let bare = [&text[..at], &text[at + member.len()..]].concat();
    sha256_hex(&bare) == hash
}

/// Decode the text of a stored record (any key order or whitespace).
pub fn decode(text: &str) -> Result<Decoded, Refused> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| refused("", format!("unreadable: {e}")))?;
    decode_value(value)
}

/// Decode a record given as a JSON object (e.g. a server document stripped of its
/// `_` fields, or one entry of a backup file). Its numbers are read as JavaScript
/// reads them ([`normalize_numbers`]), as the server did when it accepted it.
pub fn decode_value(mut value: Value) -> Result<Decoded, Refused> {
    normalize_numbers(&mut value);
    let Value::Object(mut map) = value else {
        return Err(refused("", "not an event: not a JSON object"));
    };
    let id = text_field(&map, "id").unwrap_or_default().to_string();
    if !id::valid(&id) {
        return Err(refused(
            &id,
            "not an event: its id is missing or outside the safe alphabet",
        ));
    }
    let Some(Value::String(hash)) = map.remove("hash") else {
        return Err(refused(&id, "not an event: it has no hash"));
    };
    let canonical = serde_json::to_string(&map).unwrap_or_default();
    if canonical.len() > MAX_RECORD_BYTES {
        return Err(refused(&id, "it is larger than any record may be"));
    }
    if sha256_hex(&canonical) != hash {
        return Err(Refused {
            hash_mismatch: true,
            ..refused(
                &id,
                "content does not match its hash (changed after it was recorded)",
            )
        });
    }
    map.insert("hash".into(), Value::String(hash.clone()));
    let envelope = envelope(&map, &id, &hash)?;
    if let Some(kind) = known_kind_not_an_object(&map) {
        return Err(refused(
            &id,
            format!("the fields of a {kind} record are not a JSON object"),
        ));
    }
    let json = Value::Object(map).to_string();
    match serde_json::from_str::<Event>(&json) {
        Ok(event) => {
            check_event(&event).map_err(|reason| refused(&id, reason))?;
            Ok(Decoded::Known(event.keeping(json)))
        }
        Err(e) => Ok(Decoded::Foreign(Foreign {
            json,
            reason: format!("this version cannot read it: {e}"),
            ..envelope
        })),
    }
}

fn text_field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// The envelope every record must have, whatever its kind.
fn envelope(map: &Map<String, Value>, id: &str, hash: &str) -> Result<Foreign, Refused> {
    let kind = text_field(map, "kind").unwrap_or_default();
    if !id::valid(kind) {
        return Err(refused(
            id,
            "not an event: its kind is missing or malformed",
        ));
    }
    let device = text_field(map, "device").unwrap_or_default();
    if !id::valid(device) {
        return Err(refused(
            id,
            "not an event: its device id is missing or outside the safe alphabet",
        ));
    }
    let Some(recorded_at) = map.get("recorded_at").and_then(Value::as_i64) else {
        return Err(refused(id, "not an event: it has no recording time"));
    };
    let author = text_field(map, "author").unwrap_or_default();
    if author.trim().is_empty() {
        return Err(refused(id, "not an event: it names no author"));
    }
    let parents: Option<Vec<String>> = match map.get("parents") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|p| p.as_str().filter(|p| is_hash(p)).map(str::to_string))
            .collect(),
        _ => None,
    };
    let Some(parents) = parents else {
        return Err(refused(id, "not an event: its parent hashes are malformed"));
    };
    let scope = text_field(map, "scope").unwrap_or_default();
    if !scope.is_empty() && super::access::Scope::from_key(scope).is_none() {
        return Err(refused(id, "not an event: its database scope is malformed"));
    }
    Ok(Foreign {
        id: id.to_string(),
        kind: kind.to_string(),
        hash: hash.to_string(),
        recorded_at,
        device: device.to_string(),
        author: author.to_string(),
        parents,
        scope: scope.to_string(),
        json: String::new(),
        reason: String::new(),
    })
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What a decoded event must satisfy before it may be folded: its kind and subject
/// match its body, every id in it uses the safe alphabet, a name that must be its
/// author is (`access::author_fields`: a signature's signer), and its numbers are in
/// range.
pub fn check_event(e: &Event) -> Result<(), String> {
    if e.kind != e.body.kind() {
        return Err(format!("its kind {} does not match its content", e.kind));
    }
    if !e.body.subject_is(&e.subject) {
        return Err(format!(
            "its subject {} does not match its content",
            e.subject
        ));
    }
    if let Some(bad) = e.body.ids().into_iter().find(|i| !id::valid(i)) {
        return Err(format!(
            "it refers to an id outside the safe alphabet: {:?}",
            bad.chars().take(80).collect::<String>()
        ));
    }
    if let (Some(claimed), Some(rule)) = (
        super::access::Scope::from_key(&e.scope),
        super::access::kind_rule(&e.kind),
    ) {
        if claimed.kind() != rule.scope {
            return Err(format!(
                "its database {} is not where a {} belongs",
                e.scope, e.kind
            ));
        }
    }
    if let Some((field, named)) = super::access::named_author(&e.body) {
        if named != e.author {
            return Err(super::access::not_the_author(field));
        }
    }
    if let EventBody::Master(MasterEvent::PolicyChanged { policy, .. }) = &e.body {
        if let Some(v) = super::policy_fields::absurd(policy) {
            return Err(format!("its policy is out of range: {}", v.en));
        }
    }
    Ok(())
}

/// Longest text of any one field a user may record, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name or title (of a place, a person, a post, a case), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Fields holding a name or a title.
const NAME_KEYS: &[&str] = &[
    "name",
    "title",
    "unit",
    "secretary",
    "director",
    "assessor",
    "objector",
    "author",
    "held_by",
    "signer",
    "proposer",
    "first_nominator",
    "signature",
    "complainant",
    "meeting",
    "body",
];

/// Refuse a body whose texts are longer than anyone types: every name or title at most
/// [`MAX_NAME_CHARS`], any other text at most [`MAX_TEXT_CHARS`] (so a record always
/// fits [`MAX_RECORD_BYTES`]). The message names the field.
pub fn check_text(body: &EventBody) -> Result<(), super::RuleViolation> {
    let Ok(text) = serde_json::to_string(body) else {
        return Ok(());
    };
    let Ok(value) = serde_json::from_str::<Value>(&text) else {
        return Ok(());
    };
    too_long(&value, "").map_or(Ok(()), Err)
}

fn too_long(v: &Value, key: &str) -> Option<super::RuleViolation> {
    match v {
        Value::String(s) => {
            let limit = if NAME_KEYS.contains(&key) {
                MAX_NAME_CHARS
            } else {
                MAX_TEXT_CHARS
            };
            (s.chars().count() > limit).then(|| {
                super::RuleViolation::new(
                    "field.too_long",
                    format!("文字过长：此项最多 {limit} 个字"),
                    format!("Too long: at most {limit} characters here"),
                )
                .on(key)
            })
        }
        Value::Array(items) => items.iter().find_map(|x| too_long(x, key)),
        Value::Object(map) => map.iter().find_map(|(k, x)| too_long(x, k)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_javascript_reads_them() {
        let mut v: Value = serde_json::from_str(
            r#"[800.0, 8e2, 8.00E+2, -0, -0.0, 0.5, 1e21, 9007199254740992.0, 7]"#,
        )
        .unwrap_or_default();
        normalize_numbers(&mut v);
        assert_eq!(
            v.to_string(),
            "[800,800,800,0,0,0.5,1e+21,9007199254740992.0,7]"
        );
    }

    /// The body's fields are found at the top level only, written without spacing,
    /// past quotes escaped in the author's name; anything else is not taken as an object.
    #[test]
    fn the_body_fields_are_an_object_only_at_the_top_level() {
        let canonical = r#"{"author":"张\"三\\","body":{"x_recorded":{"a":1}},"id":"e1"}"#;
        assert!(body_is_object(canonical));
        assert!(body_is_object(
            r#"{"author": "张三","body":{"x_recorded":{"a":1}}}"#
        ));
        for refused in [
            r#"{"author":"张三","body" : { "x_recorded" : { "a" : 1 } } }"#,
            r#"{"author":"张三","body":{"x_recorded": {"a":1}}}"#,
            r#"{"author":"张三","body":{"x_recorded":[1]}}"#,
            r#"{"author":"张三","body":{"x_recorded":"{"}}"#,
            r#"{"a":{"body":{"x_recorded":{}}},"author":"张三","body":{"x_recorded":[1]}}"#,
            r#"{"author":"\"body\":{\"x_recorded\":{","body":{"x_recorded":[1]}}"#,
            r#"{"author":"张三","subject":"body","kind":"x"}"#,
            r#"{"author":"张三","body":"#,
            r#"{"author":"张三\"#,
            "",
        ] {
            assert!(!body_is_object(refused), "{refused}");
        }
    }
}
