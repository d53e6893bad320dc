// The first screen of a large log (src/ui/first_screen.rs): the home page as last drawn
// is shown at once on the next start while the log is read, then the app drawn from the
// log takes its place, showing the same. A copy is never shown for a log that changed
// since — here, records imported in a second tab.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT, VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const GOLDEN = path.join(ROOT, "tests", "golden");
let server, browser, base;

before(async () => {
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

/** Whether the page's last start drew the home page from its copy (src/timing.rs). */
const fromCopy = (page) => page.evaluate(() => performance.getEntriesByName("jishi:first-screen").length > 0);

/** The app is open: its log read and folded. */
const opened = (page) => page.waitForFunction(() => performance.getEntriesByName("jishi:folded").length > 0);

/** What the home page lists: the townships and the to-dos, as a person reads them. */
async function homeText(page) {
  const townships = await page.getByTestId("townships").innerText();
  const todo = await page.getByTestId("todo").innerText();
  return { townships, todo };
}

test("the home page opens from its copy, then from the log, the same; never from a copy of another log", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    await becomeUser(page, "旗委组织部 张卫东", "admin");
    await importBackup(page, path.join(GOLDEN, "village_pay.json"));
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    const drawn = await homeText(page);
    assert.match(drawn.townships, /乌力吉木仁苏木/);

    // The next start: the copy first, then the app over the log, showing the same.
    await page.reload();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    assert.equal(await fromCopy(page), true, "drawn from the copy");
    assert.deepEqual(await homeText(page), drawn);
    await opened(page);
    assert.deepEqual(await homeText(page), drawn);
    await page.getByRole("spinbutton", { name: "年度" }).fill("2025");
    await page.getByTestId("townships").getByRole("link", { name: /2025/ }).first().waitFor();

    // A second tab imports the W4 corpus: the log changed, so no copy is shown.
    const other = await context.newPage();
    await other.goto(`${base}/`);
    await opened(other);
    await importBackup(other, path.join(GOLDEN, "cadre_selection.json"));
    await other.close();
    await page.reload();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    assert.equal(await fromCopy(page), false, "a copy of the log before the import is not shown");
    await opened(page);
    const after = await homeText(page);
    // And the start after that draws the new copy (the home page kept it).
    await page.reload();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    assert.equal(await fromCopy(page), true);
    assert.deepEqual(await homeText(page), after);

    // In English the Chinese copy is not used; the English one is kept and used next.
    await opened(page);
    await page.evaluate(() => localStorage.setItem("jishi:m:lang", "en"));
    await page.reload();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    assert.equal(await fromCopy(page), false, "the Chinese copy is not shown in English");
    await opened(page);
    await page.reload();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    assert.equal(await fromCopy(page), true);
    assert.match(await page.getByTestId("todo").innerText(), /[A-Za-z]/);
  } finally {
    await context.close();
  }
});

test("a copy whose text was changed in storage is drawn as text, never as markup", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    await becomeUser(page, "旗委组织部 张卫东", "admin");
    await importBackup(page, path.join(GOLDEN, "village_pay.json"));
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByTestId("townships").getByRole("link").first().waitFor();
    await opened(page);
    await page.evaluate(() => {
      const copy = JSON.parse(localStorage.getItem("jishi:m:home_copy"));
      copy.townships.Ok[0][0] = "<img src=x onerror=window.__owned=1>";
      copy.townships.Ok[0][1] = "javascript:window.__owned=1";
      localStorage.setItem("jishi:m:home_copy", JSON.stringify(copy));
    });
    await page.reload();
    const link = page.getByTestId("townships").getByRole("link").first();
    await link.waitFor();
    if (await fromCopy(page)) {
      assert.equal(await page.locator("main img").count(), 0);
      assert.notEqual(await link.getAttribute("href"), "javascript:window.__owned=1");
    }
    await opened(page);
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    assert.match(await page.getByTestId("townships").innerText(), /乌力吉木仁苏木/);
  } finally {
    await context.close();
  }
});
