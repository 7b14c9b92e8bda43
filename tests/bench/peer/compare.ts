// The benchmark's peer comparison: the same questions asked of Shipshape (over HTTP, cold) and of
// DevLake's DORA dashboard SQL, ported to PostgreSQL (devlake-dora.sql), over DevLake-shaped tables
// mapped from the same rows. tests/integration/devlake-peer.test.ts shows the two agree.
import type pg from "pg";
import type { BenchContext } from "../cases";
import { devLakeDora, mapIntoDevLake } from "./devlake";

type Timer = (fn: () => Promise<unknown>, runs: number, warmup: number) => Promise<{ p50: number; p95: number }>;

/** Maps the benchmark data into devlake_peer unless the mapping there is of these very rows. */
export async function ensureMapping(pool: pg.Pool, ctx: BenchContext, say: (line: string) => void): Promise<void> {
  const current = await pool
    .query<{ mapped: number; deployments: number; projects: number }>(
      `select (select count(*)::int from devlake_peer.cicd_deployment_commits) as mapped,
              (select count(*)::int from "Deployment") as deployments,
              (select count(distinct project_name)::int from devlake_peer.project_mapping) as projects`,
    )
    .then((r) => r.rows[0])
    .catch(() => null);
  if (current && current.mapped === current.deployments && current.projects === 2) return;
  const started = Date.now();
  say("mapping the data into DevLake's tables (devlake_peer; once per data set)…");
  const all = ctx.allTeams.flatMap((t) => t.serviceIds);
  await mapIntoDevLake(pool, all, { org: all, [ctx.team.slug]: ctx.team.serviceIds });
  say(`  mapped in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export type PeerRow = { name: string; ours: { p50: number; p95: number }; devlake: { p50: number; p95: number } };

export async function compareWithDevLake(opts: {
  base: string;
  headers: { token: Record<string, string>; session: Record<string, string> };
  ctx: BenchContext;
  pool: pg.Pool;
  time: Timer;
  runs: number;
  say: (line: string) => void;
}): Promise<PeerRow[]> {
  const { base, ctx, pool, time, say } = opts;
  await ensureMapping(pool, ctx, say);
  const { from, to } = ctx.window;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const get = (path: string, headers: Record<string, string>) => async () => {
    const res = await fetch(`${base}${path}`, { headers });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    await res.arrayBuffer();
  };
  const heavyRuns = Math.min(opts.runs, 3);
  return [
    {
      name: `one team's DORA, 90 days (${ctx.team.serviceIds.length} services): team API vs DevLake project`,
      ours: await time(
        get(`/api/v1/teams/${ctx.team.slug}/dora?from=${day(from)}&to=${day(to)}`, opts.headers.token),
        opts.runs,
        3,
      ),
      devlake: await time(() => devLakeDora(pool, ctx.team.slug, from, to), opts.runs, 3),
    },
    {
      name: "the organisation's DORA, 90 days: /delivery (every team, cold) vs DevLake project of all services",
      ours: await time(get("/delivery?fresh=1", opts.headers.session), heavyRuns, 1),
      devlake: await time(() => devLakeDora(pool, "org", from, to), heavyRuns, 1),
    },
  ];
}
