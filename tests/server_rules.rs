#![cfg(not(target_arch = "wasm32"))]
//! The server's rules are the app's rules: the shipped design document and access
//! table are what the Rust side generates, and the design document's JavaScript, run
//! in node, accepts or refuses every event kind for every role, and every hostile
//! document, exactly as `sync::server_check` does (with the same reason), which in turn
//! accepts exactly what `access::may_write` lets the phone record.
//!
//! `JISHI_WRITE_DESIGN=1 cargo test --test server_rules` rewrites the generated files.

use jishi::domain::workflows::CadreSelectionEvent;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use jishi::domain::access::{self, Scope, ScopeKind};
use jishi::domain::cadre_selection::Ending;
use jishi::domain::event::{sha256_hex, Event, EventBody, Role, Stamp};
use jishi::domain::record::{self, Decoded, MAX_RECORD_BYTES};
use jishi::sync::design_doc::{self, ACCESS_PATH, VALIDATE_PATH};
use jishi::sync::validate::{payload_ids, MAX_FUTURE_MS};
use jishi::sync::{block_on, server_check, DocStatus, MemoryRemote, Remote, UserCtx};
use serde_json::{json, Value};

const TOWNSHIP: &str = "t-wljmr";
/// 2027-12-29: after every golden record.
const NOW: i64 = 1_830_000_000_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped file equals the generated text, or (JISHI_WRITE_DESIGN=1) is rewritten.
fn shipped_equals_generated(path: &str, generated: &str) {
    let file = root().join(path);
    if std::env::var("JISHI_WRITE_DESIGN").is_ok_and(|v| v == "1") {
        std::fs::write(&file, generated).expect("write generated file");
        return;
    }
    let shipped = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        shipped == generated,
        "{path} differs from what the Rust rules generate (src/sync/design_doc.rs).\n\
         Regenerate it with: JISHI_WRITE_DESIGN=1 cargo test --test server_rules"
    );
}

#[test]
fn the_shipped_design_document_is_generated_from_the_rust_rules() {
    shipped_equals_generated(VALIDATE_PATH, &design_doc::validate_js());
}

#[test]
fn the_shipped_access_table_is_generated_from_the_rust_rules() {
    shipped_equals_generated(ACCESS_PATH, &design_doc::access_json());
}

fn golden_events() -> Vec<Value> {
    corpus_events(&["village_pay.json", "cadre_selection.json"])
}

/// The events of golden corpus files.
fn corpus_events(files: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(root().join("tests/golden").join(file)).unwrap();
        let backup: Value = serde_json::from_str(&text).unwrap();
        out.extend(backup["events"].as_array().unwrap().iter().cloned());
    }
    out
}

/// Kinds the golden corpus lacks, recorded as the app records them.
fn crafted_events() -> Vec<Value> {
    let ended = Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::CaseEnded {
            case: "case-2026-01".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            ending: Ending::Withdrawn,
            reason: "本人申请退出".into(),
            over: "a1b2c3".into(),
            supersedes: vec!["019d5000000000000000000000aa".into()],
        }),
        Stamp {
            id: "019d6000000000000000000000ee".into(),
            author: "记录人 周静".into(),
            role: Role::Recorder,
            device: "phone-w4".into(),
            recorded_at: 1_775_000_000_000,
            parents: vec![],
        },
    );
    vec![serde_json::from_str(&ended.json()).unwrap()]
}

/// `fields` (a record without `_` fields) sealed again: its hash recomputed, `_id` = id.
fn seal(mut fields: Value) -> Value {
    let map = fields.as_object_mut().unwrap();
    map.remove("hash");
    map.remove("_id");
    let hash = sha256_hex(&fields.to_string());
    let map = fields.as_object_mut().unwrap();
    map.insert("hash".into(), hash.into());
    let id = map.get("id").cloned().unwrap_or(Value::Null);
    map.insert("_id".into(), id);
    fields
}

/// The golden corpus and the crafted kinds as this version writes them: naming the
/// database they belong in (`scope`), sealed again; and the village heads' corpus,
/// written by a version that names it.
fn scoped_events() -> Vec<Value> {
    let mut events = golden_events();
    events.extend(crafted_events());
    // The renewal corpus holds the whole of career_pay.json, and renewals and ends.
    events.extend(corpus_events(&[
        "village_heads.json",
        "career_renewal.json",
        "cadre_management.json",
        "performance_record.json",
        "rotation.json",
        "audit_grading.json",
    ]));
    events
        .iter()
        .map(|e| with(e, "scope", scope_of(e).key().into()))
        .collect()
}

/// `event` with `key` set to `value`, sealed.
fn with(event: &Value, key: &str, value: Value) -> Value {
    let mut e = event.clone();
    e[key] = value;
    seal(e)
}

fn scope_of(event: &Value) -> Scope {
    let kind = event["kind"].as_str().unwrap();
    match access::kind_rule(kind).unwrap().scope {
        ScopeKind::Common => Scope::Common,
        ScopeKind::Township => Scope::Township(TOWNSHIP.into()),
        ScopeKind::Cadre => Scope::Cadre,
        ScopeKind::Personal => Scope::Personal,
        ScopeKind::Performance => Scope::Performance,
        ScopeKind::Audit => Scope::Audit,
    }
}

fn every_role() -> Vec<Role> {
    Role::ALL.into_iter().chain(Role::LEGACY).collect()
}

fn member(name: &str, role: &str) -> UserCtx {
    UserCtx::user(name, &[role, &access::township_role(TOWNSHIP)])
}

/// A server admin (CouchDB role `_admin`).
fn server_admin() -> UserCtx {
    UserCtx::user("admin", &["_admin"])
}

fn anonymous() -> UserCtx {
    UserCtx {
        name: None,
        roles: vec![],
    }
}

/// What a case expects, besides JavaScript agreeing with Rust.
#[derive(Clone, Debug)]
enum Expect {
    Accepted,
    /// Refused with a reason containing this.
    Refused(&'static str),
    /// Accepted exactly when the phone's deciders may write it as this role.
    AsDeciders(Role),
}
use Expect::{Accepted, AsDeciders, Refused};

#[derive(Clone, Debug)]
struct Case {
    name: String,
    doc: Value,
    old: Option<Value>,
    user: UserCtx,
    scope: Scope,
    now: i64,
    expect: Expect,
}

/// The cases being built.
#[derive(Default)]
struct Cases(Vec<Case>);

impl Cases {
    fn add(&mut self, name: &str, doc: Value, user: &UserCtx, scope: &Scope, expect: Expect) {
        self.0.push(Case {
            name: name.to_string(),
            doc,
            old: None,
            user: user.clone(),
            scope: scope.clone(),
            now: NOW,
            expect,
        });
    }

    /// The same document by its user and by a server admin: both refused.
    fn refused_to_all(
        &mut self,
        name: &str,
        doc: Value,
        user: &UserCtx,
        scope: &Scope,
        why: &'static str,
    ) {
        self.add(name, doc.clone(), user, scope, Refused(why));
        let by_admin = format!("{name}, by a server admin");
        self.add(&by_admin, doc, &server_admin(), scope, Refused(why));
    }
}

/// An event of the app as every role, and as admin, anonymous, another author,
/// without the role.
fn role_cases(e: &Value, out: &mut Cases) {
    let author = e["author"].as_str().unwrap();
    let role = e["role"].as_str().unwrap();
    let scope = scope_of(e);
    let doc = seal(e.clone());
    let named = |what: &str| format!("{} {} {what}", e["kind"], e["id"]);
    // Records of earlier versions stay as their writers' rules were then (a reviewer
    // signed the section chiefs' lines): today's rules decide a user's new write.
    let as_then = AsDeciders(Role::from_key(role).unwrap());
    out.add(
        &named("as recorded"),
        doc.clone(),
        &member(author, role),
        &scope,
        as_then,
    );
    for r in every_role() {
        let d = with(e, "role", r.key().into());
        out.add(
            &named(r.key()),
            d,
            &member(author, r.key()),
            &scope,
            AsDeciders(r),
        );
    }
    let no_role = UserCtx::user(author, &[&access::township_role(TOWNSHIP)]);
    let others = [
        ("by a server admin", server_admin(), Accepted),
        ("anonymously", anonymous(), Refused("logged-in")),
        (
            "by another user",
            member("someone-else", role),
            Refused("author"),
        ),
        (
            "without the role",
            no_role,
            Refused("does not hold the role"),
        ),
    ];
    for (what, user, expect) in others {
        out.add(&named(what), doc.clone(), &user, &scope, expect);
    }
}

/// An event that says which database it belongs in (this version's records do): only
/// there, whoever writes it.
fn scope_field_cases(e: &Value, out: &mut Cases) {
    let user = member(e["author"].as_str().unwrap(), e["role"].as_str().unwrap());
    let home = scope_of(e);
    let named = with(e, "scope", home.key().into());
    let name = format!("{} {} naming its database", e["kind"], e["id"]);
    let expect = AsDeciders(Role::from_key(e["role"].as_str().unwrap()).unwrap());
    out.add(&name, seal(named.clone()), &user, &home, expect);
    for db in [
        Scope::Common,
        Scope::Cadre,
        Scope::Personal,
        Scope::Performance,
        Scope::Audit,
    ] {
        if db != home {
            let name = format!(
                "{} {} naming {} but sent to {}",
                e["kind"],
                e["id"],
                home.key(),
                db.key()
            );
            out.refused_to_all(&name, seal(named.clone()), &user, &db, "belongs in the");
        }
    }
}

/// A record of the version before records named their database, from its author:
/// refused (the server can't tell which township a village is in); a server admin
/// uploads it.
fn legacy_cases(e: &Value, out: &mut Cases) {
    let user = member(e["author"].as_str().unwrap(), e["role"].as_str().unwrap());
    let home = scope_of(e);
    let name = format!("{} {} naming no database", e["kind"], e["id"]);
    out.add(
        &name,
        seal(e.clone()),
        &user,
        &home,
        Refused("names no database"),
    );
    let by_admin = format!("{name}, by a server admin");
    out.add(&by_admin, seal(e.clone()), &server_admin(), &home, Accepted);
}

/// A record naming no database in another township's and every other database.
fn placement_cases(e: &Value, out: &mut Cases) {
    let kind = e["kind"].as_str().unwrap();
    let user = member(e["author"].as_str().unwrap(), e["role"].as_str().unwrap());
    let home = scope_of(e).kind();
    let other_township = Scope::Township("t-other".into());
    for db in [
        Scope::Common,
        Scope::Cadre,
        Scope::Personal,
        Scope::Performance,
        Scope::Audit,
        other_township,
    ] {
        let expect = match db.kind() == home {
            false => Refused("database, not in"),
            true => Refused("names no database"),
        };
        if db.kind() != home || db.key().ends_with("t-other") {
            let name = format!("{kind} {} into {}", e["id"], db.key());
            out.add(&name, seal(e.clone()), &user, &db, expect);
        }
    }
}

fn find<'a>(events: &'a [Value], kind: &str, needle: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["kind"] == kind && e.to_string().contains(needle))
        .unwrap_or_else(|| panic!("no {kind} holding {needle}"))
}

/// The golden records hostile documents are made from.
struct Bases<'a> {
    scores: &'a Value,
    assessor: UserCtx,
    w1: Scope,
    events: &'a [Value],
}

impl<'a> Bases<'a> {
    fn new(events: &'a [Value]) -> Bases<'a> {
        let scores = find(events, "scores_submitted", "\"scores\"");
        Bases {
            scores,
            assessor: member(scores["author"].as_str().unwrap(), "assessor"),
            w1: Scope::Township(TOWNSHIP.into()),
            events,
        }
    }

    /// The golden scores with `key` of the payload set to `value`, sealed.
    fn scores_with(&self, key: &str, value: Value) -> Value {
        let mut e = self.scores.clone();
        e["body"]["scores_submitted"][key] = value;
        seal(e)
    }
}

fn hash_cases(b: &Bases<'_>, out: &mut Cases) {
    let mut forged = seal(b.scores.clone());
    forged["hash"] = "a".repeat(64).into();
    out.refused_to_all("a made-up hash", forged, &b.assessor, &b.w1, "hash");
    let mut changed = seal(b.scores.clone());
    changed["body"]["scores_submitted"]["note"] = "改过的".into();
    let why = "does not match its hash";
    out.add(
        "a payload changed after sealing",
        changed,
        &b.assessor,
        &b.w1,
        Refused(why),
    );
    let mut no_hash = seal(b.scores.clone());
    no_hash.as_object_mut().unwrap().remove("hash");
    out.add("no hash", no_hash, &b.assessor, &b.w1, Refused("hash"));
}

/// An edit of a golden record's payload putting a bad id somewhere.
type Edit = fn(&mut Value);

const BAD: &str = "k1' x";

fn bad_id_edits() -> Vec<(&'static str, &'static str, &'static str, Edit)> {
    vec![
        ("village", "scores_submitted", "\"scores\"", |p| {
            p["village"] = BAD.into()
        }),
        ("a scores key", "scores_submitted", "\"scores\"", |p| {
            p["scores"][BAD] = 10.into();
        }),
        ("supersedes", "scores_submitted", "\"scores\"", |p| {
            p["supersedes"] = json!([BAD])
        }),
        ("a proposed post", "w4_step_recorded", "\"proposed\"", |p| {
            p["record"]["deliberation"]["proposed"][BAD] = "c-wjj".into();
        }),
        (
            "a proposed cadre",
            "w4_step_recorded",
            "\"proposed\"",
            |p| {
                let proposed = p["record"]["deliberation"]["proposed"]
                    .as_object_mut()
                    .unwrap();
                let first = proposed.keys().next().unwrap().clone();
                proposed.insert(first, BAD.into());
            },
        ),
        ("a votes key", "w4_step_recorded", "\"votes\"", |p| {
            p["record"]["recommendation"]["votes"][BAD] = 1.into();
        }),
        ("a post of a case", "w4_case_opened", "posts", |p| {
            p["posts"] = json!(["p-fsmd", BAD])
        }),
        ("a case", "w4_case_opened", "posts", |p| {
            p["case"] = BAD.into()
        }),
        ("a cadre's post", "cadre_recorded", "\"post\"", |p| {
            p["profile"]["positions"][0]["post"] = BAD.into();
        }),
        ("an indicator", "indicators_published", "indicators", |p| {
            p["indicators"][0]["id"] = BAD.into();
        }),
        ("an empty village", "scores_submitted", "\"scores\"", |p| {
            p["village"] = "".into()
        }),
        ("a long village", "scores_submitted", "\"scores\"", |p| {
            p["village"] = "v".repeat(65).into();
        }),
    ]
}

fn id_cases(b: &Bases<'_>, out: &mut Cases) {
    for (what, kind, needle, edit) in bad_id_edits() {
        let base = find(b.events, kind, needle);
        let mut e = base.clone();
        edit(&mut e["body"][kind]);
        let user = member(
            base["author"].as_str().unwrap(),
            base["role"].as_str().unwrap(),
        );
        let name = format!("a bad id in {what}");
        out.refused_to_all(&name, seal(e), &user, &scope_of(base), "safe alphabet");
    }
    let long = b.scores_with("village", "v".repeat(64).into());
    out.add(
        "a village id of 64 characters",
        long,
        &b.assessor,
        &b.w1,
        Accepted,
    );
    let envelope = [
        ("a bad event id", "id", json!(BAD), "its id"),
        ("a bad device id", "device", json!(BAD), "device"),
        ("a bad kind", "kind", json!(BAD), "kind"),
        ("a bad parent", "parents", json!(["abc"]), "parent"),
        ("a bad role", "role", json!("township:t-wljmr"), "role"),
    ];
    for (name, key, value, why) in envelope {
        out.refused_to_all(name, with(b.scores, key, value), &b.assessor, &b.w1, why);
    }
    let mut moved = seal(b.scores.clone());
    moved["_id"] = "0190000000000000000000000000".into();
    out.add(
        "_id is not id",
        moved,
        &b.assessor,
        &b.w1,
        Refused("_id must equal id"),
    );
}

fn envelope_cases(b: &Bases<'_>, out: &mut Cases) {
    let (user, w1, admin) = (&b.assessor, &b.w1, &server_admin());
    let blank = with(b.scores, "author", " \u{3000}".into());
    out.add("no author", blank, admin, w1, Refused("author"));
    let bom = with(b.scores, "author", "\u{feff}".into());
    out.add("an author of U+FEFF", bom, admin, w1, Accepted);
    let text = with(b.scores, "recorded_at", "yesterday".into());
    out.add(
        "a textual recording time",
        text,
        user,
        w1,
        Refused("recording time"),
    );
    let fraction = with(b.scores, "recorded_at", json!(1.5));
    out.add(
        "a fractional recording time",
        fraction,
        user,
        w1,
        Refused("recording time"),
    );
    let mut two = b.scores["body"].clone();
    two["x"] = json!({});
    let bodies = [
        ("a body of another kind", json!({"township_recorded": {}})),
        ("a body of two kinds", two),
        ("a body that is a list", json!([])),
    ];
    for (name, body) in bodies {
        let doc = with(b.scores, "body", body);
        out.refused_to_all(name, doc, user, w1, "exactly its kind");
    }
}

fn shape_cases(b: &Bases<'_>, out: &mut Cases) {
    let (user, w1) = (&b.assessor, &b.w1);
    let big = b.scores_with("note", "注".repeat(MAX_RECORD_BYTES / 3 + 1).into());
    out.refused_to_all("a record over the size bound", big, user, w1, "larger");
    let at_bound = with(b.scores, "recorded_at", (NOW + MAX_FUTURE_MS).into());
    out.add(
        "recorded exactly 2 days ahead",
        at_bound,
        user,
        w1,
        Accepted,
    );
    let ahead = with(b.scores, "recorded_at", (NOW + MAX_FUTURE_MS + 1).into());
    out.refused_to_all("recorded more than 2 days ahead", ahead, user, w1, "ahead");
    let odd = "制表\t换行\n引号\"反斜杠\\ \u{1} \u{7f} \u{2028} 𝄞 ☃";
    let odd = b.scores_with("note", odd.into());
    out.add(
        "text with escapes and astral characters",
        odd,
        user,
        w1,
        Accepted,
    );
    let mut listed = b.scores.clone();
    listed["body"]["scores_submitted"] = json!(["v-1", 2026, "q1"]);
    let why = "must be a JSON object";
    out.refused_to_all("fields written as an array", seal(listed), user, w1, why);
    let wide = b.scores_with("名称", "x".into());
    out.refused_to_all("a non-ASCII field name", wide, user, w1, "ASCII");
    let float = b.scores_with("year", json!(2026.5));
    out.refused_to_all("a fractional number", float, user, w1, "integers");
    let huge = b.scores_with("year", json!(9_007_199_254_740_993u64));
    out.refused_to_all("an integer beyond 2^53", huge, user, w1, "integers");
    let mut deep = json!("bottom");
    for _ in 0..40 {
        deep = json!([deep]);
    }
    let mut nested = with(b.scores, "kind", "future_kind".into());
    nested["body"] = json!({"future_kind": {"deep": deep}});
    out.refused_to_all("nesting 40 levels deep", seal(nested), user, w1, "nested");
}

/// Numbers spelled as floats, each with the integer JavaScript reads (and hashes) it
/// as, if it reads it as one it holds exactly: (spelling, payload path, integer).
const SPELLED: &[(&str, &str, Option<i64>)] = &[
    ("2026.0", "year", Some(2026)),
    ("2.026e3", "year", Some(2026)),
    ("20.260E+2", "year", Some(2026)),
    ("202600e-2", "year", Some(2026)),
    ("9007199254740990.6", "year", Some(9_007_199_254_740_991)),
    ("-0", "cy", Some(0)),
    ("-0.0", "cy", Some(0)),
    ("0e5", "cy", Some(0)),
    ("-0e-5", "cy", Some(0)),
    ("0.99999999999999999999", "cy", Some(1)),
    ("25.000", "cy", Some(25)),
    ("2026.5", "year", None),
    ("2026.000000001", "year", None),
    ("-0.5", "cy", None),
    ("9007199254740993.0", "year", None),
    ("1e21", "year", None),
];

/// The golden scores with the number at `path` hashed as `hashed` but spelled
/// `spelled` (a server may keep a document's number text as written).
fn spelled(b: &Bases<'_>, spelled: &str, path: &str, hashed: i64) -> Value {
    let set = |e: &mut Value, v: Value| {
        let p = &mut e["body"]["scores_submitted"];
        match path {
            "year" => p["year"] = v,
            _ => p["scores"][path] = v,
        }
    };
    let mut e = b.scores.clone();
    set(&mut e, hashed.into());
    let mut doc = seal(e);
    set(&mut doc, serde_json::from_str(spelled).unwrap());
    doc
}

/// Numbers spelled as floats: read as JavaScript reads them (an integral value it
/// holds exactly is that integer, and hashed as such; `-0` is 0), any other refused.
fn number_cases(b: &Bases<'_>, out: &mut Cases) {
    for (text, path, hashed) in SPELLED {
        let doc = spelled(b, text, path, hashed.unwrap_or(0));
        let name = format!("{path} spelled {text}");
        let expect = match hashed {
            Some(_) => Accepted,
            None => Refused("integers"),
        };
        out.add(&name, doc, &b.assessor, &b.w1, expect);
    }
}

fn lifecycle_cases(b: &Bases<'_>, out: &mut Cases) {
    let (user, w1, admin) = (&b.assessor, &b.w1, &server_admin());
    let proper = seal(b.scores.clone());
    out.add("a proper event", proper.clone(), user, w1, Accepted);
    let mut deleted = proper.clone();
    deleted["_deleted"] = true.into();
    out.refused_to_all("a deletion", deleted, user, w1, "deleted");
    let stub = json!({"_id": proper["_id"], "_rev": "1-abc", "_deleted": true});
    out.add("a deletion stub", stub, user, w1, Refused("deleted"));
    let mut attached = proper.clone();
    attached["_attachments"] = json!({"a.txt": {"content_type": "text/plain", "data": "aGk="}});
    out.refused_to_all("an attachment", attached, user, w1, "attachments");
    let design = json!({"_id": "_design/jishi", "validate_doc_update": "function () {}"});
    out.add(
        "a design document by a user",
        design.clone(),
        user,
        w1,
        Refused("design"),
    );
    out.add(
        "a design document by a server admin",
        design,
        admin,
        w1,
        Accepted,
    );
    let change = with(b.scores, "recorded_at", (NOW - 1).into());
    out.refused_to_all(
        "a change to an existing event",
        change,
        user,
        w1,
        "immutable",
    );
    let n = out.0.len();
    for c in &mut out.0[n - 2..] {
        c.old = Some(proper.clone());
    }
}

fn kind_cases(b: &Bases<'_>, out: &mut Cases) {
    let (user, w1, admin) = (&b.assessor, &b.w1, &server_admin());
    let mut future = with(b.scores, "kind", "village_head_selected".into());
    future["body"] = json!({"village_head_selected": {"village": "v-bymh", "count": 3}});
    let future = seal(future);
    let why = Refused("unknown event kind");
    out.add("an unknown kind by a user", future.clone(), user, w1, why);
    out.add(
        "an unknown kind forwarded by a server admin",
        future,
        admin,
        w1,
        Accepted,
    );
    let mut scalar = with(b.scores, "kind", "scalar_kind".into());
    scalar["body"] = json!({"scalar_kind": 5});
    let name = "an unknown kind with a scalar payload, by a server admin";
    out.add(name, seal(scalar), admin, w1, Accepted);
    let indicators = find(b.events, "indicators_published", "indicators");
    let organizer = member(indicators["author"].as_str().unwrap(), "organizer");
    let mut elsewhere = indicators.clone();
    elsewhere["body"]["indicators_published"]["township"] = "t-other".into();
    let why = Refused("township t-wljmr");
    out.add(
        "indicators of another township",
        seal(elsewhere),
        &organizer,
        w1,
        why,
    );
}

fn sign_cases(b: &Bases<'_>, out: &mut Cases) {
    let signed = find(b.events, "w4_signed", "deputy_head");
    let recorder = member("记录人 周静", "recorder");
    let mut by_recorder = signed.clone();
    by_recorder["role"] = "recorder".into();
    by_recorder["author"] = "记录人 周静".into();
    by_recorder["body"]["w4_signed"]["signer"] = "记录人 周静".into();
    let why = Refused("may not record w4_signed with sign \"deputy_head\"");
    let name = "a recorder signing the deputy head's line";
    out.add(
        name,
        seal(by_recorder.clone()),
        &recorder,
        &Scope::Cadre,
        why,
    );
    by_recorder["body"]["w4_signed"]["sign"] = 5.into();
    let why = Refused("with sign 5");
    let name = "a signature of no line";
    out.add(
        name,
        seal(by_recorder.clone()),
        &recorder,
        &Scope::Cadre,
        why,
    );
    by_recorder["body"]["w4_signed"]
        .as_object_mut()
        .unwrap()
        .remove("sign");
    let why = Refused("with sign none");
    out.add(
        "a signature naming no line",
        seal(by_recorder),
        &recorder,
        &Scope::Cadre,
        why,
    );
    // One person signs in their own name: a signature whose signer is not its author
    // is refused from everyone (a server admin replaying a record keeps its author).
    let chief = member(signed["author"].as_str().unwrap(), "approver");
    let not_author = "its signer must be its author";
    let edits: [(&str, Edit); 4] = [
        ("in another's name", |p| p["signer"] = "干部科 刘敏".into()),
        ("in a name spaced otherwise", |p| {
            p["signer"] = "分管副部长  高峰".into()
        }),
        ("naming no signer", |p| {
            p.as_object_mut().unwrap().remove("signer");
        }),
        ("with a signer that is not text", |p| p["signer"] = 5.into()),
    ];
    for (what, edit) in edits {
        let mut e = signed.clone();
        edit(&mut e["body"]["w4_signed"]);
        let name = format!("a signature {what}");
        out.refused_to_all(&name, seal(e), &chief, &Scope::Cadre, not_author);
    }
    let recheck = find(b.events, "w4_signed", "\"recheck\"");
    let mut forged = recheck.clone();
    forged["author"] = "记录人 周静".into();
    forged["role"] = "recorder".into();
    let name = "a re-check by the recorder in the re-checker's name";
    out.refused_to_all(name, seal(forged), &recorder, &Scope::Cadre, not_author);
}

/// The design document's verdicts, run in node: `None` = accepted, else the reason.
fn run_in_node(cases: &[Case]) -> Vec<Option<String>> {
    const HARNESS: &str = r#"
const fs = require("fs"), vm = require("vm");
const src = fs.readFileSync(process.env.JISHI_VALIDATE_JS, "utf8");
const fnSrc = src.slice(src.indexOf("\nfunction (") + 1);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const made = {};
const verdicts = cases.map((c) => {
  const key = c.scope + " " + c.now;
  if (!made[key]) {
    const ctx = vm.createContext({ Date: { now: () => c.now } });
    made[key] = vm.runInContext("(" + fnSrc.split("__SCOPE__").join(c.scope) + ")", ctx);
  }
  try {
    made[key](c.doc, c.old, c.user, { members: {}, admins: {} });
    return null;
  } catch (e) {
    return e && typeof e.forbidden === "string" ? e.forbidden : "THREW " + String(e && e.stack || e);
  }
});
process.stdout.write(JSON.stringify(verdicts));
"#;
    let input: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "doc": c.doc, "old": c.old, "scope": c.scope.key(), "now": c.now,
                "user": {"name": c.user.name, "roles": c.user.roles},
            })
        })
        .collect();
    let mut child = Command::new("node")
        .arg("-e")
        .arg(HARNESS)
        .env("JISHI_VALIDATE_JS", root().join(VALIDATE_PATH))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node must be installed (it runs the design document)");
    let text = serde_json::to_string(&input).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    serde_json::from_slice(&out.stdout).expect("node printed the verdicts")
}

fn all_cases() -> Vec<Case> {
    let mut legacy = golden_events();
    legacy.extend(crafted_events());
    let events = scoped_events();
    let mut kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    kinds.sort();
    kinds.dedup();
    for rule in access::kinds() {
        assert!(kinds.contains(&rule.kind), "no event of kind {}", rule.kind);
    }
    let mut out = Cases::default();
    for e in &events {
        role_cases(e, &mut out);
        scope_field_cases(e, &mut out);
    }
    for e in &legacy {
        placement_cases(e, &mut out);
        legacy_cases(e, &mut out);
    }
    let b = Bases::new(&events);
    hash_cases(&b, &mut out);
    id_cases(&b, &mut out);
    envelope_cases(&b, &mut out);
    shape_cases(&b, &mut out);
    number_cases(&b, &mut out);
    lifecycle_cases(&b, &mut out);
    kind_cases(&b, &mut out);
    sign_cases(&b, &mut out);
    out.0
}

fn typed_body(doc: &Value) -> EventBody {
    let fields: serde_json::Map<String, Value> = doc
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    match record::decode_value(Value::Object(fields)) {
        Ok(Decoded::Known(e)) => e.body,
        other => panic!("not a known event: {other:?}"),
    }
}

#[test]
fn the_design_document_decides_exactly_as_the_rust_rules() {
    let cases = all_cases();
    let js = run_in_node(&cases);
    assert_eq!(js.len(), cases.len());
    let mut failures = Vec::new();
    for (c, js) in cases.iter().zip(js) {
        let rust = server_check(&c.doc, c.old.as_ref(), &c.user, &c.scope, c.now).err();
        if rust != js {
            failures.push(format!("{}: Rust {rust:?}, JavaScript {js:?}", c.name));
            continue;
        }
        let ok = match &c.expect {
            Expect::Accepted => rust.is_none(),
            Expect::Refused(why) => rust.as_deref().is_some_and(|r| r.contains(why)),
            Expect::AsDeciders(role) => {
                rust.is_none() == access::may_write(*role, &typed_body(&c.doc))
            }
        };
        if !ok {
            failures.push(format!("{}: expected {:?}, got {rust:?}", c.name, c.expect));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_record_the_server_accepts_in_any_number_spelling_is_read_by_phones() {
    let events = scoped_events();
    let b = Bases::new(&events);
    for (text, path, hashed) in SPELLED {
        let Some(hashed) = hashed else { continue };
        let doc = spelled(&b, text, path, *hashed);
        assert_eq!(
            server_check(&doc, None, &b.assessor, &b.w1, NOW),
            Ok(()),
            "{path} {text}"
        );
        // What the phone pulls: the document as the server kept it.
        let kept: Value = serde_json::from_str(&doc.to_string().replace(
            &serde_json::from_str::<Value>(text).unwrap().to_string(),
            text,
        ))
        .unwrap();
        let fields: serde_json::Map<String, Value> = kept
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        // Not quarantined: understood (or, for a year beyond any, kept as foreign),
        // with the hash the server checked.
        match record::decode_value(Value::Object(fields)) {
            Ok(d) => {
                assert_eq!(d.hash(), doc["hash"], "{path} {text}");
                assert!(d.json().contains(&format!(":{hashed}")), "{}", d.json());
                let known = matches!(d, Decoded::Known(_));
                assert_eq!(known, *hashed < 1 << 31, "{path} {text}: {d:?}");
            }
            Err(refused) => panic!("{path} {text}: the phone quarantines it: {refused:?}"),
        }
    }
}

#[test]
fn the_generic_id_walk_finds_every_id_the_phone_checks() {
    let events = scoped_events();
    for e in &events {
        let body = typed_body(&seal(e.clone()));
        let kind = body.kind();
        let found: Vec<&str> = payload_ids(&e["body"][kind]).iter().map(|f| f.id).collect();
        for typed in body.ids() {
            assert!(found.contains(&typed), "{kind}: the walk misses {typed}");
        }
    }
}

#[test]
fn setup_names_the_databases_as_the_rust_rules_do() {
    let scopes = [
        Scope::Common,
        Scope::Cadre,
        Scope::Personal,
        Scope::Performance,
        Scope::Audit,
        Scope::Township("t-wljmr".into()),
        Scope::Township("T_Ab1-x".into()),
    ];
    let keys: Vec<String> = scopes.iter().map(Scope::key).collect();
    let script = format!(
        "import {{ databaseName }} from {};\nprocess.stdout.write(JSON.stringify({}.map((k) => databaseName(\"jishi\", k))));",
        json!(root().join("couchdb/setup.mjs").to_str().unwrap()),
        json!(keys)
    );
    let out = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .expect("node must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    let expected: Vec<String> = scopes.iter().map(|s| s.database("jishi")).collect();
    assert_eq!(names, expected);
}

#[test]
fn the_in_memory_server_refuses_what_the_real_one_refuses() {
    let events = scoped_events();
    let scores = find(&events, "scores_submitted", "\"scores\"");
    let author = scores["author"].as_str().unwrap();
    let remote = MemoryRemote::new(1);
    remote.set_now(Some(NOW));
    remote.set_rules(Some((
        Scope::Township(TOWNSHIP.into()),
        member(author, "assessor"),
    )));
    let proper = seal(scores.clone());
    let mut forged = scores.clone();
    forged["author"] = "另一个人".into();
    let forged = with(&forged, "id", "0190000000000000000000000002".into());
    let organizer_kind = with(
        find(&events, "indicators_published", "indicators"),
        "author",
        author.into(),
    );
    let results = block_on(remote.bulk_docs(&[proper, forged, organizer_kind])).unwrap();
    assert_eq!(results[0].status, DocStatus::Ok);
    let reasons: Vec<String> = results[1..]
        .iter()
        .map(|r| match &r.status {
            DocStatus::Forbidden(reason) => reason.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(reasons[0].contains("author"), "{reasons:?}");
    assert!(
        reasons[1].contains("does not hold the role organizer"),
        "{reasons:?}"
    );
    assert_eq!(remote.ids().len(), 1);
    remote.set_rules(None);
    let unchecked = with(scores, "id", "0190000000000000000000000001".into());
    let results = block_on(remote.bulk_docs(&[unchecked])).unwrap();
    assert_eq!(results[0].status, DocStatus::Ok);
}
