// The cadre management cycle end to end (W5 年度考核, W7 能上能下, W9 后备干部), on a
// phone-sized screen, offline after the first load, against the release build. The
// cadres come from the W4 golden corpus (格日朝鲁苏木's nine cadres). The organization
// department's recorder rates a unit's year, grades a cadre 基本称职 and records the
// 诫勉 done; rates two years in which 孙强 is last, opens his demotion case from the
// candidate the assessment raised, takes it through the six steps and records a talk;
// the reserve pool shows him taken out with the reason, and the structure chart.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT, VIEWPORT, downloadCsv, serveApp, shot, tableOnScreen } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
const LAST = YEAR - 1;
const RECORDER = "记录人 周静";
const UNIT = "格日朝鲁苏木";

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

/** A phone with the W4 cadres, offline, used by the recorder. */
async function phone() {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, "旗委组织部 张卫东", "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/cadre_selection.json"));
  // Offline once the app is kept on the phone (its pages' chunks with it).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await becomeUser(page, RECORDER, "recorder");
  return { context, page };
}

/** The unit's page of `year`, from the bottom navigation. */
async function unitPage(page, year) {
  // The navigation opens the year being assessed; its page links the years either side.
  await page.locator("nav.bottom a", { hasText: "年度考核" }).click();
  const title = page.getByRole("heading", { name: /^\d{4}年度考核$/ });
  await title.waitFor();
  let shown = Number((await title.innerText()).slice(0, 4));
  while (shown !== year) {
    shown += year < shown ? -1 : 1;
    await page.getByRole("link", { name: String(shown), exact: true }).click();
    await page.getByRole("heading", { name: `${shown}年度考核` }).waitFor();
  }
  await page.locator("[data-testid=assessment-units] a", { hasText: UNIT }).click();
  await page.getByRole("heading", { name: `${UNIT} · ${year}年度考核` }).waitFor();
}

/** Rate `name` in `year` with each group's score (上级、同级、下级、本人、外单位). */
async function rate(page, year, name, scores) {
  await unitPage(page, year);
  const form = page.locator("form[data-testid=assessment_rating]");
  await form.getByLabel("干部").selectOption({ label: name });
  for (const [group, score] of Object.entries(scores)) await form.getByLabel(group, { exact: true }).fill(score);
  await form.getByLabel("党风廉政建设责任制考核达标").selectOption("yes");
  await send(form, "保存测评得分", "已保存");
}

test("a unit's year from ratings to grades to a 诫勉 record", async () => {
  const { context, page } = await phone();
  await rate(page, LAST, "王建军", { 上级: "72", 同级: "70", 下级: "68", 本人: "85" });
  await rate(page, LAST, "李四", { 上级: "95", 同级: "92.5", 下级: "90", 本人: "96", 外单位相关人员: "93" });
  // The ranking: 李四 first (93.40), 王建军 second; (40×72+20×70+20×68+10×85)/90 = 72.11.
  const ranking = page.locator("[data-testid=assessment-ranking]");
  await ranking.locator("tr", { hasText: "王建军" }).filter({ hasText: "72.11" }).waitFor();
  await ranking.locator("tr", { hasText: "李四" }).filter({ hasText: "93.40" }).waitFor();

  // 基本称职 without grounds is refused with the reason, and nothing is saved.
  const grade = page.locator("form[data-testid=assessment_grade]");
  await grade.getByLabel("干部").selectOption({ label: "王建军" });
  await grade.getByLabel("考核等次").selectOption({ label: "基本称职" });
  await grade.getByRole("button", { name: "确定等次" }).click();
  await grade.locator(".form-error, .field-error", { hasText: "请填写定等依据" }).first().waitFor();
  await grade.getByLabel("定等依据").fill("综合得分本单位末位，重点工作推进迟缓");
  await send(grade, "确定等次", "已定等");
  await ranking.locator("tr", { hasText: "王建军" }).filter({ hasText: "基本称职" }).waitFor();
  await shot(page, "assessment-unit");
  // The ranking's CSV, parsed back, is the table on screen; scores bare numbers.
  const csv = await downloadCsv(page, page.getByRole("button", { name: "导出 CSV（Excel、WPS 可打开）", exact: true }));
  assert.equal(csv.file, `${UNIT}${LAST}年度考核排名.csv`);
  const shown = await tableOnScreen(ranking);
  assert.deepEqual(csv.rows[0], shown.heads);
  assert.deepEqual(csv.rows.slice(1), shown.rows);
  assert.ok(csv.rows.some((r) => r.includes("王建军") && r.includes("72.11") && r.includes("基本称职")), csv.text);
  assert.match(csv.text, /,93\.40,/, "a score written bare");

  // Home tells the recorder the 诫勉 is due; the year page records it done.
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.getByRole("link", { name: new RegExp(`${LAST}年度考核结果运用：王建军 · 诫勉`) }).click();
  await page.getByRole("heading", { name: `${LAST}年度考核` }).waitFor();
  const owed = page.locator("[data-testid=consequences] li", { hasText: "王建军 · 诫勉" });
  await owed.locator("text=/应于.*前落实/").waitFor();
  const carry = page.locator("form[data-testid=assessment_carry]");
  await carry.getByLabel("处理事项").selectOption({ label: "王建军 · 诫勉" });
  await carry.getByLabel("落实情况（文号、会议等）").fill("下达诫勉通知书（组诫字〔2026〕3号）");
  await send(carry, "记录落实情况", "已记录");
  await owed.locator("text=/已落实/").waitFor();

  // A township organizer's phone shows the page but no form.
  await becomeUser(page, "苏木组织委员 王丽娜", "organizer");
  await unitPage(page, LAST);
  await page.locator("[data-testid=not-yours]").first().waitFor();
  assert.equal(await page.locator("form[data-testid=assessment_rating]").count(), 0);
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the unit's year fits 360 px");
  await context.close();
});

test("the bottom two years running goes through the six steps and leaves the pool", async () => {
  const { context, page } = await phone();
  // Both in the first echelon before anything happens.
  await page.locator("nav.bottom a", { hasText: "年度考核" }).click();
  await page.getByRole("link", { name: "后备干部库" }).click();
  const enter = page.locator("form[data-testid=reserve_enter]");
  for (const name of ["孙强", "王建军"]) {
    await enter.getByLabel("干部").selectOption({ label: name });
    await enter.getByLabel("梯队").selectOption({ label: "第一梯队" });
    await enter.getByLabel("入库依据（推荐方式、考察情况）").fill("民主推荐、组织考察后纳入");
    await send(enter, "纳入后备干部库", "已保存");
  }
  await page.locator("[data-testid=pool-first] li", { hasText: "孙强" }).waitFor();

  for (const year of [LAST - 1, LAST]) {
    await rate(page, year, "王建军", { 上级: "92", 同级: "90" });
    await rate(page, year, "孙强", { 上级: "70", 同级: "68" });
  }
  // The assessment raised a candidate with its evidence.
  await page.locator("nav.bottom a", { hasText: "年度考核" }).click();
  await page.getByRole("link", { name: "能上能下" }).click();
  const candidate = page.locator("[data-testid=candidate]", { hasText: "孙强：年度综合考核连续2年排名位居后列" });
  await candidate.locator("li", { hasText: `${LAST}年度 ${UNIT} 第2名（共2人）` }).waitFor();
  const open = page.locator("form[data-testid=demotion_candidate]");
  assert.equal(await open.getByLabel("事实依据").inputValue(), "年度综合考核连续2年排名位居后列");
  await open.getByLabel("动议人").fill("旗委组织部干部科");
  // Taken up, the candidate leaves the list with its form; the case is listed.
  await open.getByRole("button", { name: "启动处置动议" }).click();
  await page.locator("[data-testid=no-candidates]").waitFor();
  await page.locator("[data-testid=demotion-cases] a", { hasText: "孙强" }).click();
  await page.getByRole("heading", { name: "孙强 · 能上能下处置" }).waitFor();

  // Five more steps, in order: the page offers only the next one.
  const steps = [
    ["调查核实", async (f) => f.getByLabel("调查核实情况").fill("调阅考核档案，个别谈话12人")],
    ["综合分析", async (f) => {
      await f.getByLabel("认定为不胜任现职").selectOption("yes");
      await f.getByLabel("综合分析意见").fill("连续两年排名末位，履职能力明显不足");
    }],
    ["讨论决定", async (f) => {
      await f.getByLabel("处置方式").selectOption({ label: "待岗" });
      await f.getByLabel("会议及表决情况").fill("部务会研究，7人到会，同意7票");
    }],
    ["告知谈话", async (f) => f.getByLabel("谈话人及谈话情况").fill("分管副部长与本人谈话，本人表示服从")],
    ["备案跟踪", async (f) => f.getByLabel("备案情况（备案单位、文号）").fill("报旗委备案（组干字〔2026〕11号）")],
  ];
  for (let i = 0; i < steps.length; i++) {
    const [name, fill] = steps[i];
    await page.getByRole("heading", { name: `记录「${name}」` }).waitFor();
    const form = page.locator("form[data-testid=step-form]");
    await fill(form);
    await form.getByRole("button", { name: "记录" }).click();
    // Recorded, the page turns to the next step (and, once filed, to the follow-up).
    const next = i + 1 < steps.length
      ? page.getByRole("heading", { name: `记录「${steps[i + 1][0]}」` })
      : page.locator("[data-testid=case-phase]", { hasText: "跟踪管理中" });
    await next.or(form.locator(".form-error")).first().waitFor();
    assert.equal(await form.locator(".form-error").count(), 0);
  }
  await page.locator("[data-testid=follow-up-due]", { hasText: "下次谈心谈话应于" }).waitFor();
  const talk = page.locator("form[data-testid=demotion_follow_up]");
  await talk.getByLabel("跟踪方式").selectOption("talk");
  await talk.getByLabel("谈话（回访）人").fill("镇党委书记 王刚");
  await talk.getByLabel("思想状态和现实表现").fill("思想稳定，积极参与防汛督导");
  await send(talk, "记录谈话或回访", "已记录");
  await page.locator("[data-testid=follow-ups] li", { hasText: "镇党委书记 王刚" }).waitFor();
  await shot(page, "demotion-case");

  // The pool took him out with the reason; the structure chart draws the shares.
  await page.locator("nav.bottom a", { hasText: "年度考核" }).click();
  await page.getByRole("link", { name: "后备干部库" }).click();
  await page.locator("[data-testid=pool-out] li", { hasText: "孙强" }).filter({ hasText: "能上能下处置：待岗" }).waitFor();
  assert.equal(await page.locator("[data-testid=pool-first] li").count(), 1);
  const chart = page.locator("[data-testid=structure-chart]");
  await chart.locator("figcaption", { hasText: "全部后备干部（1人）结构" }).waitFor();
  // 王建军 (born 1985-06-15) is young up to 40; 蒙古族; a party member.
  const young = chart.locator(".bar", { hasText: "年轻干部" });
  const age = YEAR - 1985 - (new Date() < new Date(`${YEAR}-06-15T00:00:00+08:00`) ? 1 : 0);
  const share = age <= 40 ? "1/1 = 100.0%，目标 20.0%" : "0/1 = 0.0%，目标 20.0%";
  await young.locator(".bar-said", { hasText: share }).waitFor();
  assert.equal(await young.locator("rect").getAttribute("width"), age <= 40 ? "1000" : "0");
  const minority = chart.locator(".bar", { hasText: "少数民族干部" });
  assert.equal(await minority.locator("rect").getAttribute("width"), "1000");
  await page.locator("[data-testid=structure-table] tr", { hasText: UNIT }).waitFor();
  // The structure's CSV, parsed back: per group its people, then each measure's count
  // and share (%) as two numbers, as the table shows "count（share%）"; the day counted.
  const csv = await downloadCsv(page, page.getByRole("button", { name: "导出 CSV（Excel、WPS 可打开）", exact: true }));
  assert.match(csv.file, /^后备干部结构\d{4}-\d{2}-\d{2}\.csv$/);
  const day = csv.file.slice(6, 16);
  const shown = await tableOnScreen(page.locator("table[data-testid=structure-table]"));
  const measures = shown.heads.slice(2);
  assert.deepEqual(csv.rows[0], [...shown.heads.slice(0, 2), ...measures.flatMap((m) => [`${m}（人）`, `${m}占比（%）`]), "统计日期"]);
  assert.deepEqual(
    csv.rows.slice(1).map((r) => [r[0], r[1], ...measures.map((_, i) => `${r[2 + 2 * i]}（${r[3 + 2 * i]}%）`), r.at(-1)]),
    shown.rows.map((r) => [...r, day]),
  );
  const all = csv.rows.find((r) => r[0] === "全部");
  assert.equal(all[1], "1", "one cadre left in the pools");
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the pools fit 360 px");
  await shot(page, "reserve-pools");
  await context.close();
});
