-- CreateIndex
CREATE INDEX "Deployment_status_environment_finishedAt_idx" ON "Deployment"("status", "environment", "finishedAt");
