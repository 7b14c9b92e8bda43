import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { signIn } from "../support/sign-in";
import { makeService, makeTeam, makeToken, makeUser } from "../support/factories";
import { startReplica, type Replica } from "../support/replicas";
import { startStreamingPair, type StreamingPair } from "../support/streaming-replica";

// DATABASE_REPLICA_URLS against a real hot standby (streaming replication from a real primary).
// The organisation dashboards read the standby; writes, and the pages that show what was just
// written, use the primary. Pausing the standby's replay makes the difference visible: the
// dashboards show the standby's (older) data, the API the primary's. A standby that stops answering
// costs nothing but speed: the dashboards read the primary, and the app stays ready.

test.describe.configure({ mode: "serial", timeout: 180_000 });

let pair: StreamingPair;
let db: PrismaClient;
let app: Replica;
let world: { teamSlug: string; serviceSlug: string; token: string; cookie: string };

test.beforeAll(async () => {
  pair = await startStreamingPair();
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: pair.primaryUrl, max: 2 }) });
  const team = await makeTeam(db);
  const service = await makeService(db, team.id);
  const user = await makeUser(db, { role: "platform" });
  const token = await makeToken(db, ["read", "ingest"], null);
  app = await startReplica("read-replicas", pair.primaryUrl, {
    jobs: true,
    env: { DATABASE_REPLICA_URLS: pair.standbyUrl },
  });
  world = {
    teamSlug: team.slug,
    serviceSlug: service.slug,
    token,
    cookie: await signIn(app.base, user.email, user.password),
  };
});

test.afterAll(async () => {
  app?.stop();
  await app?.exited;
  await db?.$disconnect();
  await pair?.stop();
});

const bearer = () => ({ authorization: `Bearer ${world.token}` });

async function deploymentsOnDashboard(): Promise<string | undefined> {
  const res = await fetch(`${app.base}/delivery/teams.csv`, { headers: { cookie: world.cookie } });
  expect(res.status).toBe(200);
  const row = (await res.text()).split("\n").find((l) => l.startsWith(`${world.teamSlug},`));
  return row?.split(",")[1];
}

async function deploymentsOnApi(): Promise<number> {
  const res = await fetch(`${app.base}/api/v1/services/${world.serviceSlug}/dora`, { headers: bearer() });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deploymentFrequency: { deployments: number } }).deploymentFrequency.deployments;
}

test("the organisation dashboards read the standby, while writes and the API use the primary", async () => {
  // Freeze the standby, once it has the team: from here on it lags the primary until replay resumes.
  await pair.caughtUp();
  await pair.onStandby("select pg_wal_replay_pause()");
  const posted = await fetch(`${app.base}/api/v1/deployments`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/json" },
    body: JSON.stringify({
      externalId: `read-replica-${crypto.randomUUID()}`,
      service: world.serviceSlug,
      environment: "production",
      status: "success",
      finishedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    }),
  });
  expect(posted.status).toBe(201);
  expect(await db.deployment.count()).toBe(1);

  // Read-your-writes: the service's API answer counts the deployment just accepted.
  expect(await deploymentsOnApi()).toBe(1);
  // The organisation view is computed on the standby, which has not replayed it yet, by the
  // replica pool (its connections are there, under their own application name).
  expect(await deploymentsOnDashboard()).toBe("0");
  const onStandby = await pair.onStandby<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where application_name = 'shipshape-replica'`,
  );
  expect(onStandby[0].n).toBeGreaterThan(0);

  // Replay resumes; "Recompute now" reads the standby again and now counts it.
  await pair.onStandby("select pg_wal_replay_resume()");
  await pair.caughtUp();
  const refreshed = await fetch(`${app.base}/delivery?fresh=1`, { headers: { cookie: world.cookie } });
  expect(refreshed.status).toBe(200);
  await refreshed.text();
  expect(await deploymentsOnDashboard()).toBe("1");
});

test("readiness reports the standby and its replay lag", async () => {
  const res = await fetch(`${app.base}/api/ready`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { status: string; checks: Array<{ name: string; ok: boolean; detail: string }> };
  const check = body.checks.find((c) => c.name === "read-replicas");
  expect(check?.ok).toBe(true);
  expect(check?.detail).toMatch(/^read replica 1: standby, last replay [\d.]+ s ago$/);
});

test("a standby that stops answering: the dashboards read the primary and the app stays ready", async () => {
  await pair.stopStandby();
  for (const page of ["/", "/delivery?fresh=1", "/scorecards", "/leadership?fresh=1"]) {
    const res = await fetch(`${app.base}${page}`, { headers: { cookie: world.cookie } });
    expect(res.status, page).toBe(200);
    await res.text();
  }
  expect(await deploymentsOnDashboard()).toBe("1");
  // No panel failed to render: Next logs a server component's error with "⨯".
  expect(fs.readFileSync(app.logFile, "utf8")).not.toContain("⨯");
  const warned = app.logs().filter((l) => l.msg === "read replica unavailable; reading from the primary");
  expect(warned.length).toBeGreaterThan(0);
  expect(typeof warned[0].view).toBe("string");

  const res = await fetch(`${app.base}/api/ready`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { checks: Array<{ name: string; ok: boolean; detail: string }> };
  expect(body.checks.find((c) => c.name === "read-replicas")?.detail).toBe(
    "read replica 1: does not answer; dashboards read from the primary meanwhile",
  );
});
