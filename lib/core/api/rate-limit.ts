import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/core/errors";
import { counterPool } from "@/lib/core/db/counter-pool";

// The API's rate limit: per actor (token or user), or per client address when anonymous or when
// authentication fails (so a flood of bad tokens is limited too). Generous: it protects the server,
// not a quota. SHIPSHAPE_RATE_LIMIT_PER_MINUTE changes it. The counters live in PostgreSQL (table
// api_rate_limit), shared by every replica; a key over its limit is then refused from memory until
// its minute ends, and an in-process limiter stands in should the store fail.
//
// Each request's count is one upsert, on connections of their own that commit asynchronously
// (lib/core/db/counter-pool.ts): a counter is not an accepted event.

const POINTS = Number(process.env.SHIPSHAPE_RATE_LIMIT_PER_MINUTE ?? 3000);

let limiter: RateLimiterPostgres | null = null;

function apiLimiter(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: counterPool(),
    tableName: "api_rate_limit",
    tableCreated: true, // by migration 20261207140000_api_rate_limit
    keyPrefix: "api",
    points: POINTS,
    duration: 60,
    clearExpiredByTimeout: false,
    inMemoryBlockOnConsumed: POINTS,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: "api", points: POINTS, duration: 60 }),
  });
  return limiter;
}

/** Counts a request against its key; over the limit, a 429 that says when to try again. */
export async function consumeRateLimit(key: string): Promise<void> {
  try {
    await apiLimiter().consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError("rate_limited", `Too many requests; retry in ${seconds} s`, undefined, seconds);
    }
    throw rejection;
  }
}
