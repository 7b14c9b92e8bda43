-- GitHub pushes and merged pull requests, by repository key: the lead time of deployments reported by
-- deployment_status alone.
ALTER TABLE "Deployment" ADD COLUMN "commitsIncomplete" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "GitPush" (
    "id" UUID NOT NULL,
    "repoKey" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT NOT NULL,
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GitPush_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "GitPushCommit" (
    "pushId" UUID NOT NULL,
    "sha" TEXT NOT NULL,
    "authoredAt" TIMESTAMPTZ(3),

    CONSTRAINT "GitPushCommit_pkey" PRIMARY KEY ("pushId","sha")
);

CREATE TABLE "GitPullRequest" (
    "repoKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "mergedAt" TIMESTAMPTZ(3) NOT NULL,
    "mergeCommitSha" TEXT,
    "headRef" TEXT NOT NULL,
    "headSha" TEXT,
    "baseRef" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GitPullRequest_pkey" PRIMARY KEY ("repoKey","number")
);

CREATE UNIQUE INDEX "GitPush_repoKey_deliveryId_key" ON "GitPush"("repoKey", "deliveryId");
CREATE INDEX "GitPush_repoKey_after_idx" ON "GitPush"("repoKey", "after");
CREATE INDEX "GitPush_repoKey_ref_idx" ON "GitPush"("repoKey", "ref");
CREATE INDEX "GitPullRequest_repoKey_mergeCommitSha_idx" ON "GitPullRequest"("repoKey", "mergeCommitSha");

ALTER TABLE "GitPushCommit" ADD CONSTRAINT "GitPushCommit_pushId_fkey" FOREIGN KEY ("pushId") REFERENCES "GitPush"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The DORA report's "push never delivered" warning reads only the few flagged rows.
CREATE INDEX "Deployment_commits_incomplete_idx" ON "Deployment" ("serviceId", "finishedAt") WHERE "commitsIncomplete";
