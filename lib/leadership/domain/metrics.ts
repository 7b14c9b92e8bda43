// The organisation metrics leadership drills into: how each is read from a team row and shown.
import { formatMinutes, formatPercent } from "@/lib/core/format";

export type TeamMetricRow = {
  slug: string;
  name: string;
  services: number;
  scoreStart: number | null;
  scoreEnd: number | null;
  scoreChange: number | null;
  coverage: number | null;
  deployments: number;
  deployDaysPerWeek: number | null;
  leadTimeMinutes: number | null;
  changeFailureRate: number | null;
  recoveryMinutes: number | null;
  incidents: number;
  downtimeMinutes: number;
  budgetCompliance: number | null;
};

export const LEADERSHIP_METRICS = {
  coverage: {
    label: "Readiness coverage (tier 1–2 at silver+)",
    short: "Coverage",
    field: "coverage",
    format: (v: number | null) => formatPercent(v, 0),
    better: "up",
  },
  deployments: {
    label: "Deployments",
    short: "Deploys",
    field: "deployments",
    format: (v: number | null) => (v === null ? "—" : v.toLocaleString("en-US")),
    better: "up",
  },
  deployDays: {
    label: "Deploy days per week (median)",
    short: "Deploy days/wk",
    field: "deployDaysPerWeek",
    format: (v: number | null) => (v === null ? "—" : String(v)),
    better: "up",
  },
  leadTime: {
    label: "Lead time for changes (median)",
    short: "Lead time",
    field: "leadTimeMinutes",
    format: formatMinutes,
    better: "down",
  },
  cfr: {
    label: "Change failure rate",
    short: "CFR",
    field: "changeFailureRate",
    format: (v: number | null) => formatPercent(v),
    better: "down",
  },
  recovery: {
    label: "Failed deployment recovery time (median)",
    short: "Recovery",
    field: "recoveryMinutes",
    format: formatMinutes,
    better: "down",
  },
  incidents: {
    label: "Incidents",
    short: "Incidents",
    field: "incidents",
    format: (v: number | null) => (v === null ? "—" : String(v)),
    better: "down",
  },
  downtime: { label: "Downtime", short: "Downtime", field: "downtimeMinutes", format: formatMinutes, better: "down" },
  budget: {
    label: "SLOs within budget",
    short: "SLOs in budget",
    field: "budgetCompliance",
    format: (v: number | null) => formatPercent(v, 0),
    better: "up",
  },
  score: {
    label: "Scorecard score change",
    short: "Score Δ",
    field: "scoreChange",
    format: (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v}`),
    better: "up",
  },
} as const satisfies Record<
  string,
  {
    label: string;
    short: string;
    field: keyof TeamMetricRow;
    format: (v: number | null) => string;
    better: "up" | "down";
  }
>;

export type LeadershipMetric = keyof typeof LEADERSHIP_METRICS;

export function isLeadershipMetric(v: unknown): v is LeadershipMetric {
  return typeof v === "string" && Object.hasOwn(LEADERSHIP_METRICS, v);
}

export function metricValue(row: TeamMetricRow, metric: LeadershipMetric): number | null {
  const v = row[LEADERSHIP_METRICS[metric].field];
  return typeof v === "number" ? v : null;
}

/** Teams ordered worst first for the metric (so a drill-down opens on who needs help); no data last. */
export function rankTeams<T extends TeamMetricRow>(rows: T[], metric: LeadershipMetric): T[] {
  const dir = LEADERSHIP_METRICS[metric].better === "up" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = metricValue(a, metric);
    const y = metricValue(b, metric);
    if (x === null || y === null) return x === null ? (y === null ? a.name.localeCompare(b.name) : 1) : -1;
    return dir * (x - y) || a.name.localeCompare(b.name);
  });
}

export type HeadlineUnit = "pct" | "count" | "minutes" | "perWeek";

export function formatHeadline(v: number | null, unit: HeadlineUnit): string {
  if (v === null) return "—";
  if (unit === "pct") return formatPercent(v);
  if (unit === "minutes") return formatMinutes(v);
  return v.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/** "+12.5%" style change from the previous period, and whether it is good news. */
export function headlineChange(
  current: number | null,
  previous: number | null,
  unit: HeadlineUnit,
  better: "up" | "down",
): { text: string; good: boolean | null } {
  if (current === null || previous === null) return { text: "no comparison", good: null };
  const diff = current - previous;
  if (diff === 0) return { text: "no change", good: null };
  const good = better === "up" ? diff > 0 : diff < 0;
  const sign = diff > 0 ? "+" : "−";
  if (unit === "pct") return { text: `${sign}${Math.abs(diff * 100).toFixed(1)} pts`, good };
  if (previous === 0) return { text: `${sign}${formatHeadline(Math.abs(diff), unit)}`, good };
  return { text: `${sign}${Math.abs((diff / previous) * 100).toFixed(0)}%`, good };
}
