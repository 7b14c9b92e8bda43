// `npm run cli -- seed demo`: the demo organisation with 180 days of history. Deterministic for a
// given seed and day: the same seed on the same date gives the same data.
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/access/server";
import { rebuildRollups } from "@/lib/slo/server";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/access/domain";
import { DEMO_TEAMS } from "./demo-catalog";
import { generateServiceHistory, type History } from "./history";
import { Random } from "./random";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server";
import { backfillSnapshots } from "@/lib/scorecards/server";
import { EXEMPLARY_SERVICES, seedChecklists, type ChecklistSeedService } from "./checklists";
import { loadDogfood } from "./dogfood";
import { generateSamples, type SampleRow, type SloMode } from "./sli";
import { insertCommits, insertDeployments, insertIncidents, insertPullRequests, insertSamples } from "./write";

export const DEMO_SEED = 20261127;
export const HISTORY_DAYS = 180;
const SLI_DAYS = 30;

export type SeedSummary = Record<string, number>;

export async function seedDemo(
  db: PrismaClient,
  opts: { seed?: number; now?: Date; log?: (m: string) => void } = {},
): Promise<SeedSummary> {
  const rng = new Random(opts.seed ?? DEMO_SEED);
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => undefined);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  log("catalog and users");
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const row = await db.team.create({
      data: { id: rng.uuid(), slug: team.slug, name: team.name, description: team.description },
    });
    teamIds.set(team.slug, row.id);
  }
  const users = [
    ...DEMO_USERS.map((u) => ({ ...u, teams: [...u.teams] as string[] })),
    ...DEMO_TEAMS.flatMap((t) => t.engineers.map((e) => ({ ...e, role: "engineer" as const, teams: [t.slug] }))),
  ];
  for (const u of users) {
    await db.user.create({
      data: {
        id: rng.uuid(),
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        memberships: { create: u.teams.map((slug) => ({ teamId: teamIds.get(slug) as string })) },
      },
    });
  }

  const history: History = { deployments: [], commits: [], pullRequests: [], incidents: [] };
  const services: ChecklistSeedService[] = [];
  const userIds = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  for (const team of DEMO_TEAMS) {
    for (const s of team.services) {
      const id = rng.uuid();
      const engineer = team.engineers[services.length % team.engineers.length];
      await db.service.create({
        data: {
          id,
          slug: s.slug,
          name: s.name,
          teamId: teamIds.get(team.slug) as string,
          tier: s.tier,
          lifecycle: s.lifecycle ?? "production",
          type: s.type ?? "service",
          description: s.description,
          repoUrl: `https://github.com/acme/${s.slug}`,
          repoSlug: `github.com/acme/${s.slug}`,
          runbookUrl: s.noRunbook ? null : `https://runbooks.acme.example/${s.slug}`,
          dashboardUrl: `https://grafana.acme.example/d/${s.slug}`,
          onCall: s.noOnCall ? null : `${team.slug}-oncall (${engineer.name})`,
        },
      });
      services.push({
        id,
        slug: s.slug,
        tier: s.tier,
        type: s.type ?? "service",
        trajectory: team.trajectory,
        engineerId: userIds.get(engineer.email) as string,
      });
      generateServiceHistory(
        rng,
        {
          serviceId: id,
          slug: s.slug,
          tier: s.tier,
          trajectory: team.trajectory,
          weeklyDeploys: team.weeklyDeploys,
          usesPullRequests: team.usesPullRequests,
          days: HISTORY_DAYS,
          now,
        },
        history,
      );
    }
  }

  log(`history: ${history.deployments.length} deployments, ${history.incidents.length} incidents`);
  await insertDeployments(db, history.deployments);
  await insertCommits(db, history.commits);
  await insertPullRequests(db, history.pullRequests);
  await insertIncidents(db, history.incidents);

  log("SLOs and 5-minute SLI samples");
  const samples: SampleRow[] = [];
  let slos = 0;
  // Every state on purpose: the first tier-1 SLOs burn or are exhausted, two have no data yet.
  const forcedModes: SloMode[] = ["burning", "exhausted", "healthy", "burning", "healthy", "exhausted"];
  let tier1Seen = 0;
  for (const s of services.filter((x) => x.tier <= 2)) {
    const defs =
      s.type === "data_pipeline"
        ? [
            {
              name: "freshness",
              objective: 99.5,
              windowDays: 28,
              description: "Partitions land within 60 minutes of the hour.",
            },
          ]
        : [
            {
              name: "availability",
              objective: 99.9,
              windowDays: 30,
              description: "Non-5xx responses over all requests.",
            },
            ...(s.tier === 1
              ? [{ name: "latency", objective: 99, windowDays: 30, description: "Requests served under 300 ms." }]
              : []),
          ];
    for (const [i, def] of defs.entries()) {
      // Defined months ago, so the backfilled scorecard history sees teams adopting SLOs.
      const createdAt = new Date(now.getTime() - rng.int(40, 170) * 86_400_000);
      const slo = await db.slo.create({ data: { id: rng.uuid(), serviceId: s.id, ...def, source: "seed", createdAt } });
      slos++;
      const noData = s.slug === "gift-cards" || (s.slug === "search-ranker" && i === 0) || s.slug === "query-gateway";
      if (noData) continue;
      const mode: SloMode = s.tier === 1 && i === 0 ? (forcedModes[tier1Seen++] ?? "healthy") : "healthy";
      generateSamples(
        rng,
        {
          sloId: slo.id,
          objective: def.objective,
          mode,
          peakTraffic: s.tier === 1 ? 24_000 : 5_000,
          days: SLI_DAYS,
          now,
          incidents: history.incidents.filter((inc) => inc.serviceId === s.id),
        },
        samples,
      );
    }
  }
  await insertSamples(db, samples);
  await rebuildRollups([...new Set(samples.map((x) => x.sloId))], db);
  await db.service.updateMany({
    where: { tier: 1 },
    data: {
      errorBudgetPolicy:
        "When the 30-day error budget is exhausted, the team stops feature releases for this service until the budget recovers: only fixes, reliability work and security patches ship. Exceptions need the VP of Engineering's approval, recorded in the incident channel.",
    },
  });

  const platform = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email }, select: { id: true } });
  const engineer = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[1].email }, select: { id: true } });
  log("readiness checklists and waivers");
  const readiness = await seedChecklists(db, rng, services, platform.id, now);
  log("Shipshape's own readiness review");
  const dogfood = await loadDogfood(db, platform.id, now);

  log("reviews");
  let reviewsApproved = 0;
  const reviewed = services.filter((s) => s.tier === 1).slice(0, 4);
  for (const [i, s] of reviewed.entries()) {
    const createdAt = new Date(now.getTime() - (40 - i * 9) * 86_400_000);
    const decided = i < 2;
    await db.review.create({
      data: {
        id: rng.uuid(),
        serviceId: s.id,
        status: decided ? (i === 0 ? "approved" : "changes_requested") : "requested",
        requestedById: engineer.id,
        requestNote: "Ready for the production readiness review.",
        createdAt,
        decidedById: decided ? platform.id : null,
        decidedAt: decided ? new Date(createdAt.getTime() + 2 * 86_400_000) : null,
        comments: decided
          ? {
              create: [
                {
                  authorId: platform.id,
                  createdAt: new Date(createdAt.getTime() + 2 * 86_400_000),
                  body:
                    i === 0
                      ? "Looks solid: rollback drill and restore test evidence are convincing. Approved."
                      : "Please finish the restore test and link the load-test results before we sign off.",
                },
              ],
            }
          : undefined,
      },
    });
  }

  // Earlier approvals: the exemplary services and some others passed a review in the last months.
  const approvedBefore = services.filter(
    (s) =>
      !reviewed.includes(s) &&
      (EXEMPLARY_SERVICES.has(s.slug) || (s.trajectory !== "slipping" && s.tier <= 2 && rng.chance(0.35))),
  );
  for (const s of approvedBefore) {
    const createdAt = new Date(now.getTime() - rng.int(25, 160) * 86_400_000);
    const decidedAt = new Date(createdAt.getTime() + rng.int(1, 4) * 86_400_000);
    await db.review.create({
      data: {
        id: rng.uuid(),
        serviceId: s.id,
        status: "approved",
        requestedById: s.engineerId,
        requestNote: "Checklist complete; requesting the production readiness review.",
        createdAt,
        decidedById: platform.id,
        decidedAt,
        comments: {
          create: [{ authorId: platform.id, createdAt: decidedAt, body: "Evidence checked item by item. Approved." }],
        },
      },
    });
  }
  reviewsApproved = approvedBefore.length;

  // Scorecard history: each past day judged as of that day, so the trend charts have a shape.
  log("scorecard history");
  await ensureBuiltInScorecards(db);
  const snapshots = await backfillSnapshots(HISTORY_DAYS, now, db);

  // Two initiatives: one on track, one overdue (flagged on the page and by notifications).
  const teamId = (slug: string) => teamIds.get(slug) as string;
  await db.initiative.create({
    data: {
      id: rng.uuid(),
      name: "Tier-1 payments and checkout to Silver",
      description: "Every customer-facing money path ready for production traffic before the peak season freeze.",
      targetLevel: "silver",
      ownerId: platform.id,
      targetDate: new Date(now.getTime() + 38 * 86_400_000),
      createdAt: new Date(now.getTime() - 75 * 86_400_000),
      teams: { create: [{ teamId: teamId("payments") }, { teamId: teamId("checkout") }] },
    },
  });
  await db.initiative.create({
    data: {
      id: rng.uuid(),
      name: "Runbooks and on-call everywhere",
      description: "No service without a runbook and a pager rotation.",
      ruleKeys: ["runbook", "on-call"],
      ownerId: platform.id,
      targetDate: new Date(now.getTime() - 6 * 86_400_000),
      createdAt: new Date(now.getTime() - 120 * 86_400_000),
    },
  });

  return {
    teams: DEMO_TEAMS.length,
    services: services.length,
    users: users.length,
    deployments: history.deployments.length,
    commits: history.commits.length,
    pullRequests: history.pullRequests.length,
    incidents: history.incidents.length,
    slos,
    sliSamples: samples.length,
    ...readiness,
    dogfoodItems: dogfood.items,
    reviewsApproved,
    snapshots,
  };
}
