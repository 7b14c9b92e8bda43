import { z } from "zod";
import { MAX_BODY_BYTES, MAX_CSV_IMPORT_BYTES } from "@/lib/core/api/limits";

// The import forms: a file, or the same content pasted.
const capped = (bytes: number, label: string) => ({
  file: z
    .instanceof(File)
    .refine((f) => f.size <= bytes, `must be at most ${label}`)
    .optional(),
  pasted: z.string().max(bytes, `must be at most ${label}`).optional(),
});
const yamlLimit = capped(MAX_BODY_BYTES, "1 MiB");
const csvLimit = capped(MAX_CSV_IMPORT_BYTES, "20 MiB");

/** A YAML import form (`file` or pasted `yaml`), capped like an API body. */
export const ZYamlUpload = z.object({ yaml: yamlLimit.pasted, file: yamlLimit.file });
/** A CSV import form (`file` or pasted `text`). */
export const ZCsvUpload = z.object({ text: csvLimit.pasted, file: csvLimit.file });

/** The uploaded file's text when one was chosen, else what was pasted. */
export async function uploadedText(input: { file?: File; yaml?: string; text?: string }): Promise<string> {
  const fromFile = input.file && input.file.size > 0 ? await input.file.text() : "";
  return fromFile || input.yaml || input.text || "";
}
