import "server-only";
// The document expression rules read, per service: its custom facts as of an instant (from their
// history) and the catalog, checklist, DORA, SLO and review figures loadServiceFacts (./facts.ts)
// already has, shaped as lib/scorecards/domain/expression.ts declares it.
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { DoraReport } from "@/lib/delivery/domain";
import type { SloEvaluation } from "@/lib/slo/domain";
import type { ServiceFacts } from "@/lib/scorecards/domain/scorecard";
import type { ExpressionInputs } from "@/lib/scorecards/domain/expression";
import { tagsOf } from "@/lib/catalog/domain";
import { DAY_MS } from "@/lib/core/calendar";
import { fromDbServiceType } from "@/lib/catalog/schemas";

/**
 * Custom facts and tags as of `asOf`: each fact's latest revision recorded by then (a deleted one
 * hides it), so a snapshot of a past day reads that day's values.
 */
export async function loadCustomFacts(db: PrismaClient, ids: string[], asOf: Date) {
  const rows = await db.$queryRaw<Array<{ serviceId: string; key: string; value: Prisma.JsonValue; deleted: boolean }>>(
    Prisma.sql`
      select distinct on ("serviceId", key) "serviceId", key, value, deleted
      from "ServiceFactRevision"
      where "serviceId" = any(${ids}::uuid[]) and "recordedAt" <= ${asOf}
      order by "serviceId", key, id desc`,
  );
  const out = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    if (r.deleted) continue;
    const facts = out.get(r.serviceId) ?? {};
    facts[r.key] = r.value;
    out.set(r.serviceId, facts);
  }
  return out;
}

const RESOLVED = new Set(["done", "waived", "not_applicable"]);

/** The document expression rules read (lib/scorecards/domain/expression.ts). */
export function expressionInputs(
  s: { slug: string; name: string; tier: number; lifecycle: string; type: Parameters<typeof fromDbServiceType>[0] } & {
    tags: Prisma.JsonValue;
  },
  facts: Omit<ServiceFacts, "document">,
  report: DoraReport,
  slos: SloEvaluation[],
  custom: Record<string, unknown>,
): ExpressionInputs {
  const items = facts.checklist;
  const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);
  return {
    catalog: {
      slug: s.slug,
      name: s.name,
      team: facts.catalog.team ?? "",
      tier: s.tier,
      lifecycle: s.lifecycle,
      type: fromDbServiceType(s.type),
      onCall: facts.catalog.onCall,
      runbookUrl: facts.catalog.runbookUrl,
      repoUrl: facts.catalog.repoUrl,
      dashboardUrl: facts.catalog.dashboardUrl,
      description: facts.catalog.description,
    },
    tags: tagsOf(s.tags),
    checklist: items
      ? {
          percent:
            items.length === 0
              ? 100
              : Math.round((items.filter((i) => RESOLVED.has(i.status)).length / items.length) * 1000) / 10,
          requiredMissing: items
            .filter((i) => i.requiredForTiers.includes(s.tier) && i.status !== "done" && i.status !== "waived")
            .map((i) => i.key),
          items: Object.fromEntries(items.map((i) => [i.key, i.status])),
        }
      : null,
    dora: {
      deploymentFrequency: {
        band: report.deploymentFrequency.band,
        deployDaysPerWeek: report.deploymentFrequency.medianDeployDaysPerWeek,
        deployments: report.deploymentFrequency.deployments,
      },
      leadTime: { band: report.leadTimeForChanges.band, hours: hours(report.leadTimeForChanges.medianMinutes) },
      changeFailureRate: {
        band: report.changeFailureRate.band,
        percent:
          report.changeFailureRate.ratio === null ? null : Math.round(report.changeFailureRate.ratio * 10000) / 100,
      },
      recovery: {
        band: report.failedDeploymentRecoveryTime.band,
        hours: hours(report.failedDeploymentRecoveryTime.medianMinutes),
      },
    },
    slos: slos.map((e) => ({ name: e.name, status: e.status, objective: e.objective, remainingBudget: e.remaining })),
    review: {
      daysSinceApproval: facts.lastApprovedReviewAt
        ? Math.floor((facts.now.getTime() - facts.lastApprovedReviewAt.getTime()) / DAY_MS)
        : null,
    },
    facts: custom,
  };
}
