import crypto from "node:crypto";
import { makeService } from "../support/factories";
import { DEMO_USERS } from "@/lib/access/domain";
import { readDogfood } from "@/prisma/seed/dogfood-file";
import { expect, makeTeam, makeToken, shot, test } from "./fixtures";

// Shipshape's own probes and metrics, over HTTP against the production server.

const METRICS = { authorization: "Bearer e2e-metrics-token" };

test("GET /api/ready says ready, with its database, migrations and job-runner checks", async ({ request }) => {
  await expect.poll(async () => (await request.get("/api/ready")).status(), { timeout: 30_000 }).toBe(200);
  const body = await (await request.get("/api/ready")).json();
  expect(body).toMatchObject({
    status: "ready",
    checks: [
      { name: "database", ok: true },
      { name: "migrations", ok: true, detail: "all applied" },
      { name: "jobs", ok: true, detail: "job runner running" },
    ],
  });
});

test("GET /metrics is Prometheus text behind METRICS_TOKEN, with requests by route pattern and events by result", async ({
  request,
  db,
}) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);

  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const token = await makeToken(db, ["ingest", "read"], team.id);
  const auth = { authorization: `Bearer ${token}` };
  const deploy = await request.post("/api/v1/deployments", {
    headers: auth,
    data: {
      externalId: `m-${crypto.randomUUID()}`,
      service: svc.slug,
      environment: "production",
      status: "success",
      finishedAt: new Date().toISOString(),
    },
  });
  expect(deploy.status()).toBe(201);
  expect(deploy.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect((await request.post("/api/v1/deployments", { headers: auth, data: { service: svc.slug } })).status()).toBe(
    400,
  );
  await request.get(`/api/v1/services/${svc.slug}/gate`, { headers: auth });
  const unsigned = await request.post("/api/v1/webhooks/github", {
    headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=00" },
    data: "{}",
  });
  expect(unsigned.status()).toBe(401);

  const res = await request.get("/metrics", { headers: METRICS });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toContain("process_cpu_user_seconds_total");
  expect(text).toContain("nodejs_eventloop_lag_seconds");
  expect(text).toMatch(
    /shipshape_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/services\/\[slug\]\/gate",status="(200|412)"\} [1-9]/,
  );
  // Raw slugs never become labels.
  expect(text).not.toContain(svc.slug);
  expect(text).toMatch(/shipshape_events_ingested_total\{kind="deployment",result="accepted"\} [1-9]/);
  expect(text).toMatch(/shipshape_events_ingested_total\{kind="deployment",result="rejected"\} [1-9]/);
  expect(text).toMatch(/shipshape_webhook_signature_failures_total\{provider="github"\} [1-9]/);
});

test("GET /api/health?probe=liveness answers for the process alone; an unknown probe is a 400", async ({ request }) => {
  const live = await request.get("/api/health?probe=liveness");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok", scope: "process" });
  const odd = await request.get("/api/health?probe=everything");
  expect(odd.status()).toBe(400);
  expect((await odd.json()).error.code).toBe("validation_failed");
});

test("the demo shows Shipshape's own readiness review as the service shipshape, as deploy/readiness answers it", async ({
  request,
  db,
  page,
  signIn,
}) => {
  const answers = readDogfood().items;
  const headers = { authorization: `Bearer ${await makeToken(db, ["read"])}` };
  const checklist = (await (await request.get("/api/v1/services/shipshape/checklist", { headers })).json()) as {
    categories: Array<{ items: Array<{ key: string; status: string; evidenceUrl: string | null }> }>;
  };
  const items = checklist.categories.flatMap((c) => c.items);
  expect(items.length).toBe(Object.keys(answers).length);
  for (const item of items) {
    expect(item.status, item.key).toBe(answers[item.key].status);
    if (answers[item.key].status === "done") expect(item.evidenceUrl, item.key).toMatch(/\/blob\/main\//);
  }
  await signIn(page, DEMO_USERS[0].email, DEMO_USERS[0].password);
  await page.goto("/services/shipshape");
  await expect(page.getByRole("heading", { name: "Shipshape", exact: true })).toBeVisible();
  await page.screenshot(shot("service-shipshape"));
});
