// Runs the DevLake port (devlake-dora.sql) over its mapping of Shipshape's data (devlake-schema.sql,
// devlake-mapping-rows.sql, devlake-mapping-project.sql): the peer in the benchmark, and in the test that holds its figures to ours.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

const here = (file: string) => fs.readFileSync(path.join(import.meta.dirname, file), "utf8");

/** A file's statements without comments, split where a line ends with ";" (the files have no ";" or "--" in a string). */
const statements = (sql: string) =>
  sql
    .replace(/--.*$/gm, "")
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);

const TABLES = [
  "project_mapping",
  "cicd_deployment_commits",
  "pull_requests",
  "project_pr_metrics",
  "issues",
  "boards",
  "board_issues",
  "project_issue_metrics",
];

export type DevLakeFigures = {
  median_deploy_days_per_week: number | null;
  median_months_deployed: number | null;
  median_change_lead_time: number | null;
  median_time_to_resolve: number | null;
  change_failure_rate: number | null;
  deployment_frequency: string;
  lead_time_for_changes: string;
  time_to_restore_service: string;
  change_failure_rate_band: string;
};

async function runFile(client: pg.PoolClient, file: string, values: { project?: string; services?: string[] }) {
  for (const s of statements(here(file))) {
    const names = (["project", "services"] as const).filter((n) => s.includes(`:${n}`));
    const text = names.reduce((t, n, i) => t.replaceAll(`:${n}`, `$${i + 1}`), s);
    await client.query(
      text,
      names.map((n) => values[n]),
    );
  }
}

/**
 * (Re)creates devlake_peer with the services' rows, and one DevLake project per entry of
 * `projects` (a project's services must be among `serviceIds`).
 */
export async function mapIntoDevLake(
  pool: pg.Pool,
  serviceIds: string[],
  projects: Record<string, string[]>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await runFile(client, "devlake-schema.sql", {});
    await runFile(client, "devlake-mapping-rows.sql", { services: serviceIds });
    for (const [project, services] of Object.entries(projects)) {
      await runFile(client, "devlake-mapping-project.sql", { project, services });
    }
    for (const table of TABLES) await client.query(`analyze devlake_peer.${table}`);
  } finally {
    await client.query("reset search_path").catch(() => undefined);
    client.release();
  }
}

export const DEVLAKE_DORA_SQL = statements(here("devlake-dora.sql"))[0];

/** DevLake's overall DORA figures for the project over [from, to] (its range ends "now" = to). */
export async function devLakeDora(pool: pg.Pool, project: string, from: Date, to: Date): Promise<DevLakeFigures> {
  const client = await pool.connect();
  try {
    await client.query("set search_path = devlake_peer");
    const { rows } = await client.query<DevLakeFigures>(DEVLAKE_DORA_SQL, [project, from, to]);
    return rows[0];
  } finally {
    await client.query("reset search_path").catch(() => undefined);
    client.release();
  }
}
