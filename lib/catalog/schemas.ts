import { z } from "zod";
import { ZName, ZOptionalText, ZOptionalUrl, ZSlug } from "@/lib/core/schemas";
import { normalisePathPrefix } from "@/lib/core/repository-key";

export const ZTeamInput = z.object({
  slug: ZSlug,
  name: ZName,
  description: ZOptionalText(2000),
});
export type TTeamInput = z.infer<typeof ZTeamInput>;

export const TIERS = [1, 2, 3] as const;
export const LIFECYCLES = ["experimental", "production", "deprecated"] as const;
export const SERVICE_TYPES = ["service", "data-pipeline", "ml-model"] as const;

export const ZTier = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "must be 1, 2 or 3" });
export const ZLifecycle = z.enum(LIFECYCLES, { error: "must be experimental, production or deprecated" });
export const ZServiceType = z.enum(SERVICE_TYPES, { error: "must be service, data-pipeline or ml-model" });

/** A form's "one per line, or comma-separated" list; the API sends arrays. */
const splitList = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(/[\n,]/)
        .map((x) => x.trim())
        .filter(Boolean)
    : v;

// Monorepos: the repository paths that are this service, and the pull request labels that mark its
// changes. Deployments of the repository count for the services whose changes they ship.
const ZRepoPaths = z.preprocess(
  splitList,
  z
    .array(
      z
        .string()
        .trim()
        .max(300)
        .transform(normalisePathPrefix)
        .refine(
          (p) => p !== "" && !p.split("/").includes(".."),
          "must be a path in the repository, like services/payments/",
        ),
    )
    .max(50)
    .transform((ps) => [...new Set(ps)]),
);
const ZRepoLabels = z.preprocess(
  splitList,
  z
    .array(z.string().trim().min(1).max(100))
    .max(50)
    .transform((ls) => [...new Set(ls)]),
);

// Tags: key/value labels. Keys are label-like ("language", "pci", "backstage.io/kind", "c++": a
// Backstage tag is a key whose value is ""); values are short text. The UI's form sends
// "key=value" lines (or "key" alone), the API an object.
export const TAG_KEY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._/:+#-]{0,125}[A-Za-z0-9+#])?$/;
export const MAX_TAGS = 50;
const ZTagKey = z
  .string()
  .regex(TAG_KEY_PATTERN, "must be 1–127 letters, digits and . _ / : + # -, starting with a letter or digit");
const ZTagValue = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .refine((v) => !/[\u0000-\u001f]/.test(v), "must be one line of text");

/** "team=payments\npci" or "team=payments, pci" → {team: "payments", pci: ""}. */
export function parseTagText(text: string): Record<string, string> | string {
  const tags: Record<string, string> = {};
  for (const part of text.split(/[\n,]/)) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf("=");
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (key in tags) return `the tag "${key}" is given twice`;
    tags[key] = eq < 0 ? "" : item.slice(eq + 1).trim();
  }
  return tags;
}

/** The form's text for tags: "team=payments, pci". */
export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => (v === "" ? k : `${k}=${v}`))
    .join(", ");
}

export const ZTags = z.preprocess(
  (v) => (typeof v === "string" ? parseTagText(v) : v),
  z
    .record(ZTagKey, ZTagValue, { error: "must be an object of tag keys to string values" })
    .refine((t) => Object.keys(t).length <= MAX_TAGS, `must have at most ${MAX_TAGS} tags`),
);
export type TTags = Record<string, string>;

/** A tag filter: "key" (has the tag) or "key:value" / "key=value". */
export const ZTagFilter = z
  .string()
  .trim()
  .max(264)
  .transform((v, ctx) => {
    const at = v.search(/[:=]/);
    // "c++" or "backstage.io/kind" have no separator; "a:b" could be a key with a colon: the
    // first separator splits unless the whole string is a key.
    const [key, value] = at < 0 ? [v, null] : [v.slice(0, at), v.slice(at + 1)];
    if (!TAG_KEY_PATTERN.test(key)) {
      ctx.addIssue({ code: "custom", message: 'must be "key" or "key:value"' });
      return z.NEVER;
    }
    return { key, value };
  });

export const ZServiceInput = z.object({
  slug: ZSlug,
  name: ZName,
  team: ZSlug,
  tier: ZTier,
  lifecycle: ZLifecycle,
  type: ZServiceType.default("service"),
  description: ZOptionalText(4000),
  repoUrl: ZOptionalUrl,
  repoPaths: ZRepoPaths.optional(),
  repoLabels: ZRepoLabels.optional(),
  runbookUrl: ZOptionalUrl,
  dashboardUrl: ZOptionalUrl,
  onCall: ZOptionalText(200),
  pagerdutyServiceId: ZOptionalText(64),
  tags: ZTags.optional(),
});
export type TServiceInput = z.infer<typeof ZServiceInput>;

// A PATCH changes only what it names: no field of it has a default (zod applies defaults even
// inside .partial(), which would reset `type` on every edit).
export const ZServicePatch = ZServiceInput.omit({ slug: true }).extend({ type: ZServiceType }).partial();
export type TServicePatch = z.infer<typeof ZServicePatch>;

/** The API spells service types with hyphens; the Prisma enum names use underscores. */
export type TServiceType = (typeof SERVICE_TYPES)[number];
export type TDbServiceType = "service" | "data_pipeline" | "ml_model";

export function toDbServiceType(type: TServiceType): TDbServiceType {
  return type === "data-pipeline" ? "data_pipeline" : type === "ml-model" ? "ml_model" : "service";
}

export function fromDbServiceType(type: TDbServiceType): TServiceType {
  return type === "data_pipeline" ? "data-pipeline" : type === "ml_model" ? "ml-model" : "service";
}

// Forms of the slice's server actions.
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const ZServiceForm = z.preprocess((raw) => {
  const o = { ...(raw as Record<string, unknown>) };
  for (const k of Object.keys(o)) o[k] = blankToUndefined(o[k]);
  if (typeof o.tier === "string") o.tier = Number(o.tier);
  return o;
}, ZServiceInput);

export const ZEditForm = z.preprocess(
  (raw) => {
    const o = { ...(raw as Record<string, unknown>) };
    // Cleared optional fields are sent empty: they mean "remove", not "leave as is".
    for (const k of ["description", "repoUrl", "runbookUrl", "dashboardUrl", "onCall", "pagerdutyServiceId"])
      if (o[k] === "") o[k] = null;
    if (typeof o.tier === "string") o.tier = Number(o.tier);
    return o;
  },
  ZServiceInput.omit({ slug: true }).extend({ currentSlug: ZSlug }),
);

// Custom facts (PUT /api/v1/services/{slug}/facts/{key}): the body is the value, any JSON up to 64 KiB.
export const MAX_FACT_BYTES = 64 * 1024;
export const FACT_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const ZFactKey = z
  .string()
  .regex(FACT_KEY_PATTERN, "must start with a letter and be at most 64 letters, digits, _ and -");

/** The batch form: many services' facts in one all-or-nothing request. */
export const ZFactBatch = z.object({
  facts: z
    .array(
      z.object({
        service: ZSlug,
        key: ZFactKey,
        // Any JSON (the body was parsed as JSON, so nothing else can arrive here).
        value: z.unknown().refine((v) => v !== undefined, "is required"),
      }),
    )
    .min(1, "must hold at least one fact")
    .max(1000, "must hold at most 1,000 facts"),
});
export type TFactBatch = z.infer<typeof ZFactBatch>;
