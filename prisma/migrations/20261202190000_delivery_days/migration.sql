-- Daily delivery rollups: one row per service and UTC day with that day's counted deployments
-- (success, production), their failures and rework, and every lead-time sample. Organisation and
-- team pages aggregate these rows (2,000 services × 90 days is 180k rows) instead of joining the
-- window's deployments with their commits, pull requests and incidents (millions of rows).
--
-- The rows are never edited by application code. Every write to deployments, commits, pull
-- requests or incidents marks the (service, day) pairs it may change as stale, and a deferred
-- trigger recomputes those pairs from the base tables when the transaction commits, with the same
-- function that computes a partial day at a window's edge. So a rollup is always what the base
-- tables say, whatever order events arrive in and whatever later events change.

-- Each incident's link to the deployment it counts against is stored too, for the same reasons.

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "linkedDeploymentId" UUID;

-- CreateIndex
CREATE INDEX "Incident_linkedDeploymentId_idx" ON "Incident"("linkedDeploymentId");

-- CreateTable
CREATE TABLE "DeliveryDay" (
    "serviceId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "deployments" INTEGER NOT NULL,
    "rework" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "leadMinutes" INTEGER[],
    "codingMinutes" INTEGER[],
    "reviewMinutes" INTEGER[],
    "deployMinutes" INTEGER[],
    "undated" INTEGER NOT NULL,

    CONSTRAINT "DeliveryDay_pkey" PRIMARY KEY ("serviceId","day")
);

-- CreateTable
CREATE TABLE "DeliveryDayStale" (
    "xid" BIGINT NOT NULL,
    "serviceId" UUID NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "DeliveryDayStale_pkey" PRIMARY KEY ("xid","serviceId","day")
);

-- CreateIndex
CREATE INDEX "DeliveryDay_day_idx" ON "DeliveryDay"("day");

-- AddForeignKey
ALTER TABLE "DeliveryDay" ADD CONSTRAINT "DeliveryDay_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollup rows of the given services for the counted deployments that finished in
-- [p_from, p_to), one per service and UTC day. The definitions are CONTRACT §4's, as in
-- lib/delivery/server/dora-sql-base.ts:
--   failed: an incident is linked to the deployment (Incident."linkedDeploymentId", below);
--   lead time: each pull request's coding + review + deploy minutes when the deployment has pull
--           requests, otherwise each commit not shipped before by the service, in whole minutes
--           rounded up, when positive; commits with no authored time are counted as undated.
CREATE FUNCTION shipshape_delivery_days(p_services uuid[], p_from timestamptz, p_to timestamptz)
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
    SELECT win.*, EXISTS (SELECT 1 FROM "Incident" i WHERE i."linkedDeploymentId" = win.id) AS failed
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

-- Marks (service, day) pairs stale in this transaction. Null pairs (no such deployment) are skipped.
CREATE FUNCTION shipshape_delivery_days_stale(service_ids uuid[], days date[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "DeliveryDayStale" (xid, "serviceId", day)
  SELECT DISTINCT txid_current(), p.s, p.d FROM unnest(service_ids, days) AS p(s, d)
  WHERE p.s IS NOT NULL AND p.d IS NOT NULL
  ON CONFLICT DO NOTHING
$$;

-- At commit: recomputes this transaction's stale pairs. The first deferred firing claims them all;
-- the others find their row gone. Each pair falls in one of 256 lock buckets (so that a bulk import holds at
-- most 256 locks), taken in ascending order: two transactions that touch the same day refresh it
-- one after the other (no deadlock between refreshes), and each statement after the locks sees
-- what the other committed (READ COMMITTED takes a new snapshot per statement).
CREATE FUNCTION shipshape_delivery_days_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s uuid[];
  d date[];
  bucket record;
  n_services bigint;
  n_days bigint;
  first_day date;
  last_day date;
BEGIN
  -- This firing's row was claimed by an earlier one: nothing to do (a point lookup, not a scan of
  -- the rows already claimed, which would make a batch's firings quadratic).
  IF NOT EXISTS (SELECT 1 FROM "DeliveryDayStale" WHERE xid = NEW.xid AND "serviceId" = NEW."serviceId" AND day = NEW.day) THEN
    RETURN NULL;
  END IF;
  WITH claimed AS (DELETE FROM "DeliveryDayStale" WHERE xid = txid_current() RETURNING "serviceId", day)
  SELECT array_agg("serviceId" ORDER BY "serviceId", day), array_agg(day ORDER BY "serviceId", day) INTO s, d FROM claimed;
  IF s IS NULL THEN
    RETURN NULL;
  END IF;
  FOR bucket IN
    SELECT DISTINCT hashtext(x.s::text || ':' || x.d::text) & 255 AS b FROM unnest(s, d) AS x(s, d) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(20261202, bucket.b);
  END LOOP;
  DELETE FROM "DeliveryDay" dd USING unnest(s, d) AS x(s, d) WHERE dd."serviceId" = x.s AND dd.day = x.d;
  SELECT count(DISTINCT x.s), count(DISTINCT x.d), min(x.d), max(x.d) INTO n_services, n_days, first_day, last_day
  FROM unnest(s, d) AS x(s, d);
  IF n_services * n_days <= 4 * cardinality(s) THEN
    -- Pairs that fill most of their services × days (a batch from many services, today): one
    -- set-based pass over those services and days, keeping the stale pairs.
    INSERT INTO "DeliveryDay" ("serviceId", day, deployments, rework, failed, "leadMinutes", "codingMinutes", "reviewMinutes", "deployMinutes", undated)
    SELECT r.* FROM shipshape_delivery_days(
      (SELECT array_agg(DISTINCT x) FROM unnest(s) AS x),
      first_day::timestamp AT TIME ZONE 'UTC', (last_day + 1)::timestamp AT TIME ZONE 'UTC') r
    WHERE (r."serviceId", r.day) IN (SELECT x.s, x.d FROM unnest(s, d) AS x(s, d));
  ELSE
    -- Scattered pairs (a backfill across months): each pair on its own.
    INSERT INTO "DeliveryDay" ("serviceId", day, deployments, rework, failed, "leadMinutes", "codingMinutes", "reviewMinutes", "deployMinutes", undated)
    SELECT r.* FROM unnest(s, d) AS x(s, d)
    CROSS JOIN LATERAL shipshape_delivery_days(ARRAY[x.s], x.d::timestamp AT TIME ZONE 'UTC', (x.d + 1)::timestamp AT TIME ZONE 'UTC') r;
  END IF;
  -- The organisation views cached from these rows are out of date (lib/core/db/view-cache.ts).
  DELETE FROM "ViewCache" WHERE key LIKE 'org-dora|%' OR key LIKE 'leadership|%';
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER delivery_day_stale_flush AFTER INSERT ON "DeliveryDayStale"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION shipshape_delivery_days_flush();

-- An incident's link: its named cause, or the service's latest counted deployment before it
-- started (the later id among equal finish times).
CREATE FUNCTION shipshape_incident_link(service_id uuid, started timestamptz, cause uuid) RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce(cause, (
    SELECT d.id FROM "Deployment" d
    WHERE d."serviceId" = service_id AND d.status = 'success' AND d.environment = 'production' AND d."finishedAt" < started
    ORDER BY d."finishedAt" DESC, d.id DESC
    LIMIT 1))
$$;

-- The incidents already there (before any trigger exists).
UPDATE "Incident" SET "linkedDeploymentId" = shipshape_incident_link("serviceId", "startedAt", "causedByDeploymentId");

CREATE FUNCTION shipshape_incident_linked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."linkedDeploymentId" := shipshape_incident_link(NEW."serviceId", NEW."startedAt", NEW."causedByDeploymentId");
  RETURN NEW;
END $$;

CREATE TRIGGER incident_link BEFORE INSERT OR UPDATE OF "serviceId", "startedAt", "causedByDeploymentId" ON "Incident"
  FOR EACH ROW EXECUTE FUNCTION shipshape_incident_linked();

-- Deployments written: the day of each counted version of a row (before and after), and the
-- links of the incidents with no named cause that started after it and no later than the next
-- counted deployment: the only ones a deployment arriving, leaving or moving there can take or
-- give back. Their days are marked by the incidents' own trigger.
CREATE FUNCTION shipshape_deployments_stale_for(ids uuid[], service_ids uuid[], finished timestamptz[]) RETURNS void
LANGUAGE sql AS $$
  SELECT shipshape_delivery_days_stale(array_agg(c.s), array_agg((c.f AT TIME ZONE 'UTC')::date))
  FROM unnest(ids, service_ids, finished) AS c(id, s, f);

  UPDATE "Incident" i SET "linkedDeploymentId" = t.link
  FROM (
    SELECT DISTINCT i2.id, shipshape_incident_link(i2."serviceId", i2."startedAt", NULL) AS link
    FROM unnest(ids, service_ids, finished) AS c(id, s, f)
    LEFT JOIN LATERAL (
      SELECT n."finishedAt" AS f FROM "Deployment" n
      WHERE n."serviceId" = c.s AND n.status = 'success' AND n.environment = 'production'
        AND n."finishedAt" >= c.f AND (n."finishedAt", n.id) > (c.f, c.id)
      ORDER BY n."finishedAt", n.id
      LIMIT 1
    ) nx ON true
    JOIN "Incident" i2 ON i2."serviceId" = c.s AND i2."causedByDeploymentId" IS NULL
      AND i2."startedAt" > c.f AND (nx.f IS NULL OR i2."startedAt" <= nx.f)
  ) t
  WHERE i.id = t.id AND i."linkedDeploymentId" IS DISTINCT FROM t.link;
$$;

CREATE FUNCTION shipshape_deployments_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM shipshape_deployments_stale_for(array_agg(n.id), array_agg(n."serviceId"), array_agg(n."finishedAt"))
    FROM new_rows n WHERE n.status = 'success' AND n.environment = 'production' HAVING count(*) > 0;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM shipshape_deployments_stale_for(array_agg(o.id), array_agg(o."serviceId"), array_agg(o."finishedAt"))
    FROM old_rows o WHERE o.status = 'success' AND o.environment = 'production' HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_rollup_inserted AFTER INSERT ON "Deployment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployments_stale();
CREATE TRIGGER deployment_rollup_updated AFTER UPDATE ON "Deployment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployments_stale();
CREATE TRIGGER deployment_rollup_deleted AFTER DELETE ON "Deployment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployments_stale();

-- Commits and pull requests written: their deployment's day. A row deleted with its deployment
-- finds no deployment; the deployment's own trigger marks that day.
CREATE FUNCTION shipshape_deployment_children_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM shipshape_delivery_days_stale(array_agg(d."serviceId"), array_agg((d."finishedAt" AT TIME ZONE 'UTC')::date))
    FROM (SELECT DISTINCT "deploymentId" FROM new_rows) n JOIN "Deployment" d ON d.id = n."deploymentId"
    HAVING count(*) > 0;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM shipshape_delivery_days_stale(array_agg(d."serviceId"), array_agg((d."finishedAt" AT TIME ZONE 'UTC')::date))
    FROM (SELECT DISTINCT "deploymentId" FROM old_rows) o JOIN "Deployment" d ON d.id = o."deploymentId"
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_commit_rollup_inserted AFTER INSERT ON "DeploymentCommit"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();
CREATE TRIGGER deployment_commit_rollup_updated AFTER UPDATE ON "DeploymentCommit"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();
CREATE TRIGGER deployment_commit_rollup_deleted AFTER DELETE ON "DeploymentCommit"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();
CREATE TRIGGER deployment_pull_request_rollup_inserted AFTER INSERT ON "DeploymentPullRequest"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();
CREATE TRIGGER deployment_pull_request_rollup_updated AFTER UPDATE ON "DeploymentPullRequest"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();
CREATE TRIGGER deployment_pull_request_rollup_deleted AFTER DELETE ON "DeploymentPullRequest"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_children_stale();

-- Incidents written: the day of the deployment each version of a row is linked to. A resolution
-- alone changes no link.
CREATE FUNCTION shipshape_incidents_stale_for(deployment_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  SELECT shipshape_delivery_days_stale(array_agg(d."serviceId"), array_agg((d."finishedAt" AT TIME ZONE 'UTC')::date))
  FROM "Deployment" d WHERE d.id = ANY (deployment_ids)
  HAVING count(*) > 0
$$;

CREATE FUNCTION shipshape_incidents_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM shipshape_incidents_stale_for(array_agg(n."linkedDeploymentId")) FROM new_rows n WHERE n."linkedDeploymentId" IS NOT NULL HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM shipshape_incidents_stale_for(array_agg(o."linkedDeploymentId")) FROM old_rows o WHERE o."linkedDeploymentId" IS NOT NULL HAVING count(*) > 0;
  ELSE
    PERFORM shipshape_incidents_stale_for(array_agg(v.link))
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n."linkedDeploymentId"), (o."linkedDeploymentId")) AS v(link)
    WHERE n."linkedDeploymentId" IS DISTINCT FROM o."linkedDeploymentId" AND v.link IS NOT NULL
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_rollup_inserted AFTER INSERT ON "Incident"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_incidents_stale();
CREATE TRIGGER incident_rollup_updated AFTER UPDATE ON "Incident"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_incidents_stale();
CREATE TRIGGER incident_rollup_deleted AFTER DELETE ON "Incident"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_incidents_stale();

-- The rows already there.
INSERT INTO "DeliveryDay" ("serviceId", day, deployments, rework, failed, "leadMinutes", "codingMinutes", "reviewMinutes", "deployMinutes", undated)
SELECT r.* FROM shipshape_delivery_days((SELECT coalesce(array_agg(id), '{}') FROM "Service"), '-infinity', 'infinity') r;
