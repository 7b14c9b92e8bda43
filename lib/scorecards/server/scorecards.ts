import "server-only";
import { authorize, SYSTEM_ACTOR, type Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { onReplica, reader } from "@/lib/core/db/replicas";
import type { PrismaClient } from "@/generated/prisma/client";
import { notFound } from "@/lib/core/errors";
import {
  ZRuleCheck,
  evaluateScorecard,
  failingRules,
  levelCounts,
  teamScore,
  type Level,
  type Rule,
  type RuleCheck,
  type ScorecardResult,
} from "@/lib/scorecards/domain/scorecard";
import { scorecardToYaml, type TScorecardDocument } from "@/lib/scorecards/domain/document";
import {
  ZScorecardScope,
  inScope,
  isWholeOrganisation,
  normaliseScope,
  type TScorecardScope,
} from "@/lib/scorecards/domain/scope";
import { loadServiceFacts, type LoadedService } from "./facts";
import { activeExemptionsOf } from "./exemptions";

// Scorecards (CONTRACT §6): definitions kept in Postgres (changed through scorecard-admin.ts, in the
// UI and as YAML, audited); evaluation reads facts in bulk and applies the pure engine in
// lib/metrics/scorecard.

export const ruleSelect = {
  key: true,
  name: true,
  description: true,
  level: true,
  weight: true,
  enabled: true,
  check: true,
  position: true,
} as const;
const LEVEL_ORDER: Record<string, number> = { bronze: 0, silver: 1, gold: 2 };

type RuleRow = {
  key: string;
  name: string;
  description: string | null;
  level: string;
  weight: number;
  enabled: boolean;
  check: unknown;
  position: number;
};

export function ruleFromRow(r: RuleRow): Rule & { description: string | null } {
  const parsed = ZRuleCheck.safeParse(r.check);
  // A stored check that no longer validates fails with a reason instead of breaking the page.
  const check: RuleCheck = parsed.success
    ? parsed.data
    : { type: "checklist_item", item: `invalid rule "${r.key}"`, accept: ["done"] };
  return {
    key: r.key,
    name: r.name,
    description: r.description,
    level: r.level as Rule["level"],
    weight: r.weight,
    enabled: r.enabled,
    check,
  };
}

const sortRules = <T extends { level: string; position: number }>(rows: T[]) =>
  [...rows].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.position - b.position);

/** A stored scope; one that no longer validates applies to no service rather than to all. */
export function scopeFromRow(value: unknown): TScorecardScope {
  const parsed = ZScorecardScope.safeParse(value ?? {});
  return parsed.success ? normaliseScope(parsed.data) : { teams: ["-invalid-scope-"] };
}

export function documentOf(row: {
  key: string;
  name: string;
  description: string | null;
  enabled: boolean;
  scope: unknown;
  rules: RuleRow[];
}): TScorecardDocument {
  const scope = scopeFromRow(row.scope);
  return {
    key: row.key,
    name: row.name,
    description: row.description ?? undefined,
    enabled: row.enabled,
    ...(isWholeOrganisation(scope) ? {} : { scope }),
    rules: sortRules(row.rules).map((r) => {
      const rule = ruleFromRow(r);
      return {
        key: rule.key,
        name: rule.name,
        description: rule.description ?? undefined,
        level: rule.level,
        weight: rule.weight,
        enabled: rule.enabled,
        check: rule.check,
      };
    }),
  };
}

// ─── Reading definitions ────────────────────────────────────────────────────

export type ScorecardDefinition = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  enabled: boolean;
  isDefault: boolean;
  scope: TScorecardScope;
  rules: Array<Rule & { description: string | null }>;
};

export async function listScorecardDefinitions(
  actor: Actor | null,
  opts: { enabledOnly?: boolean } = {},
  db: PrismaClient = reader(),
): Promise<ScorecardDefinition[]> {
  authorize(actor, "read");
  const rows = await db.scorecard.findMany({
    where: opts.enabledOnly ? { enabled: true } : {},
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    include: { rules: { select: ruleSelect } },
  });
  return rows.map((s) => ({
    id: s.id,
    key: s.key,
    name: s.name,
    description: s.description,
    enabled: s.enabled,
    isDefault: s.isDefault,
    scope: scopeFromRow(s.scope),
    rules: sortRules(s.rules).map(ruleFromRow),
  }));
}

export async function getScorecardDefinition(key: string): Promise<ScorecardDefinition> {
  const found = (await listScorecardDefinitions(SYSTEM_ACTOR)).find((s) => s.key === key);
  if (!found) throw notFound(`Scorecard "${key}"`);
  return found;
}

/** The scorecard that decides a service's level (the seeded "Production readiness" unless changed). */
export async function getDefaultScorecard(
  actor: Actor | null,
  db: PrismaClient = prisma,
): Promise<ScorecardDefinition | null> {
  authorize(actor, "read");
  return (await listScorecardDefinitions(actor, { enabledOnly: true }, db)).find((s) => s.isDefault) ?? null;
}

export async function exportScorecardYaml(actor: Actor | null, key: string): Promise<string> {
  authorize(actor, "read");
  const row = await prisma.scorecard.findUnique({ where: { key }, include: { rules: { select: ruleSelect } } });
  if (!row) throw notFound(`Scorecard "${key}"`);
  return scorecardToYaml(documentOf(row));
}

// ─── Evaluation ─────────────────────────────────────────────────────────────

export type ServiceScorecard = {
  service: LoadedService;
  scorecard: { key: string; name: string; scope: TScorecardScope } | null;
  result: ScorecardResult;
  /**
   * False when the service is outside the scorecard's scope: it has no level on that scorecard, and
   * team and organisation roll-ups leave it out.
   */
  inScope: boolean;
  /** The other enabled scorecards whose scope includes the service, each judged on its own. */
  others: Array<{ key: string; name: string; result: ScorecardResult }>;
};

const EMPTY_RESULT: ScorecardResult = { level: "none", score: 0, rules: [], nextLevel: null };

/** What a scope filters on, from the loaded service. */
function scopedOf(service: LoadedService) {
  const doc = service.facts.document;
  return {
    tier: service.tier,
    type: doc?.catalog.type ?? "service",
    lifecycle: doc?.catalog.lifecycle ?? "production",
    team: service.teamSlug,
    tags: doc?.tags ?? {},
  };
}

/**
 * Evaluates the enabled scorecards for the given services, as of `asOf`: the one named by
 * `scorecard` (default: the default scorecard) as the main result, and every other one in scope.
 */
export async function evaluateServices(
  serviceIds: string[],
  asOf = new Date(),
  db: PrismaClient = reader(),
  opts: { scorecard?: string } = {},
): Promise<ServiceScorecard[]> {
  const [cards, loaded, exemptions] = await Promise.all([
    listScorecardDefinitions(SYSTEM_ACTOR, { enabledOnly: true }, db),
    loadServiceFacts(serviceIds, asOf, db),
    activeExemptionsOf(serviceIds, asOf, db),
  ]);
  const judge = (card: ScorecardDefinition, service: LoadedService) =>
    evaluateScorecard(card.rules, service.facts, exemptions.get(`${service.id}:${card.id}`));
  const main = opts.scorecard
    ? (cards.find((c) => c.key === opts.scorecard) ?? null)
    : (cards.find((c) => c.isDefault) ?? null);
  if (opts.scorecard && !main) throw notFound(`Enabled scorecard "${opts.scorecard}"`);
  return loaded.map((service) => {
    const scoped = scopedOf(service);
    const inMain = main ? inScope(main.scope, scoped) : false;
    return {
      service,
      scorecard: main ? { key: main.key, name: main.name, scope: main.scope } : null,
      result: main && inMain ? judge(main, service) : EMPTY_RESULT,
      inScope: inMain,
      others: cards
        .filter((c) => c !== main && inScope(c.scope, scoped))
        .map((c) => ({ key: c.key, name: c.name, result: judge(c, service) })),
    };
  });
}

export async function getServiceScorecard(
  actor: Actor | null,
  slug: string,
  asOf = new Date(),
  scorecard?: string,
): Promise<ServiceScorecard | null> {
  authorize(actor, "read");
  const service = await prisma.service.findUnique({ where: { slug }, select: { id: true } });
  if (!service) return null;
  return (await evaluateServices([service.id], asOf, reader(), { scorecard }))[0] ?? null;
}

export type TeamScorecard = {
  team: { id: string; slug: string; name: string };
  score: number | null;
  levels: Record<Level, number>;
  failing: ReturnType<typeof failingRules>;
  services: ServiceScorecard[];
};

/** A team's roll-up: score, levels and failing rules count only the services in the scorecard's scope. */
export function summariseTeam(team: TeamScorecard["team"], services: ServiceScorecard[]): TeamScorecard {
  const scoped = services.filter((s) => s.inScope);
  return {
    team,
    score: teamScore(scoped.map((s) => ({ tier: s.service.tier, score: s.result.score }))),
    levels: levelCounts(scoped.map((s) => s.result.level)),
    failing: failingRules(scoped.map((s) => ({ service: s.service.slug, rules: s.result.rules }))),
    services: [...services].sort(
      (a, b) =>
        a.service.tier - b.service.tier ||
        a.result.score - b.result.score ||
        a.service.name.localeCompare(b.service.name),
    ),
  };
}

export async function getTeamScorecard(
  actor: Actor | null,
  slug: string,
  asOf = new Date(),
  scorecard?: string,
): Promise<TeamScorecard | null> {
  authorize(actor, "read");
  const team = await prisma.team.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, services: { where: { archivedAt: null }, select: { id: true } } },
  });
  if (!team) return null;
  const services = await evaluateServices(
    team.services.map((s) => s.id),
    asOf,
    reader(),
    { scorecard },
  );
  return summariseTeam({ id: team.id, slug: team.slug, name: team.name }, services);
}

/** Levels of many services at once (the services table, its level filter). */
export async function levelsOf(
  actor: Actor | null,
  serviceIds: string[],
): Promise<Map<string, { level: Level; score: number }>> {
  authorize(actor, "read");
  const results = await evaluateServices(serviceIds);
  return new Map(results.map((r) => [r.service.id, { level: r.result.level, score: r.result.score }]));
}

/** Every team's scorecard from one evaluation of all active services, best score first. */
export async function getOrgScorecard(actor: Actor | null, asOf = new Date()) {
  authorize(actor, "read");
  const { teams, evaluated } = await onReplica("org-scorecards", async () => {
    const [teams, services] = await Promise.all([
      reader().team.findMany({ select: { id: true, slug: true, name: true } }),
      reader().service.findMany({ where: { archivedAt: null }, select: { id: true } }),
    ]);
    return {
      teams,
      evaluated: await evaluateServices(
        services.map((s) => s.id),
        asOf,
      ),
    };
  });
  const byTeam = new Map<string, ServiceScorecard[]>();
  for (const s of evaluated) {
    const list = byTeam.get(s.service.teamId);
    if (list) list.push(s);
    else byTeam.set(s.service.teamId, [s]);
  }
  const teamCards = teams
    .filter((t) => byTeam.has(t.id))
    .map((t) => summariseTeam(t, byTeam.get(t.id) ?? []))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.team.name.localeCompare(b.team.name));
  return { org: summariseTeam({ id: "org", slug: "org", name: "Organisation" }, evaluated), teams: teamCards };
}
