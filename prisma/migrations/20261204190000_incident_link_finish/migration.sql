-- The finish time of the deployment an incident counts against, stored beside the link
-- (Incident."linkedFinishedAt"), so that recovery time (resolved − that finish) reads the incidents
-- alone. At 2,000 services a window's recovery samples were one index lookup into "Deployment" per
-- incident: about half of the organisation's incident statement.
--
-- Kept by triggers whatever writes the rows: when an incident's link is written (its own trigger, or
-- a deployment that takes or gives back the link), when the linked deployment's finish time changes,
-- and when it is deleted.

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "linkedFinishedAt" TIMESTAMPTZ(3);

-- The incidents already there.
UPDATE "Incident" i SET "linkedFinishedAt" = d."finishedAt"
FROM "Deployment" d WHERE d.id = i."linkedDeploymentId";

-- After incident_link (BEFORE triggers fire in name order), which may have just set the link.
CREATE FUNCTION shipshape_incident_link_finish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."linkedFinishedAt" := (SELECT d."finishedAt" FROM "Deployment" d WHERE d.id = NEW."linkedDeploymentId");
  RETURN NEW;
END $$;

CREATE TRIGGER incident_link_finish BEFORE INSERT OR UPDATE OF "serviceId", "startedAt", "causedByDeploymentId", "linkedDeploymentId", "linkedFinishedAt" ON "Incident"
  FOR EACH ROW EXECUTE FUNCTION shipshape_incident_link_finish();

-- A linked deployment that moves, or leaves.
CREATE FUNCTION shipshape_deployment_link_finish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE "Incident" i SET "linkedFinishedAt" = n."finishedAt"
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n."finishedAt" IS DISTINCT FROM o."finishedAt" AND i."linkedDeploymentId" = n.id;
  ELSE
    UPDATE "Incident" i SET "linkedFinishedAt" = NULL
    FROM old_rows o WHERE i."linkedDeploymentId" = o.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deployment_link_finish_updated AFTER UPDATE ON "Deployment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_link_finish();
CREATE TRIGGER deployment_link_finish_deleted AFTER DELETE ON "Deployment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION shipshape_deployment_link_finish();
