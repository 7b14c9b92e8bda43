-- What alerting tools call a service (Alertmanager label values, Opsgenie tags), saved on mapping.
CREATE TABLE "ServiceAlias" (
    "provider" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "serviceId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceAlias_pkey" PRIMARY KEY ("provider","key")
);

CREATE INDEX "ServiceAlias_serviceId_idx" ON "ServiceAlias"("serviceId");

ALTER TABLE "ServiceAlias" ADD CONSTRAINT "ServiceAlias_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
