import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  canonicalTemplate,
  decideImport,
  parseTemplateYaml,
  planUpgrade,
  templateToYaml,
} from "@/lib/readiness/domain/template";

const dir = path.resolve("prisma/seed/templates");
const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");

const base = `
key: demo
name: Demo
serviceType: service
categories:
  - key: core
    name: Core
    items:
      - { key: one, title: First item, requiredForTiers: [1, 2] }
      - { key: two, title: Second item, weight: 3 }
`;

describe("shipped templates", () => {
  it.each([
    ["production-readiness.yaml", "service", 35, 40],
    ["data-pipeline-readiness.yaml", "data-pipeline", 12, 25],
    ["ml-model-readiness.yaml", "ml-model", 12, 25],
  ])("%s parses, targets %s and has a sensible number of items", (file, type, min, max) => {
    const doc = parseTemplateYaml(read(file));
    expect(doc.serviceType).toBe(type);
    const items = doc.categories.flatMap((c) => c.items);
    expect(items.length).toBeGreaterThanOrEqual(min);
    expect(items.length).toBeLessThanOrEqual(max);
    expect(items.every((i) => i.guidance.length > 20)).toBe(true);
  });

  it("the production readiness template covers the ten categories of the review", () => {
    const doc = parseTemplateYaml(read("production-readiness.yaml"));
    expect(doc.categories.map((c) => c.key)).toEqual([
      "ownership",
      "slos-alerting",
      "release",
      "resilience",
      "capacity",
      "observability",
      "data",
      "security",
      "incidents",
      "cost",
    ]);
  });
});

describe("template parsing", () => {
  it("applies defaults (weight 1, no tiers, empty guidance)", () => {
    const doc = parseTemplateYaml(base);
    expect(doc.categories[0].items[1]).toEqual({
      key: "two",
      title: "Second item",
      guidance: "",
      requiredForTiers: [],
      weight: 3,
    });
  });

  it("rejects invalid YAML and invalid fields with the field's path", () => {
    expect(() => parseTemplateYaml("key: [unclosed")).toThrow(/not valid YAML/);
    expect(() => parseTemplateYaml(base.replace("requiredForTiers: [1, 2]", "requiredForTiers: [4]"))).toThrow(
      /categories\.0\.items\.0\.requiredForTiers\.0 must be 1, 2 or 3/,
    );
    expect(() => parseTemplateYaml(base.replace("key: two", "key: one"))).toThrow(/duplicate item key "one"/);
    expect(() => parseTemplateYaml(base.replace("serviceType: service", "serviceType: lambda"))).toThrow(/serviceType/);
  });

  it("round-trips through export: exporting and re-importing changes nothing", () => {
    const doc = parseTemplateYaml(read("production-readiness.yaml"));
    const again = parseTemplateYaml(templateToYaml(doc));
    expect(canonicalTemplate(again)).toBe(canonicalTemplate(doc));
  });
});

describe("template versioning", () => {
  const v1 = parseTemplateYaml(base);

  it("creates version 1 for a new key", () => {
    expect(decideImport(v1, null)).toEqual({ action: "create", version: 1 });
  });

  it("treats the same content as unchanged, whatever the formatting or tier order", () => {
    const reformatted = parseTemplateYaml(base.replace("[1, 2]", "[2, 1]").replace("key: demo", "key:    demo"));
    expect(decideImport(reformatted, { version: 4, document: v1 })).toEqual({ action: "unchanged", version: 4 });
  });

  it("creates the next version when anything changes", () => {
    const edited = parseTemplateYaml(base.replace("Second item", "Second item reworded"));
    expect(decideImport(edited, { version: 4, document: v1 })).toEqual({ action: "create", version: 5 });
  });

  it("plans an upgrade: new items appear, answers of kept items stay, removed items drop out", () => {
    const v2 = parseTemplateYaml(
      base
        .replace(
          "      - { key: two, title: Second item, weight: 3 }",
          "      - { key: two, title: Second item, weight: 5 }\n      - { key: three, title: Third item }",
        )
        .replace("      - { key: one, title: First item, requiredForTiers: [1, 2] }\n", ""),
    );
    expect(planUpgrade(v1, v2)).toEqual({ added: ["three"], removed: ["one"], kept: ["two"], changed: ["two"] });
  });
});
