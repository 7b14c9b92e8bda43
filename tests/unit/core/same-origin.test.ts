import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/core/url";

const base = "https://shipshape.example.com";

describe("sameOriginPath (the page after sign-in)", () => {
  it("keeps paths on this site, with their query and hash", () => {
    expect(sameOriginPath("/services/payments-api?tab=slos#x", base)).toBe("/services/payments-api?tab=slos#x");
    expect(sameOriginPath("https://shipshape.example.com/teams", base)).toBe("/teams");
    expect(sameOriginPath("", base)).toBe("/");
  });

  it("sends every way off the site home instead", () => {
    for (const url of [
      "//evil.com",
      "/\\evil.com",
      "\\\\evil.com",
      "https://evil.com/x",
      "javascript:alert(1)",
      "/\t/evil.com",
      "http://shipshape.example.com/",
    ]) {
      expect(sameOriginPath(url, base)).toBe("/");
    }
  });
});
