import { describe, expect, it } from "vitest";
import { DAY, chartWindow, evaluateFromSamples, windowStart } from "@/lib/slo/domain/slo";

// Calendar-month SLOs (UTC): the budget is spent over the month so far and starts again on the 1st.
const month = { windowDays: 30, calendarWindow: "month" as const };
const at = (iso: string) => Date.parse(iso);

describe("calendar-month windows", () => {
  it("start on the 1st of the month the instant falls in; at midnight on the 1st, the month just ended", () => {
    expect(new Date(windowStart(month, at("2026-03-17T08:30:00Z"))).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(new Date(windowStart(month, at("2026-03-01T00:00:00Z"))).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(new Date(windowStart(month, at("2026-03-01T00:05:00Z"))).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(new Date(windowStart(month, at("2026-01-01T00:00:00Z"))).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    // A rolling window is unchanged.
    expect(windowStart({ windowDays: 28 }, at("2026-03-17T08:30:00Z"))).toBe(at("2026-03-17T08:30:00Z") - 28 * DAY);
  });

  it("chart the whole month, 28 to 31 days", () => {
    expect(chartWindow(month, at("2026-02-10T12:00:00Z"))).toEqual({
      start: at("2026-02-01T00:00:00Z"),
      end: at("2026-03-01T00:00:00Z"),
      days: 28,
    });
    expect(chartWindow(month, at("2024-02-29T23:59:00Z")).days).toBe(29);
    expect(chartWindow(month, at("2026-07-31T10:00:00Z")).days).toBe(31);
  });

  it("count only this month's requests in the remaining budget", () => {
    // 99% objective; 1,000 requests with 20 errors on Feb 27, and 1,000 with 5 errors on Mar 2.
    const samples = [
      { start: new Date("2026-02-27T10:00:00Z"), durationSeconds: 300, good: 980, total: 1000 },
      { start: new Date("2026-03-02T10:00:00Z"), durationSeconds: 300, good: 995, total: 1000 },
    ];
    const slo = { id: "s", service: "svc", name: "availability", objective: 99, ...month };
    const march = evaluateFromSamples(slo, samples, new Date("2026-03-03T00:00:00Z"));
    // March alone: 5 / 1000 = 0.005 of a 0.01 budget spent → 0.5 left.
    expect(march.window).toEqual({ good: 995, total: 1000, errorRatio: 0.005 });
    expect(march.remaining).toBeCloseTo(0.5, 12);
    expect(march.calendarWindow).toBe("month");
    // The same data over a rolling 30 days spends both: 25 / 2000 = 0.0125 → −0.25.
    const rolling = evaluateFromSamples({ ...slo, calendarWindow: null }, samples, new Date("2026-03-03T00:00:00Z"));
    expect(rolling.remaining).toBeCloseTo(-0.25, 12);
  });
});
