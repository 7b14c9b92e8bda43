// Assembles the DORA object of CONTRACT §4 from facts, with bands and data-quality warnings.
// No data gives null (with a warning), never 0.
import {
  changeFailureRate,
  changeFailureRateBand,
  deploymentFrequency,
  deploymentFrequencyBand,
  failedDeploymentRecoveryTime,
  inWindow,
  leadTimeBand,
  leadTimeForChanges,
  linkIncidents,
  recoveryBand,
  reworkRate,
  timeToRestore,
  type Band,
  type Benchmark,
  type DeploymentFact,
  type IncidentFact,
  type Window,
} from "./dora";
import { DAY_MS } from "@/lib/core/calendar";

export type DoraScope = { service: string } | { team: string };

export type DoraReport = {
  scope: DoraScope;
  from: string;
  to: string;
  benchmark: Benchmark;
  deploymentFrequency: {
    deployments: number;
    deployDays: number;
    medianDeployDaysPerWeek: number | null;
    medianDeployDaysPerMonth: number | null;
    band: Band | null;
  };
  leadTimeForChanges: {
    medianMinutes: number | null;
    samples: number;
    band: Band | null;
    codingMinutes?: number | null;
    reviewMinutes?: number | null;
    deployMinutes?: number | null;
  };
  changeFailureRate: { failedDeployments: number; deployments: number; ratio: number | null; band: Band | null };
  failedDeploymentRecoveryTime: {
    medianMinutes: number | null;
    samples: number;
    openIncidents: number;
    band: Band | null;
  };
  timeToRestore: { medianMinutes: number | null; samples: number; band: Band | null };
  reworkRate: { ratio: number | null };
  linkedBy: { explicit: number; time: number };
  warnings: string[];
};

/** The headline recovery metric: failed deployment recovery time (2023) or time to restore (2021). */
export function recoveryOf(report: DoraReport) {
  return report.benchmark === "2023" ? report.failedDeploymentRecoveryTime : report.timeToRestore;
}

/** The raw figures, however computed (pure path or SQL), before bands and warnings. */
export type DoraFigures = {
  frequency: {
    deployments: number;
    deployDays: number;
    medianDeployDaysPerWeek: number | null;
    medianDeployDaysPerMonth: number | null;
  };
  leadTime: {
    medianMinutes: number | null;
    samples: number;
    codingMinutes?: number | null;
    reviewMinutes?: number | null;
    deployMinutes?: number | null;
    undatedCommits: number;
  };
  cfr: { failedDeployments: number; deployments: number; ratio: number | null };
  recovery: { medianMinutes: number | null; samples: number; openIncidents: number };
  restore: { medianMinutes: number | null; samples: number; unknownStart: number };
  rework: { ratio: number | null };
  linkedBy: { explicit: number; time: number };
  incidentsInWindow: number;
};

/** The semantics: every figure from in-memory facts. */
export function computeDoraFigures(deployments: DeploymentFact[], incidents: IncidentFact[], w: Window): DoraFigures {
  const links = linkIncidents(incidents, deployments);
  const started = incidents.filter((i) => inWindow(i.startedAt, w));
  const linkedBy = { explicit: 0, time: 0 };
  for (const i of started) {
    const l = links.get(i.id);
    if (l) linkedBy[l.rule]++;
  }
  return {
    frequency: deploymentFrequency(deployments, w),
    leadTime: leadTimeForChanges(deployments, w),
    cfr: changeFailureRate(deployments, links, w),
    recovery: failedDeploymentRecoveryTime(incidents, links, deployments, w),
    restore: timeToRestore(incidents, w),
    rework: reworkRate(deployments, w),
    linkedBy,
    incidentsInWindow: started.length,
  };
}

export function buildDoraReport(scope: DoraScope, w: Window, benchmark: Benchmark, f: DoraFigures): DoraReport {
  const warnings: string[] = [];
  const windowDays = (w.to.getTime() - w.from.getTime()) / DAY_MS;
  if (f.frequency.deployments === 0)
    warnings.push(
      "No successful production deployments in this period: deployment frequency, lead time and change failure rate have no value.",
    );
  else if (f.leadTime.samples === 0)
    warnings.push("No changes with dates were reported with the deployments: lead time has no value.");
  if (f.leadTime.undatedCommits > 0)
    warnings.push(`${f.leadTime.undatedCommits} commit(s) have no authored date and were left out of lead time.`);
  if (f.incidentsInWindow === 0)
    warnings.push("No incidents reported in this period: a change failure rate of 0 assumes none happened.");
  if (f.recovery.samples === 0 && f.restore.samples === 0)
    warnings.push("No incidents were resolved in this period: recovery time has no value.");
  if (f.restore.unknownStart > 0)
    warnings.push(
      `${f.restore.unknownStart} incident(s) resolved in this period have no known start time and were left out of time to restore.`,
    );
  if (f.recovery.openIncidents > 0)
    warnings.push(
      `${f.recovery.openIncidents} incident(s) that started in this period are still unresolved and not in recovery time.`,
    );
  const leadTime: DoraReport["leadTimeForChanges"] = {
    medianMinutes: f.leadTime.medianMinutes,
    samples: f.leadTime.samples,
    band: leadTimeBand(f.leadTime.medianMinutes, benchmark),
  };
  if (f.leadTime.codingMinutes !== undefined) {
    leadTime.codingMinutes = f.leadTime.codingMinutes;
    leadTime.reviewMinutes = f.leadTime.reviewMinutes;
    leadTime.deployMinutes = f.leadTime.deployMinutes;
  }
  return {
    scope,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    benchmark,
    deploymentFrequency: { ...f.frequency, band: deploymentFrequencyBand(f.frequency, benchmark, windowDays) },
    leadTimeForChanges: leadTime,
    changeFailureRate: { ...f.cfr, band: changeFailureRateBand(f.cfr.ratio, benchmark) },
    failedDeploymentRecoveryTime: { ...f.recovery, band: recoveryBand(f.recovery.medianMinutes) },
    // the contract's shape: incidents with an unknown start are reported in warnings only
    timeToRestore: {
      medianMinutes: f.restore.medianMinutes,
      samples: f.restore.samples,
      band: recoveryBand(f.restore.medianMinutes),
    },
    reworkRate: f.rework,
    linkedBy: f.linkedBy,
    warnings,
  };
}
