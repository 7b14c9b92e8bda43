// Ingestion throughput, each figure beside its floor in the same run: what a raw multi-row INSERT
// through node-postgres achieves for the same rows, into the same tables, with the same triggers.
// Also the app server's peak memory. Prints figures; asserts nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import { percentile } from "./setup";

const BATCHES = 20;
const BATCH = 1000;

export type Rate = { perSecond: number; total: number; floorPerSecond: number; shareOfFloor: number };

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

type Target = { id: string; slug: string };

/** A batch from across the organisation: deployment i of the run goes to service i mod n. */
const deploymentBatch = (prefix: string, b: number, services: Target[]) =>
  Array.from({ length: BATCH }, (_, i) => ({
    service: services[(b * BATCH + i) % services.length],
    externalId: `${prefix}-${b}-${i}`,
    finishedAt: new Date(Date.now() - (b * BATCH + i) * 1000),
    sha: crypto.randomBytes(6).toString("hex"),
    authoredAt: new Date(Date.now() - 86_400_000),
  }));

/** Batches of 1,000 deployments (one commit each, across the services) through the API, then the same through pg. */
export async function deploymentIngest(base: string, token: string, services: Target[], pool: pg.Pool): Promise<Rate> {
  const runId = Date.now();
  let started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    const deployments = deploymentBatch(`bench-${runId}`, b, services).map((d) => ({
      externalId: d.externalId,
      service: d.service.slug,
      environment: "production",
      status: "success",
      finishedAt: d.finishedAt.toISOString(),
      commits: [{ sha: d.sha, authoredAt: d.authoredAt.toISOString() }],
    }));
    const res = await fetch(`${base}/api/v1/deployments`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ deployments }),
    });
    if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
  const perSecond = (BATCHES * BATCH) / seconds(started);

  // The floor: one transaction per batch, a multi-row INSERT of the deployments and one of their commits.
  started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    const rows = deploymentBatch(`floor-${runId}`, b, services);
    const client = await pool.connect();
    try {
      await client.query("begin");
      const ids = await client.query<{ id: string }>(
        `insert into "Deployment" (id, "serviceId", "externalId", environment, status, "finishedAt", source)
         select gen_random_uuid(), s, e, 'production', 'success', f, 'api' from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as t(s, e, f)
         returning id, "externalId"`,
        [rows.map((r) => r.service.id), rows.map((r) => r.externalId), rows.map((r) => r.finishedAt)],
      );
      const idOf = new Map(ids.rows.map((r) => [(r as unknown as { externalId: string }).externalId, r.id]));
      await client.query(
        `insert into "DeploymentCommit" ("deploymentId", "serviceId", sha, "authoredAt")
         select d, s, h, a from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) as t(d, s, h, a)`,
        [
          rows.map((r) => idOf.get(r.externalId)),
          rows.map((r) => r.service.id),
          rows.map((r) => r.sha),
          rows.map((r) => r.authoredAt),
        ],
      );
      await client.query("commit");
    } finally {
      client.release();
    }
  }
  const floorPerSecond = (BATCHES * BATCH) / seconds(started);
  return { perSecond, total: BATCHES * BATCH, floorPerSecond, shareOfFloor: perSecond / floorPerSecond };
}

/**
 * GitHub `deployment_status` deliveries for 100 repositories (each mapped to a service), signed, 8 in
 * flight; the floor inserts the same deployments, one per transaction, 8 at once.
 */
export async function webhookIngest(
  base: string,
  secret: string,
  db: PrismaClient,
  pool: pg.Pool,
  deliveries = 2000,
): Promise<Rate> {
  const services = await db.service.findMany({ orderBy: { slug: "asc" }, take: 100, select: { id: true } });
  const repoOf = (i: number) => `bench/webhooks-${i}`;
  const keyOf = (i: number) => `github.com/${repoOf(i)}`; // the repository key webhooks match on
  for (const [i, s] of services.entries())
    if ((await db.service.findUnique({ where: { id: s.id }, select: { repoSlug: true } }))?.repoSlug !== keyOf(i)) {
      await db.service.updateMany({ where: { repoSlug: keyOf(i) }, data: { repoSlug: null } });
      await db.service.update({ where: { id: s.id }, data: { repoSlug: keyOf(i) } });
    }
  const runId = Date.now();
  let next = 0;
  let started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < deliveries) {
        const n = next++;
        const at = new Date(Date.now() - n * 1000).toISOString();
        const body = JSON.stringify({
          deployment_status: { state: "success", created_at: at },
          deployment: { id: runId * 10_000 + n, environment: "production", created_at: at },
          repository: { full_name: repoOf(n % services.length) },
        });
        const res = await fetch(`${base}/api/v1/webhooks/github`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": "deployment_status",
            "x-github-delivery": `bench-${runId}-${n}`,
            "x-hub-signature-256": `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`,
          },
          body,
        });
        if (res.status !== 201) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const perSecond = deliveries / seconds(started);
  next = 0;
  started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < deliveries) {
        const n = next++;
        await pool.query(
          `insert into "Deployment" (id, "serviceId", "externalId", environment, status, "finishedAt", source)
           values (gen_random_uuid(), $1, $2, 'production', 'success', $3, 'github')`,
          [services[n % services.length].id, `floor-gh-${runId}-${n}`, new Date(Date.now() - n * 1000)],
        );
      }
    }),
  );
  const floorPerSecond = deliveries / seconds(started);
  return { perSecond, total: deliveries, floorPerSecond, shareOfFloor: perSecond / floorPerSecond };
}

/**
 * Batches of 1,000 one-minute SLI samples for one SLO through the API, then the same upserts through
 * pg (one-minute samples, so that 40,000 fit in the raw retention).
 */
export async function sliBatchIngest(
  base: string,
  token: string,
  target: { service: string; slo: string; sloId: string },
  pool: pg.Pool,
): Promise<Rate> {
  const step = 60_000;
  const origin = Math.floor(Date.now() / step) * step - 2 * BATCHES * BATCH * step;
  const batch = (b: number, offset: number) =>
    Array.from({ length: BATCH }, (_, i) => ({
      start: new Date(origin + (offset + b * BATCH + i) * step),
      good: 9990 + (i % 10),
      total: 10_000,
    }));
  let started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    const res = await fetch(`${base}/api/v1/sli`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        service: target.service,
        slo: target.slo,
        samples: batch(b, 0).map((s) => ({ ...s, start: s.start.toISOString(), durationSeconds: 60 })),
      }),
    });
    if (res.status !== 201) throw new Error(`sli answered ${res.status}: ${await res.text()}`);
  }
  const perSecond = (BATCHES * BATCH) / seconds(started);
  started = process.hrtime.bigint();
  for (let b = 0; b < BATCHES; b++) {
    const rows = batch(b, BATCHES * BATCH);
    await pool.query(
      `insert into "SliSample" ("sloId", start, "durationSeconds", good, total, "receivedAt")
       select $1, s, 60, g, t, now() from unnest($2::timestamptz[], $3::bigint[], $4::bigint[]) as x(s, g, t)
       on conflict ("sloId", start) do update set good = excluded.good, total = excluded.total, "receivedAt" = now()`,
      [target.sloId, rows.map((r) => r.start), rows.map((r) => r.good), rows.map((r) => r.total)],
    );
  }
  const floorPerSecond = (BATCHES * BATCH) / seconds(started);
  return { perSecond, total: BATCHES * BATCH, floorPerSecond, shareOfFloor: perSecond / floorPerSecond };
}

/** A process's peak resident memory (VmHWM), in MiB; null where /proc does not say. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmHWM:"));
    return line ? Number(line.replace(/\D+/g, "")) / 1024 : null;
  } catch {
    return null;
  }
}

/** 4,000 SLOs (two per service) for the sustained SLI ingest measurement, created once. */
export async function ensureBenchSlos(db: PrismaClient): Promise<Array<{ service: string; slo: string }>> {
  const services = await db.service.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
  await db.slo.createMany({
    data: services.flatMap((s) => [
      { serviceId: s.id, name: "bench-availability", objective: 99.9, windowDays: 30 },
      { serviceId: s.id, name: "bench-latency", objective: 99, windowDays: 28 },
    ]),
    skipDuplicates: true,
  });
  return services.flatMap((s) => [
    { service: s.slug, slo: "bench-availability" },
    { service: s.slug, slo: "bench-latency" },
  ]);
}

/**
 * One 5-minute sample for every SLO, one request each, 8 at a time: the load of 4,000 SLOs reporting
 * every five minutes (13.3 requests/s) compared with what the server sustains.
 */
export async function sliIngest(base: string, token: string, slos: Array<{ service: string; slo: string }>) {
  const start = new Date(Math.floor(Date.now() / 300_000) * 300_000 - 300_000).toISOString();
  const latencies: number[] = [];
  let next = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < slos.length) {
        const target = slos[next++];
        const t = process.hrtime.bigint();
        const res = await fetch(`${base}/api/v1/sli`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            ...target,
            samples: [{ start, good: 9990 + Math.floor(Math.random() * 10), total: 10_000 }],
          }),
        });
        if (res.status !== 201) throw new Error(`sli answered ${res.status}: ${await res.text()}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  latencies.sort((a, b) => a - b);
  return { perSecond: slos.length / seconds, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}
