// The server side of the rules, on a real PouchDB Server set up only by
// `make couchdb-setup` (county file + demo users): every database of the county exists
// with its readers as members and its own design document; anonymous clients read and
// write nothing; forged, changed, deleted, unauthorized and malformed events are refused
// and proper ones accepted; and a sample of every kind by every role is decided by the
// server exactly as the generated design document decides it (tests/server_rules.rs
// checks that function against the Rust rules on many more cases).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { parse } from "acorn";
import { ACCESS, databaseName, designDoc } from "../../couchdb/setup.mjs";
import { ROOT } from "./lib.mjs";
import { canonical } from "./bulk.mjs";
import { startPouchServer } from "./pouch.mjs";

const T = "t-wljmr";
const COUNTY = { prefix: "jishi", townships: [T, "t-grcl"] };
const ROLES = ["assessor", "organizer", "village_head", "admin", "recorder", "reviewer", "cadre_chief", "supervision_chief", "approver", "unit_leader", "cadre", "auditor"];
const USERS = ROLES.map((role) => ({ name: `u-${role}`, password: `${role}-pw`, roles: [role, `township:${T}`] }));
const SCOPES = ["common", `township:${T}`, "township:t-grcl", "cadre", "personal", "performance", "audit"];

let pouch;
let base;
let adminUrl;
let setupOutput;
let countyDir;

function basic(name, password) {
  return "Basic " + Buffer.from(`${name}:${password}`).toString("base64");
}
const ADMIN = basic("admin", "admin-pw");
const auth = (role) => (role ? basic(`u-${role}`, `${role}-pw`) : undefined);

function makeSetup(dir) {
  return execFileSync("make", ["-s", "couchdb-setup", `COUCH=${adminUrl}`, `COUNTY=${path.join(dir, "county.json")}`, `USERS=${path.join(dir, "users.json")}`], {
    cwd: ROOT,
    encoding: "utf8",
  });
}

before(async () => {
  pouch = await startPouchServer();
  base = pouch.url;
  const r = await fetch(`${base}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("admin-pw") });
  assert.ok(r.ok, `create admin: ${r.status}`);
  adminUrl = `http://admin:admin-pw@${new URL(base).host}`;
  countyDir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-county-"));
  fs.writeFileSync(path.join(countyDir, "county.json"), JSON.stringify(COUNTY));
  fs.writeFileSync(path.join(countyDir, "users.json"), JSON.stringify(USERS));
  setupOutput = makeSetup(countyDir);
  setupOutput += "\n--- again ---\n" + makeSetup(countyDir);
});

after(async () => {
  await pouch?.stop();
});

const db = (scope) => databaseName(COUNTY.prefix, scope);

async function call(method, p, { authorization, body } = {}) {
  const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
  const r = await fetch(`${base}/${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch {}
  return { status: r.status, body: json };
}

function golden() {
  const events = [];
  for (const f of ["village_pay.json", "cadre_selection.json", "village_heads.json", "career_renewal.json", "cadre_management.json", "performance_record.json", "rotation.json", "audit_grading.json"]) {
    events.push(...JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "golden", f), "utf8")).events);
  }
  events.push({
    id: "x", subject: "w4/case-2026-01", kind: "w4_case_ended",
    body: { w4_case_ended: { case: "case-2026-01", on: "2026-04-01", ending: "withdrawn", reason: "本人申请退出" } },
    author: "x", role: "recorder", device: "phone-w4", recorded_at: 1775000000000, parents: [],
  });
  return events;
}

let n = 0;
/** `event` as a new document by `author` in `role` (a fresh id), sealed. */
function seal(event, changes = {}) {
  n += 1;
  const id = `e2e-${process.pid}-${String(n).padStart(6, "0")}`;
  // Recorded now: the golden records of late 2026 may lie ahead of this machine's clock.
  // Named for the database of its kind, as this version's records are (records naming
  // none are taken only from a server admin).
  const kind = changes.kind ?? event.kind;
  const scope = ACCESS.kinds[kind] ? { scope: scopeOf(kind) } : {};
  const e = { ...event, id, recorded_at: Date.now() - 60_000, ...scope, ...changes };
  delete e._id;
  delete e.hash;
  e.hash = crypto.createHash("sha256").update(canonical(e)).digest("hex");
  return { _id: e.id, ...e };
}

function scopeOf(kind) {
  const s = ACCESS.kinds[kind].scope;
  return s === "township" ? `township:${T}` : s;
}

const put = (scope, doc, authorization) => call("PUT", `${db(scope)}/${encodeURIComponent(doc._id)}`, { authorization, body: doc });

/** The generated design document of `scope`, run here: null = accepted, else the reason. */
function verdict(scope, doc, userCtx) {
  const fn = vm.runInNewContext(`(${designDoc(scope).validate_doc_update})`, { Date });
  try {
    fn(doc, null, userCtx, {});
    return null;
  } catch (e) {
    return e.forbidden ?? String(e);
  }
}

test("setup creates every database of the county with its readers as members, idempotently", async () => {
  for (const scope of SCOPES) {
    const sec = await call("GET", `${db(scope)}/_security`, { authorization: ADMIN });
    assert.equal(sec.status, 200, scope);
    const kind = scope.split(":")[0];
    const roles = [...ACCESS.scopes[kind].readers, ...(kind === "township" ? [`township:${scope.split(":")[1]}`] : [])];
    assert.deepEqual(sec.body.members.roles, roles, scope);
    const design = await call("GET", `${db(scope)}/_design/jishi`, { authorization: ADMIN });
    assert.equal(design.status, 200, scope);
    assert.ok(design.body.validate_doc_update.includes(`var SCOPE = "${scope}";`), scope);
    // Plain ES5, for CouchDB's SpiderMonkey and Cloudant.
    parse(`(${design.body.validate_doc_update})`, { ecmaVersion: 5 });
  }
  assert.deepEqual(ACCESS.scopes.personal.readers.includes("village_head"), false);
  const again = setupOutput.split("--- again ---")[1];
  assert.doesNotMatch(again, /created database|installed|members =/, again);
});

test("anonymous clients read and write nothing", async () => {
  const doc = seal(golden().find((e) => e.kind === "township_recorded"), { author: "u-admin", role: "admin" });
  assert.equal((await put("common", doc, auth("admin"))).status, 201);
  for (const scope of SCOPES) {
    const d = db(scope);
    for (const p of [d, `${d}/_all_docs`, `${d}/_changes?include_docs=true`, `${d}/${doc._id}`, `${d}/_local/jishi-checkpoint-x`, `${d}/_design/jishi`]) {
      const r = await call("GET", p);
      assert.ok(r.status === 401 || r.status === 403, `GET ${p}: ${r.status}`);
    }
    const fresh = seal(doc);
    const w = await put(scope, fresh);
    assert.ok(w.status === 401 || w.status === 403, `PUT into ${d}: ${w.status}`);
    const local = await call("PUT", `${d}/_local/jishi-checkpoint-victim`, { body: { seq: "999999" } });
    assert.ok(local.status === 401 || local.status === 403, `PUT _local in ${d}: ${local.status}`);
    const bulk = await call("POST", `${d}/_bulk_docs`, { body: { docs: [seal(doc)] } });
    assert.ok(bulk.status >= 400 || bulk.body.every((row) => row.error), `_bulk_docs into ${d}: ${JSON.stringify(bulk.body)}`);
  }
});

test("a village head cannot read or write personal matters, nor the cadre records", async () => {
  for (const scope of ["personal", "cadre"]) {
    for (const p of ["_all_docs", "_changes"]) {
      const r = await call("GET", `${db(scope)}/${p}`, { authorization: auth("village_head") });
      assert.ok(r.status === 401 || r.status === 403, `${scope}/${p}: ${r.status}`);
    }
  }
  const recorder = await call("GET", `${db("personal")}/_all_docs`, { authorization: auth("recorder") });
  assert.equal(recorder.status, 200);
  const other = await call("GET", `${db("township:t-grcl")}/_all_docs`, { authorization: auth("village_head") });
  assert.ok(other.status === 401 || other.status === 403, "another township's village pay");
});

test("forged, changed, deleted, unauthorized and malformed events are refused; proper ones accepted", async () => {
  const events = golden();
  const scores = events.find((e) => e.kind === "scores_submitted");
  const w1 = `township:${T}`;
  const assessor = auth("assessor");
  const proper = seal(scores, { author: "u-assessor", role: "assessor" });
  const ok = await put(w1, proper, assessor);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));

  const forged = await put(w1, seal(scores, { author: "u-organizer", role: "assessor" }), assessor);
  assert.equal(forged.status, 403);
  assert.match(forged.body.reason, /author/);

  const changed = { ...proper, _rev: ok.body.rev, body: { scores_submitted: { ...proper.body.scores_submitted, note: "改过" } } };
  const change = await put(w1, changed, assessor);
  assert.equal(change.status, 403);
  assert.match(change.body.reason, /immutable/);
  const del = await call("DELETE", `${db(w1)}/${proper._id}?rev=${ok.body.rev}`, { authorization: ADMIN });
  assert.equal(del.status, 403, "not even a server admin deletes an event");

  const indicators = events.find((e) => e.kind === "indicators_published");
  const wrongKind = await put(w1, seal(indicators, { author: "u-assessor", role: "assessor" }), assessor);
  assert.equal(wrongKind.status, 403);
  assert.match(wrongKind.body.reason, /may not record indicators_published/);
  const notHeld = await put(w1, seal(indicators, { author: "u-assessor", role: "organizer" }), assessor);
  assert.equal(notHeld.status, 403);
  assert.match(notHeld.body.reason, /does not hold the role organizer/);
  const organizer = await put(w1, seal(indicators, { author: "u-organizer", role: "organizer" }), auth("organizer"));
  assert.equal(organizer.status, 201, JSON.stringify(organizer.body));

  const mine = { author: "u-assessor", role: "assessor" };
  const malformed = [
    [{ ...seal(scores, mine), hash: "a".repeat(64) }, /hash/],
    [seal(scores, { ...mine, body: { scores_submitted: { ...scores.body.scores_submitted, village: "k1' x" } } }), /safe alphabet/],
    [seal(scores, { ...mine, body: { township_recorded: {} } }), /exactly its kind/],
    [{ ...seal(scores, mine), _id: "other" }, /_id must equal id/],
    [seal(scores, { ...mine, recorded_at: "yesterday" }), /recording time/],
    [seal(scores, { ...mine, recorded_at: Date.now() + 3 * 86_400_000 }), /ahead/],
    [seal(scores, { ...mine, kind: "made_up", body: { made_up: {} } }), /unknown event kind/],
  ];
  for (const [doc, reason] of malformed) {
    const r = await put(w1, doc, assessor);
    assert.equal(r.status, 403, `${reason}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.reason, reason);
  }
  const forwarded = await put(w1, seal(scores, { ...mine, kind: "made_up", body: { made_up: { village: "v-1" } } }), ADMIN);
  assert.equal(forwarded.status, 201, "a server admin forwards kinds this version does not know");
});

test("every kind by every role: the server decides as the generated design document does", async () => {
  const byKind = new Map();
  for (const e of golden()) if (!byKind.has(e.kind)) byKind.set(e.kind, e);
  assert.deepEqual([...byKind.keys()].sort(), Object.keys(ACCESS.kinds).sort());
  let accepted = 0;
  let refused = 0;
  for (const [kind, event] of byKind) {
    const home = scopeOf(kind);
    const writers = [...ROLES.map((r) => ({ role: r, name: `u-${r}`, roles: [r, `township:${T}`], authorization: auth(r) }))];
    const cases = writers.map((w) => [home, seal(event, { author: w.name, role: w.role }), { name: w.name, roles: w.roles }, w.authorization]);
    const natural = writers.find((w) => w.role === event.role) ?? writers[0];
    cases.push([home, seal(event), { name: "admin", roles: ["_admin"] }, ADMIN]);
    cases.push([home, seal(event, { author: natural.name }), { name: null, roles: [] }, undefined]);
    const elsewhere = home === "cadre" ? "personal" : "cadre";
    cases.push([elsewhere, seal(event, { author: natural.name }), { name: natural.name, roles: natural.roles }, natural.authorization]);
    for (const [scope, doc, userCtx, authorization] of cases) {
      const expected = verdict(scope, doc, userCtx);
      const r = await put(scope, doc, authorization);
      const what = `${kind} by ${userCtx.name}/${userCtx.roles.join(",")} into ${scope}`;
      if (expected === null) {
        assert.equal(r.status, 201, `${what}: ${JSON.stringify(r.body)}`);
        accepted += 1;
      } else {
        assert.ok(r.status === 401 || r.status === 403, `${what}: ${r.status} (expected: ${expected})`);
        if (r.status === 403 && r.body.error === "forbidden") assert.equal(r.body.reason, expected, what);
        refused += 1;
      }
    }
  }
  assert.ok(accepted >= Object.keys(ACCESS.kinds).length * 2, `accepted ${accepted}`);
  assert.ok(refused > accepted, `refused ${refused}`);
});

test("a township recorded in the app's master data gets its database when setup runs again", async () => {
  const recorded = golden().find((e) => e.kind === "township_recorded");
  const body = { township_recorded: { township: "t-byth", name: "巴彦塔拉苏木" } };
  const r = await put("common", seal(recorded, { author: "u-admin", role: "admin", body }), auth("admin"));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const out = makeSetup(countyDir);
  assert.match(out, /created database jishi-township-t-byth/);
  const sec = await call("GET", `${db("township:t-byth")}/_security`, { authorization: ADMIN });
  assert.deepEqual(sec.body.members.roles, [...ACCESS.scopes.township.readers, "township:t-byth"]);
});
