import "server-only";
// "Dropped a level": the overview's list for the platform team, from the immutable daily snapshots.
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { DAY_MS as DAY, isoDate } from "@/lib/core/calendar";
import type { Level } from "@/lib/scorecards/domain/scorecard";

export type LevelDrop = {
  slug: string;
  name: string;
  team: string;
  from: Level;
  to: Level;
  /** The latest snapshot's day, and the day compared with (`days` before it). */
  day: string;
  since: string;
};

/**
 * Services whose level in the latest daily snapshot is below their level `days` before it (read
 * from the immutable snapshots: cheap at any scale), the biggest drops first.
 */
export async function levelDrops(actor: Actor | null, days = 7, limit = 10): Promise<LevelDrop[]> {
  authorize(actor, "read");
  const latest = await prisma.serviceSnapshot.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return [];
  const since = new Date(latest.day.getTime() - days * DAY);
  const rank: Record<Level, number> = { none: 0, bronze: 1, silver: 2, gold: 3 };
  const [now, before] = await Promise.all([
    prisma.serviceSnapshot.findMany({
      where: { day: latest.day, service: { archivedAt: null } },
      select: {
        serviceId: true,
        level: true,
        service: { select: { slug: true, name: true, team: { select: { name: true } } } },
      },
    }),
    prisma.serviceSnapshot.findMany({ where: { day: since }, select: { serviceId: true, level: true } }),
  ]);
  const was = new Map(before.map((s) => [s.serviceId, s.level as Level]));
  return now
    .filter((s) => was.has(s.serviceId) && rank[was.get(s.serviceId)!] > rank[s.level as Level])
    .map((s) => ({
      slug: s.service.slug,
      name: s.service.name,
      team: s.service.team.name,
      from: was.get(s.serviceId)!,
      to: s.level as Level,
      day: isoDate(latest.day),
      since: isoDate(since),
    }))
    .sort((a, b) => rank[b.from] - rank[b.to] - (rank[a.from] - rank[a.to]) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
