-- Rework derived, and monorepos.
--
-- A deployment may name the deployment it fixes, reverts or rolls back ("fixes", an externalId of
-- the same service, given to the API or derived from GitHub and GitLab conventions:
-- lib/delivery/server/derived-fixes.ts). The deployment it names counts as failed for the change
-- failure rate, beside those an incident is linked to, when the fixing one is counted (success,
-- production); the fixing one counts as rework. The daily rollups follow (shipshape_delivery_days).
--
-- A repository may be shared by several services, each by its path prefixes or pull request labels.
-- At most one service holds a whole repository (no paths, no labels).

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "sha" TEXT,
ADD COLUMN "fixes" TEXT,
ADD COLUMN "fixRule" TEXT,
ADD COLUMN "fixesDeploymentId" UUID,
ADD CONSTRAINT "Deployment_fixes_other" CHECK ("fixesDeploymentId" IS DISTINCT FROM "id"),
ADD CONSTRAINT "Deployment_fixRule_known" CHECK ("fixRule" IS NULL OR "fixRule" IN ('explicit', 'revert', 'rollback', 'hotfix'));

-- CreateIndex
CREATE INDEX "Deployment_fixesDeploymentId_idx" ON "Deployment"("fixesDeploymentId");
CREATE INDEX "Deployment_serviceId_fixes_idx" ON "Deployment"("serviceId", "fixes");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_fixesDeploymentId_fkey" FOREIGN KEY ("fixesDeploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "GitPushCommit" ADD COLUMN "paths" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "pathsKnown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "revertsSha" TEXT,
ADD COLUMN "revertsPr" INTEGER;

-- AlterTable
ALTER TABLE "GitPullRequest" ADD COLUMN "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "revertsNumber" INTEGER;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN "repoPaths" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "repoLabels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- DropIndex
DROP INDEX "Service_repoSlug_key";

-- CreateIndex
CREATE INDEX "Service_repoSlug_idx" ON "Service"("repoSlug");

-- One whole-repository holder per repository; services scoped by paths or labels share it.
CREATE UNIQUE INDEX "Service_repoSlug_whole_key" ON "Service"("repoSlug")
  WHERE "repoSlug" IS NOT NULL AND cardinality("repoPaths") = 0 AND cardinality("repoLabels") = 0;

-- A deployment fixed by a counted deployment is failed.
CREATE OR REPLACE FUNCTION shipshape_delivery_days(p_services uuid[], p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
  "serviceId" uuid, day date, deployments integer, rework integer, failed integer,
  "leadMinutes" integer[], "codingMinutes" integer[], "reviewMinutes" integer[], "deployMinutes" integer[],
  undated integer
)
LANGUAGE sql STABLE AS $$
  WITH win AS (
    SELECT d.id, d."serviceId" AS sid, d."finishedAt" AS f, d.rework, (d."finishedAt" AT TIME ZONE 'UTC')::date AS day
    FROM "Deployment" d
    WHERE d."serviceId" = ANY (p_services) AND d.status = 'success' AND d.environment = 'production'
      AND d."finishedAt" >= p_from AND d."finishedAt" < p_to
  ),
  deps AS (
    SELECT win.*, (EXISTS (SELECT 1 FROM "Incident" i WHERE i."linkedDeploymentId" = win.id)
      OR EXISTS (SELECT 1 FROM "Deployment" f WHERE f."fixesDeploymentId" = win.id AND f.status = 'success' AND f.environment = 'production')) AS failed
    FROM win
  ),
  prs AS (
    SELECT deps.sid, deps.day,
      greatest(0, coalesce(ceil(extract(epoch FROM (p."openedAt" - p."firstCommitAt")) / 60), 0))::int AS coding,
      greatest(0, coalesce(ceil(extract(epoch FROM (p."mergedAt" - p."openedAt")) / 60), 0))::int AS review,
      greatest(0, coalesce(ceil(extract(epoch FROM (deps.f - p."mergedAt")) / 60), 0))::int AS deploy
    FROM deps CROSS JOIN LATERAL (
      SELECT * FROM "DeploymentPullRequest" p WHERE p."deploymentId" = deps.id OFFSET 0 -- by index, per deployment
    ) p
  ),
  fresh AS (
    SELECT deps.sid, deps.day, c."authoredAt" IS NULL AS undated, ceil(extract(epoch FROM (deps.f - c."authoredAt")) / 60) AS minutes
    FROM deps CROSS JOIN LATERAL (
      SELECT * FROM "DeploymentCommit" c WHERE c."deploymentId" = deps.id OFFSET 0 -- by index, per deployment
    ) c
    WHERE NOT c."shippedBefore"
      AND NOT EXISTS (SELECT 1 FROM "DeploymentPullRequest" p WHERE p."deploymentId" = deps.id)
  ),
  counts AS (
    SELECT sid, day, count(*)::int AS n, (count(*) FILTER (WHERE rework))::int AS rework, (count(*) FILTER (WHERE failed))::int AS failed
    FROM deps GROUP BY sid, day
  ),
  pr_samples AS (
    SELECT sid, day, array_agg(coding + review + deploy ORDER BY coding + review + deploy) AS lead,
      array_agg(coding ORDER BY coding) AS coding, array_agg(review ORDER BY review) AS review, array_agg(deploy ORDER BY deploy) AS deploy
    FROM prs GROUP BY sid, day
  ),
  commit_samples AS (
    SELECT sid, day,
      array_agg(minutes::int ORDER BY minutes) FILTER (WHERE NOT undated AND minutes > 0) AS lead,
      (count(*) FILTER (WHERE undated))::int AS undated
    FROM fresh GROUP BY sid, day
  )
  SELECT counts.sid, counts.day, counts.n, counts.rework, counts.failed,
    coalesce(pr_samples.lead, '{}') || coalesce(commit_samples.lead, '{}'),
    coalesce(pr_samples.coding, '{}'), coalesce(pr_samples.review, '{}'), coalesce(pr_samples.deploy, '{}'),
    coalesce(commit_samples.undated, 0)
  FROM counts
  LEFT JOIN pr_samples USING (sid, day)
  LEFT JOIN commit_samples USING (sid, day)
$$;

-- A counted deployment that fixes another, written or removed, changes that one's day too.
CREATE OR REPLACE FUNCTION shipshape_deployments_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM shipshape_deployments_stale_for(array_agg(n.id), array_agg(n."serviceId"), array_agg(n."finishedAt"))
    FROM new_rows n WHERE n.status = 'success' AND n.environment = 'production' HAVING count(*) > 0;
    PERFORM shipshape_incidents_stale_for(array_agg(n."fixesDeploymentId"))
    FROM new_rows n WHERE n.status = 'success' AND n.environment = 'production' AND n."fixesDeploymentId" IS NOT NULL HAVING count(*) > 0;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM shipshape_deployments_stale_for(array_agg(o.id), array_agg(o."serviceId"), array_agg(o."finishedAt"))
    FROM old_rows o WHERE o.status = 'success' AND o.environment = 'production' HAVING count(*) > 0;
    PERFORM shipshape_incidents_stale_for(array_agg(o."fixesDeploymentId"))
    FROM old_rows o WHERE o.status = 'success' AND o.environment = 'production' AND o."fixesDeploymentId" IS NOT NULL HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;
-- A deployment's "fixes" resolves to the deployment of the same service with that externalId, and a
-- fixing deployment is rework, whatever writes it. One that arrives before the deployment it names
-- is linked when that one arrives (the update marks the fixed day stale, above).
CREATE FUNCTION shipshape_deployment_fix_resolved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.fixes IS NULL THEN
    NEW."fixesDeploymentId" := NULL;
    NEW."fixRule" := NULL;
  ELSE
    NEW.rework := true;
    NEW."fixRule" := coalesce(NEW."fixRule", 'explicit');
    NEW."fixesDeploymentId" := (
      SELECT d.id FROM "Deployment" d WHERE d."serviceId" = NEW."serviceId" AND d."externalId" = NEW.fixes AND d.id <> NEW.id
    );
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER deployment_fix_resolved BEFORE INSERT OR UPDATE OF fixes, "serviceId" ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION shipshape_deployment_fix_resolved();

CREATE FUNCTION shipshape_deployment_fixes_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Deployment" f SET "fixesDeploymentId" = n.id
  FROM new_rows n
  WHERE f."serviceId" = n."serviceId" AND f.fixes = n."externalId" AND f."fixesDeploymentId" IS NULL AND f.id <> n.id;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_fixes_waiting AFTER INSERT ON "Deployment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_fixes_waiting();
