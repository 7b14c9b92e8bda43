import "server-only";
import { prisma } from "@/lib/core/db/client";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import {
  buildDocument,
  checkExpression,
  evaluateExpression,
  toJson,
  type ExpressionPreview,
} from "@/lib/scorecards/domain/expression";
import { loadServiceFacts } from "./facts";

/**
 * The rule editor's "test against a service": the expression checked as a save would check it, then
 * run on the service's live document, with the document itself to look at.
 */
export async function previewExpression(
  actor: Actor | null,
  expression: string,
  serviceSlug: string,
): Promise<ExpressionPreview> {
  authorize(actor, "read");
  const checked = checkExpression(expression);
  if (!checked.ok)
    throw new AppError("validation_failed", `The expression ${checked.message}.`, [
      { path: "expression", message: checked.message },
    ]);
  const service = await prisma.service.findUnique({ where: { slug: serviceSlug }, select: { id: true } });
  if (!service) throw notFound(`Service "${serviceSlug}"`);
  const [loaded] = await loadServiceFacts([service.id]);
  const doc = buildDocument(loaded.facts.document!);
  return { service: serviceSlug, ...evaluateExpression(expression, doc), document: toJson(doc) };
}

/** The custom fact keys in use, most common first (the field picker offers them). */
export async function listFactKeys(actor: Actor | null, take = 100): Promise<Array<{ key: string; services: number }>> {
  authorize(actor, "read");
  const rows = await prisma.serviceFact.groupBy({
    by: ["key"],
    _count: { _all: true },
    orderBy: [{ _count: { key: "desc" } }, { key: "asc" }],
    take,
  });
  return rows.map((r) => ({ key: r.key, services: r._count._all }));
}
