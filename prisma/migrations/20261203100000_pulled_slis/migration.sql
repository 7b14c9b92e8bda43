-- Pulled SLIs: an SLO may read its samples from a Prometheus-compatible API, and every write of
-- samples marks the SLO for the alert check.
ALTER TABLE "Slo" ADD COLUMN "samplesChangedAt" TIMESTAMPTZ(3),
ADD COLUMN "alertsCheckedAt" TIMESTAMPTZ(3);

CREATE TABLE "SloSource" (
    "sloId" UUID NOT NULL,
    "url" TEXT,
    "authSealed" TEXT,
    "goodQuery" TEXT,
    "errorQuery" TEXT,
    "totalQuery" TEXT NOT NULL,
    "cursor" TIMESTAMPTZ(3),
    "lastRunAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastWritten" INTEGER NOT NULL DEFAULT 0,
    "lastMissing" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SloSource_pkey" PRIMARY KEY ("sloId"),
    CONSTRAINT "SloSource_one_query_pair" CHECK (("goodQuery" IS NULL) <> ("errorQuery" IS NULL))
);

ALTER TABLE "SloSource" ADD CONSTRAINT "SloSource_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The alert check finds the SLOs whose samples changed since it last looked.
CREATE INDEX "Slo_alerts_due_idx" ON "Slo" ("samplesChangedAt") WHERE "samplesChangedAt" IS NOT NULL;
