import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { makeService, makeTeam, makeToken, makeUser } from "../support/factories";
import { startPgBouncer, type PgBouncer } from "../support/pgbouncer";
import { replicaDatabase, startReplica, type Replica } from "../support/replicas";
import { signIn } from "../support/sign-in";

// The production server with DATABASE_URL through Debian's PgBouncer in transaction mode, and
// DIRECT_DATABASE_URL for the job runner: the API smoke suite, end to end, through the pooler.

test.describe.configure({ mode: "serial", timeout: 120_000 });

let database: Awaited<ReturnType<typeof replicaDatabase>>;
let db: PrismaClient;
let bouncer: PgBouncer;
let app: Replica;
let auth: Record<string, string>;
let slugs: { team: string; service: string };
let user: { email: string; password: string };

test.beforeAll(async () => {
  database = await replicaDatabase();
  db = database.db;
  const team = await makeTeam(db);
  const service = await makeService(db, team.id);
  user = await makeUser(db, { role: "platform" });
  auth = { authorization: `Bearer ${await makeToken(db, ["read", "ingest"], team.id)}` };
  slugs = { team: team.slug, service: service.slug };
  bouncer = await startPgBouncer(database.url);
  app = await startReplica("pgbouncer", bouncer.url, {
    jobs: true,
    env: { DIRECT_DATABASE_URL: database.url },
  });
});

test.afterAll(async () => {
  app?.stop();
  await app?.exited;
  await bouncer?.stop();
  await database?.drop();
});

const post = (path: string, body: unknown) =>
  fetch(`${app.base}${path}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const get = (path: string, headers = auth) => fetch(`${app.base}${path}`, { headers });

test("the app is ready through PgBouncer, with its job runner connected directly", async () => {
  await expect.poll(async () => (await get("/api/ready")).status, { timeout: 30_000 }).toBe(200);
  const ready = (await (await get("/api/ready")).json()) as { checks: Array<{ name: string; ok: boolean }> };
  expect(ready.checks.every((c) => c.ok)).toBe(true);
  expect((await get("/api/health")).status).toBe(200);
});

test("the API smoke suite passes through PgBouncer: ingest, transactions, reads, pages", async () => {
  const now = Date.now();
  const deployments = Array.from({ length: 300 }, (_, i) => ({
    externalId: `pgb-${crypto.randomUUID()}`,
    service: slugs.service,
    environment: "production",
    status: "success",
    finishedAt: new Date(now - (i + 1) * 600_000).toISOString(),
    commits: [
      { sha: crypto.randomBytes(20).toString("hex"), authoredAt: new Date(now - (i + 2) * 600_000).toISOString() },
    ],
  }));
  const batch = await post("/api/v1/deployments", { deployments });
  expect(batch.status).toBe(201);
  expect(await batch.json()).toEqual({ created: 300, duplicates: 0 });
  // Replays are duplicates, concurrently too: each batch is one transaction on one server connection.
  const replays = await Promise.all(Array.from({ length: 6 }, () => post("/api/v1/deployments", { deployments })));
  for (const r of replays) expect(await r.json()).toEqual({ created: 0, duplicates: 300 });

  const incident = await post("/api/v1/incidents", {
    externalId: `pgb-inc-${crypto.randomUUID()}`,
    service: slugs.service,
    title: "Checkout 5xx",
    severity: "sev2",
    startedAt: new Date(now - 3_600_000).toISOString(),
    resolvedAt: new Date(now - 1_800_000).toISOString(),
  });
  expect(incident.status).toBe(201);

  expect((await post("/api/v1/slos", { service: slugs.service, name: "availability", objective: 99.9 })).status).toBe(
    201,
  );
  const samples = Array.from({ length: 24 }, (_, i) => ({
    start: new Date(Math.floor(now / 3_600_000) * 3_600_000 - (i + 1) * 3_600_000).toISOString(),
    durationSeconds: 3600,
    good: 9_990,
    total: 10_000,
  }));
  // The SLI write takes a transaction-scoped advisory lock: fine in transaction mode.
  const sli = await Promise.all(
    [0, 1, 2].map(() => post("/api/v1/sli", { service: slugs.service, slo: "availability", samples })),
  );
  for (const r of sli) expect(r.status).toBe(201);

  const dora = (await (await get(`/api/v1/services/${slugs.service}/dora`)).json()) as {
    deploymentFrequency: { deployments: number };
    changeFailureRate: { failedDeployments?: number };
  };
  expect(dora.deploymentFrequency.deployments).toBe(300);
  expect((await get(`/api/v1/teams/${slugs.team}/dora`)).status).toBe(200);
  const slos = (await (await get(`/api/v1/services/${slugs.service}/slos`)).json()) as
    | Array<{ name: string }>
    | {
        slos: Array<{ name: string }>;
      };
  expect(JSON.stringify(slos)).toContain("availability");
  expect((await get(`/api/v1/services/${slugs.service}/scorecard`)).status).toBe(200);
  expect([200, 412]).toContain((await get(`/api/v1/services/${slugs.service}/gate?level=bronze`)).status);
  expect((await get(`/api/v1/services?limit=5`)).status).toBe(200);

  // Signed in: the session, pages rendered on the server, a CSV export.
  const cookie = await signIn(app.base, user.email, user.password);
  for (const page of ["/", "/services", `/services/${slugs.service}`, "/delivery", "/scorecards", "/leadership"]) {
    const res = await get(page, { cookie });
    expect(res.status, page).toBe(200);
    await res.text();
  }
  expect((await get("/delivery/teams.csv", { cookie })).status).toBe(200);
});

test("the queries went through PgBouncer's transaction pool", async () => {
  const admin = new pg.Client({ connectionString: bouncer.adminUrl });
  await admin.connect();
  try {
    const pools = await admin.query<{ database: string; pool_mode: string }>("SHOW POOLS");
    const stats = await admin.query<{ database: string; total_query_count: string }>("SHOW STATS");
    const name = new URL(database.url).pathname.slice(1);
    expect(pools.rows.find((p) => p.database === name)?.pool_mode).toBe("transaction");
    expect(Number(stats.rows.find((s) => s.database === name)?.total_query_count)).toBeGreaterThan(100);
  } finally {
    await admin.end();
  }
  expect(app.logs().filter((l) => l.level === 50)).toEqual([]);
});
