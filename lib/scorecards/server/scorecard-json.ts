import "server-only";
import { LEVELS, LEVEL_RANK, type Level, type ScorecardResult } from "@/lib/scorecards/domain/scorecard";
import type { ScorecardDefinition, ServiceScorecard, TeamScorecard } from "./scorecards";
import type { InitiativeDetail, listInitiatives } from "./initiatives";

// The scorecards as the contract's JSON shows them (API and CLI), and the deploy gate's answer.

const ruleJson = (r: ScorecardResult["rules"][number]) => ({
  rule: r.key,
  name: r.name,
  level: r.level,
  weight: r.weight,
  pass: r.pass,
  message: r.reason,
  ...(r.read ? { read: r.read } : {}),
});

export function serviceScorecardJson(s: ServiceScorecard, asOf: Date) {
  return {
    service: s.service.slug,
    team: s.service.teamSlug,
    tier: s.service.tier,
    scorecard: s.scorecard?.key ?? null,
    inScope: s.inScope,
    level: s.result.level,
    score: s.result.score,
    evaluatedAt: asOf.toISOString(),
    rules: s.result.rules.map(ruleJson),
    nextLevel: s.result.nextLevel
      ? {
          level: s.result.nextLevel.level,
          failing: s.result.nextLevel.failing.map((r) => ({ rule: r.key, message: r.reason })),
        }
      : null,
    otherScorecards: s.others.map((o) => ({
      scorecard: o.key,
      level: o.result.level,
      score: o.result.score,
      rules: o.result.rules.map(ruleJson),
    })),
  };
}

export function teamScorecardJson(t: TeamScorecard, asOf: Date) {
  return {
    team: t.team.slug,
    scorecard: t.services[0]?.scorecard?.key ?? null,
    score: t.score,
    evaluatedAt: asOf.toISOString(),
    levels: t.levels,
    failingRules: t.failing.map((f) => ({ rule: f.key, name: f.name, level: f.level, services: f.services })),
    services: t.services.map((s) => ({
      service: s.service.slug,
      name: s.service.name,
      tier: s.service.tier,
      inScope: s.inScope,
      level: s.result.level,
      score: s.result.score,
    })),
  };
}

/** The deploy gate: does the service reach `level` now? */
export function gateOf(s: ServiceScorecard, level: Exclude<Level, "none">) {
  // A scorecard does not judge a service outside its scope: nothing to hold the release for.
  if (!s.inScope && s.scorecard)
    return {
      pass: true,
      level: null,
      required: level,
      scorecard: s.scorecard.key,
      inScope: false,
      failing: [],
    };
  const failing = s.result.rules.filter((r) => !r.pass && LEVELS.indexOf(r.level) <= LEVELS.indexOf(level));
  const pass = LEVEL_RANK[s.result.level] >= LEVEL_RANK[level];
  return {
    pass,
    level: s.result.level,
    required: level,
    scorecard: s.scorecard?.key ?? null,
    inScope: s.inScope,
    failing: failing.map((r) => ({ rule: r.key, message: `${r.name}: ${r.reason}` })),
  };
}

/** A scorecard definition as the API shows it: the YAML document's fields, plus whether it is the default. */
export function scorecardDefinitionJson(c: ScorecardDefinition) {
  return {
    key: c.key,
    name: c.name,
    description: c.description,
    enabled: c.enabled,
    isDefault: c.isDefault,
    scope: c.scope,
    rules: c.rules.map((r) => ({
      key: r.key,
      name: r.name,
      description: r.description,
      level: r.level,
      weight: r.weight,
      enabled: r.enabled,
      check: r.check,
    })),
  };
}

type InitiativeSummary = Awaited<ReturnType<typeof listInitiatives>>[number];

export function initiativeJson(i: InitiativeSummary | InitiativeDetail) {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    targetLevel: i.targetLevel,
    rules: i.ruleKeys,
    teams: i.teams.map((t) => t.team.slug),
    owner: i.owner,
    targetDate: i.targetDate.toISOString().slice(0, 10),
    createdAt: i.createdAt.toISOString(),
    archived: i.archivedAt !== null,
    progress: { done: i.done, total: i.scope, complete: i.complete, overdue: i.overdue, daysLeft: i.daysLeft },
    ...("burnUp" in i
      ? {
          services: i.services.map((s) => ({ service: s.slug, done: s.gaps.length === 0, missing: s.gaps })),
        }
      : {}),
  };
}
