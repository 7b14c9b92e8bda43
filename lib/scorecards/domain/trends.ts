// Trend periods and chart rows from daily snapshots, pure.
import type { Level } from "@/lib/scorecards/domain/scorecard";

export type TrendPoint = {
  day: string;
  score: number;
  none: number;
  bronze: number;
  silver: number;
  gold: number;
  budgetCompliance: number | null;
  deployDaysPerWeek: number | null;
  leadTimeHours: number | null;
  cfrPercent: number | null;
  recoveryHours: number | null;
};

type SnapshotPoint = {
  day: string;
  score: number;
  levels?: Record<Level, number>;
  level?: Level;
  budgetCompliance: number | null;
  dora: {
    deployDaysPerWeek: number | null;
    leadTimeMinutes: number | null;
    changeFailureRate: number | null;
    recoveryMinutes: number | null;
  };
};

const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);

export function toTrendPoints(points: SnapshotPoint[]): TrendPoint[] {
  return points.map((p) => {
    const levels = p.levels ?? { none: 0, bronze: 0, silver: 0, gold: 0, ...(p.level ? { [p.level]: 1 } : {}) };
    return {
      day: p.day,
      score: p.score,
      none: levels.none,
      bronze: levels.bronze,
      silver: levels.silver,
      gold: levels.gold,
      budgetCompliance: p.budgetCompliance,
      deployDaysPerWeek: p.dora.deployDaysPerWeek,
      leadTimeHours: hours(p.dora.leadTimeMinutes),
      cfrPercent: p.dora.changeFailureRate === null ? null : Math.round(p.dora.changeFailureRate * 1000) / 10,
      recoveryHours: hours(p.dora.recoveryMinutes),
    };
  });
}

/** The score now minus the score at the start of the period (null with fewer than two snapshots). */
export function scoreChange(points: Array<{ score: number }>): number | null {
  if (points.length < 2) return null;
  return Math.round(((points.at(-1)?.score ?? 0) - points[0].score) * 10) / 10;
}

export function formatChange(change: number | null, since: string): string {
  if (change === null) return "not enough history yet";
  if (change === 0) return `no change ${since}`;
  return `${change > 0 ? "+" : "−"}${Math.abs(change)} ${since}`;
}
