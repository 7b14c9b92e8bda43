// Generates delivery history that looks like life: a weekly rhythm (quiet weekends), commits
// authored before each deployment, incidents that follow risky deployments, and teams whose
// numbers improve or slip over the period.
import type { Random } from "./random";
import type { Trajectory } from "./demo-catalog";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DeploymentRow = {
  id: string;
  serviceId: string;
  externalId: string;
  environment: string;
  status: string;
  startedAt: Date;
  finishedAt: Date;
  rework: boolean;
};
export type CommitRow = { deploymentId: string; serviceId: string; sha: string; authoredAt: Date };
export type PullRequestRow = {
  deploymentId: string;
  number: number;
  firstCommitAt: Date;
  openedAt: Date;
  mergedAt: Date;
};
export type IncidentRow = {
  id: string;
  serviceId: string;
  externalId: string;
  title: string;
  severity: string;
  startedAt: Date;
  resolvedAt: Date | null;
  causedByDeploymentExternalId: string | null;
  causedByDeploymentId: string | null;
};

export type History = {
  deployments: DeploymentRow[];
  commits: CommitRow[];
  pullRequests: PullRequestRow[];
  incidents: IncidentRow[];
};

type Profile = { rate: number; failProb: number; restoreMinutes: number; leadMinutes: number };

/** p runs from 0 (start of the period) to 1 (today). */
function profileAt(trajectory: Trajectory, p: number): Profile {
  const lerp = (a: number, b: number) => a + (b - a) * p;
  switch (trajectory) {
    case "improving":
      return {
        rate: lerp(0.6, 1.5),
        failProb: lerp(0.22, 0.02),
        restoreMinutes: lerp(360, 35),
        leadMinutes: lerp(4 * 1440, 600),
      };
    case "slipping":
      return {
        rate: lerp(1.3, 0.6),
        failProb: lerp(0.05, 0.24),
        restoreMinutes: lerp(45, 420),
        leadMinutes: lerp(720, 5 * 1440),
      };
    default:
      return { rate: 1, failProb: 0.08, restoreMinutes: 110, leadMinutes: 1.5 * 1440 };
  }
}

const INCIDENT_TITLES = [
  "Elevated 5xx after release",
  "Latency regression on p99",
  "Database connection pool exhausted",
  "Memory leak causing restarts",
  "Bad configuration rolled out",
  "Dependency timeout cascade",
  "Queue backlog growing",
  "Certificate rotation failure",
  "Cache stampede on cold start",
  "Feature flag misfire",
];

export type ServiceHistoryInput = {
  serviceId: string;
  slug: string;
  tier: number;
  trajectory: Trajectory;
  weeklyDeploys: number;
  usesPullRequests: boolean;
  days: number;
  now: Date;
};

/** One service's deployments, commits, PRs and incidents over the last `days` days. */
export function generateServiceHistory(rng: Random, input: ServiceHistoryInput, out: History): void {
  const start =
    Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate()) - input.days * DAY;
  const tierFactor = input.tier === 1 ? 1.2 : input.tier === 2 ? 1 : 0.6;
  let seq = 0;
  let pr = 100 + rng.int(0, 400);
  for (let day = 0; day <= input.days; day++) {
    const dayStart = start + day * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const profile = profileAt(input.trajectory, day / input.days);
    const mean = ((input.weeklyDeploys * tierFactor * profile.rate) / 5) * (weekend ? 0.08 : 1);
    const attempts = rng.poisson(mean);
    for (let i = 0; i < attempts; i++) {
      const finishedAt = new Date(dayStart + (8 + rng.float() * 10) * HOUR);
      if (finishedAt.getTime() > input.now.getTime()) continue;
      const startedAt = new Date(finishedAt.getTime() - (4 + rng.int(0, 18)) * MINUTE);
      const failed = rng.chance(0.05);
      const id = rng.uuid();
      const externalId = `${input.slug}-${++seq}`;
      if (rng.chance(0.5)) {
        out.deployments.push({
          id: rng.uuid(),
          serviceId: input.serviceId,
          externalId: `${externalId}-stg`,
          environment: "staging",
          status: "success",
          startedAt: new Date(startedAt.getTime() - 2 * HOUR),
          finishedAt: new Date(finishedAt.getTime() - 2 * HOUR),
          rework: false,
        });
      }
      out.deployments.push({
        id,
        serviceId: input.serviceId,
        externalId,
        environment: "production",
        status: failed ? "failure" : "success",
        startedAt,
        finishedAt,
        rework: rng.chance(0.07),
      });
      if (failed) continue;
      addChanges(rng, input, out, id, finishedAt, profile.leadMinutes, () => ++pr);
      if (rng.chance(profile.failProb)) {
        const incidentStart = new Date(finishedAt.getTime() + (10 + rng.int(0, 180)) * MINUTE);
        if (incidentStart.getTime() < input.now.getTime()) {
          addIncident(
            rng,
            input,
            out,
            incidentStart,
            profile.restoreMinutes,
            rng.chance(0.5) ? { id, externalId } : null,
          );
        }
      }
    }
    // Incidents with no deployment behind them (infrastructure, traffic): about one a month.
    if (rng.chance(1 / 30)) {
      addIncident(rng, input, out, new Date(dayStart + rng.float() * DAY), profile.restoreMinutes, null);
    }
  }
}

function addChanges(
  rng: Random,
  input: ServiceHistoryInput,
  out: History,
  deploymentId: string,
  finishedAt: Date,
  leadMinutes: number,
  nextPr: () => number,
) {
  const lead = Math.max(20, rng.logNormal(leadMinutes, 0.7)) * MINUTE;
  if (input.usesPullRequests) {
    const firstCommitAt = new Date(finishedAt.getTime() - lead);
    const openedAt = new Date(firstCommitAt.getTime() + lead * (0.3 + 0.2 * rng.float()));
    const mergedAt = new Date(openedAt.getTime() + lead * (0.2 + 0.3 * rng.float()));
    out.pullRequests.push({
      deploymentId,
      number: nextPr(),
      firstCommitAt,
      openedAt,
      mergedAt: mergedAt < finishedAt ? mergedAt : finishedAt,
    });
  }
  const commits = 1 + rng.int(0, 3);
  for (let c = 0; c < commits; c++) {
    const authoredAt = new Date(finishedAt.getTime() - lead * (0.4 + 0.6 * rng.float()));
    out.commits.push({ deploymentId, serviceId: input.serviceId, sha: rng.sha(), authoredAt });
  }
}

function addIncident(
  rng: Random,
  input: ServiceHistoryInput,
  out: History,
  startedAt: Date,
  restoreMinutes: number,
  cause: { id: string; externalId: string } | null,
) {
  const restore = Math.max(4, rng.logNormal(restoreMinutes, 0.9)) * MINUTE;
  const resolved = new Date(startedAt.getTime() + restore);
  const sev = input.tier === 1 ? rng.pick(["sev1", "sev2", "sev2", "sev3"]) : rng.pick(["sev2", "sev3", "sev3"]);
  out.incidents.push({
    id: rng.uuid(),
    serviceId: input.serviceId,
    externalId: `INC-${input.slug.toUpperCase().slice(0, 4)}-${out.incidents.length + 1}`,
    title: rng.pick(INCIDENT_TITLES),
    severity: sev,
    startedAt,
    resolvedAt: resolved.getTime() < input.now.getTime() ? resolved : null,
    causedByDeploymentExternalId: cause?.externalId ?? null,
    causedByDeploymentId: cause?.id ?? null,
  });
}
