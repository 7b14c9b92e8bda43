import { describe, expect, it } from "vitest";
import {
  buildDocument,
  checkExpression,
  evaluateExpression,
  MAX_EXPRESSION_COST,
  type ExpressionInputs,
} from "@/lib/scorecards/domain/expression";
import { ZRuleCheck, evaluateScorecard, type ServiceFacts } from "@/lib/scorecards/domain/scorecard";

const inputs = (over: Partial<ExpressionInputs> = {}): ExpressionInputs => ({
  catalog: {
    slug: "payments-api",
    name: "Payments API",
    team: "payments",
    tier: 1,
    lifecycle: "production",
    type: "service",
    onCall: "payments-primary",
    runbookUrl: null,
    repoUrl: "https://github.com/acme/payments",
    dashboardUrl: null,
    description: null,
  },
  tags: { language: "go", pci: "" },
  checklist: {
    percent: 62.5,
    requiredMissing: ["restore-tested"],
    items: { "restore-tested": "todo", runbook: "done" },
  },
  dora: {
    deploymentFrequency: { band: "elite", deployDaysPerWeek: 4, deployments: 61 },
    leadTime: { band: "high", hours: 20.5 },
    changeFailureRate: { band: "medium", percent: 18.2 },
    recovery: { band: null, hours: null },
  },
  slos: [
    { name: "availability", status: "healthy", objective: 99.9, remainingBudget: 0.4 },
    { name: "latency", status: "burning", objective: 99, remainingBudget: 0.1 },
  ],
  review: { daysSinceApproval: 40 },
  facts: { coverage: { line: 72, branch: 60 }, vulns: { critical: 0, high: 3 }, images: ["a", "b"] },
  ...over,
});

const evaluate = (source: string, over: Partial<ExpressionInputs> = {}) => {
  expect(checkExpression(source)).toEqual({ ok: true });
  return evaluateExpression(source, buildDocument(inputs(over)));
};

describe("expression rules: checking when saved", () => {
  it("accepts expressions over every part of the document", () => {
    for (const source of [
      'facts.coverage.line >= 80 && dora.changeFailureRate.band in ["elite", "high"]',
      'catalog.tier == 1 && "pci" in tags && tags.language == "go"',
      'slos.all(s, s.status != "exhausted") && size(slos) >= 1',
      'checklist.items["runbook"] == "done" && size(checklist.requiredMissing) == 0',
      "review.approved && review.daysSinceApproval < 180",
      "facts.?coverage.line.orValue(0) >= 80",
      "has(facts.vulns) ? facts.vulns.critical == 0 : true",
      "dora.leadTime.hours != null && dora.leadTime.hours < 24.0",
      'catalog.onCall != "" && catalog.lifecycle == "production"',
    ])
      expect(checkExpression(source), source).toEqual({ ok: true });
  });

  it("names syntax errors with their position", () => {
    const result = checkExpression("facts.coverage.line >= ");
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^syntax error: .+\(line 1, column 24\)$/) });
  });

  it("refuses unknown variables and unknown fields of typed parts, precisely", () => {
    expect(checkExpression("factz.coverage > 1")).toEqual({
      ok: false,
      message: expect.stringMatching(/Unknown variable: factz \(line 1, column 1\)/),
    });
    expect(checkExpression('dora.leadTime.bandd == "high"')).toEqual({
      ok: false,
      message: expect.stringMatching(/No such key: bandd/),
    });
    expect(checkExpression("catalog.teir == 1")).toMatchObject({ ok: false, message: expect.stringMatching(/teir/) });
    expect(checkExpression('slos.all(s, s.state == "ok")')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/state/),
    });
  });

  it("refuses type errors and expressions that do not give true or false", () => {
    expect(checkExpression('catalog.tier >= "1"')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no such overload: int >= string/),
    });
    expect(checkExpression("catalog.tier + 1")).toEqual({
      ok: false,
      message: "must give true or false, not a value of type int",
    });
    expect(checkExpression("")).toEqual({ ok: false, message: "is empty" });
  });

  it("has a cost limit: nested comprehensions over the document's lists are refused, one pass is fine", () => {
    expect(checkExpression('facts.images.all(a, a != "")')).toEqual({ ok: true });
    const nested = checkExpression("facts.images.all(a, facts.images.exists(b, a == b))");
    expect(nested).toMatchObject({ ok: false, message: expect.stringMatching(/too costly/) });
    expect(nested.ok === false && nested.message).toContain(MAX_EXPRESSION_COST.toLocaleString("en"));
    expect(checkExpression("[1, 2, 3].all(a, [1, 2].exists(b, a >= b))")).toEqual({ ok: true });
  });

  it("refuses regular expressions, which can run for ever", () => {
    expect(checkExpression('catalog.name.matches("(a+)+$")')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/matches\(\) is not allowed/),
    });
  });

  it("is part of the rule's schema, so an invalid rule cannot be saved", () => {
    const parsed = ZRuleCheck.safeParse({ type: "expression", expression: "facts.coverage.line >=" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["expression"], message: expect.stringMatching(/syntax/) });
  });
});

describe("expression rules: evaluating", () => {
  it("says the value it read and what it needs (backstage#19458)", () => {
    const result = evaluate("facts.coverage.line >= 80");
    expect(result.pass).toBe(false);
    expect(result.reason).toBe("facts.coverage.line is 72; needs ≥ 80");
    expect(result.read).toEqual([{ path: "facts.coverage.line", value: 72 }]);
  });

  it("explains each failing part of a conjunction and leaves out the passing ones", () => {
    const result = evaluate(
      'facts.coverage.line >= 70 && dora.changeFailureRate.band in ["elite", "high"] && catalog.tier == 1',
    );
    expect(result.pass).toBe(false);
    expect(result.reason).toBe('dora.changeFailureRate.band is "medium"; needs in ["elite", "high"]');
    expect(result.read.map((r) => r.path)).toEqual([
      "facts.coverage.line",
      "dora.changeFailureRate.band",
      "catalog.tier",
    ]);
    expect(result.read[2].value).toBe(1);
  });

  it("passes with the values it read as the reason", () => {
    const result = evaluate('facts.coverage.line >= 70 && tags.language == "go"');
    expect(result).toMatchObject({ pass: true, reason: 'facts.coverage.line is 72, tags.language is "go"' });
  });

  it("fails a missing fact with its name, never an error", () => {
    const result = evaluate("facts.sbom.present && facts.coverage.line >= 70");
    expect(result).toMatchObject({ pass: false, reason: "no fact `sbom`" });
    expect(result.read).toContainEqual({ path: "facts.sbom.present", value: undefined });
    // With no facts at all.
    expect(evaluate("facts.coverage.line >= 80", { facts: {} }).reason).toBe("no fact `coverage`");
    // The optional form handles absence itself.
    expect(evaluate("facts.?sbom.present.orValue(false) || true").pass).toBe(true);
  });

  it("reports a null figure (no data) instead of crashing", () => {
    const result = evaluate("dora.recovery.hours < 24.0");
    expect(result.pass).toBe(false);
    expect(result.reason).toBe("dora.recovery.hours is null; needs < 24.0 (no data)");
    expect(evaluate('dora.recovery.band == "none"').pass).toBe(true);
  });

  it("reads SLOs, the checklist, the review and tags", () => {
    expect(evaluate('slos.all(s, s.status != "burning")')).toMatchObject({
      pass: false,
      reason: '`slos.all(s, s.status != "burning")` is false',
    });
    expect(evaluate("size(checklist.requiredMissing) == 0").reason).toBe(
      "`size(checklist.requiredMissing) == 0` is false",
    );
    expect(evaluate("review.daysSinceApproval <= 30").reason).toBe("review.daysSinceApproval is 40; needs ≤ 30");
    expect(evaluate('"pci" in tags && !("sox" in tags)').pass).toBe(true);
  });

  it("evaluates a large fact within the cost estimate", () => {
    const images = Array.from({ length: 20_000 }, (_, i) => `img-${i}`);
    const result = evaluate('facts.images.all(i, i.startsWith("img-"))', {
      facts: { images },
    });
    expect(result.pass).toBe(true);
  });

  it("runs inside the scorecard: an expression rule decides a level like any other", () => {
    const facts: ServiceFacts = {
      tier: 1,
      catalog: {
        team: "payments",
        onCall: "x",
        runbookUrl: null,
        repoUrl: null,
        dashboardUrl: null,
        description: null,
      },
      checklist: null,
      dora: null,
      slos: [],
      lastProductionDeployAt: null,
      lastApprovedReviewAt: null,
      now: new Date("2026-12-07T00:00:00Z"),
      document: inputs(),
    };
    const rules = [
      {
        key: "owner",
        name: "Owner",
        level: "bronze" as const,
        weight: 1,
        enabled: true,
        check: { type: "catalog_field" as const, field: "team" as const },
      },
      {
        key: "coverage",
        name: "Coverage at least 80%",
        level: "silver" as const,
        weight: 1,
        enabled: true,
        check: { type: "expression" as const, expression: "facts.coverage.line >= 80" },
      },
      {
        key: "coverage-gold",
        name: "Coverage at least 90%",
        level: "gold" as const,
        weight: 1,
        enabled: true,
        check: { type: "expression" as const, expression: "facts.coverage.line >= 90" },
      },
    ];
    const result = evaluateScorecard(rules, facts);
    expect(result.level).toBe("bronze");
    expect(result.nextLevel?.failing[0]).toMatchObject({
      key: "coverage",
      reason: "facts.coverage.line is 72; needs ≥ 80",
    });
    const fixed = evaluateScorecard(rules, {
      ...facts,
      document: inputs({ facts: { coverage: { line: 81.5 } } }),
    });
    expect(fixed.level).toBe("silver");
  });
});
