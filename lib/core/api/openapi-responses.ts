// The OpenAPI document's shared parameters and response bodies (./openapi.ts registers them): the
// JSON the handlers answer, described in zod so the document and the Ajv test
// (tests/integration/openapi-responses.test.ts) check the same thing.
import { z } from "zod";
import { ZScorecardScope } from "@/lib/scorecards/domain";

export const slug = z.string().meta({ description: "Slug" });
export const factKey = z.string().meta({ description: "Fact key (a letter, then up to 63 letters, digits, _ and -)" });
export const level = z.enum(["bronze", "silver", "gold"]);
export const ZGateResult = z
  .object({
    pass: z.boolean(),
    level: z
      .enum(["none", "bronze", "silver", "gold"])
      .nullable()
      .meta({ description: "The service's level (none below bronze); null when outside the scorecard's scope" }),
    required: level,
    scorecard: z.string().nullable().meta({ description: "The scorecard that judged" }),
    inScope: z.boolean().meta({ description: "False (and a pass) when the service is outside its scope" }),
    failing: z.array(z.object({ rule: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "GateResult" });
export const ZFactValue = z.unknown().meta({ id: "FactValue", description: "Any JSON value, at most 64 KiB" });
export const ZFact = z
  .object({
    service: z.string(),
    key: z.string(),
    value: ZFactValue,
    updatedAt: z.iso.datetime().meta({ description: "When the value last changed" }),
    reportedAt: z.iso.datetime().meta({ description: "When it was last written, changed or not" }),
    reportedBy: z.string().meta({ description: "`token:<name>`, a user's email, or a system actor" }),
  })
  .meta({ id: "Fact" });
export const ZFactWritten = ZFact.extend({ changed: z.boolean() }).meta({ id: "FactWritten" });
export const ZFactWithHistory = ZFact.extend({
  revisionCount: z.number().int(),
  history: z.array(
    z.object({
      value: ZFactValue.nullable(),
      deleted: z.boolean(),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string(),
    }),
  ),
}).meta({ id: "FactWithHistory" });
const band = z.enum(["low", "medium", "high", "elite"]).nullable();
export const ZServiceDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    team: z.string(),
    teamName: z.string(),
    tier: z.number().int(),
    lifecycle: z.string(),
    type: z.enum(["service", "data-pipeline", "ml-model"]),
    description: z.string().nullable(),
    repoUrl: z.string().nullable(),
    repoPaths: z.array(z.string()),
    repoLabels: z.array(z.string()),
    runbookUrl: z.string().nullable(),
    dashboardUrl: z.string().nullable(),
    onCall: z.string().nullable(),
    pagerdutyServiceId: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    archived: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Service" });
export const ZServiceDetail = ZServiceDto.extend({
  readiness: z
    .object({
      template: z.object({ key: z.string(), version: z.number().int() }).loose(),
      percent: z.number(),
      resolved: z.number().int(),
      total: z.number().int(),
      requiredSatisfied: z.number().int(),
      requiredTotal: z.number().int(),
      missingRequired: z.array(z.unknown()),
    })
    .nullable(),
  review: z.object({ open: z.boolean(), lastApprovedAt: z.iso.datetime().nullable() }),
}).meta({ id: "ServiceDetail" });
export const ZWaiverListItem = z
  .object({
    id: z.uuid(),
    service: z.string(),
    team: z.string(),
    item: z.string(),
    itemTitle: z.string(),
    status: z.enum(["pending", "approved", "rejected", "revoked", "expired"]),
    justification: z.string(),
    expiresAt: z.iso.datetime(),
    requestedBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Waiver" });
export const ZDoraReport = z
  .object({
    scope: z.union([z.object({ service: z.string() }), z.object({ team: z.string() })]),
    from: z.string(),
    to: z.string(),
    benchmark: z.enum(["2023", "2021"]),
    deploymentFrequency: z.object({
      deployments: z.number().int(),
      deployDays: z.number().int(),
      medianDeployDaysPerWeek: z.number().nullable(),
      medianDeployDaysPerMonth: z.number().nullable(),
      band,
    }),
    leadTimeForChanges: z
      .object({ medianMinutes: z.number().nullable(), samples: z.number().int(), band })
      .loose()
      .meta({ description: "With codingMinutes, reviewMinutes and deployMinutes when pull requests are known" }),
    changeFailureRate: z.object({
      failedDeployments: z.number().int(),
      deployments: z.number().int(),
      ratio: z.number().nullable(),
      band,
    }),
    failedDeploymentRecoveryTime: z.object({
      medianMinutes: z.number().nullable(),
      samples: z.number().int(),
      openIncidents: z.number().int(),
      band,
    }),
    timeToRestore: z.object({ medianMinutes: z.number().nullable(), samples: z.number().int(), band }),
    reworkRate: z.object({ ratio: z.number().nullable() }),
    linkedBy: z.object({ explicit: z.number().int(), time: z.number().int() }),
    warnings: z.array(z.string()),
  })
  .meta({ id: "DoraReport" });
export const ZSlo = z
  .object({
    id: z.uuid(),
    service: z.string(),
    name: z.string(),
    objective: z.number(),
    windowDays: z.number().int(),
    calendarWindow: z.enum(["month"]).nullable(),
    errorBudget: z.number().nullable(),
    window: z.object({ good: z.number(), total: z.number(), errorRatio: z.number().nullable() }),
    remaining: z.number().nullable(),
    burnRates: z.record(z.string(), z.number().nullable()),
    alerts: z.array(
      z.object({
        severity: z.string(),
        longWindow: z.string(),
        shortWindow: z.string(),
        factor: z.number().nullable(),
        firing: z.boolean(),
      }),
    ),
    status: z.enum(["healthy", "burning", "exhausted", "no_data"]),
  })
  .meta({ id: "Slo" });
export const ZItemState = z
  .object({
    item: z.string(),
    status: z.enum(["open", "done", "not_applicable", "waived"]),
    version: z.number().int(),
    evidenceUrl: z.string().nullable(),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "ChecklistItemState" });
export const ZChecklist = z
  .object({
    service: z.string(),
    template: z.object({ key: z.string(), version: z.number().int() }).loose(),
    tier: z.number().int(),
    progress: z.object({
      overall: z.object({ percent: z.number(), resolved: z.number().int(), total: z.number().int() }).loose(),
      byCategory: z.unknown(),
      required: z.object({ satisfied: z.number().int(), total: z.number().int() }).loose(),
    }),
    categories: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        items: z.array(
          z.object({
            key: z.string(),
            title: z.string(),
            required: z.boolean(),
            requiredForTiers: z.array(z.number().int()),
            weight: z.number(),
            status: z.enum(["open", "done", "not_applicable", "waived"]),
            waiverExpired: z.boolean(),
            waivedUntil: z.iso.datetime().nullable(),
            version: z.number().int(),
            evidenceUrl: z.string().nullable(),
            note: z.string().nullable(),
            reason: z.string().nullable(),
            updatedAt: z.iso.datetime().nullable(),
            updatedBy: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Checklist" });
export const ZReview = z
  .object({
    id: z.uuid(),
    status: z.enum(["requested", "approved", "changes_requested", "cancelled"]),
    requestNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    requestedBy: z.string().nullable(),
    decidedBy: z.string().nullable(),
    comments: z.array(
      z.object({ id: z.uuid(), body: z.string(), createdAt: z.iso.datetime(), author: z.string().nullable() }).loose(),
    ),
  })
  .loose()
  .meta({ id: "Review" });
const ZRuleJson = z.object({
  rule: z.string(),
  name: z.string(),
  level,
  weight: z.number().int(),
  pass: z.boolean(),
  message: z.string(),
  read: z.array(z.object({ path: z.string(), value: z.unknown() })).optional(),
});
export const ZServiceScorecardJson = z
  .object({
    service: z.string(),
    team: z.string(),
    tier: z.number().int(),
    scorecard: z.string().nullable(),
    inScope: z.boolean(),
    level: z.enum(["none", "bronze", "silver", "gold"]),
    score: z.number(),
    evaluatedAt: z.iso.datetime(),
    rules: z.array(ZRuleJson),
    nextLevel: z.object({ level, failing: z.array(z.object({ rule: z.string(), message: z.string() })) }).nullable(),
    otherScorecards: z.array(
      z.object({
        scorecard: z.string(),
        level: z.enum(["none", "bronze", "silver", "gold"]),
        score: z.number(),
        rules: z.array(ZRuleJson),
      }),
    ),
  })
  .meta({ id: "ServiceScorecard" });
export const ZTeamScorecardJson = z
  .object({
    team: z.string(),
    scorecard: z.string().nullable(),
    score: z.number().nullable(),
    evaluatedAt: z.iso.datetime(),
    levels: z.object({
      none: z.number().int(),
      bronze: z.number().int(),
      silver: z.number().int(),
      gold: z.number().int(),
    }),
    failingRules: z.array(z.object({ rule: z.string(), name: z.string(), level, services: z.array(z.string()) })),
    services: z.array(
      z.object({
        service: z.string(),
        name: z.string(),
        tier: z.number().int(),
        inScope: z.boolean(),
        level: z.enum(["none", "bronze", "silver", "gold"]),
        score: z.number(),
      }),
    ),
  })
  .meta({ id: "TeamScorecard" });
export const ZScorecardDefinition = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    isDefault: z.boolean(),
    scope: ZScorecardScope,
    rules: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        level,
        weight: z.number().int(),
        enabled: z.boolean(),
        check: z.record(z.string(), z.unknown()).meta({ description: "`{type, …}`: see docs/scorecards.md" }),
      }),
    ),
  })
  .meta({ id: "ScorecardDefinition" });
export const ZImportResult = z
  .object({ key: z.string(), action: z.enum(["created", "updated", "unchanged"]), rules: z.number().int() })
  .meta({ id: "ScorecardImportResult" });
export const ZInitiative = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    targetLevel: level.nullable(),
    rules: z.array(z.string()),
    teams: z.array(z.string()),
    owner: z.string(),
    targetDate: z.iso.date(),
    createdAt: z.iso.datetime(),
    archived: z.boolean(),
    progress: z.object({
      done: z.number().int(),
      total: z.number().int(),
      complete: z.boolean(),
      overdue: z.boolean(),
      daysLeft: z.number().int(),
    }),
    services: z
      .array(z.object({ service: z.string(), done: z.boolean(), missing: z.array(z.string()) }))
      .optional()
      .meta({ description: "On one initiative only" }),
  })
  .meta({ id: "Initiative" });
export const ZExemption = z
  .object({
    id: z.uuid(),
    service: z.string(),
    serviceName: z.string(),
    team: z.string(),
    scorecard: z.string(),
    rule: z.string(),
    ruleName: z.string(),
    justification: z.string(),
    expiresAt: z.iso.datetime(),
    state: z.enum(["pending", "active", "expired", "rejected", "revoked"]),
    requestedBy: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "RuleExemption" });
