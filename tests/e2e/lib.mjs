// Shared e2e harness: a static server for dist/ with SPA fallback, and Debian's
// Chromium driven by playwright-core at a phone viewport.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
import { startServer as serveFolder } from "../../scripts/static-server.mjs";

/** Static server for `root` (default dist/; a folder, or a function returning the folder
 * to serve now) with SPA fallback; `server.requests` lists every path asked for. */
export function startServer(root = DIST, port = 0) {
  return serveFolder(root, port);
}

/** Launch Debian's Chromium headless. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Save a full-page screenshot under tests/artifacts/. */
export async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Every record the phone stores, as [id, stored text]: IndexedDB's, then those still
 * in localStorage (written a moment ago, not moved yet). */
export async function storedRecords(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("jishi", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("events");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("events").objectStore("events");
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            open.result.close();
            const records = new Map(keys.result.map((k, i) => [k, values.result[i]]));
            for (const k of Object.keys(localStorage)) {
              if (k.startsWith("jishi:ev:") && !records.has(k.slice(9))) records.set(k.slice(9), localStorage.getItem(k));
            }
            resolve([...records]);
          };
        };
      }),
  );
}

/** Change a stored record behind the app's back (as someone with the phone's dev tools could). */
export async function overwriteStored(page, id, text) {
  await page.evaluate(
    ([id, text]) =>
      new Promise((resolve, reject) => {
        localStorage.removeItem(`jishi:ev:${id}`);
        const open = indexedDB.open("jishi", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("events");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("events", "readwrite");
          tx.objectStore("events").put(text, id);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [id, text],
  );
}
