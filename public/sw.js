/* 纪实 Jishi service worker (hand-written; no framework).
 *
 * At `trunk build`, scripts/stamp-sw.sh (a Trunk post_build hook) rewrites the two
 * marked expressions below in the *staged* copy of this file:
 *   BUILD  - short hash of the build's files (index.html names the hashed js/wasm/css)
 *   ASSETS - every file of the build, as URLs relative to this script ("./", "./index.html", ...)
 * Unstamped (e.g. this source file served as-is) the values are valid JS and the worker
 * precaches nothing and lets every request go to the network.
 *
 * Strategy:
 *   install  - cache every listed asset into `jishi-<BUILD>` (bypassing the HTTP cache), skipWaiting
 *   activate - delete every other `jishi-*` cache, clients.claim()
 *   fetch    - same-origin GET only:
 *              navigations: network first (3 s timeout), else the cached ./index.html,
 *                           so any deep SPA route opens offline;
 *              other assets: this build's cache first, then the network.
 * js, wasm and css have content-hashed names and index.html is cached with them in one
 * per-build cache, so an old index.html never meets a new wasm (or the reverse).
 */
"use strict";

const BUILD = /*@JISHI_BUILD@*/ "dev" /*@END@*/;
const ASSETS = /*@JISHI_ASSETS@*/ [] /*@END@*/;

const PREFIX = "jishi-";
const CACHE = PREFIX + BUILD;
const NAV_TIMEOUT_MS = 3000;
const STAMPED = ASSETS.length > 0;
const SHELL = new URL("./index.html", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (STAMPED) {
        const cache = await caches.open(CACHE);
        // `cache: "reload"` so a stale HTTP-cached copy never lands in a new build's cache.
        await cache.addAll(
          ASSETS.map((url) => new Request(new URL(url, self.location).href, { cache: "reload" })),
        );
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
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

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

async function navigate(request) {
  const network = fetch(request);
  // Avoid an "uncaught rejection" when we answer from the cache before the network fails.
  network.catch(() => {});
  try {
    const response = await Promise.race([network, timeout(NAV_TIMEOUT_MS)]);
    // A static host without SPA fallback answers 404 on deep links: serve the app shell.
    if (response.ok) return response;
    const shell = await cachedShell();
    return shell || response;
  } catch (_) {
    const shell = await cachedShell();
    if (shell) return shell;
    return network; // nothing cached yet: keep waiting for the network (or its error)
  }
}

async function cachedShell() {
  const cache = await caches.open(CACHE);
  return (await cache.match(SHELL)) || (await cache.match(new URL("./", self.location).href));
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  return hit || fetch(request);
}
