-- A deployment's commit is a lead-time sample only if no successful production deployment of the
-- same service that finished strictly earlier shipped the same sha (CONTRACT §4). That used to be
-- an anti-join in every lead-time query: over the whole organisation, most of the query's time.
-- It is now a column, fixed when the rows are written and corrected by the triggers below when a
-- later write changes it: a backfilled earlier deployment, a deployment whose status, environment
-- or finish time changes, or one that is deleted.

ALTER TABLE "DeploymentCommit" ADD COLUMN "shippedBefore" BOOLEAN NOT NULL DEFAULT false;

-- Recomputes the flag of every commit row of the given (service, sha) pairs: shipped before when a
-- counted deployment of that service shipped the sha and finished strictly before this row's.
CREATE FUNCTION shipshape_refresh_shipped_before(service_ids uuid[], shas text[]) RETURNS void
LANGUAGE sql AS $$
  WITH pairs AS (
    SELECT DISTINCT p.service_id, p.sha FROM unnest(service_ids, shas) AS p(service_id, sha)
  ),
  firsts AS (
    SELECT pairs.service_id, pairs.sha, min(d."finishedAt") AS first
    FROM pairs
    JOIN "DeploymentCommit" c ON c."serviceId" = pairs.service_id AND c.sha = pairs.sha
    JOIN "Deployment" d ON d.id = c."deploymentId"
    WHERE d.status = 'success' AND d.environment = 'production'
    GROUP BY 1, 2
  ),
  target AS (
    SELECT c."deploymentId", c.sha, coalesce(d."finishedAt" > f.first, false) AS shipped
    FROM pairs
    JOIN "DeploymentCommit" c ON c."serviceId" = pairs.service_id AND c.sha = pairs.sha
    JOIN "Deployment" d ON d.id = c."deploymentId"
    LEFT JOIN firsts f ON f.service_id = pairs.service_id AND f.sha = pairs.sha
  )
  UPDATE "DeploymentCommit" c SET "shippedBefore" = target.shipped
  FROM target
  WHERE c."deploymentId" = target."deploymentId" AND c.sha = target.sha
    AND c."shippedBefore" IS DISTINCT FROM target.shipped
$$;

-- Commits inserted, deleted (also by a deployment's cascade) or changed: their pairs. The refresh's
-- own UPDATE runs inside a trigger (depth > 1) and is not refreshed again.
CREATE FUNCTION shipshape_commits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM shipshape_refresh_shipped_before(s, h)
    FROM (SELECT array_agg("serviceId") AS s, array_agg(sha) AS h FROM new_rows) x WHERE s IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM shipshape_refresh_shipped_before(s, h)
    FROM (SELECT array_agg("serviceId") AS s, array_agg(sha) AS h FROM old_rows) x WHERE s IS NOT NULL;
  ELSIF pg_trigger_depth() = 1 THEN
    PERFORM shipshape_refresh_shipped_before(s, h)
    FROM (
      SELECT array_agg(r."serviceId") AS s, array_agg(r.sha) AS h
      FROM (
        SELECT o."serviceId", o.sha FROM old_rows o
        UNION ALL
        SELECT n."serviceId", n.sha FROM new_rows n
      ) r
    ) x
    WHERE s IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_commit_inserted AFTER INSERT ON "DeploymentCommit"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_commits_changed();
CREATE TRIGGER deployment_commit_deleted AFTER DELETE ON "DeploymentCommit"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_commits_changed();
CREATE TRIGGER deployment_commit_updated AFTER UPDATE ON "DeploymentCommit"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION shipshape_commits_changed();

-- Deployments whose status, environment or finish time changed: the pairs of their commits.
CREATE FUNCTION shipshape_deployments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM shipshape_refresh_shipped_before(s, h)
  FROM (
    SELECT array_agg(c."serviceId") AS s, array_agg(c.sha) AS h
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    JOIN "DeploymentCommit" c ON c."deploymentId" = n.id
    WHERE (n.status, n.environment, n."finishedAt") IS DISTINCT FROM (o.status, o.environment, o."finishedAt")
  ) x
  WHERE s IS NOT NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_updated AFTER UPDATE ON "Deployment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION shipshape_deployments_changed();

-- The rows already there.
UPDATE "DeploymentCommit" c SET "shippedBefore" = true
FROM "Deployment" d, (
  SELECT c2."serviceId", c2.sha, min(d2."finishedAt") AS first
  FROM "DeploymentCommit" c2 JOIN "Deployment" d2 ON d2.id = c2."deploymentId"
  WHERE d2.status = 'success' AND d2.environment = 'production'
  GROUP BY 1, 2
) f
WHERE d.id = c."deploymentId" AND f."serviceId" = c."serviceId" AND f.sha = c.sha AND d."finishedAt" > f.first;
