// The county overview (全县概览, issue 14 part 1) end to end, on a phone-sized screen,
// offline after the first load, against the release build, over the golden corpora
// (乌力吉木仁苏木's 2026 village pay, graded; the case 格日朝鲁苏木副苏木达选任 submitted
// twice). The administrator reaches it from home; each figure leads to the page where
// the work is done (the township's board, its results, the case, its 纪实表), and so
// does each line of what was submitted upward. A recorder's phone, which holds no
// township's database, says so instead of showing zeros. After a correction and a second
// 二次提交, each submission lists its own signers and the old one opens as submitted.
// Nothing overflows 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, goOffline, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const GOLDEN = path.join(ROOT, "tests/golden");

let server;
let browser;
let base;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make test-e2e`");
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

/** Home → the overview, by its link. */
async function openOverview(page) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: "全县概览 →" }).click();
  await page.getByRole("heading", { name: "全县概览", exact: true }).waitFor();
}

/** The link in a row's cell under `column`. */
function cellLink(row, column) {
  return row.locator(`td[data-label="${column}"] a`);
}

/** Follow a link and come back to the overview. */
async function follow(page, link, path, ready) {
  await link.click();
  await page.waitForURL((u) => u.pathname === path);
  await ready.waitFor();
  await page.goBack();
  await page.getByRole("heading", { name: "全县概览", exact: true }).waitFor();
}

test("the overview's figures lead to where the work is done, and fit a phone", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  for (const f of ["village_pay.json", "cadre_selection.json"]) await importBackup(page, path.join(GOLDEN, f));
  await goOffline(page);
  await openOverview(page);

  // 乌力吉木仁苏木's 2026 in the corpus: 15 of its 16 quarters finalized, the year graded.
  const township = page.locator("table[data-testid=townships-overview] tr[data-township=t-wljmr]");
  await township.locator("th", { hasText: "乌力吉木仁苏木" }).waitFor();
  assert.equal((await cellLink(township, "已定稿").innerText()).trim(), "15/16");
  assert.equal((await cellLink(township, "等次评定").innerText()).trim(), "已评定");
  await follow(page, cellLink(township, "已评分"), "/t/t-wljmr/2026", page.locator("table[data-testid=board]"));
  await follow(page, cellLink(township, "等次评定"), "/t/t-wljmr/2026/results", page.locator("table.results"));

  // The case: all done, its rates and both submissions read on its row.
  const kase = page.locator("table[data-testid=cases-overview] tr[data-case=case-2026-01]");
  await kase.locator("th", { hasText: "格日朝鲁苏木副苏木达选任" }).waitFor();
  assert.match(await cellLink(kase, "初次提交").innerText(), /已提交 2026-04-08/);
  assert.match(await cellLink(kase, "二次提交").innerText(), /已提交 2026-04-15/);
  await follow(page, cellLink(kase, "当前关口"), "/w4/case/case-2026-01", page.locator("ol[data-testid=steps]"));
  await follow(page, cellLink(kase, "二次提交"), "/w4/case/case-2026-01/print", page.locator("main article"));

  // Every other workflow has its line; a count leads to its first to-do.
  const others = page.locator("table[data-testid=workflows-overview] tbody tr");
  assert.equal(await others.count(), 8);
  // The corpus's cadres are past their five years in post: rotation's to-dos lead to its list.
  const rotation = page.locator("table[data-testid=workflows-overview] tr[data-workflow=rotation]");
  assert.notEqual((await cellLink(rotation, "待办").innerText()).trim(), "0");
  await follow(page, cellLink(rotation, "待办"), "/rotation", page.getByRole("heading", { name: "轮岗与借用", exact: true }));
  await shot(page, "overview-390");

  // What was submitted upward: both nodes, each leading to the 纪实表.
  await page.getByRole("link", { name: "上报记录（初次提交、二次提交）→" }).click();
  const submitted = page.locator("ul[data-testid=submitted] li");
  await submitted.first().waitFor();
  assert.equal(await submitted.count(), 2);
  const second = submitted.filter({ has: page.locator("a", { hasText: "格日朝鲁苏木副苏木达选任 · 二次提交" }) });
  assert.match(await second.innerText(), /2026-04-15 · 提交人 .+ · 纪实表 任职资格—任职 · 签字：复核 /);
  await second.getByRole("link").click();
  await page.waitForURL((u) => u.pathname === "/w4/case/case-2026-01/print");
  await page.locator("main article").waitFor();

  // On a 360-px screen neither page scrolls sideways.
  await page.setViewportSize({ width: 360, height: 780 });
  // Each page is drawn once its own content is there (no timed wait).
  const drawn = { "/overview": "table[data-testid=workflows-overview]", "/overview/submitted": "[data-testid=submitted]" };
  for (const [p, mark] of Object.entries(drawn)) {
    await page.evaluate((p) => { history.pushState(null, "", p); dispatchEvent(new PopStateEvent("popstate")); }, p);
    await page.locator(mark).first().waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${p} is ${wide} px wide`);
  }
  await shot(page, "overview-submitted-360");

  // A recorder's phone holds no township's database: it says so, with no figures.
  await becomeUser(page, "记录人 周静", "recorder");
  await openOverview(page);
  const pay = page.locator("section.card[data-part=village-pay]");
  await pay.locator("[data-testid=not-held]", { hasText: "这部分记录不在本机" }).waitFor();
  assert.equal(await pay.locator("table").count(), 0);
  await page.locator("table[data-testid=cases-overview] tr[data-case=case-2026-01]").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** Switch user and open the golden case. */
async function asUser(page, name, roleKey) {
  await becomeUser(page, name, roleKey);
  await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
  await page.locator("ul[data-testid=cases] li a", { hasText: "格日朝鲁苏木副苏木达选任" }).click();
  await page.locator("ol[data-testid=steps]").waitFor();
}

/** Sign the 二次提交's `line` as the user on the phone. */
async function signSecond(page, line, signer) {
  const form = page.locator("form[data-testid=sign-Second]");
  await form.locator("select[name=sign]").selectOption(line);
  await form.locator("button[type=submit]").click();
  await form.locator(".notice", { hasText: "已签字" }).waitFor();
  await page.locator("div[data-node=Second] td", { hasText: signer }).first().waitFor();
}

test("a second submission after a correction: each lists its own signers, the old one opens as submitted", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/");
  await becomeUser(page, "记录人 周静", "recorder");
  await importBackup(page, path.join(GOLDEN, "cadre_selection.json"));
  await goOffline(page);

  // The corpus's case, submitted twice (2026-04-08, 2026-04-15): its 任职文号 is corrected.
  await asUser(page, "记录人 周静", "recorder");
  await page.locator("ol[data-testid=steps] div.version[data-form=appointment]").getByRole("button", { name: "更正" }).click();
  const corr = page.locator("form[data-testid=record-form][data-form=appointment]");
  await corr.locator("[name=correct_reason]").fill("任职文号录入有误");
  await corr.locator("[name=document]").fill("扎党任〔2026〕16 号");
  await corr.locator("button[type=submit]").click();
  await page.locator("ol[data-testid=steps] div.version[data-form=appointment]", { hasText: "任职文号录入有误" }).waitFor();

  // The chain signs the 二次提交 again, two lines by other people, and it is submitted again.
  await asUser(page, "干部科 王磊", "recorder");
  await signSecond(page, "Recheck", "干部科 王磊");
  await asUser(page, "记录人 周静", "recorder");
  await signSecond(page, "Recorder", "记录人 周静");
  await asUser(page, "干部科科长 白音", "cadre_chief");
  await signSecond(page, "CadreSectionChief", "干部科科长 白音");
  await asUser(page, "干部监督科科长 孙丽", "supervision_chief");
  await signSecond(page, "SupervisionSectionChief", "干部监督科科长 孙丽");
  await asUser(page, "分管副部长 高峰", "approver");
  await signSecond(page, "DeputyHead", "分管副部长 高峰");
  await page.locator("form[data-testid=submit-Second] button").click();
  await page.locator("div[data-node=Second] p", { hasText: "已提交：" }).waitFor();

  // The submitted list: two 二次提交, each with the signers who stood for it.
  await openOverview(page);
  await page.getByRole("link", { name: "上报记录（初次提交、二次提交）→" }).click();
  const items = page.locator("ul[data-testid=submitted] li");
  await items.first().waitFor();
  assert.equal(await items.count(), 3);
  const seconds = items.filter({ has: page.getByRole("link", { name: "格日朝鲁苏木副苏木达选任 · 二次提交" }) });
  assert.equal(await seconds.count(), 2);
  const [now, old] = [await seconds.nth(0).innerText(), await seconds.nth(1).innerText()];
  assert.match(now, /复核 干部科 王磊.*干部科科长 干部科科长 白音/s);
  assert.doesNotMatch(now, /不再是现行版本/);
  assert.match(old, /2026-04-15 .*复核 干部科 刘敏.*干部科科长 干部科科长 马强/s);
  assert.match(old, /此次提交不再是现行版本/);
  await shot(page, "overview-submitted-twice");

  // The old one opens its 纪实表 as submitted: the old 任职文号, the old signers.
  await seconds.nth(1).getByRole("link").click();
  await page.waitForURL((u) => /^\/w4\/case\/case-2026-01\/print\/[A-Za-z0-9_-]+$/.test(u.pathname));
  const sheet = page.locator("article[data-testid=record-sheet]");
  await sheet.getByText("于2026-04-15提交的版本（非现行）").waitFor();
  const text = await sheet.innerText();
  assert.ok(text.includes("扎党任〔2026〕15 号"), "the 任职文号 as submitted");
  assert.ok(!text.includes("扎党任〔2026〕16 号"), "not the corrected one");
  assert.ok(text.includes("干部科 刘敏"));
  // The corpus's submissions predate digests: the page says it rebuilt them by time.
  assert.match(await sheet.getByTestId("submitted-fidelity").innerText(), /未存校验码/);
  await shot(page, "w4-as-submitted");
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 780 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `the sheet as submitted is ${wide} px wide at ${width}`);
  }
  await page.goBack();
  await items.first().waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the submitted list is ${wide} px wide at 360`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an item past its due date shows as overdue with its date and leads to its page, at 390 and 360 px", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(GOLDEN, "cadre_selection.json"));
  await goOffline(page);
  await openOverview(page);

  // The corpus's cadres in their posts since 2020-03-01: rotation due 2025-03-01, overdue
  // after 90 days, so past its last day 2025-05-30: one overdue to-do, with that date.
  const others = page.getByTestId("workflows-overview");
  const rotation = others.locator("tr[data-workflow=rotation]");
  const overdueCell = rotation.locator('td[data-label="逾期"]');
  const overdue = overdueCell.getByRole("link");
  assert.equal((await overdue.innerText()).trim(), "1");
  assert.equal((await overdueCell.getByTestId("overdue-date").innerText()).trim(), "截止 2025-05-30");
  // What falls due later depends on the day the test runs (a cadre's five years end on
  // 2027-01-01): a count, with the nearest date when there is one.
  assert.match((await rotation.locator('td[data-label="未到期"]').innerText()).trim(), /^\d+(\s+截止 \d{4}-\d{2}-\d{2})?$/);
  await shot(page, "overview-overdue-390");
  await follow(page, overdue, "/rotation", page.getByRole("heading", { name: "轮岗与借用", exact: true }));

  // The same in English, and on a 360-px screen the page does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 780 });
  await page.getByRole("button", { name: "EN" }).click();
  const late = page.getByTestId("workflows-overview").locator("tr[data-workflow=rotation]").locator('td[data-label="Overdue"]');
  assert.equal((await late.getByRole("link").innerText()).trim(), "1");
  assert.equal((await late.getByTestId("overdue-date").innerText()).trim(), "due 2025-05-30");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the overview is ${wide} px wide`);
  await shot(page, "overview-overdue-360-en");
  assert.deepEqual(errors, []);
  await context.close();
});
