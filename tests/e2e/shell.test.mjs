// App shell e2e: the release bundle in dist/ renders, its service worker precaches it,
// and the app still opens (also on a deep SPA route) with the network gone.
//
// Run: `make test-e2e` (release build, then `node --test tests/e2e/*.test.mjs`).
// Uses Debian's Chromium (JISHI_CHROMIUM, default /usr/bin/chromium) via playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";

/** Waits until the Leptos app has rendered: an element whose whole text is 纪实 (brand/heading). */
async function expectApp(page, where) {
  const brand = page.locator("body").getByText("纪实", { exact: true });
  await brand.first().waitFor({ state: "visible", timeout: 15_000 }).catch(() => {});
  assert.ok((await brand.count()) > 0, `${where}: the app did not render (no visible 纪实)`);
}

let server;
let browser;
let base;

before(async () => {
  assert.ok(
    fs.existsSync(path.join(DIST, "index.html")),
    "dist/index.html missing: run `make build` (or `make test-e2e`) first",
  );
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

test("dist has a stamped service worker", () => {
  const sw = fs.readFileSync(path.join(DIST, "sw.js"), "utf8");
  const build = sw.match(/const BUILD = "([0-9a-f]{12})";/);
  assert.ok(build, "sw.js BUILD id was not stamped");
  const assets = JSON.parse(sw.match(/const ASSETS = (\[.*\]);/)[1]);
  for (const url of ["./", "./index.html", "./manifest.webmanifest", "./icon-192.png", "./icon-512.png"]) {
    assert.ok(assets.includes(url), `precache list lacks ${url}`);
  }
  const app = fs.readdirSync(DIST).find((f) => /^app-[0-9a-f]{16}$/.test(f));
  assert.ok(app, "dist has no app-<hash>/ folder");
  // Every file of the build, the chunks loaded on demand included, so every page works
  // offline after one online visit.
  for (const f of fs.readdirSync(path.join(DIST, app))) {
    assert.ok(assets.includes(`./${app}/${f}`), `precache list lacks ${app}/${f}`);
  }
  assert.ok(assets.includes(`./${app}/jishi_bg.wasm`), "precache list lacks the wasm");
  assert.ok(assets.some((u) => /\/split_village_pay_page\.wasm$/.test(u)), "precache list lacks the W1 chunk");
  assert.ok(!assets.includes("./sw.js"), "sw.js must not precache itself");
});

test("app shell renders online, then offline after the service worker is ready", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`${base}/`);
    await expectApp(page, "online /");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");

    // Installed and activated: every asset of this build is in the cache now.
    const build = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, caches: await caches.keys() };
    });
    assert.equal(build.scope, `${base}/`);
    assert.equal(build.caches.filter((c) => c.startsWith("jishi-")).length, 1, `caches: ${build.caches}`);

    // Reload once online so the page is controlled by the worker.
    await page.reload();
    await expectApp(page, "online reload");
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "page not controlled by the SW");

    // Deep link online (server SPA fallback).
    await page.goto(`${base}/w1/abc`);
    await expectApp(page, "online /w1/abc");

    // Network gone: browser offline and the server stopped.
    await context.setOffline(true);
    await stopServer(server);

    await page.goto(`${base}/`);
    await expectApp(page, "offline /");
    await page.reload();
    await expectApp(page, "offline reload");
    await page.goto(`${base}/w1/abc`);
    await expectApp(page, "offline /w1/abc");
    assert.deepEqual(errors, [], "page errors");
  } finally {
    await context.close();
  }
});

test("the year chosen on the home page stays chosen across pages and a user switch", async () => {
  const { becomeUser } = await import("./ui.mjs");
  // Its own server: an earlier test of this file takes the shared one down.
  const local = await startServer();
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${local.address().port}/`);
    await becomeUser(page, "王芳", "admin");
    const year = page.locator("input[name=year]");
    await year.fill("2025");
    await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await page.getByRole("heading", { name: "数据与备份" }).waitFor();
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    assert.equal(await year.inputValue(), "2025");
    await becomeUser(page, "李明", "organizer");
    assert.equal(await page.locator("input[name=year]").inputValue(), "2025");
  } finally {
    await context.close();
    await stopServer(local);
  }
});

test("each cell of a township's board is named for a screen reader by village, period, score and state", async () => {
  const { becomeUser, importBackup, openBoard } = await import("./ui.mjs");
  const local = await startServer();
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${local.address().port}/`);
    await becomeUser(page, "王芳", "admin");
    await importBackup(page, path.join(ROOT, "tests", "golden", "village_pay.json"));
    await openBoard(page, "乌力吉木仁苏木", 2026);
    const cell = page.getByRole("link", { name: /^巴彦芒哈嘎查 第一季度 \d+\.\d\d 定稿/ });
    assert.equal(await cell.count(), 1, "the Q1 cell of 巴彦芒哈嘎查 reads with its village and period");
  } finally {
    await context.close();
    await stopServer(local);
  }
});

test("a page whose code can't be fetched says so and offers to try again; the rest of the app keeps working", async () => {
  const { becomeUser } = await import("./ui.mjs");
  const local = await startServer();
  // No service worker: it would answer from its cache, where routes can't reach.
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`http://127.0.0.1:${local.address().port}/`);
    await becomeUser(page, "王芳", "admin");
    // The W4 pages' chunk does not arrive (no network, a build replaced on the server).
    await page.route(/\/split_cadre_selection_page\.wasm$/, (route) => route.abort());
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("这一页的程序未能载入：请联网后重试。").waitFor();
    // Not a crash: the other pages still open, and coming back asks for the chunk again.
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    await alert.getByText("这一页的程序未能载入：请联网后重试。").waitFor();
    // With the chunk back, 重试 opens the page.
    await page.unroute(/\/split_cadre_selection_page\.wasm$/);
    await alert.getByRole("button", { name: "重试" }).click();
    await page.getByRole("heading", { name: "干部选拔任用纪实" }).waitFor();
    assert.equal(await page.getByText("纪实遇到了问题").count(), 0, "no crash page");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await stopServer(local);
  }
});

test("a wrong address says so: no such page (then home), no such township (with the way home)", async () => {
  const { becomeUser } = await import("./ui.mjs");
  const local = await startServer();
  const base = `http://127.0.0.1:${local.address().port}`;
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    await becomeUser(page, "王芳", "admin");
    await page.goto(`${base}/no/such/page`);
    await page.getByRole("alert").filter({ hasText: "没有这个页面（地址有误），下面是首页。" }).waitFor();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    await page.goto(`${base}/t/t-nope/2026`);
    await page.getByText("未找到该乡镇").waitFor();
    await page.getByRole("link", { name: "← 首页" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    assert.equal(await page.getByText("没有这个页面").count(), 0, "home itself has no notice");
  } finally {
    await context.close();
    await stopServer(local);
  }
});
