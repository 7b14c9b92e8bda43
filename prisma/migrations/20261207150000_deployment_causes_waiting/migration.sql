-- An incident may name the deployment that caused it before that deployment arrives
-- ("causedByDeploymentExternalId" with no "causedByDeploymentId"). When it arrives, the incident
-- now links to it in a trigger, whatever writes the deployment, instead of in a statement of the
-- ingest API's own: the API then writes a whole batch in one statement (one round trip, one
-- commit), and the incident's own triggers, which read the deployment's finish time, see it.
CREATE FUNCTION shipshape_deployment_causes_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Incident" i SET "causedByDeploymentId" = n.id
  FROM new_rows n
  WHERE i."serviceId" = n."serviceId" AND i."causedByDeploymentExternalId" = n."externalId"
    AND i."causedByDeploymentId" IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_causes_waiting AFTER INSERT ON "Deployment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_causes_waiting();

-- Deployments written: the incidents with no named cause that started after each one are looked
-- up first, and the next counted deployment only for those. A deployment of now has none after
-- it, so a batch no longer looks up each deployment's successor.
CREATE OR REPLACE FUNCTION shipshape_deployments_stale_for(ids uuid[], service_ids uuid[], finished timestamptz[]) RETURNS void
LANGUAGE sql AS $$
  SELECT shipshape_delivery_days_stale(array_agg(c.s), array_agg((c.f AT TIME ZONE 'UTC')::date))
  FROM unnest(ids, service_ids, finished) AS c(id, s, f);

  UPDATE "Incident" i SET "linkedDeploymentId" = t.link
  FROM (
    SELECT DISTINCT i2.id, shipshape_incident_link(i2."serviceId", i2."startedAt", NULL) AS link
    FROM unnest(ids, service_ids, finished) AS c(id, s, f)
    CROSS JOIN LATERAL (
      SELECT i3.id, i3."serviceId", i3."startedAt" FROM "Incident" i3
      WHERE i3."serviceId" = c.s AND i3."startedAt" > c.f AND i3."causedByDeploymentId" IS NULL
      OFFSET 0 -- by index, per deployment
    ) i2
    LEFT JOIN LATERAL (
      SELECT n."finishedAt" AS f FROM "Deployment" n
      WHERE n."serviceId" = c.s AND n.status = 'success' AND n.environment = 'production'
        AND n."finishedAt" >= c.f AND (n."finishedAt", n.id) > (c.f, c.id)
      ORDER BY n."finishedAt", n.id
      LIMIT 1
    ) nx ON true
    WHERE nx.f IS NULL OR i2."startedAt" <= nx.f
  ) t
  WHERE i.id = t.id AND i."linkedDeploymentId" IS DISTINCT FROM t.link;
$$;

-- Commits written: a (service, sha) pair held by one commit row is not shipped before, so only
-- pairs with two or more rows, or a row still flagged (its twin was deleted), can need a change; a
-- new sha (most of them) costs one index probe.
CREATE OR REPLACE FUNCTION shipshape_refresh_shipped_before(service_ids uuid[], shas text[]) RETURNS void
LANGUAGE sql AS $$
  WITH pairs AS (
    SELECT DISTINCT p.service_id, p.sha FROM unnest(service_ids, shas) AS p(service_id, sha)
  ),
  shared AS (
    SELECT pairs.* FROM pairs
    WHERE (SELECT count(*) FROM (
      SELECT 1 FROM "DeploymentCommit" c1 WHERE c1."serviceId" = pairs.service_id AND c1.sha = pairs.sha LIMIT 2
    ) two) > 1
    OR EXISTS (
      SELECT 1 FROM "DeploymentCommit" c1 WHERE c1."serviceId" = pairs.service_id AND c1.sha = pairs.sha AND c1."shippedBefore"
    )
  ),
  target AS (
    SELECT c."deploymentId", c.sha, c."shippedBefore" AS was, coalesce(d."finishedAt" > f.first, false) AS shipped
    FROM shared
    CROSS JOIN LATERAL (
      SELECT min(d2."finishedAt") AS first
      FROM "DeploymentCommit" c2 JOIN "Deployment" d2 ON d2.id = c2."deploymentId"
      WHERE c2."serviceId" = shared.service_id AND c2.sha = shared.sha
        AND d2.status = 'success' AND d2.environment = 'production'
    ) f
    JOIN "DeploymentCommit" c ON c."serviceId" = shared.service_id AND c.sha = shared.sha
    JOIN "Deployment" d ON d.id = c."deploymentId"
  )
  UPDATE "DeploymentCommit" c SET "shippedBefore" = target.shipped
  FROM target
  WHERE c."deploymentId" = target."deploymentId" AND c.sha = target.sha
    AND target.was IS DISTINCT FROM target.shipped
$$;

-- The fix links' indexes hold only the deployments that fix one (migration
-- 20261207120000_delivery_day_refresh). The rollup reads the window's services' fixing deployments
-- once, by that index, instead of looking for a fix of each deployment: before a table has
-- statistics (a new install), the planner answered each look-up by scanning every counted
-- deployment (a busy day of a few thousand took seconds to refresh).
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
  -- The counted deployments of these services that fix another (a fix names one of its own service).
  fixed AS (
    SELECT DISTINCT f."fixesDeploymentId" AS id FROM "Deployment" f
    WHERE f."fixesDeploymentId" IS NOT NULL AND f."serviceId" = ANY (p_services)
      AND f.status = 'success' AND f.environment = 'production'
  ),
  deps AS (
    SELECT win.*, (EXISTS (SELECT 1 FROM "Incident" i WHERE i."linkedDeploymentId" = win.id)
      OR win.id IN (SELECT fixed.id FROM fixed)) AS failed
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

CREATE OR REPLACE FUNCTION shipshape_deployment_fixes_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Deployment" f SET "fixesDeploymentId" = n.id
  FROM new_rows n
  WHERE f."serviceId" = n."serviceId" AND f.fixes = n."externalId" AND f.fixes IS NOT NULL
    AND f."fixesDeploymentId" IS NULL AND f.id <> n.id;
  RETURN NULL;
END $$;
