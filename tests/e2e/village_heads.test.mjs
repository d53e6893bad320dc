// Village heads and 退后关爱 (W3) end to end, on a phone-sized screen, offline after the
// first load, against the release build. The county's organization department imports
// the heads' history (tests/golden/village_heads.json: a secretary of 10 years to the
// day, one who served as secretary and director at once, one who died in office, a
// sitting head), opens the heads from 基础信息, reads who qualifies for this year's care
// and why, confirms the list, records a new head's tenure through the form (a wrong
// entry first: every field's message at once) and ends it; a township organizer reads
// the same pages with no form, and is told who may. Nothing overflows at 360 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT, VIEWPORT, downloadCsv, goOffline, serveApp, shot, tableOnScreen } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

// The app's year is Beijing's (the phone's clock read in Asia/Shanghai).
const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
const ADMIN = "旗委组织部 张卫东";

let browser;
let base;
serveApp((app) => ({ browser, base } = app));

async function openHeads(page) {
  await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
  await page.getByRole("link", { name: "村两委正职任职与退后关爱" }).click();
  await page.getByRole("heading", { name: "村两委正职", exact: true }).waitFor();
}

function person(page, name) {
  return page.locator("[data-testid=people] li", { hasText: name });
}

async function noOverflow(page, what) {
  await page.setViewportSize({ width: 360, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `${what} is ${wide} px wide at 360 px`);
  await page.setViewportSize(VIEWPORT);
}

test("the county keeps its village heads' tenures and confirms the year's care list", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, ADMIN, "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/village_heads.json"));
  await goOffline(page);

  await openHeads(page);
  assert.match(await person(page, "孟根").innerText(), /累计任正职11年/);
  assert.match(await person(page, "白玉兰").innerText(), /在任/);

  // This year's list: as of 1 January, three former heads of 10 years or more.
  await page.getByRole("link", { name: "退后关爱生活补贴名单" }).click();
  await page.getByRole("heading", { name: `${YEAR}年退后关爱生活补贴名单` }).waitFor();
  const rule = await page.locator("[data-testid=care-rule]").innerText();
  assert.match(rule, new RegExp(`以${YEAR}-01-01为准.*满10年.*2400元`));
  const qualifying = page.locator("[data-testid=care-qualifying]");
  for (const name of ["包金山", "孟根", "韩宝音"]) {
    await qualifying.getByRole("link", { name }).waitFor();
  }
  assert.match(await qualifying.locator("li", { hasText: "包金山" }).innerText(), /任正职10年，已于2020-03-01离任/);
  const others = await page.locator("[data-testid=care-others]").innerText();
  assert.match(others, /其木格[\s\S]*已去世/);
  assert.match(others, /白玉兰[\s\S]*在任/);
  assert.equal(await page.locator("[data-testid=care-total]").innerText(), "共3人，合计7200元");
  assert.equal(await page.locator("[data-testid=care-confirmed]").innerText(), "尚未确认");
  await noOverflow(page, "the care list");
  await shot(page, "w3-care-list");

  // Each person's row can leave them off with a reason of their own; blank rows are
  // listed. 包金山 has died since leaving office.
  const care = page.locator("form[data-testid=care-form]");
  await care.getByLabel("包金山").selectOption({ label: "已去世" });
  await care.getByRole("button", { name: "确认名单" }).click();
  await page.locator("[data-testid=care-confirmed]", { hasText: "已确认" }).waitFor();
  assert.match(await page.locator("[data-testid=care-confirmed]").innerText(), /旗委组织部 张卫东.*2人，合计4800元/);
  assert.equal(await page.locator("[data-testid=care-total]").innerText(), "共2人，合计4800元");
  assert.match(await qualifying.locator("li", { hasText: "包金山" }).innerText(), /不列入（已去世）/);
  await page.getByText("不列入：包金山（已去世）").waitFor();

  // A new head: a wrong entry names every problem at once, then the tenure is saved.
  await page.getByRole("link", { name: "← 村两委正职" }).click();
  await page.getByText("登记任职", { exact: true }).click();
  const form = page.locator("form[data-testid=tenure-form]");
  await form.getByLabel("村（嘎查）").selectOption({ label: "乌力吉木仁苏木 · 乌兰哈达嘎查" });
  await form.getByLabel("职务").selectOption({ label: "村委会主任" });
  await form.getByLabel("任职日期").fill(`${YEAR + 1}-01-01`);
  await form.getByLabel("离任日期").fill("2016-01-01");
  await form.getByRole("button", { name: "保存任职记录" }).click();
  for (const message of ["请填写姓名", "任职日期应在", "离任日期应晚于任职日期", "请选择离任原因"]) {
    await form.getByText(message).first().waitFor();
  }
  await form.getByLabel("姓名").fill("苏和");
  await form.getByLabel("任职日期").fill(`${YEAR - 10}-05-01`);
  await form.getByLabel("离任日期").fill("");
  await form.getByRole("button", { name: "保存任职记录" }).click();
  await person(page, "苏和").waitFor();
  assert.match(await person(page, "苏和").innerText(), new RegExp(`乌兰哈达嘎查 村委会主任 ${YEAR - 10}-05-01 起，在任`));

  // He leaves office: the tenure is ended through its own form, as a new version.
  await person(page, "苏和").getByRole("link", { name: "苏和" }).click();
  await page.getByRole("button", { name: "更正或登记离任" }).click();
  const edit = page.locator("form[data-testid=tenure-form]");
  assert.equal(await edit.getByLabel("任职日期").inputValue(), `${YEAR - 10}-05-01`);
  await edit.getByLabel("离任日期").fill(`${YEAR}-01-01`);
  await edit.getByLabel("离任原因").selectOption({ label: "换届离任" });
  await edit.getByRole("button", { name: "保存任职记录" }).click();
  await page.locator("[data-testid=served]", { hasText: "已离任" }).waitFor();
  assert.match(await page.locator("[data-testid=served]").innerText(), /累计任正职9年8个月/);
  await noOverflow(page, "a person's page");

  // Next year's list: he served less than 10 years, and says so.
  await page.goto(`${base}/heads/care/${YEAR + 1}`);
  const short = page.locator("[data-testid=care-others] li", { hasText: "苏和" });
  assert.match(await short.innerText(), /任正职9年8个月，不满10年/);

  // This year's pay sheet: sitting heads' base pay (no village graded yet), the care
  // list's subsidies, totals; printable, and a CSV that Excel opens.
  await page.goto(`${base}/heads`);
  await page.getByRole("link", { name: "村干部报酬表" }).click();
  await page.getByText(`${YEAR}年嘎查村干部报酬表`).waitFor();
  await page.locator("[data-testid=pay-provisional]", { hasText: "有村尚未评定" }).waitFor();
  const county = await page.locator("table[data-testid=pay-county]").innerText();
  assert.match(county, /乌力吉木仁苏木\s+16000\s+0\s+0\s+4800\s+20800/);
  assert.match(county, /全旗县合计\s+16000\s+0\s+0\s+4800\s+20800/);
  await noOverflow(page, "the pay sheet");
  await shot(page, "w3-pay-sheet");
  // The CSV, parsed back: the column heads first (the title is the file's name), every
  // row of the township's sheet on screen with its township first, the county's sums
  // last (and why the sheet is provisional); amounts bare numbers.
  const csv = await downloadCsv(page, page.getByRole("button", { name: "导出 CSV（Excel、WPS 可打开）" }));
  assert.equal(csv.file, `${YEAR}年嘎查村干部报酬表.csv`);
  const sheet = await tableOnScreen(page.locator("table[data-testid=pay-township]"));
  assert.deepEqual(csv.rows[0], ["乡镇（苏木）", ...sheet.heads]);
  assert.deepEqual(csv.rows.slice(1, -1), sheet.rows.map((r) => ["乌力吉木仁苏木", ...r]));
  assert.ok(csv.rows.some((r) => r.join() === "乌力吉木仁苏木,白音花嘎查,离任村干部,孟根,,,,2400,2400,退后关爱"), csv.text);
  const why = await page.locator("[data-testid=pay-provisional]").allInnerTexts();
  assert.ok(why.includes("有村尚未评定，绩效工资待定（未计入合计）"), why.join("\n"));
  assert.deepEqual(csv.rows.at(-1), ["全旗县", "合计", "", "", "16000", "0", "0", "4800", "20800", `暂定：${why.join("；")}`]);
  assert.match(csv.text, /\r\n全旗县,合计,,,16000,0,0,4800,20800,/, "amounts written bare");

  // A township organizer reads the pages with no form, and is told who may.
  await becomeUser(page, "苏木组织委员 王丽娜", "organizer");
  await openHeads(page);
  assert.equal(await page.locator("form[data-testid=tenure-form]").count(), 0);
  assert.match(await page.locator("[data-testid=not-yours]").innerText(), /只有县委组织部管理员可以/);
  await page.getByRole("link", { name: "退后关爱生活补贴名单" }).click();
  await page.locator("[data-testid=care-confirmed]", { hasText: "已确认" }).waitFor();
  assert.equal(await page.locator("form[data-testid=care-form]").count(), 0);
  await page.goto(`${base}/heads/pay/${YEAR}`);
  await page.getByText("只有县委组织部管理员可以查看全旗县村干部报酬表").waitFor();
  assert.equal(await page.locator("table[data-testid=pay-county]").count(), 0);
  await context.close();
});
