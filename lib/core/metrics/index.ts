import "server-only";
import client from "prom-client";

// Shipshape's own metrics (prom-client), served in Prometheus exposition format at GET /metrics.
// One registry per process, kept on globalThis so that Next's separate route bundles share it; each
// replica reports its own series and Prometheus adds them up.

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  eventsIngested: client.Counter<"kind" | "result">;
  signatureFailures: client.Counter<"provider">;
};

const globalForMetrics = globalThis as unknown as { shipshapeMetrics?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "shipshape_http_request_duration_seconds",
      help: "API and export request duration by route pattern (not raw path), method and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    eventsIngested: new client.Counter({
      name: "shipshape_events_ingested_total",
      help: "Events ingested by kind (deployment, incident, sli_sample) and result (accepted, duplicate, unmatched, rejected)",
      labelNames: ["kind", "result"],
      registers: [registry],
    }),
    signatureFailures: new client.Counter({
      name: "shipshape_webhook_signature_failures_total",
      help: "Webhook deliveries refused because their signature did not match",
      labelNames: ["provider"],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  globalForMetrics.shipshapeMetrics ??= create();
  return globalForMetrics.shipshapeMetrics;
}

/**
 * The route pattern of a request path, from the path parameters Next matched: the values are put
 * back as `[name]`, so `/api/v1/services/checkout/gate` becomes `/api/v1/services/[slug]/gate` and
 * the label set stays bounded whatever clients send.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  let segments = pathname.split("/");
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value)) {
      const start = segments.findIndex((_, i) => values.every((v, j) => segments[i + j] === encodeURIComponent(v)));
      if (start > 0) segments = [...segments.slice(0, start), `[...${name}]`, ...segments.slice(start + values.length)];
    } else {
      segments = segments.map((s) => (s === encodeURIComponent(value) ? `[${name}]` : s));
    }
  }
  return segments.join("/");
}

/** The ingestion endpoints, and the kind of event each takes (for refused requests' counts). */
const INGEST_KINDS: Record<string, string> = {
  "/api/v1/deployments": "deployment",
  "/api/v1/incidents": "incident",
  "/api/v1/sli": "sli_sample",
  "/api/v1/webhooks/github": "github_delivery",
  "/api/v1/webhooks/pagerduty": "pagerduty_delivery",
};

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpDuration.observe({ method, route, status: String(status) }, seconds);
  const kind = INGEST_KINDS[route];
  if (kind && method === "POST" && status >= 400 && status < 500) m.eventsIngested.inc({ kind, result: "rejected" });
  if (kind && route.startsWith("/api/v1/webhooks/") && status === 401)
    m.signatureFailures.inc({ provider: route.slice("/api/v1/webhooks/".length) });
}

export type IngestResult = "accepted" | "duplicate" | "unmatched" | "ignored";

/** Counts events a request wrote (or found already there, or kept as unmatched). */
export function countIngested(kind: string, result: IngestResult, n = 1): void {
  if (n > 0) metrics().eventsIngested.inc({ kind, result }, n);
}
