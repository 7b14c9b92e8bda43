// Leadership periods, kept in the URL: ?period=quarter|half|year (the current one, to date),
// ?period=2026-Q3 | 2026-H1 | 2026 (a named calendar period), or ?period=custom&from=&to= (`to`
// inclusive). Each comes with the previous period of the same length, for comparison. Pure.
import { DAY_MS, isoDate, utcDay } from "@/lib/core/calendar";
import { parseDateRange, readParam, type SearchParams, type Window } from "./params";

export type LeadershipPeriod = {
  /** What the URL carried, normalised: "quarter", "2026-Q3", "custom"… */
  key: string;
  label: string;
  window: Window;
  previous: Window;
  previousLabel: string;
  /** UTC month starts covering the previous and current windows, oldest first. */
  months: string[];
  params: Record<string, string>;
};

const utc = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

function calendar(kind: "Q" | "H" | "Y", year: number, index: number): { from: Date; to: Date; label: string } {
  if (kind === "Q") return { from: utc(year, (index - 1) * 3), to: utc(year, index * 3), label: `${year}-Q${index}` };
  if (kind === "H") return { from: utc(year, (index - 1) * 6), to: utc(year, index * 6), label: `${year}-H${index}` };
  return { from: utc(year, 0), to: utc(year + 1, 0), label: String(year) };
}

function previousOf(kind: "Q" | "H" | "Y", year: number, index: number) {
  if (kind === "Y") return calendar("Y", year - 1, 1);
  const per = kind === "Q" ? 4 : 2;
  return index === 1 ? calendar(kind, year - 1, per) : calendar(kind, year, index - 1);
}

function monthsBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let m = utc(from.getUTCFullYear(), from.getUTCMonth()); m < to; m = utc(m.getUTCFullYear(), m.getUTCMonth() + 1))
    out.push(isoDate(m).slice(0, 7));
  return out;
}

function build(
  key: string,
  label: string,
  window: Window,
  previous: Window,
  previousLabel: string,
  params: Record<string, string>,
): LeadershipPeriod {
  return { key, label, window, previous, previousLabel, months: monthsBetween(previous.from, window.to), params };
}

export function parseLeadershipPeriod(sp: SearchParams, now = new Date()): LeadershipPeriod {
  const get = (k: string) => readParam(sp, k);
  const requested = get("period") ?? "quarter";
  const tomorrow = new Date(utcDay(now).getTime() + DAY_MS);

  if (requested === "custom") {
    const from = get("from");
    const to = get("to");
    const w = parseDateRange(from, to);
    if (w && from && to) {
      const len = w.to.getTime() - w.from.getTime();
      const previous = { from: new Date(w.from.getTime() - len), to: w.from };
      return build(
        "custom",
        `${from} – ${to}`,
        w,
        previous,
        `${isoDate(previous.from)} – ${isoDate(new Date(previous.to.getTime() - DAY_MS))}`,
        { period: "custom", from, to },
      );
    }
  }

  const named = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(requested);
  if (named) {
    const year = Number(named[1]);
    const kind = named[2] ? (named[2][0] as "Q" | "H") : "Y";
    const index = named[2] ? Number(named[2].slice(1)) : 1;
    const p = calendar(kind, year, index);
    if (p.from < tomorrow && year >= 2000) {
      const prev = previousOf(kind, year, index);
      // A period still running ends today, and is compared with the same number of days before it.
      const end = p.to < tomorrow ? p.to : tomorrow;
      const previous =
        p.to < tomorrow
          ? { from: prev.from, to: prev.to }
          : { from: prev.from, to: new Date(prev.from.getTime() + (end.getTime() - p.from.getTime())) };
      return build(
        p.label,
        p.to < tomorrow ? p.label : `${p.label} to date`,
        { from: p.from, to: end },
        previous,
        p.to < tomorrow ? prev.label : `${prev.label}, same days`,
        { period: p.label },
      );
    }
  }

  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const kind = requested === "year" ? "Y" : requested === "half" ? "H" : "Q";
  const index = kind === "Q" ? Math.floor(m / 3) + 1 : kind === "H" ? Math.floor(m / 6) + 1 : 1;
  const p = calendar(kind, y, index);
  const prev = previousOf(kind, y, index);
  const previous = { from: prev.from, to: new Date(prev.from.getTime() + (tomorrow.getTime() - p.from.getTime())) };
  const word = kind === "Q" ? "quarter" : kind === "H" ? "half" : "year";
  return build(
    word,
    `This ${word} (${p.label}) to date`,
    { from: p.from, to: tomorrow },
    previous,
    `${prev.label}, same days`,
    { period: word },
  );
}

/** Recent named periods for the selector: the last four complete quarters and two halves. */
export function recentPeriods(now = new Date()): string[] {
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3) + 1;
  const quarters: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const idx = q - i;
    quarters.push(idx >= 1 ? `${y}-Q${idx}` : `${y - 1}-Q${idx + 4}`);
  }
  const h = Math.floor(now.getUTCMonth() / 6) + 1;
  const halves = h === 2 ? [`${y}-H1`, `${y - 1}-H2`] : [`${y - 1}-H2`, `${y - 1}-H1`];
  return [...quarters, ...halves, String(y - 1)];
}

/** The window of one UTC month ("2026-09"), clipped to `end`. */
export function monthWindow(month: string, end: Date): Window {
  const [y, m] = month.split("-").map(Number);
  const to = utc(y, m);
  return { from: utc(y, m - 1), to: to < end ? to : end };
}
