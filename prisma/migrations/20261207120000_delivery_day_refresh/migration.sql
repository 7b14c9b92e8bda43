-- The daily rollups are refreshed behind the writes instead of at their commit.
--
-- Until now every transaction that wrote deployments, commits, pull requests or incidents
-- recomputed the (service, day) rollups it touched when it committed (a deferred trigger). That kept
-- "DeliveryDay" exact, but each batch paid for recomputing whole days from the events: on a busy
-- day more than half of a 1,000-deployment batch's time, and one commit per webhook delivery.
--
-- Now a write only records which (service, day) pairs it made stale, in "DeliveryDayStale" (a log,
-- committed with the write), and shipshape_delivery_days_refresh() folds the log into "DeliveryDay":
-- the background refresher calls it every second (lib/delivery/server/rollup-refresh.ts). Readers
-- never see a stale figure: they read the view "DeliveryDayCurrent", which is "DeliveryDay" for
-- the pairs not in the log and the same rows computed from the events for the pairs that are, in
-- one snapshot. So the figures are exact whatever the refresher's lag; the lag only decides how
-- much a read computes from the events.

DROP TRIGGER delivery_day_stale_flush ON "DeliveryDayStale";
DROP FUNCTION shipshape_delivery_days_flush();
DROP TABLE "DeliveryDayStale";

-- CreateTable
CREATE TABLE "DeliveryDayStale" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryDayStale_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeliveryDayStale_serviceId_day_idx" ON "DeliveryDayStale"("serviceId", "day");

-- Marks (service, day) pairs stale. Null pairs (no such deployment) are skipped. An append, with no
-- lock on anything another writer needs: concurrent writers of the same day never wait for each other.
CREATE OR REPLACE FUNCTION shipshape_delivery_days_stale(service_ids uuid[], days date[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "DeliveryDayStale" ("serviceId", day)
  SELECT DISTINCT p.s, p.d FROM unnest(service_ids, days) AS p(s, d)
  WHERE p.s IS NOT NULL AND p.d IS NOT NULL
$$;

-- What every reader reads: the stored rollups of the pairs that no write has made stale since they
-- were refreshed, and the rest computed from the events (by the function that computes the stored
-- rows). Filters on "serviceId" and day reach both branches. The stale pairs are excluded with
-- NOT IN, which the planner runs as one hashed set (the log is small): NOT EXISTS became a scan of
-- the log for each of a window's hundreds of thousands of rows (the columns are never null).
CREATE VIEW "DeliveryDayCurrent" AS
  SELECT dd."serviceId", dd.day, dd.deployments, dd.rework, dd.failed, dd."leadMinutes", dd."codingMinutes",
         dd."reviewMinutes", dd."deployMinutes", dd.undated
  FROM "DeliveryDay" dd
  WHERE (dd."serviceId", dd.day) NOT IN (SELECT s."serviceId", s.day FROM "DeliveryDayStale" s)
  UNION ALL
  SELECT x."serviceId", x.day, r.deployments, r.rework, r.failed, r."leadMinutes", r."codingMinutes",
         r."reviewMinutes", r."deployMinutes", r.undated
  FROM (SELECT DISTINCT s."serviceId", s.day FROM "DeliveryDayStale" s) x
  CROSS JOIN LATERAL shipshape_delivery_days(ARRAY[x."serviceId"], x.day::timestamp AT TIME ZONE 'UTC',
                                             (x.day + 1)::timestamp AT TIME ZONE 'UTC') r;

-- Folds up to p_limit stale pairs (the oldest first, with every mark of each) into "DeliveryDay".
-- One refresher at a time, whichever replica (so two never store different versions of one pair):
-- returns the number of pairs refreshed, or null when another transaction is refreshing, unless
-- p_wait says to wait for it.
--
-- Why no write is lost: the marks are read in one statement; the pairs are then recomputed by later
-- statements (READ COMMITTED: each sees at least what the first saw, so every write whose mark was
-- read); and only the marks read are deleted. A write that commits meanwhile leaves a mark of its
-- own, which the next run refreshes.
CREATE FUNCTION shipshape_delivery_days_refresh(p_limit integer, p_wait boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  s uuid[];
  d date[];
  n_services bigint;
  n_days bigint;
  first_day date;
  last_day date;
BEGIN
  IF p_wait THEN
    PERFORM pg_advisory_xact_lock(20261207);
  ELSIF NOT pg_try_advisory_xact_lock(20261207) THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(m.id) INTO ids FROM "DeliveryDayStale" m
  WHERE (m."serviceId", m.day) IN (
    SELECT o."serviceId", o.day FROM "DeliveryDayStale" o GROUP BY 1, 2 ORDER BY min(o.id) LIMIT p_limit
  );
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  SELECT array_agg(p."serviceId" ORDER BY p."serviceId", p.day), array_agg(p.day ORDER BY p."serviceId", p.day)
  INTO s, d
  FROM (SELECT DISTINCT m."serviceId", m.day FROM "DeliveryDayStale" m WHERE m.id = ANY (ids)) p;

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
  DELETE FROM "DeliveryDayStale" WHERE id = ANY (ids);
  -- The organisation views cached from these rows are out of date (lib/core/db/view-cache.ts).
  DELETE FROM "ViewCache" WHERE key LIKE 'org-dora|%' OR key LIKE 'leadership|%';
  RETURN cardinality(s);
END $$;

-- Deployments written: the incidents whose link they may take or give back are looked up per
-- deployment by index ("Incident"("serviceId", "startedAt")), not by hashing every incident of the
-- organisation with no named cause (a scan of the table for each batch: about 30 ms of a
-- 1,000-deployment batch at 160k incidents).
CREATE OR REPLACE FUNCTION shipshape_deployments_stale_for(ids uuid[], service_ids uuid[], finished timestamptz[]) RETURNS void
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
    CROSS JOIN LATERAL (
      SELECT i3.id, i3."serviceId", i3."startedAt" FROM "Incident" i3
      WHERE i3."serviceId" = c.s AND i3."startedAt" > c.f AND (nx.f IS NULL OR i3."startedAt" <= nx.f)
        AND i3."causedByDeploymentId" IS NULL
      OFFSET 0 -- by index, per deployment
    ) i2
  ) t
  WHERE i.id = t.id AND i."linkedDeploymentId" IS DISTINCT FROM t.link;
$$;

-- Most deployments fix nothing: their indexes on the fix link hold only the deployments that do
-- (every lookup is by equality, which a partial index serves), so a write of a deployment that
-- fixes nothing updates neither. Prisma does not describe partial indexes; schema.prisma notes them.
DROP INDEX "Deployment_fixesDeploymentId_idx";
DROP INDEX "Deployment_serviceId_fixes_idx";
CREATE INDEX "Deployment_fixesDeploymentId_idx" ON "Deployment"("fixesDeploymentId") WHERE "fixesDeploymentId" IS NOT NULL;
CREATE INDEX "Deployment_serviceId_fixes_idx" ON "Deployment"("serviceId", fixes) WHERE fixes IS NOT NULL;

-- A deployment that names no fix needs no resolution: the trigger runs only when a fix column is set.
DROP TRIGGER deployment_fix_resolved ON "Deployment";
CREATE TRIGGER deployment_fix_resolved BEFORE INSERT OR UPDATE OF fixes, "serviceId" ON "Deployment"
  FOR EACH ROW
  WHEN (NEW.fixes IS NOT NULL OR NEW."fixesDeploymentId" IS NOT NULL OR NEW."fixRule" IS NOT NULL)
  EXECUTE FUNCTION shipshape_deployment_fix_resolved();
