-- The refresh joined each commit row to every pair's first shipment (a nested loop the planner
-- chose from a one-row estimate): about 0.4 s for a 1,000-deployment batch. It now looks up each
-- pair's first shipment by index, in a lateral subquery.
CREATE OR REPLACE FUNCTION shipshape_refresh_shipped_before(service_ids uuid[], shas text[]) RETURNS void
LANGUAGE sql AS $$
  WITH pairs AS (
    SELECT DISTINCT p.service_id, p.sha FROM unnest(service_ids, shas) AS p(service_id, sha)
  ),
  target AS (
    SELECT c."deploymentId", c.sha, c."shippedBefore" AS was, coalesce(d."finishedAt" > f.first, false) AS shipped
    FROM pairs
    CROSS JOIN LATERAL (
      SELECT min(d2."finishedAt") AS first
      FROM "DeploymentCommit" c2 JOIN "Deployment" d2 ON d2.id = c2."deploymentId"
      WHERE c2."serviceId" = pairs.service_id AND c2.sha = pairs.sha
        AND d2.status = 'success' AND d2.environment = 'production'
    ) f
    JOIN "DeploymentCommit" c ON c."serviceId" = pairs.service_id AND c.sha = pairs.sha
    JOIN "Deployment" d ON d.id = c."deploymentId"
  )
  UPDATE "DeploymentCommit" c SET "shippedBefore" = target.shipped
  FROM target
  WHERE c."deploymentId" = target."deploymentId" AND c.sha = target.sha
    AND target.was IS DISTINCT FROM target.shipped
$$;
