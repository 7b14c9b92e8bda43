// SLOs and error budgets (CONTRACT §5), Sloth-compatible. Pure: these define the semantics; the SQL in
// lib/slo/server/slos.ts sums the same samples through hourly and daily rollups.
//
// A sample belongs to a range (t − L, t] when its data ends in it (start + duration), so at 11:00 the
// 5-minute window holds the sample 10:55–11:00. Objective 100% leaves no budget: remaining is 1 with
// no errors and 0 after the first failed request; burn rates are then null (unbounded) and every alert fires.

export type Sample = { start: Date; durationSeconds: number; good: number; total: number };
export type Sums = { good: number; total: number; samples: number };
export type SloStatus = "healthy" | "burning" | "exhausted" | "no_data";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const BURN_WINDOWS = {
  "5m": 5 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": HOUR,
  "2h": 2 * HOUR,
  "6h": 6 * HOUR,
  "1d": DAY,
  "3d": 3 * DAY,
} as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;

export type AlertWindow = {
  severity: "page" | "ticket";
  speed: "quick" | "slow";
  spendPercent: number;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
};

/** Sloth's default catalog: 2 / 5 / 10 / 10 % of the period's budget. */
export const DEFAULT_ALERT_WINDOWS: AlertWindow[] = [
  { severity: "page", speed: "quick", spendPercent: 2, longWindow: "1h", shortWindow: "5m" },
  { severity: "page", speed: "slow", spendPercent: 5, longWindow: "6h", shortWindow: "30m" },
  { severity: "ticket", speed: "quick", spendPercent: 10, longWindow: "1d", shortWindow: "2h" },
  { severity: "ticket", speed: "slow", spendPercent: 10, longWindow: "3d", shortWindow: "6h" },
];

/** 1 − objective/100, computed as Sloth does ((100 − objective) / 100) so the float noise matches. */
export function errorBudget(objectivePercent: number): number {
  return (100 - objectivePercent) / 100;
}

export const sampleEnd = (s: Pick<Sample, "start" | "durationSeconds">) => s.start.getTime() + s.durationSeconds * 1000;

/** Σgood, Σtotal over the samples whose data ends in (from, to]. */
export function sumRange(samples: Sample[], from: number, to: number): Sums {
  let good = 0;
  let total = 0;
  let n = 0;
  for (const s of samples) {
    const end = sampleEnd(s);
    if (end > from && end <= to) {
      good += s.good;
      total += s.total;
      n++;
    }
  }
  return { good, total, samples: n };
}

/** Traffic-weighted: Σ(total − good) ÷ Σtotal. Null without traffic. */
export function errorRatio(s: Pick<Sums, "good" | "total">): number | null {
  return s.total === 0 ? null : (s.total - s.good) / s.total;
}

/** Error ratio ÷ budget; null without traffic, or when the budget is 0 and there are errors (unbounded). */
export function burnRate(ratio: number | null, budget: number): number | null {
  if (ratio === null) return null;
  if (budget === 0) return ratio === 0 ? 0 : null;
  return ratio / budget;
}

/** 1 − (window error ratio ÷ budget); below 0 once overspent. Null without traffic. */
export function remainingBudget(ratio: number | null, budget: number): number | null {
  if (ratio === null) return null;
  if (budget === 0) return ratio === 0 ? 1 : 0;
  return 1 - ratio / budget;
}

/** Sloth's factor: (spend% / 100 × period hours) ÷ long-window hours (14.4 / 6 / 3 / 1 for 30 days). */
export function alertFactor(spendPercent: number, windowDays: number, longWindowMs: number): number {
  return ((spendPercent / 100) * (windowDays * 24)) / (longWindowMs / HOUR);
}

export type AlertState = {
  severity: "page" | "ticket";
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  factor: number;
  firing: boolean;
};

/** Each pair fires when the burn rate on both its windows is above the factor. */
export function alertStates(
  burnRates: Record<BurnWindow, number | null>,
  budget: number,
  windowDays: number,
  catalog: AlertWindow[] = DEFAULT_ALERT_WINDOWS,
  errorsIn?: Record<BurnWindow, boolean>,
): AlertState[] {
  return catalog.map((a) => {
    const factor = alertFactor(a.spendPercent, windowDays, BURN_WINDOWS[a.longWindow]);
    const above = (w: BurnWindow) => {
      const rate = burnRates[w];
      // With no budget, any error is an unbounded burn.
      if (rate === null) return budget === 0 && Boolean(errorsIn?.[w]);
      return rate > factor;
    };
    return {
      severity: a.severity,
      longWindow: a.longWindow,
      shortWindow: a.shortWindow,
      factor,
      firing: above(a.longWindow) && above(a.shortWindow),
    };
  });
}

export function sloStatus(windowSums: Sums, remaining: number | null, alerts: AlertState[]): SloStatus {
  if (windowSums.samples === 0 || remaining === null) return "no_data";
  if (remaining <= 0) return "exhausted";
  if (alerts.some((a) => a.firing)) return "burning";
  return "healthy";
}

/**
 * The SLO's window: rolling `windowDays`, or the calendar month (UTC) the instant falls in. A
 * calendar SLO keeps windowDays = 30 for its alert factors (Sloth's monthly default).
 */
export type SloWindowSpec = { windowDays: number; calendarWindow?: "month" | null };

/** The start of the window that ends at `t`: at a month's first instant, the month just ended. */
export function windowStart(w: SloWindowSpec, t: number): number {
  if (w.calendarWindow !== "month") return t - w.windowDays * DAY;
  const d = new Date(t - 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The calendar month [start, end) containing `t`, or the rolling window ending at the next UTC midnight. */
export function chartWindow(w: SloWindowSpec, t: number): { start: number; end: number; days: number } {
  if (w.calendarWindow === "month") {
    const start = windowStart(w, t + 1);
    const d = new Date(start);
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return { start, end, days: Math.round((end - start) / DAY) };
  }
  const end = Math.floor(t / DAY) * DAY + DAY;
  return { start: end - w.windowDays * DAY, end, days: w.windowDays };
}

export type SloDefinition = SloWindowSpec & { id: string; service: string; name: string; objective: number };

export type SloEvaluation = {
  id: string;
  service: string;
  name: string;
  objective: number;
  windowDays: number;
  /** "month" for a calendar-month window, null for a rolling one. */
  calendarWindow: "month" | null;
  errorBudget: number;
  window: { good: number; total: number; errorRatio: number | null };
  remaining: number | null;
  burnRates: Record<BurnWindow, number | null>;
  alerts: AlertState[];
  status: SloStatus;
};

/** The contract's SLO object from window sums (however they were summed). */
export function evaluateSlo(slo: SloDefinition, sums: Record<BurnWindow | "window", Sums>): SloEvaluation {
  const budget = errorBudget(slo.objective);
  const windows = Object.keys(BURN_WINDOWS) as BurnWindow[];
  const burnRates = Object.fromEntries(windows.map((w) => [w, burnRate(errorRatio(sums[w]), budget)])) as Record<
    BurnWindow,
    number | null
  >;
  const errorsIn = Object.fromEntries(windows.map((w) => [w, sums[w].total > sums[w].good])) as Record<
    BurnWindow,
    boolean
  >;
  const windowRatio = errorRatio(sums.window);
  const remaining = remainingBudget(windowRatio, budget);
  const alerts = alertStates(burnRates, budget, slo.windowDays, DEFAULT_ALERT_WINDOWS, errorsIn);
  return {
    id: slo.id,
    service: slo.service,
    name: slo.name,
    objective: slo.objective,
    windowDays: slo.windowDays,
    calendarWindow: slo.calendarWindow ?? null,
    errorBudget: budget,
    window: { good: sums.window.good, total: sums.window.total, errorRatio: windowRatio },
    remaining,
    burnRates,
    alerts,
    status: sloStatus(sums.window, remaining, alerts),
  };
}

/** The in-memory path: every window summed from raw samples at instant `at`. */
export function evaluateFromSamples(slo: SloDefinition, samples: Sample[], at: Date): SloEvaluation {
  const t = at.getTime();
  const sums = Object.fromEntries(
    (Object.keys(BURN_WINDOWS) as BurnWindow[]).map((w) => [w, sumRange(samples, t - BURN_WINDOWS[w], t)]),
  ) as Record<BurnWindow, Sums>;
  return evaluateSlo(slo, { ...sums, window: sumRange(samples, windowStart(slo, t), t) });
}

// ─── Burn-down and instant figures ───────────────────────────────────────────

export type BurnDownPoint = { at: Date; remaining: number | null; ideal: number; missing: boolean };

/**
 * Remaining budget at each step of a range, as Sloth's UI draws it, traffic-weighted: spending is the
 * errors so far ÷ (budget × expected traffic of the whole range), expected traffic being the average
 * per step with data times the number of steps. A step without data spends nothing; steps after `now`
 * are missing. `ideal` is the straight line down to 0 at the end of the last step.
 */
export function burnDown(
  steps: Array<{ start: Date; good: number; total: number; hasData: boolean }>,
  budget: number,
  now: Date,
): BurnDownPoint[] {
  const withData = steps.filter((s) => s.hasData && s.start.getTime() <= now.getTime());
  const avgTraffic = withData.length ? withData.reduce((sum, s) => sum + s.total, 0) / withData.length : 0;
  const budgetRequests = budget * avgTraffic * steps.length;
  let bad = 0;
  return steps.map((s, i) => {
    const ideal = 1 - (i + 1) / steps.length; // measured at the end of the step, as Sloth draws it
    if (s.start.getTime() > now.getTime()) return { at: s.start, remaining: null, ideal, missing: true };
    if (s.hasData) bad += s.total - s.good;
    const remaining = budgetRequests === 0 ? (budget === 0 ? (bad === 0 ? 1 : 0) : null) : 1 - bad / budgetRequests;
    return { at: s.start, remaining, ideal, missing: false };
  });
}

/** Sloth UI: "burning %" is the current (5-minute) burn rate × 100. */
export const burningBudgetPercent = (currentBurnRate: number) => currentBurnRate * 100;
/** Sloth UI: "burned in period %" is (1 − remaining) × 100. */
export const burnedBudgetPercent = (remaining: number) => (1 - remaining) * 100;
