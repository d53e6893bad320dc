// make bench-sync: 1,000 events pushed from one browser and pulled into another through
// PouchDB Server (set up as a county by couchdb/setup.mjs) by Jishi's replicator, and the
// same 1,000 docs replicated by PouchDB (npm pouchdb-browser) through the same server.
// Prints requests, bytes and seconds of each and the ratios (goal: Jishi ≤ 1/5 of
// PouchDB's requests and ≤ 1/2 of its time), then the cost of a pass with nothing new at
// 1,000 and 10,000 events on the phone (it must not grow with history).
// Prints; never fails. Uses the release build in dist/ (or $JISHI_DIST).
//
// Requests are those the page sees (Playwright; CORS preflights are not counted, for
// either side). Bytes = request + response, headers + bodies.
import fs from "node:fs";
import path from "node:path";
import { designDoc, setup } from "../couchdb/setup.mjs";
import { DIST, ROOT, VIEWPORT, launch, startServer, stopServer } from "../tests/e2e/lib.mjs";
import { startPouchServer } from "../tests/e2e/pouch.mjs";
import { backupOf, bulkEvents } from "../tests/e2e/bulk.mjs";

const N = 1000;
const USER = "bench";
const ADMIN = "Basic " + Buffer.from("admin:admin-pw").toString("base64");

/** pouchdb-browser's ES module as one classic script defining window.PouchDB. */
function pouchBundle() {
  const nm = path.join(ROOT, "node_modules");
  const cjs = (name, file) => `"${name}": function (module, exports) {\n${fs.readFileSync(path.join(nm, file), "utf8")}\n}`;
  let src = fs.readFileSync(path.join(nm, "pouchdb-browser/lib/index.es.js"), "utf8");
  src = src
    .replace(/^import Md5 from 'spark-md5';$/m, "var Md5 = __require('spark-md5');")
    .replace(/^import \{ v4 \} from 'uuid';$/m, "var v4 = function () { return crypto.randomUUID(); };")
    .replace(/^import vuvuzela from 'vuvuzela';$/m, "var vuvuzela = __require('vuvuzela');")
    .replace(/^import EE from 'events';$/m, "var EE = __EE;")
    .replace(/^export default PouchDB;$/m, "window.PouchDB = PouchDB;");
  // A minimal EventEmitter ("events"); methods enumerable, as PouchDB copies them.
  const ee = `function __EE() { this._ev = {}; }
  Object.assign(__EE.prototype, {
    _l(t) { if (!this._ev) this._ev = {}; return this._ev[t] || (this._ev[t] = []); },
    on(t, f) { this._l(t).push(f); return this; },
    addListener(t, f) { return this.on(t, f); },
    once(t, f) { const w = (...a) => { this.removeListener(t, w); f.apply(this, a); }; w.listener = f; return this.on(t, w); },
    removeListener(t, f) { const l = this._l(t); const i = l.findIndex((x) => x === f || x.listener === f); if (i >= 0) l.splice(i, 1); return this; },
    off(t, f) { return this.removeListener(t, f); },
    removeAllListeners(t) { if (t === undefined) this._ev = {}; else if (this._ev) delete this._ev[t]; return this; },
    listeners(t) { return this._l(t).map((x) => x.listener || x); },
    listenerCount(t) { return this._l(t).length; },
    setMaxListeners() { return this; },
    emit(t, ...a) { const l = this._l(t).slice(); if (t === "error" && !l.length) throw a[0]; l.forEach((f) => f.apply(this, a)); return l.length > 0; },
  });
  __EE.listenerCount = function (e, t) { return e.listenerCount(t); };`;
  return `(function () {
  var __mods = { ${cjs("spark-md5", "spark-md5/spark-md5.js")}, ${cjs("vuvuzela", "vuvuzela/index.js")} };
  var __cache = {};
  function __require(n) { if (!__cache[n]) { var m = { exports: {} }; __mods[n](m, m.exports); __cache[n] = m.exports; } return __cache[n]; }
  ${ee}
  ${src}
})();`;
}

/** Count requests and bytes to `origin` on `page` between start() and stop(). */
function meter(page, origin) {
  const pending = [];
  let on = false;
  page.on("requestfinished", (r) => {
    if (on && r.url().startsWith(origin)) pending.push(r.sizes().then((s) => s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize));
  });
  let t0 = 0;
  let secs = 0;
  return {
    start() { on = true; t0 = performance.now(); },
    async stop() {
      secs = (performance.now() - t0) / 1000;
      on = false;
      const sizes = await Promise.all(pending);
      return { requests: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0), secs };
    },
  };
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  return { context, page: await context.newPage() };
}

async function jishiPhone(browser, base, url, onPage = () => {}) {
  const { context, page } = await newPage(browser);
  onPage(page);
  await page.goto(`${base}/`);
  await page.locator("input[name=name]").fill(USER);
  await page.locator("select[name=role]").selectOption("admin");
  await page.getByRole("button", { name: "开始使用" }).click();
  await page.locator("nav.bottom a", { hasText: "同步" }).click();
  const form = page.locator("form[data-testid=server-form]");
  await form.locator("input[value=server]").check();
  await form.locator("input[name=url]").fill(url);
  await form.locator("input[name=db]").fill("jishi");
  await form.locator("button[type=submit]").click();
  await page.locator(".notice", { hasText: "已保存" }).waitFor();
  await page.locator("input[name=username]").fill(USER);
  await page.locator("input[name=password]").fill(`${USER}-pw`);
  await page.locator("form[data-testid=login-form] button[type=submit]").click();
  await page.locator("[data-testid=session-name]", { hasText: USER }).waitFor();
  await idle(page);
  return { context, page };
}

async function idle(page) {
  await page.waitForFunction(() => !document.querySelector("[data-testid=sync-now]")?.disabled, null, { timeout: 120_000 });
}

async function syncPass(page) {
  await idle(page);
  const passes = Number(await page.locator("[data-testid=sync-now]").getAttribute("data-passes"));
  await page.locator("[data-testid=sync-now]").click();
  await page.waitForFunction((n) => {
    const b = document.querySelector("[data-testid=sync-now]");
    return b && !b.disabled && Number(b.dataset.passes) > n;
  }, passes, { timeout: 300_000 });
  const err = page.locator("[data-testid=sync-error]");
  if (await err.count()) throw new Error(await err.textContent());
}

async function pouchPage(browser, base, bundle, url) {
  const { context, page } = await newPage(browser);
  // A plain document of the app's origin, served from 127.0.0.1 (a page fulfilled by
  // Playwright would count as public and be refused access to the loopback server).
  page.on("pageerror", (e) => console.log(`PouchDB page error: ${e}`));
  await page.goto(`${base}/pouch-bench.txt`);
  await page.addScriptTag({ content: bundle });
  await page.evaluate(async ({ url, user }) => {
    const r = await fetch(`${url}/_session`, {
      method: "POST", credentials: "include", headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user, password: `${user}-pw` }),
    });
    if (!r.ok) throw new Error(`login ${r.status}`);
  }, { url, user: USER });
  return { context, page };
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "index.html"))) {
    console.log(`bench-sync: no build in ${DIST} (run make build)`);
    return;
  }
  const app = await startServer();
  const base = `http://127.0.0.1:${app.address().port}`;
  const pouch = await startPouchServer();
  const browser = await launch();
  const events = bulkEvents(N, USER);
  try {
    await fetch(`${pouch.url}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("admin-pw") });
    const adminUrl = `http://admin:admin-pw@${new URL(pouch.url).host}`;
    await setup(adminUrl, { prefix: "jishi", townships: [] }, {
      users: [{ name: USER, password: `${USER}-pw`, roles: ["admin"] }],
    });
    // PouchDB's side: a database with the same validation, so the server does the same work.
    await fetch(`${pouch.url}/pouchbench`, { method: "PUT", headers: { authorization: ADMIN } });
    await fetch(`${pouch.url}/pouchbench/_design/jishi`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: ADMIN },
      body: JSON.stringify(designDoc("common")),
    });

    // Jishi: push from phone A, pull into phone B.
    const file = path.join(ROOT, "tests", "artifacts", "bench-sync-backup.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(backupOf(events)));
    const a = await jishiPhone(browser, base, pouch.url);
    await a.page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await a.page.locator("[data-testid=import]").setInputFiles(file);
    await a.page.locator(".notice", { hasText: `新增 ${N} 条` }).waitFor({ timeout: 60_000 });
    const pushM = meter(a.page, pouch.url);
    pushM.start();
    await syncPass(a.page);
    const jPush = await pushM.stop();
    // Phone B's first pull runs as soon as it logs in: measured from the login on.
    let pullM;
    const b = await jishiPhone(browser, base, pouch.url, (page) => {
      pullM = meter(page, pouch.url);
      pullM.start();
    });
    const jPull = await pullM.stop();
    const got = await b.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jishi:ev:")).length);
    if (got !== N) console.log(`warning: Jishi phone B holds ${got} events, expected ${N}`);

    // PouchDB: the same docs, replicated up from one browser and down into another.
    const bundle = pouchBundle();
    const docs = events.map((e) => ({ _id: e.id, ...e }));
    const remote = `${pouch.url}/pouchbench`;
    const c = await pouchPage(browser, base, bundle, pouch.url);
    await c.page.evaluate(async (docs) => {
      window.local = new PouchDB("bench-up");
      await window.local.bulkDocs(docs);
    }, docs);
    const pPushM = meter(c.page, pouch.url);
    pPushM.start();
    const up = await c.page.evaluate(async (remote) => {
      const target = new PouchDB(remote, { fetch: (u, o) => PouchDB.fetch(u, { ...o, credentials: "include" }) });
      const r = await PouchDB.replicate(window.local, target);
      return { written: r.docs_written, errors: r.errors.length };
    }, remote);
    const pPush = await pPushM.stop();
    const d = await pouchPage(browser, base, bundle, pouch.url);
    const pPullM = meter(d.page, pouch.url);
    pPullM.start();
    const down = await d.page.evaluate(async (remote) => {
      const source = new PouchDB(remote, { fetch: (u, o) => PouchDB.fetch(u, { ...o, credentials: "include" }) });
      const local = new PouchDB("bench-down");
      const r = await PouchDB.replicate(source, local);
      return { written: r.docs_written, errors: r.errors.length };
    }, remote);
    const pPull = await pPullM.stop();
    if (up.written !== N || down.written < N) console.log(`warning: PouchDB wrote ${up.written} up (${up.errors} errors), ${down.written} down`);

    const sum = (x, y) => ({ requests: x.requests + y.requests, bytes: x.bytes + y.bytes, secs: x.secs + y.secs });
    const j = sum(jPush, jPull);
    const p = sum(pPush, pPull);
    const row = (name, m) => `${name.padEnd(18)} ${String(m.requests).padStart(8)} ${String(m.bytes).padStart(12)} ${m.secs.toFixed(2).padStart(8)}`;
    console.log(`bench-sync: ${N} events through PouchDB Server (${pouch.url})`);
    console.log(`${"".padEnd(18)} ${"requests".padStart(8)} ${"bytes".padStart(12)} ${"seconds".padStart(8)}`);
    console.log(row("Jishi push", jPush));
    console.log(row("Jishi pull", jPull));
    console.log(row("Jishi total", j));
    console.log(row("PouchDB push", pPush));
    console.log(row("PouchDB pull", pPull));
    console.log(row("PouchDB total", p));
    const ratio = (x, y) => (y ? (x / y).toFixed(3) : "n/a");
    console.log(`ratios Jishi/PouchDB: requests ${ratio(j.requests, p.requests)} (goal ≤ 0.200), bytes ${ratio(j.bytes, p.bytes)}, time ${ratio(j.secs, p.secs)} (goal ≤ 0.500)`);

    // A pass with nothing new, at 1,000 and then 10,000 events on phone A.
    const idlePass = async () => {
      const m = meter(a.page, pouch.url);
      m.start();
      await syncPass(a.page);
      return m.stop();
    };
    const idle1k = await idlePass();
    const more = bulkEvents(9 * N, USER);
    fs.writeFileSync(file, JSON.stringify(backupOf(more)));
    await a.page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await a.page.locator("[data-testid=import]").setInputFiles(file);
    await a.page.locator(".notice", { hasText: `新增 ${9 * N} 条` }).waitFor({ timeout: 300_000 });
    await syncPass(a.page);
    const idle10k = await idlePass();
    console.log(`idle pass (nothing new), all of the phone's databases, session check included:`);
    console.log(row(`at ${N} events`, idle1k));
    console.log(row(`at ${10 * N} events`, idle10k));
    await Promise.all([a.context.close(), b.context.close(), c.context.close(), d.context.close()]);
  } catch (e) {
    console.log(`bench-sync: ${e.stack || e}`);
  } finally {
    await browser.close();
    await pouch.stop();
    await stopServer(app);
  }
}

await main();
