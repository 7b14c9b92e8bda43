import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZTeamInput } from "@/lib/schemas/catalog";

// The OpenAPI document is generated from the same zod schemas the routes validate with.

const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        "validation_failed", "bad_json", "unauthorized", "forbidden", "not_found", "conflict",
        "payload_too_large", "unsupported_media_type", "rate_limited", "unavailable", "internal",
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
    statuses.map((s) => [s, { description: ERROR_DESCRIPTIONS[s] ?? "Error", content: { "application/json": { schema: ZErrorBody } } }]),
  );

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (`validation_failed` with `details[]`, or `bad_json`)",
  401: "Missing or invalid credentials",
  403: "The credentials lack the permission",
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
    summary: "Liveness and database reachability",
    responses: {
      200: { description: "Up", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
      503: { description: "Postgres unreachable", content: { "application/json": { schema: z.object({ status: z.literal("unavailable") }) } } },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/teams",
    summary: "List teams",
    security: [{ bearerAuth: [] }],
    responses: { 200: { description: "Teams", content: { "application/json": { schema: z.array(ZTeam) } } }, ...errors(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/teams",
    summary: "Create a team (platform users, admin tokens)",
    security: [{ bearerAuth: [] }],
    request: { body: { content: { "application/json": { schema: ZTeamInput } } } },
    responses: { 201: { description: "Created", content: { "application/json": { schema: ZTeam } } }, ...errors(400, 401, 403, 409, 413, 415) },
  });
  return registry;
}

export function buildOpenApiDocument() {
  return new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Shipshape API",
      version: "1.0.0",
      description: "Production readiness, DORA metrics, SLOs and scorecards. Errors always use the `Error` shape.",
    },
    servers: [{ url: "/" }],
  });
}
