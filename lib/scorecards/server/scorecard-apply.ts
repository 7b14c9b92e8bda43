import "server-only";
// Scorecards as code (`npm run cli -- scorecard apply DIR`): a plan from a folder of YAML files,
// applied in one transaction through the same write as an import (./scorecard-admin.ts).
import type { Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { AppError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { parseScorecardYaml, scorecardToYaml, type TScorecardDocument } from "@/lib/scorecards/domain/document";
import { normaliseScope } from "@/lib/scorecards/domain/scope";
import { ruleSelect, documentOf } from "./scorecards";
import { requireManage, writeScorecard } from "./scorecard-admin";

export type ScorecardPlanStep =
  | { action: "create"; key: string; rules: number }
  | { action: "update"; key: string; changes: string[] }
  | { action: "unchanged"; key: string }
  | { action: "delete"; key: string; rules: number }
  | { action: "keep"; key: string; reason: string };

export type ScorecardApplyResult = { dryRun: boolean; steps: ScorecardPlanStep[] };

function describeChanges(before: TScorecardDocument, after: TScorecardDocument): string[] {
  const changes: string[] = [];
  const was = new Map(before.rules.map((r) => [r.key, JSON.stringify(r)]));
  const now = new Map(after.rules.map((r) => [r.key, JSON.stringify(r)]));
  const added = after.rules.filter((r) => !was.has(r.key)).map((r) => `+${r.key}`);
  const removed = before.rules.filter((r) => !now.has(r.key)).map((r) => `-${r.key}`);
  const changed = after.rules
    .filter((r) => was.has(r.key) && was.get(r.key) !== now.get(r.key))
    .map((r) => `~${r.key}`);
  const rules = [...added, ...removed, ...changed];
  if (rules.length) changes.push(`rules ${rules.join(", ")}`);
  if (rules.length === 0 && before.rules.map((r) => r.key).join() !== after.rules.map((r) => r.key).join())
    changes.push("rule order");
  if (before.name !== after.name) changes.push("name");
  if ((before.description ?? "") !== (after.description ?? "")) changes.push("description");
  if (before.enabled !== after.enabled) changes.push(after.enabled ? "enabled" : "disabled");
  if (JSON.stringify(normaliseScope(before.scope)) !== JSON.stringify(normaliseScope(after.scope)))
    changes.push("scope");
  return changes;
}

/**
 * Config as code (`npm run cli -- scorecard apply DIR`): makes the scorecards match a folder of
 * YAML files, one scorecard each, in one transaction. Every file is checked before anything is
 * written. Scorecards missing from the folder are kept unless `prune` (and the default one never
 * goes). `dryRun` plans and writes nothing.
 */
export async function applyScorecards(
  files: Array<{ name: string; text: string }>,
  actor: Actor,
  opts: { dryRun?: boolean; prune?: boolean } = {},
): Promise<ScorecardApplyResult> {
  requireManage(actor);
  const problems: Array<{ path: string; message: string }> = [];
  const docs: TScorecardDocument[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    try {
      const doc = parseScorecardYaml(file.text);
      if (fileOf.has(doc.key))
        problems.push({ path: file.name, message: `repeats the key "${doc.key}" of ${fileOf.get(doc.key)}` });
      fileOf.set(doc.key, file.name);
      docs.push(doc);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ path: file.name, message: error.message });
    }
  }
  if (problems.length)
    throw new AppError(
      "validation_failed",
      `${problems.length} file(s) are invalid; nothing was applied. ${problems
        .slice(0, 5)
        .map((p) => `${p.path}: ${p.message}`)
        .join(" · ")}`,
      problems,
    );
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('scorecard:apply'))`;
      const existing = await tx.scorecard.findMany({ include: { rules: { select: ruleSelect } } });
      const byKey = new Map(existing.map((c) => [c.key, c]));
      const steps: ScorecardPlanStep[] = [];
      for (const doc of docs) {
        const current = byKey.get(doc.key);
        if (!current) steps.push({ action: "create", key: doc.key, rules: doc.rules.length });
        else {
          const before = documentOf(current);
          steps.push(
            scorecardToYaml(before) === scorecardToYaml(doc)
              ? { action: "unchanged", key: doc.key }
              : { action: "update", key: doc.key, changes: describeChanges(before, doc) },
          );
        }
      }
      for (const card of existing.filter((c) => !fileOf.has(c.key))) {
        if (card.isDefault)
          throw new AppError(
            "validation_failed",
            `The default scorecard "${card.key}" is not in the folder: add its file, or make another scorecard the default first`,
            [{ path: card.key, message: "the default scorecard cannot be left out" }],
          );
        steps.push(
          opts.prune
            ? { action: "delete", key: card.key, rules: card.rules.length }
            : { action: "keep", key: card.key, reason: "not in the folder (--prune deletes it)" },
        );
      }
      if (opts.dryRun) return { dryRun: true, steps };
      for (const doc of docs) await writeScorecard(tx, doc, actor, "apply");
      for (const step of steps.filter((s) => s.action === "delete")) {
        const card = byKey.get(step.key)!;
        await tx.scorecard.delete({ where: { id: card.id } });
        await recordAudit(tx, actor, {
          action: "scorecard.delete",
          entityType: "scorecard",
          entityId: card.id,
          data: { key: card.key, via: "apply", before: scorecardToYaml(documentOf(card)) },
        });
      }
      return { dryRun: false, steps };
    },
    { timeout: 60_000 },
  );
}
