import type { DoraFigures } from "@/lib/delivery/domain/dora-report";

// The DORA object from the columns both SQL paths return (the daily rollups, ./dora-sql.ts, and the
// event tables, ./dora-sql-base.ts): one row per scope key, merged from each path's statements.

/** Services and the scope key each counts for (its own id, its team, or one key for a whole set). */
export type ScopeMembers = { serviceIds: string[]; keys: string[] };

type Num = number | string | bigint | null;
export type SqlRow = Record<string, Num> & { key: string };

const num = (v: Num | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const count = (v: Num | undefined): number => Number(v ?? 0);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function figuresOf(r: Partial<SqlRow>): DoraFigures {
  const deployments = count(r.deployments);
  const leadTime: DoraFigures["leadTime"] = {
    medianMinutes: num(r.median),
    samples: count(r.samples),
    undatedCommits: count(r.undated),
  };
  if (count(r.prs) > 0)
    Object.assign(leadTime, {
      codingMinutes: num(r.coding),
      reviewMinutes: num(r.review),
      deployMinutes: num(r.deploy),
    });
  return {
    frequency: {
      deployments,
      deployDays: count(r.deploy_days),
      medianDeployDaysPerWeek: deployments === 0 ? null : num(r.med_week),
      medianDeployDaysPerMonth: deployments === 0 ? null : num(r.med_month),
    },
    leadTime,
    cfr: {
      failedDeployments: count(r.failed),
      deployments,
      ratio: deployments === 0 ? null : round4(count(r.failed) / deployments),
    },
    rework: { ratio: deployments === 0 ? null : round4(count(r.rework) / deployments) },
    recovery: { medianMinutes: num(r.rec_median), samples: count(r.rec_samples), openIncidents: count(r.open) },
    restore: { medianMinutes: num(r.ttr_median), samples: count(r.ttr_samples), unknownStart: count(r.ttr_unknown) },
    linkedBy: { explicit: count(r.explicit), time: count(r.by_time) },
    incidentsInWindow: count(r.started),
  };
}

export const EMPTY_FIGURES: DoraFigures = figuresOf({});
