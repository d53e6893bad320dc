// The phone's store: the log lives in IndexedDB. A phone of the version that kept every
// record in localStorage (one `jishi:ev:<id>` key each) opens with this build, offline,
// and shows everything; its records end up in IndexedDB and leave localStorage. A move
// cut short (IndexedDB took some, the tab closed) loses nothing and counts nothing twice.
//
// Run: `make test-e2e` (release build, then `node --test tests/e2e/*.test.mjs`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, launch, shot, startServer, stopServer, storedRecords as phoneRecords } from "./lib.mjs";
import { backupOf, bulkEvents } from "./bulk.mjs";

const GOLDEN = path.join(ROOT, "tests", "golden");
/** The stored text of every record of a backup file (one record per line, as written). */
function storedRecords(file) {
  return fs
    .readFileSync(path.join(GOLDEN, file), "utf8")
    .split("\n")
    .filter((l) => l.startsWith('{"id"'))
    .map((l) => l.replace(/,$/, ""))
    .map((text) => [JSON.parse(text).id, text]);
}
/** A W1 year of 乌力吉木仁苏木 and a whole W4 case. */
const RECORDS = [...storedRecords("village_pay.json"), ...storedRecords("cadre_selection.json")];
const T = "/t/t-wljmr/2026";
const CASE = "/w4/case/case-2026-01";

let server;
let browser;
let base;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make build`");
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

/** A phone that opened the app once online (its service worker ready), then lost the network. */
async function offlinePhone() {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow", locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.getByRole("heading").first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // Every file precached (the worker's install finished) before the network goes.
    while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
  });
  await context.setOffline(true);
  return { context, page, errors };
}

/** Write what the localStorage version kept: its records, its device and its user. */
async function writeOldPhone(page, records) {
  await page.evaluate((records) => {
    localStorage.clear();
    for (const [id, text] of records) localStorage.setItem(`jishi:ev:${id}`, text);
    localStorage.setItem("jishi:m:device", "d00000000000old1");
    localStorage.setItem("jishi:m:user", "admin:旗委组织部 张卫东");
  }, records);
}

/** Put records into IndexedDB as this build stores them (as if a move was cut short). */
async function putIndexed(page, records) {
  await page.evaluate(
    (records) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("jishi");
        open.onupgradeneeded = () => open.result.createObjectStore("events");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("events", "readwrite");
          for (const [id, text] of records) tx.objectStore("events").put(text, id);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

/** What the phone stores: event keys left in localStorage, and records in IndexedDB
 * (single or in pages). */
async function stored(page) {
  const local = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jishi:ev:")).length);
  const indexed = (await phoneRecords(page, { withLocal: false })).length;
  return { local, indexed };
}

/** The app is drawn with the records loaded: the Data page's count of records. */
async function recordCount(page) {
  await page.goto(`${base}/data`);
  const line = page.getByTestId("integrity");
  await line.waitFor();
  return Number((await line.innerText()).match(/记录总数：(\d+)/)[1]);
}

test("a phone of the localStorage version with a W1 year and a W4 case opens offline with everything, now in IndexedDB", async () => {
  const { context, page, errors } = await offlinePhone();
  try {
    await writeOldPhone(page, RECORDS);
    assert.equal(await recordCount(page), RECORDS.length, "every record is loaded");
    assert.deepEqual(await stored(page), { local: 0, indexed: RECORDS.length }, "moved, and gone from localStorage");

    // The W1 year: each 嘎查's grade and pay, as recorded.
    await page.goto(`${base}${T}/results`);
    const row = page.locator("table[data-testid=results] tbody tr[data-village=乌力吉木仁嘎查]");
    await row.waitFor();
    assert.equal((await row.getByTestId("head-grade").innerText()).trim(), "优秀");
    assert.equal((await row.getByTestId("pay").innerText()).trim(), "13000");
    // The W4 case with its steps.
    await page.goto(`${base}${CASE}`);
    await page.getByRole("heading", { name: /格日朝鲁苏木副苏木达选任/ }).waitFor();
    await shot(page, "storage-moved-case");

    // Opened again: the same, from IndexedDB alone; the user and device kept.
    assert.equal(await recordCount(page), RECORDS.length);
    assert.deepEqual(await stored(page), { local: 0, indexed: RECORDS.length });
    assert.ok(await page.getByText("张卫东").first().isVisible());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a move cut short after IndexedDB took half the records loads each record once and finishes the move", async () => {
  const { context, page, errors } = await offlinePhone();
  try {
    await writeOldPhone(page, RECORDS);
    await putIndexed(page, RECORDS.slice(0, 60));
    assert.equal(await recordCount(page), RECORDS.length);
    assert.deepEqual(await stored(page), { local: 0, indexed: RECORDS.length });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a record entered goes to IndexedDB and stays after a reload", async () => {
  const { context, page, errors } = await offlinePhone();
  try {
    await writeOldPhone(page, RECORDS);
    assert.equal(await recordCount(page), RECORDS.length);
    await page.goto(`${base}/master`);
    const form = page.getByTestId("add-township");
    await form.getByLabel("新乡镇名称").fill("巴彦塔拉苏木");
    await form.getByRole("button").click();
    await page.getByTestId("township").filter({ hasText: "巴彦塔拉苏木" }).waitFor();
    // The move runs right after the write.
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith("jishi:ev:")));
    assert.deepEqual(await stored(page), { local: 0, indexed: RECORDS.length + 1 });
    assert.equal(await recordCount(page), RECORDS.length + 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Ways a phone's log is read as the app starts: by the worker it starts at once
 * (src/store/read_ahead.rs), or by the page itself when the browser has no worker or
 * the worker fails. */
const READS = {
  "read ahead by a worker": () => {},
  "a browser without workers": () => {
    window.Worker = undefined;
  },
  "a worker without crypto.subtle (not a secure context)": () => {
    // The worker's own script, run after taking crypto.subtle away: the pages' digests
    // are then checked in wasm.
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url) {
        const read = new XMLHttpRequest();
        read.open("GET", url, false);
        read.send();
        const code = `Object.defineProperty(self.crypto, "subtle", { value: undefined });\n${read.responseText}`;
        super(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
      }
    };
  },
  "a worker that fails": () => {
    window.Worker = class {
      postMessage() {
        setTimeout(() => this.onmessage?.({ data: { failed: "test" } }), 0);
      }
      terminate() {}
    };
  },
};

test("a phone opens with every record, in pages, single or waiting in localStorage, however its log is read", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  try {
    const setup = await context.newPage();
    await setup.goto(`${base}/`);
    const waiting = RECORDS.slice(-5);
    await writeOldPhone(setup, RECORDS.slice(0, -5));
    // 1,100 records imported: written as pages.
    const file = path.join(ROOT, "target", "read-ahead-bulk.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(backupOf(bulkEvents(1_100, "旗委组织部 张卫东"))));
    await setup.goto(`${base}/data`);
    await setup.locator("[data-testid=import]").setInputFiles(file);
    await setup.locator(".notice", { hasText: "导入完成" }).waitFor();
    await setup.close();
    const all = 1_100 + RECORDS.length;
    for (const [how, script] of Object.entries(READS)) {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.addInitScript(script);
      await page.goto(`${base}/`);
      // Five records waiting in localStorage (written just before the phone was closed).
      await page.evaluate((records) => {
        for (const [id, text] of records) localStorage.setItem(`jishi:ev:${id}`, text);
      }, waiting);
      assert.equal(await recordCount(page), all, `${how}: every record once`);
      const ahead = await page.evaluate(() => performance.getEntriesByName("jishi:read-ahead").length);
      const worker = how === "read ahead by a worker" || how.includes("crypto.subtle");
      assert.equal(ahead, worker ? 1 : 0, `${how}: who read the log`);
      await page.goto(`${base}${T}/results`);
      const row = page.locator("table[data-testid=results] tbody tr[data-village=乌力吉木仁嘎查]");
      assert.equal((await row.getByTestId("pay").innerText()).trim(), "13000", how);
      await page.goto(`${base}${CASE}`);
      await page.getByRole("heading", { name: /格日朝鲁苏木副苏木达选任/ }).waitFor();
      assert.deepEqual(await stored(page), { local: 0, indexed: all }, `${how}: moved into IndexedDB`);
      assert.deepEqual(errors, [], how);
      await page.close();
    }
  } finally {
    await context.close();
  }
});
