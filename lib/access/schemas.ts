import { z } from "zod";
import { SCOPES } from "@/lib/core/auth/permissions";
import { ZSlug } from "@/lib/core/schemas";

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
