// Reporting periods for the delivery pages, kept in the URL: ?period=30d|90d|180d, or
// ?from=YYYY-MM-DD&to=YYYY-MM-DD (custom, `to` inclusive), and ?benchmark=2023|2021. Bad values
// fall back to the defaults.
import type { Benchmark } from "@/lib/delivery/domain";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import { parseDateRange, pickPreset, readParam, rollingDays, type SearchParams, type Window } from "./params";

export const PERIODS = ["30d", "90d", "180d"] as const;
export type PeriodKey = (typeof PERIODS)[number] | "custom";

export type PagePeriod = {
  key: PeriodKey;
  window: Window;
  benchmark: Benchmark;
  label: string;
  params: Record<string, string>;
};

export function parsePagePeriod(
  sp: SearchParams,
  now = new Date(),
  fallback: (typeof PERIODS)[number] = "90d",
): PagePeriod {
  const benchmark: Benchmark = readParam(sp, "benchmark") === "2021" ? "2021" : "2023";
  const from = readParam(sp, "from");
  const to = readParam(sp, "to");
  const custom = parseDateRange(from, to);
  if (custom && from && to)
    return { key: "custom", window: custom, benchmark, label: `${from} – ${to}`, params: { from, to, benchmark } };
  const key = pickPreset(sp, PERIODS, fallback);
  const days = Number(key.replace("d", ""));
  return {
    key,
    window: rollingDays(days, now),
    benchmark,
    label: `Last ${days} days`,
    params: { period: key, benchmark },
  };
}

export function windowDates(w: Window): { from: string; to: string } {
  return { from: isoDate(w.from), to: isoDate(new Date(w.to.getTime() - DAY_MS)) };
}
