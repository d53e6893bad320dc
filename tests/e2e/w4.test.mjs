// W4 end to end: one cadre selection case (干部选拔任用全程纪实, "1+8") from 任职资格 to
// 试用期转正 for one post with two inspection targets, on a phone-sized screen, offline
// after the first load, against the release build. It includes a refused skip, a refused
// "工作需要" reason, an excluded candidate (基本称职 within the last three years) with the
// reason shown, a 公示 complaint verified and dismissed, the re-check and four
// signatures by users holding the right roles, and screenshots of the 纪实表 and the
// 公示 notice (tests/artifacts/w4-*.png).
//
// All dates lie two years back, so every date (probation included) is ≤ today; 公示 and
// disclosures run 5 working days on the official calendar — the test reads the computed
// windows from the page instead of assuming them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS, DIST, VIEWPORT, launch, shot, startServer, stopServer } from "./lib.mjs";

const Y = new Date().getFullYear() - 2;
const d = (md) => `${Y}-${md}`;
const POST = "P1";
const CASE = "S1";

let server;
let browser;
let base;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make test-e2e`");
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

async function switchUser(page, name, roleKey) {
  await page.locator("a.pill.user").click();
  await page.locator("input[name=name]").fill(name);
  await page.locator("select[name=role]").selectOption(roleKey);
  await page.getByRole("button", { name: "开始使用" }).click();
  await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
}

async function openCase(page) {
  await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
  await page.locator(`ul[data-testid=cases] li[data-case=${CASE}] a`).click();
  await page.locator("ol[data-testid=steps]").waitFor();
}

/** Fill a form's fields: { name: value } (select or input, by element kind). */
async function fill(form, values) {
  for (const [name, value] of Object.entries(values)) {
    const el = form.locator(`[name="${name}"]`).first();
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === "SELECT") await el.selectOption(String(value));
    else await el.fill(String(value));
  }
}

const recordForm = (page) => page.locator("form[data-testid=record-form]");

/** Record one step form; `refused` = expected refusal text (returns the message). */
async function record(page, key, values, refused) {
  await page.locator("section[data-testid=record] select[name=form]").selectOption(key);
  const form = page.locator(`form[data-testid=record-form][data-form=${key}]`);
  await form.waitFor();
  await fill(form, values);
  const entries = page.locator(`ol[data-testid=steps] div.version[data-form=${key}]`);
  const before = await entries.count();
  await form.locator("button[type=submit]").click();
  const error = page.locator("form[data-testid=record-form] .form-error");
  if (refused) {
    await error.filter({ hasText: refused }).waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), before, "a refused record is not stored");
    return (await error.textContent()) ?? "";
  }
  for (let i = 0; i < 100; i++) {
    if ((await entries.count()) > before) return "";
    if (i > 5 && (await error.count())) throw new Error(`${key} refused: ${await error.textContent()}`);
    await page.waitForTimeout(100);
  }
  throw new Error(`${key}: no new entry appeared`);
}

async function sign(page, node, link, expectSigner, refused) {
  const box = page.locator(`div[data-node=${node}]`);
  const form = page.locator(`form[data-testid=sign-${node}]`);
  await form.locator("select[name=sign]").selectOption(link);
  await form.locator("button[type=submit]").click();
  if (refused) {
    await page.locator("section[data-testid=signoff] .form-error", { hasText: refused }).waitFor();
  } else {
    await box.locator("td", { hasText: expectSigner }).first().waitFor();
  }
}

test("a W4 selection case from 任职资格 to 转正, offline, with every gate explained", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "allow", locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "谁在使用这部手机？" }).waitFor();
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.getByRole("heading", { name: "谁在使用这部手机？" }).waitFor();

    // Offline from here on.
    await context.setOffline(true);
    await stopServer(server);

    // Administrator: one post (quota 1) and three cadres.
    await page.locator("input[name=name]").fill("王芳");
    await page.locator("select[name=role]").selectOption("admin");
    await page.getByRole("button", { name: "开始使用" }).click();
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    await page.getByRole("link", { name: "干部信息与职位 →" }).click();
    const postForm = page.locator("form[data-testid=post-form]");
    await fill(postForm, { post: POST, unit: "县农业农村局", title: "副局长", quota: "1" });
    await postForm.locator("button[type=submit]").click();
    await page.locator(`ul[data-testid=posts] li[data-post=${POST}]`).waitFor();

    const cadres = [
      { cadre: "张三", name: "张三", gender: "男", birth: "1985-06-01", party_join: "2008-07-01", work_start: "2007-08-01", education: "大学本科", identity: "公务员", pos_unit: "县农业农村局", pos_title: "办公室主任", pos_start: "2018-03-01", grades: [[Y - 1, "excellent"], [Y - 2, "competent"], [Y - 3, "competent"]] },
      { cadre: "李四", name: "李四", gender: "女", birth: "1987-02-11", party_join: "2010-06-01", work_start: "2009-09-01", education: "研究生", identity: "公务员", pos_unit: "县农业农村局", pos_title: "产业股股长", pos_start: "2019-05-01", grades: [[Y - 1, "competent"], [Y - 2, "competent"], [Y - 3, "excellent"]] },
      { cadre: "王五", name: "王五", gender: "男", birth: "1983-11-20", party_join: "2006-05-01", work_start: "2005-07-01", education: "大学本科", identity: "公务员", pos_unit: "县农业农村局", pos_title: "法规股股长", pos_start: "2016-01-01", grades: [[Y - 1, "competent"], [Y - 2, "basically_competent"], [Y - 3, "competent"]] },
    ];
    for (const c of cadres) {
      const f = page.locator("form[data-testid=cadre-form]");
      const { grades, ...fields } = c;
      await fill(f, fields);
      for (let i = 0; i < grades.length; i++) {
        await f.locator("input[name=grade_year]").nth(i).fill(String(grades[i][0]));
        await f.locator("select[name=grade]").nth(i).selectOption(grades[i][1]);
      }
      await f.locator("button[type=submit]").click();
      await page.locator(`ul[data-testid=cadres] li[data-cadre="${c.cadre}"]`).waitFor();
    }
    // 三龄两历一身份 is computed, not typed.
    assert.match(await page.locator(`li[data-cadre="张三"] [data-testid=sanling]`).textContent(), /年龄 \d+ 岁 · 党龄 \d+ 年 · 工龄 \d+ 年 · 大学本科 · 公务员/);
    await shot(page, "w4-01-cadres");

    // Recorder opens the case.
    await switchUser(page, "赵敏", "recorder");
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    const open = page.locator("form[data-testid=open-case]");
    await fill(open, { case: CASE, title: `${Y}年县农业农村局副局长选任`, on: d("03-02") });
    await open.locator(`input[name=posts][value=${POST}]`).check();
    await open.locator("button[type=submit]").click();
    await openCaseLinkWait(page);
    await openCase(page);

    // A skip is refused with the reason.
    await record(page, "target", { on: d("03-02"), post: POST, cadre: "张三" }, "不能跳过环节");

    await record(page, "qualification", { on: d("03-02"), conditions: "三名人选均符合任职资格条件，职数空缺 1 名" });
    await record(page, "initiation", { on: d("03-03"), proposer: "县委组织部", reason: "副局长职位空缺", scope: "县农业农村局中层正职", method: "民主推荐、组织考察" });

    // A correction is a new record naming the one it corrects, with a reason.
    await page.locator("ol[data-testid=steps] div.version[data-form=initiation] button[data-correct]").click();
    const corr = page.locator("form[data-testid=record-form][data-form=initiation]");
    assert.equal(await corr.locator("input[name=proposer]").inputValue(), "县委组织部", "prefilled from the original");
    await fill(corr, { correct_reason: "动议理由表述不完整", reason: "副局长职位空缺，需配备分管产业发展的副职", method: "民主推荐、组织考察、差额考察" });
    await corr.locator("button[type=submit]").click();
    const corrected = page.locator("ol[data-testid=steps] div.version[data-form=initiation]");
    await corrected.filter({ hasText: "更正原记录，理由：" }).waitFor();
    assert.equal(await corrected.count(), 1, "only the live record is listed");

    // A nomination whose reason is only "工作需要" is refused next to the field.
    const nom = (cadre, reasons) => ({ on: d("03-04"), post: POST, cadre, kind: "named", first_nominator: "刘局长", reasons, strengths: "熟悉农业农村工作", weaknesses: "开拓创新不够", kinship: "无", signature: "刘局长" });
    await record(page, "nomination", nom("张三", "工作需要"), "不能只写“工作需要”");
    assert.equal(await recordForm(page).locator(".field-error").filter({ hasText: "工作需要" }).count(), 1, "shown at the reasons field");
    await record(page, "nomination", nom("张三", "长期从事农业产业工作，业绩突出"));
    await record(page, "nomination", nom("李四", "熟悉产业政策，群众基础好"));
    await record(page, "nomination", nom("王五", "法规工作经验丰富"));
    await record(page, "recommendation", { on: d("03-05"), post: POST, kind: "meeting", eligible: "50", participants: "48", "votes.张三": "40", "votes.李四": "30", "votes.王五": "28" });

    // The excluded candidate is refused with the reason from his grade history.
    const why = await record(page, "target", { on: d("03-09"), post: POST, cadre: "王五" }, "不得列为考察对象");
    assert.match(why, new RegExp(`${Y - 2} 年度考核为基本称职`));
    await record(page, "target", { on: d("03-09"), post: POST, cadre: "张三" });
    await record(page, "target", { on: d("03-09"), post: POST, cadre: "李四" });

    // First disclosure of the matters (5 working days), then inspection with scores.
    const disclose = async (round, start) => {
      await page.locator("section[data-testid=disclosures] details").evaluate((e) => { e.open = true; });
      const f = page.locator("form[data-testid=disclose-form]");
      await fill(f, { cadre: "张三", round, start, marriage: "无变化", passports: "无", trips_abroad: "无", family_emigration: "无", family_employment: "配偶为教师", pay: "按规定领取", property: "住房一套", investments: "无", family_companies: "无" });
      await f.locator("button[type=submit]").click();
      await page.locator("section[data-testid=disclosures] div.version", { hasText: round === "first" ? "第一次公开" : "第二次公开" }).waitFor();
    };
    await disclose("first", d("03-10"));
    const scores = (a) => Object.fromEntries(["character", "ability", "performance", "support", "potential"].map((k, i) => [`scores.${k}`, String(a[i])]));
    await record(page, "inspection", { on: d("03-11"), post: POST, cadre: "张三", ...scores([92, 90, 95, 88, 90]), conclusion: "德才兼备，建议任用" });
    await record(page, "inspection", { on: d("03-11"), post: POST, cadre: "李四", ...scores([90, 88, 86, 85, 89]), conclusion: "表现良好" });
    const ranking = page.locator("table[data-testid=ranking] tbody tr");
    assert.match(await ranking.nth(0).textContent(), /^1张三/);
    assert.match(await ranking.nth(1).textContent(), /^2李四/);

    await record(page, "deliberation", { on: d("03-18"), [`proposed.${POST}`]: "张三", participants: "书记、县长、组织部长", opinion: "同意张三为拟任人选" });
    for (const check of ["quota", "file", "personal_report", "integrity"]) {
      await record(page, "check", { on: d("03-18"), cadre: "张三", check, passed: "yes", note: "经审核无问题" });
    }
    for (const body of ["纪委监委", "检察院", "综治办"]) {
      await record(page, "opinion", { on: d("03-19"), cadre: "张三", body, answer: "无不同意见" });
    }
    await record(page, "vote", { on: d("03-25"), meeting: "县委常委会", post: POST, cadre: "张三", members: "11", present: "10", votes_for: "9", against: "1", abstain: "0", minutes: "常委会纪要〔" + Y + "〕5号，录音 A-05" });
    await disclose("second", d("03-26"));

    // 任前公示: 5 working days; a complaint is verified and dismissed.
    await record(page, "publicity_opened", { on: d("03-26"), channel: "县委组织部干部监督科，电话 0475-1234567，12380 举报网站" });
    const window = await page.locator("li[data-step=Publicity] [data-testid=window]").first().textContent();
    const [, pubStart, pubEnd] = window.match(/(\d{4}-\d\d-\d\d) – (\d{4}-\d\d-\d\d)/);
    assert.equal(pubStart, d("03-26"));
    await record(page, "complaint", { on: d("03-27"), cadre: "张三", complainant: "匿名", content: "反映其子女违规经商" });
    await record(page, "publicity_closed", { on: d("04-15"), result: "公示期满无异常" }, "尚未核实");
    // An unresolved complaint blocks 任职.
    await record(page, "appointment", { on: d("04-16"), post: POST, cadre: "张三", document: "县委〔" + Y + "〕12号" }, "不能进入「任职」");
    await record(page, "complaint_verified", { on: d("03-28"), finding: "dismissed", note: "经核实，其子女未经商，不影响任用" });
    assert.ok(pubEnd < d("04-15"), `publicity ends ${pubEnd}`);
    await record(page, "publicity_closed", { on: d("04-15"), result: "公示期满，举报经核实不影响任用" });
    await record(page, "appointment", { on: d("04-16"), post: POST, cadre: "张三", document: "县委〔" + Y + "〕12号" });
    await record(page, "probation_ended", { on: `${Y + 1}-04-20`, cadre: "张三", confirmed: "yes", note: "试用期考核称职，予以转正" });
    await page.locator("[data-testid=next]", { hasText: "全部环节已完成" }).waitFor();
    assert.match(await page.locator("[data-testid=rates]").textContent(), /填写率 100\.00%，完整度 100\.00%/);
    await shot(page, "w4-02-case");

    // The recorder may not re-check their own record.
    await sign(page, "Initial", "Recheck", "", "复核须由记录人以外的工作人员进行");

    // Re-check, then 记录人 → 干部科科长 → 干部监督科科长 → 分管副部长.
    await switchUser(page, "孙丽", "recorder");
    await openCase(page);
    for (const node of ["Initial", "Second"]) await sign(page, node, "Recheck", "孙丽");
    await switchUser(page, "钱军", "reviewer");
    await openCase(page);
    await sign(page, "Initial", "CadreSectionChief", "", "须先由「记录人」签字");
    await switchUser(page, "赵敏", "recorder");
    await openCase(page);
    for (const node of ["Initial", "Second"]) await sign(page, node, "Recorder", "赵敏");
    await switchUser(page, "钱军", "reviewer");
    await openCase(page);
    for (const node of ["Initial", "Second"]) await sign(page, node, "CadreSectionChief", "钱军");
    await switchUser(page, "周洁", "reviewer");
    await openCase(page);
    for (const node of ["Initial", "Second"]) await sign(page, node, "SupervisionSectionChief", "周洁");
    await switchUser(page, "吴刚", "approver");
    await openCase(page);
    for (const node of ["Initial", "Second"]) await sign(page, node, "DeputyHead", "吴刚");
    for (const node of ["Initial", "Second"]) {
      await page.locator(`form[data-testid=submit-${node}] button`).click();
      await page.locator(`div[data-node=${node}] p`, { hasText: "已提交" }).waitFor();
    }
    // Disclosed matters are visible to the approver.
    assert.ok(await page.locator("section[data-testid=disclosures] [data-testid=matters]").count() >= 1);
    await shot(page, "w4-03-signed");

    // The 纪实表 and the 公示 notice.
    await page.getByRole("link", { name: "纪实表" }).click();
    const sheet = page.locator("article[data-testid=record-sheet]");
    await sheet.waitFor();
    for (const who of ["赵敏", "孙丽", "钱军", "周洁", "吴刚", "反映其子女违规经商", "不影响任用（查否）"]) {
      assert.ok((await sheet.textContent()).includes(who), `纪实表 shows ${who}`);
    }
    await shot(page, "w4-04-record-sheet");
    await a4(page, "w4-04-record-sheet");
    await page.getByRole("link", { name: "← 返回" }).click();
    await page.getByRole("link", { name: "公示通知" }).click();
    const notice = page.locator("article[data-testid=notice]");
    await notice.waitFor();
    const text = await notice.textContent();
    for (const s of ["张三", "男", "1985年06月", "县农业农村局办公室主任", "县农业农村局副局长", "0475-1234567"]) {
      assert.ok(text.includes(s), `notice shows ${s}`);
    }
    assert.match(await notice.locator("[data-testid=notice-window]").textContent(), new RegExp(`公示时间：${Y}年03月26日 至 `));
    await shot(page, "w4-05-notice");
    await a4(page, "w4-05-notice");

    // A user without a need to know sees that a disclosure happened, not its content.
    await switchUser(page, "王芳", "admin");
    await openCase(page);
    assert.equal(await page.locator("section[data-testid=disclosures] [data-testid=matters]").count(), 0);
    assert.ok(await page.locator("section[data-testid=disclosures] [data-testid=matters-hidden]").count() >= 1);

    // The late 初次提交 (due 5 days after the decision) is flagged on the home page.
    await page.locator("nav.bottom a", { hasText: "首页" }).click();
    await page.locator("ul[data-testid=todo] li", { hasText: "初次提交已逾期" }).waitFor();

    assert.deepEqual(errors, []);
  } catch (e) {
    if (errors.length) e.message += `\npage errors: ${errors.join(" | ")}`;
    throw e;
  } finally {
    await context.close();
  }
});

/** The printed page: an A4 PDF and an A4-width print-media screenshot. */
async function a4(page, name) {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  await shot(page, `${name}-a4`);
  await page.pdf({ path: path.join(ARTIFACTS, `${name}.pdf`), format: "A4", preferCSSPageSize: true });
  await page.setViewportSize(VIEWPORT);
  await page.emulateMedia({ media: "screen" });
}

async function openCaseLinkWait(page) {
  await page.locator(`ul[data-testid=cases] li[data-case=${CASE}]`).waitFor();
}
