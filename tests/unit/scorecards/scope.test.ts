import { describe, expect, it } from "vitest";
import { ZScorecardScope, describeScope, inScope, normaliseScope } from "@/lib/scorecards/domain/scope";
import { parseScorecardYaml, scorecardToYaml } from "@/lib/scorecards/domain/document";

const svc = { tier: 1, type: "service", lifecycle: "production", team: "payments", tags: { pci: "", language: "go" } };

describe("scorecard scope", () => {
  it("includes every service when empty, and requires every set part to match", () => {
    expect(inScope({}, svc)).toBe(true);
    expect(inScope({ tiers: [1, 2] }, svc)).toBe(true);
    expect(inScope({ tiers: [2, 3] }, svc)).toBe(false);
    expect(inScope({ types: ["data-pipeline"] }, svc)).toBe(false);
    expect(inScope({ lifecycles: ["production"], teams: ["payments", "checkout"] }, svc)).toBe(true);
    expect(inScope({ teams: ["checkout"] }, svc)).toBe(false);
    expect(inScope({ tags: ["pci", "language:go"] }, svc)).toBe(true);
    expect(inScope({ tags: ["pci", "language:java"] }, svc)).toBe(false);
    expect(inScope({ tags: ["sox"] }, svc)).toBe(false);
    expect(inScope({ tiers: [1], tags: ["pci"] }, { ...svc, tier: 2 })).toBe(false);
  });

  it("refuses unknown parts and values, naming them", () => {
    const bad = ZScorecardScope.safeParse({ tiers: [4], owners: ["x"], tags: ["has space"] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["tiers.0", "tags.0"]));
    expect(bad.error!.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });

  it("reads as a sentence, and empty parts vanish", () => {
    expect(describeScope({})).toBe("every service");
    expect(describeScope({ tiers: [2, 1], lifecycles: ["production"], teams: ["payments"], tags: ["pci"] })).toBe(
      "tier 1 and 2 · production · team payments · tagged pci",
    );
    expect(normaliseScope({ tiers: [], teams: ["b", "a", "b"] })).toEqual({ teams: ["a", "b"] });
  });

  it("round-trips through the scorecard's YAML, and an empty scope is not written", () => {
    const yaml = `key: tier-one
name: Tier 1
scope:
  tiers: [1]
  tags: [pci]
rules:
  - { key: rule-one, name: Rule one, level: bronze, check: { type: slo_count } }
`;
    const doc = parseScorecardYaml(yaml);
    expect(doc.scope).toEqual({ tiers: [1], tags: ["pci"] });
    expect(parseScorecardYaml(scorecardToYaml(doc))).toEqual(doc);
    expect(scorecardToYaml({ ...doc, scope: {} })).not.toContain("scope");
  });
});
