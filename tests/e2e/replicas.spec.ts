import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import type { PrismaClient } from "@/generated/prisma/client";
import { signIn } from "../support/sign-in";
import { makeService, makeTeam, makeToken, makeUser } from "../support/factories";
import { REPLICA_METRICS_TOKEN, replicaDatabase, startReplica, type Replica } from "../support/replicas";

// Two production servers on one database, sharing nothing else, both running the job runner: what
// a Kubernetes Deployment with two replicas does. Whatever one replica writes or computes, the other
// serves; a job both schedule runs once; a rate limit counts across both; a session made on one is
// valid on the other.

test.describe.configure({ mode: "serial", timeout: 180_000 });

let database: Awaited<ReturnType<typeof replicaDatabase>>;
let db: PrismaClient;
let a: Replica;
let b: Replica;
let world: { teamSlug: string; serviceSlug: string; token: string; email: string; password: string };

test.beforeAll(async () => {
  database = await replicaDatabase();
  db = database.db;
  const team = await makeTeam(db);
  const service = await makeService(db, team.id);
  const user = await makeUser(db, { role: "platform" });
  world = {
    teamSlug: team.slug,
    serviceSlug: service.slug,
    token: await makeToken(db, ["read", "ingest"], null),
    email: user.email,
    password: user.password,
  };
  const env = { SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "30" };
  // Started together, as a rollout does: both create the job schema and send the start-up jobs.
  [a, b] = await Promise.all([
    startReplica("replica-a", database.url, { jobs: true, env }),
    startReplica("replica-b", database.url, { jobs: true, env }),
  ]);
});

test.afterAll(async () => {
  a?.stop();
  b?.stop();
  await Promise.all([a?.exited, b?.exited]);
  await database?.drop();
});

const bearer = () => ({ authorization: `Bearer ${world.token}` });

test("a session made on one replica is valid on the other", async () => {
  const cookie = await signIn(a.base, world.email, world.password);
  const session = (await (await fetch(`${b.base}/api/auth/session`, { headers: { cookie } })).json()) as {
    user?: { email?: string };
  };
  expect(session.user?.email).toBe(world.email);
  const page = await fetch(`${b.base}/services`, { headers: { cookie }, redirect: "manual" });
  expect(page.status).toBe(200);
});

test("a write on one replica is served by the other, and a view recomputed on one is served fresh by both", async () => {
  const cookie = await signIn(b.base, world.email, world.password);
  const teamRow = async (replica: Replica) => {
    const csv = await (await fetch(`${replica.base}/delivery/teams.csv`, { headers: { cookie } })).text();
    const row = csv.split("\n").find((l) => l.startsWith(`${world.teamSlug},`));
    return row?.split(",")[1];
  };
  // B computes the organisation view first and stores it: nothing deployed yet.
  expect(await teamRow(b)).toBe("0");

  const finishedAt = new Date(Date.now() - 60 * 60_000).toISOString();
  const posted = await fetch(`${a.base}/api/v1/deployments`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/json" },
    body: JSON.stringify({
      externalId: `replica-${crypto.randomUUID()}`,
      service: world.serviceSlug,
      environment: "production",
      status: "success",
      finishedAt,
    }),
  });
  expect(posted.status).toBe(201);

  // The base tables are shared at once: B counts the deployment A accepted.
  const dora = (await (
    await fetch(`${b.base}/api/v1/services/${world.serviceSlug}/dora`, { headers: bearer() })
  ).json()) as { deploymentFrequency: { deployments: number } };
  expect(dora.deploymentFrequency.deployments).toBe(1);

  // A recomputes the organisation view (the page's "refresh"); B, which computed the old one, now
  // serves A's result without recomputing: the cache is in PostgreSQL, not in either process.
  const refreshed = await fetch(`${a.base}/delivery?fresh=1`, { headers: { cookie } });
  expect(refreshed.status).toBe(200);
  await refreshed.text();
  expect(await teamRow(b)).toBe("1");
  expect(await teamRow(a)).toBe("1");
});

test("the API rate limit is one budget across both replicas", async () => {
  // 30 a minute for this (new) token, wherever its requests land: alternating, 20 on each.
  const headers = { authorization: `Bearer ${await makeToken(db, ["read"], null)}` };
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    for (const replica of [a, b]) statuses.push((await fetch(`${replica.base}/api/v1/services`, { headers })).status);
  }
  expect(statuses.filter((s) => s === 200).length).toBe(30);
  expect(statuses.filter((s) => s === 429).length).toBe(10);
  expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
  // Both replicas refuse once the shared budget is spent.
  const last = await Promise.all([a, b].map((r) => fetch(`${r.base}/api/v1/services`, { headers })));
  expect(last.map((r) => r.status)).toEqual([429, 429]);
});

test("a job both replicas schedule at start-up runs once, and both expose their own /metrics", async () => {
  // Neither replica found a snapshot for today, so both sent the start-up snapshot job.
  await expect
    .poll(async () => db.serviceSnapshot.count(), { timeout: 90_000, message: "the start-up snapshot ran" })
    .toBeGreaterThan(0);
  const jobs = await db.$queryRaw<Array<{ name: string; state: string; n: number }>>`
    select name, state::text as state, count(*)::int as n from pgboss.job
    where name in ('snapshot-daily', 'leadership-warm') group by 1, 2 order by 1, 2`;
  expect(jobs.filter((j) => j.name === "snapshot-daily").reduce((s, j) => s + j.n, 0)).toBe(1);
  expect(jobs.filter((j) => j.name === "leadership-warm").reduce((s, j) => s + j.n, 0)).toBe(1);

  const ran = (r: Replica) => r.logs().filter((l) => l.msg === "job done" && l.job === "snapshot-daily").length;
  await expect.poll(() => ran(a) + ran(b), { timeout: 30_000 }).toBe(1);

  // Both job runners are up: replicas starting together can deadlock creating pg-boss's queues,
  // and the one that lost retries.
  for (const replica of [a, b]) {
    await expect.poll(async () => (await fetch(`${replica.base}/api/ready`)).status, { timeout: 60_000 }).toBe(200);
  }
  for (const replica of [a, b]) {
    const res = await fetch(`${replica.base}/metrics`, {
      headers: { authorization: `Bearer ${REPLICA_METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    fs.writeFileSync(replica.logFile.replace(/\.log$/, ".metrics.txt"), text); // kept for the record
    expect(text).toMatch(/^shipshape_db_pool_max_connections 10$/m);
    expect(text).toMatch(/^shipshape_job_queue_depth\{queue="notify-deliver"\} \d+$/m);
    expect(text).toMatch(
      /^shipshape_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/services",status="200"\} \d+$/m,
    );
  }
  const snapshotRuns = await Promise.all(
    [a, b].map(async (r) => {
      const text = await (
        await fetch(`${r.base}/metrics`, { headers: { authorization: `Bearer ${REPLICA_METRICS_TOKEN}` } })
      ).text();
      return Number(/^shipshape_snapshot_duration_seconds_count (\d+)$/m.exec(text)?.[1] ?? 0);
    }),
  );
  expect(snapshotRuns[0] + snapshotRuns[1]).toBe(1);
});

test("every request is one JSON log line with its request id, route pattern, status and duration", async () => {
  const id = `trace-${crypto.randomUUID()}`;
  const res = await fetch(`${a.base}/api/v1/services/${world.serviceSlug}`, {
    headers: { ...bearer(), "x-request-id": id },
  });
  expect(res.headers.get("x-request-id")).toBe(id);
  await expect
    .poll(() => a.logs().filter((l) => l.requestId === id && l.msg === "request"), { timeout: 10_000 })
    .toEqual([
      expect.objectContaining({
        requestId: id,
        method: "GET",
        route: "/api/v1/services/[slug]",
        status: expect.any(Number),
        ms: expect.any(Number),
      }),
    ]);
  const text = JSON.stringify(a.logs());
  expect(text).not.toContain(world.token);
  expect(text).not.toContain(world.password);
  // A header that is not a sane token is replaced, not echoed into the logs.
  const odd = await fetch(`${a.base}/api/health`, { headers: { "x-request-id": "bad id\twith spaces" } });
  expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
});
