// A static server for dist/ with SPA fallback: `make serve` (scripts/serve.mjs) and the e2e
// tests (tests/e2e/lib.mjs) use it. Node's standard library only.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** Static server for `root` (a folder, or a function returning the folder to serve now)
 * with SPA fallback: an extension-less unknown path gets index.html. */
export function startServer(root, port = 0, host = "127.0.0.1") {
  const server = http.createServer((req, res) => {
    const dir = path.resolve(typeof root === "function" ? root() : root);
    const url = new URL(req.url, "http://localhost");
    server.requests.push(url.pathname);
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end("bad path");
      return;
    }
    if (rel.endsWith("/")) rel += "index.html";
    let file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (path.extname(rel) !== "") {
        res.writeHead(404).end("not found");
        return;
      }
      file = path.join(dir, "index.html");
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-cache",
    });
    fs.createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  /** Every path requested, in order (tests count what reached the network). */
  server.requests = [];
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

/** Stop a server started by startServer (idempotent). */
export function stopServer(server) {
  return new Promise((resolve) => {
    if (!server || !server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

