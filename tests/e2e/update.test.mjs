// A new build replaces the old one cleanly: after one online visit the new service
// worker takes over; a tab still running the old build opens pages it had not loaded yet
// (their chunks stay cached with the build just replaced); the app opens offline from the
// new build only (no old js with new wasm); builds older than that are deleted; and the
// phone's entries are untouched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { DIST, ROOT, VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";

let browser;
let server;
let serving;
let v1;
let v2;
let v3;

/** The build's folder of hashed files, app-<hash>. */
const appDir = (dir) => fs.readdirSync(dir).find((f) => /^app-[0-9a-f]{16}$/.test(f));
const NEXT_APP = `app-${"f".repeat(16)}`;

/** Make a later build from dist/: same code in a new hashed folder `app` (default
 * app-fff…), re-stamped sw.js. */
function makeNextBuild(dir, app = NEXT_APP) {
  fs.cpSync(DIST, dir, { recursive: true });
  const old = appDir(dir);
  fs.renameSync(path.join(dir, old), path.join(dir, app));
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8").replaceAll(old, app);
  fs.writeFileSync(path.join(dir, "index.html"), html.replace("</body>", `<!-- ${app} --></body>`));
  fs.copyFileSync(path.join(ROOT, "public", "sw.js"), path.join(dir, "sw.js"));
  execFileSync("sh", [path.join(ROOT, "scripts", "stamp-sw.sh"), dir]);
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make test-e2e`");
  v1 = DIST;
  v2 = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-v2-"));
  makeNextBuild(v2);
  v3 = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-v3-"));
  makeNextBuild(v3, `app-${"e".repeat(16)}`);
  serving = v1;
  server = await startServer(() => serving);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  for (const dir of [v2, v3]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((c) => c.startsWith("jishi-")));

test("a new build takes over cleanly, an open tab keeps working, and older builds' caches are removed", async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const buildOf = (dir) => fs.readFileSync(path.join(dir, "sw.js"), "utf8").match(/const BUILD = "([0-9a-f]+)"/)[1];
  /** Serve `dir` and let the open tab's worker find it; wait until it is installed. */
  const deploy = async (dir) => {
    serving = dir;
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    // Installed and activated: nothing installing or waiting, its cache there.
    const settled = () => page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return !r.installing && !r.waiting && r.active?.state === "activated";
    });
    for (let i = 0; i < 100; i++) {
      if ((await cacheNames(page)).includes(`jishi-${buildOf(dir)}`) && (await settled())) break;
      await page.waitForTimeout(200);
    }
  };
  try {
    await page.goto(`${base}/`);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.locator("input[name=name]").fill("王芳");
    await page.locator("select[name=role]").selectOption("admin");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    assert.deepEqual(await cacheNames(page), [`jishi-${buildOf(v1)}`]);

    // The server now has the next build, found while this tab still runs the old one.
    await deploy(v2);
    assert.deepEqual(await cacheNames(page), [`jishi-${buildOf(v1)}`, `jishi-${buildOf(v2)}`]);
    // The old tab opens a page it had not loaded: its chunk comes from the replaced build.
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    await page.getByRole("heading", { name: "干部选拔任用纪实" }).waitFor();

    // A third build: the first build's cache goes, the one it replaces stays beside it.
    await page.reload();
    await deploy(v3);
    assert.deepEqual(await cacheNames(page), [`jishi-${buildOf(v2)}`, `jishi-${buildOf(v3)}`]);

    // Offline: the app opens from the newest build only, with the user's data intact.
    await context.setOffline(true);
    await stopServer(server);
    await page.reload();
    await page.getByRole("heading", { name: "干部选拔任用纪实" }).waitFor();
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
    const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name).filter((n) => /\/app-/.test(n)));
    const newest = appDir(v3);
    assert.ok(scripts.length > 0 && scripts.every((n) => n.includes(`/${newest}/`)), `assets: ${scripts}`);
    assert.match(await page.locator("a.pill.user").textContent(), /王芳/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a first visit downloads the app once; a later open starts from the phone without asking the network", async () => {
  const local = await startServer(DIST);
  const base = `http://127.0.0.1:${local.address().port}`;
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow" });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    await page.locator("input[name=name]").waitFor();
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const wasm = `${appDir(DIST)}/jishi_bg.wasm`;
    const chunk = `${appDir(DIST)}/${fs.readdirSync(path.join(DIST, appDir(DIST))).find((f) => f.startsWith("split_cadre_selection_page"))}`;
    // The worker has precached the build, the wasm and the chunks loaded on demand included.
    for (let i = 0; i < 100; i++) {
      const cached = await page.evaluate(async (w) => {
        const names = (await caches.keys()).filter((c) => c.startsWith("jishi-"));
        const cache = names.length === 1 && (await caches.open(names[0]));
        return !!cache && !!(await cache.match(`./${w[0]}`)) && !!(await cache.match(`./${w[1]}`));
      }, [wasm, chunk]);
      if (cached) break;
      await page.waitForTimeout(100);
    }
    assert.equal(local.requests.filter((p) => p === `/${wasm}`).length, 1, `requests: ${local.requests}`);
    assert.equal(local.requests.filter((p) => p === `/${chunk}`).length, 1, `requests: ${local.requests}`);
    const assets = local.requests.filter((p) => p.startsWith(`/${appDir(DIST)}/`));
    assert.deepEqual(assets, [...new Set(assets)], "a file of the build fetched twice");
    // What the cache holds for a chunk is that chunk: a wasm module the browser compiles
    // as it streams (which also needs the wasm content type).
    const compiled = await page.evaluate(async (c) => {
      const module = await WebAssembly.compileStreaming(caches.match(`./${c}`));
      return WebAssembly.Module.imports(module).length;
    }, chunk);
    assert.ok(compiled > 0, "the cached chunk compiles");
    // Opened again while online: the page comes from the phone's copy; the network is
    // asked only for the service worker itself (the browser's update check).
    const before = local.requests.length;
    await page.goto(`${base}/t/some/deep/route`);
    await page.locator("input[name=name]").waitFor();
    const asked = local.requests.slice(before).filter((p) => p !== "/sw.js");
    assert.deepEqual(asked, [], "nothing but sw.js reached the network");
  } finally {
    await context.close();
    await stopServer(local);
  }
});
