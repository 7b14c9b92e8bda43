import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/core/format";
import { withParams } from "@/lib/core/url";

describe("formatDuration", () => {
  it.each([
    [0, "0m"],
    [59 * 60_000, "59m"],
    [95 * 60_000, "1h 35m"],
    [47 * 3_600_000, "47h 0m"],
    [3 * 86_400_000 + 5 * 3_600_000, "3d 5h"],
    [-5000, "0m"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("withParams", () => {
  it("replaces, adds and removes search params", () => {
    expect(withParams("/services", { q: "pay", page: "3" }, { page: undefined, sort: "tier" })).toBe(
      "/services?q=pay&sort=tier",
    );
    expect(withParams("/services", {}, {})).toBe("/services");
  });
});
