import { describe, expect, it } from "vitest";
import {
  checkRule,
  evaluateScorecard,
  failingRules,
  levelCounts,
  teamScore,
  ZRuleCheck,
  type Rule,
  type ServiceFacts,
} from "@/lib/scorecards/domain/scorecard";

const NOW = new Date("2026-11-27T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

function facts(over: Partial<ServiceFacts> = {}): ServiceFacts {
  return {
    tier: 1,
    catalog: {
      team: "payments",
      onCall: "pager",
      runbookUrl: "https://rb",
      repoUrl: null,
      dashboardUrl: null,
      description: null,
    },
    checklist: [
      { key: "owner-team", title: "Owner", categoryKey: "ownership", requiredForTiers: [1, 2, 3], status: "done" },
      { key: "backups", title: "Backups", categoryKey: "data", requiredForTiers: [1], status: "waived" },
      { key: "flags", title: "Feature flags", categoryKey: "release", requiredForTiers: [], status: "not_applicable" },
    ],
    dora: { deploymentFrequency: "elite", leadTime: "high", changeFailureRate: "elite", recovery: "high" },
    slos: [{ name: "availability", status: "healthy" }],
    lastProductionDeployAt: days(2),
    lastApprovedReviewAt: days(40),
    now: NOW,
    ...over,
  };
}

const rule = (key: string, level: Rule["level"], check: unknown, weight = 1, enabled = true): Rule => ({
  key,
  name: key,
  level,
  weight,
  enabled,
  check: ZRuleCheck.parse(check),
});

const RULES: Rule[] = [
  rule("owner", "bronze", { type: "catalog_field", field: "team" }),
  rule("oncall", "bronze", { type: "catalog_field", field: "onCall" }),
  rule("ownership-done", "bronze", { type: "checklist_required", category: "ownership", accept: ["done"] }),
  rule("required", "silver", { type: "checklist_required" }),
  rule("slo", "silver", { type: "slo_count", min: 1 }),
  rule("deployed", "silver", { type: "deployed_within_days", days: 30 }),
  rule("not-exhausted", "silver", { type: "slo_none_in_status", status: "exhausted" }),
  rule("lead", "gold", { type: "dora_band", metric: "leadTime", atLeast: "high" }, 2),
  rule("complete", "gold", { type: "checklist_complete" }),
  rule("review", "gold", { type: "review_approved_within_days", days: 180 }),
];

describe("levels", () => {
  it("reaches silver when bronze and silver pass but a gold rule fails, with the failing gold rule as the next step", () => {
    const r = evaluateScorecard(RULES, facts());
    expect(r.level).toBe("silver"); // 'complete' fails: backups is waived, not done or N/A
    expect(r.nextLevel?.level).toBe("gold");
    expect(r.nextLevel?.failing.map((x) => x.key)).toEqual(["complete"]);
    expect(r.score).toBeCloseTo((10 / 11) * 100, 1); // weights: 11 in all, 'complete' (1) fails
  });

  it("needs every lower level too: a failing bronze rule means no level, whatever passes above", () => {
    const r = evaluateScorecard(RULES, facts({ catalog: { ...facts().catalog, onCall: null } }));
    expect(r.level).toBe("none");
    expect(r.nextLevel).toMatchObject({
      level: "bronze",
      failing: [{ key: "oncall", reason: "no on-call in the catalog" }],
    });
  });

  it("reaches gold when everything passes", () => {
    const f = facts();
    f.checklist = f.checklist!.map((i) => ({ ...i, status: i.status === "waived" ? "done" : i.status }));
    const r = evaluateScorecard(RULES, f);
    expect(r).toMatchObject({ level: "gold", score: 100, nextLevel: null });
  });

  it("weights the score and ignores disabled rules", () => {
    const weighted = [
      rule("a", "bronze", { type: "slo_count", min: 1 }, 3),
      rule("b", "bronze", { type: "slo_count", min: 5 }, 1),
      rule("c", "silver", { type: "slo_count", min: 9 }, 6, false),
    ];
    const r = evaluateScorecard(weighted, facts());
    expect(r.score).toBe(75);
    expect(r.rules.map((x) => x.key)).toEqual(["a", "b"]);
    expect(r.level).toBe("none");
  });

  it("is gold with no rules at all (nothing to fail) and scores 100", () => {
    expect(evaluateScorecard([], facts())).toMatchObject({ level: "gold", score: 100 });
  });
});

describe("missing facts fail with 'no data', never crash", () => {
  const f = facts({ checklist: null, dora: null, slos: [], lastProductionDeployAt: null, lastApprovedReviewAt: null });
  it.each([
    [{ type: "checklist_required" }, /^no data/],
    [{ type: "checklist_complete" }, /^no data/],
    [{ type: "checklist_item", item: "x" }, /^no data/],
    [{ type: "dora_band", metric: "recovery", atLeast: "high" }, /^no data/],
    [{ type: "deployed_within_days", days: 30 }, /^no data/],
    [{ type: "slo_count", min: 1 }, /no SLO defined/],
    [{ type: "review_approved_within_days", days: 180 }, /never approved/],
  ])("%j", (check, reason) => {
    const r = checkRule(ZRuleCheck.parse(check), f);
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(reason);
  });
});

describe("rule checks", () => {
  it("explains which required items are missing", () => {
    const f = facts();
    f.checklist![1].status = "open";
    expect(checkRule(ZRuleCheck.parse({ type: "checklist_required" }), f)).toEqual({
      pass: false,
      reason: "1 required item(s) not done or waived: Backups",
    });
  });

  it("passes recovery when deployments happened and none failed, but not when nothing was deployed", () => {
    const check = ZRuleCheck.parse({ type: "dora_band", metric: "recovery", atLeast: "high" });
    const clean = facts({
      dora: {
        deploymentFrequency: "high",
        leadTime: "high",
        changeFailureRate: "elite",
        recovery: null,
        deployments: 40,
        failedDeployments: 0,
      },
    });
    expect(checkRule(check, clean)).toEqual({ pass: true, reason: "no failed deployments to recover from" });
    const idle = facts({
      dora: {
        deploymentFrequency: null,
        leadTime: null,
        changeFailureRate: null,
        recovery: null,
        deployments: 0,
        failedDeployments: 0,
      },
    });
    expect(checkRule(check, idle)).toMatchObject({ pass: false, reason: expect.stringMatching(/^no data/) });
    const unresolved = facts({
      dora: {
        deploymentFrequency: "high",
        leadTime: "high",
        changeFailureRate: "low",
        recovery: null,
        deployments: 10,
        failedDeployments: 3,
      },
    });
    expect(checkRule(check, unresolved).pass).toBe(false);
  });

  it("compares DORA bands with at-least semantics", () => {
    expect(checkRule(ZRuleCheck.parse({ type: "dora_band", metric: "leadTime", atLeast: "high" }), facts()).pass).toBe(
      true,
    );
    expect(checkRule(ZRuleCheck.parse({ type: "dora_band", metric: "leadTime", atLeast: "elite" }), facts())).toEqual({
      pass: false,
      reason: "lead time is high, needs elite or better",
    });
  });

  it("counts days for recency rules", () => {
    expect(
      checkRule(
        ZRuleCheck.parse({ type: "deployed_within_days", days: 30 }),
        facts({ lastProductionDeployAt: days(31) }),
      ),
    ).toEqual({ pass: false, reason: "last deployed 31 days ago (needs within 30)" });
    expect(
      checkRule(
        ZRuleCheck.parse({ type: "review_approved_within_days", days: 180 }),
        facts({ lastApprovedReviewAt: days(179) }),
      ).pass,
    ).toBe(true);
  });

  it("flags burning and exhausted SLOs by name", () => {
    const f = facts({
      slos: [
        { name: "availability", status: "burning" },
        { name: "latency", status: "healthy" },
      ],
    });
    expect(checkRule(ZRuleCheck.parse({ type: "slo_none_in_status", status: "burning" }), f)).toEqual({
      pass: false,
      reason: "availability is burning",
    });
  });

  it("rejects unknown check types and fields at the boundary", () => {
    expect(ZRuleCheck.safeParse({ type: "magic" }).success).toBe(false);
    expect(ZRuleCheck.safeParse({ type: "catalog_field", field: "password" }).success).toBe(false);
  });
});

describe("team aggregates", () => {
  it("weights service scores by tier (×3, ×2, ×1)", () => {
    expect(
      teamScore([
        { tier: 1, score: 100 },
        { tier: 3, score: 0 },
      ]),
    ).toBe(75);
    expect(
      teamScore([
        { tier: 2, score: 50 },
        { tier: 2, score: 70 },
      ]),
    ).toBe(60);
    expect(teamScore([])).toBeNull();
  });

  it("counts services per level and lists failing rules worst first", () => {
    expect(levelCounts(["gold", "none", "gold", "silver"])).toEqual({ none: 1, bronze: 0, silver: 1, gold: 2 });
    const fail = (key: string, level: Rule["level"]) => ({ key, name: key, level, weight: 1, pass: false, reason: "" });
    const out = failingRules([
      { service: "a", rules: [fail("review", "gold"), fail("oncall", "bronze")] },
      { service: "b", rules: [fail("review", "gold"), fail("slo", "silver")] },
      { service: "c", rules: [fail("slo", "silver")] },
    ]);
    // Bronze blockers first, then by how many services each fails.
    expect(out.map((r) => [r.key, r.services.length])).toEqual([
      ["oncall", 1],
      ["slo", 2],
      ["review", 2],
    ]);
  });
});
