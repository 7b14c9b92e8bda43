import { describe, expect, it } from "vitest";
import {
  changeFailureRate,
  changeFailureRateBand,
  deploymentFrequency,
  deploymentFrequencyBand,
  failedDeploymentRecoveryTime,
  isCountedDeployment,
  leadTimeBand,
  leadTimeForChanges,
  linkIncidents,
  lowerMedian,
  openIncidents,
  periodsOverlapping,
  pullRequestLeadTime,
  recoveryBand,
  reworkRate,
  timeToRestore,
  type DeploymentFact,
  type IncidentFact,
} from "@/lib/delivery/domain/dora";
import { buildDoraReport, computeDoraFigures } from "@/lib/delivery/domain/dora-report";

const t = (iso: string) => new Date(iso);
let seq = 0;
function dep(finishedAt: string, over: Partial<DeploymentFact> = {}): DeploymentFact {
  return {
    id: `d${++seq}`,
    serviceId: "s1",
    environment: "production",
    status: "success",
    finishedAt: t(finishedAt),
    rework: false,
    commits: [],
    pullRequests: [],
    ...over,
  };
}
function inc(startedAt: string, resolvedAt: string | null, over: Partial<IncidentFact> = {}): IncidentFact {
  return {
    id: `i${++seq}`,
    serviceId: "s1",
    startedAt: t(startedAt),
    resolvedAt: resolvedAt ? t(resolvedAt) : null,
    causedByDeploymentId: null,
    ...over,
  };
}
const W = { from: t("2026-01-05T00:00:00Z"), to: t("2026-02-02T00:00:00Z") }; // four whole weeks, Monday to Monday

describe("lower median (DevLake)", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1], 1],
    [[4, 1, 3, 2], 2],
    [[5, 1, 3], 3],
    [[10, 10, 1, 10], 10],
  ])("%j → %s", (values, expected) => {
    expect(lowerMedian(values)).toBe(expected);
  });
});

describe("what counts as a deployment", () => {
  it("is success in production, case-insensitive; failures and other environments are kept but not counted", () => {
    expect(isCountedDeployment({ status: "SUCCESS", environment: "Production" })).toBe(true);
    expect(isCountedDeployment({ status: "failure", environment: "production" })).toBe(false);
    expect(isCountedDeployment({ status: "success", environment: "staging" })).toBe(false);
  });
});

describe("deployment frequency", () => {
  it("counts distinct UTC deploy days per week and per month, zero periods included, and takes the lower median", () => {
    const deployments = [
      dep("2026-01-05T10:00:00Z"),
      dep("2026-01-05T15:00:00Z"), // same day: one deploy day
      dep("2026-01-06T23:59:59Z"),
      dep("2026-01-14T09:00:00Z"),
      dep("2026-01-28T12:00:00Z"),
      dep("2026-01-29T12:00:00Z", { status: "failure" }),
      dep("2026-01-30T12:00:00Z", { environment: "staging" }),
      dep("2026-02-02T00:00:00Z"), // at `to`: outside the half-open window
    ];
    // weeks: 2026-01-05 → 2 days, 01-12 → 1, 01-19 → 0, 01-26 → 1 → lower median 1.
    // months: January → 4, February → 0 (its first day is inside the window, and periods with no
    // deploy count as 0) → lower median of [0, 4] is 0.
    expect(deploymentFrequency(deployments, W)).toEqual({
      deployments: 5,
      deployDays: 4,
      medianDeployDaysPerWeek: 1,
      medianDeployDaysPerMonth: 0,
    });
  });

  it("uses UTC dates: 23:30 UTC and 00:30 UTC the next day are two deploy days", () => {
    const f = deploymentFrequency([dep("2026-01-07T23:30:00Z"), dep("2026-01-08T00:30:00Z")], W);
    expect(f.deployDays).toBe(2);
  });

  it("reports null medians, not zeros, when there is no deployment", () => {
    expect(deploymentFrequency([], W)).toEqual({
      deployments: 0,
      deployDays: 0,
      medianDeployDaysPerWeek: null,
      medianDeployDaysPerMonth: null,
    });
  });

  it("includes the partial weeks and months at the edges of the window", () => {
    const w = { from: t("2026-01-07T00:00:00Z"), to: t("2026-02-04T00:00:00Z") };
    expect(periodsOverlapping(w, "week").map((d) => d.toISOString().slice(0, 10))).toEqual([
      "2026-01-05",
      "2026-01-12",
      "2026-01-19",
      "2026-01-26",
      "2026-02-02",
    ]);
    expect(periodsOverlapping(w, "month").map((d) => d.toISOString().slice(0, 10))).toEqual([
      "2026-01-01",
      "2026-02-01",
    ]);
  });
});

describe("lead time for changes", () => {
  it("sums ceil-minute parts of a pull request, a negative part counting 0", () => {
    const pr = {
      number: 1,
      firstCommitAt: t("2026-01-10T10:00:00Z"),
      openedAt: t("2026-01-10T09:00:30Z"),
      mergedAt: t("2026-01-10T12:00:01Z"),
    };
    expect(pullRequestLeadTime(pr, t("2026-01-10T12:30:00Z"))).toEqual({
      codingMinutes: 0,
      reviewMinutes: 180,
      deployMinutes: 30,
      totalMinutes: 210,
    });
  });

  it("takes one sample per PR, with breakdown medians", () => {
    const d = dep("2026-01-10T12:00:00Z", {
      pullRequests: [
        {
          number: 1,
          firstCommitAt: t("2026-01-09T12:00:00Z"),
          openedAt: t("2026-01-10T00:00:00Z"),
          mergedAt: t("2026-01-10T11:00:00Z"),
        },
        { number: 2, firstCommitAt: null, openedAt: t("2026-01-10T10:00:00Z"), mergedAt: t("2026-01-10T11:30:00Z") },
      ],
    });
    expect(leadTimeForChanges([d], W)).toEqual({
      medianMinutes: 120,
      samples: 2,
      codingMinutes: 0,
      reviewMinutes: 90,
      deployMinutes: 30,
      undatedCommits: 0,
    });
  });

  it("takes one sample per commit not shipped by an earlier deployment of the same service, dropping values ≤ 0", () => {
    const first = dep("2026-01-06T10:00:00Z", { commits: [{ sha: "a", authoredAt: t("2026-01-06T09:00:00Z") }] });
    const second = dep("2026-01-07T10:00:00Z", {
      commits: [
        { sha: "a", authoredAt: t("2026-01-06T09:00:00Z") }, // shipped already
        { sha: "b", authoredAt: t("2026-01-07T08:59:30Z") }, // 60.5 min → 61
        { sha: "c", authoredAt: t("2026-01-07T11:00:00Z") }, // after the deploy: dropped
        { sha: "d", authoredAt: null }, // no date: a warning
      ],
    });
    const other = dep("2026-01-08T10:00:00Z", {
      serviceId: "s2",
      commits: [{ sha: "a", authoredAt: t("2026-01-08T09:00:00Z") }],
    }); // another service
    const lt = leadTimeForChanges([second, first, other], W);
    expect(lt).toEqual({ medianMinutes: 60, samples: 3, undatedCommits: 1 });
  });

  it("does not let a failed or staging deployment 'ship' a commit first", () => {
    const staging = dep("2026-01-06T10:00:00Z", {
      environment: "staging",
      commits: [{ sha: "a", authoredAt: t("2026-01-06T09:00:00Z") }],
    });
    const prod = dep("2026-01-06T11:00:00Z", { commits: [{ sha: "a", authoredAt: t("2026-01-06T09:00:00Z") }] });
    expect(leadTimeForChanges([staging, prod], W).medianMinutes).toBe(120);
  });

  it("counts commits of deployments before the window as shipped, but takes no samples from them", () => {
    const before = dep("2025-12-30T10:00:00Z", { commits: [{ sha: "a", authoredAt: t("2025-12-29T10:00:00Z") }] });
    const inside = dep("2026-01-06T10:00:00Z", {
      commits: [
        { sha: "a", authoredAt: t("2025-12-29T10:00:00Z") },
        { sha: "b", authoredAt: t("2026-01-06T09:00:00Z") },
      ],
    });
    expect(leadTimeForChanges([before, inside], W)).toEqual({ medianMinutes: 60, samples: 1, undatedCommits: 0 });
  });
});

describe("incidents, change failure rate and recovery", () => {
  const d1 = dep("2026-01-06T10:00:00Z");
  const d2 = dep("2026-01-08T10:00:00Z");
  const d3 = dep("2026-01-09T10:00:00Z", { serviceId: "s2" });
  const failed = dep("2026-01-08T11:00:00Z", { status: "failure" });
  const deployments = [d1, d2, d3, failed];

  it("links explicitly first, else to the latest successful production deployment of the same service finished strictly before", () => {
    const explicit = inc("2026-01-09T12:00:00Z", null, { causedByDeploymentId: d1.id });
    const byTime = inc("2026-01-08T12:00:00Z", null);
    const atTheInstant = inc("2026-01-08T10:00:00Z", null); // d2 did not finish strictly before
    const tooEarly = inc("2026-01-01T00:00:00Z", null);
    const otherService = inc("2026-01-09T11:00:00Z", null, { serviceId: "s2" });
    const links = linkIncidents([explicit, byTime, atTheInstant, tooEarly, otherService], deployments);
    expect(links.get(explicit.id)).toEqual({ deploymentId: d1.id, rule: "explicit" });
    expect(links.get(byTime.id)).toEqual({ deploymentId: d2.id, rule: "time" });
    expect(links.get(atTheInstant.id)).toEqual({ deploymentId: d1.id, rule: "time" });
    expect(links.get(tooEarly.id)).toBeNull();
    expect(links.get(otherService.id)).toEqual({ deploymentId: d3.id, rule: "time" });
  });

  it("ignores an explicit cause that names an unknown deployment and falls back to time", () => {
    const i = inc("2026-01-08T12:00:00Z", null, { causedByDeploymentId: "nope" });
    expect(linkIncidents([i], deployments).get(i.id)).toEqual({ deploymentId: d2.id, rule: "time" });
  });

  it("computes CFR over counted deployments in the window, several incidents on one deployment counting once", () => {
    const incidents = [inc("2026-01-08T12:00:00Z", null), inc("2026-01-08T13:00:00Z", null)];
    const cfr = changeFailureRate(deployments, linkIncidents(incidents, deployments), W);
    expect(cfr).toEqual({ failedDeployments: 1, deployments: 3, ratio: 0.3333 });
  });

  it("counts a deployment that a counted later deployment fixes as failed, once, beside incident links", () => {
    const target = dep("2026-01-10T10:00:00Z");
    const other = dep("2026-01-11T10:00:00Z");
    const fixer = dep("2026-01-12T10:00:00Z", { fixesId: target.id, rework: true });
    // A staging "fix" is no evidence; a fix after the window still counts for the one inside it.
    const staged = dep("2026-01-13T10:00:00Z", { fixesId: other.id, environment: "staging" });
    const late = dep("2026-02-05T10:00:00Z", { fixesId: fixer.id, rework: true });
    const all = [target, other, fixer, staged, late];
    const w = { from: t("2026-01-10T00:00:00Z"), to: t("2026-02-01T00:00:00Z") };
    const incidents = [inc("2026-01-10T12:00:00Z", null)]; // linked to target by time: still one failure
    expect(changeFailureRate(all, linkIncidents(incidents, all), w)).toEqual({
      failedDeployments: 2,
      deployments: 3,
      ratio: 0.6667,
    });
    expect(reworkRate(all, w)).toEqual({ ratio: 0.3333 });
  });

  it("has no CFR (null) without deployments", () => {
    expect(changeFailureRate([], new Map(), W).ratio).toBeNull();
  });

  it("measures failed-deployment recovery from the deployment's finish, truncated, for incidents resolved in the window", () => {
    const a = inc("2026-01-08T12:00:00Z", "2026-01-08T13:59:59Z"); // from d2: 239.98 min → 239
    const b = inc("2026-01-06T11:00:00Z", "2026-01-06T11:30:00Z"); // from d1: 90
    const c = inc("2026-01-30T00:00:00Z", "2026-02-03T00:00:00Z"); // resolved after the window
    const open = inc("2026-01-20T00:00:00Z", null);
    const incidents = [a, b, c, open];
    const r = failedDeploymentRecoveryTime(incidents, linkIncidents(incidents, deployments), deployments, W);
    expect(r).toEqual({ medianMinutes: 90, samples: 2, openIncidents: 2 });
    expect(timeToRestore(incidents, W)).toEqual({ medianMinutes: 30, samples: 2, unknownStart: 0 }); // 119 and 30 → lower median 30
    expect(openIncidents([open], W)).toBe(1);
  });

  it("computes rework over counted deployments", () => {
    expect(
      reworkRate(
        [
          dep("2026-01-06T10:00:00Z", { rework: true }),
          dep("2026-01-07T10:00:00Z"),
          dep("2026-01-07T11:00:00Z", { status: "failure", rework: true }),
        ],
        W,
      ),
    ).toEqual({ ratio: 0.5 });
    expect(reworkRate([], W).ratio).toBeNull();
  });
});

describe("bands", () => {
  it("deployment frequency, 2023 and 2021", () => {
    const f = (week: number, month: number, days = month) => ({
      medianDeployDaysPerWeek: week,
      medianDeployDaysPerMonth: month,
      deployDays: days,
    });
    expect(deploymentFrequencyBand(f(5, 20), "2023", 90)).toBe("elite");
    expect(deploymentFrequencyBand(f(1, 5), "2023", 90)).toBe("high");
    expect(deploymentFrequencyBand(f(0, 1), "2023", 90)).toBe("medium");
    expect(deploymentFrequencyBand(f(0, 0, 1), "2023", 90)).toBe("low");
    expect(deploymentFrequencyBand(f(0, 1), "2021", 90)).toBe("high");
    expect(deploymentFrequencyBand(f(0, 0, 1), "2021", 90)).toBe("medium");
    expect(deploymentFrequencyBand(f(0, 0, 1), "2021", 365)).toBe("low");
    expect(
      deploymentFrequencyBand(
        { medianDeployDaysPerWeek: null, medianDeployDaysPerMonth: null, deployDays: 0 },
        "2023",
        90,
      ),
    ).toBeNull();
  });

  it("lead time at the thresholds", () => {
    expect(leadTimeBand(1439, "2023")).toBe("elite");
    expect(leadTimeBand(1440, "2023")).toBe("high");
    expect(leadTimeBand(10_080, "2023")).toBe("medium");
    expect(leadTimeBand(43_200, "2023")).toBe("low");
    expect(leadTimeBand(59, "2021")).toBe("elite");
    expect(leadTimeBand(60, "2021")).toBe("high");
    expect(leadTimeBand(259_199, "2021")).toBe("medium");
    expect(leadTimeBand(259_200, "2021")).toBe("low");
    expect(leadTimeBand(null, "2023")).toBeNull();
  });

  it("change failure rate at the thresholds", () => {
    expect([0.05, 0.1, 0.15, 0.1501].map((r) => changeFailureRateBand(r, "2023"))).toEqual([
      "elite",
      "high",
      "medium",
      "low",
    ]);
    expect([0.15, 0.2, 0.3, 0.31].map((r) => changeFailureRateBand(r, "2021"))).toEqual([
      "elite",
      "high",
      "medium",
      "low",
    ]);
  });

  it("recovery at the thresholds", () => {
    expect([59, 60, 1439, 1440, 10_079, 10_080].map(recoveryBand)).toEqual([
      "elite",
      "high",
      "high",
      "medium",
      "medium",
      "low",
    ]);
  });
});

describe("the DORA report", () => {
  it("never shows zeros for missing data: nulls with warnings", () => {
    const report = buildDoraReport({ service: "x" }, W, "2023", computeDoraFigures([], [], W));
    expect(report.deploymentFrequency).toMatchObject({ deployments: 0, medianDeployDaysPerWeek: null, band: null });
    expect(report.leadTimeForChanges).toMatchObject({ medianMinutes: null, samples: 0, band: null });
    expect(report.changeFailureRate.ratio).toBeNull();
    expect(report.failedDeploymentRecoveryTime.medianMinutes).toBeNull();
    expect(report.warnings.join(" ")).toMatch(/No successful production deployments/);
    expect(report.warnings.join(" ")).toMatch(/No incidents reported/);
  });

  it("counts links by rule for incidents that started in the window and warns about open ones", () => {
    const d = dep("2026-01-06T10:00:00Z", { commits: [{ sha: "z", authoredAt: null }] });
    const incidents = [
      inc("2026-01-07T00:00:00Z", null),
      inc("2026-01-08T00:00:00Z", "2026-01-08T01:00:00Z", { causedByDeploymentId: d.id }),
    ];
    const report = buildDoraReport({ team: "t" }, W, "2021", computeDoraFigures([d], incidents, W));
    expect(report.linkedBy).toEqual({ explicit: 1, time: 1 });
    expect(report.changeFailureRate).toMatchObject({ failedDeployments: 1, deployments: 1, ratio: 1, band: "low" });
    expect(report.timeToRestore).toMatchObject({ medianMinutes: 60, band: "high" });
    expect(report.warnings.join(" ")).toMatch(/1 commit\(s\) have no authored date/);
    expect(report.warnings.join(" ")).toMatch(/1 incident\(s\) .* still unresolved/);
  });
});
