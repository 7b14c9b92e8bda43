// Reporting periods for pages, kept in the URL: ?period=30d|90d|180d, or ?from=YYYY-MM-DD&to=YYYY-MM-DD
// (custom, `to` inclusive), and ?benchmark=2023|2021. Bad values fall back to the defaults.
import type { Benchmark, Window } from "@/lib/delivery/domain";
import { DAY_MS, isoDate, utcDay } from "@/lib/core/calendar";

export const PERIODS = ["30d", "90d", "180d"] as const;
export type PeriodKey = (typeof PERIODS)[number] | "custom";

export type PagePeriod = { key: PeriodKey; window: Window; benchmark: Benchmark; label: string; params: Record<string, string> };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parsePagePeriod(sp: Record<string, string | string[] | undefined>, now = new Date(), fallback: (typeof PERIODS)[number] = "90d"): PagePeriod {
  const get = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const benchmark: Benchmark = get("benchmark") === "2021" ? "2021" : "2023";
  const from = get("from");
  const to = get("to");
  if (from && to && DATE.test(from) && DATE.test(to)) {
    const w = { from: new Date(`${from}T00:00:00Z`), to: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) };
    if (!Number.isNaN(w.from.getTime()) && !Number.isNaN(w.to.getTime()) && w.from < w.to && w.to.getTime() - w.from.getTime() <= 731 * DAY_MS) {
      return { key: "custom", window: w, benchmark, label: `${from} – ${to}`, params: { from, to, benchmark } };
    }
  }
  const requested = get("period");
  const key = (PERIODS as readonly string[]).includes(requested ?? "") ? (requested as (typeof PERIODS)[number]) : fallback;
  const days = Number(key.replace("d", ""));
  // Whole UTC days: the window ends at the start of tomorrow, so today counts.
  const end = new Date(utcDay(now).getTime() + DAY_MS);
  return { key, window: { from: new Date(end.getTime() - days * DAY_MS), to: end }, benchmark, label: `Last ${days} days`, params: { period: key, benchmark } };
}

export function windowDates(w: Window): { from: string; to: string } {
  return { from: isoDate(w.from), to: isoDate(new Date(w.to.getTime() - DAY_MS)) };
}
