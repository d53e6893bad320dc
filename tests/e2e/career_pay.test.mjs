// 选聘事业待遇 (W2) end to end: one township's round from applications to the
// certificate, on a phone-sized screen, offline after the first load, against the
// release build. The county's organization department records three long-serving
// directors' tenures, opens the year's round with one slot for 乌力吉木仁苏木; the
// township's organizer records their applications and its 初审, the county its 复审; the
// eligible list is publicized; after the window the extended meeting recommends 1:3 and
// the party committee 1:2; the county inspects, fixes the formal candidates (1 slot +
// 20% = 2), decides, publicizes the result, and prints the certificate. A village head
// reads the round with no form. The phone's clock is set to each step's day (a
// publicity cannot be backdated, and the next step waits for its window to end).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, ROOT, VIEWPORT, goOffline, launch, shot, startServer, stopServer } from "./lib.mjs";
import { becomeUser, importBackup } from "./ui.mjs";

const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
const ADMIN = "旗委组织部 张卫东";
const ORGANIZER = "苏木组织委员 王丽娜";
const TOWNSHIP = "乌力吉木仁苏木";

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

/** Send a form and wait for its notice. */
async function send(form, button, done) {
  await form.getByRole("button", { name: button }).click();
  await form.locator(".notice", { hasText: done }).waitFor();
}

async function township(page) {
  await page.goto(`${base}/career/${YEAR}`);
  await page.locator("[data-testid=round-townships] a", { hasText: TOWNSHIP }).click();
  await page.getByRole("heading", { name: `${TOWNSHIP}${YEAR}年选聘` }).waitFor();
}

test("one township's round from applications to the certificate", async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const onDay = (day) => context.clock.setFixedTime(new Date(`${YEAR}-${day}T10:00:00+08:00`));
  const page = await context.newPage();
  await page.goto(base + "/");
  await becomeUser(page, ADMIN, "admin");
  await importBackup(page, path.join(ROOT, "tests/golden/village_heads.json"));
  await goOffline(page);
  await onDay("03-01");

  // Three directors of long standing.
  await page.goto(`${base}/heads`);
  for (const [name, village, years] of [["吴桂芝", "乌兰哈达嘎查", 11], ["刘建国", "乌力吉木仁嘎查", 14], ["陈淑华", "白音花嘎查", 7]]) {
    const form = page.locator("form[data-testid=tenure-form]");
    // The folded form stays open after a save.
    if (!(await form.getByLabel("姓名").isVisible())) await page.getByText("登记任职", { exact: true }).click();
    await form.getByLabel("姓名").fill(name);
    await form.getByLabel("村（嘎查）").selectOption({ label: `${TOWNSHIP} · ${village}` });
    await form.getByLabel("职务").selectOption({ label: "村委会主任" });
    await form.getByLabel("任职日期").fill(`${YEAR - years}-03-01`);
    await form.getByRole("button", { name: "保存任职记录" }).click();
    await page.locator("[data-testid=people] li", { hasText: name }).waitFor();
  }

  // The county opens the round: 4 villages, 5% rounded up is 1 slot.
  await page.getByRole("link", { name: "选聘事业待遇" }).click();
  await page.locator("[data-testid=round-status]", { hasText: "本年度选聘尚未开启" }).waitFor();
  const round = page.locator("form[data-testid=career_round]");
  await round.getByLabel(TOWNSHIP).fill("1");
  await round.getByRole("button", { name: "开启选聘" }).click();
  await page.locator("[data-testid=round-status]", { hasText: "共1个名额（嘎查村4个，不少于5%即1个）" }).waitFor();

  // The township's organizer records the applications and its 初审.
  await becomeUser(page, ORGANIZER, "organizer");
  await township(page);
  const apply = page.locator("form[data-testid=career_apply]");
  for (const name of ["吴桂芝", "刘建国", "陈淑华"]) {
    await apply.getByLabel("申请人").selectOption({ label: `${name}（符合条件）` });
    await send(apply, "登记书面申请", "已登记申请");
  }
  assert.equal(await page.locator("[data-testid=applications] li").count(), 3);
  for (let i = 0; i < 3; i++) {
    const review = page.locator("form[data-testid=career_review_township]");
    await review.getByLabel("审查通过").selectOption("yes");
    await review.getByRole("button", { name: "记录乡镇初审" }).click();
    await page.locator("[data-testid=applications] li", { hasText: "初审通过" }).nth(i).waitFor();
  }

  // The county's 复审.
  await becomeUser(page, ADMIN, "admin");
  await township(page);
  for (let i = 0; i < 3; i++) {
    const review = page.locator("form[data-testid=career_review_county]");
    await review.getByLabel("审查通过").selectOption("yes");
    await review.getByRole("button", { name: "记录旗县复审" }).click();
    await page.locator("[data-testid=applications] li", { hasText: "复审通过" }).nth(i).waitFor();
  }

  // The eligible list is publicized for 7 days; recommending waits for it to end.
  await becomeUser(page, ORGANIZER, "organizer");
  await township(page);
  await page.locator("form[data-testid=career_publicity]").getByRole("button", { name: "公示资格审查通过人员名单" }).click();
  await page.locator("[data-testid=publicity]", { hasText: `${YEAR}-03-01至${YEAR}-03-07` }).waitFor();
  // The list prints as its 公示 notice: who, the window, whom to object to; no sideways
  // scroll at 390 or 360 px.
  await page.getByRole("link", { name: "打印公示" }).click();
  const notice = page.getByTestId("eligible-notice");
  await notice.waitFor();
  await page.getByRole("heading", { name: `${TOWNSHIP}${YEAR}年选聘嘎查村书记（主任）享受事业单位基础工资待遇符合条件人员名单公示` }).waitFor();
  const said = await notice.innerText();
  for (const part of ["吴桂芝", "乌兰哈达嘎查", "村委会主任", `公示时间：${YEAR}年03月01日 至 ${YEAR}年03月07日（共 7 天）。`, `向中共${TOWNSHIP}委员会反映`]) {
    assert.ok(said.includes(part), `${part} missing from the notice:\n${said}`);
  }
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(await sideways(), false, "390 px: no sideways scroll");
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await sideways(), false, "360 px: no sideways scroll");
  await page.setViewportSize(VIEWPORT);
  await shot(page, "career-eligible-notice");
  await page.getByRole("link", { name: "← 返回" }).click();
  await page.getByRole("heading", { name: `${TOWNSHIP}${YEAR}年选聘` }).waitFor();
  await page.locator("[data-testid=why-not]", { hasText: `公示至${YEAR}-03-07，期满后才能推荐` }).waitFor();
  await onDay("03-10");
  await township(page);
  // 1:3 for 1 slot: all three; a wrong count is refused with the ratio.
  let choose = page.locator("form[data-testid=career_initial]");
  await choose.getByLabel("吴桂芝").check();
  await choose.getByRole("button", { name: "记录推荐结果" }).click();
  await choose.getByText("扩大会议按1:3推荐，本乡镇1个名额应推荐3人，现为1人").first().waitFor();
  await choose.getByLabel("刘建国").check();
  await choose.getByLabel("陈淑华").check();
  await choose.getByRole("button", { name: "记录推荐结果" }).click();
  choose = page.locator("form[data-testid=career_reserve]");
  await choose.getByLabel("吴桂芝").check();
  await choose.getByLabel("刘建国").check();
  await choose.getByRole("button", { name: "记录推荐结果" }).click();
  await page.locator("[data-testid=township-step]", { hasText: "预备人选2人，由旗县考察" }).waitFor();
  await shot(page, "w2-township");

  // The county inspects both reserve candidates.
  await becomeUser(page, ADMIN, "admin");
  await township(page);
  for (const name of ["吴桂芝", "刘建国"]) {
    const inspect = page.locator("form[data-testid=career_inspect]");
    await inspect.getByLabel("考察对象").selectOption({ label: name });
    await inspect.getByLabel("优秀").fill("30");
    await inspect.getByLabel("称职", { exact: true }).fill("8");
    await inspect.getByLabel("基本称职").fill("2");
    await inspect.getByLabel("不称职").fill("0");
    await inspect.getByLabel("个别谈话人数").fill("15");
    await inspect.getByLabel("考察结论").fill("群众公认度高，工作实绩突出");
    await inspect.getByRole("button", { name: "记录考察" }).click();
    await page.locator("[data-testid=applications] li", { hasText: name }).filter({ hasText: "已考察" }).waitFor();
  }

  // Formal candidates (差额: 1 + 20% rounded up = 2), the decision, its publicity.
  await page.getByRole("link", { name: "← 全旗县选聘" }).click();
  choose = page.locator("form[data-testid=career_candidates]");
  await choose.getByLabel("吴桂芝").check();
  await choose.getByRole("button", { name: "确定正式候选人" }).click();
  await choose.getByText("正式候选人须不少于2人（1个名额，差额20%向上取整），现为1人").first().waitFor();
  await choose.getByLabel("刘建国").check();
  await choose.getByRole("button", { name: "确定正式候选人" }).click();
  await page.locator("[data-testid=candidates-status]", { hasText: "已确定2人" }).waitFor();
  choose = page.locator("form[data-testid=career_decide]");
  await choose.getByLabel("刘建国").check();
  await choose.getByRole("button", { name: "记录选聘决定" }).click();
  await page.locator("[data-testid=decision-status]", { hasText: "选聘领导小组已决定1人" }).waitFor();
  await page.locator("form[data-testid=career_publicity]").getByRole("button", { name: "开始结果公示" }).click();
  await page.locator("[data-testid=result-publicity]", { hasText: `${YEAR}-03-10至${YEAR}-03-16` }).waitFor();

  // After the window, the certificate, printed.
  await onDay("03-20");
  await page.goto(`${base}/career/${YEAR}`);
  const certify = page.locator("form[data-testid=career_certify]");
  await certify.getByLabel("证书编号").fill(`扎选聘〔${YEAR}〕1号`);
  await certify.getByLabel("待遇起始日期").fill(`${YEAR}-04-01`);
  await certify.getByRole("button", { name: "颁发证书" }).click();
  await page.locator("[data-testid=certificate]", { hasText: `刘建国：证书扎选聘〔${YEAR}〕1号，${YEAR}-04-01起享受待遇` }).click();
  await page.getByRole("heading", { name: "选聘证书" }).waitFor();
  assert.match(await page.locator("[data-testid=certificate-body]").innerText(), new RegExp(`刘建国同志.*自${YEAR}-04-01起执行`));
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the certificate fits 360 px");
  await shot(page, "w2-certificate");
  await page.setViewportSize(VIEWPORT);

  // The pay sheet pays him from April: 9 months of 事业 base pay (2,500 a month).
  await page.goto(`${base}/heads/pay/${YEAR}`);
  const liu = page.locator("table[data-testid=pay-township] tr", { hasText: "刘建国" });
  assert.match(await liu.innerText(), /22500[\s\S]*选聘事业待遇9个月/);

  // In the autumn the next year's renewal is due (一年一评、一年一聘): the home page says
  // so and leads to the yearly review, where the county renews him, then ends his pay
  // on his own request from the next July.
  await onDay("10-15");
  await page.goto(base + "/");
  await page.getByRole("link", { name: `${YEAR + 1}年选聘人员年度评聘：1人待续聘` }).click();
  await page.getByRole("heading", { name: `${YEAR + 1}年选聘人员年度评聘` }).waitFor();
  const holder = page.locator("[data-testid=holders] li", { hasText: "刘建国" });
  await holder.filter({ hasText: "待续聘评定" }).waitFor();
  const renew = page.locator("form[data-testid=career_renew]");
  await renew.getByLabel("续聘人员").selectOption({ label: "刘建国" });
  // Once renewed nobody is left to renew: the form gives way to the status.
  await renew.getByRole("button", { name: "续聘" }).click();
  await holder.filter({ hasText: `${YEAR}-10-15已续聘` }).waitFor();
  const end = page.locator("form[data-testid=career_end]");
  await end.getByLabel("人员").selectOption({ label: "刘建国" });
  await end.getByLabel("终止情形").selectOption({ label: "本人申请辞聘" });
  await end.getByLabel("具体情况").fill("本人书面申请辞去选聘待遇");
  await end.getByLabel("停发日期（当日起不再发放）").fill(`${YEAR + 1}-07-01`);
  await send(end, "终止待遇", "已记录终止");
  await holder.filter({ hasText: `已终止（本人申请辞聘：本人书面申请辞去选聘待遇），${YEAR + 1}-07-01起停发` }).filter({ hasText: "当年6个月" }).waitFor();
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the yearly review fits 360 px");
  await shot(page, "w2-holders");
  await page.setViewportSize(VIEWPORT);

  // A village head reads the round and is given no form.
  await becomeUser(page, "包金山", "village_head");
  await page.goto(`${base}/career/${YEAR}`);
  await page.locator("[data-testid=decision-status]", { hasText: "已决定1人" }).waitFor();
  assert.equal(await page.locator("form").count(), 0);
  await context.close();
});
