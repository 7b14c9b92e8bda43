import { z } from "zod";
import { ZServiceType } from "@/lib/catalog/schemas";
import { ZSlug } from "@/lib/core/schemas";

// The YAML shape of a checklist template (config as code). See prisma/seed/templates/*.yaml.

export const ZTemplateItem = z.object({
  key: ZSlug,
  title: z.string().trim().min(3).max(200),
  guidance: z.string().trim().max(10_000).default(""),
  requiredForTiers: z
    .array(z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "must be 1, 2 or 3" }))
    .default([]),
  weight: z.number().int().min(1).max(10).default(1),
});

export const ZTemplateCategory = z.object({
  key: ZSlug,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).optional(),
  items: z.array(ZTemplateItem).min(1, "a category needs at least one item"),
});

export const ZTemplateDocument = z
  .object({
    key: ZSlug,
    name: z.string().trim().min(1).max(120),
    serviceType: ZServiceType,
    description: z.string().trim().max(4000).optional(),
    categories: z.array(ZTemplateCategory).min(1, "a template needs at least one category"),
  })
  .superRefine((doc, ctx) => {
    const seenCategories = new Set<string>();
    const seenItems = new Set<string>();
    doc.categories.forEach((c, ci) => {
      if (seenCategories.has(c.key))
        ctx.addIssue({ code: "custom", path: ["categories", ci, "key"], message: `duplicate category key "${c.key}"` });
      seenCategories.add(c.key);
      c.items.forEach((item, ii) => {
        if (seenItems.has(item.key)) {
          ctx.addIssue({
            code: "custom",
            path: ["categories", ci, "items", ii, "key"],
            message: `duplicate item key "${item.key}"`,
          });
        }
        seenItems.add(item.key);
      });
    });
  });

export type TTemplateDocument = z.infer<typeof ZTemplateDocument>;
export type TTemplateItem = z.infer<typeof ZTemplateItem>;
