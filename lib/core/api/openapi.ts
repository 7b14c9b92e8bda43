import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZDeploymentBatch, ZDeploymentInput, ZIncidentBatch, ZIncidentInput } from "@/lib/delivery/schemas";
import { ZFactBatch, ZServiceInput, ZServicePatch, ZTeamInput } from "@/lib/catalog/schemas";
import {
  ZItemUpdate,
  ZReviewComment,
  ZReviewDecision,
  ZReviewRequest,
  ZWaiverDecision,
  ZWaiverRequest,
} from "@/lib/readiness/schemas";
import { WEBHOOK_ENDPOINTS } from "./openapi-webhooks";
import { ZExemptionDecision, ZExemptionRequest, ZExemptionRevoke, ZInitiativeApiInput } from "@/lib/scorecards/schemas";
import { ZRuleDocument, ZScorecardDocument, ZScorecardScope } from "@/lib/scorecards/domain";
import { ZPrometheusUrl, ZSliInput, ZSloInput, ZSloPatch, ZSloSourceInput } from "@/lib/slo/schemas";

// The OpenAPI document is generated from the same zod schemas the routes validate with.

const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        "validation_failed",
        "bad_json",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "payload_too_large",
        "unsupported_media_type",
        "rate_limited",
        "unavailable",
        "internal",
      ]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

const ZTeam = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    serviceCount: z.number().int(),
    memberCount: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Team" });

type Responses = Record<number, { description: string; content?: { "application/json": { schema: z.ZodType } } }>;

const errors = (...statuses: number[]): Responses =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_DESCRIPTIONS[s] ?? "Error", content: { "application/json": { schema: ZErrorBody } } },
    ]),
  );

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (`validation_failed` with `details[]`, or `bad_json`)",
  401: "Missing or invalid credentials",
  403: "The credentials lack the permission",
  404: "Not found",
  409: "Conflicts with an existing resource",
  413: "Body larger than 1 MiB",
  415: "Wrong Content-Type",
  429: "Rate limited",
  503: "Database unavailable",
};

function buildRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });

  registry.registerPath({
    method: "get",
    path: "/api/health",
    summary: "Liveness and database reachability (`?probe=liveness` for the process alone)",
    description: "No credentials: for load balancers and orchestrators.",
    security: [],
    request: { query: z.object({ probe: z.enum(["liveness"]).optional() }) },
    responses: {
      200: {
        description: "Up (`degraded` with the database's latency when it is slow)",
        content: { "application/json": { schema: z.object({ status: z.enum(["ok", "degraded"]) }) } },
      },
      ...errors(400),
      503: {
        description: "Postgres unreachable",
        content: { "application/json": { schema: z.object({ status: z.literal("unavailable") }) } },
      },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/teams",
    summary: "List teams",
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: "Teams", content: { "application/json": { schema: z.array(ZTeam) } } },
      ...errors(401, 403),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/services/{slug}/gate",
    summary: "Deployment gate: does the service reach `level` (default `silver`)?",
    description: "For CI: `200` when it passes, `412` with the failing rules otherwise. Token scope: `read`.",
    security: [{ bearerAuth: [] }],
    request: {
      params: z.object({ slug }),
      query: z.object({
        level: level.optional(),
        scorecard: z.string().optional().meta({ description: "Scorecard key (default: the default scorecard)" }),
      }),
    },
    responses: {
      200: { description: "Passes", content: { "application/json": { schema: ZGateResult } } },
      412: {
        description: "Below the level; `failing` lists the rules to fix",
        content: { "application/json": { schema: ZGateResult } },
      },
      ...errors(400, 401, 403),
      404: { description: "Unknown service", content: { "application/json": { schema: ZErrorBody } } },
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/teams",
    summary: "Create a team (platform users, admin tokens)",
    security: [{ bearerAuth: [] }],
    request: { body: { content: { "application/json": { schema: ZTeamInput } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: ZTeam } } },
      ...errors(400, 401, 403, 409, 413, 415),
    },
  });
  for (const e of ENDPOINTS) registerEndpoint(registry, e);
  return registry;
}

export type Endpoint = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  /** Bearer scope needed (sessions use the role's permissions instead); none for signed webhooks. */
  scope?: "read" | "ingest" | "admin";
  body?: z.ZodType;
  bodyType?: "application/json" | "application/yaml";
  query?: Record<string, z.ZodType>;
  /** The success answer; `schema` describes its JSON body. */
  ok: { status: number; description: string; schema?: z.ZodType };
  /** Other success answers (a webhook's 200 repeat and 202 unmatched). */
  also?: Array<{ status: number; description: string; schema?: z.ZodType }>;
  errors: number[];
  /** How a webhook without a scope is authenticated (default: the provider's HMAC signature). */
  authNote?: string;
};

const slug = z.string().meta({ description: "Slug" });
const factKey = z.string().meta({ description: "Fact key (a letter, then up to 63 letters, digits, _ and -)" });
const level = z.enum(["bronze", "silver", "gold"]);
const ZGateResult = z
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
const ZFactValue = z.unknown().meta({ id: "FactValue", description: "Any JSON value, at most 64 KiB" });
const ZFact = z
  .object({
    service: z.string(),
    key: z.string(),
    value: ZFactValue,
    updatedAt: z.iso.datetime().meta({ description: "When the value last changed" }),
    reportedAt: z.iso.datetime().meta({ description: "When it was last written, changed or not" }),
    reportedBy: z.string().meta({ description: "`token:<name>`, a user's email, or a system actor" }),
  })
  .meta({ id: "Fact" });
const ZFactWritten = ZFact.extend({ changed: z.boolean() }).meta({ id: "FactWritten" });
const ZFactWithHistory = ZFact.extend({
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
const ZServiceDto = z
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
const ZServiceDetail = ZServiceDto.extend({
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
const ZWaiverListItem = z
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
const ZDoraReport = z
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
const ZSlo = z
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
const ZItemState = z
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
const ZChecklist = z
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
const ZReview = z
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
const ZServiceScorecardJson = z
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
const ZTeamScorecardJson = z
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
const ZScorecardDefinition = z
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
const ZImportResult = z
  .object({ key: z.string(), action: z.enum(["created", "updated", "unchanged"]), rules: z.number().int() })
  .meta({ id: "ScorecardImportResult" });
const ZInitiative = z
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
const ZExemption = z
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
const period = {
  from: z.string().optional(),
  to: z.string().optional(),
  benchmark: z.enum(["2023", "2021"]).optional(),
};

// Every other route, with the zod schema its handler validates the body with. Responses are described
// in CONTRACT.md sections 3–6; the gate's is spelled out because CI pipelines branch on it.
const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/services",
    summary: "List services (`?team=`, `?page=`, `?perPage=`)",
    scope: "read",
    query: { team: z.string().optional() },
    ok: { status: 200, description: "Services", schema: z.array(ZServiceDto) },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/api/v1/services",
    summary: "Create a service",
    scope: "admin",
    body: ZServiceInput,
    ok: { status: 201, description: "Created", schema: ZServiceDto },
    errors: [400, 401, 403, 409, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}",
    summary: "One service",
    scope: "read",
    ok: { status: 200, description: "The service", schema: ZServiceDetail },
    errors: [401, 403, 404],
  },
  {
    method: "patch",
    path: "/api/v1/services/{slug}",
    summary: "Change a service",
    scope: "admin",
    body: ZServicePatch,
    ok: { status: 200, description: "Changed", schema: ZServiceDto },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/catalog/import",
    summary: "Import Backstage catalog entities (Group, Component)",
    scope: "admin",
    bodyType: "application/yaml",
    ok: { status: 200, description: "`{created, updated, skipped, errors[]}`" },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/checklist",
    summary: "The service's readiness checklist with progress",
    scope: "read",
    ok: { status: 200, description: "Checklist", schema: ZChecklist },
    errors: [401, 403, 404],
  },
  {
    method: "patch",
    path: "/api/v1/services/{slug}/checklist/items/{key}",
    summary: "Answer one checklist item (optimistic concurrency through `version`)",
    scope: "admin",
    body: ZItemUpdate,
    ok: { status: 200, description: "The item", schema: ZItemState },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/services/{slug}/waivers",
    summary: "Request a waiver for an item",
    scope: "admin",
    body: ZWaiverRequest,
    ok: {
      status: 201,
      description: "Requested",
      schema: z.object({ id: z.uuid(), item: z.string(), status: z.string(), expiresAt: z.iso.datetime() }),
    },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/waivers",
    summary: "List waivers",
    scope: "read",
    ok: { status: 200, description: "Waivers", schema: z.array(ZWaiverListItem) },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/api/v1/waivers/{id}/decision",
    summary: "Approve or reject a waiver (platform)",
    scope: "admin",
    body: ZWaiverDecision,
    ok: { status: 200, description: "Decided", schema: z.object({ id: z.uuid(), status: z.string() }) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/reviews",
    summary: "The service's reviews",
    scope: "read",
    ok: { status: 200, description: "Reviews", schema: z.array(ZReview) },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/services/{slug}/reviews",
    summary: "Request a platform review",
    scope: "admin",
    body: ZReviewRequest,
    ok: {
      status: 201,
      description: "Requested",
      schema: z.object({ id: z.uuid(), status: z.string(), createdAt: z.iso.datetime() }),
    },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/reviews/{id}/decision",
    summary: "Approve or request changes (platform)",
    scope: "admin",
    body: ZReviewDecision,
    ok: { status: 200, description: "Decided", schema: z.object({ id: z.uuid(), status: z.string() }) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/reviews/{id}/comments",
    summary: "Comment on a review",
    scope: "admin",
    body: ZReviewComment,
    ok: { status: 201, description: "Added", schema: z.object({ id: z.uuid(), createdAt: z.iso.datetime() }) },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/templates",
    summary: "List checklist templates",
    scope: "read",
    ok: { status: 200, description: "Templates" },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/api/v1/templates",
    summary: "Import a checklist template (YAML); a changed one becomes a new version",
    scope: "admin",
    bodyType: "application/yaml",
    ok: { status: 201, description: "Imported" },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/templates/{key}",
    summary: "One template (`?version=`, `?format=yaml`)",
    scope: "read",
    ok: { status: 200, description: "Template" },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/deployments",
    summary: "Record deployments: one, or `{deployments: [≤ 1000]}`; repeated `externalId`s are no-ops",
    scope: "ingest",
    body: z.union([ZDeploymentInput, ZDeploymentBatch]),
    ok: {
      status: 201,
      description: "`{created, duplicates}`",
      schema: z.object({ created: z.number().int(), duplicates: z.number().int() }).meta({ id: "DeploymentsResult" }),
    },
    errors: [400, 401, 403, 413, 415, 429],
  },
  {
    method: "post",
    path: "/api/v1/incidents",
    summary: "Record incidents: one, or `{incidents: [≤ 1000]}`; a repeated `externalId` updates",
    scope: "ingest",
    body: z.union([ZIncidentInput, ZIncidentBatch]),
    ok: {
      status: 201,
      description: "`{created, updated}`",
      schema: z.object({ created: z.number().int(), updated: z.number().int() }).meta({ id: "IncidentsResult" }),
    },
    errors: [400, 401, 403, 413, 415, 429],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/dora",
    summary: "DORA four keys of a service (default: last 90 days, 2023 benchmark)",
    scope: "read",
    query: period,
    ok: { status: 200, description: "DORA object", schema: ZDoraReport },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/teams/{slug}/dora",
    summary: "DORA four keys over a team's services",
    scope: "read",
    query: period,
    ok: { status: 200, description: "DORA object", schema: ZDoraReport },
    errors: [400, 401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/slos",
    summary: "Define an SLO",
    scope: "ingest",
    body: ZSloInput,
    ok: { status: 201, description: "Created", schema: ZSlo },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "patch",
    path: "/api/v1/slos/{id}",
    summary: "Change an SLO",
    scope: "ingest",
    body: ZSloPatch,
    ok: { status: 200, description: "Changed", schema: ZSlo },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/slos/{id}/source",
    summary: "An SLO's pulled source (Prometheus-compatible) and how its last pulls went",
    scope: "read",
    ok: { status: 200, description: "The source, without its credentials" },
    errors: [401, 403, 404],
  },
  {
    method: "put",
    path: "/api/v1/slos/{id}/source",
    summary: "Connect an SLO to a Prometheus-compatible API (platform users, admin tokens)",
    scope: "admin",
    body: ZSloSourceInput,
    ok: { status: 200, description: "Connected; the next run backfills the raw retention" },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: "delete",
    path: "/api/v1/slos/{id}/source",
    summary: "Disconnect an SLO from its source (its samples are kept)",
    scope: "admin",
    ok: { status: 204, description: "Disconnected" },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/slos/{id}/source/pull",
    summary: "Pull the SLO's source now",
    scope: "admin",
    ok: { status: 200, description: "What was written, or the error the source gave" },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/slos/import",
    summary: "Import OpenSLO or Sloth YAML; their Prometheus queries are kept",
    scope: "ingest",
    query: { prometheusUrl: ZPrometheusUrl.optional() },
    bodyType: "application/yaml",
    ok: { status: 201, description: "Imported" },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/sli",
    summary: "Send SLI samples (good and total counts); a repeated `(slo, start)` replaces",
    scope: "ingest",
    body: ZSliInput,
    ok: { status: 201, description: "`{accepted}`", schema: z.object({ accepted: z.number().int() }) },
    errors: [400, 401, 403, 404, 413, 415, 429],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/slos",
    summary: "Every SLO of a service evaluated at `at` (default now)",
    scope: "read",
    query: { at: z.string().optional() },
    ok: { status: 200, description: "SLO objects", schema: z.array(ZSlo) },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/scorecard",
    summary: "A service's level, score and every rule with its reason",
    scope: "read",
    query: { scorecard: z.string().optional() },
    ok: { status: 200, description: "Service scorecard", schema: ZServiceScorecardJson },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/teams/{slug}/scorecard",
    summary: "A team's score, levels, failing rules and services",
    scope: "read",
    query: { scorecard: z.string().optional() },
    ok: { status: 200, description: "Team scorecard", schema: ZTeamScorecardJson },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/catalog/sync",
    summary:
      "Run the catalog sync now (CATALOG_SYNC_URL: Backstage's catalog API or catalog-info.yaml URLs): creates, updates, moves and archives the services it manages",
    scope: "admin",
    ok: {
      status: 200,
      description: "The run: created, updated, archived, unchanged, problems, or the error that changed nothing",
    },
    errors: [401, 403, 409],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/facts",
    summary: "Every custom fact of a service, by key",
    scope: "read",
    ok: { status: 200, description: "The facts", schema: z.object({ facts: z.array(ZFact) }) },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/facts/{key}",
    summary: "A custom fact: its value, when and by what it was written, and its latest revisions",
    scope: "read",
    query: { history: z.number().int().min(0).max(500).optional() },
    ok: { status: 200, description: "The fact", schema: ZFactWithHistory },
    errors: [400, 401, 403, 404],
  },
  {
    method: "put",
    path: "/api/v1/services/{slug}/facts/{key}",
    summary: "Set a custom fact: the body is its JSON value (at most 64 KiB)",
    scope: "ingest",
    body: ZFactValue,
    ok: { status: 200, description: "Set; `changed` says if the value changed", schema: ZFactWritten },
    also: [{ status: 201, description: "Created: the fact is new", schema: ZFactWritten }],
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: "delete",
    path: "/api/v1/services/{slug}/facts/{key}",
    summary: "Remove a custom fact (its history keeps a deleted revision)",
    scope: "ingest",
    ok: { status: 204, description: "Removed" },
    errors: [400, 401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/facts",
    summary: "Set many services' facts at once, all or nothing",
    scope: "ingest",
    body: ZFactBatch,
    ok: {
      status: 200,
      description: "What the batch did",
      schema: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/exemptions",
    summary: "Rule exemptions, soonest expiry first (`?status=pending|active|expired|rejected|revoked|all&service=`)",
    scope: "read",
    query: { status: z.string().optional(), service: z.string().optional() },
    ok: { status: 200, description: "Exemptions", schema: z.array(ZExemption) },
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/api/v1/services/{slug}/exemptions",
    summary: "A service's rule exemptions, every state",
    scope: "read",
    ok: { status: 200, description: "Exemptions", schema: z.array(ZExemption) },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/api/v1/services/{slug}/exemptions",
    summary: "Ask for one scorecard rule to be waived for the service until a date (engineers of its team, platform)",
    scope: "admin",
    body: ZExemptionRequest,
    ok: { status: 201, description: "Requested, pending a platform decision", schema: ZExemption },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/exemptions/{id}/decision",
    summary: "Approve an exemption, or reject it with a `note` (platform)",
    scope: "admin",
    body: ZExemptionDecision,
    ok: { status: 200, description: "Decided", schema: ZExemption },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/exemptions/{id}/revoke",
    summary: "End an active exemption now (platform)",
    scope: "admin",
    body: ZExemptionRevoke,
    ok: { status: 200, description: "Revoked", schema: ZExemption },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/scorecards",
    summary: "Every scorecard with its scope and rules, the default first",
    scope: "read",
    ok: { status: 200, description: "Scorecards", schema: z.array(ZScorecardDefinition) },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/api/v1/scorecards",
    summary: "Create or replace a scorecard from YAML (its rules become exactly the document's; platform)",
    scope: "admin",
    bodyType: "application/yaml",
    ok: { status: 200, description: "Updated or unchanged", schema: ZImportResult },
    also: [{ status: 201, description: "Created", schema: ZImportResult }],
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/scorecards/{key}",
    summary: "One scorecard with its scope and rules",
    scope: "read",
    ok: { status: 200, description: "The scorecard", schema: ZScorecardDefinition },
    errors: [400, 401, 403, 404],
  },
  {
    method: "put",
    path: "/api/v1/scorecards/{key}",
    summary: "Replace a scorecard with a JSON document (the YAML document's shape; platform)",
    scope: "admin",
    body: ZScorecardDocument,
    ok: { status: 200, description: "Updated or unchanged", schema: ZImportResult },
    also: [{ status: 201, description: "Created", schema: ZImportResult }],
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/scorecards/{key}/export",
    summary: "A scorecard as YAML (`application/yaml`)",
    scope: "read",
    ok: { status: 200, description: "The YAML document" },
    errors: [400, 401, 403, 404],
  },
  {
    method: "put",
    path: "/api/v1/scorecards/{key}/rules/{rule}",
    summary: "Add or replace one rule (an expression is checked as in the editor; platform)",
    scope: "admin",
    body: ZRuleDocument,
    ok: {
      status: 200,
      description: "Saved",
      schema: z.object({ scorecard: z.string(), rule: z.string(), saved: z.literal(true) }),
    },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "delete",
    path: "/api/v1/scorecards/{key}/rules/{rule}",
    summary: "Delete one rule (platform)",
    scope: "admin",
    ok: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/initiatives",
    summary: "Initiatives with their progress, soonest target first (`?archived=true` for archived ones)",
    scope: "read",
    query: { archived: z.enum(["true", "false"]).optional() },
    ok: { status: 200, description: "Initiatives", schema: z.array(ZInitiative) },
    errors: [400, 401, 403],
  },
  {
    method: "post",
    path: "/api/v1/initiatives",
    summary: "Create an initiative: a level or rules to reach, for teams and services, by a date (platform)",
    scope: "admin",
    body: ZInitiativeApiInput,
    ok: { status: 201, description: "Created, with its progress", schema: ZInitiative },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: "get",
    path: "/api/v1/initiatives/{id}",
    summary: "One initiative: progress, and per service in scope what it still misses",
    scope: "read",
    ok: { status: 200, description: "The initiative", schema: ZInitiative },
    errors: [400, 401, 403, 404],
  },
  ...WEBHOOK_ENDPOINTS,
];

function registerEndpoint(registry: OpenAPIRegistry, e: Endpoint) {
  const names = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const params = names.length
    ? z.object(
        Object.fromEntries(
          names.map((n) => [n, n === "id" ? z.uuid() : n === "key" && e.path.includes("/facts/") ? factKey : slug]),
        ),
      )
    : undefined;
  const body = e.body
    ? { content: { "application/json": { schema: e.body } } }
    : e.bodyType === "application/yaml"
      ? { content: { "application/yaml": { schema: z.string() } } }
      : undefined;
  registry.registerPath({
    method: e.method,
    path: e.path,
    summary: e.summary,
    description: e.scope
      ? `Token scope: \`${e.scope}\` (or a signed-in user with the permission).`
      : (e.authNote ?? "Authenticated by the provider's HMAC signature."),
    security: e.scope ? [{ bearerAuth: [] }] : [],
    request: { params, query: e.query ? z.object(e.query) : undefined, body },
    responses: {
      ...Object.fromEntries(
        [e.ok, ...(e.also ?? [])].map((r) => [
          r.status,
          r.schema
            ? { description: r.description, content: { "application/json": { schema: r.schema } } }
            : { description: r.description },
        ]),
      ),
      ...errors(...e.errors),
    },
  });
}

/** A stable, unique operationId from the method and path: GET /api/v1/services/{slug}/gate → getServicesBySlugGate. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/(v1\/)?/, "")
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      const word = (param ? `by-${param[1]}` : segment).replace(/\.json$/, "-json");
      return word
        .split(/[-_.]/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("");
    });
  return method.toLowerCase() + words.join("");
}

export function buildOpenApiDocument() {
  const doc = new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Shipshape API",
      version: "1.0.0",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      description: "Production readiness, DORA metrics, SLOs and scorecards. Errors always use the `Error` shape.",
    },
    servers: [{ url: "/" }],
  });
  for (const [path, operations] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(operations as Record<string, { operationId?: string }>))
      if (operation && typeof operation === "object" && !operation.operationId)
        operation.operationId = operationIdOf(method, path);
  return doc;
}
