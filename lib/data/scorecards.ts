import "server-only";
import fs from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { can, denialReason, type Actor } from "@/lib/auth/permissions";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import {
  LEVELS,
  LEVEL_RANK,
  ZRuleCheck,
  evaluateScorecard,
  failingRules,
  levelCounts,
  teamScore,
  type Level,
  type Rule,
  type RuleCheck,
  type ScorecardResult,
} from "@/lib/metrics/scorecard";
import { ZRuleDocument, parseScorecardYaml, scorecardToYaml, type TRuleDocument, type TScorecardDocument } from "@/lib/scorecards/document";
import { recordAudit } from "./audit";
import { loadServiceFacts, type LoadedService } from "./scorecard-facts";

// Scorecards (CONTRACT §6): definitions kept in Postgres, editable in the UI and as YAML, every change
// audited; evaluation reads facts in bulk and applies the pure engine in lib/metrics/scorecard.

const builtInDir = () => path.join(process.cwd(), "prisma", "seed", "scorecards");

const ruleSelect = { key: true, name: true, description: true, level: true, weight: true, enabled: true, check: true, position: true } as const;
const LEVEL_ORDER: Record<string, number> = { bronze: 0, silver: 1, gold: 2 };

type RuleRow = { key: string; name: string; description: string | null; level: string; weight: number; enabled: boolean; check: unknown; position: number };

function ruleFromRow(r: RuleRow): Rule & { description: string | null } {
  const parsed = ZRuleCheck.safeParse(r.check);
  // A stored check that no longer validates fails with a reason instead of breaking the page.
  const check: RuleCheck = parsed.success ? parsed.data : { type: "checklist_item", item: `invalid rule "${r.key}"`, accept: ["done"] };
  return { key: r.key, name: r.name, description: r.description, level: r.level as Rule["level"], weight: r.weight, enabled: r.enabled, check };
}

const sortRules = <T extends { level: string; position: number }>(rows: T[]) => [...rows].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.position - b.position);

export function documentOf(row: { key: string; name: string; description: string | null; enabled: boolean; rules: RuleRow[] }): TScorecardDocument {
  return {
    key: row.key,
    name: row.name,
    description: row.description ?? undefined,
    enabled: row.enabled,
    rules: sortRules(row.rules).map((r) => {
      const rule = ruleFromRow(r);
      return { key: rule.key, name: rule.name, description: rule.description ?? undefined, level: rule.level, weight: rule.weight, enabled: rule.enabled, check: rule.check };
    }),
  };
}

// ─── Reading definitions ────────────────────────────────────────────────────

export type ScorecardDefinition = { id: string; key: string; name: string; description: string | null; enabled: boolean; isDefault: boolean; rules: Array<Rule & { description: string | null }> };

export async function listScorecardDefinitions(opts: { enabledOnly?: boolean } = {}, db: PrismaClient = prisma): Promise<ScorecardDefinition[]> {
  const rows = await db.scorecard.findMany({
    where: opts.enabledOnly ? { enabled: true } : {},
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    include: { rules: { select: ruleSelect } },
  });
  return rows.map((s) => ({ id: s.id, key: s.key, name: s.name, description: s.description, enabled: s.enabled, isDefault: s.isDefault, rules: sortRules(s.rules).map(ruleFromRow) }));
}

export async function getScorecardDefinition(key: string): Promise<ScorecardDefinition> {
  const found = (await listScorecardDefinitions()).find((s) => s.key === key);
  if (!found) throw notFound(`Scorecard "${key}"`);
  return found;
}

/** The scorecard that decides a service's level (the seeded "Production readiness" unless changed). */
export async function getDefaultScorecard(db: PrismaClient = prisma): Promise<ScorecardDefinition | null> {
  return (await listScorecardDefinitions({ enabledOnly: true }, db)).find((s) => s.isDefault) ?? null;
}

export async function exportScorecardYaml(key: string): Promise<string> {
  const row = await prisma.scorecard.findUnique({ where: { key }, include: { rules: { select: ruleSelect } } });
  if (!row) throw notFound(`Scorecard "${key}"`);
  return scorecardToYaml(documentOf(row));
}

// ─── Changing definitions (platform only, audited) ──────────────────────────

function requireManage(actor: Actor | "system") {
  if (actor !== "system" && !can(actor, "scorecard.manage")) throw forbidden(denialReason(actor, "manage scorecards"));
}

export type ScorecardImportResult = { key: string; action: "created" | "updated" | "unchanged"; rules: number };

/** Creates or replaces a scorecard from YAML: its rules become exactly the document's. */
export async function importScorecard(yamlText: string, actor: Actor | "system", db: PrismaClient = prisma): Promise<ScorecardImportResult> {
  requireManage(actor);
  const doc = parseScorecardYaml(yamlText);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`scorecard:${doc.key}`}))`;
    const existing = await tx.scorecard.findUnique({ where: { key: doc.key }, include: { rules: { select: ruleSelect } } });
    if (existing && scorecardToYaml(documentOf(existing)) === scorecardToYaml(doc)) return { key: doc.key, action: "unchanged" as const, rules: doc.rules.length };
    const hasDefault = (await tx.scorecard.count({ where: { isDefault: true } })) > 0;
    const card = existing
      ? await tx.scorecard.update({ where: { id: existing.id }, data: { name: doc.name, description: doc.description ?? null, enabled: existing.isDefault ? true : doc.enabled } })
      : await tx.scorecard.create({ data: { key: doc.key, name: doc.name, description: doc.description ?? null, enabled: doc.enabled, isDefault: !hasDefault } });
    await tx.scorecardRule.deleteMany({ where: { scorecardId: card.id } });
    await tx.scorecardRule.createMany({
      data: doc.rules.map((r, i) => ({
        scorecardId: card.id,
        key: r.key,
        name: r.name,
        description: r.description ?? null,
        level: r.level,
        weight: r.weight,
        enabled: r.enabled,
        check: r.check as Prisma.InputJsonValue,
        position: i,
      })),
    });
    await recordAudit(tx, actor, {
      action: existing ? "scorecard.update" : "scorecard.create",
      entityType: "scorecard",
      entityId: card.id,
      data: { key: doc.key, via: "yaml", rules: doc.rules.length, ...(existing ? { before: scorecardToYaml(documentOf(existing)) } : {}) },
    });
    return { key: doc.key, action: existing ? ("updated" as const) : ("created" as const), rules: doc.rules.length };
  });
}

/** Seeds the shipped scorecards whose key is not in the database yet; never overwrites edits. */
export async function ensureBuiltInScorecards(db: PrismaClient = prisma): Promise<ScorecardImportResult[]> {
  const results: ScorecardImportResult[] = [];
  for (const file of fs.readdirSync(builtInDir()).filter((f) => f.endsWith(".yaml")).sort()) {
    const text = fs.readFileSync(path.join(builtInDir(), file), "utf8");
    if (await db.scorecard.findUnique({ where: { key: parseScorecardYaml(text).key }, select: { id: true } })) continue;
    results.push(await importScorecard(text, "system", db));
  }
  return results;
}

async function loadForChange(tx: Prisma.TransactionClient, key: string) {
  const card = await tx.scorecard.findUnique({ where: { key }, include: { rules: { select: ruleSelect } } });
  if (!card) throw notFound(`Scorecard "${key}"`);
  return card;
}

export type TScorecardSettings = { name: string; description: string | null; enabled: boolean; isDefault: boolean };

export async function updateScorecardSettings(key: string, input: TScorecardSettings, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const card = await loadForChange(tx, key);
    if (card.isDefault && !input.isDefault) throw new AppError("validation_failed", "Make another scorecard the default instead of unsetting this one", [{ path: "isDefault", message: "one scorecard is always the default" }]);
    if ((card.isDefault || input.isDefault) && !input.enabled) throw new AppError("validation_failed", "The default scorecard cannot be disabled", [{ path: "enabled", message: "the default scorecard decides service levels" }]);
    if (input.isDefault && !card.isDefault) await tx.scorecard.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    await tx.scorecard.update({ where: { id: card.id }, data: { name: input.name, description: input.description, enabled: input.enabled, isDefault: input.isDefault } });
    await recordAudit(tx, actor, {
      action: "scorecard.update",
      entityType: "scorecard",
      entityId: card.id,
      data: { key, before: { name: card.name, enabled: card.enabled, isDefault: card.isDefault }, after: input },
    });
  });
}

export async function createScorecard(input: { key: string; name: string; description: string | null }, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    if (await tx.scorecard.findUnique({ where: { key: input.key }, select: { id: true } })) throw conflict(`A scorecard with the key "${input.key}" already exists`);
    const card = await tx.scorecard.create({ data: { ...input, enabled: true, isDefault: false } });
    await recordAudit(tx, actor, { action: "scorecard.create", entityType: "scorecard", entityId: card.id, data: { key: input.key, via: "ui" } });
    return card;
  });
}

/** Adds a rule, or replaces the rule with that key (`originalKey` when it is being renamed). */
export async function saveRule(scorecardKey: string, input: TRuleDocument, actor: Actor, originalKey?: string) {
  requireManage(actor);
  const rule = ZRuleDocument.parse(input);
  return prisma.$transaction(async (tx) => {
    const card = await loadForChange(tx, scorecardKey);
    const before = card.rules.find((r) => r.key === (originalKey ?? rule.key));
    if (originalKey && !before) throw notFound(`Rule "${originalKey}"`);
    if (rule.key !== (originalKey ?? rule.key) || (!originalKey && before)) {
      if (card.rules.some((r) => r.key === rule.key)) throw conflict(`The rule key "${rule.key}" is already used in this scorecard`);
    }
    const data = { key: rule.key, name: rule.name, description: rule.description ?? null, level: rule.level, weight: rule.weight, enabled: rule.enabled, check: rule.check as Prisma.InputJsonValue };
    if (before) await tx.scorecardRule.update({ where: { scorecardId_key: { scorecardId: card.id, key: before.key } }, data });
    else await tx.scorecardRule.create({ data: { ...data, scorecardId: card.id, position: Math.max(-1, ...card.rules.map((r) => r.position)) + 1 } });
    await recordAudit(tx, actor, {
      action: before ? "scorecard.rule.update" : "scorecard.rule.create",
      entityType: "scorecard",
      entityId: card.id,
      data: { scorecard: scorecardKey, rule: rule.key, ...(before ? { before: { ...ruleFromRow(before) } } : {}), after: rule } as Prisma.InputJsonValue,
    });
  });
}

export async function deleteRule(scorecardKey: string, ruleKey: string, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const card = await loadForChange(tx, scorecardKey);
    const before = card.rules.find((r) => r.key === ruleKey);
    if (!before) throw notFound(`Rule "${ruleKey}"`);
    await tx.scorecardRule.delete({ where: { scorecardId_key: { scorecardId: card.id, key: ruleKey } } });
    await recordAudit(tx, actor, { action: "scorecard.rule.delete", entityType: "scorecard", entityId: card.id, data: { scorecard: scorecardKey, rule: ruleKey, before: { ...ruleFromRow(before) } } as Prisma.InputJsonValue });
  });
}

export async function listScorecardChanges(scorecardId: string, take = 20) {
  return prisma.auditLog.findMany({ where: { entityType: "scorecard", entityId: scorecardId }, orderBy: { at: "desc" }, take, select: { id: true, at: true, actorLabel: true, action: true, data: true } });
}

// ─── Evaluation ─────────────────────────────────────────────────────────────

export type ServiceScorecard = {
  service: LoadedService;
  scorecard: { key: string; name: string } | null;
  result: ScorecardResult;
  /** The other enabled scorecards, each judged on its own. */
  others: Array<{ key: string; name: string; result: ScorecardResult }>;
};

const EMPTY_RESULT: ScorecardResult = { level: "none", score: 0, rules: [], nextLevel: null };

/** Evaluates every enabled scorecard for the given services, as of `asOf`. */
export async function evaluateServices(serviceIds: string[], asOf = new Date(), db: PrismaClient = prisma): Promise<ServiceScorecard[]> {
  const [cards, loaded] = await Promise.all([listScorecardDefinitions({ enabledOnly: true }, db), loadServiceFacts(serviceIds, asOf, db)]);
  const main = cards.find((c) => c.isDefault) ?? null;
  return loaded.map((service) => ({
    service,
    scorecard: main ? { key: main.key, name: main.name } : null,
    result: main ? evaluateScorecard(main.rules, service.facts) : EMPTY_RESULT,
    others: cards.filter((c) => c !== main).map((c) => ({ key: c.key, name: c.name, result: evaluateScorecard(c.rules, service.facts) })),
  }));
}

export async function getServiceScorecard(slug: string, asOf = new Date()): Promise<ServiceScorecard | null> {
  const service = await prisma.service.findUnique({ where: { slug }, select: { id: true } });
  if (!service) return null;
  return (await evaluateServices([service.id], asOf))[0] ?? null;
}

export type TeamScorecard = {
  team: { id: string; slug: string; name: string };
  score: number | null;
  levels: Record<Level, number>;
  failing: ReturnType<typeof failingRules>;
  services: ServiceScorecard[];
};

export function summariseTeam(team: TeamScorecard["team"], services: ServiceScorecard[]): TeamScorecard {
  return {
    team,
    score: teamScore(services.map((s) => ({ tier: s.service.tier, score: s.result.score }))),
    levels: levelCounts(services.map((s) => s.result.level)),
    failing: failingRules(services.map((s) => ({ service: s.service.slug, rules: s.result.rules }))),
    services: [...services].sort((a, b) => a.service.tier - b.service.tier || a.result.score - b.result.score || a.service.name.localeCompare(b.service.name)),
  };
}

export async function getTeamScorecard(slug: string, asOf = new Date()): Promise<TeamScorecard | null> {
  const team = await prisma.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, services: { where: { archivedAt: null }, select: { id: true } } } });
  if (!team) return null;
  const services = await evaluateServices(team.services.map((s) => s.id), asOf);
  return summariseTeam({ id: team.id, slug: team.slug, name: team.name }, services);
}

/** Levels of many services at once (the services table, its level filter). */
export async function levelsOf(serviceIds: string[]): Promise<Map<string, { level: Level; score: number }>> {
  const results = await evaluateServices(serviceIds);
  return new Map(results.map((r) => [r.service.id, { level: r.result.level, score: r.result.score }]));
}

// ─── The contract's JSON ─────────────────────────────────────────────────────

const ruleJson = (r: ScorecardResult["rules"][number]) => ({ rule: r.key, name: r.name, level: r.level, weight: r.weight, pass: r.pass, message: r.reason });

export function serviceScorecardJson(s: ServiceScorecard, asOf: Date) {
  return {
    service: s.service.slug,
    team: s.service.teamSlug,
    tier: s.service.tier,
    scorecard: s.scorecard?.key ?? null,
    level: s.result.level,
    score: s.result.score,
    evaluatedAt: asOf.toISOString(),
    rules: s.result.rules.map(ruleJson),
    nextLevel: s.result.nextLevel ? { level: s.result.nextLevel.level, failing: s.result.nextLevel.failing.map((r) => ({ rule: r.key, message: r.reason })) } : null,
    otherScorecards: s.others.map((o) => ({ scorecard: o.key, level: o.result.level, score: o.result.score, rules: o.result.rules.map(ruleJson) })),
  };
}

export function teamScorecardJson(t: TeamScorecard, asOf: Date) {
  return {
    team: t.team.slug,
    score: t.score,
    evaluatedAt: asOf.toISOString(),
    levels: t.levels,
    failingRules: t.failing.map((f) => ({ rule: f.key, name: f.name, level: f.level, services: f.services })),
    services: t.services.map((s) => ({ service: s.service.slug, name: s.service.name, tier: s.service.tier, level: s.result.level, score: s.result.score })),
  };
}

/** The deploy gate: does the service reach `level` now? */
export function gateOf(s: ServiceScorecard, level: Exclude<Level, "none">) {
  const failing = s.result.rules.filter((r) => !r.pass && LEVELS.indexOf(r.level) <= LEVELS.indexOf(level));
  const pass = LEVEL_RANK[s.result.level] >= LEVEL_RANK[level];
  return { pass, level: s.result.level, required: level, failing: failing.map((r) => ({ rule: r.key, message: `${r.name}: ${r.reason}` })) };
}

/** Every team's scorecard from one evaluation of all active services, best score first. */
export async function getOrgScorecard(asOf = new Date()) {
  const [teams, services] = await Promise.all([
    prisma.team.findMany({ select: { id: true, slug: true, name: true } }),
    prisma.service.findMany({ where: { archivedAt: null }, select: { id: true } }),
  ]);
  const evaluated = await evaluateServices(
    services.map((s) => s.id),
    asOf,
  );
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
