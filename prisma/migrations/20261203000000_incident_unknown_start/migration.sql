-- An incident's start may be unknown (a PagerDuty resolve that carries no created_at and follows no
-- trigger). It is recorded as null, never as the resolve time (a zero-minute incident): time to
-- restore leaves it out and the DORA object warns about it. The link trigger finds no deployment
-- before a null start (shipshape_incident_link), so only a named cause links it.

-- AlterTable
ALTER TABLE "Incident" ALTER COLUMN "startedAt" DROP NOT NULL;
