-- The API's request counters move to a table of rate-limiter-flexible's Postgres store (expire in
-- epoch milliseconds): one upsert per request instead of the Prisma store's delete and upsert, sent
-- on connections that commit asynchronously (lib/core/api/rate-limit.ts). A counter is not an
-- accepted event: losing the last second of counts in a crash is harmless, and a request no longer
-- waits for its counter's WAL flush. Sign-in failures stay in "rate_limit".

-- CreateTable
CREATE TABLE "api_rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "api_rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "api_rate_limit_expire_idx" ON "api_rate_limit"("expire");

-- The API's counters so far.
DELETE FROM "rate_limit" WHERE key LIKE 'api:%';
