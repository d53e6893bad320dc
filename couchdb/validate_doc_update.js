// CouchDB validate_doc_update for the 纪实 Jishi event database.
// Installed as _design/jishi by `make couchdb-setup` (couchdb/setup.mjs).
// Runs on Apache CouchDB, IBM Cloudant and PouchDB Server: plain ES5, no require().
//
// Every document is one immutable event (see ARCHITECTURE.md). The server refuses:
//  - deletions and any change to an existing event (events are append-only);
//  - malformed events (fields, types, _id = id, body holding exactly its kind);
//  - an event whose author is not the logged-in user (server admins excepted);
//  - an event recorded in a role the user does not hold, or of a kind that role may not write.
function (newDoc, oldDoc, userCtx, secObj) {
  // Kind → roles that may record it. Mirrors the app's deciders (domain::w1::Command::roles).
  var KIND_ROLES = /*@KIND_ROLES@*/ {
    "township_recorded": ["admin"],
    "village_recorded": ["admin"],
    "heads_recorded": ["admin", "organizer"],
    "policy_changed": ["admin"],
    "indicators_published": ["organizer"],
    "scores_submitted": ["assessor", "organizer"],
    "publicity_opened": ["organizer"],
    "objection_raised": ["organizer", "assessor", "village_head"],
    "objection_resolved": ["organizer"],
    "conflict_resolved": ["organizer"],
    "result_finalized": ["organizer"],
    "township_graded": ["organizer"],
    "warning_talk_held": ["organizer"],
    "rectification_completed": ["organizer"]
  } /*@END@*/;

  function refuse(why) {
    throw({ forbidden: why });
  }
  var isAdmin = userCtx.roles.indexOf("_admin") !== -1;

  if (newDoc._id.indexOf("_design/") === 0) {
    if (!isAdmin) refuse("only server admins may change design documents");
    return;
  }
  if (newDoc._deleted) refuse("events cannot be deleted");
  if (oldDoc) refuse("events are immutable: an existing event cannot be changed");

  // Shape.
  function isString(v) { return typeof v === "string" && v.length > 0; }
  var fields = ["id", "subject", "kind", "author", "role", "device", "hash"];
  for (var i = 0; i < fields.length; i++) {
    if (!isString(newDoc[fields[i]])) refuse("malformed event: missing or empty field " + fields[i]);
  }
  if (newDoc._id !== newDoc.id) refuse("malformed event: _id must equal id");
  if (typeof newDoc.recorded_at !== "number" || newDoc.recorded_at % 1 !== 0) refuse("malformed event: recorded_at must be an integer");
  if (!/^[0-9a-f]{64}$/.test(newDoc.hash)) refuse("malformed event: hash must be 64 hex digits");
  if (!(newDoc.parents instanceof Array)) refuse("malformed event: parents must be a list");
  for (var p = 0; p < newDoc.parents.length; p++) {
    if (!/^[0-9a-f]{64}$/.test(newDoc.parents[p])) refuse("malformed event: a parent is not a hash");
  }
  var body = newDoc.body;
  if (typeof body !== "object" || body === null || body instanceof Array) refuse("malformed event: body must be an object");
  var keys = [];
  for (var k in body) if (Object.prototype.hasOwnProperty.call(body, k)) keys.push(k);
  if (keys.length !== 1 || keys[0] !== newDoc.kind) refuse("malformed event: body must hold exactly its kind " + newDoc.kind);
  var allowed = KIND_ROLES[newDoc.kind];
  if (!allowed) refuse("unknown event kind " + newDoc.kind);

  // Who.
  if (!isAdmin) {
    if (newDoc.author !== userCtx.name) refuse("the author of an event must be the logged-in user (" + userCtx.name + ")");
    if (userCtx.roles.indexOf(newDoc.role) === -1) refuse("user " + userCtx.name + " does not hold the role " + newDoc.role);
    if (allowed.indexOf(newDoc.role) === -1) refuse("the role " + newDoc.role + " may not record " + newDoc.kind);
  }
}
