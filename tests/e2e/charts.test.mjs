// Charts and exports end to end, on a phone-sized screen, offline after the first load,
// against the release build. A township's graded 2026 (tests/golden/village_pay.json:
// 乌力吉木仁嘎查 优秀 13,000 yuan a head; 乌兰哈达嘎查 and 白音花嘎查 基本合格 10,500;
// 巴彦芒哈嘎查 不合格 7,000) is imported; its results page draws the pay by grade with
// bars of 13,000/21,000, 21,000/21,000 and 7,000/21,000 of the full height, and the
// figures as a table a screen reader finds; the results' CSV, parsed back, holds what the
// table on screen shows, numbers as numbers. Nothing overflows at 360 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, VIEWPORT, goOffline, parseCsv, serveApp, shot } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

let browser;
let base;
serveApp((app) => ({ browser, base } = app));

async function noOverflow(page, what) {
  await page.setViewportSize({ width: 360, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `${what} is ${wide} px wide at 360 px`);
  await page.setViewportSize(VIEWPORT);
}

test("a township's results chart pay by grade with the right bar heights, and export the table as CSV", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/village_pay.json"));
  await goOffline(page);
  await page.goto(`${base}/t/t-wljmr/2026/results`);

  // Pay by grade: 13,000, 21,000 and 7,000 yuan, drawn in thousandths of the tallest.
  const pay = page.getByRole("figure", { name: "各等次报酬合计（每村每人，元）" });
  await pay.waitFor();
  const rects = pay.locator("svg rect");
  assert.deepEqual(await rects.evaluateAll((rs) => rs.map((r) => r.getAttribute("height"))), ["619", "1000", "333"]);
  // As drawn on the phone: each bar that share of its box's height.
  const drawn = await pay.locator("svg").evaluateAll((svgs) =>
    svgs.map((s) => {
      const box = s.getBoundingClientRect().height;
      const bar = s.querySelector("rect").getBoundingClientRect().height;
      return Math.round((bar / box) * 1000);
    }),
  );
  drawn.forEach((h, i) => assert.ok(Math.abs(h - [619, 1000, 333][i]) <= 12, `bar ${i}: ${h}`));
  // The same figures as a table a screen reader reads (the drawing is hidden from it).
  const figures = pay.getByRole("table", { name: "各等次报酬合计（每村每人，元）" });
  const cells = await figures.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, " ").trim()));
  assert.deepEqual(cells, ["优秀 13,000", "基本合格 21,000", "不合格 7,000"]);
  // Grades: 1, 2, 1 villages.
  const grades = page.getByRole("figure", { name: "正职等次（村数）" });
  assert.deepEqual(await grades.locator("rect").evaluateAll((rs) => rs.map((r) => r.getAttribute("height"))), ["500", "1000", "500"]);
  // Each village's quarters: 巴彦芒哈嘎查's Q3 was not assessed, so three bars.
  const quarters = page.getByTestId("chart-quarters");
  const small = quarters.locator('[data-group="巴彦芒哈嘎查"] rect');
  assert.deepEqual(await small.evaluateAll((rs) => rs.map((r) => r.getAttribute("height"))), ["521", "521", "521"]);
  await noOverflow(page, "the results with their charts");
  await shot(page, "charts-results");

  // The results' CSV, parsed back, is the table on screen.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("results-csv").click()]);
  assert.equal(download.suggestedFilename(), "乌力吉木仁苏木2026年村级考评结果.csv");
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte-order mark");
  const rows = parseCsv(bytes.toString("utf8").slice(1));
  const table = page.locator("table[data-testid=results]");
  const heads = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  const shown = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.children].map((cell) => {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll("small.warn").forEach((m) => m.remove());
        return copy.textContent.trim();
      }),
    ),
  );
  assert.deepEqual(rows[0], heads);
  assert.deepEqual(rows.slice(1), shown);
  const large = rows.find((r) => r[0] === "乌力吉木仁嘎查");
  assert.deepEqual(large.slice(-6), ["1", "实绩突出", "优秀", "9000", "4000", "13000"]);
  // Numbers are written bare (a spreadsheet reads them as numbers).
  const text = bytes.toString("utf8");
  assert.match(text, /乌力吉木仁嘎查,95\.00,93\.50,91\.00,96\.00,94\.00,93\.93,1,/);
  await context.close();
});
