import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { onReplica, reader } from "@/lib/core/db/replicas";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { buildDoraReport, type DoraReport } from "@/lib/delivery/domain";
import { DAY_MS as DAY, utcDay, isoDate } from "@/lib/core/calendar";
import { failingRules, levelCounts, teamScore, type Level } from "@/lib/scorecards/domain/scorecard";
import { EMPTY_FIGURES, getDoraFiguresByKey } from "@/lib/delivery/server";
import type { TScorecardScope } from "@/lib/scorecards/domain/scope";
import { budgetCompliance, doraWindowOf } from "./facts";
import { evaluateServices, summariseTeam, type ServiceScorecard } from "./scorecards";

// Daily history (CONTRACT §6): one immutable row per service and per team and day, holding the
// scorecard result, DORA figures and SLO budgets as they were. Trend charts read these rows only.

export type DoraSnapshot = {
  deployments: number;
  deployDaysPerWeek: number | null;
  leadTimeMinutes: number | null;
  changeFailureRate: number | null;
  recoveryMinutes: number | null;
  bands: {
    deploymentFrequency: string | null;
    leadTime: string | null;
    changeFailureRate: string | null;
    recovery: string | null;
  };
};

export type ServiceSnapshotData = {
  scorecard: string | null;
  /**
   * Whether the service was in that scorecard's scope that day (absent in snapshots taken before
   * scopes existed: they were). Out of scope, its level and score mean "not judged".
   */
  inScope?: boolean;
  /** The scope as it was, so history stays true when it changes. */
  scope?: TScorecardScope;
  rules: Array<{ rule: string; level: string; weight: number; pass: boolean; message: string }>;
  dora: DoraSnapshot;
  slos: Array<{ name: string; status: string; remaining: number | null }>;
  budgetCompliance: number | null;
};

export type TeamSnapshotData = {
  /** The services in the scorecard's scope that day (the roll-up counts only those). */
  services: number;
  scorecard?: string | null;
  levels: Record<Level, number>;
  failing: Array<{ rule: string; name: string; level: string; services: number }>;
  dora: DoraSnapshot;
  budgetCompliance: number | null;
  slos: { total: number; burning: number; exhausted: number };
};

function compactDora(r: DoraReport): DoraSnapshot {
  return {
    deployments: r.deploymentFrequency.deployments,
    deployDaysPerWeek: r.deploymentFrequency.medianDeployDaysPerWeek,
    leadTimeMinutes: r.leadTimeForChanges.medianMinutes,
    changeFailureRate: r.changeFailureRate.ratio,
    recoveryMinutes: r.failedDeploymentRecoveryTime.medianMinutes,
    bands: {
      deploymentFrequency: r.deploymentFrequency.band,
      leadTime: r.leadTimeForChanges.band,
      changeFailureRate: r.changeFailureRate.band,
      recovery: r.failedDeploymentRecoveryTime.band,
    },
  };
}

export type SnapshotRun = {
  day: string;
  services: number;
  teams: number;
  created: { services: number; teams: number };
  ms: number;
};

/**
 * Snapshots every active service and team as of `asOf`, for its UTC day. Idempotent: a day that
 * already has a snapshot keeps it (rows are immutable), so a second run the same day writes nothing.
 */
export async function takeSnapshots(asOf = new Date(), db: PrismaClient = prisma): Promise<SnapshotRun> {
  const started = Date.now();
  const day = utcDay(asOf);
  const services = await db.service.findMany({ where: { archivedAt: null }, select: { id: true, teamId: true } });
  const ids = services.map((s) => s.id);
  const window = doraWindowOf(asOf);
  const [evaluated, teamFigures, teams] = await Promise.all([
    evaluateServices(ids, asOf, db),
    getDoraFiguresByKey({ serviceIds: ids, keys: services.map((s) => s.teamId) }, window, db),
    db.team.findMany({ select: { id: true, slug: true } }),
  ]);

  const serviceRows: Prisma.ServiceSnapshotCreateManyInput[] = evaluated.map((s) => ({
    serviceId: s.service.id,
    day,
    level: s.result.level,
    score: s.result.score,
    data: {
      scorecard: s.scorecard?.key ?? null,
      inScope: s.inScope,
      scope: s.scorecard?.scope ?? {},
      rules: s.result.rules.map((r) => ({
        rule: r.key,
        level: r.level,
        weight: r.weight,
        pass: r.pass,
        message: r.reason,
      })),
      dora: compactDora(s.service.dora),
      slos: s.service.slos.map((e) => ({ name: e.name, status: e.status, remaining: e.remaining })),
      budgetCompliance: budgetCompliance(s.service.slos),
    } satisfies ServiceSnapshotData,
  }));

  const byTeam = new Map<string, ServiceScorecard[]>();
  // Team roll-ups count the services in the scorecard's scope, as the pages do.
  for (const s of evaluated.filter((e) => e.inScope))
    byTeam.set(s.service.teamId, [...(byTeam.get(s.service.teamId) ?? []), s]);
  const scorecardKey = evaluated[0]?.scorecard?.key ?? null;
  const teamRows: Prisma.TeamSnapshotCreateManyInput[] = teams
    .filter((t) => byTeam.has(t.id))
    .map((t) => {
      const members = byTeam.get(t.id) ?? [];
      const slos = members.flatMap((m) => m.service.slos);
      return {
        teamId: t.id,
        day,
        score: teamScore(members.map((m) => ({ tier: m.service.tier, score: m.result.score }))) ?? 0,
        data: {
          services: members.length,
          scorecard: scorecardKey,
          levels: levelCounts(members.map((m) => m.result.level)),
          failing: failingRules(members.map((m) => ({ service: m.service.slug, rules: m.result.rules })))
            .slice(0, 10)
            .map((f) => ({ rule: f.key, name: f.name, level: f.level, services: f.services.length })),
          dora: compactDora(buildDoraReport({ team: t.slug }, window, "2023", teamFigures.get(t.id) ?? EMPTY_FIGURES)),
          budgetCompliance: budgetCompliance(slos),
          slos: {
            total: slos.length,
            burning: slos.filter((e) => e.status === "burning").length,
            exhausted: slos.filter((e) => e.status === "exhausted").length,
          },
        } satisfies TeamSnapshotData,
      };
    });

  const [createdServices, createdTeams] = await db.$transaction([
    db.serviceSnapshot.createMany({ data: serviceRows, skipDuplicates: true }),
    db.teamSnapshot.createMany({ data: teamRows, skipDuplicates: true }),
  ]);
  return {
    day: isoDate(day),
    services: serviceRows.length,
    teams: teamRows.length,
    created: { services: createdServices.count, teams: createdTeams.count },
    ms: Date.now() - started,
  };
}

/** Fills the `days` days before `now` (the demo's history); days already snapshotted are kept. */
export async function backfillSnapshots(
  days: number,
  now = new Date(),
  db: PrismaClient = prisma,
  log: (m: string) => void = () => undefined,
) {
  let created = 0;
  for (let d = days; d >= 1; d--) {
    // As of the end of that day (or now, for days that are not over).
    const asOf = new Date(Math.min(utcDay(new Date(now.getTime() - d * DAY)).getTime() + DAY - 1, now.getTime()));
    const run = await takeSnapshots(asOf, db);
    created += run.created.services;
    if (d % 30 === 0) log(`snapshots: ${run.day}`);
  }
  return created;
}

// ─── Reading history ─────────────────────────────────────────────────────────

export type TeamTrendPoint = {
  day: string;
  score: number;
  levels: Record<Level, number>;
  dora: DoraSnapshot;
  budgetCompliance: number | null;
};

export async function teamTrend(teamId: string, from: Date, to: Date): Promise<TeamTrendPoint[]> {
  const rows = await prisma.teamSnapshot.findMany({
    where: { teamId, day: { gte: utcDay(from), lte: utcDay(to) } },
    orderBy: { day: "asc" },
    select: { day: true, score: true, data: true },
  });
  return rows.map((r) => {
    const data = r.data as TeamSnapshotData;
    return {
      day: isoDate(r.day),
      score: r.score,
      levels: data.levels,
      dora: data.dora,
      budgetCompliance: data.budgetCompliance,
    };
  });
}

export type ServiceTrendPoint = {
  day: string;
  score: number;
  level: Level;
  dora: DoraSnapshot;
  budgetCompliance: number | null;
};

export async function serviceTrend(
  actor: Actor | null,
  serviceId: string,
  from: Date,
  to: Date,
): Promise<ServiceTrendPoint[]> {
  authorize(actor, "read");
  const rows = await prisma.serviceSnapshot.findMany({
    where: { serviceId, day: { gte: utcDay(from), lte: utcDay(to) } },
    orderBy: { day: "asc" },
    select: { day: true, score: true, level: true, data: true },
  });
  return rows.map((r) => {
    const data = r.data as ServiceSnapshotData;
    return {
      day: isoDate(r.day),
      score: r.score,
      level: r.level,
      dora: data.dora,
      budgetCompliance: data.budgetCompliance,
    };
  });
}

/** Every team's score per day over a range (the org page's sparklines), one query. */
export async function teamScoresByDay(
  actor: Actor | null,
  from: Date,
  to: Date,
): Promise<Map<string, Array<{ day: string; score: number }>>> {
  authorize(actor, "read");
  const rows = await onReplica("org-scorecards", () =>
    reader().teamSnapshot.findMany({
      where: { day: { gte: utcDay(from), lte: utcDay(to) } },
      orderBy: { day: "asc" },
      select: { teamId: true, day: true, score: true },
    }),
  );
  const out = new Map<string, Array<{ day: string; score: number }>>();
  for (const r of rows) {
    const point = { day: isoDate(r.day), score: r.score };
    const list = out.get(r.teamId);
    if (list) list.push(point);
    else out.set(r.teamId, [point]);
  }
  return out;
}

export async function latestSnapshotDay(): Promise<string | null> {
  const row = await prisma.teamSnapshot.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  return row ? isoDate(row.day) : null;
}

/** The team scorecard page's data: live evaluation and the snapshot history, read at the same time. */
export async function getTeamScorecardWithTrend(actor: Actor | null, slug: string, from: Date, asOf = new Date()) {
  authorize(actor, "read");
  const team = await prisma.team.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, services: { where: { archivedAt: null }, select: { id: true } } },
  });
  if (!team) return null;
  const [services, trend] = await Promise.all([
    evaluateServices(
      team.services.map((s) => s.id),
      asOf,
    ),
    teamTrend(team.id, from, asOf),
  ]);
  return { scorecard: summariseTeam({ id: team.id, slug: team.slug, name: team.name }, services), trend };
}
