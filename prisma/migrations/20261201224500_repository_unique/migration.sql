-- One service per repository. Where several services named the same repository, the oldest keeps
-- it; the others lose the link (their repoUrl stays), and the audit log says which and why.
INSERT INTO "AuditLog" ("id", "actorType", "actorId", "actorLabel", "action", "entityType", "entityId", "serviceId", "data")
SELECT gen_random_uuid(), 'system', NULL, 'system', 'service.repository_unlinked', 'service', s."id"::text, s."id",
       jsonb_build_object('repoSlug', s."repoSlug", 'reason', 'another service already names this repository')
FROM "Service" s
WHERE s."repoSlug" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "Service" o
    WHERE o."repoSlug" = s."repoSlug"
      AND (o."createdAt" < s."createdAt" OR (o."createdAt" = s."createdAt" AND o."id" < s."id"))
  );

UPDATE "Service" s SET "repoSlug" = NULL
WHERE s."repoSlug" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "Service" o
    WHERE o."repoSlug" = s."repoSlug"
      AND (o."createdAt" < s."createdAt" OR (o."createdAt" = s."createdAt" AND o."id" < s."id"))
  );

-- DropIndex
DROP INDEX "Service_repoSlug_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Service_repoSlug_key" ON "Service"("repoSlug");
