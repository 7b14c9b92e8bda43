// What `npm run bench` measures. Each case pairs an endpoint with the raw SQL of its main query:
// the floor no implementation can beat, typed as one would into psql.

export type BenchCase = {
  name: string;
  path: string;
  auth: "none" | "token" | "session";
  floorSql: string[];
};

export const BENCH_CASES: BenchCase[] = [
  { name: "GET /api/health", path: "/api/health", auth: "none", floorSql: ["select 1"] },
  {
    name: "GET /api/v1/teams",
    path: "/api/v1/teams",
    auth: "token",
    floorSql: [
      `select t.slug, t.name, t.description, t."createdAt",
              (select count(*) from "Service" s where s."teamId" = t.id and s."archivedAt" is null) as services,
              (select count(*) from "TeamMembership" m where m."teamId" = t.id) as members
       from "Team" t order by t.name`,
    ],
  },
  {
    name: "GET / (overview page)",
    path: "/",
    auth: "session",
    floorSql: [
      `select (select count(*) from "Team") as teams,
              (select count(*) from "Service" where "archivedAt" is null) as services,
              (select count(*) from "Deployment" where status = 'success' and environment = 'production'
                 and "finishedAt" >= now() - interval '30 days') as deploys,
              (select count(*) from "Incident" where "startedAt" >= now() - interval '30 days') as incidents,
              (select count(*) from "Incident" where "resolvedAt" is null) as open_incidents,
              (select count(*) from "Slo") as slos`,
      `select date_trunc('week', "finishedAt", 'UTC') as week, count(*)
       from "Deployment" where status = 'success' and environment = 'production'
         and "finishedAt" >= now() - interval '26 weeks'
       group by 1`,
    ],
  },
];
