-- CreateIndex
CREATE INDEX "Incident_serviceId_causedByDeploymentExternalId_idx" ON "Incident"("serviceId", "causedByDeploymentExternalId");
