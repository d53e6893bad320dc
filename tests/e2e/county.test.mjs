// A county on a real PouchDB Server set up only by `make couchdb-setup` (one database per
// scope, each with its readers and its generated validate_doc_update): a W4 case recorded
// by the recorder reaches the approver's phone and is signed and submitted there, and the
// administrator's phone (no personal matters) shows it standing, saying what it cannot check; a village head's phone
// never holds personal matters or cadre records, and the server refuses them to it; a
// checkpoint forged on the server by another user never stops a phone from receiving new
// records; a W2 round with its renewal and end reaches a township organizer without its
// inspections. Screenshots go to tests/artifacts/county-*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS, DIST, ROOT, VIEWPORT, launch, shot, startServer, stopServer } from "./lib.mjs";
import { startPouchServer } from "./pouch.mjs";
import { canonical } from "./bulk.mjs";
import { submitOk } from "./ui.mjs";
import crypto from "node:crypto";

const T = "t-wljmr";
const RECORDER = "记录人 周静";
const APPROVER = "分管副部长 高峰";
const HEAD = "包金山";
const ADMIN_USER = "旗委组织部 张卫东";
const ORGANIZER = "苏木组织委员 王丽娜";
const UNIT_LEADER = "单位负责人 李建华";
const AUDITOR = "审计局 刘辉";
const CADRE = "王建军";
const LEADER = "巴特尔";
const USERS = [
  { name: RECORDER, password: "recorder-pw", roles: ["recorder"] },
  { name: APPROVER, password: "approver-pw", roles: ["approver"] },
  { name: HEAD, password: "head-pw", roles: ["village_head", `township:${T}`] },
  { name: ADMIN_USER, password: "admin-pw", roles: ["admin"] },
  { name: ORGANIZER, password: "organizer-pw", roles: ["organizer", `township:${T}`] },
  { name: UNIT_LEADER, password: "leader-pw", roles: ["unit_leader"] },
  { name: AUDITOR, password: "auditor-pw", roles: ["auditor"] },
  { name: CADRE, password: "cadre-pw", roles: ["cadre"] },
  { name: LEADER, password: "leader2-pw", roles: ["unit_leader"] },
];
const PASSWORD = Object.fromEntries(USERS.map((u) => [u.name, u.password]));
const CASE_TITLE = "格日朝鲁苏木副苏木达选任";
const SERVER_ADMIN = "Basic " + Buffer.from("admin:server-pw").toString("base64");

let app;
let base;
let browser;
let pouch;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make test-e2e`");
  app = await startServer();
  base = `http://127.0.0.1:${app.address().port}`;
  browser = await launch();
  pouch = await startPouchServer();
  const r = await fetch(`${pouch.url}/_config/admins/admin`, { method: "PUT", body: JSON.stringify("server-pw") });
  assert.ok(r.ok, `create the server admin: ${r.status}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-county-"));
  fs.writeFileSync(path.join(dir, "county.json"), JSON.stringify({ prefix: "jishi", townships: [T] }));
  fs.writeFileSync(path.join(dir, "users.json"), JSON.stringify(USERS));
  execFileSync("make", ["-s", "couchdb-setup", `COUCH=http://admin:server-pw@${new URL(pouch.url).host}`,
    `COUNTY=${path.join(dir, "county.json")}`, `USERS=${path.join(dir, "users.json")}`], { cwd: ROOT, encoding: "utf8" });
});

after(async () => {
  await browser?.close();
  await stopServer(app);
  await pouch?.stop();
});

/** A case recorded before this version (the golden corpus), up to the four signatures of
 * 初次提交 but not the 分管副部长's: loaded by the county's server administrator, who may
 * place records of other authors (a migration). */
async function seedCase() {
  const file = path.join(ROOT, "tests", "golden", "cadre_selection.json");
  const events = JSON.parse(fs.readFileSync(file, "utf8")).events;
  const last = events.find((e) => e.kind === "w4_signed" && e.body.w4_signed.sign === "deputy_head");
  const before = events.filter((e) => e.recorded_at < last.recorded_at);
  for (const db of ["cadre", "personal"]) {
    const docs = before
      .filter((e) => (e.kind === "w4_disclosed") === (db === "personal"))
      .map((e) => ({ _id: e.id, ...e }));
    const r = await fetch(`${pouch.url}/jishi-${db}/_bulk_docs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: SERVER_ADMIN },
      body: JSON.stringify({ docs }),
    });
    const results = await r.json();
    assert.ok(results.every((x) => x.ok), `seeding jishi-${db}: ${JSON.stringify(results.filter((x) => !x.ok))}`);
  }
}

/** `events` moved back in time so the last was recorded an hour ago (the server refuses
 * records from its future; the golden corpus runs to late 2026), each sealed anew and
 * chained to its parents' new hashes, in the order they were recorded. */
function retimed(events) {
  const last = Math.max(...events.map((e) => e.recorded_at));
  const shift = Math.max(0, last - (Date.now() - 3_600_000));
  const renamed = new Map();
  return [...events]
    .sort((a, b) => a.recorded_at - b.recorded_at)
    .map((old) => {
      const e = { ...old, recorded_at: old.recorded_at - shift };
      e.parents = (old.parents ?? []).map((h) => renamed.get(h) ?? h);
      delete e.hash;
      e.hash = crypto.createHash("sha256").update(canonical(e)).digest("hex");
      renamed.set(old.hash, e.hash);
      return e;
    });
}

/** `file`'s records (a golden corpus), retimed, placed by the server administrator in the
 * database each record's scope names (a record already there from another corpus is kept). */
async function seedCorpus(file) {
  const events = retimed(JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "golden", file), "utf8")).events);
  const database = (scope) => (scope.startsWith("township:") ? `jishi-township-${scope.slice(9)}` : `jishi-${scope}`);
  for (const db of new Set(events.map((e) => database(e.scope)))) {
    const docs = events.filter((e) => database(e.scope) === db).map((e) => ({ _id: e.id, ...e }));
    const r = await fetch(`${pouch.url}/${db}/_bulk_docs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: SERVER_ADMIN },
      body: JSON.stringify({ docs }),
    });
    const results = await r.json();
    assert.ok(results.every((x) => x.ok || x.error === "conflict"), `seeding ${db}: ${JSON.stringify(results.filter((x) => !x.ok))}`);
  }
}

async function phone(name) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN", acceptDownloads: true });
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

/** Sync page: the county's server, log in; the login message stays visible. */
async function connect(page, user) {
  await page.getByRole("link", { name: "同步" }).click();
  const form = page.locator("form[data-testid=server-form]");
  await form.getByLabel("同步到服务器").check();
  await form.getByLabel("服务器地址").fill(pouch.url);
  await form.getByLabel("县数据库前缀").fill("jishi");
  await form.getByRole("button", { name: "保存" }).click();
  await page.locator(".notice", { hasText: "已保存" }).waitFor();
  const login = page.locator("form[data-testid=login-form]");
  await login.getByLabel("用户名").fill(user);
  await login.getByLabel("密码").fill(PASSWORD[user]);
  await login.getByRole("button", { name: "登录" }).click();
  await page.locator(".notice", { hasText: "登录成功" }).waitFor();
  await page.locator("[data-testid=session-name]", { hasText: user }).waitFor();
}

async function syncNow(page) {
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
  for (const id of ["sync-error", "sync-refused"]) {
    const banner = page.locator(`[data-testid=${id}]`);
    if (await banner.count()) throw new Error(`${id}: ${await banner.textContent()}`);
  }
}

async function openCase(page) {
  await page.getByRole("link", { name: "干部纪实" }).click();
  await page.locator("ul[data-testid=cases] li a", { hasText: CASE_TITLE }).click();
  await page.locator("ol[data-testid=steps]").waitFor();
}

/** The kinds of every record in a phone's backup file. */
async function backupKinds(page, name) {
  await page.getByRole("link", { name: "数据备份" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const file = path.join(ARTIFACTS, `${name}.json`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await download.saveAs(file);
  return JSON.parse(fs.readFileSync(file, "utf8")).events.map((e) => e.kind);
}

test("a W4 case recorded by the recorder reaches the approver's phone, is signed and submitted there, and stands on the administrator's phone", async () => {
  await seedCase();
  const rec = await phone(RECORDER);
  const apr = await phone(APPROVER);
  try {
    await connect(rec.page, RECORDER);
    await rec.page.getByTestId("databases").filter({ hasText: "个人有关事项" }).waitFor();
    await syncNow(rec.page);
    await openCase(rec.page);
    // The recorder closes the 任前公示 after its window.
    await rec.page.locator("section[data-testid=record] select[name=form]").selectOption("publicity_closed");
    const form = rec.page.locator("form[data-testid=record-form][data-form=publicity_closed]");
    await form.locator("[name=on]").fill("2026-04-10");
    await form.locator("[name=result]").fill("公示期满，举报经核实不影响任用");
    await form.locator("button[type=submit]").click();
    await rec.page.locator("ol[data-testid=steps] div.version[data-form=publicity_closed]").waitFor();
    await syncNow(rec.page);

    await connect(apr.page, APPROVER);
    await syncNow(apr.page);
    await openCase(apr.page);
    await apr.page.locator("ol[data-testid=steps] div.version[data-form=publicity_closed]").waitFor();
    const sign = apr.page.locator("form[data-testid=sign-Initial]");
    await sign.locator("select[name=sign]").selectOption("DeputyHead");
    await sign.locator("button[type=submit]").click();
    await apr.page.locator("div[data-node=Initial] td", { hasText: APPROVER }).first().waitFor();
    await syncNow(apr.page);
    await shot(apr.page, "county-approver-signed");

    await syncNow(rec.page);
    await openCase(rec.page);
    await rec.page.locator("div[data-node=Initial] td", { hasText: APPROVER }).first().waitFor();
    const r = await fetch(`${pouch.url}/jishi-cadre/_all_docs?include_docs=true`, { headers: { authorization: SERVER_ADMIN } });
    const signed = (await r.json()).rows.map((x) => x.doc).filter((d) => d.kind === "w4_signed" && d.author === APPROVER);
    assert.equal(signed.length, 1, "the approver's signature is on the server, in the cadre database");

    // The approver makes the 初次提交 today; the administrator's phone, which never holds the
    // personal matters, shows the signature and the submission standing, and says the
    // disclosures they cover cannot be checked there (never "sign again").
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    await openCase(apr.page);
    const submit = apr.page.locator("form[data-testid=submit-Initial]");
    await submit.getByLabel("提交日期").fill(today);
    await submitOk(submit);
    await syncNow(apr.page);
    const admin = await phone(ADMIN_USER);
    try {
      await connect(admin.page, ADMIN_USER);
      await syncNow(admin.page);
      await openCase(admin.page);
      const initial = admin.page.locator("div[data-node=Initial]");
      await initial.locator("td", { hasText: `${APPROVER} · ${today}` }).waitFor();
      await initial.getByText(`已提交：${today}`).waitFor();
      await initial.getByTestId("annex-unchecked").waitFor();
      assert.doesNotMatch(await initial.innerText(), /签字后内容已更正|须重新签字并再次提交/);
      await admin.page.locator("nav.bottom a", { hasText: "首页" }).click();
      await admin.page.getByRole("link", { name: "全县概览 →" }).click();
      const row = admin.page.locator("table[data-testid=cases-overview] tr", { hasText: CASE_TITLE });
      const cell = row.locator('td[data-label="初次提交"]');
      assert.ok((await cell.innerText()).includes(`已提交 ${today}（有关事项本机无法核对）`), await cell.innerText());
      await shot(admin.page, "county-admin-overview");
      await admin.page.setViewportSize({ width: 360, height: 780 });
      const wide = await admin.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 360, `the overview scrolls sideways at 360 px: ${wide}`);
      assert.deepEqual(admin.page.errors, []);
    } finally {
      await admin.context.close();
    }
    assert.deepEqual(rec.page.errors, []);
    assert.deepEqual(apr.page.errors, []);
  } finally {
    await rec.context.close();
    await apr.context.close();
  }
});

test("a village head's phone holds no personal matters, and the server refuses them to it", async () => {
  const head = await phone(HEAD);
  try {
    await connect(head.page, HEAD);
    await syncNow(head.page);
    const dbs = await head.page.getByTestId("databases").innerText();
    assert.doesNotMatch(dbs, /个人有关事项|干部选任纪实/);
    const kinds = await backupKinds(head.page, "county-village-head-backup");
    assert.ok(!kinds.some((k) => k.startsWith("w4_") || k === "cadre_recorded" || k === "post_recorded"), `${kinds}`);
    // Asked directly with the head's own session, the server gives nothing of them.
    const status = await head.page.evaluate(async (url) => {
      const out = {};
      for (const db of ["jishi-personal", "jishi-cadre"]) {
        for (const what of ["_all_docs", "_changes"]) {
          const r = await fetch(`${url}/${db}/${what}`, { credentials: "include" });
          out[`${db}/${what}`] = r.status;
        }
      }
      return out;
    }, pouch.url);
    for (const [what, code] of Object.entries(status)) assert.ok(code === 401 || code === 403, `${what}: ${code}`);
  } finally {
    await head.context.close();
  }
});

test("a checkpoint forged on the server never stops a phone from receiving new records", async () => {
  const admin = await phone(ADMIN_USER);
  const head = await phone(HEAD);
  try {
    await connect(admin.page, ADMIN_USER);
    await admin.page.getByRole("link", { name: "基础信息" }).click();
    const addT = admin.page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill("乌力吉木仁苏木");
    await addT.getByRole("button").click();
    await admin.page.locator("section[data-testid=township]", { hasText: "乌力吉木仁苏木" }).waitFor();
    await syncNow(admin.page).catch(() => {}); // the new township's database is not set up yet
    await connect(head.page, HEAD);
    await syncNow(head.page);
    // Another member of the database (here the head itself, with its password) writes the
    // phone's checkpoint doc far ahead, as an attacker could.
    const device = await head.page.evaluate(() => localStorage.getItem("jishi:m:device"));
    const key = `${pouch.url}/jishi-common/_local/jishi-checkpoint-${device}`;
    const auth = "Basic " + Buffer.from(`${HEAD}:${PASSWORD[HEAD]}`).toString("base64");
    const old = await (await fetch(key, { headers: { authorization: auth } })).json();
    const forged = await fetch(key, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: auth },
      body: JSON.stringify({ _rev: old._rev, seq: "999999|1" }),
    });
    assert.ok(forged.ok, `a member can write a _local doc: ${forged.status}`);
    // New master data after the forgery.
    await admin.page.getByRole("link", { name: "基础信息" }).click();
    await addT.locator("input[name=name]").fill("巴彦塔拉苏木");
    await addT.getByRole("button").click();
    await admin.page.locator("section[data-testid=township]", { hasText: "巴彦塔拉苏木" }).waitFor();
    await syncNow(admin.page).catch(() => {});
    await syncNow(head.page);
    await head.page.getByRole("link", { name: "基础信息" }).click();
    await head.page.locator("section[data-testid=township]", { hasText: "巴彦塔拉苏木" }).waitFor();
    assert.equal(Number(await head.page.locator("[data-testid=local-count] b").textContent()), 0);
    await shot(head.page, "county-forged-checkpoint");
  } finally {
    await admin.context.close();
    await head.context.close();
  }
});

test("a full phone says so in words; the warning goes once a sync stores what arrived", async () => {
  const admin = await phone(ADMIN_USER);
  const head = await phone(HEAD);
  try {
    await connect(head.page, HEAD);
    await syncNow(head.page);
    // Fill the phone's storage to the last few bytes.
    await head.page.evaluate(() => {
      let size = 1 << 20;
      let n = 0;
      while (size >= 16) {
        try {
          localStorage.setItem(`filler:${n++}`, "x".repeat(size));
        } catch (_) {
          size = Math.floor(size / 2);
        }
      }
    });
    const file = path.join(ARTIFACTS, "county-small-backup.json");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const golden = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "golden", "village_pay.json"), "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...golden, events: golden.events.slice(0, 5) }));
    await head.page.getByRole("link", { name: "数据备份" }).click();
    await head.page.getByTestId("import").setInputFiles(file);
    const refused = head.page.locator(".form-error", { hasText: "存储空间已满" });
    await refused.waitFor();
    assert.match(await refused.innerText(), /备份文件没有导入/);
    assert.doesNotMatch(await refused.innerText(), /表单/, "an import has no form to keep");
    // The status bar keeps saying so on every page.
    const banner = head.page.locator("header .banner[role=alert]", { hasText: "存储空间已满" });
    await banner.waitFor();
    // Space freed; new master data arrives by sync: the warning is over.
    await head.page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith("filler:")) localStorage.removeItem(k);
    });
    await connect(admin.page, ADMIN_USER);
    await admin.page.getByRole("link", { name: "基础信息" }).click();
    const addT = admin.page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill("鲁北镇");
    await addT.getByRole("button").click();
    await admin.page.locator("section[data-testid=township]", { hasText: "鲁北镇" }).waitFor();
    await syncNow(admin.page).catch(() => {});
    await syncNow(head.page);
    await banner.waitFor({ state: "detached" });
  } finally {
    await admin.context.close();
    await head.context.close();
  }
});

test("a W2 round, its renewal and its end reach the township's organizer; the inspections stay with the county", async () => {
  // The renewal corpus (a whole 2026 round to 刘建国's certificate, his renewal for 2027
  // and the end of his pay, corrected) placed by the server administrator, each record in
  // the database its scope names.
  const events = retimed(JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "golden", "career_renewal.json"), "utf8")).events);
  const database = (scope) => (scope.startsWith("township:") ? `jishi-township-${scope.slice(9)}` : `jishi-${scope}`);
  for (const db of new Set(events.map((e) => database(e.scope)))) {
    const docs = events.filter((e) => database(e.scope) === db).map((e) => ({ _id: e.id, ...e }));
    const r = await fetch(`${pouch.url}/${db}/_bulk_docs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: SERVER_ADMIN },
      body: JSON.stringify({ docs }),
    });
    const results = await r.json();
    assert.ok(results.every((x) => x.ok), `seeding ${db}: ${JSON.stringify(results.filter((x) => !x.ok))}`);
  }
  const org = await phone(ORGANIZER);
  try {
    await connect(org.page, ORGANIZER);
    await syncNow(org.page);
    await org.page.goto(`${base}/career/2027/holders`);
    await org.page.getByRole("heading", { name: "2027年选聘人员年度评聘" }).waitFor();
    const liu = org.page.locator("[data-testid=holders] li", { hasText: "刘建国" });
    await liu.filter({ hasText: "已终止（本人申请辞聘：本人书面申请辞去选聘待遇），2027-07-16起停发" }).filter({ hasText: "当年7个月" }).waitFor();
    // The county's step: the organizer is told who records it, and given no form.
    assert.equal(await org.page.locator("form[data-testid=career_end]").count(), 0);
    await org.page.locator("[data-testid=not-yours]", { hasText: "只有" }).waitFor();
    await shot(org.page, "county-organizer-holders");
    const kinds = await backupKinds(org.page, "county-organizer-backup");
    assert.ok(kinds.includes("career_terminated") && kinds.includes("career_applied"), `${kinds}`);
    assert.ok(!kinds.includes("career_inspected"), "the inspections are the organization department's");
    assert.deepEqual(org.page.errors, []);
  } finally {
    await org.context.close();
  }
});

test("the annual assessment, demotion cases and reserve pools reach the county's approver; no township role receives them", async () => {
  // The cadre-management corpus (2024 and 2025 assessed, 孙强's case through its six steps
  // to reinstatement, a pool with an entry, training, a top-up and a leaving), placed by
  // the server administrator in the database each record's scope names.
  const events = retimed(JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "golden", "cadre_management.json"), "utf8")).events);
  const database = (scope) => (scope.startsWith("township:") ? `jishi-township-${scope.slice(9)}` : `jishi-${scope}`);
  for (const db of new Set(events.map((e) => database(e.scope)))) {
    const docs = events.filter((e) => database(e.scope) === db).map((e) => ({ _id: e.id, ...e }));
    const r = await fetch(`${pouch.url}/${db}/_bulk_docs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: SERVER_ADMIN },
      body: JSON.stringify({ docs }),
    });
    const results = await r.json();
    assert.ok(results.every((x) => x.ok || x.error === "conflict"), `seeding ${db}: ${JSON.stringify(results.filter((x) => !x.ok))}`);
  }
  const kinds = ["assessment_rated", "assessment_graded", "team_graded", "consequence_done", "demotion_opened", "demotion_step_recorded", "demotion_followed_up", "demotion_closed", "reserve_entered", "reserve_left", "reserve_trained", "pool_reviewed"];
  const apr = await phone(APPROVER);
  const org = await phone(ORGANIZER);
  try {
    await connect(apr.page, APPROVER);
    await syncNow(apr.page);
    await apr.page.getByRole("link", { name: "年度考核" }).click();
    await apr.page.getByRole("link", { name: "能上能下" }).click();
    const sun = apr.page.locator("[data-testid=demotion-cases] li", { hasText: "孙强" });
    await sun.filter({ hasText: "重新使用：格日朝鲁苏木人大主席团副主席" }).waitFor();
    await apr.page.getByRole("link", { name: "← 年度考核" }).click();
    await apr.page.getByRole("link", { name: "后备干部库" }).click();
    await apr.page.locator("[data-testid=pool-out] li", { hasText: "王建军" }).filter({ hasText: "提拔使用" }).waitFor();
    const aprKinds = await backupKinds(apr.page, "county-approver-cadre-management");
    for (const k of kinds) assert.ok(aprKinds.includes(k), `the approver has ${k}`);

    await connect(org.page, ORGANIZER);
    await syncNow(org.page);
    const orgKinds = await backupKinds(org.page, "county-organizer-cadre-management");
    for (const k of kinds) assert.ok(!orgKinds.includes(k), `a township organizer never receives ${k}`);
    // Its pages show nothing of them, and no form.
    await org.page.getByRole("link", { name: "年度考核" }).click();
    await org.page.getByRole("link", { name: "能上能下" }).click();
    await org.page.locator("[data-testid=no-cases]").waitFor();
    assert.deepEqual(apr.page.errors, []);
    assert.deepEqual(org.page.errors, []);
  } finally {
    await apr.context.close();
    await org.context.close();
  }
});

test("a cadre's phone synced through the server records the day by the unit's roster; the unit leader's phone sees it", async () => {
  const home = (page) => page.locator("nav.bottom a", { hasText: "首页" }).click();
  // The organization department publishes the units' rosters from the cadre records.
  const rec = await phone(RECORDER);
  try {
    await connect(rec.page, RECORDER);
    await syncNow(rec.page);
    await home(rec.page);
    await rec.page.getByRole("link", { name: /^实绩纪实名单：\d+个单位与干部库不一致/ }).click();
    const same = rec.page.locator("[data-testid=roster-same]");
    await submitOk(rec.page.locator("form[data-testid=performance_roster]"), same);
    await syncNow(rec.page);
    assert.deepEqual(rec.page.errors, []);
  } finally {
    await rec.context.close();
  }
  // 王建军's phone holds the roster, never the cadre records, and records his day.
  const cadre = await phone(CADRE);
  try {
    await connect(cadre.page, CADRE);
    await syncNow(cadre.page);
    await home(cadre.page);
    await cadre.page.getByRole("link", { name: /^实绩纪实：记录今日工作/ }).click();
    await cadre.page.locator("[data-testid=who]", { hasText: "王建军 · 格日朝鲁苏木" }).waitFor();
    const log = cadre.page.locator("form[data-testid=performance_log]");
    await log.getByLabel("今日工作").fill("入户走访牧民12户，核查饮水工程");
    await submitOk(log);
    await syncNow(cadre.page);
    const kinds = new Set(await backupKinds(cadre.page, "county-cadre-roster"));
    assert.ok(kinds.has("roster_published") && kinds.has("work_logged"));
    assert.ok(!kinds.has("cadre_recorded"), "a cadre's phone never holds the cadre records");
    assert.deepEqual(cadre.page.errors, []);
  } finally {
    await cadre.context.close();
  }
  // 巴特尔 leads the unit: his phone shows 王建军's day in this week.
  const lead = await phone(LEADER);
  try {
    await connect(lead.page, LEADER);
    await syncNow(lead.page);
    await home(lead.page);
    await lead.page.getByRole("link", { name: /^实绩纪实：记录今日工作/ }).click();
    await lead.page.getByRole("heading", { name: "格日朝鲁苏木 · 实绩纪实" }).waitFor();
    const row = lead.page.locator("[data-testid=unit-this-week] li", { hasText: "王建军" });
    assert.match(await row.innerText(), /1条记录/);
    await shot(lead.page, "county-unit-leader-roster");
    assert.deepEqual(lead.page.errors, []);
  } finally {
    await lead.context.close();
  }
});

test("daily work reaches unit leaders and the county, rotations the county, audits the audit office; no other role receives them", async () => {
  for (const f of ["performance_record.json", "rotation.json", "audit_grading.json"]) await seedCorpus(f);
  const daily = ["work_logged", "week_submitted", "indicators_set", "month_rated"];
  // The department's talks, visits and year reviews live with the cadre records.
  const department = ["quarter_noted", "year_reviewed"];
  const rotation = ["key_post_marked", "rotation_recorded", "secondment_recorded", "secondment_ended"];
  const audit = ["audit_unit_year", "audit_plan_adjusted", "audit_done"];
  // Who receives which: the server's databases and their _security, nothing on screen.
  const expected = [
    [UNIT_LEADER, { daily: true, department: false, rotation: false, audit: false }],
    [AUDITOR, { daily: false, department: false, rotation: false, audit: true }],
    [APPROVER, { daily: true, department: true, rotation: true, audit: true }],
    [ORGANIZER, { daily: false, department: false, rotation: false, audit: false }],
  ];
  for (const [user, gets] of expected) {
    const p = await phone(user);
    try {
      await connect(p.page, user);
      await syncNow(p.page);
      const kinds = new Set(await backupKinds(p.page, `county-${user.split(" ")[0]}-w6-w8-w10`));
      for (const [group, list] of Object.entries({ daily, department, rotation, audit })) {
        for (const k of list) assert.equal(kinds.has(k), gets[group], `${user} ${gets[group] ? "receives" : "never receives"} ${k}`);
      }
      // The cadre records (W4 profiles, cases) stay with the organization department.
      assert.equal(kinds.has("cadre_recorded"), user === APPROVER, `${user} and cadre_recorded`);
      assert.deepEqual(p.page.errors, []);
    } finally {
      await p.context.close();
    }
  }
});
