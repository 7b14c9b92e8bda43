import { AssumptionsForm } from "@/components/leadership/assumptions-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CsvLink } from "@/components/ui/csv-link";
import { cn } from "@/lib/core/cn";
import type { LeadershipData } from "@/lib/leadership/server";
import { formatDateTime } from "@/lib/core/format";
import { formatMoney, TIERS } from "@/lib/leadership/domain";

type Props = { data: LeadershipData; report: boolean; canEdit: boolean; csvHref: string };

/** The ROI assumptions (a form for those who may change them) beside their change history. */
export function AssumptionsSection({ data, report, canEdit, csvHref }: Props) {
  const { assumptions } = data;
  const a = assumptions.values;
  return (
    <section
      id="assumptions"
      aria-labelledby="assumptions-title"
      className={cn("grid gap-4", report ? "break-before-page grid-cols-[2fr_1fr]" : "lg:grid-cols-[2fr_1fr]")}
    >
      <Card>
        <CardHeader>
          <div>
            <CardTitle id="assumptions-title">Assumptions</CardTitle>
            <CardDescription>
              {assumptions.isDefault
                ? "Defaults, not yet reviewed."
                : `Last changed ${assumptions.updatedAt ? formatDateTime(assumptions.updatedAt) : ""}.`}{" "}
              Leadership and the platform team may change them; every change is kept.
            </CardDescription>
          </div>
          {report ? null : <CsvLink href={csvHref} />}
        </CardHeader>
        <CardContent>
          {canEdit && !report ? (
            <AssumptionsForm values={a} />
          ) : (
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm" aria-label="Assumptions">
              {TIERS.map((t) => (
                <div key={t} className="contents">
                  <dt className="text-muted-foreground">Downtime cost, tier {t}</dt>
                  <dd className="text-right tabular-nums">
                    {formatMoney(a.downtimeCostPerHour[t], a.currency)} per hour
                  </dd>
                </div>
              ))}
              <dt className="text-muted-foreground">Engineer cost (loaded)</dt>
              <dd className="text-right tabular-nums">{formatMoney(a.engineerCostPerHour, a.currency)} per hour</dd>
              <dt className="text-muted-foreground">Remediation per failed change</dt>
              <dd className="text-right tabular-nums">{a.remediationHoursPerFailedChange} hours</dd>
              <dt className="text-muted-foreground">Baseline period</dt>
              <dd className="text-right tabular-nums">
                {a.baseline.from} – {a.baseline.to}
              </dd>
            </dl>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Change history</CardTitle>
            <CardDescription>Latest first</CardDescription>
          </div>
        </CardHeader>
        {data.revisions.length ? (
          <ul className="divide-y divide-border text-sm" aria-label="Assumption changes">
            {data.revisions.map((r) => (
              <li key={r.id} className="px-5 py-2.5">
                <p>
                  <span className="font-medium">{r.by}</span>{" "}
                  <span className="text-muted-foreground">· {formatDateTime(r.at)}</span>
                </p>
                <p className="text-xs text-muted-foreground">{r.changes.join("; ")}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-5 pb-5 text-sm text-muted-foreground">Never changed: the defaults apply.</p>
        )}
      </Card>
    </section>
  );
}
