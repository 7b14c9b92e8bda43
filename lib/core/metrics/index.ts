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
  jobDuration: client.Histogram<"job" | "result">;
  jobFailures: client.Counter<"job">;
  snapshotDuration: client.Histogram;
};

/** What the gauges read when Prometheus scrapes: the job queues and the database pool of this process. */
export type MetricSources = {
  queueDepths?: () => Promise<Record<string, number>>;
  /** The daily rollups' refresh log: stale (service, day) pairs and when the oldest was marked. */
  rollups?: () => Promise<{ pairs: number; oldestMarkedAt: Date | null }>;
  pool?: () => { total: number; idle: number; waiting: number; max: number };
};

const globalForMetrics = globalThis as unknown as {
  shipshapeMetrics?: Metrics;
  shipshapeMetricSources?: MetricSources;
};

function sources(): MetricSources {
  return (globalForMetrics.shipshapeMetricSources ??= {});
}

/** Registers a reader for the gauges (the job runner its queues, the database client its pool). */
export function provideMetricSource(source: Partial<MetricSources>): void {
  Object.assign(sources(), source);
}

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
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
    jobDuration: new client.Histogram({
      name: "shipshape_job_duration_seconds",
      help: "Background job run time by job (queue) and result (ok, failed)",
      labelNames: ["job", "result"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    jobFailures: new client.Counter({
      name: "shipshape_job_failures_total",
      help: "Background job runs that threw (pg-boss retries them up to their retry limit)",
      labelNames: ["job"],
      registers: [registry],
    }),
    snapshotDuration: new client.Histogram({
      name: "shipshape_snapshot_duration_seconds",
      help: "Time the snapshot job takes for the scorecard, DORA and SLO snapshots of every service and team",
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
  };
  new client.Gauge({
    name: "shipshape_job_queue_depth",
    help: "Jobs waiting to run (created or retrying) by queue; reported by the processes that run jobs",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      const read = sources().queueDepths;
      if (!read) return;
      this.reset();
      for (const [queue, n] of Object.entries(await read().catch(() => ({})))) this.set({ queue }, n);
    },
  });
  new client.Gauge({
    name: "shipshape_rollup_stale_pairs",
    help: "(service, day) delivery rollups that writes made stale and the refresher has not folded in yet (reads compute them from the events meanwhile)",
    registers: [registry],
    async collect() {
      const read = sources().rollups;
      if (read) this.set((await read().catch(() => null))?.pairs ?? 0);
    },
  });
  new client.Gauge({
    name: "shipshape_rollup_lag_seconds",
    help: "Age of the oldest stale delivery rollup (0 when the refresher has caught up)",
    registers: [registry],
    async collect() {
      const read = sources().rollups;
      if (!read) return;
      const oldest = (await read().catch(() => null))?.oldestMarkedAt;
      this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
  const poolGauge = (name: string, help: string, pick: (p: ReturnType<NonNullable<MetricSources["pool"]>>) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const read = sources().pool;
        if (read) this.set(pick(read()));
      },
    });
  poolGauge(
    "shipshape_db_pool_connections_in_use",
    "Database connections of this process running a query",
    (p) => p.total - p.idle,
  );
  poolGauge(
    "shipshape_db_pool_connections_idle",
    "Open database connections of this process waiting for work",
    (p) => p.idle,
  );
  poolGauge(
    "shipshape_db_pool_waiting_requests",
    "Queries of this process waiting for a free connection",
    (p) => p.waiting,
  );
  poolGauge("shipshape_db_pool_max_connections", "The pool size of this process (SHIPSHAPE_DB_POOL)", (p) => p.max);
  return metrics;
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
