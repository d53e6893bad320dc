// Create the database and install the validation design document on a CouchDB-compatible
// server (Apache CouchDB, Cloudant, PouchDB Server). Idempotent: re-running updates _design/jishi.
//
//   node couchdb/setup.mjs http://admin:password@127.0.0.1:5984 jishi
//
// Exported as a function for the tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The design document, with validate_doc_update read from validate_doc_update.js. */
export function designDoc() {
  const src = fs.readFileSync(path.join(HERE, "validate_doc_update.js"), "utf8");
  const fn = src.slice(src.indexOf("function ("));
  return { _id: "_design/jishi", language: "javascript", validate_doc_update: fn };
}

function split(serverUrl) {
  const u = new URL(serverUrl);
  const auth = u.username ? "Basic " + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64") : null;
  u.username = "";
  u.password = "";
  return { base: u.toString().replace(/\/$/, ""), auth };
}

/** Create `db` if missing and put the design document. Returns what it did. */
export async function setup(serverUrl, db) {
  const { base, auth } = split(serverUrl);
  const headers = { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) };
  const done = [];
  const created = await fetch(`${base}/${db}`, { method: "PUT", headers });
  if (created.status === 201 || created.status === 202) done.push(`created database ${db}`);
  else if (created.status !== 412) throw new Error(`creating ${db}: HTTP ${created.status} ${await created.text()}`);
  const doc = designDoc();
  const existing = await fetch(`${base}/${db}/_design/jishi`, { headers });
  if (existing.ok) doc._rev = (await existing.json())._rev;
  const put = await fetch(`${base}/${db}/_design/jishi`, { method: "PUT", headers, body: JSON.stringify(doc) });
  if (!put.ok) throw new Error(`installing _design/jishi: HTTP ${put.status} ${await put.text()}`);
  done.push(`installed _design/jishi (validate_doc_update)`);
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [serverUrl, db = "jishi"] = process.argv.slice(2);
  if (!serverUrl) {
    console.error("usage: node couchdb/setup.mjs http://admin:password@host:5984 [database]");
    process.exit(2);
  }
  setup(serverUrl, db).then(
    (done) => done.forEach((line) => console.log(line)),
    (e) => { console.error(String(e.message || e)); process.exit(1); },
  );
}
