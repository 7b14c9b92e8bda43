import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { getDoraFigures } from "@/lib/delivery/server/dora";
import { Random } from "@/prisma/seed/random";
import { devLakeDora, mapIntoDevLake } from "../bench/peer/devlake";
import { makeService, makeTeam } from "../support/factories";
import { createScratchDatabase } from "../support/scratch-database";

// The benchmark compares Shipshape with DevLake's own DORA dashboard SQL, ported to PostgreSQL
// (tests/bench/peer/). That comparison means something only if the port, over its mapping of the
// same rows, gives the same figures as Shipshape. Here it does, on random small data sets kept
// clear of the few places where the two definitions differ by design:
// - DevLake's range is inclusive at both ends, and its days are those after timeFrom, so nothing
//   is deployed on the range's first or last day;
// - DevLake's lead time is PR cycle time only, so every deployment ships at least one PR;
// - DevLake's time to restore is over incidents created in the range, ours over incidents resolved
//   in it, so every incident starts and ends inside the range;
// - DevLake's "per month" median is of months with any deployment (0 or 1), not of deploy days.

const DAY = 86_400_000;
const MIN = 60_000;
const TO = new Date("2026-03-02T12:00:00Z"); // a Monday; DevLake's "now"
const FROM = new Date(TO.getTime() - 84 * DAY);

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: PrismaClient;
let pool: pg.Pool;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  // The scratch database is dropped with (force) at the end: a connection still closing then sees
  // the server end it, which is no failure of this test.
  const closing = () => undefined;
  db = new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: scratch.url, max: 3 },
      { onPoolError: closing, onConnectionError: closing },
    ),
  });
  pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  pool.on("error", closing);
});

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  await scratch?.drop();
});

/** Deployments on days 2..82 of the range, each with PRs; incidents that start and end inside it. */
async function world(rng: Random, serviceIds: string[], density: number) {
  let n = 0;
  for (const serviceId of serviceIds) {
    const deployments = Array.from({ length: density }, () => {
      const finishedAt = new Date(FROM.getTime() + rng.int(2, 82) * DAY - 12 * 3_600_000 + rng.int(0, DAY - 1));
      return {
        id: rng.uuid(),
        serviceId,
        externalId: `d-${n++}`,
        environment: rng.chance(0.9) ? "production" : "staging",
        status: rng.chance(0.9) ? "success" : "failure",
        finishedAt,
      };
    });
    await db.deployment.createMany({ data: deployments });
    await db.deploymentPullRequest.createMany({
      data: deployments.flatMap((d) =>
        Array.from({ length: rng.int(1, 3) }, (_, k) => {
          const merged = d.finishedAt.getTime() - rng.int(1, 3000) * MIN - rng.int(0, 59_999);
          const opened = merged - rng.int(0, 5000) * MIN - rng.int(0, 59_999);
          const first = opened - rng.int(0, 20_000) * MIN - rng.int(0, 59_999);
          return {
            deploymentId: d.id,
            number: k + 1,
            firstCommitAt: new Date(first),
            openedAt: new Date(opened),
            mergedAt: new Date(merged),
          };
        }),
      ),
    });
    const counted = deployments.filter((d) => d.status === "success" && d.environment === "production");
    await db.incident.createMany({
      data: Array.from({ length: Math.ceil(density / 6) }, () => {
        const startedAt = new Date(FROM.getTime() + rng.int(3, 70) * DAY + rng.int(0, DAY - 1));
        return {
          serviceId,
          externalId: `i-${n++}`,
          title: "incident",
          startedAt,
          resolvedAt: new Date(startedAt.getTime() + rng.int(1, 4 * 24 * 60) * MIN + rng.int(0, 59_999)),
          causedByDeploymentId: rng.chance(0.3) && counted.length ? rng.pick(counted).id : null,
        };
      }),
    });
  }
}

describe("DevLake's DORA dashboard SQL, ported, over the same rows", () => {
  for (const [seed, density] of [
    [1, 40],
    [2, 12],
    [3, 90],
  ] as const) {
    it(`gives Shipshape's figures (seed ${seed}, ${density} deployments a service)`, async () => {
      const rng = new Random(seed);
      const team = await makeTeam(db);
      const services = await Promise.all([0, 1, 2].map(() => makeService(db, team.id)));
      const ids = services.map((s) => s.id);
      await world(rng, ids, density);

      await mapIntoDevLake(pool, ids, { [`project-${seed}`]: ids });
      const theirs = await devLakeDora(pool, `project-${seed}`, FROM, TO);
      const ours = await getDoraFigures(ids, { from: FROM, to: TO }, db);

      expect(ours.frequency.deployments).toBeGreaterThan(0);
      expect(ours.incidentsInWindow).toBeGreaterThan(0);
      expect(theirs.median_deploy_days_per_week).toBe(ours.frequency.medianDeployDaysPerWeek);
      expect(theirs.median_change_lead_time).toBe(ours.leadTime.medianMinutes);
      expect(theirs.median_time_to_resolve).toBe(ours.restore.medianMinutes);
      expect(theirs.change_failure_rate).toBeCloseTo(ours.cfr.failedDeployments / ours.cfr.deployments, 12);
      // DevLake's monthly figure is whether a month had a deployment at all.
      expect(theirs.median_months_deployed).toBe(1);
    });
  }

  it("maps every row it reads: one deployment commit per deployment, one PR metric per shipped PR", async () => {
    const [{ deployments, prs, incidents }] = (
      await pool.query<{ deployments: number; prs: number; incidents: number }>(`
        select (select count(*)::int from devlake_peer.cicd_deployment_commits) as deployments,
               (select count(*)::int from devlake_peer.pull_requests) as prs,
               (select count(*)::int from devlake_peer.issues) as incidents`)
    ).rows;
    const project = await pool.query<{ ids: string[] }>(
      `select array_agg(row_id::uuid) as ids from devlake_peer.project_mapping where "table" = 'cicd_scopes'`,
    );
    const ids = project.rows[0].ids;
    expect(deployments).toBe(await db.deployment.count({ where: { serviceId: { in: ids } } }));
    expect(prs).toBe(await db.deploymentPullRequest.count({ where: { deployment: { serviceId: { in: ids } } } }));
    expect(incidents).toBe(await db.incident.count({ where: { serviceId: { in: ids } } }));
  });
});
