import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZTeamInput } from "@/lib/catalog/schemas";
import { ENDPOINTS } from "./openapi-endpoints";
import { slug, factKey, level, ZGateResult } from "./openapi-responses";

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
  413: "Body larger than the limit (1 MiB; 20 MiB for a CSV import)",
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
  bodyType?: "application/json" | "application/yaml" | "text/csv";
  query?: Record<string, z.ZodType>;
  /** The success answer; `schema` describes its JSON body. */
  ok: { status: number; description: string; schema?: z.ZodType; type?: "application/yaml" };
  /** Other success answers (a webhook's 200 repeat and 202 unmatched). */
  also?: Array<{ status: number; description: string; schema?: z.ZodType }>;
  errors: number[];
  /** How a webhook without a scope is authenticated (default: the provider's HMAC signature). */
  authNote?: string;
};

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
    : e.bodyType === "application/yaml" || e.bodyType === "text/csv"
      ? { content: { [e.bodyType]: { schema: z.string() } } }
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
            : "type" in r && r.type === "application/yaml"
              ? { description: r.description, content: { "application/yaml": { schema: z.string() } } }
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
