import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { leadershipFigures, orgMonthly, teamBreakdown } from "@/lib/leadership/server/leadership";
import { computeRoi, getRoiAssumptions, listRoiRevisions, saveRoiAssumptions } from "@/lib/leadership/server/roi";
import { parseLeadershipPeriod } from "@/lib/core/period";
import type { RoiAssumptions } from "@/lib/leadership/domain/roi";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

// Dates in 2003, which no other suite writes to, so the organisation-wide figures are this file's own.
const at = (iso: string) => new Date(`${iso}Z`);
const assumptions: RoiAssumptions = {
  currency: "USD",
  downtimeCostPerHour: { "1": 10_000, "2": 2_500, "3": 500 },
  engineerCostPerHour: 100,
  remediationHoursPerFailedChange: 6,
  baseline: { from: "2003-01-01", to: "2003-03-31" },
};
const now = at("2003-12-15T00:00:00");
const period = parseLeadershipPeriod({ period: "2003-Q3" }, now);
let teamSlug = "";

beforeAll(async () => {
  const team = await makeTeam(prisma);
  teamSlug = team.slug;
  const service = await makeService(prisma, team.id, { tier: 1 });
  const day = (month: string, d: number) => `2003-${month}-${String(d).padStart(2, "0")}`;
  const deployments = [
    // Baseline: one deployment a day, 1–20 January.
    ...Array.from({ length: 20 }, (_, i) => ({ externalId: `b-${i}`, finishedAt: at(`${day("01", i + 1)}T10:00:00`) })),
    // Period: two a day, 1–20 July.
    ...Array.from({ length: 20 }, (_, i) => [
      { externalId: `p-${i}-a`, finishedAt: at(`${day("07", i + 1)}T10:00:00`) },
      { externalId: `p-${i}-b`, finishedAt: at(`${day("07", i + 1)}T11:00:00`) },
    ]).flat(),
  ];
  await prisma.deployment.createMany({
    data: deployments.map((d) => ({ ...d, serviceId: service.id, environment: "production", status: "success" })),
  });
  // Each incident starts at noon and is linked to the day's last deployment: baseline 5 of 20 failed
  // (CFR 0.25) restored in 60 minutes each; period 5 of 40 (CFR 0.125) in 30, 30, 30, 30 and 90 minutes.
  const incidents = [
    ...[2, 4, 6, 8, 10].map((d) => ({
      externalId: uniq("bi"),
      startedAt: at(`${day("01", d)}T12:00:00`),
      minutes: 60,
    })),
    ...[2, 4, 6, 8, 10].map((d, i) => ({
      externalId: uniq("pi"),
      startedAt: at(`${day("07", d)}T12:00:00`),
      minutes: i === 4 ? 90 : 30,
    })),
  ];
  await prisma.incident.createMany({
    data: incidents.map((i) => ({
      serviceId: service.id,
      externalId: i.externalId,
      title: "outage",
      startedAt: i.startedAt,
      resolvedAt: new Date(i.startedAt.getTime() + i.minutes * 60_000),
    })),
  });
  // Still open, in the previous period, on a service of another team with no deployments (so it
  // fails none): its downtime runs to the end of the two periods.
  const other = await makeService(prisma, (await makeTeam(prisma)).id, { tier: 3 });
  await prisma.incident.create({
    data: { serviceId: other.id, externalId: uniq("open"), title: "open", startedAt: at("2003-05-20T08:00:00") },
  });
});

describe("ROI from the database", () => {
  it("computes the three figures from the period's and the baseline's own deployments and incidents", async () => {
    const roi = await computeRoi(period, assumptions);
    // Downtime: baseline median 60 min; four incidents 30 min faster at 10,000/h → 4 × 30 × 10,000/60.
    expect(roi.downtimeAvoided).toMatchObject({ meaningful: true, included: 4, total: 5 });
    if (roi.downtimeAvoided.meaningful) expect(roi.downtimeAvoided.value).toBeCloseTo(20_000, 6);
    // Failures: (0.25 − 0.125) × 40 deployments × 6 h × 100/h.
    expect(roi.failureAvoided.meaningful && roi.failureAvoided.value).toBeCloseTo(3_000, 6);
    // DORA 2016 cost of downtime, per year. Baseline: 20 in 90 days, CFR 0.25, MTTR 1 h, 10,000/h.
    const { baseline, current } = roi.costOfDowntime;
    expect(baseline.meaningful && baseline.value).toBeCloseTo((20 / 90) * 365 * 0.25 * 1 * 10_000, 4);
    // Period (2003-Q3, 92 days): 40 deployments, CFR 0.125, MTTR 42 min.
    expect(current.meaningful && current.value).toBeCloseTo((40 / 92) * 365 * 0.125 * 0.7 * 10_000, 4);
  });

  it("says a figure is not meaningful when the baseline is empty", async () => {
    const roi = await computeRoi(period, { ...assumptions, baseline: { from: "2002-01-01", to: "2002-03-31" } });
    expect(roi.downtimeAvoided).toMatchObject({
      meaningful: false,
      reason: "Fewer than 5 resolved incidents in the baseline (0): not meaningful.",
    });
    expect(roi.failureAvoided).toMatchObject({ meaningful: false });
    expect(roi.costOfDowntime.baseline).toMatchObject({ meaningful: false });
  });
});

describe("organisation trends from the database", () => {
  it("counts each month's deployments, incidents and downtime, marking the previous period's months", async () => {
    const months = await orgMonthly(period);
    expect(months.map((m) => [m.month, m.current])).toEqual([
      ["2003-04", false],
      ["2003-05", false],
      ["2003-06", false],
      ["2003-07", true],
      ["2003-08", true],
      ["2003-09", true],
    ]);
    expect(months[3]).toMatchObject({
      deployments: 40,
      incidents: 5,
      downtimeMinutes: 210,
      changeFailureRate: 0.125,
      deployDaysPerWeek: expect.any(Number),
    });
    expect(months[4]).toMatchObject({ deployments: 0, incidents: 0, changeFailureRate: null });
  });

  it("count incidents and downtime from the page's one read of the incidents as their own queries do", async () => {
    const figures = await leadershipFigures(period);
    const fromRead = await orgMonthly(period, figures);
    expect(fromRead).toEqual(await orgMonthly(period));
    expect(fromRead[1]).toMatchObject({ month: "2003-05", incidents: 1 });
    // Open from 20 May 08:00 to the end of Q3 (1 October): 133 days and 16 hours.
    expect(fromRead[1].downtimeMinutes).toBe((133 * 24 + 16) * 60);
    const teams = await teamBreakdown(SYSTEM_ACTOR, period.window, figures);
    expect(teams).toEqual(await teamBreakdown(SYSTEM_ACTOR, period.window));
    expect(teams.find((t) => t.slug === teamSlug)).toMatchObject({ incidents: 5, downtimeMinutes: 210 });
  });

  it("breaks the period down by team", async () => {
    const row = (await teamBreakdown(SYSTEM_ACTOR, period.window)).find((t) => t.slug === teamSlug);
    expect(row).toMatchObject({
      services: 1,
      deployments: 40,
      incidents: 5,
      downtimeMinutes: 210,
      changeFailureRate: 0.125,
      recoveryMinutes: expect.any(Number),
    });
  });
});

describe("ROI assumptions", () => {
  it("may be changed by leadership and the platform team only; a refused change writes nothing", async () => {
    const engineer = actorFor(await makeUser(prisma, { role: "engineer" }));
    const before = await prisma.settingRevision.count({ where: { key: "roi.assumptions" } });
    await expect(saveRoiAssumptions(assumptions, engineer)).rejects.toMatchObject({ code: "forbidden" });
    const leader = actorFor(await makeUser(prisma, { role: "leadership" }));
    await expect(saveRoiAssumptions({ ...assumptions, engineerCostPerHour: -1 }, leader)).rejects.toThrow();
    expect(await prisma.settingRevision.count({ where: { key: "roi.assumptions" } })).toBe(before);
  });

  it("keep every version, audited, with what changed", async () => {
    const leader = actorFor(await makeUser(prisma, { role: "leadership" }));
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    await saveRoiAssumptions(assumptions, leader);
    await saveRoiAssumptions({ ...assumptions, engineerCostPerHour: 150 }, platform);
    expect((await getRoiAssumptions()).values.engineerCostPerHour).toBe(150);
    const [latest, previous] = await listRoiRevisions();
    expect(latest.changes).toEqual(["engineer cost 100 → 150/h"]);
    expect(previous.by).toBeTruthy();
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "roi.assumptions.update", actorId: platform.id },
    });
    expect(audit.data).toMatchObject({
      before: { engineerCostPerHour: 100 },
      after: { engineerCostPerHour: 150 },
      changes: ["engineer cost 100 → 150/h"],
    });
  });
});
