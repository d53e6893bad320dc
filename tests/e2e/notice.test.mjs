// Printed notices and the accountability trace (issue 14 parts 2 and 4), against the
// release build on a 390-px phone, offline after the first load. The W1 公示 notice of
// 巴彦芒哈嘎查's 2026 Q1 (golden corpus) prints on one A4 page (Chromium's print to PDF,
// print media) with its key text; on a 360-px screen nothing overflows sideways. A W4
// case's trace lists its records with their whole hashes. W2's 选聘 result notice (golden
// corpus: 刘建国, publicized 2026-11-25 to 12-01) prints on one A4 page too.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT, VIEWPORT, goOffline, serveApp, shot } from "./lib.mjs";
import { becomeUser, importBackup, openSlot } from "./ui.mjs";

const GOLDEN = path.join(ROOT, "tests", "golden");
let browser;
let base;
serveApp((app) => ({ browser, base } = app));

/** A phone of `name` in `role` holding the golden corpus `file`, offline. */
async function phone(name, role, file) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow", locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await becomeUser(page, name, role);
  await importBackup(page, path.join(GOLDEN, file));
  await goOffline(page);
  return { context, page, errors };
}

/** How many pages a PDF has: its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;

/** Whether the page scrolls sideways. */
const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test("the W1 公示 notice of a publicized quarter prints on one A4 page with its scores, window and whom to object to", async () => {
  const { context, page, errors } = await phone("苏木组织委员 王丽娜", "organizer", "village_pay.json");
  try {
    await openSlot(page, "乌力吉木仁苏木", 2026, "巴彦芒哈嘎查", "q1");
    await page.getByRole("link", { name: "打印公示" }).click();
    const notice = page.getByTestId("village-notice");
    await notice.waitFor();
    await page.getByRole("heading", { name: "巴彦芒哈嘎查2026年第一季度工作实绩考评结果公示" }).waitFor();
    const text = await notice.innerText();
    for (const part of [
      "乌力吉木仁苏木 · 巴彦芒哈嘎查",
      "党建引领",
      "合计",
      "折合百分制",
      "公示时间：2026年03月26日 至 2026年04月01日（共 7 天）。",
      "向中共乌力吉木仁苏木委员会反映",
    ]) {
      assert.ok(text.includes(part), `${part} missing from the notice:\n${text}`);
    }
    const total = await page.getByTestId("notice-total").innerText();
    assert.equal(total.trim(), "50", "30 + 25 + 20 + 15 + 10 half points of the v2 set: 50 of 100");
    await shot(page, "notice-w1-phone");
    assert.equal(await overflows(page), false, "390 px: no sideways scroll");
    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await overflows(page), false, "360 px: no sideways scroll");
    await page.setViewportSize(VIEWPORT);

    // Print: A4, print media; the bar with back and print is not printed.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("button", { name: "打印" }).isVisible(), false);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    assert.equal(pdfPages(pdf), 1, "the notice prints on one A4 page");
    await page.emulateMedia({ media: "screen" });
    // Large type on paper: the notice's text is at least 14 pt (18.6 px).
    await page.emulateMedia({ media: "print" });
    const size = await notice.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 18.6, `print type ${size}px`);
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the W2 选聘 result's 公示 notice prints on one A4 page with who was selected, the window and whom to object to", async () => {
  const { context, page, errors } = await phone("旗委组织部 张卫东", "admin", "career_pay.json");
  try {
    // The round's page, where the result's publicity is recorded, leads to its notice.
    await page.goto(`${base}/career/2026`);
    await page.locator("[data-testid=result-publicity]", { hasText: "2026-11-25至2026-12-01" }).waitFor();
    await page.getByRole("link", { name: "打印结果公示" }).click();
    const notice = page.getByTestId("result-notice");
    await notice.waitFor();
    await page.getByRole("heading", { name: "2026年选聘嘎查村书记（主任）享受事业单位基础工资待遇拟选聘人员公示" }).waitFor();
    const text = await notice.innerText();
    for (const part of [
      "旗县委选聘工作领导小组于2026年11月25日研究决定，拟选聘以下1名同志",
      "刘建国",
      "乌力吉木仁苏木乌力吉木仁嘎查",
      "村委会主任",
      "公示时间：2026年11月25日 至 2026年12月01日（共 7 天）。",
      "向旗县委组织部反映",
      "中共旗县委组织部",
    ]) {
      assert.ok(text.includes(part), `${part} missing from the notice:\n${text}`);
    }
    assert.equal(await overflows(page), false, "390 px: no sideways scroll");
    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await overflows(page), false, "360 px: no sideways scroll");
    await page.setViewportSize(VIEWPORT);
    await shot(page, "notice-w2-result-phone");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("button", { name: "打印" }).isVisible(), false);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    assert.equal(pdfPages(pdf), 1, "the notice prints on one A4 page");
    const size = await notice.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 18.6, `print type ${size}px`);
    await page.emulateMedia({ media: "screen" });
    // Back to the round.
    await page.getByRole("link", { name: "← 返回" }).click();
    await page.locator("[data-testid=decision-status]", { hasText: "选聘领导小组已决定1人" }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a W4 case's accountability trace lists its records in order with their whole hashes", async () => {
  const { context, page, errors } = await phone("记录人 周静", "recorder", "cadre_selection.json");
  try {
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    await page.getByRole("link", { name: /格日朝鲁苏木副苏木达选任/ }).first().click();
    await page.getByRole("link", { name: "责任追溯" }).click();
    const trace = page.getByTestId("trace");
    await trace.waitFor();
    await page.getByRole("heading", { name: "干部选拔任用责任追溯" }).waitFor();
    const hashes = await page.getByTestId("trace-hash").allInnerTexts();
    assert.ok(hashes.length > 10, `${hashes.length} records traced`);
    for (const h of hashes) assert.match(h.trim(), /^[0-9a-f]{64}$/);
    const text = await trace.innerText();
    assert.ok(text.includes("首提责任人"), text.slice(0, 400));
    assert.ok(text.includes("本页依据本机所存记录生成"));
    assert.equal(await overflows(page), false, "390 px: the trace scrolls inside its table");
    await shot(page, "trace-w4-phone");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
