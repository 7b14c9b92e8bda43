// `npm run bench explain`: EXPLAIN (ANALYZE, BUFFERS) of the dashboards' heaviest statements on the
// benchmark data, written to tests/bench/plans/<name>.txt (kept in git, so that a change to a query
// or an index shows its plan before and after). Prints each statement's execution time.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { doraStatements } from "@/lib/delivery/server/dora";
import { keyBucketsSql, keyIncidentsSql } from "@/lib/delivery/server/dora-days";
import { ROLLUPS_TABLE } from "@/lib/delivery/server/rollup-source";
import type { BenchContext } from "./cases";
import { DEVLAKE_DORA_SQL } from "./peer/devlake";

type Statement = { name: string; text: string; values: unknown[]; searchPath?: string };

function statements(ctx: BenchContext): Statement[] {
  const all = ctx.allTeams.flatMap((t) => t.serviceIds);
  const byTeam = { serviceIds: all, keys: ctx.allTeams.flatMap((t) => t.serviceIds.map(() => t.slug)) };
  const team = { serviceIds: ctx.team.serviceIds, keys: ctx.team.serviceIds.map(() => "scope") };
  const [orgDelivery, orgIncidents] = doraStatements(byTeam, ctx.window, ROLLUPS_TABLE);
  const [teamDelivery, teamIncidents] = doraStatements(team, ctx.window, ROLLUPS_TABLE);
  // What /leadership (per team and month of two quarters) and /delivery and the scorecards (per
  // team, per service, over one window) read (lib/delivery/server/dora-days.ts), before the app aggregates.
  const monthly = Array.from({ length: 7 }, (_, i) => {
    const to = ctx.window.to;
    return new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 5 + i, 1));
  });
  const days = keyBucketsSql(byTeam, monthly, ROLLUPS_TABLE);
  const window = keyBucketsSql(byTeam, [ctx.window.from, ctx.window.to], ROLLUPS_TABLE);
  const services = keyBucketsSql({ serviceIds: all, keys: all }, [ctx.window.from, ctx.window.to], ROLLUPS_TABLE);
  const incidents = keyIncidentsSql(byTeam, ctx.window);
  return [
    { name: "org-months-by-team", text: days.text, values: days.values },
    { name: "org-window-by-team", text: window.text, values: window.values },
    { name: "org-window-by-service", text: services.text, values: services.values },
    { name: "org-incidents-by-team", text: incidents.text, values: incidents.values },
    { name: "org-dora-delivery", text: orgDelivery.text, values: orgDelivery.values },
    { name: "org-dora-incidents", text: orgIncidents.text, values: orgIncidents.values },
    { name: "team-dora-delivery", text: teamDelivery.text, values: teamDelivery.values },
    { name: "team-dora-incidents", text: teamIncidents.text, values: teamIncidents.values },
    {
      name: "overview-weekly-deployments",
      text: `select date_trunc('week', day::timestamp) as week, sum(deployments) as n from "DeliveryDay"
             where day >= $1::date and day < $2::date group by 1`,
      values: [
        new Date(Date.now() - 26 * 7 * 86_400_000).toISOString().slice(0, 10),
        new Date().toISOString().slice(0, 10),
      ],
    },
    {
      name: "devlake-dora-org",
      text: DEVLAKE_DORA_SQL,
      values: ["org", ctx.window.from, ctx.window.to],
      searchPath: "devlake_peer",
    },
  ];
}

export async function explainAll(pool: pg.Pool, ctx: BenchContext, say: (line: string) => void): Promise<void> {
  const dir = path.join(import.meta.dirname, "plans");
  fs.mkdirSync(dir, { recursive: true });
  for (const s of statements(ctx)) {
    const client = await pool.connect();
    try {
      if (s.searchPath) await client.query(`set search_path = ${s.searchPath}`);
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `explain (analyze, buffers, format text) ${s.text}`,
        s.values,
      );
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      fs.writeFileSync(path.join(dir, `${s.name}.txt`), `${plan}\n`);
      say(`  ${s.name.padEnd(30)} ${plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? "?"} ms`);
    } catch (error) {
      say(`  ${s.name.padEnd(30)} failed: ${(error as Error).message}`);
    } finally {
      await client.query("reset search_path").catch(() => undefined);
      client.release();
    }
  }
  say(`plans written to ${path.relative(process.cwd(), dir)}/`);
}
