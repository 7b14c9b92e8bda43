// What `npm run bench` measures. Each case pairs a request with its floor: the same aggregate run
// straight through node-postgres (the identical SQL text where the app uses raw SQL), timed in the
// same run on the same database. The cases run with every write folded into the daily rollups, so
// the pages read the rollup table itself (lib/delivery/server/rollup-source.ts), and so do floors.
import type pg from "pg";
import { doraStatements } from "@/lib/delivery/server/dora";
import { keyBucketsSql, keyIncidentsSql } from "@/lib/delivery/server/dora-days";
import type { ScopeMembers } from "@/lib/delivery/server/dora-figures";
import { ROLLUPS_TABLE } from "@/lib/delivery/server/rollup-source";
import { monthWindow, parseLeadershipPeriod, rollingDays, type LeadershipPeriod } from "@/lib/core/period";
import type { Window } from "@/lib/delivery/domain/dora";

export type BenchContext = {
  pools: pg.Pool;
  /** The team used for the team-level cases, and its service ids. */
  team: { slug: string; serviceIds: string[] };
  /** The service used for the service-level cases (one of the team's). */
  service: { slug: string; id: string };
  allTeams: Array<{ slug: string; serviceIds: string[] }>;
  window: Window;
};

export type BenchCase = {
  name: string;
  path: (ctx: BenchContext) => string;
  auth: "none" | "token" | "session";
  floor: (ctx: BenchContext) => Promise<unknown>;
};

const runAll = (ctx: BenchContext, statements: Array<{ text: string; values: unknown[] }>) =>
  Promise.all(statements.map((s) => ctx.pools.query(s.text, s.values)));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The team scorecard's floor: what the page reads, as hand-written SQL — the team and its services,
 * then at once the scorecard's rules, checklists (assignments, latest default templates, items,
 * states, approved waivers), SLOs with their window and burn-window sums, the 90-day DORA
 * statements, last deployment and review times, and the period's daily snapshots.
 */
async function teamScorecardFloor(ctx: BenchContext) {
  return scorecardFloor(ctx, "t.slug = $1", [ctx.team.slug]);
}

/** The same reads for the services the condition selects (one team's, one service, or all). */
async function scorecardFloor(ctx: BenchContext, where: string, params: unknown[]) {
  const team = await ctx.pools.query(
    `select t.id, t.slug, t.name, s.id as "serviceId", s.slug as "serviceSlug", s.name as "serviceName", s.tier, s.type, s."onCall", s."runbookUrl", s."repoUrl", s."dashboardUrl", s.description
     from "Team" t join "Service" s on s."teamId" = t.id and s."archivedAt" is null where ${where}`,
    params,
  );
  const ids = team.rows.map((r: { serviceId: string }) => r.serviceId);
  const teamId = (team.rows[0] as { id: string } | undefined)?.id ?? null;
  await Promise.all([
    ctx.pools.query(
      `select c.key, c."isDefault", r.key as rule, r.level, r.weight, r."check" from "Scorecard" c join "ScorecardRule" r on r."scorecardId" = c.id where c.enabled and r.enabled`,
    ),
    ctx.pools.query(
      `with assigned as (
         select s.id as "serviceId", coalesce(sc."templateId", (select t.id from "ChecklistTemplate" t where t.key = case s.type when 'data-pipeline' then 'data-pipeline-readiness' when 'ml-model' then 'ml-model-readiness' else 'production-readiness' end order by t.version desc limit 1)) as "templateId"
         from "Service" s left join "ServiceChecklist" sc on sc."serviceId" = s.id where s.id = any($1::uuid[])
       )
       select a."serviceId", i.key, i.title, i."requiredForTiers", c.key as category, st.status, w.status as waiver, w."expiresAt"
       from assigned a join "ChecklistItem" i on i."templateId" = a."templateId" join "ChecklistCategory" c on c.id = i."categoryId"
       left join "ChecklistItemState" st on st."serviceId" = a."serviceId" and st."itemKey" = i.key and st."updatedAt" <= now()
       left join "Waiver" w on w."serviceId" = a."serviceId" and w."itemKey" = i.key and w.status = 'approved' and w."decidedAt" <= now()
       order by a."serviceId", i.position`,
      [ids],
    ),
    ctx.pools.query(
      `select o.id, o.name, o.objective, o."windowDays",
              (select sum(good) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'day' and r.bucket >= now() - make_interval(days => o."windowDays")) as good,
              (select sum(total) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'day' and r.bucket >= now() - make_interval(days => o."windowDays")) as total,
              (select sum(good) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'hour' and r.bucket >= now() - interval '3 days') as hourly_good,
              (select sum(good) from "SliSample" x where x."sloId" = o.id and x.start >= now() - interval '1 hour') as raw_good
       from "Slo" o where o."serviceId" = any($1::uuid[]) and o."createdAt" <= now()`,
      [ids],
    ),
    // the scorecards' DORA window, the 90 whole days ending today (lib/scorecards/server/facts.ts):
    // its rollups summed per service, and its incidents per service (what getDoraFiguresOfKeys reads)
    runAll(ctx, keyWindowReads({ serviceIds: ids, keys: ids }, rollingDays(90, new Date()))),
    ctx.pools.query(
      `select s.id, (select max("finishedAt") from "Deployment" where "serviceId" = s.id and status = 'success' and environment = 'production' and "finishedAt" <= now()) as deployed,
              (select max("decidedAt") from "Review" where "serviceId" = s.id and status = 'approved') as reviewed
       from unnest($1::uuid[]) as s(id)`,
      [ids],
    ),
    ctx.pools.query(
      `select day, score, data from "TeamSnapshot" where "teamId" = $1 and day >= now() - interval '90 days' order by day`,
      [teamId],
    ),
  ]);
}

/** One window's rollups summed per key, and its incidents per key (getDoraFiguresOfKeys). */
const keyWindowReads = (s: ScopeMembers, w: Window) => [
  keyBucketsSql(s, [w.from, w.to], ROLLUPS_TABLE),
  keyIncidentsSql(s, w),
];

const byTeam = (ctx: BenchContext): ScopeMembers => ({
  serviceIds: ctx.allTeams.flatMap((t) => t.serviceIds),
  keys: ctx.allTeams.flatMap((t) => t.serviceIds.map(() => t.slug)),
});

/**
 * The statements the leadership page reads its DORA figures with (lib/delivery/server/dora-days.ts):
 * the rollups per team and stretch between its windows' edges (both periods, each of their months),
 * and the span's incidents per team, which the app then aggregates for each window and its incident
 * counts. The pure-SQL aggregate (doraStatements, every median in Postgres) is the DevLake
 * comparison's side instead.
 */
const orgDoraReads = (ctx: BenchContext, period: LeadershipPeriod) => {
  const windows = [period.window, period.previous, ...period.months.map((m) => monthWindow(m, period.window.to))];
  const bounds = [...new Set(windows.flatMap((w) => [w.from.getTime(), w.to.getTime()]))].sort((a, b) => a - b);
  const span = { from: new Date(bounds[0]), to: new Date(bounds[bounds.length - 1]) };
  return runAll(ctx, [
    keyBucketsSql(
      byTeam(ctx),
      bounds.map((b) => new Date(b)),
      ROLLUPS_TABLE,
    ),
    keyIncidentsSql(byTeam(ctx), span),
  ]);
};

/**
 * The leadership page's floor: the organisation's DORA reads over both periods (every month, both
 * periods, every team and the incident counts come from them), the ROI baseline's counts (the
 * default: 180 to 90 days ago), and the snapshot series, all at once.
 */
async function leadershipFloor(ctx: BenchContext, period = parseLeadershipPeriod({})) {
  const day = 86_400_000;
  const baseline = { from: new Date(Date.now() - 180 * day), to: new Date(Date.now() - 89 * day) };
  await Promise.all([
    ctx.pools.query(
      `select sum(deployments), sum(failed) from "DeliveryDay" where day >= $1::date and day < $2::date`,
      [baseline.from.toISOString().slice(0, 10), baseline.to.toISOString().slice(0, 10)],
    ),
    orgDoraReads(ctx, period),
    ctx.pools.query(
      `select ss.day, count(*) filter (where ss.level in ('silver', 'gold'))::float8 / nullif(count(*), 0) from "ServiceSnapshot" ss join "Service" s on s.id = ss."serviceId" where s.tier in (1, 2) and ss.day >= $1::date group by ss.day`,
      [period.previous.from],
    ),
  ]);
}

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
        ctx.pools
          .query(`select (select count(*) from "Team"), (select count(*) from "Service" where "archivedAt" is null),
                (select sum(deployments) from "DeliveryDay" where day > (now() - interval '30 days')::date and day < current_date)
                  + (select count(*) from "Deployment" where status = 'success' and environment = 'production'
                     and ("finishedAt" >= current_date or "finishedAt" between now() - interval '30 days' and (now() - interval '29 days')::date)),
                (select count(*) from "Incident" where "startedAt" >= now() - interval '30 days'),
                (select count(*) from "Incident" where "resolvedAt" is null), (select count(*) from "Slo")`),
        ctx.pools.query(`select date_trunc('week', t), sum(n) from (
                  select day::timestamp as t, deployments as n from "DeliveryDay" where day >= (now() - interval '26 weeks')::date and day < current_date
                  union all
                  select "finishedAt" at time zone 'UTC', 1 from "Deployment" where status = 'success' and environment = 'production' and "finishedAt" >= current_date
                ) b group by 1`),
      ]),
  },
  {
    name: "GET /api/v1/teams/{slug}/dora (90 days)",
    path: (ctx) => `/api/v1/teams/${ctx.team.slug}/dora?from=${isoDay(ctx.window.from)}&to=${isoDay(ctx.window.to)}`,
    auth: "token",
    floor: (ctx) =>
      runAll(
        ctx,
        doraStatements(
          { serviceIds: ctx.team.serviceIds, keys: ctx.team.serviceIds.map(() => "scope") },
          ctx.window,
          ROLLUPS_TABLE,
        ),
      ),
  },
  {
    name: "GET /teams/{slug}/scorecard (team scorecard page)",
    path: (ctx) => `/teams/${ctx.team.slug}/scorecard`,
    auth: "session",
    floor: teamScorecardFloor,
  },
  {
    name: "GET /api/v1/teams/{slug}/scorecard",
    path: (ctx) => `/api/v1/teams/${ctx.team.slug}/scorecard`,
    auth: "token",
    floor: teamScorecardFloor,
  },
  {
    name: "GET /delivery (organisation overview, cold)",
    path: () => "/delivery?fresh=1",
    auth: "session",
    // The page reads every team's rollups and incidents in one row each; the floor runs the same statements.
    floor: (ctx) => runAll(ctx, keyWindowReads(byTeam(ctx), ctx.window)),
  },
  {
    name: "GET /delivery (organisation overview, cached)",
    path: () => "/delivery",
    auth: "session",
    floor: (ctx) => runAll(ctx, keyWindowReads(byTeam(ctx), ctx.window)),
  },
  {
    name: "GET /leadership (organisation trends and ROI, cold)",
    path: () => "/leadership?fresh=1",
    auth: "session",
    floor: leadershipFloor,
  },
  {
    name: "GET /leadership (organisation trends and ROI, cached)",
    path: () => "/leadership",
    auth: "session",
    floor: (ctx) => leadershipFloor(ctx),
  },
  {
    name: "GET /leadership?period=2025 (a past year against the one before, organisation, cold)",
    path: () => "/leadership?period=2025&fresh=1",
    auth: "session",
    floor: (ctx) => leadershipFloor(ctx, parseLeadershipPeriod({ period: "2025" })),
  },
  {
    name: "GET /scorecards (organisation scorecards, every service evaluated)",
    path: () => "/scorecards",
    auth: "session",
    floor: (ctx) =>
      Promise.all([
        scorecardFloor(ctx, "true", []),
        ctx.pools.query(
          `select "teamId", day, score from "TeamSnapshot" where day >= now() - interval '90 days' order by day`,
        ),
      ]),
  },
  {
    name: "GET /services/{slug} (service page)",
    path: (ctx) => `/services/${ctx.service.slug}`,
    auth: "session",
    floor: (ctx) => scorecardFloor(ctx, "s.slug = $1", [ctx.service.slug]),
  },
  {
    name: "GET /services/{slug}/slos (SLO panel, 30 days)",
    path: (ctx) => `/services/${ctx.service.slug}/slos`,
    auth: "session",
    // The SLOs with their 30-day budget (daily rollups), the burn windows (hourly rollups and the
    // last hour's raw samples) and the daily series for the chart.
    floor: (ctx) =>
      ctx.pools.query(
        `select o.id, o.name, o.objective, o."windowDays",
                (select sum(good) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'day' and r.bucket >= now() - make_interval(days => o."windowDays")) as good,
                (select sum(total) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'day' and r.bucket >= now() - make_interval(days => o."windowDays")) as total,
                (select sum(good) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'hour' and r.bucket >= now() - interval '3 days') as hourly_good,
                (select sum(good) from "SliSample" x where x."sloId" = o.id and x.start >= now() - interval '1 hour') as raw_good,
                (select json_agg(json_build_array(r.bucket, r.good, r.total) order by r.bucket) from "SliRollup" r where r."sloId" = o.id and r.granularity = 'day' and r.bucket >= now() - interval '30 days') as series
         from "Slo" o join "Service" s on s.id = o."serviceId" where s.slug = $1`,
        [ctx.service.slug],
      ),
  },
];
