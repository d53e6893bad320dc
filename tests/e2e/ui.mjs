// UI steps shared by the journeys (the app in Chinese, its default).

/** Submit a form and wait for `success` (default: the form's notice); a refusal fails with its message. */
export async function submitOk(form, success = form.locator(".notice")) {
  await form.locator("button[type=submit]").click();
  const refused = form.locator(".form-error");
  await success.or(refused).first().waitFor({ timeout: 10_000 });
  if (await refused.count()) throw new Error(`form was refused: ${(await refused.allTextContents()).join(" | ")}`);
}

/** The score input of indicator `name` in a score form, found by its label ("党建引领（满分 30）"). */
export const scoreInput = (form, name) => form.getByLabel(name);

/** Type each score into a score form: `values[i]` for the indicator `names[i]`. */
export async function fillScores(form, names, values) {
  for (let i = 0; i < values.length; i++) await scoreInput(form, names[i]).fill(values[i]);
}

/** First start or "switch user": who is using the phone. */
export async function becomeUser(page, name, roleKey) {
  if (await page.locator("a.pill.user").count()) await page.locator("a.pill.user").click();
  await page.locator("input[name=name]").fill(name);
  await page.locator("select[name=role]").selectOption(roleKey);
  await page.getByRole("button", { name: "开始使用" }).click();
  await page.getByRole("heading", { name: "村干部绩效考评" }).waitFor();
}

/** Home → the township's board for `year`. */
export async function openBoard(page, township, year) {
  await page.locator("nav.bottom a", { hasText: "首页" }).click();
  await page.locator("input[name=year]").fill(String(year));
  await page.locator("[data-testid=townships] a", { hasText: township }).click();
  await page.locator("table[data-testid=board]").waitFor();
}

const COLUMN = { q1: 2, q2: 3, q3: 4, q4: 5, annual: 6 };

/** The board → one village's period page. */
export async function openSlot(page, township, year, village, period) {
  await openBoard(page, township, year);
  await page.locator(`table[data-testid=board] tr[data-village="${village}"] td:nth-child(${COLUMN[period]}) a`).click();
  await page.locator("section.card h1", { hasText: village }).waitFor();
}

/** Data page → export; returns the saved file's path. */
export async function exportBackup(page, file) {
  await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export]").click()]);
  await download.saveAs(file);
  return file;
}

/** Data page → import a file; waits for the report. */
export async function importBackup(page, file) {
  await page.locator("nav.bottom a", { hasText: "数据备份" }).click();
  await page.locator("[data-testid=import]").setInputFiles(file);
  await page.locator(".notice", { hasText: "导入完成" }).waitFor();
}
