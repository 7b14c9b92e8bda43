// What `npm run bench` measures. Each case pairs a request with its floor: the same aggregate run
// straight through node-postgres (the identical SQL text where the app uses raw SQL), timed in the
// same run on the same database.
import type pg from "pg";
import { doraStatements } from "@/lib/data/dora";
import type { Window } from "@/lib/metrics/dora";

export type BenchContext = {
  pools: pg.Pool;
  /** The team used for the team-level cases, and its service ids. */
  team: { slug: string; serviceIds: string[] };
  allTeams: Array<{ slug: string; serviceIds: string[] }>;
  window: Window;
};

export type BenchCase = {
  name: string;
  path: (ctx: BenchContext) => string;
  auth: "none" | "token" | "session";
  floor: (ctx: BenchContext) => Promise<unknown>;
};

const runAll = (ctx: BenchContext, statements: Array<{ text: string; values: unknown[] }>) => Promise.all(statements.map((s) => ctx.pools.query(s.text, s.values)));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const BENCH_CASES: BenchCase[] = [
  { name: "GET /api/health", path: () => "/api/health", auth: "none", floor: (ctx) => ctx.pools.query("select 1") },
  {
    name: "GET /api/v1/teams",
    path: () => "/api/v1/teams",
    auth: "token",
    floor: (ctx) =>
      ctx.pools.query(`select t.slug, t.name, t.description, t."createdAt",
              (select count(*) from "Service" s where s."teamId" = t.id and s."archivedAt" is null) as services,
              (select count(*) from "TeamMembership" m where m."teamId" = t.id) as members
       from "Team" t order by t.name`),
  },
  {
    name: "GET / (overview page)",
    path: () => "/",
    auth: "session",
    floor: (ctx) =>
      Promise.all([
        ctx.pools.query(`select (select count(*) from "Team"), (select count(*) from "Service" where "archivedAt" is null),
                (select count(*) from "Deployment" where status = 'success' and environment = 'production' and "finishedAt" >= now() - interval '30 days'),
                (select count(*) from "Incident" where "startedAt" >= now() - interval '30 days'),
                (select count(*) from "Incident" where "resolvedAt" is null), (select count(*) from "Slo")`),
        ctx.pools.query(`select date_trunc('week', "finishedAt", 'UTC'), count(*) from "Deployment"
                where status = 'success' and environment = 'production' and "finishedAt" >= now() - interval '26 weeks' group by 1`),
      ]),
  },
  {
    name: "GET /api/v1/teams/{slug}/dora (90 days)",
    path: (ctx) => `/api/v1/teams/${ctx.team.slug}/dora?from=${isoDay(ctx.window.from)}&to=${isoDay(ctx.window.to)}`,
    auth: "token",
    floor: (ctx) => runAll(ctx, doraStatements({ serviceIds: ctx.team.serviceIds, keys: ctx.team.serviceIds.map(() => "scope") }, ctx.window)),
  },
  {
    name: "GET /delivery (organisation overview, cold)",
    path: () => "/delivery?fresh=1",
    auth: "session",
    // The page computes every team's figures in one grouped pass; the floor runs the same statements.
    floor: (ctx) => {
      const members = ctx.allTeams.flatMap((t) => t.serviceIds.map((id) => ({ id, key: t.slug })));
      return runAll(ctx, doraStatements({ serviceIds: members.map((m) => m.id), keys: members.map((m) => m.key) }, ctx.window));
    },
  },
  {
    name: "GET /delivery (organisation overview, cached)",
    path: () => "/delivery",
    auth: "session",
    floor: (ctx) => {
      const members = ctx.allTeams.flatMap((t) => t.serviceIds.map((id) => ({ id, key: t.slug })));
      return runAll(ctx, doraStatements({ serviceIds: members.map((m) => m.id), keys: members.map((m) => m.key) }, ctx.window));
    },
  },
];
