import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined;

/** A CSV download response (RFC 4180 quoting by csv-stringify). */
export function csvResponse(filename: string, columns: string[], rows: CsvCell[][]): Response {
  const body = stringify([columns, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)))]);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
