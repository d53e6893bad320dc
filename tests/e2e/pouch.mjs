// Start and stop a real PouchDB Server (npm pouchdb-server 4.2.0) for tests, on a free
// 127.0.0.1 port, in memory, from its own temporary folder (it writes config.json and log.txt).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Start PouchDB Server; `inMemory: false` keeps data in its folder across restarts. */
export async function startPouchServer({ inMemory = true, dir, port } = {}) {
  dir = dir || fs.mkdtempSync(path.join(os.tmpdir(), "jishi-pouch-"));
  port = port || (await freePort());
  const bin = path.join(ROOT, "node_modules", ".bin", "pouchdb-server");
  const args = ["--port", String(port), "--host", "127.0.0.1", ...(inMemory ? ["--in-memory"] : ["--dir", dir])];
  const child = spawn(bin, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`pouchdb-server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dir,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
