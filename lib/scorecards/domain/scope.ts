// Which services a scorecard applies to, pure: a filter on tier, type, lifecycle, team and tags.
// Each part that is set must match (tags: every listed tag); an empty scope is every service.
import { z } from "zod";
import { LIFECYCLES, SERVICE_TYPES, ZTagFilter } from "@/lib/catalog/schemas";
import { ZSlug } from "@/lib/core/schemas";

export const ZScorecardScope = z
  .object({
    tiers: z.array(z.int().min(1).max(3)).max(3).optional(),
    types: z.array(z.enum(SERVICE_TYPES)).optional(),
    lifecycles: z.array(z.enum(LIFECYCLES)).optional(),
    /** Team slugs. */
    teams: z.array(ZSlug).max(500).optional(),
    /** "pci" (has the tag) or "language:go"; every one must match. */
    tags: z.array(z.string()).max(20).optional(),
  })
  .strict()
  .superRefine((scope, ctx) =>
    scope.tags?.forEach((t, i) => {
      if (!ZTagFilter.safeParse(t).success)
        ctx.addIssue({ code: "custom", path: ["tags", i], message: 'must be "key" or "key:value"' });
    }),
  );
export type TScorecardScope = z.infer<typeof ZScorecardScope>;

export type ScopedService = {
  tier: number;
  type: string;
  lifecycle: string;
  team: string;
  tags: Record<string, string>;
};

/** Drops empty parts, so `{tiers: []}` and `{}` are the same scope (and export the same YAML). */
export function normaliseScope(scope: TScorecardScope | null | undefined): TScorecardScope {
  const out: TScorecardScope = {};
  if (scope?.tiers?.length) out.tiers = [...new Set(scope.tiers)].sort();
  if (scope?.types?.length) out.types = [...new Set(scope.types)].sort();
  if (scope?.lifecycles?.length) out.lifecycles = [...new Set(scope.lifecycles)].sort();
  if (scope?.teams?.length) out.teams = [...new Set(scope.teams)].sort();
  if (scope?.tags?.length) out.tags = [...new Set(scope.tags)].sort();
  return out;
}

export const isWholeOrganisation = (scope: TScorecardScope) => Object.keys(normaliseScope(scope)).length === 0;

export function inScope(scope: TScorecardScope, s: ScopedService): boolean {
  if (scope.tiers?.length && !scope.tiers.includes(s.tier)) return false;
  if (scope.types?.length && !(scope.types as string[]).includes(s.type)) return false;
  if (scope.lifecycles?.length && !(scope.lifecycles as string[]).includes(s.lifecycle)) return false;
  if (scope.teams?.length && !scope.teams.includes(s.team)) return false;
  for (const text of scope.tags ?? []) {
    const tag = ZTagFilter.safeParse(text);
    if (!tag.success) return false;
    const value = s.tags[tag.data.key];
    if (value === undefined || (tag.data.value !== null && value !== tag.data.value)) return false;
  }
  return true;
}

/** "tier 1 and 2 · production · teams payments, checkout · tagged pci" or "every service". */
export function describeScope(scope: TScorecardScope): string {
  const s = normaliseScope(scope);
  const parts = [
    s.tiers ? `tier ${s.tiers.join(" and ")}` : null,
    s.types ? s.types.join(" or ") : null,
    s.lifecycles ? s.lifecycles.join(" or ") : null,
    s.teams ? `team${s.teams.length === 1 ? "" : "s"} ${s.teams.join(", ")}` : null,
    s.tags ? `tagged ${s.tags.join(" and ")}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? "every service" : parts.join(" · ");
}
