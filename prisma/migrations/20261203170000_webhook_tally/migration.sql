-- Rejected, replayed and ignored webhook deliveries, counted per source, UTC day and reason for the
-- Integrations page (accepted and unmatched ones are the WebhookDelivery rows themselves).

-- CreateTable
CREATE TABLE "WebhookTally" (
    "provider" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookTally_pkey" PRIMARY KEY ("provider","day","kind","reason"),
    CONSTRAINT "WebhookTally_kind_known" CHECK ("kind" IN ('rejected', 'duplicate', 'ignored'))
);

-- CreateIndex
CREATE INDEX "WebhookTally_day_idx" ON "WebhookTally"("day");
