import "server-only";
// The weekly digest: one `digest.weekly` notification per team with active services, to the team's
// (and organisation-wide) webhooks subscribed to it. Built from one scorecard evaluation of every
// service (as the organisation page) and last week's snapshots; sent once per team per week (the
// week is remembered in WatchState), so a rerun or a second replica sends nothing twice.
import type { PrismaClient } from "@/generated/prisma/client";
import { prisma } from "@/lib/core/db/client";
import { DAY_MS, utcDay } from "@/lib/core/calendar";
import { buildTeamDigest, weekOf, type TeamDigest } from "@/lib/notifications/domain/digest";
import { evaluateServices, summariseTeam, type ServiceScorecard } from "@/lib/scorecards/server";
import { enqueueNotification, publicUrl } from "./outbox";
import { lockWatchState } from "./slo-alerts";

type Level = "none" | "bronze" | "silver" | "gold";
const EXPIRY_WINDOW_DAYS = 7;

export type DigestRun = {
  week: string;
  teams: Array<{ team: string; digest: TeamDigest; queued: number; alreadySent: boolean }>;
};

export async function sendWeeklyDigests(
  now = new Date(),
  db: PrismaClient = prisma,
  opts: { team?: string; dryRun?: boolean } = {},
): Promise<DigestRun> {
  const week = weekOf(now);
  const weekAgo = utcDay(new Date(now.getTime() - 7 * DAY_MS));
  const soon = new Date(now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS);
  const teams = await db.team.findMany({
    where: opts.team ? { slug: opts.team } : {},
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
  });
  const services = await db.service.findMany({
    where: { archivedAt: null, teamId: { in: teams.map((t) => t.id) } },
    select: { id: true },
  });
  const ids = services.map((s) => s.id);
  const [evaluated, teamSnapshots, serviceSnapshots, waivers, exemptions] = await Promise.all([
    evaluateServices(ids, now, db),
    db.teamSnapshot.findMany({ where: { day: weekAgo, teamId: { in: teams.map((t) => t.id) } } }),
    db.serviceSnapshot.findMany({
      where: { day: weekAgo, serviceId: { in: ids } },
      select: { serviceId: true, level: true },
    }),
    db.waiver.findMany({
      where: { serviceId: { in: ids }, status: "approved", expiresAt: { gt: now, lte: soon } },
      select: { itemKey: true, expiresAt: true, service: { select: { teamId: true, name: true } } },
    }),
    db.ruleExemption.findMany({
      where: { serviceId: { in: ids }, status: "approved", expiresAt: { gt: now, lte: soon } },
      select: {
        ruleKey: true,
        expiresAt: true,
        scorecard: { select: { key: true } },
        service: { select: { teamId: true, name: true } },
      },
    }),
  ]);
  const byTeam = new Map<string, ServiceScorecard[]>();
  for (const s of evaluated) byTeam.set(s.service.teamId, [...(byTeam.get(s.service.teamId) ?? []), s]);
  const levelWeekAgo = new Map(serviceSnapshots.map((s) => [s.serviceId, s.level as Level]));
  const snapshotOf = new Map(teamSnapshots.map((t) => [t.teamId, t]));

  const run: DigestRun = { week, teams: [] };
  for (const team of teams) {
    const members = byTeam.get(team.id);
    if (!members?.length) continue;
    const card = summariseTeam(team, members);
    const before = snapshotOf.get(team.id);
    const digest = buildTeamDigest({
      team,
      week,
      score: card.score,
      scoreWeekAgo: before ? before.score : null,
      levels: card.levels,
      failing: card.failing
        .slice(0, 10)
        .map((f) => ({ rule: f.key, name: f.name, level: f.level, services: f.services.length })),
      services: members
        .filter((m) => m.inScope)
        .map((m) => ({
          slug: m.service.slug,
          name: m.service.name,
          level: m.result.level,
          levelWeekAgo: levelWeekAgo.get(m.service.id) ?? null,
          next: m.result.nextLevel
            ? { level: m.result.nextLevel.level, failing: m.result.nextLevel.failing.map((r) => r.name) }
            : null,
        })),
      expiring: [
        ...waivers
          .filter((w) => w.service.teamId === team.id)
          .map((w) => ({ kind: "waiver" as const, service: w.service.name, what: w.itemKey, expiresAt: w.expiresAt })),
        ...exemptions
          .filter((e) => e.service.teamId === team.id)
          .map((e) => ({
            kind: "exemption" as const,
            service: e.service.name,
            what: `${e.scorecard.key}/${e.ruleKey}`,
            expiresAt: e.expiresAt,
          })),
      ].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime()),
    });
    if (opts.dryRun) {
      run.teams.push({ team: team.slug, digest, queued: 0, alreadySent: false });
      continue;
    }
    const key = `digest:${team.id}`;
    const sent = await db.$transaction(async (tx) => {
      await lockWatchState(tx);
      const seen = await tx.watchState.findUnique({ where: { key } });
      if (seen?.value === week) return { queued: 0, alreadySent: true };
      const queued = await enqueueNotification(tx, {
        event: "digest.weekly",
        summary: digest.text,
        team: team.slug,
        teamId: team.id,
        service: null,
        url: publicUrl(`/teams/${team.slug}/scorecard`),
        data: digest.data,
        occurredAt: now,
      });
      await tx.watchState.upsert({ where: { key }, create: { key, value: week }, update: { value: week } });
      return { queued: queued.length, alreadySent: false };
    });
    run.teams.push({ team: team.slug, digest, ...sent });
  }
  return run;
}
