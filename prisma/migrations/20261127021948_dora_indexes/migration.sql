-- CreateIndex
CREATE INDEX "Deployment_serviceId_status_environment_finishedAt_idx" ON "Deployment"("serviceId", "status", "environment", "finishedAt");
