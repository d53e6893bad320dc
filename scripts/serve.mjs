// `make serve`: dist/ on http://127.0.0.1:8080 (SPA fallback: deep links open the app).
//   node scripts/serve.mjs [port]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static-server.mjs";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const port = Number(process.argv[2] || 8080);
const server = await startServer(dist, port);
console.log(`纪实 Jishi: http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
