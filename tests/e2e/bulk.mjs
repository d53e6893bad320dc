// Valid Jishi events made in Node (same canonical JSON and SHA-256 as the app), for
// large pushes in tests and benchmarks: master-data entries (village heads) by one
// author as admin; they live in the county's common database.
import crypto from "node:crypto";

/** Canonical JSON as the app hashes it: sorted keys, no whitespace. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** `n` sealed heads_recorded events by `author` (role admin). */
export function bulkEvents(n, author) {
  const now = Date.now() - n - 1000;
  const events = [];
  for (let i = 0; i < n; i++) {
    const id = (now + i).toString(16).padStart(12, "0") + crypto.randomBytes(8).toString("hex");
    const e = {
      id, subject: "master", kind: "heads_recorded",
      body: { heads_recorded: { village: `bulk-${i}`, secretary: `测试书记${i}（批量导入，用于验证中断后续传不丢记录）`, director: `测试主任${i}` } },
      author, role: "admin", device: "bulk", recorded_at: now + i, parents: [], scope: "common",
    };
    e.hash = crypto.createHash("sha256").update(canonical(e)).digest("hex");
    events.push(e);
  }
  return events;
}

/** A backup file (the app's export format) holding `events`. */
export function backupOf(events) {
  return { format: "jishi-backup", version: 1, exported_at: Date.now(), device: "bulk", events };
}
