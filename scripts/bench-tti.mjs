// Time to interactive of the release build in headless Chromium on a slow phone link
// (make bench): one shared 400 kbps link with a 400 ms round trip (simulated by the
// server, so the service worker's downloads share it too), CPU slowed 4×, assets served
// with brotli as a real server would. Prints; never fails. Needs dist/ (a release build).
//
//   first load          a new phone opens the app: until the first screen takes input
//   offline-capable     ... until the service worker holds the whole build (every page's
//                       chunk included)
//   repeat, same link   the app opened again on the same slow link
//   repeat, offline     the app opened again with no network
//   home after setup    a second new phone sends the setup form at once: until its home
//                       page is drawn
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { DIST, launch } from "../tests/e2e/lib.mjs";

const KBPS = 400;
const RTT_MS = 400;
const CPU_SLOWDOWN = 4;
const READY = "input[name=name]";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** One shared link: every response waits a round trip, then its bytes go out at the
 * link's rate, one after another (the page and the service worker share it). Each
 * kilobyte has its time on the link; a timer that fires late sends every kilobyte whose
 * time has come (node's timers fire a few ms late under load: pacing a kilobyte per
 * timer delivered about 70% of the rate). The link's clock restarts only when no
 * response is being sent. */
const link = { free: 0, sent: 0, sending: 0 };
const CHUNK = 1024;
const MS_PER_CHUNK = (CHUNK * 8) / KBPS;

function send(res, headers, body) {
  setTimeout(() => {
    res.writeHead(200, { ...headers, "content-length": body.length });
    if (link.sending++ === 0) link.free = Math.max(link.free, performance.now());
    let at = 0;
    const next = () => {
      while (at < body.length) {
        const now = performance.now();
        if (link.free > now) return setTimeout(next, link.free - now);
        link.free += MS_PER_CHUNK;
        const chunk = body.subarray(at, at + CHUNK);
        at += CHUNK;
        link.sent += chunk.length;
        res.write(chunk);
      }
      link.sending--;
      res.end();
    };
    next();
  }, RTT_MS);
}

/** Every file under `dir`. */
function filesIn(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? filesIn(file) : [file];
  });
}

/** dist/ with brotli (quality 11) and SPA fallback, over the slow link. Every file is
 * compressed before the server starts, as a real server's precompressed assets are
 * (compressing the wasm on its first request held every response back ~3 s). */
function serve() {
  const cache = new Map();
  for (const file of filesIn(DIST)) {
    const raw = fs.readFileSync(file);
    cache.set(file, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  const body = (file) => cache.get(file);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "index.html";
    let file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      file = path.join(DIST, "index.html");
    }
    const hashed = /\/app-[0-9a-f]{16}\/[^/]+$/.test(file);
    send(res, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-encoding": "br",
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    }, body(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function slowCpu(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
}

/** Wait until the service worker is installed (every file of the build cached: its
 * install caches them all or fails), activated and in control of the page. Polled from
 * here: `waitForFunction` takes an async predicate's promise itself as true. */
async function offlineCapable(page) {
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    const ready = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return !!(reg && reg.active && reg.active.state === "activated" && navigator.serviceWorker.controller);
    });
    if (ready) return;
    await page.waitForTimeout(250);
  }
  throw new Error("the service worker never took control");
}

/** A new phone (a fresh browser profile, CPU slowed) opening the app: its page and
 * context, when it started, and the seconds until the setup form took input. */
async function openNewPhone(browser, base) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "allow" });
  const page = await context.newPage();
  await slowCpu(page);
  const t0 = performance.now();
  await page.goto(base, { waitUntil: "commit" });
  await page.locator(READY).waitFor({ timeout: 120_000 });
  return { context, page, t0, ready: (performance.now() - t0) / 1000 };
}

/** A new phone (a fresh browser profile), the setup form sent as soon as it takes input:
 * seconds from opening the app until the form takes input, and until the home page is
 * drawn; `null` if it could not be measured (the other figures still print). */
async function homeAfterSetup(browser, base) {
  let context;
  try {
    const phone = await openNewPhone(browser, base);
    context = phone.context;
    const { page, t0, ready: form } = phone;
    await page.locator(READY).fill("旗委组织部 张卫东");
    await page.locator("select[name=role]").selectOption("admin");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor({ timeout: 120_000 });
    return { form, home: (performance.now() - t0) / 1000 };
  } catch (e) {
    console.log(`bench-tti: a new phone's home page not measured: ${e.message}`);
    return null;
  } finally {
    await context?.close();
  }
}

async function timed(action) {
  const t0 = performance.now();
  await action();
  return (performance.now() - t0) / 1000;
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "index.html"))) {
    console.log("bench-tti: dist/ missing (run make build)");
    return;
  }
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    const { context, page, t0, ready: first } = await openNewPhone(browser, base);
    const firstBytes = link.sent;
    await offlineCapable(page);
    const capable = (performance.now() - t0) / 1000;
    const capableBytes = link.sent;
    const repeat = await timed(async () => {
      await page.reload({ waitUntil: "commit" });
      await page.locator(READY).waitFor({ timeout: 120_000 });
    });
    // A second new phone whose user sends the setup form the moment it appears: how long
    // until the home page is drawn (its code, the start chunk, comes after the first
    // screen, on the same link as the service worker's downloads).
    const home = await homeAfterSetup(browser, base);
    // No network at all: the server is gone.
    server.close();
    server.closeAllConnections();
    const offline = await timed(async () => {
      await page.reload({ waitUntil: "commit" });
      await page.locator(READY).waitFor({ timeout: 120_000 });
    });
    const kb = (b) => (b / 1024).toFixed(0);
    console.log(`time to interactive: ${KBPS} kbps, ${RTT_MS} ms RTT, CPU ${CPU_SLOWDOWN}× slower, brotli`);
    console.log(`  first load          ${first.toFixed(1).padStart(6)} s   ${kb(firstBytes).padStart(5)} KB sent so far (goal ≤ 5 s)`);
    console.log(`  offline-capable     ${capable.toFixed(1).padStart(6)} s   ${kb(capableBytes).padStart(5)} KB sent in all (service worker included)`);
    console.log(`  repeat, same link   ${repeat.toFixed(1).padStart(6)} s`);
    console.log(`  repeat, offline     ${offline.toFixed(1).padStart(6)} s`);
    if (home) {
      console.log(`  home after setup    ${home.home.toFixed(1).padStart(6)} s   (a second new phone: setup form at ${home.form.toFixed(1)} s, sent at once, home ${(home.home - home.form).toFixed(1)} s later)`);
    }
    await context.close();
  } finally {
    await browser.close();
    server.close();
    server.closeAllConnections();
  }
}

main().catch((e) => {
  console.log(`bench-tti: ${e.message}`);
});
