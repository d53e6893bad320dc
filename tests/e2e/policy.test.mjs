// The county administrator changes policy from a date — including a year's holiday
// schedule the built-in calendar lacks — and bad input is refused next to the field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { VIEWPORT, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser } from "./ui.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

test("policy change with a 2027 holiday schedule; a bad date is refused at its field", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await becomeUser(page, "王芳", "admin");
    // Within 45 days of a year the built-in calendar lacks (2027), the home page warns.
    const warning = page.locator("[data-testid=todo] li", { hasText: "2027 年节假日和调休安排尚未录入" });
    const reaches2027 = new Date(Date.now() + 8 * 3600e3 + 45 * 86400e3).getUTCFullYear() >= 2027;
    if (reaches2027) await warning.waitFor();
    await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await page.locator("summary", { hasText: "政策参数" }).evaluate((s) => { s.parentElement.open = true; });
    const form = page.locator("form[data-testid=policy-form]");
    assert.equal(await form.locator("input").nth(6).inputValue(), "4000", "优秀 pay defaults to 4,000");
    await form.locator("input[name=calendar_year]").fill("2027");
    await form.locator("textarea[name=calendar_holidays]").fill("2027-01-01, 2027-02-30");
    await form.locator("button[type=submit]").click();
    await form.locator(".field-error", { hasText: "有效日期" }).waitFor();
    const before = await page.locator("[data-testid=local-count] b").textContent();
    assert.equal(before, "0", "nothing saved");

    await form.locator("textarea[name=calendar_holidays]").fill("2027-01-01 2027-02-05 2027-02-08");
    await form.locator("textarea[name=calendar_workdays]").fill("2027-02-13");
    await form.locator("button[type=submit]").click();
    await page.locator("[data-testid=local-count] b", { hasText: /^1$/ }).waitFor();
    await page.locator("summary", { hasText: "政策参数" }).evaluate((s) => { s.parentElement.open = true; });
    await page.locator("form[data-testid=policy-form] .hint", { hasText: "已增补：2027" }).waitFor();
    await shot(page, "10-policy");
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.locator("[data-testid=todo]").waitFor();
    assert.equal(await warning.count(), 0, "the 2027 warning is gone once the schedule is in");
  } finally {
    await context.close();
  }
});
