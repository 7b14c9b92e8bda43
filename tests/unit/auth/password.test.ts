import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from "@/lib/access/domain/password";

describe("password hashing (bcrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("rejects when there is no hash (unknown user or SSO-only account)", async () => {
    expect(await verifyPasswordOrDummy("anything", null)).toBe(false);
    expect(await verifyPasswordOrDummy("anything", undefined)).toBe(false);
  });
});
