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
