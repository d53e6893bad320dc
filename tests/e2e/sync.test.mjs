// Phones sync through a real PouchDB Server set up as a county by couchdb/setup.mjs (one
// database per scope with its _security and generated validate_doc_update, users with
// roles): they work offline, come back, sync in any order and show identical results;
// the server is stopped in the middle of a large push and restarted (disk mode), and
// nothing is lost; a restored server gets back what it lost. Screenshots go to
// tests/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseName, setup } from "../../couchdb/setup.mjs";
import { ARTIFACTS, DIST, VIEWPORT, goOffline, launch, shot, startServer, stopServer, storedRecords } from "./lib.mjs";
import { startPouchServer } from "./pouch.mjs";
import { backupOf, bulkEvents } from "./bulk.mjs";
import { fillScores } from "./ui.mjs";

const Y = new Date().getFullYear() - 1;
const ADMIN = "Basic " + Buffer.from("admin:admin-pw").toString("base64");
const T = "巨日合镇";
const INDICATORS = [["党建引领", "30"], ["产业发展", "30"], ["民生保障", "20"], ["乡风文明", "20"]];
const LABEL = { admin: "liming · 县委组织部管理员", organizer: "liming · 乡镇组织委员" };
const COLUMN = { q1: 2, q2: 3, q3: 4, q4: 5, annual: 6 };

let app;
let base;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make test-e2e`");
  app = await startServer();
  base = `http://127.0.0.1:${app.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(app);
});

const USERS = [
  { name: "liming", password: "liming-pw", roles: ["admin", "organizer"] },
  { name: "zhangwei", password: "zhangwei-pw", roles: ["assessor"] },
];

const adminUrl = (pouch) => `http://admin:admin-pw@${new URL(pouch.url).host}`;

/** A PouchDB Server with an admin, the county's databases (`make couchdb-setup`), users. */
async function server(opts = {}) {
  const pouch = await startPouchServer(opts);
  const r = await fetch(`${pouch.url}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("admin-pw") });
  assert.ok(r.ok, `create admin: ${r.status}`);
  await setup(adminUrl(pouch), { prefix: "jishi", townships: [] }, { users: USERS });
  return pouch;
}

/** The county administrator's step after a new township is recorded in the app: run the
 * setup again (it creates the township's database from the master data) and give the
 * township's staff its role. Returns the township's id. */
async function newTownship(pouch, staff) {
  const r = await fetch(`${pouch.url}/jishi-common/_all_docs?include_docs=true`, { headers: { authorization: ADMIN } });
  const rows = (await r.json()).rows.map((x) => x.doc).filter((d) => d && d.kind === "township_recorded");
  const id = rows[rows.length - 1].body.township_recorded.township;
  await setup(adminUrl(pouch), { prefix: "jishi", townships: [] });
  // Add the role to the staff's accounts (their passwords and sessions stay as they are).
  for (const name of staff) {
    const url = `${pouch.url}/_users/org.couchdb.user:${name}`;
    const user = await (await fetch(url, { headers: { authorization: ADMIN } })).json();
    user.roles = [...user.roles, `township:${id}`];
    const put = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: ADMIN },
      body: JSON.stringify(user),
    });
    assert.ok(put.ok, `add the township role to ${name}: ${put.status}`);
  }
  return id;
}

/** Every database of the county on the server. */
async function databases(pouch) {
  const r = await fetch(`${pouch.url}/_all_dbs`, { headers: { authorization: ADMIN } });
  return (await r.json()).filter((db) => db.startsWith("jishi-"));
}

/** Event ids on the server, every database of the county (design docs excluded). */
async function serverIds(pouch) {
  const ids = [];
  for (const db of await databases(pouch)) {
    const r = await fetch(`${pouch.url}/${db}/_all_docs`, { headers: { authorization: ADMIN } });
    const body = await r.json();
    ids.push(...body.rows.map((row) => row.id).filter((id) => !id.startsWith("_design/")));
  }
  return ids.sort();
}

/** Event ids a phone stores. */
async function phoneIds(page) {
  return (await storedRecords(page)).map(([id]) => id).sort();
}

async function submitOk(form, success = form.locator(".notice")) {
  await form.locator("button[type=submit]").click();
  const refused = form.locator(".form-error");
  await success.or(refused).first().waitFor({ timeout: 10_000 });
  if (await refused.count()) throw new Error(`form was refused: ${(await refused.allTextContents()).join(" | ")}`);
}

async function phone(name) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.locator("input[name=name]").fill(name);
  await page.locator("select[name=role]").selectOption("assessor");
  await page.getByRole("button", { name: "开始使用" }).click();
  await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
  return { context, page };
}

/** Settings: server + database, log in; returns after the session shows. */
async function connect(page, url, user) {
  await page.locator("nav.bottom a", { hasText: "同步" }).click();
  const form = page.locator("form[data-testid=server-form]");
  await form.locator("input[value=server]").check();
  await form.locator("input[name=url]").fill(url);
  await form.locator("input[name=db]").fill("jishi");
  await form.locator("button[type=submit]").click();
  await page.locator(".notice", { hasText: "已保存" }).waitFor();
  const login = page.locator("form[data-testid=login-form]");
  await login.locator("input[name=username]").fill(user);
  await login.locator("input[name=password]").fill(`${user}-pw`);
  await login.locator("button[type=submit]").click();
  await page.locator("[data-testid=session-name]", { hasText: user }).waitFor();
  assert.equal(await login.locator("input[name=password]").inputValue(), "", "the password is not kept in the form");
}

/** Act as the logged-in user in `roleKey` (users with several roles pick one). */
async function useRole(page, roleKey) {
  await page.locator("nav.bottom a", { hasText: "同步" }).click();
  await page.locator("select[name=server-role]").selectOption(roleKey);
  await page.getByRole("button", { name: "以此角色记录" }).click();
  await page.locator("[data-testid=device-user]", { hasText: LABEL[roleKey] }).waitFor();
}

/** One complete sync pass started by the button; fails on a sync error. */
async function syncNow(page, { allowError = false } = {}) {
  const button = page.locator("[data-testid=sync-now]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=sync-now]")?.disabled);
  const passes = Number(await button.getAttribute("data-passes"));
  await button.click();
  await page.waitForFunction(
    (n) => {
      const b = document.querySelector("[data-testid=sync-now]");
      return b && !b.disabled && Number(b.dataset.passes) > n;
    },
    passes,
    { timeout: 60_000 },
  );
  const error = page.locator("[data-testid=sync-error]");
  if (!allowError && (await error.count())) throw new Error(`sync failed: ${await error.textContent()}`);
  const refused = page.locator("[data-testid=sync-refused]");
  if (!allowError && (await refused.count())) throw new Error(`refused: ${await refused.textContent()}`);
}

async function waiting(page) {
  return Number(await page.locator("[data-testid=local-count] b").textContent());
}

async function openBoard(page) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.locator("input[name=year]").fill(String(Y));
  await page.locator("[data-testid=townships] a", { hasText: T }).click();
  await page.locator("table[data-testid=board]").waitFor();
}

async function score(page, village, period, values, assessed) {
  await openBoard(page);
  await page.locator(`table[data-testid=board] tr[data-village="${village}"] td:nth-child(${COLUMN[period]}) a`).click();
  await page.locator("section.card h1", { hasText: village }).waitFor();
  const f = page.locator("form[data-testid=score-form]");
  await fillScores(f, INDICATORS.map(([name]) => name), values);
  await f.locator("input[name=assessed_on]").fill(assessed);
  await f.locator("button[type=submit]").click();
  await page.locator("[data-testid=normalized]").waitFor();
}

async function boardText(page) {
  await openBoard(page);
  return page.locator("table[data-testid=board]").innerText();
}

test("two phones work offline, sync in any order through PouchDB Server, and show identical results", async () => {
  const pouch = await server();
  const org = await phone("liming");
  const asr = await phone("zhangwei");
  try {
    // Organizer (server user with roles admin + organizer): master data as admin.
    await connect(org.page, pouch.url, "liming");
    await org.page.locator("[data-testid=session-roles]", { hasText: "organizer" }).waitFor();
    await shot(org.page, "sync-01-settings");
    await useRole(org.page, "admin");
    await org.page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const addT = org.page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill(T);
    await submitOk(addT);
    const card = org.page.locator("section[data-testid=township]", { hasText: T });
    for (const [name, pop, sec, dir] of [["前进村", "2500", "李建国", "张红"], ["胜利村", "800", "刘强", "陈梅"]]) {
      await card.locator("details:has(form[data-testid=add-village])").evaluate((d) => { d.open = true; });
      const f = card.locator("form[data-testid=add-village]");
      await f.locator("input[name=name]").fill(name);
      await f.locator("input[name=population]").fill(pop);
      await f.locator("input[name=secretary]").fill(sec);
      await f.locator("input[name=director]").fill(dir);
      await submitOk(f);
      await card.locator("[data-testid=villages] > li", { hasText: name }).waitFor();
    }
    // … and indicators as organizer.
    await useRole(org.page, "organizer");
    await openBoard(org.page);
    await org.page.getByRole("link", { name: "考评指标" }).click();
    const ind = org.page.locator("form[data-testid=indicator-form]");
    await ind.getByRole("button", { name: "+ 添加指标" }).click();
    for (let i = 0; i < INDICATORS.length; i++) {
      await ind.getByLabel("指标名称", { exact: true }).nth(i).fill(INDICATORS[i][0]);
      await ind.getByLabel("满分", { exact: true }).nth(i).fill(INDICATORS[i][1]);
    }
    await submitOk(ind);
    assert.ok((await waiting(org.page)) > 0);
    // The township's database does not exist yet: the rest syncs, and the phone says
    // what the county administrator must do.
    await syncNow(org.page, { allowError: true });
    await org.page.locator("[data-testid=sync-error]", { hasText: "couchdb-setup" }).waitFor();
    await newTownship(pouch, ["zhangwei"]);
    await syncNow(org.page);
    assert.equal(await waiting(org.page), 0, "everything is on the server");
    await org.page.locator("[data-testid=last-sync]", { hasText: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ }).waitFor();

    // Assessor (one server role: the device user follows the login).
    await connect(asr.page, pouch.url, "zhangwei");
    await asr.page.locator("[data-testid=device-user]", { hasText: "zhangwei · 考核组成员" }).waitFor();
    await syncNow(asr.page);
    await shot(asr.page, "sync-02-assessor-synced");
    assert.deepEqual(await phoneIds(asr.page), await phoneIds(org.page), "the assessor pulled the organizer's entries");

    // Both offline: scores on the assessor's phone, the organizer scores Q2 of 前进村 itself.
    await goOffline(asr.page, org.page);
    await asr.page.locator("[data-testid=net]", { hasText: "离线" }).waitFor();
    await score(asr.page, "前进村", "q1", ["28", "28", "18", "18"], `${Y}-03-25`);
    await score(asr.page, "胜利村", "q1", ["15", "15", "10", "10"], `${Y}-03-25`);
    await score(asr.page, "胜利村", "q2", ["16", "16", "11", "11"], `${Y}-06-25`);
    await score(org.page, "前进村", "q2", ["29", "28", "19", "19"], `${Y}-06-25`);
    // The same slot scored on both phones, differently: a conflict both must show.
    await score(org.page, "胜利村", "q1", ["14", "15", "10", "10"], `${Y}-03-26`);
    assert.equal(await waiting(asr.page), 3);
    assert.equal(await waiting(org.page), 2);
    await shot(asr.page, "sync-03-offline-waiting");
    await syncNow(asr.page, { allowError: true });
    await asr.page.locator("[data-testid=sync-error]", { hasText: "无法连接服务器" }).waitFor();
    await shot(asr.page, "sync-04-offline-error");

    // Back online, any order: the organizer first, then the assessor, then the organizer.
    await org.context.setOffline(false);
    await asr.context.setOffline(false);
    await syncNow(org.page);
    await syncNow(asr.page);
    await syncNow(org.page);
    assert.equal(await asr.page.locator("[data-testid=sync-error]").count(), 0, "the error clears after a good sync");
    assert.equal(await waiting(asr.page), 0);
    assert.equal(await waiting(org.page), 0);
    const ids = await phoneIds(org.page);
    assert.deepEqual(await phoneIds(asr.page), ids);
    assert.deepEqual(await serverIds(pouch), ids);

    // Organizer continues on the synced data: publicity for 前进村 Q1 (scored on the other phone).
    await openBoard(org.page);
    await org.page.locator(`table[data-testid=board] tr[data-village="前进村"] td:nth-child(2) a`).click();
    // The 公示 starts on the day it is recorded (the form's default): it cannot be backdated.
    const pub = org.page.locator("form[data-testid=publicity-form]");
    await pub.locator("button[type=submit]").click();
    await org.page.locator("[data-testid=window]").waitFor();
    await syncNow(org.page);
    await syncNow(asr.page);

    const a = await boardText(org.page);
    const b = await boardText(asr.page);
    assert.equal(a, b, "both phones show the same board");
    assert.match(a, /92\.00/);
    assert.match(a, /需复核|Review/, "the concurrent different scores of 胜利村 Q1 are shown for review on both");
    await shot(org.page, "sync-05-board-organizer");
    await shot(asr.page, "sync-06-board-assessor");
    await asr.page.locator("nav.bottom a", { hasText: "同步" }).click();
    await shot(asr.page, "sync-07-settings-logged-in");
    assert.deepEqual(org.page.errors, []);
    assert.deepEqual(asr.page.errors, []);
  } finally {
    await org.context.close();
    await asr.context.close();
    await pouch.stop();
  }
});

test("the server stopped in the middle of a large push and restarted: nothing is lost", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-pouch-disk-"));
  let pouch = await server({ inMemory: false, dir });
  const { port } = pouch;
  const org = await phone("liming");
  const other = await phone("zhangwei");
  try {
    await connect(org.page, pouch.url, "liming");
    await useRole(org.page, "admin");
    await org.page.locator("[data-testid=databases]", { hasText: "基础信息与政策" }).waitFor();
    const file = path.join(ARTIFACTS, "sync-bulk-backup.json");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(backupOf(bulkEvents(600, "liming"))));
    await org.page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await org.page.locator("[data-testid=import]").setInputFiles(file);
    await org.page.locator(".notice", { hasText: "新增 600 条" }).waitFor();
    assert.equal(await waiting(org.page), 600);

    // Stop the server as soon as the first batch goes out.
    let stopping = null;
    let bulk = 0;
    org.page.on("request", (r) => {
      if (r.url().includes("/_bulk_docs") && ++bulk === 2 && !stopping) stopping = pouch.stop();
    });
    await syncNow(org.page, { allowError: true });
    await stopping;
    await org.page.locator("[data-testid=sync-error]").waitFor();
    const left = await waiting(org.page);
    assert.ok(left > 0 && left < 600, `part of the push went through before the stop (${left} waiting)`);
    await shot(org.page, "sync-08-server-down");

    pouch = await startPouchServer({ inMemory: false, dir, port });
    // PouchDB Server forgets sessions when it restarts (CouchDB keeps its secret in its
    // config): the phone says so in words instead of pushing as an anonymous user.
    await syncNow(org.page, { allowError: true });
    if (await org.page.locator("[data-testid=sync-error]", { hasText: "未登录或登录已过期" }).count()) {
      await shot(org.page, "sync-09-login-expired");
      await connect(org.page, pouch.url, "liming");
      await useRole(org.page, "admin");
    }
    await syncNow(org.page);
    assert.equal(await waiting(org.page), 0);
    const ids = await phoneIds(org.page);
    assert.equal(ids.length, 600);
    assert.deepEqual(await serverIds(pouch), ids, "the server holds every event once");

    await connect(other.page, pouch.url, "zhangwei");
    await syncNow(other.page);
    assert.deepEqual(await phoneIds(other.page), ids, "the other phone pulled them all");
    assert.deepEqual(org.page.errors, []);
    assert.deepEqual(other.page.errors, []);
  } finally {
    await org.context.close();
    await other.context.close();
    await pouch.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Stop, log in again after a restart (PouchDB Server forgets sessions), as admin. */
async function relogin(page, url) {
  await connect(page, url, "liming");
  await useRole(page, "admin");
}

async function importEvents(page, events, name) {
  const file = path.join(ARTIFACTS, `${name}.json`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(backupOf(events)));
  await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
  await page.locator("[data-testid=import]").setInputFiles(file);
  await page.locator(".notice", { hasText: `新增 ${events.length} 条` }).waitFor();
}

test("a server restored from an older backup gets back what it lost; bad and forged server docs are quarantined or alarmed, the rest syncs", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-pouch-disk-"));
  const snap = `${dir}-snapshot`;
  let pouch = await server({ inMemory: false, dir });
  const { port } = pouch;
  const org = await phone("liming");
  try {
    await relogin(org.page, pouch.url);
    await importEvents(org.page, bulkEvents(20, "liming"), "sync-rollback-1");
    await syncNow(org.page);
    assert.equal((await serverIds(pouch)).length, 20);

    // The county backs the server up, the phone syncs 20 more, then the server is restored.
    await pouch.stop();
    fs.cpSync(dir, snap, { recursive: true });
    pouch = await startPouchServer({ inMemory: false, dir, port });
    await relogin(org.page, pouch.url);
    await importEvents(org.page, bulkEvents(20, "liming"), "sync-rollback-2");
    await syncNow(org.page);
    assert.equal((await serverIds(pouch)).length, 40);
    await pouch.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(snap, dir, { recursive: true });
    pouch = await startPouchServer({ inMemory: false, dir, port });
    assert.equal((await serverIds(pouch)).length, 20, "the restored server lost 20 events");
    await relogin(org.page, pouch.url);
    await syncNow(org.page);
    const ids = await phoneIds(org.page);
    assert.equal(ids.length, 40);
    assert.deepEqual(await serverIds(pouch), ids, "the phone noticed and sent them again");

    // A server doc whose hash does not verify, and a different doc under the id of an
    // entry this phone holds but has not sent yet (written by a server admin).
    const [mine] = bulkEvents(1, "liming");
    await importEvents(org.page, [mine], "sync-tamper");
    const put = (doc) => fetch(`${pouch.url}/${databaseName("jishi", "common")}/${doc._id}`, {
      method: "PUT", headers: { "content-type": "application/json", authorization: ADMIN }, body: JSON.stringify(doc),
    });
    // The server refuses such docs even from its admin: they are placed behind the
    // validation's back (as someone with the server's files could), then it is restored.
    const common = `${pouch.url}/${databaseName("jishi", "common")}`;
    const design = await (await fetch(`${common}/_design/jishi`, { headers: { authorization: ADMIN } })).json();
    const del = await fetch(`${common}/_design/jishi?rev=${design._rev}`, { method: "DELETE", headers: { authorization: ADMIN } });
    assert.ok(del.ok, `remove the validation: ${del.status}`);
    const [bad] = bulkEvents(1, "liming");
    bad.body.heads_recorded.director = "改过的名字";
    assert.ok((await put({ _id: bad.id, ...bad })).ok);
    const [forged] = bulkEvents(1, "liming");
    const forgedDoc = { ...forged, id: mine.id, _id: mine.id };
    forgedDoc.hash = (await import("node:crypto")).createHash("sha256")
      .update((await import("./bulk.mjs")).canonical(Object.fromEntries(Object.entries(forgedDoc).filter(([k]) => k !== "hash" && k !== "_id"))))
      .digest("hex");
    assert.ok((await put(forgedDoc)).ok);
    const { _rev: _gone, ...restored } = design;
    const back = await fetch(`${common}/_design/jishi`, {
      method: "PUT", headers: { "content-type": "application/json", authorization: ADMIN }, body: JSON.stringify(restored),
    });
    assert.ok(back.ok, `restore the validation: ${back.status}`);
    await syncNow(org.page);
    await org.page.locator("[data-testid=sync-alarm]", { hasText: mine.id }).waitFor();
    assert.equal(await waiting(org.page), 1, "the clashing entry is not counted as delivered");
    await org.page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await org.page.locator("[data-testid=remote-quarantine]", { hasText: bad.id }).waitFor();
    await org.page.locator("[data-testid=tamper-alarms]", { hasText: mine.id }).waitFor();
    await shot(org.page, "sync-10-quarantine-and-alarm");
    // Both are kept across a restart (read back from the phone's own store).
    await org.page.reload();
    await org.page.locator("[data-testid=remote-quarantine]", { hasText: bad.id }).waitFor();
    await org.page.locator("[data-testid=tamper-alarms]", { hasText: mine.id }).waitFor();
    await org.page.locator("[data-testid=sync-alarm]", { hasText: mine.id }).waitFor();
    assert.ok(!(await phoneIds(org.page)).includes(bad.id), "the bad doc never became an entry");
    assert.deepEqual(org.page.errors, []);
  } finally {
    await org.context.close();
    await pouch.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(snap, { recursive: true, force: true });
  }
});
