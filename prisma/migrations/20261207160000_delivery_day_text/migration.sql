-- Each daily rollup also keeps its samples as comma-separated text, computed by PostgreSQL when the
-- row is written (generated columns). The organisation pages read every sample of their windows
-- as text, to take exact lower medians in the app (lib/delivery/server/dora-days.ts); formatting a
-- half-year's 1.6 million samples on every read was about a third of the leadership page's read.

-- array_to_string is declared stable (some element types print by settings); integers always print
-- alike, so for int[] it is immutable, as a generated column needs.
CREATE FUNCTION shipshape_samples_text(samples integer[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT nullif(array_to_string(samples, ','), '') $$;

ALTER TABLE "DeliveryDay"
  ADD COLUMN "leadText" TEXT GENERATED ALWAYS AS (shipshape_samples_text("leadMinutes")) STORED,
  ADD COLUMN "codingText" TEXT GENERATED ALWAYS AS (shipshape_samples_text("codingMinutes")) STORED,
  ADD COLUMN "reviewText" TEXT GENERATED ALWAYS AS (shipshape_samples_text("reviewMinutes")) STORED,
  ADD COLUMN "deployText" TEXT GENERATED ALWAYS AS (shipshape_samples_text("deployMinutes")) STORED;

-- The view readers read, with the same columns (the days waiting for the refresher format theirs here).
CREATE OR REPLACE VIEW "DeliveryDayCurrent" AS
  SELECT dd."serviceId", dd.day, dd.deployments, dd.rework, dd.failed, dd."leadMinutes", dd."codingMinutes",
         dd."reviewMinutes", dd."deployMinutes", dd.undated,
         dd."leadText", dd."codingText", dd."reviewText", dd."deployText"
  FROM "DeliveryDay" dd
  WHERE (dd."serviceId", dd.day) NOT IN (SELECT s."serviceId", s.day FROM "DeliveryDayStale" s)
  UNION ALL
  SELECT x."serviceId", x.day, r.deployments, r.rework, r.failed, r."leadMinutes", r."codingMinutes",
         r."reviewMinutes", r."deployMinutes", r.undated,
         shipshape_samples_text(r."leadMinutes"), shipshape_samples_text(r."codingMinutes"),
         shipshape_samples_text(r."reviewMinutes"), shipshape_samples_text(r."deployMinutes")
  FROM (SELECT DISTINCT s."serviceId", s.day FROM "DeliveryDayStale" s) x
  CROSS JOIN LATERAL shipshape_delivery_days(ARRAY[x."serviceId"], x.day::timestamp AT TIME ZONE 'UTC',
                                             (x.day + 1)::timestamp AT TIME ZONE 'UTC') r;
