// Recording is in the start chunk (src/ui/recording.rs, `chunks::start_parts`, with the
// home page and the log's decoding), fetched as the app starts: a new phone's pages are
// drawn without waiting for it. A form sent before it is here says so and is saved once it
// comes; if it can't be fetched, the form says so, saves nothing, and is saved when sent
// again once it can.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { VIEWPORT, launch, startServer, stopServer } from "./lib.mjs";

const RECORDER = "**/split_start_parts.wasm";
const TOWNSHIP = "巴彦塔拉苏木";
let server, browser, base;

before(async () => {
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

/** A new phone of the county's administrator whose start chunk is answered by `answer`
 * (no service worker: every fetch goes through the route), set up through the setup form
 * (in the first load), on the 基础信息 page (a chunk of its own). */
async function phone(answer) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.route(RECORDER, answer);
  await page.goto(`${base}/`);
  await page.getByLabel("姓名").fill("旗委组织部 张卫东");
  await page.getByLabel("角色").selectOption("admin");
  await page.getByRole("button", { name: "开始使用" }).click();
  await page.locator("nav.bottom a", { hasText: "基础信息" }).click();
  const form = page.getByTestId("add-township");
  await form.getByLabel("新乡镇名称").fill(TOWNSHIP);
  return { context, page, form };
}

const township = (page) => page.getByTestId("township").filter({ hasText: TOWNSHIP });

test("a form sent before the recorder came says it is loading, and is saved once it comes", async () => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const { context, page, form } = await phone(async (route) => {
    await held;
    await route.continue();
  });
  try {
    await form.getByRole("button").click();
    await form.getByText("正在载入录入功能…").waitFor();
    assert.equal(await township(page).count(), 0, "nothing saved yet");
    // One send waits at a time: the button is off, and a second send is refused in words.
    assert.equal(await form.getByRole("button").isDisabled(), true);
    await form.evaluate((f) => f.requestSubmit());
    await form.getByText("上一项正在等待录入功能载入，请稍候再提交").waitFor();
    release();
    await township(page).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await township(page).count(), 1, "saved once");
    assert.equal(await form.getByText("正在载入录入功能…").count(), 0);
    assert.equal(await form.getByRole("button").isDisabled(), false);
    assert.equal(await form.getByLabel("新乡镇名称").inputValue(), "", "the form is ready for the next one");
  } finally {
    await context.close();
  }
});

test("when the recorder can't be fetched, a form says so and saves nothing; sent again once it can, it is saved", async () => {
  let fetches = 0;
  let reachable = false;
  const { context, page, form } = await phone(async (route) => {
    fetches++;
    if (reachable) await route.continue();
    else await route.abort("internetdisconnected");
  });
  try {
    await form.getByRole("button").click();
    await form.getByText("录入功能未能载入，未保存。请检查网络后再提交").waitFor();
    assert.equal(await township(page).count(), 0, "nothing saved");
    assert.equal(await form.getByLabel("新乡镇名称").inputValue(), TOWNSHIP, "what was typed is kept");
    reachable = true;
    await form.getByRole("button").click();
    await township(page).waitFor();
    assert.ok(fetches >= 2, `fetched again (${fetches})`);
  } finally {
    await context.close();
  }
});
