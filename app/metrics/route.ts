import crypto from "node:crypto";
import { metrics } from "@/lib/core/metrics";

export const dynamic = "force-dynamic";

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

// Prometheus exposition format (prom-client). Protected by METRICS_TOKEN: scrape with
// `authorization: Bearer <token>` (Prometheus `authorization.credentials`). Without the setting the
// endpoint is off (404), so an install never publishes its metrics by accident.
export async function GET(req: Request) {
  const expected = process.env.METRICS_TOKEN;
  if (!expected) return new Response("Metrics are off: set METRICS_TOKEN to enable GET /metrics\n", { status: 404 });
  const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!crypto.timingSafeEqual(digest(sent), digest(expected)))
    return new Response("Send authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
