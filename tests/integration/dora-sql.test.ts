import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getDoraFigures, getDoraFiguresByKey } from "@/lib/delivery/server/dora";
import type { DeploymentFact, IncidentFact } from "@/lib/delivery/domain/dora";
import { computeDoraFigures } from "@/lib/delivery/domain/dora-report";
import { Random } from "@/prisma/seed/random";
import { makeService, makeTeam } from "../support/factories";

// The pure functions define DORA; the SQL must give the same numbers. Random data with the awkward
// cases on purpose: equal finish instants, commits shipped twice, undated commits, PRs with missing
// or backwards timestamps, explicit and time links, failed and staging deployments, open incidents.

const BASE = Date.UTC(2026, 0, 1);
const MIN = 60_000;

async function randomWorld(rng: Random, serviceIds: string[]) {
  const deployments: DeploymentFact[] = [];
  const incidents: IncidentFact[] = [];
  const shas = Array.from({ length: 60 }, () => rng.sha().slice(0, 12));
  for (const serviceId of serviceIds) {
    for (let i = 0; i < 70; i++) {
      const finishedAt = new Date(BASE + rng.int(0, 120 * 24 * 60) * MIN + (rng.chance(0.1) ? 0 : rng.int(0, 59_999)));
      const withPrs = rng.chance(0.3);
      const maybe = (offsetMin: number) =>
        rng.chance(0.15) ? null : new Date(finishedAt.getTime() - offsetMin * MIN - rng.int(0, 59_999));
      deployments.push({
        id: rng.uuid(),
        serviceId,
        environment: rng.chance(0.85) ? "production" : "staging",
        status: rng.chance(0.88) ? "success" : "failure",
        finishedAt:
          rng.chance(0.05) && deployments.length ? deployments[deployments.length - 1].finishedAt : finishedAt, // ties
        rework: rng.chance(0.1),
        commits: Array.from({ length: rng.int(0, 4) }, () => ({
          sha: rng.pick(shas),
          authoredAt: rng.chance(0.1)
            ? null
            : new Date(finishedAt.getTime() - rng.int(-30, 5000) * MIN - rng.int(0, 59_999)),
        })).filter((c, idx, all) => all.findIndex((x) => x.sha === c.sha) === idx),
        pullRequests: withPrs
          ? Array.from({ length: rng.int(1, 3) }, (_, n) => ({
              number: n + 1,
              firstCommitAt: maybe(rng.int(100, 9000)),
              openedAt: maybe(rng.int(50, 4000)),
              mergedAt: maybe(rng.int(-20, 600)),
            }))
          : [],
      });
    }
  }
  for (const serviceId of serviceIds) {
    const own = deployments.filter((d) => d.serviceId === serviceId);
    for (let i = 0; i < 25; i++) {
      const startedAt = new Date(BASE + rng.int(0, 125 * 24 * 60) * MIN + rng.int(0, 59_999));
      // a resolve the source sent without a start (PagerDuty with no created_at)
      const unknownStart = rng.chance(0.08);
      incidents.push({
        id: rng.uuid(),
        serviceId,
        startedAt: unknownStart ? null : startedAt,
        resolvedAt:
          !unknownStart && rng.chance(0.15)
            ? null
            : new Date(startedAt.getTime() + rng.int(1, 3000) * MIN + rng.int(0, 59_999)),
        causedByDeploymentId: rng.chance(0.25) ? rng.pick(own).id : null,
      });
    }
  }
  await prisma.deployment.createMany({
    data: deployments.map((d, i) => ({
      id: d.id,
      serviceId: d.serviceId,
      externalId: `r-${i}`,
      environment: d.environment,
      status: d.status,
      finishedAt: d.finishedAt,
      rework: d.rework,
    })),
  });
  await prisma.deploymentCommit.createMany({
    data: deployments.flatMap((d) =>
      d.commits.map((c) => ({ deploymentId: d.id, serviceId: d.serviceId, sha: c.sha, authoredAt: c.authoredAt })),
    ),
  });
  await prisma.deploymentPullRequest.createMany({
    data: deployments.flatMap((d) => d.pullRequests.map((p) => ({ deploymentId: d.id, ...p }))),
  });
  await prisma.incident.createMany({
    data: incidents.map((i, n) => ({
      id: i.id,
      serviceId: i.serviceId,
      externalId: `i-${n}`,
      title: "t",
      startedAt: i.startedAt,
      resolvedAt: i.resolvedAt,
      causedByDeploymentId: i.causedByDeploymentId,
    })),
  });
  return { deployments, incidents };
}

describe("DORA in SQL equals DORA in TypeScript", () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    await prisma.incident.deleteMany({ where: { serviceId: { in: cleanup } } });
    await prisma.deployment.deleteMany({ where: { serviceId: { in: cleanup } } });
  });

  for (const seed of [1, 2, 3]) {
    it(`on random data (seed ${seed}), for one service and for several, over several windows`, async () => {
      const rng = new Random(seed);
      const team = await makeTeam(prisma);
      const services = await Promise.all([
        makeService(prisma, team.id),
        makeService(prisma, team.id),
        makeService(prisma, team.id),
      ]);
      const ids = services.map((s) => s.id);
      cleanup.push(...ids);
      const world = await randomWorld(rng, ids);
      const windows = [
        { from: new Date(BASE), to: new Date(BASE + 130 * 86_400_000) },
        { from: new Date(BASE + 30 * 86_400_000), to: new Date(BASE + 60 * 86_400_000) },
        { from: new Date(BASE + 45 * 86_400_000 + 12_345), to: new Date(BASE + 103 * 86_400_000 + 999) },
        { from: new Date(BASE - 90 * 86_400_000), to: new Date(BASE) }, // before any data
      ];
      for (const scope of [[ids[0]], ids]) {
        const deployments = world.deployments.filter((d) => scope.includes(d.serviceId));
        const incidents = world.incidents.filter((i) => scope.includes(i.serviceId));
        for (const w of windows) {
          const expected = computeDoraFigures(deployments, incidents, w);
          const actual = await getDoraFigures(scope, w);
          expect(actual, `${scope.length} service(s), ${w.from.toISOString()}..${w.to.toISOString()}`).toEqual(
            expected,
          );
        }
      }
      // one grouped pass, each service its own scope, equals each service computed alone
      for (const w of windows.slice(0, 3)) {
        const grouped = await getDoraFiguresByKey({ serviceIds: ids, keys: ids }, w);
        for (const id of ids) {
          expect(grouped.get(id), `grouped ${id}`).toEqual(
            computeDoraFigures(
              world.deployments.filter((d) => d.serviceId === id),
              world.incidents.filter((i) => i.serviceId === id),
              w,
            ),
          );
        }
      }
      // the data set is not degenerate: every metric has values in the widest window
      const wide = computeDoraFigures(world.deployments, world.incidents, windows[0]);
      expect(wide.leadTime.samples).toBeGreaterThan(50);
      expect(wide.leadTime.undatedCommits).toBeGreaterThan(0);
      expect(wide.cfr.failedDeployments).toBeGreaterThan(5);
      expect(wide.linkedBy.explicit).toBeGreaterThan(0);
      expect(wide.recovery.samples).toBeGreaterThan(10);
      expect(wide.restore.unknownStart).toBeGreaterThan(0);
    });
  }
});
