import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DEFAULT_TEMPLATE_BY_TYPE } from "@/lib/readiness/domain";
import { effectiveItem, type WaiverWindow } from "@/lib/readiness/domain";
import { buildDoraReport, type DoraReport } from "@/lib/delivery/domain";
import { evaluateSlo, type BurnWindow, type SloEvaluation, type Sums } from "@/lib/slo/domain";
import type { ServiceFacts } from "@/lib/scorecards/domain/scorecard";
import { fromDbServiceType } from "@/lib/catalog/schemas";
import { EMPTY_FIGURES, getDoraFiguresOfKeys } from "@/lib/delivery/server";
import { sloWindows, windowOf, windowSumsMany } from "@/lib/slo/server";
import { rollingDays } from "@/lib/core/period";
import { expressionInputs, loadCustomFacts } from "./expression-inputs";

// Every fact the scorecard rules read, for many services at once and as of an instant: a handful of
// set-based queries whatever the number of services (the snapshot job evaluates thousands).
// `asOf` in the past reconstructs the facts from timestamps (answers, waiver decisions, deployments,
// reviews, SLI rollups) for the demo's backfilled history; the catalog fields are today's.

export const DORA_WINDOW_DAYS = 90;

/**
 * The DORA window the rules judge: the 90 whole UTC days ending with the day of `asOf`, the same
 * window as the DORA API's and pages' default "last 90 days", so the bands agree with the service's
 * DORA card. Whole days are read from the daily rollups alone; a window ending at an instant would
 * compute its partial days from the events (at 2,000 services, most of the page's time on a busy day).
 * The snapshot job passes the end of each day.
 */
export const doraWindowOf = (asOf: Date) => rollingDays(DORA_WINDOW_DAYS, asOf);

export type LoadedService = {
  id: string;
  slug: string;
  name: string;
  tier: number;
  teamId: string;
  teamSlug: string;
  teamName: string;
  facts: ServiceFacts;
  dora: DoraReport;
  slos: SloEvaluation[];
};

type Db = PrismaClient;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

async function loadChecklists(
  db: Db,
  services: Array<{ id: string; type: Parameters<typeof fromDbServiceType>[0] }>,
  asOf: Date,
) {
  const ids = services.map((s) => s.id);
  const [assigned, states, waivers] = await Promise.all([
    db.serviceChecklist.findMany({ where: { serviceId: { in: ids } }, select: { serviceId: true, templateId: true } }),
    db.checklistItemState.findMany({
      where: { serviceId: { in: ids }, updatedAt: { lte: asOf } },
      select: { serviceId: true, itemKey: true, status: true },
    }),
    db.waiver.findMany({
      where: { serviceId: { in: ids }, status: "approved", decidedAt: { lte: asOf } },
      select: { serviceId: true, itemKey: true, status: true, expiresAt: true },
    }),
  ]);
  const templateOf = new Map(assigned.map((a) => [a.serviceId, a.templateId]));
  // A service without a checklist yet gets its type's latest default template on first view: judge it by that.
  const missingKeys = [
    ...new Set(
      services.filter((s) => !templateOf.has(s.id)).map((s) => DEFAULT_TEMPLATE_BY_TYPE[fromDbServiceType(s.type)]),
    ),
  ];
  const latestByKey = new Map<string, string>();
  for (const key of missingKeys) {
    const latest = await db.checklistTemplate.findFirst({
      where: { key },
      orderBy: { version: "desc" },
      select: { id: true },
    });
    if (latest) latestByKey.set(key, latest.id);
  }
  for (const s of services) {
    if (!templateOf.has(s.id)) {
      const id = latestByKey.get(DEFAULT_TEMPLATE_BY_TYPE[fromDbServiceType(s.type)]);
      if (id) templateOf.set(s.id, id);
    }
  }
  const templateIds = [...new Set(templateOf.values())];
  const items = await db.checklistItem.findMany({
    where: { templateId: { in: templateIds } },
    orderBy: { position: "asc" },
    select: { templateId: true, key: true, title: true, requiredForTiers: true, category: { select: { key: true } } },
  });
  const itemsByTemplate = groupBy(items, (i) => i.templateId);
  const statesByService = groupBy(states, (s) => s.serviceId);
  const waiversByService = groupBy(waivers, (w) => w.serviceId);
  const out = new Map<string, ServiceFacts["checklist"]>();
  for (const s of services) {
    const templateId = templateOf.get(s.id);
    if (!templateId) {
      out.set(s.id, null);
      continue;
    }
    const byKey = new Map((statesByService.get(s.id) ?? []).map((x) => [x.itemKey, x]));
    const windows: WaiverWindow[] = waiversByService.get(s.id) ?? [];
    out.set(
      s.id,
      (itemsByTemplate.get(templateId) ?? []).map((i) => ({
        key: i.key,
        title: i.title,
        categoryKey: i.category.key,
        requiredForTiers: i.requiredForTiers,
        status: effectiveItem(byKey.get(i.key), windows, i.key, asOf).status,
      })),
    );
  }
  return out;
}

async function loadSlos(db: Db, ids: string[], slugOf: Map<string, string>, asOf: Date) {
  const slos = await db.slo.findMany({
    where: { serviceId: { in: ids }, createdAt: { lte: asOf } },
    orderBy: { name: "asc" },
    select: { id: true, serviceId: true, name: true, objective: true, windowDays: true, calendarWindow: true },
  });
  const out = new Map<string, SloEvaluation[]>();
  // Every SLO's windows in one statement (./sli.ts: SLOs with the same windows share them).
  const sums = await windowSumsMany(
    slos.map((slo) => ({ sloId: slo.id, windows: sloWindows(windowOf(slo), asOf) })),
    db,
  );
  for (const slo of slos) {
    const evaluation = evaluateSlo(
      {
        id: slo.id,
        service: slugOf.get(slo.serviceId) ?? "",
        name: slo.name,
        objective: slo.objective,
        ...windowOf(slo),
      },
      sums.get(slo.id) as Record<BurnWindow | "window", Sums>,
    );
    const list = out.get(slo.serviceId);
    if (list) list.push(evaluation);
    else out.set(slo.serviceId, [evaluation]);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

async function lastTimes(db: Db, ids: string[], asOf: Date) {
  const [deploys, reviews] = await Promise.all([
    db.$queryRaw<Array<{ serviceId: string; at: Date }>>(Prisma.sql`
      select s.id as "serviceId", d.at
      from unnest(${ids}::uuid[]) as s(id)
      cross join lateral (
        select max("finishedAt") as at from "Deployment"
        where "serviceId" = s.id and status = 'success' and environment = 'production' and "finishedAt" <= ${asOf}
      ) d
      where d.at is not null`),
    db.review.groupBy({
      by: ["serviceId"],
      where: { serviceId: { in: ids }, status: "approved", decidedAt: { lte: asOf } },
      _max: { decidedAt: true },
    }),
  ]);
  return {
    deploy: new Map(deploys.map((d) => [d.serviceId, d.at])),
    review: new Map(reviews.map((r) => [r.serviceId, r._max.decidedAt as Date])),
  };
}

/** Facts for the given services (archived ones included when asked for by id), in input order. */
export async function loadServiceFacts(
  serviceIds: string[],
  asOf = new Date(),
  db: Db = reader(),
): Promise<LoadedService[]> {
  if (serviceIds.length === 0) return [];
  const services = await db.service.findMany({
    where: { id: { in: serviceIds } },
    select: {
      id: true,
      slug: true,
      name: true,
      tier: true,
      type: true,
      lifecycle: true,
      tags: true,
      teamId: true,
      onCall: true,
      runbookUrl: true,
      repoUrl: true,
      dashboardUrl: true,
      description: true,
      team: { select: { slug: true, name: true } },
    },
  });
  const ids = services.map((s) => s.id);
  const slugOf = new Map(services.map((s) => [s.id, s.slug]));
  const window = doraWindowOf(asOf);
  const [checklists, dora, slos, times, custom] = await Promise.all([
    loadChecklists(db, services, asOf),
    getDoraFiguresOfKeys({ serviceIds: ids, keys: ids }, window, db),
    loadSlos(db, ids, slugOf, asOf),
    lastTimes(db, ids, asOf),
    loadCustomFacts(db, ids, asOf),
  ]);
  const order = new Map(serviceIds.map((id, i) => [id, i]));
  return services
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((s) => {
      const figures = dora.get(s.id);
      const report = buildDoraReport({ service: s.slug }, window, "2023", figures ?? EMPTY_FIGURES);
      const evaluations = slos.get(s.id) ?? [];
      const facts: Omit<ServiceFacts, "document"> = {
        tier: s.tier,
        catalog: {
          team: s.team.slug,
          onCall: s.onCall,
          runbookUrl: s.runbookUrl,
          repoUrl: s.repoUrl,
          dashboardUrl: s.dashboardUrl,
          description: s.description,
        },
        checklist: checklists.get(s.id) ?? null,
        dora: figures
          ? {
              deploymentFrequency: report.deploymentFrequency.band,
              leadTime: report.leadTimeForChanges.band,
              changeFailureRate: report.changeFailureRate.band,
              recovery: report.failedDeploymentRecoveryTime.band,
              deployments: report.changeFailureRate.deployments,
              failedDeployments: report.changeFailureRate.failedDeployments,
            }
          : null,
        slos: evaluations.map((e) => ({ name: e.name, status: e.status })),
        lastProductionDeployAt: times.deploy.get(s.id) ?? null,
        lastApprovedReviewAt: times.review.get(s.id) ?? null,
        now: asOf,
      };
      return {
        id: s.id,
        slug: s.slug,
        name: s.name,
        tier: s.tier,
        teamId: s.teamId,
        teamSlug: s.team.slug,
        teamName: s.team.name,
        dora: report,
        slos: evaluations,
        facts: { ...facts, document: expressionInputs(s, facts, report, evaluations, custom.get(s.id) ?? {}) },
      };
    });
}

/** Share of SLOs meeting their objective over their window (remaining budget ≥ 0); null without SLO data. */
export function budgetCompliance(evaluations: SloEvaluation[]): number | null {
  const judged = evaluations.filter((e) => e.remaining !== null);
  if (judged.length === 0) return null;
  return Math.round((judged.filter((e) => (e.remaining ?? 0) >= 0).length / judged.length) * 1000) / 10;
}
