import "server-only";
import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { prisma } from "@/lib/core/db/client";
import { recordAudit } from "@/lib/core/db/audit";
import { AppError, forbidden } from "@/lib/core/errors";
import { openSecret, sealSecret } from "@/lib/core/secret-box";
import type { UserActor } from "@/lib/core/auth/permissions";
import { asTotpCode, normaliseRecoveryCode, requiredTotpRoles } from "@/lib/access/domain/two-factor-policy";

// Optional TOTP (RFC 6238, otplib) for password accounts, and enforceable per role with
// AUTH_TOTP_REQUIRED_ROLES. The secret is stored sealed; each accepted code's time step is kept, so
// a code works once (replay); ten single-use recovery codes, stored as SHA-256, stand in for a lost
// device.

const ISSUER = "Shipshape";
const RECOVERY_CODES = 10;
/** One 30-second step either side, for clocks that drift. */
const TOLERANCE_SECONDS = 30;

const hashRecovery = (code: string) => crypto.createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = crypto.randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** The RFC 6238 time step a code matched, or null when it does not match. */
async function matchedStep(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  const token = asTotpCode(code);
  if (!token) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

function invalidCode(message = "That code is not right (or was already used). Enter the current one from your app.") {
  return new AppError("validation_failed", message, [{ path: "code", message }]);
}

export type TTotpStatus = { enabled: boolean; enabledAt: Date | null; required: boolean; recoveryCodesLeft: number };

export async function twoFactorStatus(actor: UserActor): Promise<TTotpStatus & { hasPassword: boolean }> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { role: true, passwordHash: true, totpEnabledAt: true, totpRecoveryHashes: true },
  });
  return {
    enabled: user.totpEnabledAt !== null,
    enabledAt: user.totpEnabledAt,
    required: requiredTotpRoles(process.env.AUTH_TOTP_REQUIRED_ROLES).has(user.role),
    recoveryCodesLeft: user.totpRecoveryHashes.length,
    hasPassword: user.passwordHash !== null,
  };
}

/** Step 1: a new secret, kept pending until a code from it is confirmed. The QR code is a data: URL. */
export async function startTotpEnrolment(actor: UserActor): Promise<{ secret: string; uri: string; qr: string }> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { email: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user.passwordHash)
    throw forbidden("Two-factor authentication here is for password sign-in; use your SSO provider's");
  if (user.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already on");
  const secret = generateSecret();
  await prisma.user.update({ where: { id: actor.id }, data: { totpPendingSecret: sealSecret(secret) } });
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 192 }) };
}

/** Step 2: the first correct code turns it on; the recovery codes are returned this once. */
export async function confirmTotpEnrolment(actor: UserActor, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { totpPendingSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already on");
  if (!user.totpPendingSecret) throw new AppError("conflict", "Start the set-up again: no pending secret");
  const secret = openSecret(user.totpPendingSecret);
  const step = await matchedStep(secret, code, null);
  if (step === null) throw invalidCode();
  const recoveryCodes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: step,
        totpRecoveryHashes: recoveryCodes.map(hashRecovery),
      },
    });
    if (count === 0) throw new AppError("conflict", "Two-factor set-up changed meanwhile; start again");
    await recordAudit(tx, actor, { action: "user.totp_enabled", entityType: "user", entityId: actor.id });
  });
  return { recoveryCodes };
}

/** Turns it off with a current code (or a recovery code); refused when the user's role requires it. */
export async function disableTotp(actor: UserActor, code: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true } });
  if (requiredTotpRoles(process.env.AUTH_TOTP_REQUIRED_ROLES).has(user.role))
    throw forbidden(`Two-factor authentication is required for the ${user.role} role on this server`);
  if (!(await checkSecondFactor(actor.id, code))) throw invalidCode();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: {
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        totpRecoveryHashes: [],
      },
    });
    await recordAudit(tx, actor, { action: "user.totp_disabled", entityType: "user", entityId: actor.id });
  });
}

/**
 * Whether `code` is the user's current TOTP code (used at most once: its time step must be later
 * than the last accepted one) or one of their unused recovery codes (then spent). Each check and
 * its update are one conditional statement, so two sign-ins racing with one code cannot both pass.
 */
export async function checkSecondFactor(userId: string, code: string): Promise<boolean> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true, totpRecoveryHashes: true },
  });
  if (!user?.totpSecret) return false;
  if (asTotpCode(code)) {
    const step = await matchedStep(openSecret(user.totpSecret), code, user.totpLastStep);
    if (step === null) return false;
    const { count } = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }
  const hash = hashRecovery(code);
  if (!user.totpRecoveryHashes.includes(hash)) return false;
  const spent = await prisma.$executeRaw`
    UPDATE "User" SET "totpRecoveryHashes" = array_remove("totpRecoveryHashes", ${hash})
    WHERE id = ${userId}::uuid AND ${hash} = ANY("totpRecoveryHashes")`;
  return spent === 1;
}
