-- Scheduled catalog sync: which services a sync manages, and a log of its runs.
ALTER TABLE "Service" ADD COLUMN "catalogSource" TEXT;

CREATE TABLE "CatalogSyncRun" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "archived" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "CatalogSyncRun_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CatalogSyncRun_startedAt_idx" ON "CatalogSyncRun"("startedAt");

-- The Integrations page counts the last 30 days of webhook deliveries per source.
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");
