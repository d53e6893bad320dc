// Forms as a user fills them: every field's problem is shown at once (each under its
// field and all in one list), a stale "已保存" goes when a new problem appears, a
// population may be typed with thousands separators, the W4 form selector and the
// fields under it always agree, and each role sees only the W4 forms it may use.
// Golden backups give the data: 乌力吉木仁苏木 2026 (巴彦芒哈嘎查's Q3 not scored yet)
// and the case case-2026-01 for the post 格日朝鲁苏木副苏木达.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, fillScores, importBackup, submitOk } from "./ui.mjs";

const GOLDEN = path.join(ROOT, "tests", "golden");

let server;
let browser;
let url;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `make build`");
  server = await startServer();
  url = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

/** A fresh phone used by `name` as `role`, with the golden backups `files`. */
async function phone(name, role, files = []) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}/`);
  await becomeUser(page, name, role);
  for (const f of files) await importBackup(page, path.join(GOLDEN, f));
  return { context, page, errors };
}

/** The messages under the fields of `form`, and the items of its summary list. */
async function problems(form) {
  await form.locator(".form-error").first().waitFor();
  const under = (await form.locator(".field-error").allInnerTexts()).map((t) => t.trim());
  const listed = (await form.locator(".form-error li").allInnerTexts()).map((t) => t.trim());
  return { under, listed };
}

test("a village form shows every field's problem at once, and a new problem replaces the green 已保存", async () => {
  const { context, page, errors } = await phone("王芳", "admin");
  try {
    await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
    const addT = page.locator("form[data-testid=add-township]");
    await addT.locator("input[name=name]").fill("巨日合镇");
    await submitOk(addT);
    const card = page.locator("section[data-testid=township]", { hasText: "巨日合镇" });
    await card.locator("details:has(form[data-testid=add-village])").evaluate((d) => { d.open = true; });
    const f = card.locator("form[data-testid=add-village]");
    // The help line under the population is read with its input by a screen reader.
    const help = await f.locator("input[name=population]").getAttribute("aria-describedby");
    assert.match(await f.locator(`[id="${help}"]`).innerText(), /只填数字/);
    assert.equal(await f.locator("input[name=name]").getAttribute("aria-required"), "true");
    await f.locator("input[name=name]").fill("前进村");
    await f.locator("input[name=population]").fill("2500");
    await f.locator("input[name=secretary]").fill("李建国");
    await f.locator("input[name=director]").fill("张红");
    await submitOk(f);
    await f.locator(".notice", { hasText: "已保存" }).waitFor();

    // The form is empty again; sending it as it is names both missing fields, and the
    // green notice of the last save goes at once.
    await f.locator("button[type=submit]").click();
    let p = await problems(f);
    assert.deepEqual(p.under, ["请填写村名", "请填写人口数"]);
    assert.equal(await f.locator(".notice").count(), 0, "no stale 已保存 beside the problems");

    // Three wrong fields: each under its own field, and all three in the summary.
    await f.locator("input[name=population]").fill("两千");
    await f.locator("input[name=secretary]").fill("刘强");
    await f.locator("button[type=submit]").click();
    await f.locator(".field-error", { hasText: "请填写主任姓名" }).waitFor();
    p = await problems(f);
    assert.equal(p.under.length, 3, `under the fields: ${p.under.join(" | ")}`);
    assert.match(p.under[0], /请填写村名/);
    assert.match(p.under[1], /人口数必须是非负整数：请只填写数字，如 1500 或 1,500/);
    assert.match(p.under[2], /请填写主任姓名/);
    assert.deepEqual(p.listed, p.under, "the summary lists the same three");
    assert.match(await f.locator(".form-error p").first().innerText(), /有 3 处需要修改/);
    await shot(page, "forms-village-three-problems");
    assert.equal(await card.locator("[data-testid=villages] > li").count(), 1, "nothing saved half-way");

    // A population typed with a thousands separator is read as the number.
    for (const [name, typed, shown] of [["红旗村", "1,500", "1500"], ["东风村", " 2，800 ", "2800"], ["胜利村", "3 000", "3000"]]) {
      await f.locator("input[name=name]").fill(name);
      await f.locator("input[name=population]").fill(typed);
      await f.locator("input[name=secretary]").fill("刘强");
      await f.locator("input[name=director]").fill("陈梅");
      await submitOk(f);
      await card.locator("[data-testid=villages] > li", { hasText: name }).filter({ hasText: `人口 ${shown}` }).waitFor();
    }
    // Editing again clears the notice.
    await f.locator(".notice").waitFor();
    await f.locator("input[name=name]").fill("新");
    assert.equal(await f.locator(".notice").count(), 0, "the notice goes as the user edits again");
    // Anything else than digits is refused, saying to type digits only.
    await f.locator("input[name=population]").fill("1.500");
    await f.locator("input[name=secretary]").fill("刘强");
    await f.locator("input[name=director]").fill("陈梅");
    await f.locator("button[type=submit]").click();
    await f.locator(".field-error", { hasText: "请只填写数字" }).waitFor();
    assert.equal(await card.locator("[data-testid=villages] > li", { hasText: "新" }).count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the score form names every indicator out of range and the missing assessor at once", async () => {
  const { context, page, errors } = await phone("赵志刚", "assessor", ["village_pay.json"]);
  try {
    await page.goto(`${url}/t/t-wljmr/2026/v/v-bymh/q3`);
    const f = page.locator("form[data-testid=score-form]");
    await f.waitFor();
    // 党建引领 (max 30) 31, 产业发展 (25) 26, 基层治理 20, 民生服务 15, 作风建设 abc.
    await fillScores(f, ["党建引领", "产业发展", "基层治理", "民生服务", "作风建设"], ["31", "26", "20", "15", "abc"]);
    await f.locator("input[name=assessor]").fill("");
    await f.locator("button[type=submit]").click();
    const p = await problems(f);
    assert.equal(p.under.length, 4, `under the fields: ${p.under.join(" | ")}`);
    assert.match(p.under[0], /党建引领.*超出范围 0–30/);
    assert.match(p.under[1], /产业发展.*超出范围 0–25/);
    assert.match(p.under[2], /作风建设/);
    assert.match(p.under[3], /请填写考核人/);
    assert.equal(p.listed.length, 4);
    await shot(page, "forms-scores-four-problems");
    assert.equal(await page.locator("[data-testid=normalized]").count(), 0, "nothing saved");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("W4 forms: the selector and the fields always agree, and every field's problem shows at once", async () => {
  const { context, page, errors } = await phone("王芳", "admin", ["cadre_selection.json"]);
  try {
    // A new post with a free seat (the golden post's two seats are taken).
    const NEW_POST = "格日朝鲁苏木组织委员";
    await page.goto(`${url}/w4/cadres`);
    const postForm = page.locator("form[data-testid=post-form]");
    await postForm.locator("input[name=unit]").fill("格日朝鲁苏木");
    await postForm.locator("input[name=title]").fill("组织委员");
    await postForm.locator("input[name=quota]").fill("1");
    await postForm.locator("button[type=submit]").click();
    await page.locator("ul[data-testid=posts] li", { hasText: NEW_POST }).waitFor();
    await becomeUser(page, "周静", "recorder");
    await page.locator("nav.bottom a", { hasText: "干部纪实" }).click();
    const open = page.locator("form[data-testid=open-case]");
    await open.locator("input[name=title]").fill(`${NEW_POST}选任`);
    await open.getByRole("checkbox", { name: NEW_POST }).check();
    await open.locator("button[type=submit]").click();
    await page.locator("ul[data-testid=cases] li a", { hasText: `${NEW_POST}选任` }).click();
    await page.locator("ol[data-testid=steps]").waitFor();

    const selector = page.locator("section[data-testid=record] select[name=form]");
    const form = page.locator("form[data-testid=record-form]");
    const agree = async (key) => {
      assert.equal(await selector.inputValue(), key, "the selector");
      assert.equal(await form.getAttribute("data-form"), key, "the fields");
    };
    // The recorder picks each form in the selector, as the W4 journey does.
    await selector.selectOption("qualification");
    await agree("qualification");
    await form.locator("[name=conditions]").fill("符合任职资格条件");
    await form.locator("button[type=submit]").click();
    await page.locator("ol[data-testid=steps] div.version[data-form=qualification]").waitFor();
    // The case moved on to 动议: the selector and the fields both show it.
    await selector.selectOption("initiation");
    await agree("initiation");
    await form.locator("[name=proposer]").fill("旗委组织部");
    await form.locator("[name=reason]").fill("职位空缺");
    await form.locator("[name=scope]").fill("全旗科级干部");
    await form.locator("[name=method]").fill("民主推荐");
    await form.locator("button[type=submit]").click();
    await page.locator("ol[data-testid=steps] div.version[data-form=initiation]").waitFor();
    await agree("nomination");
    assert.equal(await page.locator("ol[data-testid=steps] div.version[data-form=initiation]").count(), 1, "one 动议");

    // A named recommendation with only "工作需要" and nothing else: every problem at once.
    await form.locator("select[name=kind]").selectOption("named");
    await form.locator("select[name=cadre]").selectOption({ index: 1 });
    await form.locator("[name=reasons]").fill("工作需要");
    await form.locator("button[type=submit]").click();
    const p = await problems(form);
    for (const want of ["请填写首提责任人", "请填写主要优点", "请填写主要不足", "请填写与被推荐人的亲属关系", "请填写推荐人签名", "不能只写“工作需要”"]) {
      assert.ok(p.under.some((u) => u.includes(want)), `under a field: ${want} (got ${p.under.join(" | ")})`);
      assert.ok(p.listed.some((u) => u.includes(want)), `in the summary: ${want}`);
    }
    await agree("nomination");
    await shot(page, "forms-w4-nomination-problems");
    // Put right, it is recorded; the next nomination is the same form (its step goes on).
    for (const [name, value] of [["first_nominator", "旗委副书记 赵刚"], ["reasons", "长期在基层工作，实绩突出"], ["strengths", "熟悉农牧业工作"], ["weaknesses", "开拓创新不够"], ["kinship", "无"], ["signature", "旗委副书记 赵刚"]]) {
      await form.locator(`[name=${name}]`).fill(value);
    }
    await form.locator("button[type=submit]").click();
    await page.locator("ol[data-testid=steps] div.version[data-form=nomination]").waitFor();
    await agree("nomination");
    // Choosing another form shows that form, and only its (fresh) fields.
    await selector.selectOption("initiation");
    await agree("initiation");
    assert.equal(await form.locator(".form-error").count(), 0, "the other form's problems are not carried over");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("W4 post form: every field's problem at once", async () => {
  const { context, page, errors } = await phone("王芳", "admin");
  try {
    await page.goto(`${url}/w4/cadres`);
    const f = page.locator("form[data-testid=post-form]");
    await f.locator("input[name=quota]").fill("0");
    await f.locator("button[type=submit]").click();
    const p = await problems(f);
    assert.deepEqual(p.under, ["请填写单位", "请填写职务名称", "职数必须大于 0"]);
    assert.deepEqual(p.listed, p.under);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("each role sees only the W4 forms it may use, and a line saying who may", async () => {
  const { context, page, errors } = await phone("周静", "recorder", ["cadre_selection.json"]);
  try {
    // A recorder records cases, not cadres or posts.
    await page.goto(`${url}/w4/cadres`);
    await page.locator("ul[data-testid=cadres] li").first().waitFor();
    assert.equal(await page.locator("form[data-testid=cadre-form]").count(), 0, "no cadre form");
    assert.equal(await page.locator("form[data-testid=post-form]").count(), 0, "no post form");
    assert.equal(await page.getByRole("button", { name: "编辑" }).count(), 0, "no edit buttons");
    await page.getByText("只有县委组织部管理员可以录入干部信息和职位").waitFor();
    await page.goto(`${url}/w4/case/case-2026-01`);
    await page.locator("form[data-testid=record-form]").waitFor();
    assert.deepEqual(await page.locator("form[data-testid=sign-Initial] select[name=sign] option").allInnerTexts(), ["复核", "记录人"]);
    assert.equal(await page.locator("form[data-testid=submit-Initial]").count(), 0, "a recorder does not submit");

    // The administrator: no step, disclosure, ending or sign form; a line says who may.
    await becomeUser(page, "王芳", "admin");
    await page.goto(`${url}/w4/case/case-2026-01`);
    await page.locator("ol[data-testid=steps]").waitFor();
    for (const f of ["record-form", "end-form", "disclose-form", "sign-Initial", "submit-Initial"]) {
      assert.equal(await page.locator(`form[data-testid=${f}]`).count(), 0, `no ${f}`);
    }
    assert.equal(await page.getByRole("button", { name: "更正" }).count(), 0, "no correction buttons");
    await page.getByText("只有记录人可以记录选任事项").waitFor();
    await page.getByText(/^只有记录人、干部科科长、干部监督科科长、审批人可以在纪实表上签字或提交$/).waitFor();
    await page.goto(`${url}/w4`);
    await page.getByText("只有记录人可以记录选任事项").waitFor();
    assert.equal(await page.locator("form[data-testid=open-case]").count(), 0);

    // The approver signs only the deputy head's line, and submits.
    await becomeUser(page, "吴刚", "approver");
    await page.goto(`${url}/w4/case/case-2026-01`);
    await page.locator("form[data-testid=submit-Initial]").waitFor();
    assert.deepEqual(await page.locator("form[data-testid=sign-Initial] select[name=sign] option").allInnerTexts(), ["分管副部长"]);
    // The cadre section chief signs only their own line.
    await becomeUser(page, "钱军", "cadre_chief");
    await page.goto(`${url}/w4/case/case-2026-01`);
    await page.locator("form[data-testid=sign-Initial]").waitFor();
    assert.deepEqual(await page.locator("form[data-testid=sign-Initial] select[name=sign] option").allInnerTexts(), ["干部科科长"]);
    assert.equal(await page.locator("form[data-testid=record-form]").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("each role sees only the village-pay forms it may use, and a line saying who may", async () => {
  const { context, page, errors } = await phone("巴特尔", "village_head", ["village_pay.json"]);
  try {
    // A village head does not score; the page says who does.
    await page.goto(`${url}/t/t-wljmr/2026/v/v-bymh/q3`);
    await page.getByText("只有考核组成员或乡镇组织委员可以评分或更正评分").waitFor();
    assert.equal(await page.locator("form[data-testid=score-form]").count(), 0, "no score form");

    // An assessor scores, but neither publishes indicators nor grades.
    await becomeUser(page, "赵志刚", "assessor");
    await page.goto(`${url}/t/t-wljmr/2026/v/v-bymh/q3`);
    await page.locator("form[data-testid=score-form]").waitFor();
    // (2027: no set published, no score yet, so a set could still be published.)
    await page.goto(`${url}/t/t-wljmr/2027/indicators`);
    await page.getByText("只有乡镇组织委员可以发布指标、开始公示、处理异议、核定和定稿").waitFor();
    assert.equal(await page.locator("form[data-testid=indicator-form]").count(), 0, "no indicator form");
    await page.goto(`${url}/t/t-wljmr/2026/results`);
    await page.getByText("只有乡镇组织委员可以发布指标、开始公示、处理异议、核定和定稿").waitFor();
    assert.equal(await page.locator("form[data-testid=grade-form]").count(), 0, "no grading form");

    // The organizer sees the forms.
    await becomeUser(page, "李娜", "organizer");
    await page.goto(`${url}/t/t-wljmr/2027/indicators`);
    await page.locator("form[data-testid=indicator-form]").waitFor();
    assert.equal(await page.locator("[data-testid=not-yours]").count(), 0);
    // 2026 is scored: its set is locked, and no form offers what the decider would refuse.
    await page.goto(`${url}/t/t-wljmr/2026/indicators`);
    await page.locator("table[data-testid=published]").waitFor();
    await page.locator("[data-testid=indicators-locked]", { hasText: "本年度已有评分记录" }).waitFor();
    assert.equal(await page.locator("form[data-testid=indicator-form]").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
