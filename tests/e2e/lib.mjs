// Shared e2e harness: a static server for dist/ with SPA fallback, and Debian's
// Chromium driven by playwright-core at a phone viewport.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.JISHI_DIST || path.join(ROOT, "dist");
export const ARTIFACTS = path.join(ROOT, "tests", "artifacts");
export const CHROMIUM = process.env.JISHI_CHROMIUM || "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** A common phone (iPhone 12-14 class). */
export const VIEWPORT = { width: 390, height: 844 };

export { stopServer } from "../../scripts/static-server.mjs";
import { startServer as serveFolder, stopServer as stopFolder } from "../../scripts/static-server.mjs";

/** Static server for `root` (default dist/; a folder, or a function returning the folder
 * to serve now) with SPA fallback; `server.requests` lists every path asked for. */
export function startServer(root = DIST, port = 0) {
  return serveFolder(root, port);
}

/** A suite's setup: before its tests, a static server for dist/ (which must be built) and
 * Chromium, handed to `set({ server, browser, base })`; after them, both stopped. */
export function serveApp(set) {
  let server;
  let browser;
  before(async () => {
    if (!fs.existsSync(path.join(DIST, "index.html"))) throw new Error("dist/ missing: run `make test-e2e`");
    server = await startServer();
    browser = await launch();
    set({ server, browser, base: `http://127.0.0.1:${server.address().port}` });
  });
  after(async () => {
    await browser?.close();
    if (server) await stopFolder(server);
  });
}

/** Launch Debian's Chromium headless. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Take each page's phone offline once its service worker is active (the app shell and
 * every chunk cached): going offline before that would leave a later `goto` with nothing
 * to load, a race a slow machine loses. */
export async function goOffline(...pages) {
  for (const page of pages) {
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.context().setOffline(true);
  }
}

/** Save a full-page screenshot under tests/artifacts/. */
export async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Every record the phone stores, as [id, stored text]: IndexedDB's, then (unless
 * `withLocal` is false) those still in localStorage (written a moment ago, not moved yet). */
export async function storedRecords(page, { withLocal = true } = {}) {
  return page.evaluate(
    (withLocal) =>
      new Promise((resolve, reject) => {
        // Whatever version the app has made (single records in "events"; from v2 also
        // "pages": a line `id<TAB>text` a record, src/store/indexed.rs).
        const open = indexedDB.open("jishi");
        open.onupgradeneeded = () => open.result.createObjectStore("events");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ["pages", "events"].filter((n) => db.objectStoreNames.contains(n));
          const tx = db.transaction(names);
          const got = names.map((n) => [n, tx.objectStore(n).getAllKeys(), tx.objectStore(n).getAll()]);
          tx.oncomplete = () => {
            db.close();
            const records = new Map();
            for (const [name, keys, values] of got) {
              keys.result.forEach((k, i) => {
                if (name === "events") return records.set(k, values.result[i]);
                // A page: UTF-8 bytes, its digest on the first line (src/store/page.rs).
                for (const line of new TextDecoder().decode(values.result[i]).split("\n").slice(1)) {
                  const tab = line.indexOf("\t");
                  records.set(line.slice(0, tab), line.slice(tab + 1));
                }
              });
            }
            for (const k of withLocal ? Object.keys(localStorage) : []) {
              if (k.startsWith("jishi:ev:") && !records.has(k.slice(9))) records.set(k.slice(9), localStorage.getItem(k));
            }
            resolve([...records]);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    withLocal,
  );
}

/** Change a stored record behind the app's back (as someone with the phone's dev tools
 * could): in its page if it is in one, else as a single record. */
export async function overwriteStored(page, id, text) {
  await page.evaluate(
    ([id, text]) =>
      new Promise((resolve, reject) => {
        localStorage.removeItem(`jishi:ev:${id}`);
        const open = indexedDB.open("jishi");
        open.onupgradeneeded = () => open.result.createObjectStore("events");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ["pages", "events"].filter((n) => db.objectStoreNames.contains(n));
          const tx = db.transaction(names, "readwrite");
          const write = (pages) => {
            for (const [key, value] of pages) {
              const lines = new TextDecoder().decode(value).split("\n");
              const at = lines.findIndex((l) => l.startsWith(`${id}\t`));
              if (at < 0) continue;
              // The page's digest (its first line) is left as it was.
              lines[at] = `${id}\t${text}`;
              return tx.objectStore("pages").put(new TextEncoder().encode(lines.join("\n")), key);
            }
            tx.objectStore("events").put(text, id);
          };
          if (names.includes("pages")) {
            const store = tx.objectStore("pages");
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => write(keys.result.map((k, i) => [k, values.result[i]]));
          } else {
            write([]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [id, text],
  );
}

/** RFC 4180 CSV text into rows of fields (quoted fields may hold commas, quotes, breaks;
 * CRLF ends a row). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Click `button` (an export), read the file the browser saves and parse it back: its
 * suggested name, its text (after the byte-order mark, which it must start with, as
 * Excel needs) and its rows. The page's context must accept downloads. */
export async function downloadCsv(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const bytes = fs.readFileSync(await download.path());
  const bom = [...bytes.subarray(0, 3)];
  if (bom.join() !== [0xef, 0xbb, 0xbf].join()) throw new Error(`no UTF-8 byte-order mark: ${bom}`);
  const text = bytes.toString("utf8").slice(1);
  return { file: download.suggestedFilename(), text, rows: parseCsv(text) };
}

/** A table on screen as a person reads it: its column heads and each body row's cells
 * (header cells included), each cell's text trimmed, marks (`small.warn`) left out. */
export async function tableOnScreen(table) {
  const heads = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.children].map((cell) => {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll("small.warn").forEach((m) => m.remove());
        return copy.textContent.trim();
      }),
    ),
  );
  return { heads, rows };
}
