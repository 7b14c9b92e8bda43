import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined;

/** CSV text (RFC 4180 quoting by csv-stringify). Text that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) is prefixed with a quote; numbers stay numbers. */
export function toCsv(columns: string[], rows: CsvCell[][]): string {
  return stringify([columns, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)))], {
    escape_formulas: true,
  });
}

/** A CSV download response. */
export function csvResponse(filename: string, columns: string[], rows: CsvCell[][]): Response {
  const body = toCsv(columns, rows);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
