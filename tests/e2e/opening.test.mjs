// Decoding and folding the log at start is in the start chunk (src/ui/chunks.rs,
// `chunks::start_parts`, with the home page and recording): a new phone, whose log is
// empty, opens without it (its other pages work; its home page says its code could not
// be loaded); a phone that holds records and can't fetch it says so, changes nothing,
// and opens once it can.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";
import { becomeUser } from "./ui.mjs";

/** The start chunk (src/ui/chunks.rs, `start_parts`): the home page, recording, and
 * decoding and folding a log. */
const FOLDER = "**/split_start_parts.wasm";
const TOWNSHIP = "巴彦塔拉苏木";
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

/** A phone with no service worker (every fetch goes through the route). */
async function phone() {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
  const page = await context.newPage();
  return { context, page };
}

const township = (page) => page.getByTestId("township").filter({ hasText: TOWNSHIP });

/** The county's administrator records a township on `page`'s phone. */
async function recordTownship(page) {
  await page.goto(`${base}/`);
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
  const form = page.getByTestId("add-township");
  await form.getByLabel("新乡镇名称").fill(TOWNSHIP);
  await form.getByRole("button").click();
  await township(page).waitFor();
}

/** Set the new phone up through the setup form (in the first load). */
async function setUp(page) {
  await page.goto(`${base}/`);
  await page.getByLabel("姓名").fill("旗委组织部 张卫东");
  await page.getByLabel("角色").selectOption("admin");
  await page.getByRole("button", { name: "开始使用" }).click();
}

/** The line a page whose code could not be fetched shows. */
const notLoaded = (page) => page.getByRole("alert").filter({ hasText: "这一页的程序未能载入" });

test("a new phone opens without the start chunk: it is set up, its home page says its code could not be loaded, and all works once the chunk comes", async () => {
  const { context, page } = await phone();
  let asked = 0;
  let reachable = false;
  await page.route(FOLDER, (route) => {
    asked++;
    return reachable ? route.continue() : route.abort("internetdisconnected");
  });
  try {
    await setUp(page);
    const alert = notLoaded(page);
    await alert.waitFor();
    assert.equal(await page.getByRole("alert").filter({ hasText: "打不开" }).count(), 0, "the phone itself opened");
    assert.ok(asked >= 1, "its fetch was started");
    // The other areas are chunks of their own: 基础信息 opens.
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const form = page.getByTestId("add-township");
    await form.waitFor();
    // The network comes back: the chunk is fetched again within 10 s (for the to-dos),
    // with no retry pressed.
    const before = asked;
    reachable = true;
    for (let i = 0; i < 60 && asked === before; i++) await page.waitForTimeout(250);
    assert.ok(asked > before, "fetched again on its own");
    await form.getByLabel("新乡镇名称").fill(TOWNSHIP);
    await form.getByRole("button").click();
    await township(page).waitFor();
    // Hidden, the app keeps its home page's copy for the next start: it knows the home
    // page though the chunk came for the to-dos, not for that page.
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { value: true, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    assert.match(await page.evaluate(() => localStorage.getItem("jishi:m:home_copy") || ""), new RegExp(TOWNSHIP));
    // And its home page draws (the next test: without leaving the page).
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByTestId("townships").getByRole("link", { name: new RegExp(TOWNSHIP) }).waitFor();
    assert.equal(await notLoaded(page).count(), 0);
  } finally {
    await context.close();
  }
});

test("a home page whose code could not be fetched draws itself once the chunk comes, with no retry pressed", async () => {
  const { context, page } = await phone();
  let reachable = false;
  await page.route(FOLDER, (route) => (reachable ? route.continue() : route.abort("internetdisconnected")));
  try {
    await setUp(page);
    await notLoaded(page).waitFor();
    reachable = true;
    // Fetched again for the to-dos within 10 s; the page is not left or reloaded.
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor({ timeout: 30000 });
    await page.getByTestId("todo").waitFor();
    assert.equal(await notLoaded(page).count(), 0);
  } finally {
    await context.close();
  }
});

test("a phone with records that can't fetch the start chunk says so, keeps its records, and opens on retry", async () => {
  const { context, page } = await phone();
  try {
    await recordTownship(page);
    let reachable = false;
    await page.route(FOLDER, (route) => (reachable ? route.continue() : route.abort("internetdisconnected")));
    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "本机记录暂时打不开" });
    await alert.waitFor();
    assert.match(await alert.innerText(), /本机记录完好，不会丢失/);
    assert.equal(await page.locator("nav.bottom").count(), 0, "no app to record into");
    const retry = alert.getByRole("button", { name: /重试/ });
    assert.ok(await retry.evaluate((b) => b === document.activeElement), "the Retry button has the focus");
    reachable = true;
    await alert.getByRole("button", { name: /重试/ }).click();
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByTestId("todo").waitFor();
    assert.equal(await page.getByTestId("todo-loading").count(), 0, "to-dos known once it came");
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    await township(page).waitFor();
    assert.equal(await township(page).count(), 1, "the record is there, once");
  } finally {
    await context.close();
  }
});

test("a start chunk that never comes is not waited for forever: the phone says so", async () => {
  const { context, page } = await phone();
  try {
    await recordTownship(page);
    await page.route(FOLDER, () => {}); // never answered
    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "本机记录暂时打不开" });
    await alert.waitFor({ timeout: 40000 });
    assert.equal(await page.locator("nav.bottom").count(), 0, "no app to record into");
    assert.equal(await alert.getByRole("button", { name: /重试/ }).count(), 1);
  } finally {
    await context.close();
  }
});

test("a chunk fetch that never answers is given up: the home page says so instead of waiting, and comes on retry", async () => {
  const { context, page } = await phone();
  // The deadline for a chunk's response to start (5 minutes in use), shortened.
  await context.addInitScript(() => (globalThis.jishi_chunk_deadline_ms = 3000));
  let [hang, hung, answered] = [true, 0, 0];
  await page.route(FOLDER, (route) => {
    if (hang) return void hung++; // never answered
    answered++;
    return route.continue();
  });
  try {
    await setUp(page);
    // The hung request is given up at the deadline: the page says so.
    await notLoaded(page).waitFor({ timeout: 30000 });
    assert.ok(hung >= 1, `hung ${hung}`);
    hang = false;
    await notLoaded(page).getByRole("button", { name: "重试" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    await page.getByTestId("todo").waitFor();
    assert.ok(answered >= 1, `answered ${answered}`);
  } finally {
    await context.close();
  }
});
