// A calendar-month SLO through the server functions and the rollups: the budget counts the month so
// far and starts again on the 1st; the burn-down is the whole month. Figures worked out by hand.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { burnDownSeries, createSlo, evaluateServiceSlos, recordSli, updateSlo } from "@/lib/slo/server";
import { toSloDto } from "@/lib/slo/domain/dto";
import { makeService, makeTeam } from "../support/factories";

describe("calendar-month SLOs", () => {
  it("spend only this month's budget, and chart the whole month", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const created = await createSlo(
      { service: svc.slug, name: "availability", objective: 99, windowDays: 30, calendarWindow: "month" },
      SYSTEM_ACTOR,
    );
    // 20 errors in 1,000 on Feb 27; 5 in 1,000 on Mar 2 (99% → a 1% budget).
    await recordSli(
      {
        service: svc.slug,
        slo: "availability",
        samples: [
          { start: "2026-02-27T10:00:00Z", durationSeconds: 300, good: 980, total: 1000 },
          { start: "2026-03-02T10:00:00Z", durationSeconds: 300, good: 995, total: 1000 },
        ],
      },
      SYSTEM_ACTOR,
      new Date("2026-03-03T00:00:00Z"),
    );
    const at = async (iso: string) => (await evaluateServiceSlos(SYSTEM_ACTOR, svc.slug, new Date(iso)))![0];
    const march = await at("2026-03-03T00:00:00Z");
    expect(toSloDto(march)).toMatchObject({
      calendarWindow: "month",
      window: { good: 995, total: 1000, errorRatio: 0.005 },
      remaining: 0.5,
    });
    // At midnight on March 1st the month that just ended is February: 20 / 1000 = twice the budget.
    expect((await at("2026-03-01T00:00:00Z")).remaining).toBeCloseTo(-1, 12);
    const burnDown = await burnDownSeries(
      SYSTEM_ACTOR,
      { ...created!, calendarWindow: "month" },
      new Date("2026-03-03T00:00:00Z"),
    );
    expect(burnDown).toHaveLength(31);
    expect(burnDown[0].at.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(burnDown.at(-1)?.remaining).toBeNull(); // the rest of the month has not happened

    // Back to a rolling 30 days: both days count, 25 / 2000 → −0.25.
    await updateSlo(created!.id, { calendarWindow: null }, SYSTEM_ACTOR);
    expect((await at("2026-03-03T00:00:00Z")).remaining).toBeCloseTo(-0.25, 12);
  });
});
