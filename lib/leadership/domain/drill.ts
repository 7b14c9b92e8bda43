import type { Window } from "@/lib/delivery/domain";
import { monthWindow, type LeadershipPeriod } from "@/lib/core/period";
import { formatMonthLabel } from "@/lib/core/format";

/** The window a drill-down covers: one month of the charts (`?month=YYYY-MM`), or the whole period. */
export function drillWindow(
  period: LeadershipPeriod,
  month: unknown,
): { window: Window; label: string; month: string | null } {
  if (typeof month === "string" && period.months.includes(month)) {
    const w = monthWindow(month, period.window.to);
    const name = formatMonthLabel(month, "long");
    return { window: w, label: `in ${name}`, month };
  }
  return { window: period.window, label: period.label.replace(/^This/, "this"), month: null };
}
