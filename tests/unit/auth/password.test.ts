import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from "@/lib/access/server/password";

describe("password hashing (bcrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("verifies hashes made by the earlier pure-JS bcrypt ($2a$)", async () => {
    const legacy = "$2a$10$NRT8ZXLMwCaY7yHCQNBrMumJ3B7ptCEqi/21m6ntqQc33akWz.kQe";
    expect(await verifyPassword("legacy password", legacy)).toBe(true);
    expect(await verifyPassword("legacy passwork", legacy)).toBe(false);
  });

  it("rejects when there is no hash (unknown user or SSO-only account)", async () => {
    expect(await verifyPasswordOrDummy("anything", null)).toBe(false);
    expect(await verifyPasswordOrDummy("anything", undefined)).toBe(false);
  });
});
