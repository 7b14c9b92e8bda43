import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { seedDemo } from "@/prisma/seed/demo";
import { createScratchDatabase } from "../support/scratch-database";

const NOW = new Date("2026-11-27T12:00:00Z");

describe("demo seed", () => {
  const dbs: Array<{ drop: () => Promise<void>; client: PrismaClient }> = [];
  let a: PrismaClient;
  let b: PrismaClient;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const scratch = await createScratchDatabase();
      dbs.push({
        drop: scratch.drop,
        client: new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url }) }),
      });
    }
    [a, b] = dbs.map((d) => d.client);
    await seedDemo(a, { seed: 11, now: NOW });
    await seedDemo(b, { seed: 11, now: NOW });
  }, 180_000);
  afterAll(async () => {
    for (const d of dbs) {
      await d.client.$disconnect();
      await d.drop();
    }
  });

  it("is deterministic: the same seed and day give the same data", async () => {
    const snapshot = async (db: PrismaClient) =>
      db.deployment.findMany({
        orderBy: { id: "asc" },
        select: { id: true, externalId: true, finishedAt: true, status: true },
        take: 500,
      });
    expect(await snapshot(a)).toEqual(await snapshot(b));
    expect(await a.incident.count()).toBe(await b.incident.count());
  });

  it("has the organisation the issue asks for: 6 teams, about 40 services over three tiers, a user per role", async () => {
    expect(await a.team.count()).toBe(6);
    const services = await a.service.groupBy({ by: ["tier"], _count: true });
    const total = services.reduce((s, g) => s + g._count, 0);
    expect(total).toBeGreaterThanOrEqual(35);
    expect(total).toBeLessThanOrEqual(45);
    expect(services.map((g) => g.tier).sort()).toEqual([1, 2, 3]);
    const roles = await a.user.groupBy({ by: ["role"], _count: true });
    expect(roles.map((r) => r.role).sort()).toEqual(["engineer", "leadership", "platform"]);
  });

  it("spans 180 days with quiet weekends, commits authored before their deployment, and caused incidents", async () => {
    const first = await a.deployment.findFirstOrThrow({ orderBy: { finishedAt: "asc" } });
    expect((NOW.getTime() - first.finishedAt.getTime()) / 86_400_000).toBeGreaterThan(175);
    const [byDow] = await a.$queryRaw<Array<{ weekend: number; weekday: number }>>`
      select count(*) filter (where extract(isodow from "finishedAt" at time zone 'UTC') >= 6)::int as weekend,
             count(*) filter (where extract(isodow from "finishedAt" at time zone 'UTC') < 6)::int as weekday
      from "Deployment"`;
    expect(byDow.weekday / 5).toBeGreaterThan((byDow.weekend / 2) * 4);
    const [late] = await a.$queryRaw<Array<{ n: number }>>`
      select count(*)::int as n from "DeploymentCommit" c join "Deployment" d on d.id = c."deploymentId" where c."authoredAt" > d."finishedAt"`;
    expect(late.n).toBe(0);
    expect(await a.incident.count({ where: { causedByDeploymentId: { not: null } } })).toBeGreaterThan(20);
  });

  it("has SLOs with 5-minute samples for the last 30 days, and SLOs with no data", async () => {
    const withSamples = await a.slo.findMany({ where: { samples: { some: {} } }, select: { id: true } });
    const without = await a.slo.count({ where: { samples: { none: {} } } });
    expect(withSamples.length).toBeGreaterThan(15);
    expect(without).toBeGreaterThan(0);
    const perSlo = await a.sliSample.count({ where: { sloId: withSamples[0].id } });
    expect(perSlo).toBe(30 * 288);
  });

  it("shows teams improving and teams slipping: change failure rate falls for one and rises for another", async () => {
    const cfr = async (team: string, fromDay: number, toDay: number) => {
      const from = new Date(NOW.getTime() - fromDay * 86_400_000);
      const to = new Date(NOW.getTime() - toDay * 86_400_000);
      const where = {
        service: { team: { slug: team } },
        status: "success",
        environment: "production",
        finishedAt: { gte: from, lt: to },
      };
      const deployments = await a.deployment.count({ where });
      const failed = await a.deployment.count({ where: { ...where, incidents: { some: {} } } });
      return failed / deployments;
    };
    expect(await cfr("payments", 180, 120)).toBeGreaterThan(await cfr("payments", 60, 0));
    expect(await cfr("identity", 180, 120)).toBeLessThan(await cfr("identity", 60, 0));
  });
});
