// The building blocks every period parser shares: reading a query parameter, a custom date range
// (?from=YYYY-MM-DD&to=YYYY-MM-DD, `to` inclusive) and a rolling window of whole UTC days. Pure.
import { DAY_MS, utcDay } from "@/lib/core/calendar";

export type SearchParams = Record<string, string | string[] | undefined>;
export type Window = { from: Date; to: Date };

/** The longest window any page or API answer covers (two years and a day). */
export const MAX_WINDOW_DAYS = 731;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readParam(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  return typeof v === "string" ? v : undefined;
}

/** The window of a custom range, or null when either date is missing, malformed, reversed or too long. */
export function parseDateRange(from: string | undefined, to: string | undefined): Window | null {
  if (!from || !to || !DATE.test(from) || !DATE.test(to)) return null;
  const w = { from: new Date(`${from}T00:00:00Z`), to: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) };
  const length = w.to.getTime() - w.from.getTime();
  if (Number.isNaN(length) || length <= 0 || length > MAX_WINDOW_DAYS * DAY_MS) return null;
  return w;
}

/** The last `days` whole UTC days; the window ends at the start of tomorrow, so today counts. */
export function rollingDays(days: number, now: Date, endToday = true): Window {
  const end = endToday ? new Date(utcDay(now).getTime() + DAY_MS) : utcDay(now);
  return { from: new Date(end.getTime() - days * DAY_MS), to: end };
}

/** `?period=` when it is one of the choices, else the fallback. */
export function pickPreset<K extends string>(sp: SearchParams, choices: readonly K[], fallback: K): K {
  const raw = readParam(sp, "period") ?? "";
  return (choices as readonly string[]).includes(raw) ? (raw as K) : fallback;
}
