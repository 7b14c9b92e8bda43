import "server-only";
import type { z } from "zod";
import { authorize, type Action, type Actor } from "@/lib/core/auth/permissions";
import { csvResponse, type CsvCell } from "./csv";
import { apiRoute } from "./route";

/** What an export produces: a CSV table or a YAML document, with its download name. */
export type ExportFile =
  { filename: string; columns: string[]; rows: CsvCell[][] } | { filename: string; yaml: string };

type ExportContext<Q> = { actor: Actor; query: Q; params: Record<string, string> };

/**
 * Every CSV and YAML download: the API's authentication (session or token), the permission check,
 * the query checked by zod, and errors in the API's error shape (401, 403, 400 with details, 404).
 */
export function exportRoute<Q = undefined>(
  options: { query?: z.ZodType<Q>; action?: Action; what?: string },
  build: (ctx: ExportContext<Q>) => Promise<ExportFile>,
) {
  return apiRoute({ query: options.query }, async ({ actor, query, params }) => {
    // Reads are authorised by the slice's server functions; an export with a stricter rule names it.
    if (options.action) authorize(actor, options.action, null, options.what ?? "export this");
    const file = await build({ actor: actor!, query, params });
    if ("yaml" in file) {
      return new Response(file.yaml, {
        headers: {
          "content-type": "application/yaml; charset=utf-8",
          "content-disposition": `attachment; filename="${file.filename}"`,
          "cache-control": "no-store",
        },
      });
    }
    return csvResponse(file.filename, file.columns, file.rows);
  });
}
