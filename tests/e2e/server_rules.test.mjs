// The server side of the rules: PouchDB Server with couchdb/validate_doc_update.js
// installed by couchdb/setup.mjs refuses forged, changed, unauthorized and malformed
// events, and accepts a proper one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup } from "../../couchdb/setup.mjs";
import { startPouchServer } from "./pouch.mjs";

let pouch;
let base;
const ADMIN = "Basic " + Buffer.from("admin:admin-pw").toString("base64");

before(async () => {
  pouch = await startPouchServer();
  base = pouch.url;
  const r = await fetch(`${base}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("admin-pw") });
  assert.ok(r.ok, `create admin: ${r.status}`);
  await setup(`http://admin:admin-pw@${new URL(base).host}`, "jishi");
  for (const [name, roles] of [["zhangwei", ["assessor"]], ["liming", ["organizer"]]]) {
    const u = await fetch(`${base}/_users/org.couchdb.user:${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: ADMIN },
      body: JSON.stringify({ name, password: `${name}-pw`, roles, type: "user" }),
    });
    assert.ok(u.ok, `create user ${name}: ${u.status}`);
  }
});

after(async () => {
  await pouch?.stop();
});

async function login(name) {
  const r = await fetch(`${base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `${name}-pw` }),
  });
  assert.equal(r.status, 200, `login ${name}`);
  return r.headers.get("set-cookie").split(";")[0];
}

let n = 0;
function event(author, role, kind, body = {}) {
  n += 1;
  const id = `0190000000${String(n).padStart(2, "0")}abcdef0123456789`;
  return {
    _id: id, id, subject: "w1v/v-1/2025", kind, body: { [kind]: body }, author, role,
    device: "d1", recorded_at: 1735689600000 + n, parents: [], hash: "a".repeat(64),
  };
}

async function put(cookie, doc) {
  const r = await fetch(`${base}/jishi/${encodeURIComponent(doc._id)}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(doc),
  });
  return { status: r.status, body: await r.json() };
}

test("an assessor's own scores are accepted", async () => {
  const cookie = await login("zhangwei");
  const r = await put(cookie, event("zhangwei", "assessor", "scores_submitted", { village: "v-1" }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
});

test("an event whose author is not the logged-in user is refused", async () => {
  const cookie = await login("zhangwei");
  const r = await put(cookie, event("liming", "assessor", "scores_submitted"));
  assert.equal(r.status, 403);
  assert.match(r.body.reason, /author/);
});

test("a change to an existing event is refused", async () => {
  const cookie = await login("zhangwei");
  const doc = event("zhangwei", "assessor", "scores_submitted", { score: 1 });
  const first = await put(cookie, doc);
  assert.equal(first.status, 201);
  const changed = { ...doc, _rev: first.body.rev, body: { scores_submitted: { score: 2 } } };
  const r = await put(cookie, changed);
  assert.equal(r.status, 403);
  assert.match(r.body.reason, /immutable/);
  const del = await fetch(`${base}/jishi/${doc._id}?rev=${first.body.rev}`, { method: "DELETE", headers: { cookie } });
  assert.equal(del.status, 403);
});

test("a kind the user's role may not write is refused, and so is a role the user does not hold", async () => {
  const cookie = await login("zhangwei");
  const wrongKind = await put(cookie, event("zhangwei", "assessor", "indicators_published"));
  assert.equal(wrongKind.status, 403);
  assert.match(wrongKind.body.reason, /may not record indicators_published/);
  const wrongRole = await put(cookie, event("zhangwei", "organizer", "indicators_published"));
  assert.equal(wrongRole.status, 403);
  assert.match(wrongRole.body.reason, /does not hold the role organizer/);
  const organizer = await login("liming");
  const ok = await put(organizer, event("liming", "organizer", "indicators_published"));
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
});

test("malformed events are refused", async () => {
  const cookie = await login("zhangwei");
  const cases = [
    [(d) => { delete d.hash; }, /hash/],
    [(d) => { d.hash = "xyz"; }, /hash/],
    [(d) => { d.body = { township_recorded: {} }; }, /exactly its kind/],
    [(d) => { d.id = "other"; }, /_id must equal id/],
    [(d) => { d.recorded_at = "yesterday"; }, /recorded_at/],
    [(d) => { d.kind = "made_up"; d.body = { made_up: {} }; }, /unknown event kind/],
  ];
  for (const [spoil, reason] of cases) {
    const d = event("zhangwei", "assessor", "scores_submitted");
    spoil(d);
    const r = await put(cookie, d);
    assert.equal(r.status, 403, `${reason}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.reason, reason);
  }
});

test("without a session nothing is accepted from a forged author", async () => {
  const r = await put("", event("zhangwei", "assessor", "scores_submitted"));
  assert.equal(r.status, 403);
});
