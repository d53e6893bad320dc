// Decoding and folding the log at start is a chunk of its own (src/ui/chunks.rs,
// `chunks::folder`), which also works out the workflows' to-dos for home: a new phone,
// whose log is empty, opens without it; a phone that holds records and can't fetch it
// says so, changes nothing, and opens once it can.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";
import { becomeUser } from "./ui.mjs";

const FOLDER = "**/split_folder.wasm";
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

test("a new phone opens, and records, without the folding chunk", async () => {
  const { context, page } = await phone();
  let asked = 0;
  await page.route(FOLDER, (route) => {
    asked++;
    return route.abort("internetdisconnected");
  });
  try {
    await recordTownship(page);
    assert.equal(await page.getByRole("alert").filter({ hasText: "打不开" }).count(), 0);
    assert.ok(asked >= 1, "its fetch was started, not waited for");
    // The chunk also works out the workflows' to-dos: home says they are loading,
    // never that there is nothing to do.
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByTestId("todo-loading").filter({ hasText: "正在载入待办事项" }).waitFor();
    assert.equal(await page.getByText("没有待办事项").count(), 0);
  } finally {
    await context.close();
  }
});

test("a phone with records that can't fetch the folding chunk says so, keeps its records, and opens on retry", async () => {
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

test("a folding chunk that never comes is not waited for forever: the phone says so", async () => {
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

test("a chunk fetch that never answers is given up and fetched again: a new phone's to-dos come", async () => {
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
    await recordTownship(page);
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    const loading = page.getByTestId("todo-loading");
    await loading.waitFor();
    hang = false;
    // The hung request is given up at the deadline, and fetched again within 10 s.
    await loading.waitFor({ state: "detached", timeout: 30000 });
    assert.ok(hung >= 1 && answered >= 1, `hung ${hung}, answered ${answered}`);
    await page.getByTestId("todo").waitFor();
  } finally {
    await context.close();
  }
});
