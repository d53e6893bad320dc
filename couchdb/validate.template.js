// CouchDB validate_doc_update for one 纪实 Jishi database: the template.
//
// couchdb/validate_doc_update.js is GENERATED from this file by src/sync/design_doc.rs,
// which fills in the marked tables (KINDS, FIELD_RULES, …) from the Rust rules (src/domain/access.rs,
// src/sync/validate.rs). Edit this template and the Rust together, then regenerate:
//     JISHI_WRITE_DESIGN=1 cargo test --test server_rules
// tests/server_rules.rs runs the generated function in node against server_check on
// every kind, role and hostile document: both must refuse the same, with the same reason.
//
// couchdb/setup.mjs replaces __SCOPE__ by the database's scope (common, township:<id>,
// cadre, personal, audit) and installs it as _design/jishi in that database.
//
// Plain ES5, no require(): runs on Apache CouchDB (SpiderMonkey or QuickJS), IBM Cloudant
// and PouchDB Server. Every document is one immutable event whose hash is the SHA-256 of
// its canonical JSON (keys sorted, no whitespace, no "_" fields, no "hash").
//
// Assumption for the canonical JSON: keys are sorted by Array.prototype.sort (UTF-16
// code units) and by Rust by bytes; both orders agree for ASCII, so documents with
// non-ASCII field names are refused. Numbers must be integers JavaScript holds exactly;
// JSON.parse reads 800.0, 8e2 and -0 as the integers 800 and 0, and so does the Rust
// twin (record::normalize_numbers), so the hash is over "800" and "0" whatever spelling
// a server keeps.
function (newDoc, oldDoc, userCtx, secObj) {
  var SCOPE = "__SCOPE__";
  var KINDS = /*@KINDS@*/null;
  var FIELD_RULES = /*@FIELD_RULES@*/null;
  var AUTHOR_FIELDS = /*@AUTHOR_FIELDS@*/null;
  var ID_KEYS = /*@ID_KEYS@*/null;
  var ID_LIST_KEYS = /*@ID_LIST_KEYS@*/null;
  var ID_MAP_KEYS = /*@ID_MAP_KEYS@*/null;
  var ID_PAIR_KEYS = /*@ID_PAIR_KEYS@*/null;
  var BOUNDS = /*@BOUNDS@*/null;

  var colon = SCOPE.indexOf(":");
  var SCOPE_KIND = colon < 0 ? SCOPE : SCOPE.slice(0, colon);
  var SCOPE_TOWNSHIP = colon < 0 ? null : SCOPE.slice(colon + 1);
  var ID = new RegExp("^[A-Za-z0-9_-]{1," + BOUNDS.max_id_len + "}$");
  var HASH = /^[0-9a-f]{64}$/;
  // Rust's str::trim: Unicode White_Space.
  var BLANK = /^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var ASCII = /^[\x00-\x7f]*$/;

  function refuse(why) {
    throw { forbidden: why };
  }
  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  function isArray(v) {
    return Object.prototype.toString.call(v) === "[object Array]";
  }
  function isObject(v) {
    return typeof v === "object" && v !== null && !isArray(v);
  }
  function isId(v) {
    return typeof v === "string" && ID.test(v);
  }
  function isHash(v) {
    return typeof v === "string" && HASH.test(v);
  }
  function isSafeInteger(v) {
    return typeof v === "number" && v % 1 === 0 && Math.abs(v) <= BOUNDS.max_safe_integer;
  }
  function sortedKeys(o) {
    return Object.keys(o).sort();
  }
  function contains(list, v) {
    return list.indexOf(v) !== -1;
  }

  // Text Rust can hold: no lone UTF-16 surrogates.
  function wellFormed(s) {
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        var d = s.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
        i++;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        return false;
      }
    }
    return true;
  }

  function shape(v, depth) {
    if (depth > BOUNDS.max_depth) refuse("not an event: it is nested too deeply");
    if (typeof v === "number") {
      if (!isSafeInteger(v)) refuse("not an event: its numbers must be integers of at most 2^53 - 1");
    } else if (typeof v === "string") {
      if (!wellFormed(v)) refuse("not an event: it holds text that is not valid Unicode");
    } else if (isArray(v)) {
      for (var i = 0; i < v.length; i++) shape(v[i], depth + 1);
    } else if (isObject(v)) {
      var keys = sortedKeys(v);
      for (var j = 0; j < keys.length; j++) {
        if (!ASCII.test(keys[j])) refuse("not an event: its field names must be ASCII");
        shape(v[keys[j]], depth + 1);
      }
    }
  }

  function checkId(s, place, key) {
    if (!isId(s)) refuse("it refers to an id outside the safe alphabet (" + place + " " + JSON.stringify(key) + ")");
  }
  function idsUnder(k, v) {
    var i, keys;
    if (typeof v === "string" && contains(ID_KEYS, k)) {
      checkId(v, "in", k);
    } else if (isArray(v) && contains(ID_LIST_KEYS, k)) {
      for (i = 0; i < v.length; i++) if (typeof v[i] === "string") checkId(v[i], "in", k);
    } else if (isObject(v) && contains(ID_MAP_KEYS, k)) {
      keys = sortedKeys(v);
      for (i = 0; i < keys.length; i++) checkId(keys[i], "a key of", k);
    } else if (isObject(v) && contains(ID_PAIR_KEYS, k)) {
      keys = sortedKeys(v);
      for (i = 0; i < keys.length; i++) {
        checkId(keys[i], "a key of", k);
        if (typeof v[keys[i]] === "string") checkId(v[keys[i]], "in", k);
      }
    }
  }
  function ids(v) {
    var i;
    if (isArray(v)) {
      for (i = 0; i < v.length; i++) ids(v[i]);
    } else if (isObject(v)) {
      var keys = sortedKeys(v);
      for (i = 0; i < keys.length; i++) {
        idsUnder(keys[i], v[keys[i]]);
        ids(v[keys[i]]);
      }
    }
  }

  function canonical(v) {
    var i, parts = [];
    if (isArray(v)) {
      for (i = 0; i < v.length; i++) parts.push(canonical(v[i]));
      return "[" + parts.join(",") + "]";
    }
    if (isObject(v)) {
      var keys = sortedKeys(v);
      for (i = 0; i < keys.length; i++) parts.push(JSON.stringify(keys[i]) + ":" + canonical(v[keys[i]]));
      return "{" + parts.join(",") + "}";
    }
    if (typeof v === "number") return String(v);
    return JSON.stringify(v);
  }

  function utf8(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) {
        out.push(c);
      } else if (c < 0x800) {
        out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      } else if (c >= 0xd800 && c <= 0xdbff) {
        var p = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out.push(0xf0 | (p >> 18), 0x80 | ((p >> 12) & 63), 0x80 | ((p >> 6) & 63), 0x80 | (p & 63));
      } else {
        out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
    }
    return out;
  }

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  function rotr(x, n) {
    return (x >>> n) | (x << (32 - n));
  }
  // SHA-256 of bytes, lowercase hex.
  function sha256Hex(bytes) {
    var n = bytes.length, words = Math.ceil((n + 9) / 64) * 16, m = [], w = [], i, t;
    for (i = 0; i < words; i++) m.push(0);
    for (i = 0; i < n; i++) m[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
    m[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    m[words - 2] = Math.floor(n / 0x20000000);
    m[words - 1] = (n * 8) | 0;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    for (var off = 0; off < words; off += 16) {
      for (t = 0; t < 64; t++) {
        if (t < 16) {
          w[t] = m[off + t] | 0;
        } else {
          var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
          var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
          w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var hex = "";
    for (i = 0; i < 8; i++) hex += ("0000000" + (h[i] >>> 0).toString(16)).slice(-8);
    return hex;
  }

  // Lifecycle: design documents, deletions, changes, attachments.
  var roles = userCtx.roles || [];
  var isAdmin = contains(roles, "_admin");
  if (typeof newDoc._id === "string" && newDoc._id.indexOf("_design/") === 0) {
    if (isAdmin) return;
    refuse("only server admins may change design documents");
  }
  if (newDoc._deleted === true) refuse("events cannot be deleted");
  if (oldDoc) refuse("events are immutable: an existing event cannot be changed");
  if (has(newDoc, "_attachments")) refuse("events carry no attachments");

  // The envelope, as the app's record::decode checks it.
  if (!isId(newDoc.id)) refuse("not an event: its id is missing or outside the safe alphabet");
  if (newDoc._id !== newDoc.id) refuse("not an event: _id must equal id");
  var kind = newDoc.kind;
  if (!isId(kind)) refuse("not an event: its kind is missing or malformed");
  if (typeof newDoc.author !== "string" || BLANK.test(newDoc.author)) refuse("not an event: it names no author");
  if (!isId(newDoc.role)) refuse("not an event: its role is missing or malformed");
  if (!isId(newDoc.device)) refuse("not an event: its device id is missing or outside the safe alphabet");
  if (!isSafeInteger(newDoc.recorded_at)) refuse("not an event: it has no recording time");
  var parentsOk = isArray(newDoc.parents);
  for (var p = 0; parentsOk && p < newDoc.parents.length; p++) parentsOk = isHash(newDoc.parents[p]);
  if (!parentsOk) refuse("not an event: its parent hashes are malformed");
  if (!isHash(newDoc.hash)) refuse("not an event: its hash is missing or malformed");
  var body = newDoc.body;
  if (!isObject(body) || Object.keys(body).length !== 1 || !has(body, kind)) {
    refuse("not an event: its body must hold exactly its kind " + kind);
  }
  var payload = body[kind];
  // The database the record says it belongs in (records of this version on): this one.
  if (has(newDoc, "scope") && newDoc.scope !== SCOPE) {
    refuse("this record belongs in the " + newDoc.scope + " database, not in " + SCOPE);
  }

  // Content: shape, ids, size, hash, clock.
  var fields = {};
  var top = Object.keys(newDoc);
  for (var f = 0; f < top.length; f++) {
    if (top[f].charAt(0) !== "_" && top[f] !== "hash") fields[top[f]] = newDoc[top[f]];
  }
  shape(fields, 0);
  ids(payload);
  var bytes = utf8(canonical(fields));
  if (bytes.length > BOUNDS.max_record_bytes) refuse("it is larger than any record may be");
  if (sha256Hex(bytes) !== newDoc.hash) refuse("content does not match its hash (changed after it was recorded)");
  if (newDoc.recorded_at > Date.now() + BOUNDS.max_future_ms) {
    refuse("its recording time is more than " + BOUNDS.max_future_days + " days ahead of the server's clock");
  }
  // A known kind carries its fields as an object (an array would hide its ids and
  // township from the checks by field name), for everyone.
  if (has(KINDS, kind) && !isObject(payload)) refuse("the fields of a " + kind + " record must be a JSON object");
  // Payload fields that must name the author (a person signs only in their own name):
  // for everyone, server admins included (a replayed record keeps its author).
  var own = has(AUTHOR_FIELDS, kind) ? AUTHOR_FIELDS[kind] : [];
  for (var o = 0; o < own.length; o++) {
    var named = isObject(payload) && has(payload, own[o]) ? payload[own[o]] : undefined;
    if (named !== newDoc.author) refuse("its " + own[o] + " must be its author: a person signs only in their own name");
  }
  if (isAdmin) return;

  // Who: the logged-in author, in a role they hold, of a kind of this database that the
  // role may write.
  var name = userCtx.name;
  if (typeof name !== "string") refuse("only a logged-in user may record events");
  if (newDoc.author !== name) refuse("the author of an event must be the logged-in user (" + name + ")");
  var role = newDoc.role;
  if (!contains(roles, role)) refuse("user " + name + " does not hold the role " + role);
  if (!has(KINDS, kind)) refuse("unknown event kind " + kind);
  var rule = KINDS[kind];
  if (rule.scope !== SCOPE_KIND) {
    refuse(kind + " events belong in the " + rule.scope + " database, not in " + SCOPE);
  }
  if (!has(newDoc, "scope")) {
    refuse("the record names no database (records of earlier versions are uploaded by a server admin)");
  }
  if (SCOPE_KIND === "township" && isObject(payload) && has(payload, "township") && payload.township !== SCOPE_TOWNSHIP) {
    refuse("this database holds only the records of township " + SCOPE_TOWNSHIP);
  }
  if (!contains(rule.writers, role)) refuse("the role " + role + " may not record " + kind);
  var narrowing = has(FIELD_RULES, kind) ? FIELD_RULES[kind] : [];
  for (var r = 0; r < narrowing.length; r++) {
    var field = narrowing[r].field;
    var value = isObject(payload) && has(payload, field) ? payload[field] : undefined;
    var allowed = typeof value === "string" && has(narrowing[r].values, value) ? narrowing[r].values[value] : [];
    if (!contains(allowed, role)) {
      refuse("the role " + role + " may not record " + kind + " with " + field + " " + (value === undefined ? "none" : canonical(value)));
    }
  }
}
