-- AlterTable
ALTER TABLE "NotificationDelivery" ADD COLUMN     "requestId" TEXT;

-- CreateTable
CREATE TABLE "ViewCache" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ViewCache_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ViewCache_expiresAt_idx" ON "ViewCache"("expiresAt");
