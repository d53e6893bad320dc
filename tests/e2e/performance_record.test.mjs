// 实绩纪实 (W6) end to end, on a phone-sized screen, offline after the first load, against
// the release build: 王建军 (a cadre of 格日朝鲁苏木 in the W4 golden corpus) records each
// working day of last week — a category and a few words, saved in one tap —, submits the
// week as its weekly report (周申报), sees it compiled from the five days in his year; the
// unit leader 巴特尔 sees the unit's submissions. A 360-px screen does not overflow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, goOffline, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, importBackup, submitOk } from "./ui.mjs";

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

/** Today in Beijing, as a UTC-midnight Date. */
function beijingToday() {
  const s = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return new Date(`${s}T00:00:00Z`);
}

const iso = (d) => d.toISOString().slice(0, 10);
const plus = (d, n) => new Date(d.getTime() + n * 86_400_000);

/** Monday to Friday of last week (Beijing dates). */
function lastWeek() {
  const today = beijingToday();
  const back = (today.getUTCDay() + 6) % 7; // days since Monday
  const monday = plus(today, -back - 7);
  return [0, 1, 2, 3, 4].map((n) => plus(monday, n));
}

/** Home → the performance record, by the home page's to-do. */
async function openPerformance(page) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: /^实绩纪实：记录今日工作/ }).click();
}

test("a week of daily entries is submitted as a weekly report, offline on a phone", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/cadre_selection.json"));
  await goOffline(page);
  // The department publishes the units' rosters from the cadre records it holds
  // (cadres' phones record by them): home asks, one tap publishes.
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: /^实绩纪实名单：\d+个单位与干部库不一致/ }).click();
  const changes = page.locator("[data-testid=roster-changes] li", { hasText: "格日朝鲁苏木" });
  assert.match(await changes.innerText(), /名单未发布/);
  const roster = page.locator("form[data-testid=performance_roster]");
  // The roster section, its changes and its form fit a 360-px screen.
  await page.setViewportSize({ width: 360, height: 800 });
  const rosterWide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(rosterWide <= 360, `the roster section is ${rosterWide} px wide at 360 px`);
  await page.setViewportSize(VIEWPORT);
  // Once published the rosters match the records: the form gives way to the line saying so.
  await submitOk(roster, page.locator("[data-testid=roster-same]"));
  assert.match(await page.locator("[data-testid=roster-count]").innerText(), /^[1-9]\d*个单位、[1-9]\d*名干部在名单中/);
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  assert.equal(await page.getByRole("link", { name: /^实绩纪实名单/ }).count(), 0);
  // A cadre no roster names is told, in Chinese, who puts them on it.
  await becomeUser(page, "赵无名", "cadre");
  await openPerformance(page);
  assert.match(await page.locator("[data-testid=no-profile]").innerText(), /请组织部.*发布本单位名单/);
  assert.equal(await page.locator("form[data-testid=performance_log]").count(), 0);
  await becomeUser(page, "王建军", "cadre");
  await openPerformance(page);
  await page.getByRole("heading", { name: "实绩纪实" }).waitFor();

  const days = lastWeek();
  const log = page.locator("form[data-testid=performance_log]");
  for (const [i, day] of days.entries()) {
    await log.getByLabel("今日工作").fill(`第${i + 1}天：入户核查牧区饮水工程进度`);
    await log.getByLabel("类别").selectOption({ label: i === 4 ? "民生服务" : "发展推动" });
    await log.getByLabel("项目或任务").fill("牧区饮水安全工程");
    await log.getByLabel("日期").fill(iso(day));
    await submitOk(log);
  }

  // The week's report, compiled from the five days.
  const week = page.locator("form[data-testid=performance_submit]");
  const monday = iso(days[0]);
  const option = week.locator(`option[value="${monday}"]`);
  assert.match(await option.innerText(), /5条/);
  await week.getByLabel("申报周").selectOption(monday);
  await week.getByLabel("本周小结").fill("本周以饮水工程为主");
  await week.getByRole("button", { name: "提交周申报" }).click();
  await week.locator(".notice", { hasText: "已提交" }).waitFor();
  assert.match(await option.innerText(), /已申报/);
  await shot(page, "performance-week-submitted");

  // In his year: the week submitted, compiling the five days.
  await page.getByRole("link", { name: "我的全年纪实" }).click();
  const thursdayYear = plus(days[0], 3).getUTCFullYear();
  await page.getByRole("heading", { name: /^王建军 · \d{4}年实绩纪实$/ }).waitFor();
  const shownYear = Number((await page.getByRole("heading", { name: /年实绩纪实$/ }).innerText()).match(/(\d{4})年/)[1]);
  if (shownYear !== thursdayYear) {
    await page.getByRole("link", { name: String(thursdayYear), exact: true }).click();
    await page.getByRole("heading", { name: `王建军 · ${thursdayYear}年实绩纪实` }).waitFor();
  }
  const submitted = page.locator("[data-testid=week-status]", { hasText: "已申报（汇总5条记录）" });
  await submitted.first().waitFor();
  assert.match(await page.locator("[data-testid=year-tally]").innerText(), /已申报1周/);

  // A 360-px screen does not overflow.
  await page.setViewportSize({ width: 360, height: 740 });
  await openPerformance(page);
  await page.locator("form[data-testid=performance_log]").waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the page is ${wide}px wide`);
  await page.setViewportSize(VIEWPORT);

  // The unit leader sees the unit's reports.
  await becomeUser(page, "巴特尔", "unit_leader");
  await openPerformance(page);
  await page.getByRole("heading", { name: "格日朝鲁苏木 · 实绩纪实" }).waitFor();
  const weekday = beijingToday().getUTCDay();
  if (weekday !== 1) {
    // From Tuesday on, last week's report is due: 王建军 submitted it.
    const due = page.locator("[data-testid=unit-due-week] li", { hasText: "王建军" });
    assert.match(await due.innerText(), /已申报 · 5条记录/);
  }
  await shot(page, "performance-unit");

  // The organization department records a talk with 王建军 and corrects it on its form
  // (the first kept); his own page offers him no such form.
  await becomeUser(page, "记录人 周静", "recorder");
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: /周申报：\d+个单位共\d+人未提交/ }).first().click();
  await page.getByRole("link", { name: /^格日朝鲁苏木/ }).first().click();
  await page.locator("[data-testid=unit-due-week] a", { hasText: "王建军" }).click();
  await page.getByRole("heading", { name: /^王建军 · \d{4}年实绩纪实$/ }).waitFor();
  const note = page.locator("form[data-testid=performance_note]");
  await note.getByLabel("季度").selectOption({ label: "第一季度" });
  await note.getByLabel("测谈访析").selectOption({ label: "谈·座谈" });
  await note.getByLabel("内容").fill("与苏木党委书记座谈：推进饮水工程有力");
  await submitOk(note);
  await page.locator("summary", { hasText: "更正一条季分析记录（原记录保留）" }).click();
  const fix = page.locator("form[data-testid=performance_correct_note]");
  await fix.getByLabel("测谈访析").selectOption({ label: "谈·约谈" });
  await fix.getByLabel("更正后的内容").fill("零距离约谈：提醒按期推进饮水工程");
  await fix.getByRole("button", { name: "保存更正" }).click();
  // Without the reason: its message, nothing saved, the typed text kept.
  await fix.getByText("请填写更正原因").first().waitFor();
  assert.equal(await fix.getByLabel("更正后的内容").inputValue(), "零距离约谈：提醒按期推进饮水工程");
  await fix.getByLabel("更正原因").fill("记错了谈话方式");
  await submitOk(fix);
  const notes = page.locator("[data-testid=quarter-notes]").first();
  await notes.getByText("谈·约谈：零距离约谈：提醒按期推进饮水工程").waitFor();
  assert.doesNotMatch(await notes.innerText(), /谈·座谈/);
  await shot(page, "performance-note-corrected");
  await context.close();
});
