import { parse, parseAllDocuments, type Document } from "yaml";
import type { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { issuesToDetails } from "@/lib/core/validation";

// Every YAML that users upload (templates, scorecards, Backstage catalogs, OpenSLO / Sloth specs)
// is read here, with one limit on aliases so that an alias bomb is a clear 400, not a stalled server.
const OPTIONS = { maxAliasCount: 100, prettyErrors: false, logLevel: "error" } as const;

const firstLine = (error: unknown) => (error as Error).message.split("\n")[0];

/** One YAML document, validated by `schema`; errors name what (`The template …`) and each bad path. */
export function parseYamlDocument<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = parse(text, OPTIONS);
  } catch (error) {
    throw new AppError("validation_failed", `${what} is not valid YAML: ${firstLine(error)}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = issuesToDetails(result.error);
    throw new AppError(
      "validation_failed",
      `${what} is invalid: ${details[0]?.path || "document"} ${details[0]?.message}`,
      details,
    );
  }
  return result.data;
}

/** Each document of a multi-document YAML stream, as plain data, or the error that document has. */
export function yamlDocuments(
  text: string,
): Array<{ index: number; value: unknown } | { index: number; error: string }> {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, OPTIONS) as Document.Parsed[];
  } catch (error) {
    return [{ index: 0, error: `invalid YAML: ${firstLine(error)}` }];
  }
  return docs.map((doc, index) => {
    if (doc.errors.length) return { index, error: `invalid YAML: ${firstLine(doc.errors[0])}` };
    try {
      return { index, value: doc.toJS(OPTIONS) };
    } catch (error) {
      return { index, error: `invalid YAML: ${firstLine(error)}` };
    }
  });
}
