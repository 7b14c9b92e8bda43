// Response schemas of the imports, templates, SLO sources and scorecards-as-code operations.
import { z } from "zod";

const ZDocumentProblem = z
  .object({ index: z.number().int().meta({ description: "0-based document index" }), message: z.string() })
  .meta({ id: "DocumentProblem" });
export const ZCatalogImportResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    errors: z.array(ZDocumentProblem),
  })
  .meta({ id: "CatalogImportResult" });
export const ZCatalogSyncResult = z
  .object({
    id: z.uuid(),
    source: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    created: z.number().int(),
    updated: z.number().int(),
    archived: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(z.object({ entity: z.string(), message: z.string() })),
    error: z.string().nullable(),
  })
  .meta({ id: "CatalogSyncResult" });
export const ZTemplateSummary = z
  .object({
    key: z.string(),
    name: z.string(),
    serviceType: z.enum(["service", "data-pipeline", "ml-model"]),
    latestVersion: z.number().int(),
    versions: z.number().int(),
    items: z.number().int(),
    services: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "TemplateSummary" });
export const ZTemplateImportResult = z
  .object({ key: z.string(), version: z.number().int(), action: z.enum(["created", "unchanged"]) })
  .meta({ id: "TemplateImportResult" });
export const ZSloSource = z
  .object({
    url: z.string().nullable().meta({ description: "Its own URL, or null for the server's PROMETHEUS_URL" }),
    effectiveUrl: z.string().nullable(),
    hasAuthorization: z.boolean(),
    goodQuery: z.string().nullable(),
    errorQuery: z.string().nullable(),
    totalQuery: z.string(),
    readUntil: z.iso.datetime().nullable(),
    lastRunAt: z.iso.datetime().nullable(),
    lastSuccessAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.iso.datetime().nullable(),
    lastWritten: z.number().int(),
    lastMissing: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SloSource" });
export const ZPullOutcome = z
  .union([
    z.object({
      sloId: z.uuid(),
      ok: z.literal(true),
      written: z.number().int(),
      missing: z.number().int(),
      from: z.iso.datetime(),
      to: z.iso.datetime(),
    }),
    z.object({ sloId: z.uuid(), ok: z.literal(false), error: z.string() }),
  ])
  .meta({ id: "PullOutcome" });
export const ZSloImportResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    withQueries: z.number().int().meta({ description: "SLOs that kept Prometheus queries from their document" }),
    errors: z.array(ZDocumentProblem),
  })
  .meta({ id: "SloImportResult" });
export const ZCsvImportResult = z
  .object({
    ok: z.literal(true),
    kind: z.enum(["deployments", "incidents"]),
    created: z.number().int(),
    updated: z.number().int(),
    duplicates: z.number().int(),
  })
  .meta({ id: "CsvImportResult" });
export const ZScorecardApplyResult = z
  .object({
    dryRun: z.boolean(),
    steps: z.array(
      z.union([
        z.object({ action: z.enum(["create", "delete"]), key: z.string(), rules: z.number().int() }),
        z.object({ action: z.literal("update"), key: z.string(), changes: z.array(z.string()) }),
        z.object({ action: z.literal("unchanged"), key: z.string() }),
        z.object({ action: z.literal("keep"), key: z.string(), reason: z.string() }),
      ]),
    ),
  })
  .meta({ id: "ScorecardApplyResult" });
