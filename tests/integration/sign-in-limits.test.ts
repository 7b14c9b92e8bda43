// Failed sign-ins are counted in PostgreSQL (table rate_limit) per account and per address.
import { describe, expect, it } from "vitest";
import {
  recordSignInFailure,
  recordSignInSuccess,
  SIGN_IN_LIMITS,
  signInRetryAfter,
} from "@/lib/access/server/sign-in-limits";
import { prisma } from "@/lib/core/db/client";
import { uniq } from "../support/factories";

describe("sign-in limits", () => {
  it("block an account after its allowed failures, for the rest of the window, from any address", async () => {
    const email = `${uniq("victim")}@x.example`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await signInRetryAfter(email, `198.51.100.${i}`)).toBe(0);
      await recordSignInFailure(email, `198.51.100.${i}`);
    }
    const wait = await signInRetryAfter(email, "203.0.113.200");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
    expect(await prisma.rateLimit.count({ where: { key: { contains: email } } })).toBe(1);
  });

  it("block an address that tries many accounts, and clear an account's count on success", async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250)}-${uniq("a")}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await recordSignInFailure(`${uniq("u")}@x.example`, address);
    expect(await signInRetryAfter(`${uniq("fresh")}@x.example`, address)).toBeGreaterThan(0);

    const email = `${uniq("typo")}@x.example`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await recordSignInFailure(email, "203.0.113.7");
    await recordSignInSuccess(email);
    await recordSignInFailure(email, "203.0.113.7");
    expect(await signInRetryAfter(email, "203.0.113.8")).toBe(0);
  });
});
