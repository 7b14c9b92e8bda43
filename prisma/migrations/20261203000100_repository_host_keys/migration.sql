-- Repositories are matched by host and path ("github.com/acme/api"), not by path alone, so that a
-- GitHub Enterprise repository never counts for the github.com repository of the same name. Every
-- key so far came from a github.com URL ("acme/api"), as did every GitHub event kept unmatched.
UPDATE "Service" SET "repoSlug" = 'github.com/' || "repoSlug" WHERE "repoSlug" IS NOT NULL;
UPDATE "UnmatchedEvent" SET "externalKey" = 'github.com/' || "externalKey" WHERE provider = 'github';
