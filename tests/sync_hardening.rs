#![cfg(not(target_arch = "wasm32"))]
//! Hostile clients and odd phones against the county's server and sync: forged
//! signatures, records for another township, misplaced personal matters, forged markers,
//! number spellings, wrong clocks, a phone handed to another user. Each test states what
//! a user or the county relies on.

mod common;

use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::workflows::CadreSelectionEvent;
use std::io::Write;
use std::process::{Command as Proc, Stdio};

use common::cadre::*;
use common::cluster::*;
use common::*;
use jishi::domain::access::{readable, Scope};
use jishi::domain::cadre_selection::{self, SignOff, Submission};
use jishi::domain::event::{sha256_hex, Event, EventBody, Role, Stamp};
use jishi::domain::village_pay::{self, Period};
use jishi::sync::doc::to_doc;
use jishi::sync::replicator::checkpoint_key;
use jishi::sync::{block_on, server_check, Config, Remote, Replicator, UserCtx};
use serde_json::{json, Value};

/// Seal `body` as `author` in `role` into the database `scope` (what a hostile client
/// can always do: the hash is public arithmetic).
fn craft(body: EventBody, author: &str, role: Role, scope: &str, at: i64, id: &str) -> Event {
    Event::seal_in(
        body,
        Stamp {
            id: id.into(),
            author: author.into(),
            role,
            device: "evil-phone".into(),
            recorded_at: at,
            parents: vec![],
        },
        scope.into(),
    )
}

// ---------------------------------------------------------------------------------
// F1. The 4-eyes rules of the 纪实表 live only in the decider: the server and the fold
// accept a re-check signed by the case's own recorder, and a signature whose `signer`
// names someone other than its author.
// ---------------------------------------------------------------------------------

#[test]
fn f1_a_recheck_crafted_by_the_recorder_or_in_another_name_is_refused_or_not_counted() {
    let mut dev = through_consultation();
    recorder(&mut dev, d(2026, 4, 1), vote(d(2026, 4, 1), 11, 9, 7, 1, 1));
    let node = Submission::Initial;
    let on = d(2026, 4, 2);
    let now = beijing_ms(on) + 3_600_000;
    let c = case(&dev);
    let body = |signer: &str| {
        EventBody::CadreSelection(CadreSelectionEvent::Signed {
            case: CASE.into(),
            node,
            sign: SignOff::Recheck,
            signer: signer.into(),
            on,
            over: c.digest(node),
            annex: c.annex_digest(node),
            supersedes: vec![],
        })
    };
    // (a) The recorder re-checks their own record, under their own name.
    let own = craft(
        body(RECORDER),
        RECORDER,
        Role::Recorder,
        "cadre",
        now,
        "e-own-recheck",
    );
    // (b) The recorder signs the re-check line in the re-checker's name.
    let forged = craft(
        body(RECHECKER),
        RECORDER,
        Role::Recorder,
        "cadre",
        now,
        "e-forged",
    );
    let user = UserCtx::user(RECORDER, &["recorder"]);
    let mut holes = Vec::new();
    for (what, e) in [("own recheck", own), ("forged signer", forged)] {
        let verdict = server_check(&to_doc(&e), None, &user, &Scope::Cadre, now);
        let mut phone = through_consultation();
        recorder(
            &mut phone,
            d(2026, 4, 1),
            vote(d(2026, 4, 1), 11, 9, 7, 1, 1),
        );
        phone.ledger.receive(vec![e]).unwrap();
        let counted = case(&phone)
            .signed(node)
            .get(&SignOff::Recheck)
            .map(|s| s.signer.clone());
        if verdict.is_ok() && counted.is_some() {
            holes.push(format!(
                "{what}: server accepted it and the 纪实表 counts the re-check as signed by {counted:?}"
            ));
        }
        let states = case(&phone).signature_states(node);
        let shown = states.iter().find(|(s, _)| s.sign == SignOff::Recheck);
        match what {
            // In another's name: refused by the server, quarantined by every phone.
            "forged signer" => {
                if !verdict
                    .as_ref()
                    .is_err_and(|r| r.contains("signer must be its author"))
                {
                    holes.push(format!("{what}: the server's verdict {verdict:?}"));
                }
                if shown.is_some() {
                    holes.push(format!("{what}: a phone folded it: {shown:?}"));
                }
            }
            // In their own name: shown on the 纪实表 as not counting, with the reason.
            _ => match shown {
                Some((_, st)) if *st == cadre_selection::SignatureState::ByRecorder => {
                    assert!(
                        st.reason(true).contains("记录人以外"),
                        "{}",
                        st.reason(true)
                    );
                    assert!(st.reason(false).contains("other than the recorder"));
                }
                other => holes.push(format!("{what}: shown as {other:?}")),
            },
        }
    }
    assert!(holes.is_empty(), "{holes:#?}");
}

// ---------------------------------------------------------------------------------
// F2. A township database accepts village-pay records of another township's villages
// (only a payload `township` field is checked; most W1 kinds carry only `village`).
// ---------------------------------------------------------------------------------

#[test]
fn f2_a_township_member_cannot_record_for_a_village_of_another_township() {
    // The honest county: 乌力吉木仁苏木 with its villages and 2026 indicators.
    let mut honest = Device::new("phone-honest");
    honest.township_2026();
    let sent = honest.submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    let body = sent
        .iter()
        .find(|e| e.kind == "scores_submitted")
        .expect("a submission")
        .body
        .clone();
    // An assessor of another township (t-evil) records scores for 巴彦芒哈嘎查 (of
    // t-wljmr) into their own township's database.
    let now = beijing_ms(d(2026, 4, 5));
    let e = craft(
        body,
        "evil",
        Role::Assessor,
        "township:t-evil",
        now,
        "e-foreign-village",
    );
    let user = UserCtx::user("evil", &["assessor", "township:t-evil"]);
    let verdict = server_check(
        &to_doc(&e),
        None,
        &user,
        &Scope::Township("t-evil".into()),
        now,
    );
    // The county administrator reads every township database, and folds it.
    let mut admin = Device::new("phone-admin");
    admin.township_2026();
    admin.ledger.receive(vec![e]).unwrap();
    let folded = admin
        .state()
        .village_pay
        .counted
        .slot(SMALL, 2026, Period::Q1)
        .is_some();
    assert!(
        verdict.is_err() || !folded,
        "the t-evil database took a record for a village of {TOWNSHIP} (verdict {verdict:?}) \
         and the administrator's phone folds it into that village's scores"
    );
    // Not silently: the village's page says the record is not counted, and why.
    let page =
        village_pay::slot_view(admin.state(), SMALL, 2026, Period::Q1, d(2026, 4, 5)).unwrap();
    let shown: Vec<&str> = page.not_counted.iter().map(|n| n.event.as_str()).collect();
    assert_eq!(shown, ["e-foreign-village"]);
    // The member's own phone refuses to record it in the first place.
    let (on, _) = quarter_dates(2026, Period::Q2);
    let evil = jishi::domain::state::Actor {
        name: "evil".into(),
        role: Role::Assessor,
        today: on,
        townships: vec!["t-evil".into()],
    };
    let cmd = submit_cmd(SMALL, 2026, Period::Q2, scores_of(80.0));
    let refused = jishi::domain::command::decide(honest.state(), cmd.into(), &evil);
    assert_eq!(refused.map_err(|v| v.code), Err("auth.township"));
}

// ---------------------------------------------------------------------------------
// F3. One record made with a clock running far ahead poisons every later record of the
// device: `Ledger::record` keeps recorded_at strictly increasing, so all later records
// are "more than 2 days ahead" for the server, refused and re-sent on every pass.
// ---------------------------------------------------------------------------------

#[test]
fn f3_records_made_after_the_clock_was_fixed_reach_the_server() {
    let cluster = Cluster::new(3);
    let mut phone = SyncPhone::new("phone-clock");
    phone.user = Some(UserCtx::user(ADMIN, &["admin"]));
    let mut rng = 7_u64;
    let mut next = move || {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1);
        rng
    };
    let today = d(2027, 6, 1);
    let now = beijing_ms(today);
    // The phone's clock is set a year ahead once (battery change, wrong date).
    phone
        .device
        .ledger
        .record(
            MasterCommand::RecordTownship {
                township: "t-a".into(),
                name: "甲苏木".into(),
            },
            &actor(Role::Admin, today),
            now + 365 * 86_400_000,
            &mut next,
        )
        .unwrap();
    // The clock is fixed; the administrator records another township.
    let later = phone
        .device
        .ledger
        .record(
            MasterCommand::RecordTownship {
                township: "t-b".into(),
                name: "乙苏木".into(),
            },
            &actor(Role::Admin, today),
            now,
            &mut next,
        )
        .unwrap();
    let first = phone.sync(&cluster).unwrap();
    let second = phone.sync(&cluster).unwrap();
    assert!(
        cluster.ids().contains(&later[0].id),
        "a record made with a correct clock never reaches the server: recorded_at {} \
         (server now {now}); refused on every pass: {:?} then {:?}",
        later[0].recorded_at,
        first.forbidden,
        second.forbidden
    );
}

// ---------------------------------------------------------------------------------
// F4. A device's chain crosses databases: every phone that can't read one of them
// shows a permanent "record chain incomplete (deleted or changed)" error.
// ---------------------------------------------------------------------------------

#[test]
fn f4_a_village_head_sees_no_broken_chain_after_a_normal_sync() {
    let cluster = Cluster::new(4);
    let mut admin = SyncPhone::new("phone-admin");
    admin.user = Some(UserCtx::user(ADMIN, &["admin"]));
    admin.device.master_data();
    // The county administrator records a cadre (cadre database) between two
    // master-data records (common database).
    let (id, profile) = cadres().into_iter().next().unwrap();
    admin.device.ok(
        Role::Admin,
        d(2025, 1, 7),
        cadre_selection::Command::RecordCadre {
            cadre: id.into(),
            profile,
            supersedes: vec![],
        },
    );
    admin.device.ok(
        Role::Admin,
        d(2025, 1, 8),
        MasterCommand::RecordTownship {
            township: "t-new".into(),
            name: "新苏木".into(),
        },
    );
    admin.sync(&cluster).unwrap();

    // A village head syncs exactly the databases they may read.
    let roles = vec!["village_head".to_string(), format!("township:{TOWNSHIP}")];
    let user = UserCtx::user(HEAD, &["village_head", &format!("township:{TOWNSHIP}")]);
    cluster.login(Some(&user));
    let mut head = SyncPhone::new("phone-head");
    for _ in 0..2 {
        let townships: Vec<String> = head
            .device
            .state()
            .master
            .townships
            .keys()
            .cloned()
            .collect();
        for scope in readable(&roles, &townships) {
            if !scopes().contains(&scope) {
                continue; // a township this test county has no database for
            }
            let r = Replicator::new(cluster.db(&scope), Config::default());
            let state = head.states.get_mut(&scope).unwrap();
            block_on(r.sync(&mut head.device.ledger, state, &scope, &mut |_| {})).unwrap();
        }
    }
    assert!(
        head.device.state().cadre_selection.cadres.is_empty(),
        "no cadre data reached the head"
    );
    let problems = head.device.ledger.verify();
    assert!(
        problems.is_empty(),
        "the village head's Data page shows the chain as broken (deleted or tampered) \
         because the admin's previous record is in the cadre database: {problems:?}"
    );
}

// ---------------------------------------------------------------------------------
// F5. Anyone who may write a database may write any device's `_local` checkpoint doc
// (validate_doc_update does not run for `_local` docs). A forged marker makes that phone
// re-read the database once, documents included (a restored server may hold a different
// record under a held id, and only its content tells), losing and changing nothing; the
// next pass is idle again. What it costs is one re-read per forgery (see README).
// ---------------------------------------------------------------------------------

#[test]
fn f5_a_forged_marker_costs_one_re_read_and_changes_nothing() {
    let cluster = Cluster::new(5);
    let mut writer = SyncPhone::new("phone-writer");
    writer.device.township_2026();
    for v in ALL_VILLAGES {
        for p in [Period::Q1, Period::Q2, Period::Q3, Period::Q4] {
            writer.device.submit(v, 2026, p, scores_of(80.0));
        }
    }
    writer.sync(&cluster).unwrap();
    let mut reader = SyncPhone::new("phone-reader");
    reader.sync(&cluster).unwrap();
    let held = reader.device.events().len();
    let idle = reader.sync(&cluster).unwrap();
    assert_eq!((idle.pulled, idle.fetched), (0, 0));
    // A hostile member of the township database overwrites the reader's marker.
    let township = Scope::Township(TOWNSHIP.into());
    block_on(
        cluster
            .db(&township)
            .put_checkpoint(&checkpoint_key("phone-reader"), "0|999"),
    )
    .unwrap();
    let after = reader.sync(&cluster).unwrap();
    assert!(after.restarted);
    assert!(after.alarms.is_empty() && after.quarantined.is_empty());
    assert_eq!(
        reader.device.events().len(),
        held,
        "nothing lost, nothing added"
    );
    assert_eq!(reader.waiting(), 0);
    let next = reader.sync(&cluster).unwrap();
    assert_eq!(
        (next.pulled, next.fetched, next.restarted),
        (0, 0, false),
        "the pass after is idle again ({} requests, an idle pass {})",
        next.requests,
        idle.requests
    );
}

// ---------------------------------------------------------------------------------
// F6. The Rust twin and the shipped design document disagree on numbers written as
// `-0`, `800.0` or `8e2`: the real server (JS) accepts them, `server_check` (and every
// phone's decoder, on a server that keeps the text) refuses them.
// ---------------------------------------------------------------------------------

fn node_verdict(doc_text: &str, scope: &str, user: &UserCtx, now: i64) -> Option<String> {
    const HARNESS: &str = r#"
const fs = require("fs"), vm = require("vm");
const src = fs.readFileSync(process.env.JISHI_VALIDATE_JS, "utf8");
const fnSrc = src.slice(src.indexOf("\nfunction (") + 1);
const c = JSON.parse(fs.readFileSync(0, "utf8"));
const ctx = vm.createContext({ Date: { now: () => c.now } });
const f = vm.runInContext("(" + fnSrc.split("__SCOPE__").join(c.scope) + ")", ctx);
let v = null;
try { f(JSON.parse(c.doc), null, c.user, {}); } catch (e) { v = e.forbidden || String(e); }
process.stdout.write(JSON.stringify(v));
"#;
    let input = json!({"doc": doc_text, "scope": scope, "now": now,
        "user": {"name": user.name, "roles": user.roles}});
    let mut child = Proc::new("node")
        .arg("-e")
        .arg(HARNESS)
        .env(
            "JISHI_VALIDATE_JS",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/couchdb/validate_doc_update.js"
            ),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn f6_server_check_and_the_design_document_agree_on_number_spellings() {
    let mut dev = Device::new("phone-num");
    dev.master_data();
    let e = dev
        .events()
        .into_iter()
        .find(|e| e.kind == "village_recorded")
        .unwrap();
    let text = e.json().to_string();
    assert!(text.contains("\"population\":800,"), "{text}");
    let user = UserCtx::user(ADMIN, &["admin"]);
    let now = beijing_ms(d(2025, 1, 7));
    let mut disagree = Vec::new();
    for spelled in ["800.0", "8e2", "8.00E+2"] {
        let doc_text = text.replace("\"population\":800,", &format!("\"population\":{spelled},"));
        let mut doc: Value = serde_json::from_str(&doc_text).unwrap();
        doc["_id"] = doc["id"].clone();
        let doc_text = doc.to_string();
        let doc_text = doc_text.replace(
            "\"population\":800.0,",
            &format!("\"population\":{spelled},"),
        );
        let rust = server_check(
            &serde_json::from_str(&doc_text).unwrap(),
            None,
            &user,
            &Scope::Common,
            now,
        )
        .err();
        let js = node_verdict(&doc_text, "common", &user, now);
        if rust != js {
            disagree.push(format!("{spelled}: rust {rust:?}, design doc {js:?}"));
        }
    }
    // -0 with the hash over the JS canonical text ("0").
    let mut zero: Value = serde_json::from_str(&text).unwrap();
    zero["body"]["village_recorded"]["population"] = json!(0);
    let map = zero.as_object_mut().unwrap();
    map.remove("hash");
    let hash = sha256_hex(&zero.to_string());
    zero["hash"] = json!(hash);
    zero["_id"] = zero["id"].clone();
    let doc_text = zero
        .to_string()
        .replace("\"population\":0,", "\"population\":-0,");
    let rust = serde_json::from_str::<Value>(&doc_text)
        .map_err(|e| e.to_string())
        .and_then(|d| server_check(&d, None, &user, &Scope::Common, now))
        .err();
    let js = node_verdict(&doc_text, "common", &user, now);
    if rust != js {
        disagree.push(format!("-0: rust {rust:?}, design doc {js:?}"));
    }
    // A record the server accepted is read by phones as the server read it (a server
    // keeps the number as spelled): not quarantined, its hash the one checked.
    let kept: Value = serde_json::from_str(&doc_text).unwrap();
    let fields: serde_json::Map<String, Value> = kept
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if js.is_none() {
        match jishi::domain::record::decode_value(Value::Object(fields)) {
            Ok(d) if d.hash() == hash => {}
            other => disagree.push(format!("-0: accepted by the server, the phone: {other:?}")),
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
}

// ---------------------------------------------------------------------------------
// F7. A record placed in the wrong database by a server admin (who skips the placement
// check: e.g. old records without `scope` copied into `<prefix>-common` while
// migrating) reaches every reader of that database: the phone never checks that a
// pulled record belongs in the database it came from. Here: personal matters on a
// village head's phone.
// ---------------------------------------------------------------------------------

#[test]
fn f7_personal_matters_never_reach_a_village_head_through_the_common_database() {
    let cluster = Cluster::new(7);
    let on = d(2026, 3, 20);
    // A disclosure of a version before records named their database (no `scope`).
    let e = Event::seal(
        EventBody::CadreSelection(CadreSelectionEvent::Disclosed {
            case: CASE.into(),
            cadre: A.into(),
            round: cadre_selection::Round::First,
            start: on,
            end: plus(on, 7),
            matters: matters().into(),
            supersedes: vec![],
            reason: String::new(),
        }),
        Stamp {
            id: "e-old-disclosure".into(),
            author: RECORDER.into(),
            role: Role::Recorder,
            device: "phone-old".into(),
            recorded_at: beijing_ms(on),
            parents: vec![],
        },
    );
    // The server admin copies old records into the common database: accepted.
    cluster.login(Some(&UserCtx::user("admin", &["_admin"])));
    let results = block_on(cluster.common().bulk_docs(&[to_doc(&e)])).unwrap();
    assert!(
        matches!(results[0].status, jishi::sync::DocStatus::Ok),
        "the server admin's write: {:?}",
        results[0].status
    );
    // A village head syncs the common database only.
    let head_ctx = UserCtx::user(HEAD, &["village_head", &format!("township:{TOWNSHIP}")]);
    cluster.login(Some(&head_ctx));
    let mut head = SyncPhone::new("phone-head");
    let r = Replicator::new(cluster.common(), Config::default());
    let state = head.states.get_mut(&Scope::Common).unwrap();
    block_on(r.sync(&mut head.device.ledger, state, &Scope::Common, &mut |_| {})).unwrap();
    let leaked: Vec<String> = head
        .device
        .events()
        .into_iter()
        .filter(|e| e.kind == "w4_disclosed")
        .map(|e| e.json().to_string())
        .collect();
    assert!(
        leaked.is_empty(),
        "a village head's phone holds (and exports) personal matters: {leaked:?}"
    );
}

// ---------------------------------------------------------------------------------
// F8. A phone used by one user and then another (shared phone, new staff) keeps and
// re-offers the first user's records: the next user's server account is refused for
// each of them on every pass, forever (own records are never dropped from the outbox).
// ---------------------------------------------------------------------------------

#[test]
fn f8_records_of_the_previous_user_of_a_phone_are_not_refused_on_every_pass() {
    let cluster = Cluster::new(8);
    let mut phone = SyncPhone::new("phone-shared");
    // The previous user (an organizer) recorded offline and never synced.
    phone.device.township_2026();
    // The phone is handed to the county administrator, who logs in.
    phone.user = Some(UserCtx::user("旗委组织部 李新", &["admin"]));
    let first = phone.sync(&cluster).unwrap();
    let second = phone.sync(&cluster).unwrap();
    let third = phone.sync(&cluster).unwrap();
    assert!(
        !third.held_back.is_empty(),
        "the previous user's records are held back for them"
    );
    assert!(
        third.forbidden.is_empty(),
        "refused on every pass ({} then {} then {}), and counted as waiting ({}): {:?}",
        first.forbidden.len(),
        second.forbidden.len(),
        third.forbidden.len(),
        phone.waiting(),
        third.forbidden.first()
    );
    // Each earlier user signs in on the phone again: their records go up.
    let mut authors: Vec<(String, String)> = phone
        .device
        .events()
        .iter()
        .map(|e| (e.author.clone(), e.role.key().to_string()))
        .collect();
    authors.sort();
    authors.dedup();
    for (author, role) in authors {
        let township = jishi::domain::access::township_role(TOWNSHIP);
        phone.user = Some(UserCtx::user(&author, &[&role, &township]));
        let pass = phone.sync(&cluster).unwrap();
        assert!(pass.forbidden.is_empty(), "{author}: {:?}", pass.forbidden);
    }
    assert_eq!(phone.waiting(), 0, "every record is on the server");
}

// F2b. A record of a version before records named their database, crafted by a member
// of another township into their own township's database: the server can't tell which
// township a village is in, so it takes records naming no database only from a server
// admin.
#[test]
fn f2b_a_record_naming_no_database_is_refused_from_a_township_member() {
    let mut honest = Device::new("phone-honest");
    honest.township_2026();
    let sent = honest.submit(SMALL, 2026, Period::Q1, scores_of(80.0));
    let body = sent
        .iter()
        .find(|e| e.kind == "scores_submitted")
        .expect("a submission")
        .body
        .clone();
    let now = beijing_ms(d(2026, 4, 5));
    let legacy = Event::seal(
        body,
        Stamp {
            id: "e-legacy-foreign-village".into(),
            author: "evil".into(),
            role: Role::Assessor,
            device: "evil-phone".into(),
            recorded_at: now,
            parents: vec![],
        },
    );
    assert!(legacy.scope.is_empty());
    let evil = Scope::Township("t-evil".into());
    let user = UserCtx::user("evil", &["assessor", "township:t-evil"]);
    let verdict = server_check(&to_doc(&legacy), None, &user, &evil, now);
    assert!(
        verdict
            .as_ref()
            .is_err_and(|r| r.contains("names no database")),
        "{verdict:?}"
    );
    let admin = UserCtx::user("admin", &["_admin"]);
    assert_eq!(
        server_check(&to_doc(&legacy), None, &admin, &evil, now),
        Ok(())
    );
}

// F3b. The other way round: a phone whose clock fell back years (a drained battery) must
// not record under what it has acknowledged and never send it.
#[test]
fn f3b_records_made_after_the_clock_fell_back_years_reach_the_server() {
    let cluster = Cluster::new(31);
    let mut phone = SyncPhone::new("phone-reset");
    phone.user = Some(UserCtx::user(ADMIN, &["admin"]));
    let mut rng = 9_u64;
    let mut next = move || {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1);
        rng
    };
    let today = d(2027, 6, 1);
    let township = |id: &str, name: &str| MasterCommand::RecordTownship {
        township: id.into(),
        name: name.into(),
    };
    let admin = actor(Role::Admin, today);
    let ledger = &mut phone.device.ledger;
    ledger
        .record(
            township("t-a", "甲苏木"),
            &admin,
            beijing_ms(today),
            &mut next,
        )
        .unwrap();
    ledger
        .record(
            township("t-b", "乙苏木"),
            &admin,
            beijing_ms(today) + 60_000,
            &mut next,
        )
        .unwrap();
    phone.sync(&cluster).unwrap();
    assert_eq!(phone.waiting(), 0);
    // The clock falls back to 2020; the administrator records another township.
    let reset = beijing_ms(d(2020, 1, 1));
    let later = phone
        .device
        .ledger
        .record(township("t-c", "丙苏木"), &admin, reset, &mut next)
        .unwrap();
    assert_eq!(phone.waiting(), 1, "the new record waits to be sent");
    phone.sync(&cluster).unwrap();
    assert!(
        cluster.ids().contains(&later[0].id),
        "recorded at {} under what the phone had acknowledged: never sent",
        later[0].recorded_at
    );
    assert_eq!(phone.waiting(), 0);
}
