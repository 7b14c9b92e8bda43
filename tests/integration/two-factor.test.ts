import { afterEach, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { prisma } from "@/lib/core/db/client";
import { authenticateWithPassword, loadActiveUser } from "@/lib/access/server/users";
import {
  checkSecondFactor,
  confirmTotpEnrolment,
  disableTotp,
  startTotpEnrolment,
  twoFactorStatus,
} from "@/lib/access/server/two-factor";
import { listTeams } from "@/lib/catalog/server";
import { actorFor, makeUser } from "../support/factories";

// TOTP for password accounts: optional, enforceable per role, single-use codes, recovery codes,
// and the secret sealed at rest.

const STEP = 30;
const saved = process.env.AUTH_TOTP_REQUIRED_ROLES;
afterEach(() => {
  if (saved === undefined) delete process.env.AUTH_TOTP_REQUIRED_ROLES;
  else process.env.AUTH_TOTP_REQUIRED_ROLES = saved;
});

/** The code an authenticator app shows `stepsAhead` 30-second steps from now. */
const codeFor = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * STEP });

async function enrolled(role: "platform" | "engineer" = "engineer") {
  const user = await makeUser(prisma, { role });
  const actor = actorFor(user);
  const { secret, uri, qr } = await startTotpEnrolment(actor);
  expect(uri).toMatch(/^otpauth:\/\/totp\/Shipshape:/);
  expect(qr).toMatch(/^data:image\/png;base64,/);
  const { recoveryCodes } = await confirmTotpEnrolment(actor, await codeFor(secret));
  return { user, actor, secret, recoveryCodes };
}

describe("two-factor sign-in", () => {
  it("is off by default: a password alone signs in", async () => {
    const user = await makeUser(prisma, { role: "engineer" });
    expect(await authenticateWithPassword(user.email, user.password)).toMatchObject({ ok: true });
    expect(await twoFactorStatus(actorFor(user))).toMatchObject({ enabled: false, required: false, hasPassword: true });
  });

  it("turns on only with a right code from the pending secret, which is stored sealed", async () => {
    const user = await makeUser(prisma, { role: "engineer" });
    const actor = actorFor(user);
    const { secret } = await startTotpEnrolment(actor);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpPendingSecret).toMatch(/^sealed:v1:/);
    expect(row.totpPendingSecret).not.toContain(secret);
    await expect(confirmTotpEnrolment(actor, "000000")).rejects.toMatchObject({ code: "validation_failed" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
    const { recoveryCodes } = await confirmTotpEnrolment(actor, await codeFor(secret));
    expect(recoveryCodes).toHaveLength(10);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.totpEnabledAt).not.toBeNull();
    expect(after.totpSecret).toMatch(/^sealed:v1:/);
    expect(after.totpRecoveryHashes.join()).not.toContain(recoveryCodes[0].replace("-", ""));
    expect(await prisma.auditLog.count({ where: { action: "user.totp_enabled", entityId: user.id } })).toBe(1);
  });

  it("then asks for a code after the right password, refuses a wrong one, and accepts each code once", async () => {
    const { user, secret } = await enrolled();
    expect(await authenticateWithPassword(user.email, user.password)).toEqual({
      ok: false,
      reason: "second_factor_required",
    });
    // A wrong password never reaches the code question, so it tells an attacker nothing more.
    expect(await authenticateWithPassword(user.email, "wrong-password", "123456")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticateWithPassword(user.email, user.password, "999999")).toEqual({
      ok: false,
      reason: "second_factor_invalid",
    });
    const next = await codeFor(secret, 1); // enrolment spent the current step
    expect(await authenticateWithPassword(user.email, user.password, next)).toMatchObject({ ok: true });
    // Replayed (a phished code used twice, or two racing sign-ins): refused.
    expect(await authenticateWithPassword(user.email, user.password, next)).toEqual({
      ok: false,
      reason: "second_factor_invalid",
    });
    expect(
      await prisma.auditLog.count({
        where: {
          action: "auth.sign_in_failed",
          entityId: user.id,
          data: { path: ["reason"], equals: "wrong_second_factor" },
        },
      }),
    ).toBe(2);
  });

  it("lets two sign-ins racing with one code through only once", async () => {
    const { user, secret } = await enrolled();
    const code = await codeFor(secret, 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => checkSecondFactor(user.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("accepts each recovery code once, whatever its case and dashes", async () => {
    const { user, recoveryCodes } = await enrolled();
    const typed = ` ${recoveryCodes[3].toUpperCase().replace("-", " ")} `;
    expect(await authenticateWithPassword(user.email, user.password, typed)).toMatchObject({ ok: true });
    expect(await authenticateWithPassword(user.email, user.password, recoveryCodes[3])).toEqual({
      ok: false,
      reason: "second_factor_invalid",
    });
    expect(await twoFactorStatus(actorFor(user))).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
  });

  it("turns off with a current code only, and not when the role requires it", async () => {
    const { user, actor, secret } = await enrolled();
    await expect(disableTotp(actor, "000000")).rejects.toMatchObject({ code: "validation_failed" });
    process.env.AUTH_TOTP_REQUIRED_ROLES = "engineer";
    await expect(disableTotp(actor, await codeFor(secret, 1))).rejects.toMatchObject({ code: "forbidden" });
    delete process.env.AUTH_TOTP_REQUIRED_ROLES;
    await disableTotp(actor, await codeFor(secret, 1));
    expect(await authenticateWithPassword(user.email, user.password)).toMatchObject({ ok: true });
    expect(await prisma.auditLog.count({ where: { action: "user.totp_disabled", entityId: user.id } })).toBe(1);
  });
});

describe("a role that requires two-factor", () => {
  it("may do nothing but set it up: every read and write is refused with what to do", async () => {
    process.env.AUTH_TOTP_REQUIRED_ROLES = "platform";
    const user = await makeUser(prisma, { role: "platform" });
    const actor = await loadActiveUser(user.id);
    expect(actor).toMatchObject({ mustEnrolTotp: true });
    await expect(listTeams(actor!)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/Set up two-factor authentication/),
    });

    // Setting it up lifts the restriction on the next request.
    const { secret } = await startTotpEnrolment(actor!);
    await confirmTotpEnrolment(actor!, await codeFor(secret));
    const after = await loadActiveUser(user.id);
    expect(after?.mustEnrolTotp).toBeUndefined();
    await expect(listTeams(after!)).resolves.toBeDefined();
  });

  it("does not touch other roles, nor accounts without a password (SSO has its own factor)", async () => {
    process.env.AUTH_TOTP_REQUIRED_ROLES = "platform";
    const engineer = await makeUser(prisma, { role: "engineer" });
    expect((await loadActiveUser(engineer.id))?.mustEnrolTotp).toBeUndefined();
    const sso = await makeUser(prisma, { role: "platform" });
    await prisma.user.update({ where: { id: sso.id }, data: { passwordHash: null } });
    expect((await loadActiveUser(sso.id))?.mustEnrolTotp).toBeUndefined();
  });
});
