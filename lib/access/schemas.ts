import { z } from "zod";
import { SCOPES } from "@/lib/core/auth/permissions";
import { ZSlug } from "@/lib/core/schemas";
import { AUDIT_KINDS, type AuditKind } from "@/lib/access/domain/audit-describe";

// Forms of the slice's server actions.
export const ZCreateTokenForm = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  scopes: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SCOPES)).min(1, "pick at least one scope"),
  ),
  team: z.union([z.literal(""), ZSlug]).optional(),
});

export const ZCreateUserForm = z.object({
  email: z.email("must be an email address").max(320),
  name: z.string().trim().max(120).optional(),
  role: z.enum(["platform", "engineer", "leadership"]),
  team: z.union([z.literal(""), ZSlug]).optional(),
  password: z.string().min(10, "must be at least 10 characters").max(200),
});

/** A six-digit authenticator code, or (where it says so) a recovery code such as "1a2b3-c4d5e". */
export const ZTotpCodeForm = z.object({
  code: z.string().trim().min(6, "enter the 6-digit code from your app").max(40),
});

const kinds = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

/** The audit log's filters, from the page's URL or the CSV export's. Anything malformed is ignored by the page. */
export const ZAuditQuery = z.object({
  /** Part of a person's name or email, or a token's name. */
  actor: z.string().trim().max(200).optional(),
  team: ZSlug.optional(),
  service: ZSlug.optional(),
  kind: z.enum(kinds).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
