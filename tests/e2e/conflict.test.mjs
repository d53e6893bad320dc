// Two phones score the same quarter differently while offline. When their entries
// meet (here through backup files, as a phone with no signal would hand them over),
// both are kept, the quarter needs review, and the organizer records the scores
// that stand. Also: a correction before publicity keeps the original as a trace.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, VIEWPORT, goOffline, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, exportBackup, fillScores, importBackup, openBoard, openSlot, scoreInput, submitOk } from "./ui.mjs";

const Y = new Date().getFullYear() - 1;
const T = "巨日合镇";
let server;
let browser;
let base;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

async function phone() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  return { context, page };
}

async function score(page, values, date) {
  const f = page.locator("form[data-testid=score-form]");
  await fillScores(f, ["党建引领", "产业发展"], values);
  await f.locator("input[name=assessed_on]").fill(date);
  await f.locator("button[type=submit]").click();
  await page.locator("[data-testid=normalized]").waitFor();
}

test("conflicting offline entries are both kept and a reviewer decides", async () => {
  const a = await phone();
  const b = await phone();
  try {
    // Phone A: master data and indicators.
    await becomeUser(a.page, "王芳", "admin");
    await a.page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const addT = a.page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill(T);
    await submitOk(addT);
    const card = a.page.locator("section[data-testid=township]", { hasText: T });
    await card.locator("details:has(form[data-testid=add-village])").evaluate((d) => { d.open = true; });
    const vf = card.locator("form[data-testid=add-village]");
    await vf.locator("input[name=name]").fill("前进村");
    await vf.locator("input[name=population]").fill("2500");
    await submitOk(vf);
    await becomeUser(a.page, "李明", "organizer");
    await openBoard(a.page, T, Y);
    await a.page.getByRole("link", { name: "考评指标" }).click();
    const ind = a.page.locator("form[data-testid=indicator-form]");
    for (const [i, [name, max]] of [["党建引领", "50"], ["产业发展", "50"]].entries()) {
      await ind.getByLabel("指标名称", { exact: true }).nth(i).fill(name);
      await ind.getByLabel("满分", { exact: true }).nth(i).fill(max);
    }
    await submitOk(ind);
    const baseFile = await exportBackup(a.page, path.join(ARTIFACTS, "conflict-base.json"));

    // Phone B gets the same start, then both go offline and score Q1.
    await becomeUser(b.page, "张伟", "assessor");
    await importBackup(b.page, baseFile);
    await goOffline(a.page, b.page);
    await becomeUser(a.page, "赵刚", "assessor");
    await openSlot(a.page, T, Y, "前进村", "q1");
    await score(a.page, ["45", "40"], `${Y}-03-25`);
    await openSlot(b.page, T, Y, "前进村", "q1");
    await score(b.page, ["40", "40"], `${Y}-03-25`);

    // B corrects its own entry before publicity, with a reason; the original stays as a trace.
    await b.page.locator("summary", { hasText: "更正评分" }).click();
    const corr = b.page.locator("form[data-testid=correction-form]");
    await scoreInput(corr, "党建引领").fill("42");
    await corr.locator("input[name=reason]").fill("党建台账补充核实");
    await corr.locator("button[type=submit]").click();
    await b.page.locator("[data-testid=normalized]", { hasText: "82.00" }).waitFor();
    await b.page.locator("summary", { hasText: "修改痕迹 (1)" }).waitFor();

    // A's entries reach B.
    const aFile = await exportBackup(a.page, path.join(ARTIFACTS, "conflict-a.json"));
    await importBackup(b.page, aFile);
    await openBoard(b.page, T, Y);
    await b.page.locator(`tr[data-village="前进村"] .chip.review`).waitFor();
    // The organizer reviews on B (the review is theirs: home lists it to them): both
    // entries are shown; A's is chosen.
    await becomeUser(b.page, "李明", "organizer");
    await b.page.locator("nav.bottom a", { hasText: "首页" }).click();
    await b.page.locator("[data-testid=todo]", { hasText: "需复核" }).waitFor();
    await openSlot(b.page, T, Y, "前进村", "q1");
    const conflict = b.page.locator("[data-testid=conflict]");
    assert.equal(await conflict.locator(".version").count(), 2);
    await shot(b.page, "09-conflict-review");
    // Publicity cannot open while the entries disagree.
    assert.equal(await b.page.locator("form[data-testid=publicity-form]").count(), 0);
    const v85 = conflict.locator(".version", { hasText: "85.00" });
    await v85.getByRole("button", { name: "采用此份" }).click();
    const review = b.page.locator("form[data-testid=review-form]");
    await review.locator("input[name=reason]").fill("经现场核对，以赵刚记录为准");
    await review.locator("button[type=submit]").click();
    await b.page.locator("form[data-testid=publicity-form]").waitFor();
    assert.equal(await b.page.locator("[data-testid=normalized]").first().textContent(), "85.00");
    // Every entry stays as a trace: B's original, B's correction and A's entry.
    await b.page.locator("summary", { hasText: "修改痕迹 (3)" }).waitFor();
    await openBoard(b.page, T, Y);
    assert.equal(await b.page.locator(`tr[data-village="前进村"] .chip.review`).count(), 0);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
