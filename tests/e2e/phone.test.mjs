// The W1 results on a small phone, with data: the golden backup of village pay
// (乌力吉木仁苏木 2026, four 嘎查) imported into a fresh phone. Each village's name,
// grade and pay are read without scrolling sideways on a 390-px screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const GOLDEN = path.join(ROOT, "tests", "golden");
const BACKUPS = ["village_pay.json"].map((f) => path.join(GOLDEN, f));
const T = "/t/t-wljmr/2026";

let server;
let browser;
let url;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make build`");
  server = await startServer();
  url = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

/** A phone of `width` px with the golden backup, used by a recorder. */
async function phone(width) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/`);
  await becomeUser(page, "周静", "recorder");
  for (const file of BACKUPS) await importBackup(page, file);
  return { context, page, errors };
}

async function open(page, [p, then]) {
  await page.goto(url + p);
  await page.locator("main section.card, main article").first().waitFor();
  if (then) await then(page);
  // Let late rows (lists filled from the state) settle.
  await page.waitForTimeout(200);
}

test("on a 390-px phone each village's name, grade and pay are on the first screen, without scrolling sideways", async () => {
  const { context, page, errors } = await phone(390);
  try {
    await open(page, [`${T}/results`]);
    await shot(page, "phone-390-results");
    // The golden year: composite, rank, grades and pay of each 嘎查.
    const expected = {
      乌力吉木仁嘎查: ["实绩突出", "优秀", "13000"],
      白音花嘎查: ["比较突出", "基本合格", "10500"],
      巴彦芒哈嘎查: ["一般", "不合格", "7000"],
    };
    const rows = page.locator("table[data-testid=results] tbody tr");
    assert.equal(await rows.count(), 4);
    for (let i = 0; i < 4; i++) {
      const row = rows.nth(i);
      const village = await row.getAttribute("data-village");
      const parts = [row.locator("th"), row.getByTestId("team-grade"), row.getByTestId("head-grade"), row.getByTestId("pay")];
      for (const part of parts) {
        const box = await part.boundingBox();
        assert.ok(box, `${village}: shown`);
        const what = `${village} "${(await part.innerText()).trim()}" at x ${Math.round(box.x)}–${Math.round(box.x + box.width)}, y ${Math.round(box.y)}`;
        assert.ok(box.x >= 0 && box.x + box.width <= 390, `${what}: inside the screen's width`);
        assert.ok(box.y + box.height <= 844 * 2, `${what}: near the top`);
      }
      if (expected[village]) {
        const got = [
          (await row.getByTestId("team-grade").innerText()).trim(),
          (await row.getByTestId("head-grade").innerText()).trim(),
          (await row.getByTestId("pay").innerText()).trim(),
        ];
        assert.deepEqual(got, expected[village], village);
      }
    }
    // The first village's name, grade and pay are on the first screen.
    const first = rows.first();
    for (const part of [first.locator("th"), first.getByTestId("head-grade"), first.getByTestId("pay")]) {
      const box = await part.boundingBox();
      assert.ok(box.y + box.height <= 844, `first village's ${await part.innerText()} is on the first screen (y ${Math.round(box.y)})`);
    }
    // Nothing scrolls sideways: not the page, not the results' box.
    const widths = await page.evaluate(() => {
      const box = document.querySelector("table[data-testid=results]").parentElement;
      return { page: document.scrollingElement.scrollWidth, box: box.scrollWidth, boxClient: box.clientWidth };
    });
    assert.ok(widths.page <= 390, `page is ${widths.page} px wide`);
    assert.ok(widths.box <= widths.boxClient, `results box scrolls: ${widths.box} > ${widths.boxClient}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
