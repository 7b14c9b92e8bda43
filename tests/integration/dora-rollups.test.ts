import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getDoraFigures, listTeamDora } from "@/lib/delivery/server/dora";
import { recordDeployments } from "@/lib/delivery/server/record-events";
import { drainDeliveryDays, refreshDeliveryDays, startRollupRefresher } from "@/lib/delivery/server/rollup-refresh";
import { computeDoraFigures } from "@/lib/delivery/domain/dora-report";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { factsOf, staleRollups } from "../support/dora-facts";

// The daily rollups (DeliveryDay) under the writes that stress how they are kept: writers of one
// day at once, a refresh that runs while a writer is still open, reads while no refresher may run,
// a batch from many services, a backfill scattered over months (the refresh's two ways), and the
// cached organisation views an ingest must drop. Writes log the days they make stale; the refresher
// (lib/delivery/server/rollup-refresh.ts) folds the log in; reads are exact either way.

const BASE = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const DAY = 86_400_000;

const storedDays = (serviceId: string) => prisma.deliveryDay.findMany({ where: { serviceId } });
const logged = (serviceIds: string[]) => prisma.deliveryDayStale.count({ where: { serviceId: { in: serviceIds } } });

/** Holds the refresher's lock on a connection of its own, as a refresher busy on another replica would. */
async function holdRefresherLock(): Promise<() => Promise<void>> {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  await holder.query("select pg_advisory_lock(20261207)");
  return async () => {
    await holder.query("select pg_advisory_unlock(20261207)");
    await holder.end();
  };
}

const counted = (serviceId: string, externalId: string, at: number) => ({
  serviceId,
  externalId,
  environment: "production",
  status: "success",
  finishedAt: new Date(at),
});

describe("daily rollups under concurrent writers", () => {
  it("count every deployment when two transactions write the same service and day at once", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    const day = BASE + 200 * DAY;
    let arrived = 0;
    let release: () => void = () => {};
    const bothWritten = new Promise<void>((resolve) => (release = resolve));
    const writer = (n: number) =>
      prisma.$transaction(async (tx) => {
        await tx.deployment.createMany({
          data: Array.from({ length: 5 }, (_, i) =>
            counted(service.id, `concurrent-${n}-${i}`, day + (n * 10 + i) * MIN),
          ),
        });
        // Neither commits before both have written: neither waits for the other, and neither's
        // mark of the day may hide the other's.
        if (++arrived === 2) release();
        await bothWritten;
      });
    await Promise.all([writer(1), writer(2)]);
    expect(await staleRollups([service.id]), "read before the refresh").toEqual([]);
    await drainDeliveryDays(prisma, { wait: true });
    const [row] = await storedDays(service.id);
    expect(row.deployments).toBe(10);
    expect(await staleRollups([service.id], "stored")).toEqual([]);
    expect(await logged([service.id]), "nothing is left in the log after the refresh").toBe(0);
    await prisma.deployment.deleteMany({ where: { serviceId: service.id } });
    expect(await staleRollups([service.id]), "a deletion, read before the refresh").toEqual([]);
    await drainDeliveryDays(prisma, { wait: true });
    expect(await prisma.deliveryDay.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("lose no write that commits while a refresh runs", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    const day = BASE + 210 * DAY;
    await prisma.deployment.createMany({ data: [counted(service.id, "before", day + MIN)] });
    let written: () => void = () => {};
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    let commit: () => void = () => {};
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const late = prisma.$transaction(async (tx) => {
      await tx.deployment.createMany({ data: [counted(service.id, "late", day + 2 * MIN)] });
      written();
      await mayCommit;
    });
    await isWritten;
    // The refresh folds in the first deployment; the second is written but not committed, so
    // neither it nor its mark is visible to the refresh, which must leave that mark alone.
    await drainDeliveryDays(prisma, { wait: true });
    expect((await storedDays(service.id))[0].deployments).toBe(1);
    const release = await holdRefresherLock(); // no other test's refresh may fold the mark in meanwhile
    try {
      commit();
      await late;
      expect(await logged([service.id]), "the late write's own mark is still there").toBe(1);
      expect(await staleRollups([service.id]), "and reads already count it").toEqual([]);
    } finally {
      await release();
    }
    await drainDeliveryDays(prisma, { wait: true });
    expect((await storedDays(service.id))[0].deployments).toBe(2);

    // Many writers and a refresher at work at once: whatever the interleaving, once the last
    // refresh is done the stored rows are the events' own.
    const stop = startRollupRefresher({ intervalMs: 5, settleSeconds: 0 });
    await Promise.all(
      Array.from({ length: 6 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 8; i++)
            await prisma.deployment.createMany({
              data: [counted(service.id, `busy-${w}-${i}`, day + (10 + w * 10 + i) * MIN)],
            });
        })(),
      ),
    );
    await stop();
    await drainDeliveryDays(prisma, { wait: true });
    expect((await storedDays(service.id))[0].deployments).toBe(50);
    expect(await staleRollups([service.id], "stored")).toEqual([]);
    await prisma.deployment.deleteMany({ where: { serviceId: service.id } });
  });

  it("give exact figures while no refresher can run, and are stored once one can", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const release = await holdRefresherLock();
    try {
      await recordDeployments(
        [0, 1, 2].map((i) => ({
          externalId: `held-${i}`,
          service: service.slug,
          environment: "production",
          status: "success",
          finishedAt: new Date(BASE + 220 * DAY + i * DAY + 30 * MIN).toISOString(),
          commits: [
            { sha: `held${i}`.padEnd(12, "0"), authoredAt: new Date(BASE + 220 * DAY + i * DAY).toISOString() },
          ],
        })),
        actor,
        { single: false },
      );
      expect(await refreshDeliveryDays(prisma), "another refresher holds the lock").toBeNull();
      expect(await storedDays(service.id), "nothing stored yet").toEqual([]);
      const facts = await factsOf([service.id]);
      const w = { from: new Date(BASE + 200 * DAY), to: new Date(BASE + 240 * DAY) };
      const figures = await getDoraFigures([service.id], w);
      expect(figures).toEqual(computeDoraFigures(facts.deployments, facts.incidents, w));
      expect(figures.frequency.deployments).toBe(3);
    } finally {
      await release();
    }
    await drainDeliveryDays(prisma, { wait: true });
    expect((await storedDays(service.id)).map((r) => r.deployments)).toEqual([1, 1, 1]);
    expect(await staleRollups([service.id], "stored")).toEqual([]);
    await prisma.deployment.deleteMany({ where: { serviceId: service.id } });
  });
});

describe("the refresher's settling", () => {
  it("leaves a day that writes keep marking until they pause, and folds it in once its oldest mark is old enough", async () => {
    const team = await makeTeam(prisma);
    const [busy, starving, quiet] = await Promise.all([0, 1, 2].map(() => makeService(prisma, team.id)));
    const day = new Date(BASE + 230 * DAY);
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    // All in one transaction that holds the refresher's lock (its refresh takes it again): no other
    // test's refresh sees these marks, nor runs meanwhile. Rolled back at the end.
    const left = await prisma
      .$transaction(async (tx) => {
        await tx.$executeRaw`select pg_advisory_xact_lock(20261207)`;
        await tx.deliveryDayStale.createMany({
          data: [
            { serviceId: busy.id, day, markedAt: ago(5) },
            { serviceId: busy.id, day, markedAt: ago(0) }, // marked again just now
            { serviceId: starving.id, day, markedAt: ago(2 * 3600) }, // …but first two hours ago
            { serviceId: starving.id, day, markedAt: ago(0) },
            { serviceId: quiet.id, day, markedAt: ago(120) }, // not marked for two minutes
          ],
        });
        await tx.$queryRaw`select shipshape_delivery_days_refresh(2000, true, interval '60 seconds')`;
        const rows = await tx.deliveryDayStale.findMany({
          where: { serviceId: { in: [busy.id, starving.id, quiet.id] } },
          select: { serviceId: true },
        });
        throw new RolledBack(rows.map((r) => r.serviceId));
      })
      .catch((e: unknown) => (e instanceof RolledBack ? e.left : Promise.reject(e)));
    // Settling for a minute: the busy day waits; the one first marked over 30 minutes ago and the
    // quiet one are folded in.
    expect(left).toEqual([busy.id, busy.id]);
  });
});

class RolledBack extends Error {
  constructor(readonly left: string[]) {
    super("rolled back");
  }
}

describe("organisation views cached in PostgreSQL", () => {
  it("are recomputed after an ingest changes the rollups they come from", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const w = { from: new Date(Date.now() - 7 * DAY), to: new Date(Date.now() + DAY) };
    const deployed = (rows: Awaited<ReturnType<typeof listTeamDora>>["rows"]) =>
      rows.find((r) => r.slug === team.slug)?.report.deploymentFrequency.deployments;
    // Cached for ten minutes: without the invalidation, the next reads would still say 0.
    const first = await listTeamDora(actor, w, "2023");
    expect(deployed(first.rows)).toBe(0);
    const ingest = (externalId: string) =>
      recordDeployments(
        [
          {
            externalId,
            service: service.slug,
            environment: "production",
            status: "success",
            finishedAt: new Date(Date.now() - DAY).toISOString(),
          },
        ],
        actor,
        { single: true },
      );
    // Before the refresher gets to it, a write newer than the cached view keeps it from being served.
    const release = await holdRefresherLock();
    let after: Awaited<ReturnType<typeof listTeamDora>>;
    try {
      await ingest("cache-1");
      after = await listTeamDora(actor, w, "2023");
      expect(after.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
      expect(deployed(after.rows)).toBe(1);
    } finally {
      await release();
    }
    // The refresher drops the cached views when it folds a write in.
    const key = `org-dora|${w.from.toISOString()}|${w.to.toISOString()}|2023`;
    const releaseAgain = await holdRefresherLock();
    try {
      expect(await prisma.viewCache.findUnique({ where: { key } }), "the view is cached").not.toBeNull();
      await ingest("cache-2");
    } finally {
      await releaseAgain();
    }
    await drainDeliveryDays(prisma, { wait: true });
    expect(await prisma.viewCache.findUnique({ where: { key } }), "the cached view is gone").toBeNull();
    const refreshed = await listTeamDora(actor, w, "2023");
    expect(refreshed.computedAt.getTime()).toBeGreaterThan(after.computedAt.getTime());
    expect(deployed(refreshed.rows)).toBe(2);
    await prisma.deployment.deleteMany({ where: { serviceId: service.id } });
  });
});

describe("daily rollups written in bulk", () => {
  it("are right for a batch from many services on one day and for a backfill scattered over months", async () => {
    const team = await makeTeam(prisma);
    const services = await Promise.all(Array.from({ length: 6 }, () => makeService(prisma, team.id)));
    const ids = services.map((s) => s.id);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const at = (d: number, m: number) => new Date(BASE + 300 * DAY + d * DAY + m * MIN).toISOString();
    // Every service on the same two days: the refresh reads those services and days at once.
    await recordDeployments(
      services.flatMap((s, i) =>
        [0, 1].map((d) => ({
          externalId: `bulk-${i}-${d}`,
          service: s.slug,
          environment: "production",
          status: "success",
          finishedAt: at(d, 30 + i),
          commits: [{ sha: `b${i}${d}`.padEnd(12, "0"), authoredAt: at(d, -60) }],
        })),
      ),
      actor,
      { single: false },
    );
    await drainDeliveryDays(prisma, { wait: true });
    // Service i on day 40 × i only: a scattered backfill, refreshed pair by pair.
    await recordDeployments(
      services.map((s, i) => ({
        externalId: `scattered-${i}`,
        service: s.slug,
        environment: "production",
        status: "success",
        finishedAt: at(-40 * (i + 1), 5),
        commits: [{ sha: `s${i}`.padEnd(12, "0"), authoredAt: at(-40 * (i + 1), -600) }],
      })),
      actor,
      { single: false },
    );
    expect(await staleRollups(ids), "read before the refresh").toEqual([]);
    await drainDeliveryDays(prisma, { wait: true });
    expect(await prisma.deliveryDay.count({ where: { serviceId: { in: ids } } })).toBe(18);
    expect(await staleRollups(ids, "stored")).toEqual([]);
    const facts = await factsOf(ids);
    const w = { from: new Date(BASE), to: new Date(BASE + 320 * DAY) };
    expect(await getDoraFigures(ids, w)).toEqual(computeDoraFigures(facts.deployments, facts.incidents, w));
    await prisma.deployment.deleteMany({ where: { serviceId: { in: ids } } });
    await drainDeliveryDays(prisma, { wait: true });
    expect(await prisma.deliveryDay.count({ where: { serviceId: { in: ids } } })).toBe(0);
  });
});
