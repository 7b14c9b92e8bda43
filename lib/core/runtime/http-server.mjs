// The HTTP server in front of Next.js (npm start, npm run dev, the e2e suite, the container image).
// Next's own server offers neither of the three things it exists for:
//   - the peer address of each connection, written to `x-shipshape-peer` (replacing whatever a client
//     sent under that name), so that rate limits key on an address the client cannot choose
//     (lib/core/api/client-ip.ts);
//   - one JSON log line per request (pino): request id, method, route, status, duration. Never the
//     query string, headers or body. The request id is the caller's `X-Request-Id` when it is a sane
//     token, else a new one; it is echoed, and the app carries it into the jobs a request queues;
//   - a graceful shutdown on SIGTERM/SIGINT: stop accepting, let in-flight requests finish, stop the
//     job runner, close the database pool, exit 0 (exit 1 if that takes longer than
//     SHIPSHAPE_SHUTDOWN_TIMEOUT_MS, 25 s by default, within Kubernetes' 30 s grace period).
// Plain JavaScript: it runs without tsx, and the image runs it as server.mjs inside Next's standalone
// output instead of the generated server.js.
//   node lib/core/runtime/http-server.mjs [--dev] [--port N] [--host H] [--dir D]
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import pino from "pino";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: process.env.HOST ?? "0.0.0.0" },
    dir: { type: "string", default: process.cwd() },
  },
});
const port = Number(values.port);
const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { app: "shipshape" } });
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// SHIPSHAPE_METRICS_PORT serves GET /metrics on a port of its own, without METRICS_TOKEN: for a
// scraper that reaches the pod directly while the public port stays closed to it. The request is
// handed to the app's /metrics route with a per-process key that public requests cannot send.
const metricsPort = process.env.SHIPSHAPE_METRICS_PORT ? Number(process.env.SHIPSHAPE_METRICS_PORT) : null;
const METRICS_KEY_HEADER = "x-shipshape-metrics-key";
const metricsKey = crypto.randomBytes(32).toString("hex");
globalThis.shipshapeMetricsPortKey = metricsPort ? metricsKey : undefined;

// API routes put their route pattern here under the request id (lib/core/request-context.ts).
const routes = new Map();
globalThis.shipshapeRouteLog = routes;

// Production serves with the configuration the build was made with (.next/required-server-files.json),
// as Next's generated standalone server.js does: the standalone output (the container image) has no
// next.config.js, and in a checkout it keeps Next from warning that "next start" is not standalone.
const dir = path.resolve(values.dir);
const requiredFiles = path.join(dir, ".next", "required-server-files.json");
if (!values.dev && fs.existsSync(requiredFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(
    JSON.parse(fs.readFileSync(requiredFiles, "utf8")).config,
  );
}

const app = next({ dev: values.dev, dir, hostname: values.host, port });
const handle = app.getRequestHandler();
await app.prepare();

let closing = false;
const inFlight = new Set();

const server = http.createServer((req, res) => {
  const started = performance.now();
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  req.headers["x-request-id"] = requestId;
  req.headers["x-shipshape-peer"] = req.socket.remoteAddress ?? "";
  delete req.headers[METRICS_KEY_HEADER];
  res.setHeader("x-request-id", requestId);
  if (closing) res.setHeader("connection", "close");
  inFlight.add(res);
  res.on("close", () => {
    inFlight.delete(res);
    const route = routes.get(requestId);
    routes.delete(requestId);
    const pathname = (req.url ?? "/").split("?")[0];
    if (!pathname.startsWith("/_next/static/")) {
      log.info(
        {
          requestId,
          method: req.method,
          route: route ?? pathname,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    }
    if (closing) server.closeIdleConnections();
  });
  void handle(req, res);
});
server.listen(port, values.host, () => {
  process.stdout.write(`[shipshape] listening on http://${values.host}:${port}\n`);
});

const metricsServer = metricsPort
  ? http.createServer((req, res) => {
      if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
        res.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is served on this port\n");
        return;
      }
      req.headers[METRICS_KEY_HEADER] = metricsKey;
      void handle(req, res);
    })
  : null;
metricsServer?.listen(metricsPort, values.host, () => {
  process.stdout.write(`[shipshape] metrics on http://${values.host}:${metricsPort}/metrics\n`);
});

/** What the app registered to close on shutdown (the job runner, then the database pool), in order. */
async function runShutdownHooks() {
  const hooks = [...(globalThis.shipshapeShutdownHooks ?? [])].sort((a, b) => a.order - b.order);
  for (const hook of hooks) {
    try {
      log.info({ hook: hook.name }, "shutdown step");
      await hook.run();
    } catch (err) {
      log.error({ err, hook: hook.name }, "shutdown step failed");
    }
  }
}

async function shutdown(signal) {
  if (closing) return;
  closing = true;
  globalThis.shipshapeShuttingDown = true;
  const timeoutMs = Number(process.env.SHIPSHAPE_SHUTDOWN_TIMEOUT_MS ?? 25_000);
  log.info({ signal, inFlight: inFlight.size }, "shutting down: finishing in-flight requests");
  setTimeout(() => {
    log.error({ inFlight: inFlight.size }, "shutdown timed out; dropping open connections");
    server.closeAllConnections();
    process.exit(1);
  }, timeoutMs).unref();
  // Responses still to be written tell their clients not to reuse the connection.
  for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
  metricsServer?.close();
  metricsServer?.closeAllConnections();
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeIdleConnections();
  });
  await runShutdownHooks();
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
