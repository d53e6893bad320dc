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

/** A township link of the home page, drawn (from its copy or from the log). */
const townshipsDrawn = (page) => page.getByTestId("townships").getByRole("link").first().waitFor();

/** A phone of the county's administrator holding the golden W1 year, on the Data page. */
async function adminPhone() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(GOLDEN, "village_pay.json"));
  return { context, page };
}

/** Home, until its townships are drawn. */
async function goHome(page) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await townshipsDrawn(page);
}

/** What the home page lists: the townships and the to-dos, as a person reads them. */
async function homeText(page) {
  const townships = await page.getByTestId("townships").innerText();
  const todo = await page.getByTestId("todo").innerText();
  return { townships, todo };
}

test("the home page opens from its copy, then from the log, the same; never from a copy of another log", async () => {
  const { context, page } = await adminPhone();
  try {
    await goHome(page);
    const drawn = await homeText(page);
    assert.match(drawn.townships, /乌力吉木仁苏木/);

    // The next start: the copy first, then the app over the log, showing the same.
    await page.reload();
    await townshipsDrawn(page);
    assert.equal(await fromCopy(page), true, "drawn from the copy");
    assert.deepEqual(await homeText(page), drawn);
    await opened(page);
    assert.deepEqual(await homeText(page), drawn);
    await page.getByRole("spinbutton", { name: "年度" }).fill("2025");
    await page.getByTestId("townships").getByRole("link", { name: /2025/ }).first().waitFor();

    // A second tab imports the W4 corpus (and stays open, on the Data page): the log
    // changed, so the copy drawn before is not shown. (Closed, that tab would keep a
    // copy of the log it holds, which is all of it.)
    const other = await context.newPage();
    await other.goto(`${base}/`);
    await opened(other);
    await importBackup(other, path.join(GOLDEN, "cadre_selection.json"));
    await page.reload();
    await townshipsDrawn(page);
    assert.equal(await fromCopy(page), false, "a copy of the log before the import is not shown");
    await opened(page);
    const after = await homeText(page);
    // And the start after that draws the new copy (the home page kept it).
    await page.reload();
    await townshipsDrawn(page);
    assert.equal(await fromCopy(page), true);
    assert.deepEqual(await homeText(page), after);

    // In English the Chinese copy is not used; the English one is kept and used next.
    await opened(page);
    await page.evaluate(() => localStorage.setItem("jishi:m:lang", "en"));
    await page.reload();
    await townshipsDrawn(page);
    assert.equal(await fromCopy(page), false, "the Chinese copy is not shown in English");
    await opened(page);
    await page.reload();
    await townshipsDrawn(page);
    assert.equal(await fromCopy(page), true);
    assert.match(await page.getByTestId("todo").innerText(), /[A-Za-z]/);
    await other.close();
  } finally {
    await context.close();
  }
});

test("a copy whose text was changed in storage is drawn as text, never as markup", async () => {
  const { context, page } = await adminPhone();
  try {
    await goHome(page);
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
    assert.equal(await fromCopy(page), true, "the changed copy still has its key");
    assert.equal(await page.locator("main img").count(), 0);
    assert.notEqual(await link.getAttribute("href"), "javascript:window.__owned=1");
    await opened(page);
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    assert.match(await page.getByTestId("townships").innerText(), /乌力吉木仁苏木/);
  } finally {
    await context.close();
  }
});

/** The copy kept for the next start: its townships' text, or its line saying none. */
const keptTownships = (page) =>
  page.evaluate(() => {
    const copy = JSON.parse(localStorage.getItem("jishi:m:home_copy") || "null");
    return copy && JSON.stringify(copy.townships);
  });

/** The app as hidden (another app opened, the phone locked). */
const hide = (page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "hidden", { value: true, configurable: true });
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });

test("a session that ends on another page after recording still leaves a copy of the home page", async () => {
  const { context, page } = await adminPhone();
  try {
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const form = page.locator("form[data-testid=add-township]");
    await form.locator("input[name=name]").fill("巨日合镇");
    await form.locator("button[type=submit]").click();
    await page.locator("section[data-testid=township] h2", { hasText: "巨日合镇" }).waitFor();
    assert.doesNotMatch((await keptTownships(page)) || "", /巨日合镇/, "not on the home page yet");
    await hide(page);
    assert.match(await keptTownships(page), /巨日合镇/);
    await page.goto(`${base}/`);
    await page.getByTestId("townships").getByRole("link", { name: /巨日合镇/ }).waitFor();
    assert.equal(await fromCopy(page), true);
  } finally {
    await context.close();
  }
});

test("a tab that could read only part of the log keeps no copy of it", async () => {
  const { context, page } = await adminPhone();
  try {
    await goHome(page);
    const kept = await keptTownships(page);
    assert.match(kept, /乌力吉木仁苏木/);
    // A second tab where IndexedDB can't be opened: it shows localStorage's part alone.
    const partial = await context.newPage();
    await partial.addInitScript(() => {
      indexedDB.open = () => {
        throw new DOMException("refused for the test", "UnknownError");
      };
    });
    await partial.goto(`${base}/`);
    await partial.getByText(/可能不全/).first().waitFor();
    await hide(partial);
    await partial.close();
    assert.equal(await keptTownships(page), kept, "the whole log's copy stays");
  } finally {
    await context.close();
  }
});

test("a copy whose log, or language, changed while the app's code was on its way is not shown", async () => {
  for (const change of ["none", "a write begun in another tab", "the language"]) {
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      await becomeUser(page, "旗委组织部 张卫东", "admin");
      await importBackup(page, path.join(GOLDEN, "village_pay.json"));
      await goHome(page);
      await opened(page);
      // The next start's start chunk is held back until the change is made.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      let asked = 0;
      await page.route("**/split_start_parts.wasm", async (route) => {
        asked++;
        await held;
        await route.continue().catch(() => {});
      });
      const reloaded = page.reload();
      while (asked === 0) await page.waitForTimeout(50);
      await page.evaluate((change) => {
        if (change === "a write begun in another tab") {
          localStorage.setItem("jishi:m:log_stamp", "pending-" + localStorage.getItem("jishi:m:log_stamp"));
        }
        if (change === "the language") localStorage.setItem("jishi:m:lang", "en");
      }, change);
      release();
      await reloaded;
      await opened(page);
      assert.equal(await fromCopy(page), change === "none", `drawn from the copy after ${change}`);
    } finally {
      await context.close();
    }
  }
});
