import { describe, expect, it } from "vitest";
import { generateToken, hashToken, TOKEN_PREFIX, tokenDisplayPrefix } from "@/lib/access/server/token-secrets";

describe("API tokens", () => {
  it("are prefixed, random and long enough to resist guessing", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(a.length - TOKEN_PREFIX.length).toBeGreaterThanOrEqual(43); // 32 bytes in base64url
  });

  it("hash to a stable SHA-256 that does not contain the token", () => {
    const t = generateToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t.slice(TOKEN_PREFIX.length, 20));
    // the published SHA-256 of "abc"
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("show only a short prefix for recognition", () => {
    const t = generateToken();
    expect(tokenDisplayPrefix(t)).toBe(t.slice(0, TOKEN_PREFIX.length + 6));
  });
});
