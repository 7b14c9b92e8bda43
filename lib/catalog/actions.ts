"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { importBackstageCatalog, type CatalogImportResult } from "@/lib/catalog/server/import-catalog";
import { createService, updateService } from "@/lib/catalog/server/services";
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { uploadedText, ZYamlUpload } from "@/lib/core/upload";
import { ZEditForm, ZServiceForm } from "@/lib/catalog/schemas";

/** Form fields arrive as strings: empty optional fields become unset, the tier a number. */

export const createServiceAction = authedAction(ZServiceForm, async (input, user) => {
  const created = await createService(input, user);
  revalidatePath("/services");
  redirect(`/services/${created.slug}`);
});

export const updateServiceAction = authedAction(ZEditForm, async ({ currentSlug, ...patch }, user) => {
  await updateService(currentSlug, patch, user);
  revalidatePath("/services", "layout");
  redirect(`/services/${currentSlug}`);
});

export const archiveServiceAction = authedAction(
  z.object({ slug: ZSlug, archived: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ slug, archived }, user) => {
    await updateService(slug, { archived }, user);
    revalidatePath("/services", "layout");
    return { status: "success", message: archived ? "Service archived. Its history is kept." : "Service restored." };
  },
);

export const importCatalogAction = authedAction(ZYamlUpload, async (input, user) => {
  const text = await uploadedText(input);
  if (!text.trim()) return { status: "error", message: "Choose a catalog-info.yaml file or paste its content." };
  const result: CatalogImportResult = await importBackstageCatalog(text, user);
  revalidatePath("/services", "layout");
  revalidatePath("/teams", "layout");
  return {
    status: "success",
    message: `Imported: ${result.created} created, ${result.updated} updated, ${result.skipped} unchanged or skipped.`,
    data: result,
  };
});
