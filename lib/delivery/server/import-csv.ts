import "server-only";
import type { Actor } from "@/lib/core/auth/permissions";
import { AppError, isAppError } from "@/lib/core/errors";
import { parseDeploymentsCsv, parseIncidentsCsv, type CsvResult, type RowError } from "@/lib/delivery/sources/csv";
import { recordDeployments, recordIncidents } from "./record-events";

export type CsvImportResult =
  | { ok: true; kind: "deployments" | "incidents"; created: number; updated: number; duplicates: number }
  | { ok: false; errors: RowError[] };

/** Runs the write, reporting unknown services (`<collection>.<index>.service`) by CSV line. */
async function writeOrReport<T>(
  parsed: CsvResult<T>,
  write: (items: T[]) => Promise<CsvImportResult>,
): Promise<CsvImportResult> {
  if (parsed.errors.length) return { ok: false, errors: parsed.errors.sort((a, b) => a.line - b.line) };
  if (parsed.items.length === 0) return { ok: false, errors: [{ line: 1, message: "the file holds no rows" }] };
  try {
    return await write(parsed.items);
  } catch (error) {
    if (isAppError(error) && error.code === "validation_failed" && error.details) {
      return {
        ok: false,
        errors: error.details.map((d) => ({
          line: parsed.lines[Number(d.path.split(".")[1])] ?? 1,
          message: `${d.path.split(".").slice(2).join(".") || "row"}: ${d.message}`,
        })),
      };
    }
    throw error;
  }
}

/** All-or-nothing: one bad row, unknown service or forbidden service means nothing is written. */
export async function importCsv(
  kind: "deployments" | "incidents",
  text: string,
  actor: Actor,
): Promise<CsvImportResult> {
  if (kind === "deployments") {
    return writeOrReport(parseDeploymentsCsv(text), async (items) => {
      const r = await recordDeployments(items, actor, { single: false, source: "csv" });
      return { ok: true, kind, created: r.created, updated: 0, duplicates: r.duplicates };
    });
  }
  return writeOrReport(parseIncidentsCsv(text), async (items) => {
    const r = await recordIncidents(items, actor, { single: false, source: "csv" });
    return { ok: true, kind, created: r.created, updated: r.updated, duplicates: 0 };
  });
}

/** {@link importCsv} for the API: a file with problems is a 400 naming each line, and nothing is written. */
export async function importCsvOrThrow(kind: "deployments" | "incidents", text: string, actor: Actor) {
  const result = await importCsv(kind, text, actor);
  if (!result.ok)
    throw new AppError(
      "validation_failed",
      `Nothing imported: the file has ${result.errors.length} problem(s), the first on line ${result.errors[0].line}: ${result.errors[0].message}`,
      result.errors.slice(0, 100).map((e) => ({ path: `line ${e.line}`, message: e.message })),
    );
  return result;
}
