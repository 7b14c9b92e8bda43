-- Open scorecards, part three: a scorecard applies to the services its scope matches ({} is every
-- service; lib/scorecards/domain/scope.ts).

-- AlterTable
ALTER TABLE "Scorecard" ADD COLUMN     "scope" JSONB NOT NULL DEFAULT '{}';

-- The scope is an object, whatever wrote it.
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_scope_object" CHECK (jsonb_typeof("scope") = 'object');
