// The crash page's backup (src/ui/crash.rs `fill_backup_link`): the body of a function
// called with `this` = the export link and (head, name, prefix). Plain JavaScript,
// because a panic ends the wasm instance.
const link = this;
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
// Canonical JSON as the app hashes it: keys sorted, no spaces (records of the first
// version are stored in another key order).
const canonical = (v) =>
  Array.isArray(v) ? "[" + v.map(canonical).join(",") + "]"
  : v && typeof v === "object"
    ? "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}"
    : JSON.stringify(v);
const SAFE = /^[A-Za-z0-9_-]{1,64}$/;
// The record's id if it is sound: its id is safe and its content matches its hash.
async function soundId(text) {
  try {
    const record = JSON.parse(text);
    if (typeof record.id !== "string" || !SAFE.test(record.id) || typeof record.hash !== "string") return null;
    if (!(crypto && crypto.subtle)) return record.id;
    const { hash, ...content } = record;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical(content)));
    return hex(digest) === hash ? record.id : null;
  } catch (_) {
    return null;
  }
}
// Every record text IndexedDB holds: pages first (a line `id<TAB>text` a record, see
// src/store/page.rs), then single records.
const indexed = () => new Promise((resolve) => {
  try {
    const open = indexedDB.open("jishi");
    open.onupgradeneeded = () => open.result.createObjectStore("events");
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      try {
        const db = open.result;
        const names = ["pages", "events"].filter((n) => db.objectStoreNames.contains(n));
        const tx = db.transaction(names);
        const texts = [];
        const got = names.map((n) => tx.objectStore(n).getAll());
        tx.oncomplete = () => {
          try {
            for (const [i, request] of got.entries()) {
              for (const value of request.result) {
                if (names[i] === "events") {
                  if (typeof value === "string") texts.push(value);
                  continue;
                }
                // A page: UTF-8 bytes, its digest on the first line (src/store/page.rs);
                // anything else stored there is passed over.
                if (!(value instanceof ArrayBuffer || ArrayBuffer.isView(value))) continue;
                let page = "";
                try {
                  page = new TextDecoder().decode(value);
                } catch (_) {
                  continue;
                }
                for (const line of page.split("\n").slice(1)) texts.push(line.slice(line.indexOf("\t") + 1));
              }
            }
          } finally {
            // Whatever happened, the backup comes with what was read.
            db.close();
            resolve(texts);
          }
        };
        // Closed when done: an open connection would block the app's next upgrade.
        tx.onerror = () => (db.close(), resolve(texts));
        tx.onabort = () => (db.close(), resolve(texts));
      } catch (_) {
        resolve([]);
      }
    };
  } catch (_) {
    resolve([]);
  }
});
(async () => {
  const texts = await indexed();
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(prefix)) texts.push(localStorage.getItem(key));
  }
  // Pages, then single records in id order, then those still in localStorage; one
  // record per id.
  const ids = new Set();
  const records = [];
  for (const text of texts) {
    const id = await soundId(text);
    if (id !== null && !ids.has(id)) {
      ids.add(id);
      records.push(text);
    }
  }
  const body = records.map((t, i) => (i === 0 ? "\n" : ",\n") + t).join("");
  const blob = new Blob([head + body + "\n]}\n"], { type: "application/json" });
  link.setAttribute("download", name);
  link.setAttribute("href", URL.createObjectURL(blob));
})();
