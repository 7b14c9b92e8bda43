import { z } from "zod";
import { parseOrThrow } from "@/lib/core/validation";
import { ZIsoDateTime, ZSlug } from "@/lib/core/schemas";
import { ZCsvUpload } from "@/lib/core/upload";

// Deployment and incident payloads (CONTRACT §3). Strings are normalised (status and environment
// lower-cased) so "SUCCESS"/"Production" count like "success"/"production".

export const DEPLOYMENT_STATUSES = [
  "success",
  "failure",
  "error",
  "cancelled",
  "canceled",
  "in_progress",
  "queued",
  "pending",
  "inactive",
] as const;

const lower = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);
const ZExternalId = z.string().trim().min(1, "must not be empty").max(200);

export const ZDeploymentInput = z
  .object({
    externalId: ZExternalId,
    service: ZSlug,
    environment: z.preprocess(lower, z.string().min(1, "must not be empty").max(64)),
    status: z.preprocess(
      lower,
      z.enum(DEPLOYMENT_STATUSES, { error: `must be one of ${DEPLOYMENT_STATUSES.join(", ")}` }),
    ),
    startedAt: ZIsoDateTime.optional().nullable(),
    finishedAt: ZIsoDateTime,
    commits: z
      .array(
        z.object({
          sha: z.string().trim().min(4, "must be a commit sha").max(64),
          authoredAt: ZIsoDateTime.optional().nullable(),
        }),
      )
      .max(1000)
      .optional(),
    pullRequests: z
      .array(
        z.object({
          number: z.number().int().positive(),
          firstCommitAt: ZIsoDateTime.optional().nullable(),
          openedAt: ZIsoDateTime.optional().nullable(),
          mergedAt: ZIsoDateTime.optional().nullable(),
        }),
      )
      .max(500)
      .optional(),
    rework: z.boolean().optional(),
    /** The externalId of the deployment of the same service that this one fixes, reverts or rolls back. */
    fixes: ZExternalId.optional().nullable(),
  })
  .superRefine((d, ctx) => {
    if (d.startedAt && new Date(d.startedAt) > new Date(d.finishedAt))
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "must not be before startedAt" });
    if (d.fixes && d.fixes === d.externalId)
      ctx.addIssue({ code: "custom", path: ["fixes"], message: "must name another deployment, not this one" });
  });
export type TDeploymentInput = z.infer<typeof ZDeploymentInput>;

export const ZIncidentInput = z
  .object({
    externalId: ZExternalId,
    service: ZSlug,
    title: z.string().trim().min(1, "must not be empty").max(300),
    severity: z.string().trim().max(32).optional().nullable(),
    startedAt: ZIsoDateTime,
    resolvedAt: ZIsoDateTime.optional().nullable(),
    causedByDeployment: ZExternalId.optional().nullable(),
  })
  .superRefine((i, ctx) => {
    if (i.resolvedAt && new Date(i.resolvedAt) < new Date(i.startedAt))
      ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: "must not be before startedAt" });
  });
export type TIncidentInput = z.infer<typeof ZIncidentInput>;
/** An incident as recorded: a source may not know its start (a PagerDuty resolve with no created_at). */
export type TIncidentRecord = Omit<TIncidentInput, "startedAt"> & { startedAt: string | null };

export const MAX_BATCH = 1000;

export const ZDeploymentBatch = z.object({
  deployments: z
    .array(ZDeploymentInput)
    .min(1, "must hold at least one deployment")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} deployments`),
});
export const ZIncidentBatch = z.object({
  incidents: z
    .array(ZIncidentInput)
    .min(1, "must hold at least one incident")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} incidents`),
});

/** A single item, or {"deployments": [...]} / {"incidents": [...]}: error paths match the shape sent. */
export function parseIngestBody<T>(
  body: unknown,
  key: "deployments" | "incidents",
  item: z.ZodType<T>,
  batch: z.ZodType<Record<string, T[]>>,
): T[] {
  const isBatch = body !== null && typeof body === "object" && !Array.isArray(body) && key in body;
  return isBatch ? parseOrThrow(batch, body)[key] : [parseOrThrow(item, body)];
}

/** The delivery CSV exports: one service or one team, over the page's period (?period=, ?from=&to=, ?benchmark=). */
export const ZDeliveryExportQuery = z
  .object({
    service: ZSlug.optional(),
    team: ZSlug.optional(),
    period: z.string().max(16).optional(),
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    benchmark: z.string().max(8).optional(),
  })
  .refine((q) => q.service || q.team, { path: ["service"], message: "give ?service=SLUG or ?team=SLUG" });
export type TDeliveryExportQuery = z.infer<typeof ZDeliveryExportQuery>;

// Forms of the slice's server actions.
export const ZCsvForm = ZCsvUpload.extend({
  kind: z.enum(["deployments", "incidents"], { error: "choose deployments or incidents" }),
});
