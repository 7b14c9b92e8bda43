import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  describeCheck,
  parseScorecardYaml,
  rulesFromDocument,
  scorecardToYaml,
} from "@/lib/scorecards/domain/document";

const shipped = fs.readFileSync("prisma/seed/scorecards/production-readiness.yaml", "utf8");

describe("scorecard YAML", () => {
  it("parses the shipped default: the contract's rules at each level", () => {
    const doc = parseScorecardYaml(shipped);
    const byLevel = (l: string) => doc.rules.filter((r) => r.level === l).map((r) => r.check.type);
    expect(byLevel("bronze")).toEqual(["catalog_field", "catalog_field", "catalog_field", "checklist_required"]);
    expect(byLevel("silver")).toEqual([
      "checklist_required",
      "slo_count",
      "deployed_within_days",
      "slo_none_in_status",
    ]);
    expect(byLevel("gold")).toEqual([
      "dora_band",
      "dora_band",
      "dora_band",
      "checklist_complete",
      "slo_none_in_status",
      "review_approved_within_days",
    ]);
    expect(doc.rules.find((r) => r.key === "ownership-items")?.check).toEqual({
      type: "checklist_required",
      category: "ownership",
      accept: ["done"],
    });
    expect(doc.rules.find((r) => r.key === "review-approved")?.check).toEqual({
      type: "review_approved_within_days",
      days: 180,
    });
  });

  it("round-trips through the export format", () => {
    const doc = parseScorecardYaml(shipped);
    expect(parseScorecardYaml(scorecardToYaml(doc))).toEqual(doc);
    expect(rulesFromDocument(doc)).toHaveLength(doc.rules.length);
  });

  it("names the bad field: unknown check type, duplicate key, bad level, invalid YAML", () => {
    const base = "key: x-card\nname: X\nrules:\n";
    expect(() =>
      parseScorecardYaml(`${base}  - { key: a-rule, name: A rule, level: silver, check: { type: magic } }`),
    ).toThrow(/rules\.0\.check\.type/);
    expect(() =>
      parseScorecardYaml(
        `${base}  - { key: a-rule, name: A rule, level: silver, check: { type: slo_count } }\n  - { key: a-rule, name: A rule, level: gold, check: { type: slo_count } }`,
      ),
    ).toThrow(/duplicate rule key "a-rule"/);
    expect(() =>
      parseScorecardYaml(`${base}  - { key: a-rule, name: A rule, level: platinum, check: { type: slo_count } }`),
    ).toThrow(/bronze, silver or gold/);
    expect(() => parseScorecardYaml("key: [unclosed")).toThrow(/not valid YAML/);
  });

  it("describes each check in words", () => {
    expect(describeCheck({ type: "dora_band", metric: "changeFailureRate", atLeast: "high" })).toBe(
      "Change failure rate band high or better (last 90 days)",
    );
    expect(describeCheck({ type: "slo_count", min: 2 })).toBe("At least 2 SLOs");
  });
});
