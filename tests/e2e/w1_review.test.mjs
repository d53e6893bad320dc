// W1 reviews (需复核) as the organizer sees them on a phone, with two phones handing
// their entries over by backup file (as phones with no signal would):
// 1. a sheet scored offline on phone B against indicator set v1, while phone A
//    published v2, keeps its score against v1, shows both versions and is re-scored;
// 2. a correction recorded offline before its phone saw the 定稿 arrives afterwards:
//    the quarter goes back to 需复核 and the finalized 70.00 stays shown until the
//    organizer decides.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, DIST, VIEWPORT, goOffline, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, exportBackup, fillScores, importBackup, openBoard, openSlot, scoreInput, submitOk } from "./ui.mjs";

const Y = new Date().getFullYear() - 1;
const T = "巴彦塔拉镇";
const V = "新发村";
let server;
let browser;
let base;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: build first");
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
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(`${base}/`);
  return { context, page };
}

/** Admin adds the township and its village; the organizer publishes `indicators`. */
async function setUp(page, indicators) {
  await becomeUser(page, "王芳", "admin");
  await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
  const addT = page.locator("form[data-testid=add-township]");
  await addT.locator("input[name=name]").fill(T);
  await submitOk(addT);
  const card = page.locator("section[data-testid=township]", { hasText: T });
  await card.locator("details:has(form[data-testid=add-village])").evaluate((d) => { d.open = true; });
  const vf = card.locator("form[data-testid=add-village]");
  await vf.locator("input[name=name]").fill(V);
  await vf.locator("input[name=population]").fill("1800");
  await submitOk(vf);
  await becomeUser(page, "李明", "organizer");
  await openBoard(page, T, Y);
  await page.getByRole("link", { name: "考评指标" }).click();
  const ind = page.locator("form[data-testid=indicator-form]");
  for (const [i, [name, max]] of indicators.entries()) {
    await ind.getByLabel("指标名称", { exact: true }).nth(i).fill(name);
    await ind.getByLabel("满分", { exact: true }).nth(i).fill(max);
  }
  await submitOk(ind);
}

const NAMES = ["党建引领", "产业发展", "生态保护"];

async function score(page, values, date) {
  const f = page.locator("form[data-testid=score-form]");
  await fillScores(f, NAMES, values);
  await f.locator("input[name=assessed_on]").fill(date);
  await f.locator("button[type=submit]").click();
  await page.locator("[data-testid=normalized]").waitFor();
}

/** Beijing `YYYY-MM-DD` of a JS time. */
function beijingDay(ms) {
  return new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
}

test("a sheet scored offline against v1 while another phone published v2 needs review with both versions", async () => {
  const a = await phone();
  const b = await phone();
  try {
    await setUp(a.page, [["党建引领", "50"], ["产业发展", "50"]]);
    const baseFile = await exportBackup(a.page, path.join(ARTIFACTS, "review-v1-base.json"));
    await becomeUser(b.page, "张伟", "assessor");
    await importBackup(b.page, baseFile);

    // Phone B, offline in the village: 80 points against v1.
    await goOffline(b.page);
    await openSlot(b.page, T, Y, V, "q1");
    await score(b.page, ["40", "40"], `${Y}-03-25`);

    // Phone A has no score, so the organizer may publish v2 (three indicators).
    await openBoard(a.page, T, Y);
    await a.page.getByRole("link", { name: "考评指标" }).click();
    const ind = a.page.locator("form[data-testid=indicator-form]");
    await ind.getByRole("button", { name: "+ 添加指标" }).click();
    for (const [i, [name, max]] of [["党建引领", "40"], ["产业发展", "30"], ["生态保护", "30"]].entries()) {
      await ind.getByLabel("指标名称", { exact: true }).nth(i).fill(name);
      await ind.getByLabel("满分", { exact: true }).nth(i).fill(max);
    }
    await submitOk(ind);
    await a.page.locator("table[data-testid=published] caption", { hasText: "已发布版本 2" }).waitFor();

    // The phones meet: A's entries reach B.
    const aFile = await exportBackup(a.page, path.join(ARTIFACTS, "review-v2-a.json"));
    await importBackup(b.page, aFile);
    await becomeUser(b.page, "李明", "organizer");
    await openBoard(b.page, T, Y);
    await b.page.locator(`tr[data-village="${V}"] .chip.review`, { hasText: "80.00" }).waitFor();

    // The slot page shows why, the sheet with its v1 indicators and the current v2.
    await openSlot(b.page, T, Y, V, "q1");
    const review = b.page.locator("[data-testid=conflict]");
    await review.locator("[data-testid=reasons]", { hasText: "评分所用的考评指标版本已不是现行版本" }).waitFor();
    const sheet = review.locator(".version", { hasText: "第 1 版指标" });
    assert.equal(await sheet.locator("[data-testid=normalized]").textContent(), "80.00");
    assert.match(await sheet.locator("table").textContent(), /党建引领40 \/ 50/);
    const current = review.locator("table[data-testid=current-set]");
    assert.match(await current.locator("caption").textContent(), /现行第 2 版指标/);
    assert.match(await current.textContent(), /生态保护满分 30/);
    assert.equal(await b.page.locator("form[data-testid=publicity-form]").count(), 0, "nothing goes on before the review");
    await shot(b.page, "review-01-outdated-indicators");

    // The organizer re-scores against v2 with a reason.
    const form = b.page.locator("form[data-testid=review-form]");
    await fillScores(form, NAMES, ["32", "24", "24"]);
    await form.locator("input[name=reason]").fill("按第2版指标重新核定");
    await form.locator("button[type=submit]").click();
    await b.page.locator("form[data-testid=publicity-form]").waitFor();
    const standing = b.page.locator("section.card", { hasText: "有效评分" });
    assert.match(await standing.locator("caption").first().textContent(), /第 2 版指标/);
    assert.equal(await standing.locator("[data-testid=normalized]").first().textContent(), "80.00");
    await b.page.locator("summary", { hasText: "修改痕迹 (1)" }).waitFor();
    await openBoard(b.page, T, Y);
    assert.equal(await b.page.locator(`tr[data-village="${V}"] .chip.review`).count(), 0);
    assert.deepEqual([...a.page.errors, ...b.page.errors], []);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("an offline correction arriving after 定稿 sends the quarter back to review; the final 70.00 stays shown", async () => {
  const a = await phone();
  const b = await phone();
  try {
    await setUp(a.page, [["党建引领", "50"], ["产业发展", "50"]]);
    await becomeUser(a.page, "赵刚", "assessor");
    await openSlot(a.page, T, Y, V, "q1");
    await score(a.page, ["35", "35"], `${Y}-03-25`);
    const baseFile = await exportBackup(a.page, path.join(ARTIFACTS, "review-final-base.json"));
    await becomeUser(b.page, "张伟", "assessor");
    await importBackup(b.page, baseFile);

    // Phone B, offline and before any 公示 reached it, corrects 70 to 95.
    await goOffline(b.page);
    await openSlot(b.page, T, Y, V, "q1");
    await b.page.locator("summary", { hasText: "更正评分" }).click();
    const corr = b.page.locator("form[data-testid=correction-form]");
    await scoreInput(corr, "党建引领").fill("50");
    await scoreInput(corr, "产业发展").fill("45");
    await corr.locator("input[name=reason]").fill("产业发展项漏计合作社分红");
    await corr.locator("button[type=submit]").click();
    await b.page.locator("[data-testid=normalized]", { hasText: "95.00" }).waitFor();

    // Phone A: the organizer publicizes 70 today and finalizes it eight days later.
    await becomeUser(a.page, "李明", "organizer");
    await openSlot(a.page, T, Y, V, "q1");
    await submitOk(a.page.locator("form[data-testid=publicity-form]"), a.page.locator("[data-testid=window]"));
    const later = Date.now() + 8 * 86400e3;
    await a.context.clock.setFixedTime(later);
    const fin = a.page.locator("form[data-testid=finalize-form]");
    await fin.locator("input[name=on]").fill(beijingDay(later));
    await submitOk(fin, a.page.locator("[data-testid=publicity] p.ok", { hasText: "已定稿" }));
    await openBoard(a.page, T, Y);
    await a.page.locator(`tr[data-village="${V}"] .chip.final`, { hasText: "70.00" }).waitFor();

    // B's correction reaches A.
    const bFile = await exportBackup(b.page, path.join(ARTIFACTS, "review-final-b.json"));
    await importBackup(a.page, bFile);
    await openBoard(a.page, T, Y);
    const chip = a.page.locator(`tr[data-village="${V}"] .chip.review`);
    await chip.waitFor();
    assert.match(await chip.textContent(), /70\.00/, "the finalized score stays shown");
    assert.match(await chip.textContent(), /需复核/);
    await a.page.getByRole("link", { name: "结果与等次" }).click();
    await a.page.locator("[data-testid=review-banner]").waitFor();
    assert.match(await a.page.locator(`table[data-testid=results] tr[data-village="${V}"] td`).first().textContent(), /70\.00需复核/);

    await openSlot(a.page, T, Y, V, "q1");
    const review = a.page.locator("[data-testid=conflict]");
    await review.locator("[data-testid=reasons]", { hasText: "定稿后收到了与定稿结果不同的评分" }).waitFor();
    const bound = review.locator("[data-testid=bound]");
    assert.match(await bound.textContent(), /已定稿的结果/);
    assert.equal(await bound.locator("[data-testid=normalized]").textContent(), "70.00");
    const newcomer = review.locator(".version", { hasText: "之后收到的评分" });
    assert.equal(await newcomer.locator("[data-testid=normalized]").textContent(), "95.00");
    assert.match(await newcomer.textContent(), /产业发展项漏计合作社分红/);
    await shot(a.page, "review-02-changed-after-final");

    // The organizer keeps the finalized result: the quarter is final again at 70.00.
    // The note typed first stays when a version fills the scores.
    const form = a.page.locator("form[data-testid=review-form]");
    await form.locator("input[name=reason]").fill("更正未经公示，维持定稿结果");
    await bound.getByRole("button", { name: "采用此份" }).click();
    await form.getByLabel("党建引领").and(a.page.locator("input")).waitFor();
    assert.equal(await form.getByLabel("党建引领").inputValue(), "35");
    assert.equal(await form.locator("input[name=reason]").inputValue(), "更正未经公示，维持定稿结果");
    await form.locator("button[type=submit]").click();
    await a.page.locator("[data-testid=publicity] p.ok", { hasText: "已定稿" }).waitFor();
    await openBoard(a.page, T, Y);
    await a.page.locator(`tr[data-village="${V}"] .chip.final`, { hasText: "70.00" }).waitFor();
    assert.deepEqual([...a.page.errors, ...b.page.errors], []);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("what is typed in one objection's form stays when another objection's outcome is chosen or a version fills the review", async () => {
  const a = await phone();
  try {
    await setUp(a.page, [["党建引领", "50"], ["产业发展", "50"]]);
    await becomeUser(a.page, "赵刚", "assessor");
    await openSlot(a.page, T, Y, V, "q2");
    await score(a.page, ["35", "35"], `${Y}-06-25`);
    // 公示 is not backdated: the phone's clock is set to the day each step is done.
    const onDay = (day) => a.context.clock.setFixedTime(new Date(`${day}T10:00:00+08:00`));
    await onDay(`${Y}-06-26`);
    await becomeUser(a.page, "李明", "organizer");
    await openSlot(a.page, T, Y, V, "q2");
    const pub = a.page.locator("form[data-testid=publicity-form]");
    await pub.locator("input[name=start]").fill(`${Y}-06-26`);
    await submitOk(pub, a.page.locator("[data-testid=window]"));
    await onDay(`${Y}-06-30`);
    for (const [who, what] of [["村民赵强", "产业发展得分偏低"], ["村民钱芳", "党建加分未计入"]]) {
      // Open unless still open from the last save.
      await a.page.locator("details:has(form[data-testid=objection-form])").evaluate((d) => { d.open = true; });
      const obj = a.page.locator("form[data-testid=objection-form]");
      await obj.locator("input[name=objector]").fill(who);
      await obj.locator("textarea[name=content]").fill(what);
      await obj.locator("input[name=raised_on]").fill(`${Y}-06-28`);
      await submitOk(obj, a.page.locator("[data-testid=objections] li", { hasText: what }));
    }
    const first = a.page.locator("[data-testid=objections] li", { hasText: "产业发展得分偏低" });
    const second = a.page.locator("[data-testid=objections] li", { hasText: "党建加分未计入" });
    // Typed in the first objection's form; then the second is turned to 不予采纳.
    await first.getByLabel("产业发展").fill("37.5");
    await first.getByLabel("核实情况").fill("经核实合作社分红应计入");
    await second.getByLabel("处理结果").selectOption("dismissed");
    await second.getByLabel("不予采纳的理由").waitFor();
    assert.equal(await first.getByLabel("产业发展").inputValue(), "37.5", "typed score kept");
    assert.equal(await first.getByLabel("核实情况").inputValue(), "经核实合作社分红应计入");
    // The second's reason typed; the first turned to 不予采纳 and back keeps the second as chosen.
    await second.getByLabel("不予采纳的理由").fill("经核实已计入");
    await first.getByLabel("处理结果").selectOption("dismissed");
    await first.getByLabel("处理结果").selectOption("upheld");
    assert.equal(await second.getByLabel("处理结果").inputValue(), "dismissed");
    assert.equal(await second.getByLabel("不予采纳的理由").inputValue(), "经核实已计入");
    // Switching the language and back, or tapping the page's own link, keeps both.
    await a.page.getByRole("button", { name: "EN" }).click();
    await a.page.getByRole("button", { name: "中文" }).click();
    await a.page.evaluate(() => {
      const here = document.createElement("a");
      here.href = location.pathname;
      document.body.append(here);
      here.click();
    });
    assert.equal(await first.getByLabel("核实情况").inputValue(), "经核实合作社分红应计入");
    assert.equal(await first.getByLabel("产业发展").inputValue(), "37.5");
    assert.equal(await second.getByLabel("处理结果").inputValue(), "dismissed");
    assert.equal(await second.getByLabel("不予采纳的理由").inputValue(), "经核实已计入");
    // Saving the second leaves the first as typed.
    await second.getByLabel("处理日期").fill(`${Y}-06-30`);
    await second.getByRole("button", { name: "记录处理结果" }).click();
    await second.locator("p.ok", { hasText: "不予采纳" }).waitFor();
    assert.equal(await first.getByLabel("核实情况").inputValue(), "经核实合作社分红应计入");
    assert.deepEqual(a.page.errors, []);
  } finally {
    await a.context.close();
  }
});
