-- Open scorecards, part one: tags on services (a JSON object of string values) and custom facts
-- per service with their history (lib/catalog/server/facts.ts).

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "tags" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ServiceFact" (
    "serviceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "tokenId" UUID,

    CONSTRAINT "ServiceFact_pkey" PRIMARY KEY ("serviceId","key")
);

-- CreateTable
CREATE TABLE "ServiceFactRevision" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL,
    "tokenId" UUID,

    CONSTRAINT "ServiceFactRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ServiceFact_key_idx" ON "ServiceFact"("key");

-- CreateIndex
CREATE INDEX "ServiceFactRevision_serviceId_key_id_idx" ON "ServiceFactRevision"("serviceId", "key", "id" DESC);

-- CreateIndex
CREATE INDEX "Service_tags_idx" ON "Service" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "ServiceFact" ADD CONSTRAINT "ServiceFact_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceFactRevision" ADD CONSTRAINT "ServiceFactRevision_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tags are an object of strings ({"pci": "true", "java": ""}); the API validates them, this keeps
-- any other writer honest.
ALTER TABLE "Service" ADD CONSTRAINT "Service_tags_object" CHECK (jsonb_typeof("tags") = 'object');
