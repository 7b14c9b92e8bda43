import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getDoraFigures, listTeamDora } from "@/lib/delivery/server/dora";
import { recordDeployments } from "@/lib/delivery/server/record-events";
import { computeDoraFigures } from "@/lib/delivery/domain/dora-report";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { factsOf, staleRollups } from "../support/dora-facts";

// The daily rollups (DeliveryDay) under the writes that stress how they are kept: two transactions
// on the same day at once, a batch from many services, a backfill scattered over months (the two
// ways the commit refreshes stale days), and the cached organisation views an ingest must drop.

const BASE = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const DAY = 86_400_000;

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
          data: Array.from({ length: 5 }, (_, i) => ({
            serviceId: service.id,
            externalId: `concurrent-${n}-${i}`,
            environment: "production",
            status: "success",
            finishedAt: new Date(day + (n * 10 + i) * MIN),
          })),
        });
        // Neither commits before both have written: each refresh at commit starts before the
        // other's rows are visible, so only the per-day lock keeps the rollup whole.
        if (++arrived === 2) release();
        await bothWritten;
      });
    await Promise.all([writer(1), writer(2)]);
    const [row] = await prisma.deliveryDay.findMany({ where: { serviceId: service.id } });
    expect(row.deployments).toBe(10);
    expect(await staleRollups([service.id])).toEqual([]);
    expect(await prisma.deliveryDayStale.count(), "nothing is left marked stale after commit").toBe(0);
    await prisma.deployment.deleteMany({ where: { serviceId: service.id } });
    expect(await prisma.deliveryDay.count({ where: { serviceId: service.id } })).toBe(0);
  });
});

describe("organisation views cached in PostgreSQL", () => {
  it("are recomputed after an ingest changes the rollups they come from", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const w = { from: new Date(Date.now() - 7 * DAY), to: new Date(Date.now() + DAY) };
    const deployed = (rows: Awaited<ReturnType<typeof listTeamDora>>["rows"]) =>
      rows.find((r) => r.slug === team.slug)?.report.deploymentFrequency.deployments;
    // Cached for ten minutes: without the invalidation, the next read would still say 0.
    const first = await listTeamDora(actor, w, "2023");
    expect(deployed(first.rows)).toBe(0);
    await recordDeployments(
      [
        {
          externalId: "cache-1",
          service: service.slug,
          environment: "production",
          status: "success",
          finishedAt: new Date(Date.now() - DAY).toISOString(),
        },
      ],
      actor,
      { single: true },
    );
    const after = await listTeamDora(actor, w, "2023");
    expect(after.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
    expect(deployed(after.rows)).toBe(1);
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
    // Every service on the same two days: the commit's refresh reads those services and days at once.
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
    expect(await prisma.deliveryDay.count({ where: { serviceId: { in: ids } } })).toBe(18);
    expect(await staleRollups(ids)).toEqual([]);
    const facts = await factsOf(ids);
    const w = { from: new Date(BASE), to: new Date(BASE + 320 * DAY) };
    expect(await getDoraFigures(ids, w)).toEqual(computeDoraFigures(facts.deployments, facts.incidents, w));
    await prisma.deployment.deleteMany({ where: { serviceId: { in: ids } } });
    expect(await prisma.deliveryDay.count({ where: { serviceId: { in: ids } } })).toBe(0);
  });
});
