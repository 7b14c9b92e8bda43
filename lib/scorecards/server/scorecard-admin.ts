import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { type Actor, authorize, SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { AppError, conflict, notFound } from "@/lib/core/errors";
import {
  ZRuleDocument,
  parseScorecardYaml,
  scorecardToYaml,
  type TRuleDocument,
  type TScorecardDocument,
} from "@/lib/scorecards/domain/document";
import { recordAudit } from "@/lib/core/db/audit";
import { normaliseScope, type TScorecardScope } from "@/lib/scorecards/domain/scope";
import { documentOf, ruleFromRow, ruleSelect } from "./scorecards";

// Changing scorecard definitions: YAML import (and the built-in ones at start), settings and rules
// in the UI. Platform users only; every change is audited with what it was before.

const builtInDir = () => path.join(process.cwd(), "prisma", "seed", "scorecards");

export function requireManage(actor: Actor) {
  authorize(actor, "scorecard.manage");
}

export type ScorecardImportResult = { key: string; action: "created" | "updated" | "unchanged"; rules: number };

/** Creates or replaces a scorecard from YAML: its rules become exactly the document's. */
export async function importScorecard(
  yamlText: string,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<ScorecardImportResult> {
  requireManage(actor);
  const doc = parseScorecardYaml(yamlText);
  return db.$transaction((tx) => writeScorecard(tx, doc, actor, "yaml"));
}

/** Makes one scorecard exactly the document, inside the caller's transaction (audited). */
export async function writeScorecard(
  tx: Prisma.TransactionClient,
  doc: TScorecardDocument,
  actor: Actor,
  via: "yaml" | "apply",
): Promise<ScorecardImportResult> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`scorecard:${doc.key}`}))`;
  const existing = await tx.scorecard.findUnique({
    where: { key: doc.key },
    include: { rules: { select: ruleSelect } },
  });
  if (existing && scorecardToYaml(documentOf(existing)) === scorecardToYaml(doc))
    return { key: doc.key, action: "unchanged" as const, rules: doc.rules.length };
  const hasDefault = (await tx.scorecard.count({ where: { isDefault: true } })) > 0;
  const card = existing
    ? await tx.scorecard.update({
        where: { id: existing.id },
        data: {
          name: doc.name,
          description: doc.description ?? null,
          enabled: existing.isDefault ? true : doc.enabled,
          scope: normaliseScope(doc.scope),
        },
      })
    : await tx.scorecard.create({
        data: {
          key: doc.key,
          name: doc.name,
          description: doc.description ?? null,
          enabled: doc.enabled,
          isDefault: !hasDefault,
          scope: normaliseScope(doc.scope),
        },
      });
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
    data: {
      key: doc.key,
      via,
      rules: doc.rules.length,
      ...(existing ? { before: scorecardToYaml(documentOf(existing)) } : {}),
    },
  });
  return { key: doc.key, action: existing ? ("updated" as const) : ("created" as const), rules: doc.rules.length };
}

/** Seeds the shipped scorecards whose key is not in the database yet; never overwrites edits. */
export async function ensureBuiltInScorecards(db: PrismaClient = prisma): Promise<ScorecardImportResult[]> {
  const results: ScorecardImportResult[] = [];
  for (const file of fs
    .readdirSync(builtInDir())
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const text = fs.readFileSync(path.join(builtInDir(), file), "utf8");
    if (await db.scorecard.findUnique({ where: { key: parseScorecardYaml(text).key }, select: { id: true } })) continue;
    results.push(await importScorecard(text, SYSTEM_ACTOR, db));
  }
  return results;
}

async function loadForChange(tx: Prisma.TransactionClient, key: string) {
  const card = await tx.scorecard.findUnique({ where: { key }, include: { rules: { select: ruleSelect } } });
  if (!card) throw notFound(`Scorecard "${key}"`);
  return card;
}

export type TScorecardSettings = {
  name: string;
  description: string | null;
  enabled: boolean;
  isDefault: boolean;
  scope?: TScorecardScope;
};

export async function updateScorecardSettings(key: string, input: TScorecardSettings, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const card = await loadForChange(tx, key);
    if (card.isDefault && !input.isDefault)
      throw new AppError("validation_failed", "Make another scorecard the default instead of unsetting this one", [
        { path: "isDefault", message: "one scorecard is always the default" },
      ]);
    if ((card.isDefault || input.isDefault) && !input.enabled)
      throw new AppError("validation_failed", "The default scorecard cannot be disabled", [
        { path: "enabled", message: "the default scorecard decides service levels" },
      ]);
    if (input.isDefault && !card.isDefault)
      await tx.scorecard.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    await tx.scorecard.update({
      where: { id: card.id },
      data: {
        name: input.name,
        description: input.description,
        enabled: input.enabled,
        isDefault: input.isDefault,
        ...(input.scope ? { scope: normaliseScope(input.scope) } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "scorecard.update",
      entityType: "scorecard",
      entityId: card.id,
      data: {
        key,
        before: { name: card.name, enabled: card.enabled, isDefault: card.isDefault, scope: card.scope },
        after: input,
      } as Prisma.InputJsonValue,
    });
  });
}

export async function createScorecard(input: { key: string; name: string; description: string | null }, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    if (await tx.scorecard.findUnique({ where: { key: input.key }, select: { id: true } }))
      throw conflict(`A scorecard with the key "${input.key}" already exists`);
    const card = await tx.scorecard.create({ data: { ...input, enabled: true, isDefault: false } });
    await recordAudit(tx, actor, {
      action: "scorecard.create",
      entityType: "scorecard",
      entityId: card.id,
      data: { key: input.key, via: "ui" },
    });
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
      if (card.rules.some((r) => r.key === rule.key))
        throw conflict(`The rule key "${rule.key}" is already used in this scorecard`);
    }
    const data = {
      key: rule.key,
      name: rule.name,
      description: rule.description ?? null,
      level: rule.level,
      weight: rule.weight,
      enabled: rule.enabled,
      check: rule.check as Prisma.InputJsonValue,
    };
    if (before)
      await tx.scorecardRule.update({ where: { scorecardId_key: { scorecardId: card.id, key: before.key } }, data });
    else
      await tx.scorecardRule.create({
        data: { ...data, scorecardId: card.id, position: Math.max(-1, ...card.rules.map((r) => r.position)) + 1 },
      });
    await recordAudit(tx, actor, {
      action: before ? "scorecard.rule.update" : "scorecard.rule.create",
      entityType: "scorecard",
      entityId: card.id,
      data: {
        scorecard: scorecardKey,
        rule: rule.key,
        ...(before ? { before: { ...ruleFromRow(before) } } : {}),
        after: rule,
      } as Prisma.InputJsonValue,
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
    await recordAudit(tx, actor, {
      action: "scorecard.rule.delete",
      entityType: "scorecard",
      entityId: card.id,
      data: { scorecard: scorecardKey, rule: ruleKey, before: { ...ruleFromRow(before) } } as Prisma.InputJsonValue,
    });
  });
}

export async function listScorecardChanges(actor: Actor | null, scorecardId: string, take = 20) {
  authorize(actor, "read");
  return prisma.auditLog.findMany({
    where: { entityType: "scorecard", entityId: scorecardId },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, actorLabel: true, action: true, data: true },
  });
}
