-- The refresher lets a day settle before it folds it in: a (service, day) that writes keep marking
-- (a burst of deployments to every service today) is refreshed once they pause for p_settle, or at
-- the latest when its oldest mark is thirty times that old, rather than once a second while every
-- refresh recomputes the whole busy day from the events and competes with the writes. Readers are
-- exact meanwhile (they compute the waiting days from the events); the rollup refresher passes two
-- seconds (lib/delivery/server/rollup-refresh.ts), the seed, restores and tests none.

DROP FUNCTION shipshape_delivery_days_refresh(integer, boolean);

CREATE FUNCTION shipshape_delivery_days_refresh(p_limit integer, p_wait boolean DEFAULT false,
                                               p_settle interval DEFAULT '0 seconds') RETURNS integer
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
    SELECT o."serviceId", o.day FROM "DeliveryDayStale" o GROUP BY 1, 2
    HAVING p_settle <= interval '0' OR max(o."markedAt") <= now() - p_settle OR min(o."markedAt") <= now() - 30 * p_settle
    ORDER BY min(o.id) LIMIT p_limit
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
