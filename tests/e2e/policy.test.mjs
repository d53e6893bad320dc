// The county administrator changes policy from a date — including a year's holiday
// schedule the built-in calendar lacks — and bad input is refused next to the field.
// Every number is editable and saved exactly: editing some numbers changes nothing else.
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
    assert.equal(await form.getByLabel("优秀绩效工资").inputValue(), "4000", "优秀 pay defaults to 4,000");
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

test("only the county administrator is offered the policy form; others are told who may and read the numbers", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (const role of ["recorder", "organizer", "assessor"]) {
      await becomeUser(page, "某人", role);
      await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
      await page.locator("summary", { hasText: "政策参数" }).evaluate((s) => { s.parentElement.open = true; });
      await page.getByText("只有县委组织部管理员可以录入乡镇、村和政策参数").waitFor();
      assert.equal(await page.locator("form[data-testid=policy-form]").count(), 0, `${role}: no policy form`);
      assert.equal(await page.getByRole("button", { name: "保存政策" }).count(), 0, `${role}: no save button`);
      const numbers = page.locator("[data-testid=policy-read-only]");
      assert.equal(await numbers.getByLabel("优秀绩效工资").inputValue(), "4000", `${role}: reads the numbers`);
      assert.ok(await numbers.getByLabel("优秀绩效工资").isDisabled(), `${role}: but can't change them`);
    }
    await becomeUser(page, "王芳", "admin");
    await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    await page.locator("summary", { hasText: "政策参数" }).evaluate((s) => { s.parentElement.open = true; });
    await page.locator("form[data-testid=policy-form]").waitFor();
  } finally {
    await context.close();
  }
});

/** The Data page's policy form, opened. */
async function openPolicy(page) {
  await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
  await page.locator("summary", { hasText: "政策参数" }).evaluate((s) => { s.parentElement.open = true; });
  return page.locator("form[data-testid=policy-form]");
}

/** Every field of the policy form by name → its value. */
async function values(form) {
  return form.locator("input, select, textarea").evaluateAll((els) =>
    Object.fromEntries(els.filter((e) => e.name).map((e) => [e.name, e.value])));
}

test("every policy number is saved exactly; 3000000000 publicity days is refused at its field", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const saved = page.locator("[data-testid=local-count] b");
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await becomeUser(page, "王芳", "admin");
    let form = await openPolicy(page);
    const defaults = await values(form);
    assert.equal(defaults.outstanding_min, "90");
    assert.equal(defaults.warning_talk_days, "30");
    assert.equal(defaults.publicity_working_days, "5");

    // An absurd number and a malformed one: both refused at once, next to their fields.
    await form.getByLabel("公示天数").fill("3000000000");
    await form.getByLabel("考察每个维度的满分").fill("一百");
    await form.locator("button[type=submit]").click();
    const next = (label) => form.locator("div", { has: page.getByLabel(label) }).locator(".field-error");
    await next("公示天数").filter({ hasText: "公示天数须在 1 至 60 之间" }).waitFor();
    await next("考察每个维度的满分").filter({ hasText: "请只填写数字" }).waitFor();
    await form.locator(".form-error", { hasText: "有 2 处需要修改" }).waitFor();
    assert.equal(await saved.textContent(), "0", "nothing saved");
    await shot(page, "10-policy-refused");

    // Thresholds with hundredths, a deadline, W4 numbers, thousands separators, a new body.
    await form.getByLabel("公示天数").fill("7");
    await form.getByLabel("考察每个维度的满分").fill("20");
    await form.getByLabel("实绩突出分数线").fill("85.50");
    await form.getByLabel("比较突出分数线").fill("59.5");
    await form.getByLabel("诫勉谈话期限").fill("15");
    await form.getByLabel("任前公示（工作日）").fill("7");
    await form.getByLabel("优秀绩效工资").fill("4,500");
    await form.getByLabel("表决通过须赞成票超过半数的").selectOption("present");
    await form.getByLabel("征求意见单位").fill("纪委监委\n检察院\n综治办\n信访局");
    await form.locator("button[type=submit]").click();
    await saved.filter({ hasText: /^1$/ }).waitFor();

    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    form = await openPolicy(page);
    const first = await values(form);
    const expected = {
      ...defaults,
      outstanding_min: "85.5",
      notable_min: "59.5",
      warning_talk_days: "15",
      publicity_working_days: "7",
      dimension_max: "20",
      pay_excellent: "4500",
      majority_of: "present",
      opinion_bodies: "纪委监委\n检察院\n综治办\n信访局",
    };
    assert.deepEqual(first, expected, "what was saved, and nothing else changed");

    // Switch grading to shares; the threshold fields give way to the share fields.
    await form.getByLabel("评定等次方式").selectOption("shares");
    assert.equal(await form.getByLabel("实绩突出分数线").isVisible(), false);
    await form.getByLabel("实绩突出比例").fill("20");
    await form.getByLabel("比较突出比例").fill("50");
    await form.getByLabel("限期整改期限").fill("120");
    await form.locator("button[type=submit]").click();
    await saved.filter({ hasText: /^2$/ }).waitFor();

    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    form = await openPolicy(page);
    assert.deepEqual(
      await values(form),
      { ...first, grading: "shares", outstanding_pct: "20", notable_pct: "50", rectification_days: "120", outstanding_min: "90", notable_min: "60" },
      "shares kept, every other number as saved",
    );
    assert.equal(await form.getByLabel("实绩突出比例").isVisible(), true);
    await shot(page, "10-policy-shares");

    // Saving again untouched records the same policy: nothing drifts.
    await form.locator("button[type=submit]").click();
    await saved.filter({ hasText: /^3$/ }).waitFor();
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    form = await openPolicy(page);
    assert.equal((await values(form)).grading, "shares", "a save never turns shares back into thresholds");
  } finally {
    await context.close();
  }
});
