// Rotation and secondment end to end (W10 轮岗、借用, seed 001 株洲), on a phone-sized
// screen, offline after the first load, against the release build. The cadres come from
// the W4 golden corpus (格日朝鲁苏木's cadres, 党委委员 since 2020-03-01: past their 5
// years). The recorder follows the home to-do to the county list, marks 格日朝鲁苏木党委委员
// a key post, finds 王建军 there as one who must rotate, records his rotation: he leaves
// the list and the home count drops by one. The list downloads as CSV with its header.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, VIEWPORT, goOffline, serveApp, shot } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const RECORDER = "记录人 周静";
const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

let browser;
let base;
serveApp((app) => ({ browser, base } = app));

/** Send a form and wait for its notice; a refusal fails with its message. */
async function send(form, button, done) {
  await form.getByRole("button", { name: button }).click();
  const refused = form.locator(".form-error");
  await form.locator(".notice", { hasText: done }).or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`refused: ${(await refused.allTextContents()).join(" | ")}`);
}

/** The home to-do of rotation, and how many it says are overdue. */
async function overdueOnHome(page) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  const todo = page.getByRole("link", { name: /^轮岗：\d+人到期应轮岗，\d+人逾期未轮岗/ });
  await todo.waitFor();
  const [, overdue] = (await todo.innerText()).match(/(\d+)人逾期未轮岗/);
  return { todo, overdue: Number(overdue) };
}

test("a rotation alert raised and closed, and the list as CSV", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/cadre_selection.json"));
  await goOffline(page);
  await becomeUser(page, RECORDER, "recorder");

  // Home: the organization department is told how many are due and overdue.
  const before = await overdueOnHome(page);
  assert.ok(before.overdue >= 1, "the W4 cadres are past their five years");
  await before.todo.click();
  await page.getByRole("heading", { name: "轮岗与借用", exact: true }).waitFor();
  const overdue = page.locator("[data-testid=rotation-overdue] li", { hasText: "王建军" });
  await overdue.waitFor();
  assert.match(await overdue.innerText(), /格日朝鲁苏木党委委员 · 2020-03-01起任现职 · 2025-03-01满年限 · 应当轮岗/);

  // The post is marked a key post (人、财、物): he must rotate.
  const key = page.locator("form[data-testid=rotation_key]");
  await key.getByLabel("职位").selectOption({ label: "格日朝鲁苏木党委委员" });
  await key.getByLabel("关键岗位依据（涉及人、财、物、项目审批）").fill("分管组织人事");
  await send(key, "标记为关键岗位", "已保存");
  await overdue.filter({ hasText: "关键岗位，必须轮岗" }).waitFor();
  await page.locator("[data-testid=key-posts] li", { hasText: "格日朝鲁苏木党委委员：分管组织人事" }).waitFor();
  await shot(page, "w10-rotation-list");

  // The list as CSV, Excel-ready: a byte-order mark, the header, his row.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("[data-testid=rotation-csv]").click(),
  ]);
  assert.equal(download.suggestedFilename(), "轮岗名单.csv");
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte-order mark");
  const rows = bytes.toString("utf8").slice(1).split("\r\n");
  assert.equal(rows[0], "类别,姓名,性别,出生日期,单位,职务,任现职（或上次轮岗）日期,满年限日期,岗位,说明");
  assert.ok(rows.includes("逾期未轮岗,王建军,男,1985-06-15,格日朝鲁苏木,党委委员,2020-03-01,2025-03-01,关键岗位，必须轮岗,"), rows.join("\n"));

  // A rotation into the same post is refused with the reason; nothing is saved.
  const rotate = page.locator("form[data-testid=rotation_rotate]");
  await rotate.getByLabel("干部").selectOption({ label: "王建军（格日朝鲁苏木党委委员）" });
  await rotate.getByLabel("轮岗到的单位").fill("格日朝鲁苏木");
  await rotate.getByLabel("轮岗到的职务").fill("党委委员");
  await rotate.getByLabel("轮岗日期").fill(TODAY);
  await rotate.getByRole("button", { name: "记录轮岗" }).click();
  await rotate.locator(".form-error, .field-error", { hasText: "轮岗须到另一岗位" }).first().waitFor();
  await overdue.waitFor();

  // Recorded: he leaves the list; his page keeps the rotation.
  await rotate.getByLabel("轮岗到的单位").fill("旗财政局");
  await rotate.getByLabel("轮岗到的职务").fill("副局长");
  await send(rotate, "记录轮岗", "已保存");
  await overdue.waitFor({ state: "detached" });
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the list fits 360 px");
  await page.setViewportSize(VIEWPORT);

  const after = await overdueOnHome(page);
  assert.equal(after.overdue, before.overdue - 1, "the home count drops by one");
  await after.todo.click();
  await page.locator("[data-testid=rotation-overdue] li", { hasText: "孙强" }).getByRole("link", { name: "孙强" }).waitFor();
  await page.goto(base + "/rotation/cadre/c-wjj");
  await page.getByRole("heading", { name: "王建军 · 轮岗" }).waitFor();
  await page.locator("[data-testid=rotations] li", { hasText: `${TODAY} 格日朝鲁苏木党委委员 → 旗财政局副局长` }).waitFor();
  await shot(page, "w10-rotation-cadre");
  await context.close();
});
