import { describe, expect, it } from "vitest";
import { routePattern } from "@/lib/core/metrics";

// Metrics label requests by route pattern, so the label set stays bounded whatever paths arrive.
describe("routePattern", () => {
  it("puts the matched path parameters back as their names", () => {
    expect(routePattern("/api/v1/services/checkout/gate", { slug: "checkout" })).toBe("/api/v1/services/[slug]/gate");
    expect(
      routePattern("/api/v1/services/checkout/checklist/items/runbook", { slug: "checkout", key: "runbook" }),
    ).toBe("/api/v1/services/[slug]/checklist/items/[key]");
  });

  it("folds a catch-all into one segment, so unknown API paths share one label", () => {
    expect(routePattern("/api/v1/no/such/thing", { path: ["no", "such", "thing"] })).toBe("/api/v1/[...path]");
  });

  it("matches encoded values, and leaves paths without parameters as they are", () => {
    expect(routePattern("/api/v1/teams/a%20b/dora", { slug: "a b" })).toBe("/api/v1/teams/[slug]/dora");
    expect(routePattern("/api/v1/teams", {})).toBe("/api/v1/teams");
  });
});
