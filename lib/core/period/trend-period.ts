// Trend periods for the scorecard charts, kept in the URL: ?period=30d|90d|180d|365d (default 90d).
import { pickPreset, rollingDays, type SearchParams } from "./params";

export const TREND_PERIODS = ["30d", "90d", "180d", "365d"] as const;
export type TrendPeriodKey = (typeof TREND_PERIODS)[number];

const SINCE: Record<TrendPeriodKey, string> = {
  "30d": "since last month",
  "90d": "since last quarter",
  "180d": "since six months ago",
  "365d": "since last year",
};

export type TrendPeriod = { key: TrendPeriodKey; days: number; from: Date; to: Date; since: string };

/** Anything but a known period falls back to the default. The window ends at today's snapshot. */
export function parseTrendPeriod(sp: SearchParams, now = new Date()): TrendPeriod {
  const key = pickPreset(sp, TREND_PERIODS, "90d");
  const days = Number(key.replace("d", ""));
  const { from, to } = rollingDays(days, now, false);
  return { key, days, from, to, since: SINCE[key] };
}
