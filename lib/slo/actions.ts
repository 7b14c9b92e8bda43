"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createSlo, importSloYaml, setErrorBudgetPolicy, type SloImportResult } from "@/lib/slo/server";
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { uploadedText, ZYamlUpload } from "@/lib/core/upload";
import { ZSloForm } from "@/lib/slo/schemas";

export const createSloAction = authedAction(ZSloForm, async ({ service, windowDays, description, ...rest }, user) => {
  await createSlo({ service, ...rest, ...windowDays, description: description || null }, user, "ui");
  revalidatePath(`/services/${service}/slos`);
  return { status: "success", message: `SLO ${rest.name} created. Send its samples to POST /api/v1/sli.` };
});

export const importSloAction = authedAction<typeof ZYamlUpload, SloImportResult>(ZYamlUpload, async (upload, user) => {
  const text = await uploadedText(upload);
  if (!text.trim()) return { status: "error", message: "Choose an OpenSLO or Sloth YAML file or paste it." };
  const result = await importSloYaml(text, user);
  revalidatePath("/services", "layout");
  return {
    status: "success",
    message: `SLOs: ${result.created} created, ${result.updated} updated, ${result.skipped} unchanged.`,
    data: result,
  };
});

export const setPolicyAction = authedAction(
  z.object({ service: ZSlug, policy: z.string().trim().max(4000) }),
  async ({ service, policy }, user) => {
    await setErrorBudgetPolicy(service, policy || null, user);
    revalidatePath(`/services/${service}/slos`);
    return { status: "success", message: "Policy saved." };
  },
);
