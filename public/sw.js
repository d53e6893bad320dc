/* 纪实 Jishi service worker (hand-written; no framework).
 *
 * At build (scripts/build.sh), scripts/stamp-sw.sh rewrites the two marked expressions
 * below in the *staged* copy of this file:
 *   BUILD  - short hash of the build's files (index.html names the build's folder)
 *   ASSETS - every file of the build, as URLs relative to this script ("./", "./index.html", ...)
 * Unstamped (e.g. this source file served as-is) the values are valid JS and the worker
 * precaches nothing and lets every request go to the network.
 *
 * Strategy:
 *   install  - cache every listed asset into `jishi-<BUILD>`, skipWaiting. The app's files
 *              live in a folder named by their content hash (app-<hash>/: js, css, the
 *              first-load wasm and every chunk loaded on demand); they are taken from the
 *              HTTP cache when the page already loaded them (`force-cache`: a hashed name
 *              never changes content), so a first visit downloads nothing twice, and the
 *              chunks not yet used are fetched once, so every page works offline after
 *              one online visit; files with stable names (index.html, icons, manifest)
 *              bypass the HTTP cache.
 *   activate - delete every other `jishi-*` cache but the build just replaced (a tab
 *              still running it loads its chunks from there), clients.claim()
 *   fetch    - same-origin GET only:
 *              navigations: this build's cached ./index.html at once (any deep SPA route
 *                           opens at once, online or not); the network only when nothing
 *                           is cached yet. A new build is found by the browser's own check
 *                           of sw.js on navigation: it installs in the background and the
 *                           next open is the new build;
 *              other assets: this build's cache first, then the network.
 * js, wasm and css are in a content-hashed folder and index.html is cached with them in one
 * per-build cache, so an old index.html never meets a new wasm (or the reverse).
 */
"use strict";

const BUILD = /*@JISHI_BUILD@*/ "dev" /*@END@*/;
const ASSETS = /*@JISHI_ASSETS@*/ [] /*@END@*/;

const PREFIX = "jishi-";
const CACHE = PREFIX + BUILD;
const STAMPED = ASSETS.length > 0;
/** A file in the build's folder, named by a hash of its content (scripts/build.sh): its
 * bytes never change. */
const HASHED = /\/app-[0-9a-f]{16}\/[^/]+$/;
const SHELL = new URL("./index.html", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (STAMPED) {
        const cache = await caches.open(CACHE);
        // Stable names bypass the HTTP cache, so a stale copy never lands in a new build's
        // cache; hashed names can't be stale, and the page has usually just loaded them.
        await cache.addAll(
          ASSETS.map((url) => {
            const href = new URL(url, self.location).href;
            return new Request(href, { cache: HASHED.test(href) ? "force-cache" : "reload" });
          }),
        );
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Keep the build just replaced: a tab still running it fetches its chunks of pages
      // not opened yet from there. Caches are listed in the order they were made.
      const others = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await Promise.all(others.slice(0, -1).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!STAMPED || request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function navigate(request) {
  const shell = await cachedShell();
  if (shell) return shell;
  const response = await fetch(request);
  // A static host without SPA fallback answers 404 on deep links: try the app's root.
  return response.ok ? response : fetch(new URL("./", self.location).href);
}

async function cachedShell() {
  const cache = await caches.open(CACHE);
  return (await cache.match(SHELL)) || (await cache.match(new URL("./", self.location).href));
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // This build's file, or the replaced build's (a tab opened before the update).
  const hit = (await cache.match(request)) || (await caches.match(request));
  return hit || fetch(request);
}
