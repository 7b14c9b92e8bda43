// The HTTP server in front of Next.js (npm start, npm run dev, the e2e suite, the container image).
// It exists for one thing Next does not offer: the peer address of each connection. It is written to
// `x-shipshape-peer`, replacing whatever a client sent under that name, so that rate limits key on an
// address the client cannot choose (lib/core/api/client-ip.ts). Plain JavaScript: it runs without tsx.
//   node lib/core/runtime/http-server.mjs [--dev] [--port N] [--host H] [--dir D]
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: process.env.HOST ?? "0.0.0.0" },
    dir: { type: "string", default: process.cwd() },
  },
});
const port = Number(values.port);
const app = next({ dev: values.dev, dir: path.resolve(values.dir), hostname: values.host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-shipshape-peer"] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, values.host, () => {
  process.stdout.write(`[shipshape] listening on http://${values.host}:${port}\n`);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", close);
process.on("SIGINT", close);
