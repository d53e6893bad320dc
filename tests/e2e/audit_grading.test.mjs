// 经济责任审计动态分级 (W8) end to end on a phone-sized screen, offline after the first
// load, against the release build. The audit office records four units with their
// budgets (three of 6,000,000 yuan: level 1; one of 2,000,000: level 3), opens next
// year's proposed plan (two of the three level-1 units, 35% rounded up, and one level-3
// sample), takes one out with a reason and sees the rule that will be missed, on the
// plan and on the home page; adds the third with a reason, and the plan meets every rule
// again; the plan's CSV opens in Excel (UTF-8 with a byte-order mark).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { VIEWPORT, downloadCsv, goOffline, serveApp, shot, tableOnScreen } from "./lib.mjs";
import { becomeUser } from "./ui.mjs";

const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
const NEXT = YEAR + 1;

let browser;
let base;
serveApp((app) => ({ browser, base } = app));

/** Send a form and wait for its notice; a refusal fails with its message. */
async function send(form, button, done) {
  await form.getByRole("button", { name: button }).click();
  const refused = form.locator(".form-error");
  await form.locator(".notice", { hasText: done }).or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`refused: ${(await refused.allTextContents()).join(" | ")}`);
}

async function noOverflow(page, what) {
  await page.setViewportSize({ width: 360, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `${what} is ${wide} px wide at 360 px`);
  await page.setViewportSize(VIEWPORT);
}

async function addUnit(page, name, budget) {
  const form = page.locator("form[data-testid=audit_unit]");
  await form.getByLabel("单位名称").fill(name);
  await form.getByLabel("预算年度").fill(String(YEAR));
  await form.getByLabel("财政预算资金（元）").fill(budget);
  await form.getByLabel("行政、经济决策权重").selectOption("1");
  await form.getByLabel("资金分配权重").selectOption("1");
  await form.getByLabel("社会关注度").selectOption("1");
  await send(form, "添加审计单位", "已保存");
  await page.locator("[data-testid=audit-units] a", { hasText: name }).waitFor();
}

/** The labels of a select's options. */
const labels = (select) => select.locator("option").allTextContents();

test("next year's audit plan is proposed, adjusted with reasons, warned about and exported", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, "审计局 刘辉", "auditor");
  await goOffline(page);

  // The audit's pages have no entry in the bottom navigation: a bookmark (the home page's
  // to-dos lead there once the phone holds the county's records, as below).
  await page.goto(`${base}/audit`);
  await page.getByRole("heading", { name: "经济责任审计动态分级" }).waitFor();
  // A budget that is not whole yuan is refused, nothing saved.
  const form = page.locator("form[data-testid=audit_unit]");
  await form.getByLabel("单位名称").fill("霍林郭勒市财政局");
  await form.getByLabel("预算年度").fill(String(YEAR));
  await form.getByLabel("财政预算资金（元）").fill("600万");
  await form.getByRole("button", { name: "添加审计单位" }).click();
  await form.locator(".field-error", { hasText: "请填写整数元" }).waitFor();
  assert.equal(await page.locator("[data-testid=audit-units] a").count(), 0);

  await addUnit(page, "霍林郭勒市财政局", "6,000,000");
  await addUnit(page, "霍林郭勒市发展和改革委员会", "6000000");
  await addUnit(page, "霍林郭勒市住房和城乡建设局", "6000000");
  await addUnit(page, "霍林郭勒市档案馆", "2000000");
  // Level 1: 3 units, at least 2 a year.
  const one = await page.locator("table[data-testid=audit-levels] tr[data-level=One] td").allInnerTexts();
  assert.match(one[0], /3$/, one.join(" | "));
  assert.match(one[1], /2$/, one.join(" | "));
  await noOverflow(page, "the audit overview");
  // The coverage's CSV, parsed back: each year's audited and units per level as two
  // numbers, as the table shows "audited/units".
  const coverage = await downloadCsv(page, page.getByRole("button", { name: "导出 CSV（Excel、WPS 可打开）", exact: true }));
  assert.equal(coverage.file, "经济责任审计覆盖.csv");
  const shownCoverage = await tableOnScreen(page.locator("table[data-testid=audit-coverage]"));
  const levels = shownCoverage.heads.slice(1);
  assert.deepEqual(coverage.rows[0], [shownCoverage.heads[0], ...levels.flatMap((l) => [`${l}已审计`, `${l}单位数`])]);
  assert.deepEqual(
    coverage.rows.slice(1).map((r) => [r[0], ...levels.map((_, i) => `${r[1 + 2 * i]}/${r[2 + 2 * i]}`)]),
    shownCoverage.rows,
  );
  // This year: none of the three level-1 units audited yet, the 档案馆 level 3.
  assert.deepEqual(coverage.rows.at(-1), [String(YEAR), "0", "0", "0", "3", "0", "0", "0", "1"]);

  // Next year's proposal: 2 of the 3 level-1 units (35% of 3 = 1.05 → 2) and a sample.
  await page.getByRole("link", { name: new RegExp(`^${NEXT}年审计计划`) }).click();
  await page.getByRole("heading", { name: `${NEXT}年经济责任审计计划` }).waitFor();
  await page.locator("[data-testid=plan-ok]").waitFor();
  assert.equal(await page.locator("[data-testid=plan-units] a").count(), 3);
  assert.match(await page.locator("[data-testid=plan-units]").innerText(), /三级任中抽审/);
  await shot(page, "w8-plan-proposed");

  // Take one level-1 unit out, with a reason: the 35% rule will be missed.
  const remove = page.locator("form[data-testid=audit_remove]");
  const planned = (await labels(remove.getByLabel("移出的单位"))).filter((l) => l.includes("（一级）"));
  assert.equal(planned.length, 2, planned.join(" | "));
  await remove.getByLabel("移出的单位").selectOption({ label: planned[0] });
  await remove.getByLabel("调整原因").fill("该局本年度已接受巡察，延后审计");
  await send(remove, "移出计划", "已保存");
  const miss = page.locator("[data-testid=plan-miss]");
  await miss.waitFor();
  assert.equal(await miss.innerText(), "一级审计对象3个，每年应审计至少2个（35%，向上取整），计划只有1个");
  assert.match(await page.locator("[data-testid=plan-removed]").innerText(), /该局本年度已接受巡察，延后审计/);
  await shot(page, "w8-plan-warned");

  // The home page says so, with the count.
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: `${NEXT}年经济责任审计计划有1条规则将无法满足` }).click();
  await page.getByRole("heading", { name: `${NEXT}年经济责任审计计划` }).waitFor();

  // Add the third level-1 unit, with a reason: every rule is met again.
  const add = page.locator("form[data-testid=audit_add]");
  const name = planned[0].replace("（一级）", "");
  const others = (await labels(add.getByLabel("加入的单位"))).filter((l) => l.includes("（一级）") && !l.startsWith(name));
  assert.equal(others.length, 1, others.join(" | "));
  await add.getByLabel("加入的单位").selectOption({ label: others[0] });
  await add.getByLabel("调整原因").fill("群众反映问题集中，提前审计");
  await send(add, "加入计划", "已保存");
  await page.locator("[data-testid=plan-ok]").waitFor();
  assert.equal(await miss.count(), 0);
  assert.match(await page.locator("[data-testid=plan-units]").innerText(), /县里调整加入：群众反映问题集中，提前审计/);
  await noOverflow(page, "the plan");

  // The plan's CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=plan-csv]").click()]);
  assert.equal(download.suggestedFilename(), `${NEXT}年经济责任审计计划.csv`);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte-order mark");
  const rows = bytes.toString("utf8").slice(1).split("\r\n");
  assert.equal(rows[0], "单位,审计级别,列入原因,完成情况");
  assert.equal(rows.filter((r) => r.includes(",一级,")).length, 2, rows.join("\n"));
  assert.ok(rows.some((r) => r.startsWith("霍林郭勒市档案馆,三级,三级任中抽审,未审计")), rows.join("\n"));

  // The unit taken out is put back from this phone: the adjustment names the removal it
  // saw (so it replaces it rather than differing from it), the removal kept as the trace.
  await add.getByLabel("加入的单位").selectOption({ label: planned[0] });
  await add.getByLabel("调整原因").fill("巡察未涉及财务，仍列入");
  await add.getByRole("button", { name: "加入计划" }).click();
  await page.locator("[data-testid=plan-units]", { hasText: "县里调整加入：巡察未涉及财务，仍列入" }).waitFor();
  await page.locator("[data-testid=plan-ok]").waitFor();
  assert.equal(await page.locator("[data-testid=plan-removed]").count(), 0);
  assert.equal(await page.locator("[data-testid=plan-differing]").count(), 0);
  await context.close();
});
