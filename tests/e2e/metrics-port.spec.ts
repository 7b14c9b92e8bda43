import { expect, test } from "@playwright/test";
import { freePort } from "@/lib/core/runtime/app-server";
import { replicaDatabase, startReplica } from "../support/replicas";

// The other way to protect /metrics: SHIPSHAPE_METRICS_PORT serves it on a port of its own with no
// token, while the public port keeps refusing it.

test("SHIPSHAPE_METRICS_PORT serves /metrics on its own port, and only there without a token", async () => {
  test.setTimeout(90_000);
  const database = await replicaDatabase();
  const metricsPort = await freePort();
  const app = await startReplica("metrics-port", database.url, {
    env: { SHIPSHAPE_METRICS_PORT: String(metricsPort), METRICS_TOKEN: "" },
  });
  try {
    expect((await fetch(`${app.base}/api/v1/services`)).status).toBe(401);
    const scraped = await fetch(`http://localhost:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    expect(await scraped.text()).toMatch(
      /^shipshape_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/services",status="401"\} 1$/m,
    );
    // Nothing else is served on the metrics port.
    expect((await fetch(`http://localhost:${metricsPort}/api/health`)).status).toBe(404);
    // The public port: off without METRICS_TOKEN, whatever a client sends.
    expect((await fetch(`${app.base}/metrics`)).status).toBe(404);
    const forged = await fetch(`${app.base}/metrics`, { headers: { "x-shipshape-metrics-key": "guess" } });
    expect(forged.status).toBe(404);
  } finally {
    app.stop();
    await app.exited;
    await database.drop();
  }
});
