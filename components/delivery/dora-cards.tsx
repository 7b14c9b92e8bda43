import { Info } from "lucide-react";
import { Card } from "@/components/ui/card";
import { formatMinutes, formatPercent } from "@/lib/core/format";
import type { DoraReport } from "@/lib/delivery/domain";
import { BandBadge } from "./band-badge";

function MetricCard({
  title,
  value,
  band,
  detail,
  explain,
}: {
  title: string;
  value: string;
  band?: Parameters<typeof BandBadge>[0]["band"];
  detail: string;
  explain: string;
}) {
  return (
    <Card className="flex flex-col gap-2 p-4" aria-label={title}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h3>
        {band !== undefined ? <BandBadge band={band} /> : null}
      </div>
      <p className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={`metric-${title}`}>
        {value}
      </p>
      <p className="text-xs text-muted-foreground">{detail}</p>
      <p className="mt-auto flex gap-1 text-[11px] leading-snug text-muted-foreground">
        <Info className="mt-px size-3 shrink-0" aria-hidden />
        {explain}
      </p>
    </Card>
  );
}

/** The four keys and rework rate, each with its band, sample size and definition. */
export function DoraCards({ report }: { report: DoraReport }) {
  const f = report.deploymentFrequency;
  const lt = report.leadTimeForChanges;
  const cfr = report.changeFailureRate;
  const recovery = report.benchmark === "2023" ? report.failedDeploymentRecoveryTime : report.timeToRestore;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5">
      <MetricCard
        title="Deployment frequency"
        value={f.medianDeployDaysPerWeek === null ? "No data" : `${f.medianDeployDaysPerWeek} days/week`}
        band={f.band}
        detail={`${f.deployments} deployments on ${f.deployDays} days · median ${f.medianDeployDaysPerMonth ?? "—"} days/month`}
        explain="Median number of days with a successful production deployment, per week (Mondays, UTC)."
      />
      <MetricCard
        title="Lead time for changes"
        value={lt.medianMinutes === null ? "No data" : formatMinutes(lt.medianMinutes)}
        band={lt.band}
        detail={`${lt.samples} change(s)${lt.codingMinutes !== undefined ? ` · coding ${formatMinutes(lt.codingMinutes)}, review ${formatMinutes(lt.reviewMinutes)}, deploy ${formatMinutes(lt.deployMinutes)}` : ""}`}
        explain="Median time from a change's first commit to its production deployment (lower median)."
      />
      <MetricCard
        title="Change failure rate"
        value={cfr.ratio === null ? "No data" : formatPercent(cfr.ratio)}
        band={cfr.band}
        detail={`${cfr.failedDeployments} of ${cfr.deployments} deployments caused an incident or needed a fix`}
        explain="Deployments with at least one linked incident, or that a later deployment fixed, reverted or rolled back, divided by all deployments in the period."
      />
      <MetricCard
        title={report.benchmark === "2023" ? "Failed deployment recovery" : "Time to restore"}
        value={recovery.medianMinutes === null ? "No data" : formatMinutes(recovery.medianMinutes)}
        band={recovery.band}
        detail={`${recovery.samples} resolved incident(s) · ${report.failedDeploymentRecoveryTime.openIncidents} still open`}
        explain={
          report.benchmark === "2023"
            ? "Median time from the failed deployment's finish to the incident's resolution."
            : "Median time from an incident's start to its resolution."
        }
      />
      <MetricCard
        title="Rework rate"
        value={report.reworkRate.ratio === null ? "No data" : formatPercent(report.reworkRate.ratio)}
        detail="Deployments that fix, revert or roll back an earlier one"
        explain="Share of deployments reported with rework: true or fixes, or found to be a revert, rollback or hotfix. No band: DORA publishes none yet."
      />
    </div>
  );
}
