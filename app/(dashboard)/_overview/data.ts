import "server-only";
// The overview's role-specific data, loaded here (pages may reach the slices' server code;
// components take plain props).
import type { Actor } from "@/lib/core/auth/permissions";
import { DAY_MS } from "@/lib/core/calendar";
import { formatDate, plural } from "@/lib/core/format";
import { listTeamSlugsByIds } from "@/lib/catalog/server";
import { listReviewQueue, listWaivers } from "@/lib/readiness/server";
import { getTeamScorecard, levelDrops, listExemptions } from "@/lib/scorecards/server";
import { listUnmatched } from "@/lib/delivery/server";
import { listSloSources } from "@/lib/slo/server";
import type { AttentionRow } from "@/components/overview/attention-list";
import { EXPIRY_DAYS, type PlatformAttentionData } from "@/components/overview/platform-attention";
import type { TeamNextStepsData } from "@/components/overview/team-next-steps";

const LABEL = { gold: "Gold", silver: "Silver", bronze: "Bronze", none: "No level" } as const;
const daysLeft = (d: Date, now: Date) => Math.max(0, Math.ceil((d.getTime() - now.getTime()) / DAY_MS));

export async function loadPlatformAttention(user: Actor, now = new Date()): Promise<PlatformAttentionData> {
  const soon = new Date(now.getTime() + EXPIRY_DAYS * DAY_MS);
  const [reviews, pendingWaivers, activeWaivers, exemptions, drops, unmatched, sources] = await Promise.all([
    listReviewQueue(user),
    listWaivers(user, "pending", now),
    listWaivers(user, "active", now),
    listExemptions(user, {}, now),
    levelDrops(user, 7),
    listUnmatched(user),
    listSloSources(user),
  ]);
  const pendingExemptions = exemptions.filter((e) => e.state === "pending");
  const decisions: AttentionRow[] = [
    ...pendingWaivers.map((w) => ({
      key: `w-${w.id}`,
      href: "/waivers?status=pending",
      label: `${w.service.name} · ${w.itemKey}`,
      detail: "waiver",
    })),
    ...pendingExemptions.map((e) => ({
      key: `e-${e.id}`,
      href: "/waivers#exemptions",
      label: `${e.serviceName} · ${e.ruleName}`,
      detail: "rule exemption",
    })),
  ];
  const expiring = [
    ...activeWaivers
      .filter((w) => w.expiresAt <= soon)
      .map((w) => ({ key: `w-${w.id}`, at: w.expiresAt, label: `${w.service.name} · ${w.itemKey}`, kind: "waiver" })),
    ...exemptions
      .filter((e) => e.state === "active" && new Date(e.expiresAt) <= soon)
      .map((e) => ({
        key: `e-${e.id}`,
        at: new Date(e.expiresAt),
        label: `${e.serviceName} · ${e.ruleName}`,
        kind: "exemption",
      })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const failingSources = sources.filter((s) => s.lastErrorAt && (!s.lastSuccessAt || s.lastErrorAt > s.lastSuccessAt));

  return {
    reviews: {
      count: reviews.open.length,
      rows: reviews.open.map((r) => ({
        key: r.id,
        href: `/reviews/${r.id}`,
        label: r.service.name,
        detail: `${r.service.team.name} · since ${formatDate(r.createdAt)}`,
      })),
    },
    decisions: { count: decisions.length, rows: decisions },
    expiring: {
      count: expiring.length,
      rows: expiring.map((x) => ({
        key: x.key,
        href: x.kind === "waiver" ? "/waivers?status=active" : "/waivers#exemptions",
        label: x.label,
        detail: `${x.kind}, ${plural(daysLeft(x.at, now), "day")} left`,
      })),
    },
    drops: {
      window: drops[0] ? `${drops[0].since} → ${drops[0].day}` : null,
      count: drops.length,
      rows: drops.map((d) => ({
        key: d.slug,
        href: `/services/${d.slug}/scorecard`,
        label: d.name,
        detail: `${LABEL[d.from]} → ${LABEL[d.to]} · ${d.team}`,
      })),
    },
    unmatched: {
      count: unmatched.reduce((n, u) => n + u.events, 0),
      rows: unmatched.map((u) => ({
        key: `${u.provider}:${u.externalKey}`,
        href: "/settings/integrations#unmatched",
        label: u.externalKey,
        detail: `${u.provider}, ${plural(u.events, "event")}`,
      })),
    },
    sources: {
      count: failingSources.length,
      rows: failingSources.map((s) => ({
        key: `${s.service.slug}:${s.slo}`,
        href: `/services/${s.service.slug}/slos`,
        label: `${s.service.name} · ${s.slo}`,
        detail: s.lastError ?? undefined,
      })),
    },
  };
}

export async function loadTeamNextSteps(user: Actor & { teamIds: string[] }): Promise<TeamNextStepsData> {
  const slugs = await listTeamSlugsByIds(user, user.teamIds);
  const cards = await Promise.all(slugs.map((slug) => getTeamScorecard(user, slug)));
  return cards
    .filter((c) => c !== null)
    .map((card) => ({
      team: { slug: card.team.slug, name: card.team.name },
      score: card.score,
      levels: card.levels,
      services: card.services
        .filter((s) => s.inScope)
        .map((s) => ({
          id: s.service.id,
          slug: s.service.slug,
          name: s.service.name,
          level: s.result.level,
          next: s.result.nextLevel
            ? {
                level: s.result.nextLevel.level,
                failing: s.result.nextLevel.failing.map((r) => ({ key: r.key, name: r.name, reason: r.reason })),
              }
            : null,
        })),
    }));
}
