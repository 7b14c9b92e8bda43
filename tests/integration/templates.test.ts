import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist, updateChecklistItem, upgradeChecklist } from "@/lib/readiness/server/checklists";
import { ensureBuiltInTemplates, exportTemplateYaml, importTemplate } from "@/lib/readiness/server/templates";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

const templateYaml = (key: string, extra = "") => `
key: ${key}
name: Test template
serviceType: service
categories:
  - key: basics
    name: Basics
    items:
      - { key: first, title: First item, requiredForTiers: [1] }
      - { key: second, title: Second item }${extra}
`;

describe("checklist templates", () => {
  beforeAll(async () => {
    await ensureBuiltInTemplates();
  });

  it("ships the three built-in templates, imported once however often start-up runs", async () => {
    expect(await ensureBuiltInTemplates()).toEqual([]);
    for (const key of ["production-readiness", "data-pipeline-readiness", "ml-model-readiness"]) {
      expect(await prisma.checklistTemplate.count({ where: { key } })).toBeGreaterThanOrEqual(1);
    }
    const files = fs.readdirSync(path.resolve("prisma/seed/templates"));
    expect(files).toHaveLength(3);
  });

  it("imports a new version only when the content changed, and exports what was imported", async () => {
    const key = uniq("tpl");
    expect(await importTemplate(templateYaml(key), SYSTEM_ACTOR)).toEqual({ key, version: 1, action: "created" });
    expect(await importTemplate(templateYaml(key), SYSTEM_ACTOR)).toEqual({ key, version: 1, action: "unchanged" });
    expect(
      await importTemplate(templateYaml(key, "\n      - { key: third, title: Third item }"), SYSTEM_ACTOR),
    ).toEqual({ key, version: 2, action: "created" });
    const { yaml, version } = await exportTemplateYaml(SYSTEM_ACTOR, key);
    expect(version).toBe(2);
    expect(yaml).toContain("key: third");
    expect(await importTemplate(yaml, SYSTEM_ACTOR)).toMatchObject({ action: "unchanged", version: 2 });
    expect((await exportTemplateYaml(SYSTEM_ACTOR, key, 1)).yaml).not.toContain("third");
  });

  it("gives a new service the type's template, and upgrading keeps the answers", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id, { tier: 1 });
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    const checklist = await getServiceChecklist(SYSTEM_ACTOR, service.id);
    expect(checklist?.template.key).toBe("production-readiness");
    await updateChecklistItem(
      {
        serviceSlug: service.slug,
        itemKey: "owner-team",
        status: "done",
        version: 0,
        evidenceUrl: "https://wiki.example/owner",
      },
      platform,
    );

    // A new version of the default template with one more item and one item removed.
    const { yaml } = await exportTemplateYaml(SYSTEM_ACTOR, "production-readiness");
    const edited = yaml
      .replace("  - key: cost\n", "  - key: cost\n")
      .replace(
        /(\n  - key: cost\n    name: Cost\n[^]*?items:\n)/,
        `$1      - key: finops-review\n        title: A FinOps review was done\n        guidance: "Review spend with finance."\n        requiredForTiers: []\n        weight: 1\n`,
      );
    expect(edited).not.toBe(yaml);
    const imported = await importTemplate(edited, platform);
    expect(imported.action).toBe("created");

    const before = await getServiceChecklist(SYSTEM_ACTOR, service.id);
    expect(before?.template.latestVersion).toBe(imported.version);
    const result = await upgradeChecklist(service.slug, platform);
    expect(result).toMatchObject({ upgraded: true, version: imported.version });
    expect(result.plan?.added).toEqual(["finops-review"]);
    const after = await getServiceChecklist(SYSTEM_ACTOR, service.id);
    const items = after!.categories.flatMap((c) => c.items);
    expect(items.find((i) => i.key === "owner-team")).toMatchObject({
      status: "done",
      evidenceUrl: "https://wiki.example/owner",
    });
    expect(items.find((i) => i.key === "finops-review")).toMatchObject({ status: "open", version: 0 });
    expect(await upgradeChecklist(service.slug, platform)).toMatchObject({ upgraded: false });
  });
});
