// Close the browser, reopen it with no network: the app opens from the service worker
// and every entry is still there (a real browser restart on the same profile).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, VIEWPORT, startServer, stopServer } from "./lib.mjs";

test("entries survive closing the browser and reopening it offline", async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-profile-"));
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const open = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: VIEWPORT });
  try {
    let context = await open();
    let page = context.pages()[0] || (await context.newPage());
    await page.goto(`${base}/`);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.locator("input[name=name]").fill("王芳");
    await page.locator("select[name=role]").selectOption("admin");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const form = page.locator("form[data-testid=add-township]");
    await form.locator("input[name=name]").fill("巨日合镇");
    await form.locator("button[type=submit]").click();
    await page.locator("section[data-testid=township] h2", { hasText: "巨日合镇" }).waitFor();
    await context.close();

    // No server, no network: reopen the same profile.
    await stopServer(server);
    context = await open();
    await context.setOffline(true);
    page = context.pages()[0] || (await context.newPage());
    await page.goto(`${base}/master`);
    await page.locator("section[data-testid=township] h2", { hasText: "巨日合镇" }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("[data-testid=local-count] b").textContent(), "1");
    assert.match(await page.locator("a.pill.user").textContent(), /王芳/);
    await context.close();
  } finally {
    await stopServer(server);
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
