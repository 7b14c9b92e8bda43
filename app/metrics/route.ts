import crypto from "node:crypto";
import { metrics } from "@/lib/core/metrics";

export const dynamic = "force-dynamic";

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

const portKey = () => (globalThis as { shipshapeMetricsPortKey?: string }).shipshapeMetricsPortKey;

// Prometheus exposition format (prom-client). Two ways to reach it:
//   - on the public port with METRICS_TOKEN: scrape with `authorization: Bearer <token>`
//     (Prometheus `authorization.credentials`). Without the setting it is off (404), so an install
//     never publishes its metrics by accident;
//   - on SHIPSHAPE_METRICS_PORT, a port of its own, with no token: the front server
//     (lib/core/runtime/http-server.mjs) marks those requests with a per-process key.
export async function GET(req: Request) {
  const key = portKey();
  const viaMetricsPort = key !== undefined && req.headers.get("x-shipshape-metrics-key") === key;
  if (viaMetricsPort) return exposition();
  const expected = process.env.METRICS_TOKEN;
  if (!expected) return new Response("Metrics are off: set METRICS_TOKEN to enable GET /metrics\n", { status: 404 });
  const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!crypto.timingSafeEqual(digest(sent), digest(expected)))
    return new Response("Send authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  return exposition();
}

async function exposition(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
