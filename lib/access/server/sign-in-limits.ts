import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/core/db/client";

// Failed sign-ins are limited per account and per client address. The counters live in PostgreSQL
// (rate-limiter-flexible's Prisma store, table rate_limit), so they hold across restarts and
// replicas; should the store fail, an in-process limiter stands in rather than letting all through.
const WINDOW_SECONDS = 15 * 60;

export const SIGN_IN_LIMITS = {
  perAccount: Number(process.env.SHIPSHAPE_SIGNIN_FAILURES_PER_ACCOUNT ?? 10),
  perAddress: Number(process.env.SHIPSHAPE_SIGNIN_FAILURES_PER_ADDRESS ?? 50),
  windowSeconds: WINDOW_SECONDS,
};

function limiter(keyPrefix: string, points: number) {
  return new RateLimiterPrisma({
    storeClient: prisma,
    tableName: "rateLimit",
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS }),
  });
}

const perAccount = limiter("signin-account", SIGN_IN_LIMITS.perAccount);
const perAddress = limiter("signin-address", SIGN_IN_LIMITS.perAddress);

const accountKey = (email: string) => email.trim().toLowerCase().slice(0, 200);

/** Seconds until this account and address may try again; 0 when they may now. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const [account, client] = await Promise.all([perAccount.get(accountKey(email)), perAddress.get(address)]);
  const blocked = [
    account && account.consumedPoints >= SIGN_IN_LIMITS.perAccount ? account : null,
    client && client.consumedPoints >= SIGN_IN_LIMITS.perAddress ? client : null,
  ].filter((r): r is RateLimiterRes => r !== null);
  if (blocked.length === 0) return 0;
  return Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000));
}

/** Counts a failed attempt against the account and the address. */
export async function recordSignInFailure(email: string, address: string): Promise<void> {
  await Promise.all([perAccount.penalty(accountKey(email), 1), perAddress.penalty(address, 1)]);
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export async function recordSignInSuccess(email: string): Promise<void> {
  await perAccount.delete(accountKey(email));
}

/** Expired counters, for the retention job. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
