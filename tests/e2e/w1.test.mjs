// W1 end to end: a township assessor's whole year of village performance-pay
// assessment for two villages, with the network off from the first score on, on a
// phone-sized screen, against the release build. Screenshots go to tests/artifacts/.
//
// Numbers (seed 002 扎鲁特旗 defaults): base pay 7,000 (<1,000 people) / 8,000
// (1,000–2,999); 优秀 +4,000; 不合格 +0 with 诫勉谈话 and 限期整改; 7-day 公示;
// composite = 60% quarterly average + 40% annual; ≥90 实绩突出, <60 一般.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, VIEWPORT, downloadCsv, serveApp, shot, startServer, stopServer, tableOnScreen } from "./lib.mjs";
import { becomeUser, fillScores as fillScoresOf, openBoard as openBoardOf, openSlot as openSlotOf, scoreInput, submitOk } from "./ui.mjs";

const Y = new Date().getFullYear() - 1; // a whole past year, so every date is ≤ today
const INDICATORS = [
  ["党建引领", "30"],
  ["产业发展", "30"],
  ["民生保障", "20"],
  ["乡风文明", "20"],
];
// village → period → four scores (sums: 前进 92/95/90/93, annual 94; 胜利 50/54/52/56, annual 58)
const SCORES = {
  前进村: { q1: ["28", "28", "18", "18"], q2: ["29", "28", "19", "19"], q3: ["27", "27", "18", "18"], q4: ["28", "29", "18", "18"], annual: ["28", "28", "18", "20"] },
  胜利村: { q1: ["15", "15", "10", "10"], q2: ["16", "16", "11", "11"], q3: ["16", "16", "10", "10"], q4: ["17", "17", "11", "11"], annual: ["18", "18", "11", "11"] },
};
const DATES = {
  q1: { assessed: `${Y}-03-25`, start: `${Y}-03-26`, end: `${Y}-04-01`, final: `${Y}-04-02` },
  q2: { assessed: `${Y}-06-25`, start: `${Y}-06-26`, end: `${Y}-07-02`, final: `${Y}-07-03` },
  q3: { assessed: `${Y}-09-25`, start: `${Y}-09-26`, end: `${Y}-10-02`, final: `${Y}-10-03` },
  q4: { assessed: `${Y}-12-20`, start: `${Y}-12-21`, end: `${Y}-12-27`, final: `${Y}-12-28` },
  annual: { assessed: `${Y}-12-25` },
};

let server;
let browser;
let base;
serveApp((app) => ({ server, browser, base } = app));

const switchUser = becomeUser;
const openBoard = (page) => openBoardOf(page, "巨日合镇", Y);
const openSlot = (page, village, period) => openSlotOf(page, "巨日合镇", Y, village, period);

const fillScores = (form, values) => fillScoresOf(form, INDICATORS.map(([name]) => name), values);

test("a whole W1 year for two villages, offline from the first score, survives an offline reload", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow", locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    // First visit with signal: the app installs its service worker.
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "谁在使用这部手机？" }).waitFor();
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.getByRole("heading", { name: "谁在使用这部手机？" }).waitFor();
    await shot(page, "01-first-start");

    // County administrator: township, two villages with population and heads.
    await page.locator("input[name=name]").fill("王芳");
    await page.locator("select[name=role]").selectOption("admin");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const addT = page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill("巨日合镇");
    await submitOk(addT);
    const card = page.locator("section[data-testid=township]", { hasText: "巨日合镇" });
    for (const [name, pop, sec, dir] of [["前进村", "2500", "李建国", "张红"], ["胜利村", "800", "刘强", "陈梅"]]) {
      await card.locator("details:has(form[data-testid=add-village])").evaluate((d) => { d.open = true; });
      const f = card.locator("form[data-testid=add-village]");
      await f.locator("input[name=name]").fill(name);
      await f.locator("input[name=population]").fill(pop);
      await f.locator("input[name=secretary]").fill(sec);
      await f.locator("input[name=director]").fill(dir);
      await submitOk(f);
      await card.locator("[data-testid=villages] > li", { hasText: name }).waitFor();
    }
    // Bad input: a population that is not a number is refused next to the field.
    await card.locator("form[data-testid=add-village] input[name=name]").fill("红旗村");
    await card.locator("form[data-testid=add-village] input[name=population]").fill("两千");
    await card.locator("form[data-testid=add-village] button[type=submit]").click();
    await card.locator("form[data-testid=add-village] .field-error", { hasText: "人口数必须是非负整数" }).waitFor();
    assert.equal(await card.locator("[data-testid=villages] > li", { hasText: "红旗村" }).count(), 0, "nothing half-saved");
    await shot(page, "02-master-data");

    // Township organizer publishes the year's indicators.
    await switchUser(page, "李明", "organizer");
    await openBoard(page);
    await page.getByRole("link", { name: "考评指标" }).click();
    const ind = page.locator("form[data-testid=indicator-form]");
    await ind.getByRole("button", { name: "+ 添加指标" }).click();
    for (let i = 0; i < INDICATORS.length; i++) {
      await ind.getByLabel("指标名称", { exact: true }).nth(i).fill(INDICATORS[i][0]);
      await ind.getByLabel("满分", { exact: true }).nth(i).fill(INDICATORS[i][1]);
    }
    await submitOk(ind);
    await page.locator("table[data-testid=published]", { hasText: "乡风文明" }).waitFor();

    // From here on: no network at all.
    await context.setOffline(true);
    await stopServer(server);
    await page.locator("[data-testid=net]", { hasText: "离线" }).waitFor();

    // Assessor records every quarter and the annual assessment for both villages.
    await switchUser(page, "张伟", "assessor");
    for (const village of Object.keys(SCORES)) {
      for (const period of ["q1", "q2", "q3", "q4", "annual"]) {
        await openSlot(page, village, period);
        const f = page.locator("form[data-testid=score-form]");
        await fillScores(f, SCORES[village][period]);
        await f.locator("input[name=assessed_on]").fill(DATES[period].assessed);
        await f.locator("textarea[name=note]").fill(`${village}${period}现场查验台账`);
        if (village === "前进村" && period === "q1") {
          // Out of range is refused next to the indicator, nothing saved.
          await scoreInput(f, "党建引领").fill("31");
          await f.locator("button[type=submit]").click();
          await f.locator(".field-error", { hasText: "超出范围" }).waitFor();
          await scoreInput(f, "党建引领").fill(SCORES[village][period][0]);
        }
        await f.locator("button[type=submit]").click();
        await page.locator("[data-testid=normalized]").waitFor();
        if (village === "前进村" && period === "q1") await shot(page, "03-scored-quarter");
      }
    }

    // Organizer: 公示 for each quarter, an objection on 胜利村 Q2, finalize. A 公示 cannot
    // be backdated, so the phone's clock is set to the day each step is done.
    await switchUser(page, "李明", "organizer");
    const onDay = (day) => context.clock.setFixedTime(new Date(`${day}T10:00:00+08:00`));
    for (const village of Object.keys(SCORES)) {
      for (const period of ["q1", "q2", "q3", "q4"]) {
        await onDay(DATES[period].start);
        await openSlot(page, village, period);
        const pub = page.locator("form[data-testid=publicity-form]");
        await pub.locator("input[name=start]").fill(DATES[period].start);
        await pub.locator("button[type=submit]").click();
        await page.locator("[data-testid=window]", { hasText: `${DATES[period].start} 至 ${DATES[period].end}` }).waitFor();
        await onDay(DATES[period].final);
        const fin = page.locator("form[data-testid=finalize-form]");
        if (village === "前进村" && period === "q1") {
          // The last day of the 7-day window: finalizing is refused with the reason.
          await fin.locator("input[name=on]").fill(DATES[period].end);
          await fin.locator("button[type=submit]").click();
          await fin.locator(".form-error", { hasText: "公示期" }).waitFor();
          await shot(page, "04-publicity-refused");
        }
        if (village === "胜利村" && period === "q2") {
          await page.locator("section", { hasText: "异议" }).locator("summary", { hasText: "登记异议" }).click();
          const obj = page.locator("form[data-testid=objection-form]");
          await obj.locator("input[name=objector]").fill("村民赵强");
          await obj.locator("textarea[name=content]").fill("产业发展得分偏低：合作社分红未计入");
          await obj.locator("input[name=raised_on]").fill(`${Y}-06-28`);
          await submitOk(obj, page.locator("[data-testid=objections] li", { hasText: "合作社分红未计入" }));
          // An open objection blocks finalization even after the window.
          await fin.locator("input[name=on]").fill(DATES[period].final);
          await fin.locator("button[type=submit]").click();
          await fin.locator(".form-error", { hasText: "异议未处理" }).waitFor();
          // Upheld: 产业发展 16 → 17, 乡风文明 11 → 11.5 (half points allowed).
          const res = page.locator("form[data-testid=resolve-form]");
          await scoreInput(res, "产业发展").fill("17");
          await scoreInput(res, "乡风文明").fill("11.5");
          await res.locator("input[name=note]").fill("经核实合作社分红应计入，更正得分");
          await res.locator("input[name=resolved_on]").fill(`${Y}-07-01`);
          await submitOk(res, page.locator("[data-testid=objections] li p.ok", { hasText: "异议成立" }));
          await page.locator("[data-testid=normalized]", { hasText: "55.50" }).waitFor();
          await shot(page, "05-objection-upheld");
        }
        await fin.locator("input[name=on]").fill(DATES[period].final);
        await submitOk(fin, page.locator("[data-testid=publicity] p.ok", { hasText: "已定稿" }));
      }
    }

    // Grading and pay.
    await openBoard(page);
    await shot(page, "06-board");
    // The board's CSV, parsed back: each village's score (a bare number) and status per
    // period, as its chips show them (the final day written whole).
    const board = await downloadCsv(page, page.getByRole("button", { name: "导出 CSV（Excel、WPS 可打开）", exact: true }));
    assert.equal(board.file, `巨日合镇${Y}年村级考评进度.csv`);
    // The board's short heads (Q1 … 年度) are written out in the file.
    const heads = (await tableOnScreen(page.locator("table[data-testid=board]"))).heads;
    assert.deepEqual(heads, ["村", "Q1", "Q2", "Q3", "Q4", "年度"]);
    const periods = ["第一季度", "第二季度", "第三季度", "第四季度", "年度考评"];
    assert.deepEqual(board.rows[0], ["村", ...periods.flatMap((p) => [`${p}得分`, `${p}状态`])]);
    const chips = await page.locator("table[data-testid=board] tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("th").textContent.trim(),
        ...[...tr.querySelectorAll("td .chip")].map((c) => [c.querySelector("b").textContent, c.querySelector("small").textContent]),
      ]),
    );
    const keys = ["q1", "q2", "q3", "q4", "annual"];
    const said = (label, i) => (label === "定稿" ? `定稿于${DATES[keys[i]].final}` : label);
    assert.deepEqual(
      board.rows.slice(1),
      chips.map(([village, ...cells]) => [village, ...cells.flatMap(([score, label], i) => [score, said(label, i)])]),
    );
    const front = board.rows.find((r) => r[0] === "前进村");
    assert.deepEqual([1, 3, 5, 7, 9].map((i) => front[i]), ["92.00", "95.00", "90.00", "93.00", "94.00"]);
    assert.equal(front[2], `定稿于${DATES.q1.final}`);
    assert.match(board.text, /\r\n前进村,92\.00,/, "scores written bare");
    await page.getByRole("link", { name: "结果与等次" }).click();
    await submitOk(page.locator("form[data-testid=grade-form]"), page.locator("[data-testid=graded]"));
    const row = (v) => page.locator(`table[data-testid=results] tr[data-village="${v}"]`);
    const expectRow = async () => {
      const a = row("前进村");
      assert.deepEqual(await a.locator("td").allTextContents(), [
        "92.00", "95.00", "90.00", "93.00", "94.00", "93.10", "1", "实绩突出", "优秀", "8000", "4000", "12000",
      ]);
      const b = row("胜利村");
      // Q2 is the corrected 55.50; composite 0.6 × 53.375 + 0.4 × 58 = 55.225 → 55.23.
      assert.deepEqual(await b.locator("td").allTextContents(), [
        "50.00", "55.50", "52.00", "56.00", "58.00", "55.23", "2", "一般", "不合格", "7000", "0", "7000",
      ]);
      const fail = page.locator("[data-testid=fail-items][data-village=胜利村]");
      assert.match(await fail.locator("[data-testid=talk]").textContent(), /诫勉谈话.*截止 \d{4}-\d{2}-\d{2}/);
      assert.match(await fail.locator("[data-testid=rectification]").textContent(), /限期整改.*截止 \d{4}-\d{2}-\d{2}/);
      assert.equal(await page.locator("[data-testid=fail-items][data-village=前进村]").count(), 0);
    };
    await expectRow();
    await shot(page, "07-results");
    const localBefore = await page.locator("[data-testid=local-count] b").textContent();
    // 1 township + 2 × (village + heads) + indicators + 10 score sheets + 8 publicity
    // + objection + resolution + 8 finalizations + grading = 35 entries, none synced.
    assert.equal(localBefore, "35");

    // Close and reopen with no network: everything is still there.
    await page.reload();
    await page.locator("table[data-testid=results]").waitFor();
    await expectRow();
    assert.equal(await page.locator("[data-testid=local-count] b").textContent(), localBefore);
    await page.locator("[data-testid=net]", { hasText: "离线" }).waitFor();

    // The 诫勉谈话 is recorded and disappears from the open items; the home to-do keeps the rectification.
    const fail = page.locator("[data-testid=fail-items][data-village=胜利村]");
    await fail.locator("input[name=held_by]").fill("巨日合镇党委书记 孙涛");
    await fail.getByLabel("谈话要点").fill("指出差距，限期整改");
    await fail.getByRole("button", { name: "记录诫勉谈话" }).click();
    await fail.locator("[data-testid=talk]", { hasText: "已完成" }).waitFor();
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.locator("[data-testid=todo]", { hasText: "限期整改" }).waitFor();
    assert.equal(await page.locator("[data-testid=todo]", { hasText: "诫勉谈话" }).count(), 0);
    await shot(page, "08-home-todo");

    // English switch.
    await page.locator("button.pill.lang").click();
    await page.getByRole("heading", { name: "Village performance pay" }).waitFor();
    await page.locator("button.pill.lang").click();

    // Backup: export every entry to a file (works offline).
    await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export]").click()]);
    const backupFile = path.join(ARTIFACTS, "w1-backup.json");
    await download.saveAs(backupFile);
    const backup = JSON.parse(fs.readFileSync(backupFile, "utf8"));
    assert.equal(backup.format, "jishi-backup");
    assert.equal(backup.events.length, 36);
    assert.deepEqual(errors, [], "no page errors");
  } finally {
    await context.close();
  }
});

test("a backup restores the whole year on another phone; a tampered file changes nothing", async () => {
  const backupFile = path.join(ARTIFACTS, "w1-backup.json");
  assert.ok(fs.existsSync(backupFile), "the W1 journey test writes the backup first");
  const again = await startServer();
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${again.address().port}/data`);
    await page.locator("input[name=name]").fill("李明");
    await page.locator("select[name=role]").selectOption("organizer");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.locator("nav.bottom a", { hasText: "数据备份" }).click();

    // A file with one score changed after the fact is refused whole.
    const good = JSON.parse(fs.readFileSync(backupFile, "utf8"));
    const bad = structuredClone(good);
    const scored = bad.events.find((e) => e.kind === "scores_submitted");
    scored.body.scores_submitted.scores.i1 += 2;
    const badFile = path.join(ARTIFACTS, "w1-backup-tampered.json");
    fs.writeFileSync(badFile, JSON.stringify(bad));
    await page.locator("[data-testid=import]").setInputFiles(badFile);
    await page.locator(".form-error", { hasText: "内容与哈希不符" }).waitFor();
    await page.locator("[data-testid=local-count] b", { hasText: /^0$/ }).waitFor();
    // A file cut short (a download that stopped) is named so, in Chinese, with where.
    const cutFile = path.join(ARTIFACTS, "w1-backup-cut.json");
    const text = fs.readFileSync(backupFile, "utf8");
    fs.writeFileSync(cutFile, text.slice(0, Math.floor(text.length / 2)));
    await page.locator("[data-testid=import]").setInputFiles(cutFile);
    const cut = page.locator(".form-error", { hasText: "文件不完整" });
    await cut.waitFor();
    assert.match(await cut.innerText(), /在第 \d+ 行第 \d+ 列提前结束（可能没有下载或复制完整）/);
    assert.doesNotMatch(await cut.innerText(), /EOF|line|column/);
    // A backup with no records says that nothing was imported.
    const emptyFile = path.join(ARTIFACTS, "w1-backup-empty.json");
    fs.writeFileSync(emptyFile, JSON.stringify({ ...good, events: [] }));
    await page.locator("[data-testid=import]").setInputFiles(emptyFile);
    await page.locator(".notice", { hasText: "备份文件中没有记录，未导入任何内容" }).waitFor();
    await page.locator("[data-testid=local-count] b", { hasText: /^0$/ }).waitFor();

    await page.locator("[data-testid=import]").setInputFiles(backupFile);
    await page.locator(".notice", { hasText: "新增 36 条" }).waitFor();
    await page.locator("[data-testid=import]").setInputFiles(backupFile);
    await page.locator(".notice", { hasText: "新增 0 条，跳过已有 36 条" }).waitFor();

    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.locator("input[name=year]").fill(String(Y));
    await page.locator("[data-testid=townships] a", { hasText: "巨日合镇" }).click();
    await page.getByRole("link", { name: "结果与等次" }).click();
    const cells = await page.locator(`table[data-testid=results] tr[data-village="胜利村"] td`).allTextContents();
    assert.deepEqual(cells.slice(5), ["55.23", "2", "一般", "不合格", "7000", "0", "7000"]);
  } finally {
    await context.close();
    await stopServer(again);
  }
});
