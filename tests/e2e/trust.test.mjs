// Trust e2e (issue "Records no one can silently change, and an app no record can break"):
// a record edited in storage and re-hashed breaks the chain and the Data page says so;
// a record written by a newer version is kept and shown as waiting for an update, not
// quarantined; and if the app ever panics, the phone shows a page in Chinese with a
// backup to download instead of a blank screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, ROOT, VIEWPORT, launch, overwriteStored, shot, startServer, stopServer, storedRecords } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const CORPUS = path.join(ROOT, "tests", "golden", "village_pay.json");

/** Canonical JSON as the app hashes it: keys sorted, no whitespace. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The record re-sealed after an edit, as a forger (or a newer version) would. */
function reseal(record) {
  const { hash: _old, ...rest } = record;
  return { ...rest, hash: crypto.createHash("sha256").update(canonical(rest)).digest("hex") };
}

let server;
let browser;
let base;

before(async () => {
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

async function freshPhone() {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  return { context, page };
}

test("a record changed and re-hashed in storage breaks the chain, and the Data page names it", async () => {
  const { context, page } = await freshPhone();
  try {
    await importBackup(page, CORPUS);
    const integrity = page.getByTestId("integrity");
    await integrity.filter({ hasText: "哈希校验全部通过，记录链完整" }).waitFor();
    // Edit one stored score sheet behind the app's back and re-compute its hash.
    const records = (await storedRecords(page)).map(([k, v]) => [k, JSON.parse(v)]);
    const [key, target] = records.find(
      ([, r]) => r.kind === "scores_submitted" && records.some(([, c]) => c.parents.includes(r.hash)),
    );
    const child = records.find(([, c]) => c.parents.includes(target.hash))[1];
    const forged = reseal({ ...target, author: "冒名者" });
    await overwriteStored(page, key, JSON.stringify(forged));
    await page.reload();
    await page.getByRole("link", { name: "数据备份" }).click();
    const chain = page.getByTestId("chain");
    await chain.waitFor();
    assert.match(await chain.innerText(), /记录链不完整/);
    assert.match(await chain.innerText(), new RegExp(child.id));
    assert.doesNotMatch(await integrity.innerText(), /记录链完整/);
    await shot(page, "trust-chain-broken");
  } finally {
    await context.close();
  }
});

test("a record of a kind this version does not know is kept and listed, not quarantined", async () => {
  const { context, page } = await freshPhone();
  try {
    const file = JSON.parse(fs.readFileSync(CORPUS, "utf8"));
    const future = reseal({
      ...file.events[0],
      id: "019e00000000aaaaaaaaaaaaaaaa",
      kind: "village_head_selected",
      body: { village_head_selected: { village: "v-wlhd", year: 2027 } },
    });
    file.events.push(future);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const withFuture = path.join(ARTIFACTS, "backup-with-future-kind.json");
    fs.writeFileSync(withFuture, JSON.stringify(file));
    await importBackup(page, withFuture);
    const foreign = page.getByTestId("foreign");
    await foreign.waitFor();
    assert.match(await foreign.innerText(), /更新应用后显示/);
    assert.match(await foreign.innerText(), /village_head_selected/);
    assert.equal(await page.getByTestId("quarantine").count(), 0);
    assert.match(await page.getByTestId("integrity").innerText(), new RegExp(`${file.events.length}`));
  } finally {
    await context.close();
  }
});

test("a crash shows a page in Chinese that offers the backup, never a blank screen", async () => {
  const { context, page } = await freshPhone();
  try {
    await importBackup(page, CORPUS);
    // One stored entry damaged behind the app's back (it is quarantined, maybe the very
    // cause of a crash): the crash page's backup leaves it out and still restores.
    const [id, text] = (await storedRecords(page)).find(([, t]) => t.includes('"year":2026'));
    await overwriteStored(page, id, text.replace('"year":2026', '"year":2025'));
    // And a value in the pages store that is no page at all: passed over.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("jishi");
          open.onsuccess = () => {
            const tx = open.result.transaction("pages", "readwrite");
            tx.objectStore("pages").put("not a page", "zzz");
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await page.reload();
    await page.getByTestId("quarantine").filter({ hasText: "内容与其哈希不符（记录后被改动）" }).waitFor();
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    const count = JSON.parse(fs.readFileSync(CORPUS, "utf8")).events.length - 1;
    await page.evaluate(() => {
      try {
        window.wasmBindings.jishi_simulate_crash();
      } catch (_) {
        // The panic aborts the call; the page stays.
      }
    });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), /纪实遇到了问题/);
    assert.match(await alert.innerText(), /没有丢失/);
    await shot(page, "trust-crash-page");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出备份/ }).click(),
    ]);
    const saved = path.join(ARTIFACTS, "crash-backup.json");
    await download.saveAs(saved);
    const backup = JSON.parse(fs.readFileSync(saved, "utf8"));
    assert.equal(backup.format, "jishi-backup");
    assert.equal(backup.events.length, count, "every record is in the crash backup");
    // It restores on another phone.
    const other = await freshPhone();
    try {
      await importBackup(other.page, saved);
      assert.match(await other.page.getByTestId("integrity").innerText(), new RegExp(`${count}`));
    } finally {
      await other.context.close();
    }
    // Reopening works.
    await page.getByRole("link", { name: /重新打开/ }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
  } finally {
    await context.close();
  }
});
