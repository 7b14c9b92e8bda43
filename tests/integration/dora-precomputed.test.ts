import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getDoraFigures } from "@/lib/delivery/server/dora";
import { getDoraFiguresFromEvents } from "@/lib/delivery/server/dora-sql-base";
import { recordDeployments, recordIncidents } from "@/lib/delivery/server/record-events";
import { drainDeliveryDays } from "@/lib/delivery/server/rollup-refresh";
import type { Window } from "@/lib/delivery/domain/dora";
import { computeDoraFigures } from "@/lib/delivery/domain/dora-report";
import type { TDeploymentInput } from "@/lib/delivery/schemas";
import { Random } from "@/prisma/seed/random";
import { factsOf, staleFlags, staleLinks, staleRollups } from "../support/dora-facts";
import { expectManyWindowsAtOnce } from "../support/dora-windows";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";

// What is precomputed when events are written (DeploymentCommit.shippedBefore, kept by triggers,
// and the daily rollups in DeliveryDay, folded in by the refresher) must give exactly the numbers the definitions give, whatever order the events arrive in and
// whatever later events change: deployments arriving late and out of order (through the ingest
// API's code and straight through Prisma, as the seed and imports write), a backfilled deployment
// that shipped a commit earlier, a deployment whose status or finish time is corrected, one that is
// deleted, and incidents resolved later. After every step the SQL path is compared with the pure
// TypeScript definitions over the rows as they then are, and so is the event-table SQL path; each
// stored flag is compared with the base-table anti-join it replaces, and each stored rollup row
// with the same row computed afresh from the events.

const BASE = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const DAY = 86_400_000;
const WINDOWS: Window[] = [
  { from: new Date(BASE), to: new Date(BASE + 100 * DAY) },
  { from: new Date(BASE + 20 * DAY + 12_345), to: new Date(BASE + 61 * DAY) },
  { from: new Date(BASE + 70 * DAY), to: new Date(BASE + 100 * DAY) },
  // partial days at both edges, and windows inside one day and across one midnight
  { from: new Date(BASE + 9 * DAY + 5 * 3_600_000), to: new Date(BASE + 83 * DAY + 7 * 3_600_000 + 999) },
  { from: new Date(BASE + 40 * DAY + 3_600_000), to: new Date(BASE + 40 * DAY + 20 * 3_600_000) },
  { from: new Date(BASE + 50 * DAY + 13 * 3_600_000), to: new Date(BASE + 51 * DAY + 2 * 3_600_000) },
  // whole days: a calendar month, and a single day
  { from: new Date(BASE + 31 * DAY), to: new Date(BASE + 59 * DAY) },
  { from: new Date(BASE + 45 * DAY), to: new Date(BASE + 46 * DAY) },
];

/**
 * Checks every path against the definitions twice: as the step left the rollups (the days it made
 * stale are still in the refresher's log, so reads compute them from the events), then again once
 * the refresher has folded them into the stored rows.
 */
async function expectDefinitions(serviceIds: string[], step: string) {
  await expectDefinitionsNow(serviceIds, `${step}, before the refresh`);
  await drainDeliveryDays(prisma, { wait: true });
  expect(await staleRollups(serviceIds, "stored"), `${step}: stored rollups after the refresh`).toEqual([]);
  await expectDefinitionsNow(serviceIds, `${step}, after the refresh`);
}

async function expectDefinitionsNow(serviceIds: string[], step: string) {
  expect(await staleFlags(serviceIds), `${step}: stored flags`).toBe(0);
  expect(await staleLinks(serviceIds), `${step}: stored incident links`).toBe(0);
  expect(await staleRollups(serviceIds), `${step}: rollups as read`).toEqual([]);
  const facts = await factsOf(serviceIds);
  for (const scope of [[serviceIds[0]], serviceIds]) {
    const deployments = facts.deployments.filter((d) => scope.includes(d.serviceId));
    const incidents = facts.incidents.filter((i) => scope.includes(i.serviceId));
    for (const w of WINDOWS) {
      const expected = computeDoraFigures(deployments, incidents, w);
      const label = `${step}: ${scope.length} service(s), ${w.from.toISOString()}`;
      expect(await getDoraFigures(scope, w), `${label} (rollups)`).toEqual(expected);
      const fromEvents = await getDoraFiguresFromEvents({ serviceIds: scope, keys: scope.map(() => "s") }, w, prisma);
      expect(fromEvents.get("s"), `${label} (events)`).toEqual(expected);
    }
  }
  await expectManyWindowsAtOnce(serviceIds, facts, WINDOWS, step);
}

describe("precomputed lead-time facts and daily rollups under late, out-of-order and corrected events", () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    await prisma.incident.deleteMany({ where: { serviceId: { in: cleanup } } });
    await prisma.deployment.deleteMany({ where: { serviceId: { in: cleanup } } });
  });

  for (const seed of [11, 12, 13]) {
    it(`match the definitions after every step (seed ${seed})`, async () => {
      const rng = new Random(seed);
      const team = await makeTeam(prisma);
      const services = [await makeService(prisma, team.id), await makeService(prisma, team.id)];
      const ids = services.map((s) => s.id);
      cleanup.push(...ids);
      const user = await makeUser(prisma, { role: "platform" });
      const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
      // A small pool of shas, so that commits are shipped again and again.
      const shas = Array.from({ length: 24 }, () => rng.sha().slice(0, 12));

      const spec = (i: number): TDeploymentInput => {
        const finishedAt = BASE + rng.int(0, 100 * 24 * 60) * MIN + rng.int(0, 59_999);
        const withPrs = rng.chance(0.2);
        return {
          externalId: `pre-${seed}-${i}`,
          service: rng.pick(services).slug,
          environment: rng.chance(0.85) ? "production" : "staging",
          status: rng.chance(0.85) ? "success" : "failure",
          finishedAt: new Date(finishedAt).toISOString(),
          rework: false,
          // Some fix, revert or roll back another deployment: of the same service (linked, before or
          // after it arrives) or of the other one (no such deployment there: rework, no link).
          fixes: rng.chance(0.15) ? `pre-${seed}-${(i + rng.int(1, 139)) % 140}` : null,
          commits: Array.from({ length: rng.int(0, 3) }, () => ({
            sha: rng.pick(shas),
            authoredAt: rng.chance(0.1)
              ? null
              : new Date(finishedAt - rng.int(-20, 4000) * MIN - rng.int(0, 59_999)).toISOString(),
          })),
          pullRequests: withPrs
            ? [
                {
                  number: 1,
                  firstCommitAt: new Date(finishedAt - rng.int(500, 5000) * MIN).toISOString(),
                  openedAt: new Date(finishedAt - rng.int(100, 500) * MIN).toISOString(),
                  mergedAt: new Date(finishedAt - rng.int(1, 100) * MIN).toISOString(),
                },
              ]
            : [],
        };
      };
      const specs = Array.from({ length: 140 }, (_, i) => spec(i)); // generated in no time order

      // Arrival: random batches, alternately through the ingest code and straight through Prisma.
      let next = 0;
      let viaApi = true;
      while (next < specs.length) {
        const batch = specs.slice(next, next + rng.int(1, 15));
        next += batch.length;
        if (viaApi) {
          await recordDeployments(batch, actor, { single: false });
        } else {
          for (const d of batch) {
            await prisma.deployment.create({
              data: {
                serviceId: services.find((s) => s.slug === d.service)!.id,
                externalId: d.externalId,
                environment: d.environment,
                status: d.status,
                finishedAt: new Date(d.finishedAt),
                fixes: d.fixes,
                commits: {
                  createMany: {
                    data: [...new Map((d.commits ?? []).map((c) => [c.sha, c])).values()].map((c) => ({
                      serviceId: services.find((s) => s.slug === d.service)!.id,
                      sha: c.sha,
                      authoredAt: c.authoredAt ? new Date(c.authoredAt) : null,
                    })),
                  },
                },
                pullRequests: {
                  createMany: {
                    data: (d.pullRequests ?? []).map((p) => ({
                      number: p.number,
                      firstCommitAt: p.firstCommitAt ? new Date(p.firstCommitAt) : null,
                      openedAt: p.openedAt ? new Date(p.openedAt) : null,
                      mergedAt: p.mergedAt ? new Date(p.mergedAt) : null,
                    })),
                  },
                },
              },
            });
          }
        }
        viaApi = !viaApi;
      }
      await recordIncidents(
        Array.from({ length: 30 }, (_, i) => {
          const startedAt = BASE + rng.int(0, 100 * 24 * 60) * MIN + rng.int(0, 59_999);
          return {
            externalId: `inc-${seed}-${i}`,
            service: rng.pick(services).slug,
            title: "incident",
            // a few resolves that came without a start (PagerDuty with no created_at)
            startedAt: i % 10 === 9 ? null : new Date(startedAt).toISOString(),
            resolvedAt:
              i % 10 !== 9 && rng.chance(0.3) ? null : new Date(startedAt + rng.int(1, 3000) * MIN).toISOString(),
          };
        }),
        actor,
        { single: false },
      );
      const shipped = await prisma.deploymentCommit.count({ where: { serviceId: { in: ids }, shippedBefore: true } });
      expect(shipped, "the data set ships commits again").toBeGreaterThan(10);
      const fixing = await prisma.deployment.count({
        where: {
          serviceId: { in: ids },
          fixesDeploymentId: { not: null },
          status: "success",
          environment: "production",
        },
      });
      expect(fixing, "the data set fixes earlier deployments").toBeGreaterThan(3);
      await expectDefinitions(ids, "after arrival");

      // A late deployment, earlier than every other shipment of a sha: the later ones lose their samples.
      const firstOf = await prisma.deploymentCommit.findFirstOrThrow({
        where: {
          serviceId: ids[0],
          shippedBefore: false,
          deployment: { status: "success", environment: "production" },
        },
        include: { deployment: true },
        orderBy: { deployment: { finishedAt: "desc" } },
      });
      await recordDeployments(
        [
          {
            externalId: `pre-${seed}-backfill`,
            service: services[0].slug,
            environment: "production",
            status: "success",
            finishedAt: new Date(firstOf.deployment.finishedAt.getTime() - 7 * DAY).toISOString(),
            commits: [{ sha: firstOf.sha, authoredAt: new Date(BASE - 30 * DAY).toISOString() }],
          },
        ],
        actor,
        { single: true },
      );
      expect(
        (
          await prisma.deploymentCommit.findUniqueOrThrow({
            where: { deploymentId_sha: { deploymentId: firstOf.deploymentId, sha: firstOf.sha } },
          })
        ).shippedBefore,
        "the backfilled deployment shipped it first",
      ).toBe(true);
      await expectDefinitions(ids, "after a backfilled earlier deployment");

      // Corrections: a counted deployment that failed after all, and one whose finish time moves.
      const counted = await prisma.deployment.findMany({
        where: { serviceId: { in: ids }, status: "success", environment: "production", commits: { some: {} } },
        orderBy: { finishedAt: "asc" },
      });
      await prisma.deployment.update({ where: { id: counted[0].id }, data: { status: "failure" } });
      await expectDefinitions(ids, "after a deployment turned out failed");
      await prisma.deployment.update({
        where: { id: counted[counted.length - 1].id },
        data: { finishedAt: new Date(counted[1].finishedAt.getTime() - 1) },
      });
      await expectDefinitions(ids, "after a finish time moved earlier");
      await prisma.deployment.updateMany({
        where: { id: { in: counted.slice(2, 6).map((d) => d.id) } },
        data: { environment: "staging" },
      });
      await expectDefinitions(ids, "after four deployments moved to staging at once");

      // A deployment deleted (its commits go with it), and incidents resolved later.
      await prisma.deployment.delete({ where: { id: counted[1].id } });
      await expectDefinitions(ids, "after a deployment was deleted");
      const open = await prisma.incident.findMany({ where: { serviceId: { in: ids }, resolvedAt: null } });
      await recordIncidents(
        open.map((i) => ({
          externalId: i.externalId,
          service: services.find((s) => s.id === i.serviceId)!.slug,
          title: i.title,
          startedAt: i.startedAt!.toISOString(),
          resolvedAt: new Date(i.startedAt!.getTime() + 90 * MIN).toISOString(),
        })),
        actor,
        { single: false },
      );
      await expectDefinitions(ids, "after the open incidents were resolved");

      // Incidents that move a failure from one deployment to another: one blamed on a named
      // deployment, a deployment backfilled between a deployment and the incident after it (it
      // becomes the latest before the incident), an incident whose start moves, and one deleted.
      const live = await prisma.deployment.findMany({
        where: { serviceId: ids[0], status: "success", environment: "production" },
        orderBy: { finishedAt: "asc" },
      });
      const blamed = live[Math.floor(live.length / 2)];
      await recordIncidents(
        [
          {
            externalId: `inc-${seed}-blamed`,
            service: services[0].slug,
            title: "blamed",
            startedAt: new Date(blamed.finishedAt.getTime() + 3 * DAY).toISOString(),
            resolvedAt: new Date(blamed.finishedAt.getTime() + 3 * DAY + 45 * MIN).toISOString(),
            causedByDeployment: blamed.externalId,
          },
        ],
        actor,
        { single: true },
      );
      await expectDefinitions(ids, "after an incident was blamed on a named deployment");
      const byTime = await prisma.incident.findFirstOrThrow({
        where: { serviceId: ids[0], causedByDeploymentId: null, startedAt: { gt: live[0].finishedAt } },
        orderBy: { startedAt: "desc" },
      });
      await recordDeployments(
        [
          {
            externalId: `pre-${seed}-between`,
            service: services[0].slug,
            environment: "production",
            status: "success",
            finishedAt: new Date(byTime.startedAt!.getTime() - 1000).toISOString(),
            commits: [
              { sha: rng.sha().slice(0, 12), authoredAt: new Date(byTime.startedAt!.getTime() - DAY).toISOString() },
            ],
          },
        ],
        actor,
        { single: true },
      );
      await expectDefinitions(ids, "after a deployment was backfilled just before an incident");
      await prisma.incident.update({
        where: { id: byTime.id },
        data: { startedAt: new Date(live[0].finishedAt.getTime() + 1000) },
      });
      await expectDefinitions(ids, "after an incident's start moved earlier");
      await prisma.incident.delete({ where: { id: byTime.id } });
      await expectDefinitions(ids, "after an incident was deleted");
      await prisma.deployment.delete({ where: { id: blamed.id } });
      await expectDefinitions(ids, "after the deployment an incident named was deleted");
    });
  }
});
