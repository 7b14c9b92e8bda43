// `npm run cli -- seed large`: the organisation-scale benchmark data set (CONTRACT §1):
// 200 teams, 2,000 services, about 2,000,000 deployments and 200,000 incidents over 180 days.
// Lighter per row than the demo (one commit per deployment, no SLI samples) to load in minutes.
import type { PrismaClient } from "@/generated/prisma/client";
import type { Trajectory } from "./demo-catalog";
import { generateServiceHistory, type History } from "./history";
import { Random } from "./random";
import { insertCommits, insertDeployments, insertIncidents } from "./write";

const TEAM_COUNT = 200;
const SERVICES_PER_TEAM = 10;
const DAYS = 180;
/** Tuned so 2,000 services give ~2M deployment rows (production and staging) in 180 days. */
const WEEKLY_DEPLOYS = 28;
const TRAJECTORIES: Trajectory[] = ["improving", "steady", "slipping"];

/** `scale` multiplies the number of teams (each with its ten services and their history): 0.01 is 2 teams. */
export async function seedLarge(
  db: PrismaClient,
  opts: { seed?: number; now?: Date; log?: (m: string) => void; scale?: number } = {},
) {
  const TEAMS = Math.max(1, Math.round(TEAM_COUNT * (opts.scale ?? 1)));
  const rng = new Random(opts.seed ?? 4242);
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => undefined);
  let totals = { deployments: 0, commits: 0, incidents: 0 };
  for (let t = 0; t < TEAMS; t++) {
    const team = await db.team.create({ data: { id: rng.uuid(), slug: `team-${t + 1}`, name: `Team ${t + 1}` } });
    const history: History = { deployments: [], commits: [], pullRequests: [], incidents: [] };
    for (let s = 0; s < SERVICES_PER_TEAM; s++) {
      const slug = `svc-${t + 1}-${s + 1}`;
      const tier = ((s % 3) + 1) as 1 | 2 | 3;
      const service = await db.service.create({
        data: {
          id: rng.uuid(),
          slug,
          name: `Service ${t + 1}.${s + 1}`,
          teamId: team.id,
          tier,
          lifecycle: "production",
          onCall: `team-${t + 1}-oncall`,
        },
      });
      generateServiceHistory(
        rng,
        {
          serviceId: service.id,
          slug,
          tier,
          trajectory: TRAJECTORIES[t % 3],
          weeklyDeploys: WEEKLY_DEPLOYS / (tier === 1 ? 1.2 : tier === 2 ? 1 : 0.6),
          usesPullRequests: false,
          days: DAYS,
          now,
        },
        history,
      );
    }
    // One commit per deployment keeps the commit table at the deployment table's scale.
    const seen = new Set<string>();
    history.commits = history.commits.filter((c) =>
      seen.has(c.deploymentId) ? false : (seen.add(c.deploymentId), true),
    );
    await insertDeployments(db, history.deployments);
    await insertCommits(db, history.commits);
    await insertIncidents(db, history.incidents);
    totals = {
      deployments: totals.deployments + history.deployments.length,
      commits: totals.commits + history.commits.length,
      incidents: totals.incidents + history.incidents.length,
    };
    if ((t + 1) % 20 === 0 || t + 1 === TEAMS)
      log(`${t + 1}/${TEAMS} teams (${totals.deployments.toLocaleString("en-US")} deployments)`);
  }
  await db.$executeRaw`analyze`;
  return { teams: TEAMS, services: TEAMS * SERVICES_PER_TEAM, ...totals };
}
