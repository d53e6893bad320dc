// Set up a county's databases on a CouchDB-compatible server (Apache CouchDB, Cloudant;
// PouchDB Server for tests and demonstrations only). Idempotent: re-run it whenever the
// county file, the app's master data (new townships) or the app's rules change.
//
//   node couchdb/setup.mjs http://admin:password@127.0.0.1:5984 couchdb/county.json [users.json]
//   make couchdb-setup COUCH=http://admin:password@127.0.0.1:5984 COUNTY=couchdb/county.json [USERS=…]
//
// For each database of the county (see access.json, generated from src/domain/access.rs):
//   <prefix>-common, <prefix>-township-<id> for every township, <prefix>-cadre, <prefix>-personal, <prefix>-performance,
//   <prefix>-audit
// it creates the database, writes its _security (members = the roles that may read it, plus
// township:<id> for a township; anonymous users read and write nothing) and installs
// _design/jishi with validate_doc_update.js (generated from the Rust rules) for that
// database's scope. Townships come from the county file and from the township_recorded
// events already in <prefix>-common (the app's master data).
//
// county.json: {"prefix": "jishi", "townships": ["t-wljmr", …], "cloudant": false}
// users.json (demo and test users): [{"name": "…", "password": "…", "roles": ["assessor", "township:t-wljmr"]}, …]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The generated access table (readers per kind of database, kinds). */
export const ACCESS = JSON.parse(fs.readFileSync(path.join(HERE, "access.json"), "utf8"));

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = /^[a-z][a-z0-9_$()+-]{0,100}$/;
const TOWNSHIP = ACCESS.township_role_prefix;

/** [kind, township id or null] of a scope key (`common`, `township:<id>`, …). */
function splitScope(scope) {
  const colon = scope.indexOf(":");
  return colon < 0 ? [scope, null] : [scope.slice(0, colon), scope.slice(colon + 1)];
}

/** The database of a scope under a county prefix: as `Scope::database` in Rust. */
export function databaseName(prefix, scope) {
  const [kind, township] = splitScope(scope);
  if (township === null) return `${prefix}-${kind}`;
  return `${prefix}-township-${township.replace(/[A-Z]/g, (c) => `(${c.toLowerCase()})`)}`;
}

/** Every scope of a county with these townships. */
export function scopes(townships) {
  return ["common", ...townships.map((t) => `township:${t}`), "cadre", "personal", "performance", "audit"];
}

/** The `_security` of a scope's database: its readers are its members. */
export function security(scope, { cloudant = false } = {}) {
  const [kind, township] = splitScope(scope);
  const roles = [...ACCESS.scopes[kind].readers];
  if (township !== null) roles.push(TOWNSHIP + township);
  const sec = { admins: { names: [], roles: [] }, members: { names: [], roles } };
  return cloudant ? { couchdb_auth_only: true, ...sec } : sec;
}

/** The design document for a scope's database. */
export function designDoc(scope) {
  const src = fs.readFileSync(path.join(HERE, "validate_doc_update.js"), "utf8");
  const fn = src.slice(src.indexOf("\nfunction (") + 1).split(ACCESS.scope_marker).join(scope);
  return { _id: ACCESS.design_doc, language: "javascript", validate_doc_update: fn };
}

/** A county file's content, checked. */
export function checkCounty(county) {
  if (!county || typeof county !== "object") throw new Error("county: not a JSON object");
  if (typeof county.prefix !== "string" || !PREFIX.test(county.prefix)) {
    throw new Error(`county: prefix must be lowercase letters, digits, _$()+- and start with a letter (got ${JSON.stringify(county.prefix)})`);
  }
  const townships = county.townships ?? [];
  if (!Array.isArray(townships) || !townships.every((t) => typeof t === "string" && ID.test(t))) {
    throw new Error("county: townships must be a list of township ids (letters, digits, - and _)");
  }
  return { prefix: county.prefix, townships: [...new Set(townships)], cloudant: county.cloudant === true };
}

/** A users file's content, checked: known role keys and township:<id> roles only. */
export function checkUsers(users) {
  const known = new Set(Object.values(ACCESS.scopes).flatMap((s) => s.readers));
  if (!Array.isArray(users)) throw new Error("users: not a JSON list");
  for (const u of users) {
    if (!u || typeof u.name !== "string" || !u.name || typeof u.password !== "string" || !u.password) {
      throw new Error("users: every user needs a name and a password");
    }
    for (const role of u.roles ?? []) {
      const township = role.startsWith(TOWNSHIP) && ID.test(role.slice(TOWNSHIP.length));
      if (!known.has(role) && !township) throw new Error(`users: ${u.name} has an unknown role ${role}`);
    }
  }
  return users;
}

/** A client for one server: `call(method, path, body)` → { status, body }. */
function client(serverUrl) {
  const u = new URL(serverUrl);
  const headers = { "content-type": "application/json" };
  if (u.username) {
    const creds = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    headers.authorization = "Basic " + Buffer.from(creds).toString("base64");
  }
  u.username = "";
  u.password = "";
  const base = u.toString().replace(/\/$/, "");
  return async (method, p, body) => {
    const r = await fetch(`${base}/${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch {}
    return { status: r.status, body: json, text };
  };
}

function fail(what, r) {
  return new Error(`${what}: HTTP ${r.status} ${r.text.trim()}`);
}

async function ensureDatabase(call, db, done) {
  const r = await call("PUT", encodeURIComponent(db));
  if (r.status === 201 || r.status === 202) done.push(`created database ${db}`);
  else if (r.status !== 412) throw fail(`creating ${db}`, r);
}

async function ensureSecurity(call, db, sec, done) {
  const now = await call("GET", `${encodeURIComponent(db)}/_security`);
  if (now.status === 200 && JSON.stringify(now.body) === JSON.stringify(sec)) return;
  const r = await call("PUT", `${encodeURIComponent(db)}/_security`, sec);
  if (r.status !== 200 && r.status !== 201) throw fail(`writing the _security of ${db}`, r);
  done.push(`${db}: members = roles ${sec.members.roles.join(", ")}`);
}

async function ensureDesign(call, db, doc, done) {
  const p = `${encodeURIComponent(db)}/${doc._id}`;
  const now = await call("GET", p);
  if (now.status === 200) {
    if (now.body.validate_doc_update === doc.validate_doc_update) return;
    doc = { ...doc, _rev: now.body._rev };
  }
  const r = await call("PUT", p, doc);
  if (r.status !== 201 && r.status !== 202) throw fail(`installing ${doc._id} in ${db}`, r);
  done.push(`${db}: installed ${doc._id} (validate_doc_update)`);
}

/** Townships named by township_recorded events in the common database. */
async function masterTownships(call, common) {
  const r = await call("GET", `${encodeURIComponent(common)}/_all_docs?include_docs=true`);
  if (r.status !== 200) throw fail(`reading the master data in ${common}`, r);
  return r.body.rows
    .map((row) => row.doc)
    .filter((d) => d && d.kind === "township_recorded")
    .map((d) => d.body?.township_recorded?.township)
    .filter((t) => typeof t === "string" && ID.test(t));
}

/** Create or update users in `_users` (for tests and demonstrations). */
export async function createUsers(serverUrl, users) {
  const call = client(serverUrl);
  const done = [];
  for (const u of checkUsers(users)) {
    const p = `_users/${encodeURIComponent(`org.couchdb.user:${u.name}`)}`;
    const now = await call("GET", p);
    const doc = { _id: `org.couchdb.user:${u.name}`, name: u.name, password: u.password, roles: u.roles ?? [], type: "user" };
    if (now.status === 200) doc._rev = now.body._rev;
    const r = await call("PUT", p, doc);
    if (r.status !== 201 && r.status !== 202) throw fail(`writing user ${u.name}`, r);
    done.push(`user ${u.name}: roles ${doc.roles.join(", ")}`);
  }
  return done;
}

/** Set up every database of `county` (and `users`, if given). Returns what it did. */
export async function setup(serverUrl, county, { users } = {}) {
  const { prefix, townships, cloudant } = checkCounty(county);
  const call = client(serverUrl);
  const done = [];
  const common = databaseName(prefix, "common");
  await ensureDatabase(call, common, done);
  const all = [...new Set([...townships, ...(await masterTownships(call, common))])];
  for (const scope of scopes(all)) {
    const db = databaseName(prefix, scope);
    await ensureDatabase(call, db, done);
    await ensureSecurity(call, db, security(scope, { cloudant }), done);
    await ensureDesign(call, db, designDoc(scope), done);
  }
  if (users) done.push(...(await createUsers(serverUrl, users)));
  if (done.length === 0) done.push("everything was already set up");
  return done;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [serverUrl, countyFile, usersFile] = process.argv.slice(2);
  if (!serverUrl || !countyFile) {
    console.error("usage: node couchdb/setup.mjs http://admin:password@host:5984 couchdb/county.json [users.json]");
    process.exit(2);
  }
  Promise.resolve()
    .then(() => setup(serverUrl, readJson(countyFile), { users: usersFile ? readJson(usersFile) : undefined }))
    .then(
      (done) => done.forEach((line) => console.log(line)),
      (e) => { console.error(String(e.message || e)); process.exit(1); },
    );
}
