"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { importCsv, type CsvImportResult } from "@/lib/delivery/server/import-csv";
import { mapUnmatched } from "@/lib/delivery/server/webhook-deliveries";
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { uploadedText } from "@/lib/core/upload";
import { ZCsvForm } from "@/lib/delivery/schemas";

export const importCsvAction = authedAction<typeof ZCsvForm, CsvImportResult>(
  ZCsvForm,
  async ({ kind, ...upload }, user) => {
    const content = await uploadedText(upload);
    if (!content.trim()) return { status: "error", message: "Choose a CSV file or paste its content." };
    const result: CsvImportResult = await importCsv(kind, content, user);
    if (!result.ok)
      return {
        status: "error",
        message: `Nothing was imported: ${result.errors.length} problem(s). Fix them and import again.`,
        data: result,
      };
    revalidatePath("/", "layout");
    return {
      status: "success",
      message:
        kind === "deployments"
          ? `Imported ${result.created} deployment(s); ${result.duplicates} were already there.`
          : `Imported ${result.created} new and ${result.updated} updated incident(s).`,
      data: result,
    };
  },
);

export const mapUnmatchedAction = authedAction(
  z.object({
    provider: z.enum(["github", "gitlab", "pagerduty", "alertmanager", "opsgenie", "incidentio"]),
    externalKey: z.string().trim().min(1).max(200),
    service: ZSlug,
  }),
  async ({ provider, externalKey, service }, user) => {
    const { replayed } = await mapUnmatched({ provider, externalKey, serviceSlug: service }, user);
    revalidatePath("/settings/integrations");
    return {
      status: "success",
      message: `Mapped ${externalKey} to ${service}; ${replayed} waiting event(s) now count.`,
    };
  },
);
