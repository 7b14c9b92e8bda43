import "server-only";
import fs from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/core/db/client";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { decideImport, parseTemplateYaml, templateToYaml } from "@/lib/readiness/domain/template";
import type { TTemplateDocument } from "@/lib/readiness/domain/template-schema";
import { fromDbServiceType, toDbServiceType } from "@/lib/catalog/schemas";
import { notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { authorize, SYSTEM_ACTOR, type Actor } from "@/lib/core/auth/permissions";

// The YAML templates shipped with Shipshape (config as code). The paths are written out in full so
// the production build traces exactly this folder into its output.
const builtInTemplateFiles = (): string[] => fs.readdirSync(path.join(process.cwd(), "prisma", "seed", "templates"));
const readBuiltInTemplate = (file: string): string =>
  fs.readFileSync(path.join(process.cwd(), "prisma", "seed", "templates", file), "utf8");

/** A template with its categories and items in order: what a checklist is read with. */
export const templateInclude = {
  categories: { orderBy: { position: "asc" }, select: { key: true, name: true, description: true } },
  items: {
    orderBy: { position: "asc" },
    select: {
      key: true,
      title: true,
      guidance: true,
      requiredForTiers: true,
      weight: true,
      position: true,
      category: { select: { key: true } },
    },
  },
} as const;

type TemplateRow = Prisma.ChecklistTemplateGetPayload<{ include: typeof templateInclude }>;

export function documentFromRow(t: TemplateRow): TTemplateDocument {
  return {
    key: t.key,
    name: t.name,
    serviceType: fromDbServiceType(t.serviceType),
    description: t.description ?? undefined,
    categories: t.categories.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description ?? undefined,
      items: t.items
        .filter((i) => i.category.key === c.key)
        .map((i) => ({
          key: i.key,
          title: i.title,
          guidance: i.guidance,
          requiredForTiers: i.requiredForTiers as Array<1 | 2 | 3>,
          weight: i.weight,
        })),
    })),
  };
}

async function latestVersion(tx: Prisma.TransactionClient, key: string) {
  return tx.checklistTemplate.findFirst({ where: { key }, orderBy: { version: "desc" }, include: templateInclude });
}

async function insertVersion(
  tx: Prisma.TransactionClient,
  doc: TTemplateDocument,
  version: number,
  createdById: string | null,
) {
  const template = await tx.checklistTemplate.create({
    data: {
      key: doc.key,
      version,
      name: doc.name,
      description: doc.description ?? null,
      serviceType: toDbServiceType(doc.serviceType),
      createdById,
    },
  });
  let position = 0;
  for (const [ci, c] of doc.categories.entries()) {
    const category = await tx.checklistCategory.create({
      data: { templateId: template.id, key: c.key, name: c.name, description: c.description ?? null, position: ci },
    });
    await tx.checklistItem.createMany({
      data: c.items.map((i) => ({
        templateId: template.id,
        categoryId: category.id,
        key: i.key,
        title: i.title,
        guidance: i.guidance,
        requiredForTiers: i.requiredForTiers,
        weight: i.weight,
        position: position++,
      })),
    });
  }
  return template;
}

export type TemplateImportResult = { key: string; version: number; action: "created" | "unchanged" };

/** Imports a YAML template: a new version when its content differs from the latest, else nothing. */
export async function importTemplate(
  yamlText: string,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<TemplateImportResult> {
  authorize(actor, "template.manage", null, "import checklist templates");
  const doc = parseTemplateYaml(yamlText);
  return db.$transaction(async (tx) => {
    // Serialise imports of the same key, so two concurrent imports cannot both claim version n+1.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`template:${doc.key}`}))`;
    const latest = await latestVersion(tx, doc.key);
    const decision = decideImport(doc, latest ? { version: latest.version, document: documentFromRow(latest) } : null);
    if (decision.action === "unchanged")
      return { key: doc.key, version: decision.version, action: "unchanged" as const };
    const created = await insertVersion(tx, doc, decision.version, actor.kind === "user" ? actor.id : null);
    await recordAudit(tx, actor, {
      action: "template.import",
      entityType: "checklist_template",
      entityId: created.id,
      data: { key: doc.key, version: decision.version },
    });
    return { key: doc.key, version: decision.version, action: "created" as const };
  });
}

/** Seeds the shipped templates whose key is not in the database yet (first start). */
export async function ensureBuiltInTemplates(db: PrismaClient = prisma): Promise<TemplateImportResult[]> {
  const results: TemplateImportResult[] = [];
  for (const file of builtInTemplateFiles()
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const text = readBuiltInTemplate(file);
    const key = parseTemplateYaml(text).key;
    if (await db.checklistTemplate.findFirst({ where: { key }, select: { id: true } })) continue;
    results.push(await importTemplate(text, SYSTEM_ACTOR, db));
  }
  return results;
}

export async function listTemplates(actor: Actor | null) {
  authorize(actor, "read");
  const rows = await prisma.checklistTemplate.findMany({
    orderBy: [{ key: "asc" }, { version: "desc" }],
    select: {
      id: true,
      key: true,
      name: true,
      version: true,
      serviceType: true,
      createdAt: true,
      _count: { select: { items: true, checklists: true } },
    },
  });
  const byKey = new Map<string, { latest: (typeof rows)[number]; versions: number; services: number }>();
  for (const r of rows) {
    const entry = byKey.get(r.key);
    if (!entry) byKey.set(r.key, { latest: r, versions: 1, services: r._count.checklists });
    else {
      entry.versions++;
      entry.services += r._count.checklists;
    }
  }
  return [...byKey.values()].map(({ latest, versions, services }) => ({
    key: latest.key,
    name: latest.name,
    serviceType: fromDbServiceType(latest.serviceType),
    latestVersion: latest.version,
    versions,
    items: latest._count.items,
    services,
    updatedAt: latest.createdAt,
  }));
}

export async function getTemplateDocument(
  key: string,
  version?: number,
): Promise<{ version: number; document: TTemplateDocument }> {
  const row = await prisma.checklistTemplate.findFirst({
    where: { key, ...(version ? { version } : {}) },
    orderBy: { version: "desc" },
    include: templateInclude,
  });
  if (!row) throw notFound(version ? `Template "${key}" version ${version}` : `Template "${key}"`);
  return { version: row.version, document: documentFromRow(row) };
}

export async function exportTemplateYaml(
  actor: Actor | null,
  key: string,
  version?: number,
): Promise<{ version: number; yaml: string }> {
  authorize(actor, "read");
  const { version: v, document } = await getTemplateDocument(key, version);
  return { version: v, yaml: `# ${document.name}, version ${v}, exported from Shipshape\n${templateToYaml(document)}` };
}

/** The category keys any checklist uses (the scorecard rule editor offers them). */
export async function listChecklistCategoryKeys(actor: Actor | null): Promise<string[]> {
  authorize(actor, "read");
  const rows = await prisma.checklistCategory.findMany({
    distinct: ["key"],
    orderBy: { key: "asc" },
    select: { key: true },
  });
  return rows.map((r) => r.key);
}
