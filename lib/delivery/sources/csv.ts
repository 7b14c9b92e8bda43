// CSV import of historical deployments and incidents. Pure: parsing and row-level validation with
// csv-parse and zod. A deployment spanning several commits repeats its row, one commit per row.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { issuesToDetails } from "@/lib/core/validation";
import { ZDeploymentInput, ZIncidentInput, type TDeploymentInput, type TIncidentInput } from "@/lib/delivery/schemas";

export type RowError = { line: number; message: string };
export type CsvResult<T> = { items: T[]; lines: number[]; errors: RowError[] };

export const DEPLOYMENT_COLUMNS = [
  "externalId",
  "service",
  "environment",
  "status",
  "startedAt",
  "finishedAt",
  "commitSha",
  "commitAuthoredAt",
  "prNumber",
  "prFirstCommitAt",
  "prOpenedAt",
  "prMergedAt",
  "rework",
] as const;
export const INCIDENT_COLUMNS = [
  "externalId",
  "service",
  "title",
  "severity",
  "startedAt",
  "resolvedAt",
  "causedByDeployment",
] as const;
const REQUIRED = {
  deployments: ["externalId", "service", "environment", "status", "finishedAt"],
  incidents: ["externalId", "service", "title", "startedAt"],
} as const;

type Row = Record<string, string>;

function records(
  text: string,
  kind: "deployments" | "incidents",
): { rows: Array<{ line: number; row: Row }>; errors: RowError[] } {
  let parsed: Array<{ record: Row; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { rows: [], errors: [{ line: e.lines ?? 1, message: e.message.replace(/^Invalid Record Length: /, "") }] };
  }
  const header = parsed.length ? Object.keys(parsed[0].record) : [];
  const missing = REQUIRED[kind].filter((c) => !header.includes(c));
  if (parsed.length && missing.length)
    return { rows: [], errors: [{ line: 1, message: `missing column(s): ${missing.join(", ")}` }] };
  return { rows: parsed.map((p) => ({ line: p.info.lines, row: p.record })), errors: [] };
}

const blank = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
const describe = (e: z.ZodError) =>
  issuesToDetails(e)
    .map((d) => `${d.path || "row"} ${d.message}`)
    .join("; ");

export function parseDeploymentsCsv(text: string): CsvResult<TDeploymentInput> {
  const { rows, errors } = records(text, "deployments");
  const byKey = new Map<string, { item: TDeploymentInput; line: number }>();
  for (const { line, row } of rows) {
    const candidate = {
      externalId: row.externalId,
      service: row.service,
      environment: row.environment,
      status: row.status,
      startedAt: blank(row.startedAt),
      finishedAt: row.finishedAt,
      rework: blank(row.rework) === undefined ? undefined : /^(true|1|yes)$/i.test(row.rework),
      fixes: blank(row.fixes),
      commits: blank(row.commitSha) ? [{ sha: row.commitSha, authoredAt: blank(row.commitAuthoredAt) ?? null }] : [],
      pullRequests: blank(row.prNumber)
        ? [
            {
              number: Number(row.prNumber),
              firstCommitAt: blank(row.prFirstCommitAt) ?? null,
              openedAt: blank(row.prOpenedAt) ?? null,
              mergedAt: blank(row.prMergedAt) ?? null,
            },
          ]
        : [],
    };
    const parsed = ZDeploymentInput.safeParse(candidate);
    if (!parsed.success) {
      errors.push({ line, message: describe(parsed.error) });
      continue;
    }
    const key = `${parsed.data.service}\u0000${parsed.data.externalId}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.item.commits = [...(existing.item.commits ?? []), ...(parsed.data.commits ?? [])];
      existing.item.pullRequests = [...(existing.item.pullRequests ?? []), ...(parsed.data.pullRequests ?? [])];
    } else byKey.set(key, { item: parsed.data, line });
  }
  const entries = [...byKey.values()];
  return { items: entries.map((e) => e.item), lines: entries.map((e) => e.line), errors };
}

export function parseIncidentsCsv(text: string): CsvResult<TIncidentInput> {
  const { rows, errors } = records(text, "incidents");
  const items: TIncidentInput[] = [];
  const lines: number[] = [];
  for (const { line, row } of rows) {
    const parsed = ZIncidentInput.safeParse({
      externalId: row.externalId,
      service: row.service,
      title: row.title,
      severity: blank(row.severity) ?? null,
      startedAt: row.startedAt,
      resolvedAt: blank(row.resolvedAt) ?? null,
      causedByDeployment: blank(row.causedByDeployment) ?? null,
    });
    if (parsed.success) {
      items.push(parsed.data);
      lines.push(line);
    } else errors.push({ line, message: describe(parsed.error) });
  }
  return { items, lines, errors };
}
