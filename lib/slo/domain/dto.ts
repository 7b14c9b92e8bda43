import type { SloEvaluation } from "@/lib/slo/domain/slo";

/** The contract's SLO object (numbers rounded to what a human or a dashboard can use). */
export function toSloDto(e: SloEvaluation) {
  const r = (x: number | null, places = 6) => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);
  return {
    id: e.id,
    service: e.service,
    name: e.name,
    objective: e.objective,
    windowDays: e.windowDays,
    calendarWindow: e.calendarWindow,
    errorBudget: r(e.errorBudget, 9),
    window: { good: e.window.good, total: e.window.total, errorRatio: r(e.window.errorRatio, 9) },
    remaining: r(e.remaining),
    burnRates: Object.fromEntries(Object.entries(e.burnRates).map(([k, v]) => [k, r(v, 4)])),
    alerts: e.alerts.map((a) => ({
      severity: a.severity,
      longWindow: a.longWindow,
      shortWindow: a.shortWindow,
      factor: r(a.factor, 4),
      firing: a.firing,
    })),
    status: e.status,
  };
}
