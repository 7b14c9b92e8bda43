import { z } from "zod";
import { ZIsoDateTime, ZOptionalUrl, ZSlug } from "@/lib/core/schemas";

export const ZItemUpdate = z.object({
  status: z.enum(["open", "done", "not_applicable"], {
    error: "must be open, done or not_applicable (waived items come from approved waivers)",
  }),
  version: z.number({ error: "is required: the version you last saw (0 for an unanswered item)" }).int().min(0),
  evidenceUrl: ZOptionalUrl,
  note: z.string().trim().max(2000).optional().nullable(),
  reason: z.string().trim().max(500).optional().nullable(),
});
export type TItemUpdateInput = z.infer<typeof ZItemUpdate>;

/** A date (YYYY-MM-DD, end of that day UTC) or a full ISO date-time. */
export const ZExpiry = z.union([
  ZIsoDateTime.transform((s) => new Date(s)),
  z.iso
    .date({ error: "must be a date (YYYY-MM-DD) or an ISO-8601 date-time" })
    .transform((s) => new Date(`${s}T23:59:59Z`)),
]);

export const ZWaiverRequest = z.object({
  item: ZSlug,
  justification: z.string().trim().min(10, "must explain why, in at least 10 characters").max(2000),
  expiresAt: ZExpiry,
});

export const ZWaiverDecision = z.object({
  decision: z.enum(["approve", "reject"], { error: "must be approve or reject" }),
  note: z.string().trim().max(2000).optional().nullable(),
});

export const ZReviewRequest = z.object({ note: z.string().trim().max(2000).optional().nullable() });

export const ZReviewDecision = z.object({
  decision: z.enum(["approve", "request_changes"], { error: "must be approve or request_changes" }),
  comment: z.string().trim().max(4000).optional().nullable(),
});

export const ZReviewComment = z.object({ body: z.string().trim().min(1, "is required").max(4000) });

// Forms of the slice's server actions.

/** An emptied form field means "none". */
export const emptyToNull = (v: unknown) => (v === "" ? null : v);

export const ZItemForm = z.object({
  slug: ZSlug,
  itemKey: ZSlug,
  version: z.coerce.number().int().min(0),
  status: z.enum(["open", "done", "not_applicable"]),
  evidenceUrl: z.preprocess(
    emptyToNull,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .max(2048)
      .nullable()
      .optional(),
  ),
  note: z.preprocess(emptyToNull, z.string().trim().max(2000).nullable().optional()),
  reason: z.preprocess(emptyToNull, z.string().trim().max(500).nullable().optional()),
});
