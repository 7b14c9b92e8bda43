// DORA metrics, DevLake-compatible (CONTRACT §4). Pure: these functions define the semantics; the SQL
// in lib/delivery/server/dora.ts computes the same numbers in Postgres, and a test holds the two together.
import { DAY_MS, MINUTE_MS, isoDate, utcDay, utcMonday, utcMonthStart } from "@/lib/core/calendar";

export type Benchmark = "2023" | "2021";
export type Band = "elite" | "high" | "medium" | "low";

export type DeploymentFact = {
  id: string;
  serviceId: string;
  environment: string;
  status: string;
  finishedAt: Date;
  rework: boolean;
  /** The deployment this one fixes, reverts or rolls back (its id): that one counts as failed. */
  fixesId?: string | null;
  commits: Array<{ sha: string; authoredAt: Date | null }>;
  pullRequests: Array<{ number: number; firstCommitAt: Date | null; openedAt: Date | null; mergedAt: Date | null }>;
};

export type IncidentFact = {
  id: string;
  serviceId: string;
  /** Null when the source did not know it: in no time to restore, linked only by a named cause. */
  startedAt: Date | null;
  resolvedAt: Date | null;
  causedByDeploymentId: string | null;
};

export type Window = { from: Date; to: Date };

// ─── Building blocks ─────────────────────────────────────────────────────────

/** A deployment counts when it succeeded in production (case-insensitive). */
export function isCountedDeployment(d: Pick<DeploymentFact, "status" | "environment">): boolean {
  return d.status.toLowerCase() === "success" && d.environment.toLowerCase() === "production";
}

/** Whether a time is in [from, to); an unknown time (null) is in no window. */
export const inWindow = (t: Date | null, w: Window) =>
  t !== null && t.getTime() >= w.from.getTime() && t.getTime() < w.to.getTime();

/** DevLake's lower median: the sorted values' element at index ceil(n/2) − 1. Null when empty. */
export function lowerMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

export const ceilMinutes = (ms: number) => Math.ceil(ms / MINUTE_MS);
export const truncMinutes = (ms: number) => Math.trunc(ms / MINUTE_MS);

/** A span in whole minutes rounded up; a negative span (or a missing end) counts 0, as in DevLake. */
function part(start: Date | null, end: Date | null): number {
  if (!start || !end) return 0;
  return Math.max(0, ceilMinutes(end.getTime() - start.getTime()));
}

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

// ─── Deployment frequency ────────────────────────────────────────────────────

/** Calendar periods (weeks from Monday, or months) overlapping the window, as start dates. */
export function periodsOverlapping(w: Window, unit: "week" | "month"): Date[] {
  const last = new Date(w.to.getTime() - 1);
  const out: Date[] = [];
  let cursor = unit === "week" ? utcMonday(w.from) : utcMonthStart(w.from);
  while (cursor.getTime() <= last.getTime()) {
    out.push(cursor);
    cursor =
      unit === "week"
        ? new Date(cursor.getTime() + 7 * DAY_MS)
        : new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
  }
  return out;
}

export type DeploymentFrequency = {
  deployments: number;
  deployDays: number;
  medianDeployDaysPerWeek: number | null;
  medianDeployDaysPerMonth: number | null;
};

export function deploymentFrequency(deployments: DeploymentFact[], w: Window): DeploymentFrequency {
  const counted = deployments.filter((d) => isCountedDeployment(d) && inWindow(d.finishedAt, w));
  const days = [...new Set(counted.map((d) => isoDate(utcDay(d.finishedAt))))];
  if (counted.length === 0)
    return { deployments: 0, deployDays: 0, medianDeployDaysPerWeek: null, medianDeployDaysPerMonth: null };
  const per = (unit: "week" | "month") => {
    const buckets = new Map(periodsOverlapping(w, unit).map((p) => [isoDate(p), 0]));
    for (const day of days) {
      const date = new Date(`${day}T00:00:00Z`);
      const key = isoDate(unit === "week" ? utcMonday(date) : utcMonthStart(date));
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    return lowerMedian([...buckets.values()]);
  };
  return {
    deployments: counted.length,
    deployDays: days.length,
    medianDeployDaysPerWeek: per("week"),
    medianDeployDaysPerMonth: per("month"),
  };
}

// ─── Lead time for changes ───────────────────────────────────────────────────

export type PrParts = { codingMinutes: number; reviewMinutes: number; deployMinutes: number; totalMinutes: number };

export function pullRequestLeadTime(pr: DeploymentFact["pullRequests"][number], finishedAt: Date): PrParts {
  const codingMinutes = part(pr.firstCommitAt, pr.openedAt);
  const reviewMinutes = part(pr.openedAt, pr.mergedAt);
  const deployMinutes = part(pr.mergedAt, finishedAt);
  return { codingMinutes, reviewMinutes, deployMinutes, totalMinutes: codingMinutes + reviewMinutes + deployMinutes };
}

export type LeadTime = {
  medianMinutes: number | null;
  samples: number;
  codingMinutes?: number | null;
  reviewMinutes?: number | null;
  deployMinutes?: number | null;
  /** Commits skipped because they carry no authored date (a data-quality warning). */
  undatedCommits: number;
};

/**
 * One sample per change shipped by a deployment finishing in the window: each pull request, or, for
 * deployments reported without pull requests, each commit that no earlier successful production
 * deployment of the same service shipped (values ≤ 0 dropped).
 */
export function leadTimeForChanges(deployments: DeploymentFact[], w: Window): LeadTime {
  const counted = deployments
    .filter(isCountedDeployment)
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  const firstShipped = new Map<string, Map<string, number>>(); // serviceId → sha → earliest finish time
  const samples: number[] = [];
  const prParts: PrParts[] = [];
  let undatedCommits = 0;
  for (const d of counted) {
    const shipped = firstShipped.get(d.serviceId) ?? new Map<string, number>();
    firstShipped.set(d.serviceId, shipped);
    if (inWindow(d.finishedAt, w)) {
      if (d.pullRequests.length > 0) {
        for (const pr of d.pullRequests) {
          const parts = pullRequestLeadTime(pr, d.finishedAt);
          prParts.push(parts);
          samples.push(parts.totalMinutes);
        }
      } else {
        // Strictly earlier: a deployment finishing at the same instant does not hide these commits.
        const fresh = d.commits.filter((c) => (shipped.get(c.sha) ?? Infinity) >= d.finishedAt.getTime());
        for (const c of fresh) {
          if (!c.authoredAt) {
            undatedCommits++;
            continue;
          }
          const minutes = ceilMinutes(d.finishedAt.getTime() - c.authoredAt.getTime());
          if (minutes > 0) samples.push(minutes);
        }
      }
    }
    for (const c of d.commits) if (!shipped.has(c.sha)) shipped.set(c.sha, d.finishedAt.getTime());
  }
  const result: LeadTime = { medianMinutes: lowerMedian(samples), samples: samples.length, undatedCommits };
  if (prParts.length > 0) {
    result.codingMinutes = lowerMedian(prParts.map((p) => p.codingMinutes));
    result.reviewMinutes = lowerMedian(prParts.map((p) => p.reviewMinutes));
    result.deployMinutes = lowerMedian(prParts.map((p) => p.deployMinutes));
  }
  return result;
}

// ─── Incidents → deployments ─────────────────────────────────────────────────

export type IncidentLink = { deploymentId: string; rule: "explicit" | "time" };

/**
 * An explicit causedByDeployment wins; otherwise the latest successful production deployment of the
 * same service that finished strictly before the incident started.
 */
export function linkIncidents(
  incidents: IncidentFact[],
  deployments: DeploymentFact[],
): Map<string, IncidentLink | null> {
  const byService = new Map<string, DeploymentFact[]>();
  for (const d of deployments.filter(isCountedDeployment)) {
    const list = byService.get(d.serviceId) ?? [];
    list.push(d);
    byService.set(d.serviceId, list);
  }
  // Ties on the finish instant resolve to the greatest id, as the SQL path does.
  for (const list of byService.values())
    list.sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const known = new Set(deployments.map((d) => d.id));
  const links = new Map<string, IncidentLink | null>();
  for (const i of incidents) {
    if (i.causedByDeploymentId && known.has(i.causedByDeploymentId)) {
      links.set(i.id, { deploymentId: i.causedByDeploymentId, rule: "explicit" });
      continue;
    }
    const list = i.startedAt === null ? [] : (byService.get(i.serviceId) ?? []);
    let found: DeploymentFact | null = null;
    for (const d of list) {
      if (d.finishedAt.getTime() < (i.startedAt as Date).getTime()) found = d;
      else break;
    }
    links.set(i.id, found ? { deploymentId: found.id, rule: "time" } : null);
  }
  return links;
}

// ─── Failure and recovery ────────────────────────────────────────────────────

/**
 * A deployment failed when an incident is linked to it, or when a counted deployment (at any time)
 * names it as the one it fixes, reverts or rolls back.
 */
export function changeFailureRate(deployments: DeploymentFact[], links: Map<string, IncidentLink | null>, w: Window) {
  const counted = deployments.filter((d) => isCountedDeployment(d) && inWindow(d.finishedAt, w));
  const failedIds = new Set([
    ...[...links.values()].filter((l): l is IncidentLink => l !== null).map((l) => l.deploymentId),
    ...deployments.flatMap((d) => (d.fixesId && isCountedDeployment(d) ? [d.fixesId] : [])),
  ]);
  const failed = counted.filter((d) => failedIds.has(d.id)).length;
  return {
    failedDeployments: failed,
    deployments: counted.length,
    ratio: counted.length === 0 ? null : round4(failed / counted.length),
  };
}

export function failedDeploymentRecoveryTime(
  incidents: IncidentFact[],
  links: Map<string, IncidentLink | null>,
  deployments: DeploymentFact[],
  w: Window,
) {
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const values: number[] = [];
  for (const i of incidents) {
    if (!i.resolvedAt || !inWindow(i.resolvedAt, w)) continue;
    const link = links.get(i.id);
    const deployment = link ? byId.get(link.deploymentId) : undefined;
    if (deployment) values.push(truncMinutes(i.resolvedAt.getTime() - deployment.finishedAt.getTime()));
  }
  return { medianMinutes: lowerMedian(values), samples: values.length, openIncidents: openIncidents(incidents, w) };
}

/** Incidents that started in the window and were not resolved by its end. */
export function openIncidents(incidents: IncidentFact[], w: Window): number {
  return incidents.filter(
    (i) => inWindow(i.startedAt, w) && (!i.resolvedAt || i.resolvedAt.getTime() >= w.to.getTime()),
  ).length;
}

/** Over incidents resolved in the window; those with an unknown start are counted apart, never as 0. */
export function timeToRestore(incidents: IncidentFact[], w: Window) {
  const resolved = incidents.filter((i) => i.resolvedAt && inWindow(i.resolvedAt, w));
  const values = resolved.flatMap((i) =>
    i.startedAt === null ? [] : [truncMinutes((i.resolvedAt as Date).getTime() - i.startedAt.getTime())],
  );
  return { medianMinutes: lowerMedian(values), samples: values.length, unknownStart: resolved.length - values.length };
}

export function reworkRate(deployments: DeploymentFact[], w: Window) {
  const counted = deployments.filter((d) => isCountedDeployment(d) && inWindow(d.finishedAt, w));
  return { ratio: counted.length === 0 ? null : round4(counted.filter((d) => d.rework).length / counted.length) };
}

// ─── Bands ───────────────────────────────────────────────────────────────────

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export function deploymentFrequencyBand(
  f: Pick<DeploymentFrequency, "medianDeployDaysPerWeek" | "medianDeployDaysPerMonth" | "deployDays">,
  benchmark: Benchmark,
  windowDays: number,
): Band | null {
  if (f.medianDeployDaysPerWeek === null || f.medianDeployDaysPerMonth === null) return null;
  if (f.medianDeployDaysPerWeek >= 5) return "elite";
  if (benchmark === "2023") {
    if (f.medianDeployDaysPerWeek >= 1) return "high";
    return f.medianDeployDaysPerMonth >= 1 ? "medium" : "low";
  }
  if (f.medianDeployDaysPerMonth >= 1) return "high";
  // "at least one deploy day per six months", averaged over the window
  return f.deployDays * (182.5 / windowDays) >= 1 ? "medium" : "low";
}

export function leadTimeBand(minutes: number | null, benchmark: Benchmark): Band | null {
  if (minutes === null) return null;
  if (benchmark === "2023")
    return minutes < DAY ? "elite" : minutes < WEEK ? "high" : minutes < 30 * DAY ? "medium" : "low";
  return minutes < HOUR ? "elite" : minutes < WEEK ? "high" : minutes < 180 * DAY ? "medium" : "low";
}

export function changeFailureRateBand(ratio: number | null, benchmark: Benchmark): Band | null {
  if (ratio === null) return null;
  const [elite, high, medium] = benchmark === "2023" ? [0.05, 0.1, 0.15] : [0.15, 0.2, 0.3];
  return ratio <= elite ? "elite" : ratio <= high ? "high" : ratio <= medium ? "medium" : "low";
}

export function recoveryBand(minutes: number | null): Band | null {
  if (minutes === null) return null;
  return minutes < HOUR ? "elite" : minutes < DAY ? "high" : minutes < WEEK ? "medium" : "low";
}

/**
 * Each successful deployment's predecessor: the previous successful deployment of the same service
 * and environment, by finish time. Failed deployments and ones without an environment have none.
 * (DevLake builds the same chain per CI scope, repository and environment.)
 */
export function previousSuccessfulDeployments(
  rows: Array<{ id: string; serviceId: string; environment: string | null; status: string; finishedAt: Date }>,
): Map<string, string | null> {
  const result = new Map<string, string | null>(rows.map((r) => [r.id, null]));
  const series = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.status.toLowerCase() !== "success" || !r.environment) continue;
    const key = `${r.serviceId}\u0000${r.environment.toLowerCase()}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  for (const list of series.values()) {
    list.sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
    list.forEach((r, i) => result.set(r.id, i === 0 ? null : list[i - 1].id));
  }
  return result;
}
