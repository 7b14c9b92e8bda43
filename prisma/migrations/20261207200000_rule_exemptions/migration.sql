-- Open scorecards, part four: rule exemptions (lib/scorecards/server/exemptions.ts).

-- CreateTable
CREATE TABLE "RuleExemption" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "scorecardId" UUID NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "WaiverStatus" NOT NULL DEFAULT 'pending',
    "requestedById" UUID,
    "requestedBy" TEXT NOT NULL,
    "decidedById" UUID,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleExemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RuleExemption_serviceId_scorecardId_ruleKey_idx" ON "RuleExemption"("serviceId", "scorecardId", "ruleKey");

-- CreateIndex
CREATE INDEX "RuleExemption_status_expiresAt_idx" ON "RuleExemption"("status", "expiresAt");

-- AddForeignKey
ALTER TABLE "RuleExemption" ADD CONSTRAINT "RuleExemption_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleExemption" ADD CONSTRAINT "RuleExemption_scorecardId_fkey" FOREIGN KEY ("scorecardId") REFERENCES "Scorecard"("id") ON DELETE CASCADE ON UPDATE CASCADE;
