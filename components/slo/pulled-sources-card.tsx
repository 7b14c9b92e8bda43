import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/core/format";
import type { SloSourceDto } from "@/lib/slo/server";

export type PulledSource = SloSourceDto & { slo: string; service: { slug: string; name: string } };

/** Every SLO read from Prometheus: where, when it last ran and runs next, and its failure if any. */
export function PulledSourcesCard({ sources }: { sources: PulledSource[] }) {
  const failing = sources.filter((x) => x.lastError !== null);
  return (
    <Card className="mt-6">
      <CardHeader>
        <div>
          <CardTitle>Pulled SLIs</CardTitle>
          <CardDescription>
            {sources.length === 0
              ? "No SLO reads from Prometheus yet: connect one with PUT /api/v1/slos/{id}/source, or import Sloth or OpenSLO specs with PROMETHEUS_URL set."
              : `${sources.length} SLO${sources.length === 1 ? "" : "s"} read from Prometheus every 5 minutes; ${failing.length} failing.`}
          </CardDescription>
        </div>
      </CardHeader>
      {sources.length > 0 ? (
        <Table>
          <THead>
            <tr>
              <TH>SLO</TH>
              <TH>Source</TH>
              <TH>Last run</TH>
              <TH>Next run</TH>
              <TH>State</TH>
            </tr>
          </THead>
          <TBody>
            {sources.slice(0, 50).map((x) => (
              <TR key={`${x.service.slug}/${x.slo}`}>
                <TD>
                  <Link className="text-primary hover:underline" href={`/services/${x.service.slug}/slos`}>
                    {x.service.name} · {x.slo}
                  </Link>
                </TD>
                <TD className="max-w-64 truncate font-mono text-xs" title={x.effectiveUrl ?? ""}>
                  {x.effectiveUrl ?? "PROMETHEUS_URL (not set)"}
                </TD>
                <TD className="text-muted-foreground">
                  {x.lastRunAt ? formatDateTime(new Date(x.lastRunAt)) : "not yet"}
                </TD>
                <TD className="text-muted-foreground">
                  {x.lastRunAt
                    ? formatDateTime(new Date(new Date(x.lastRunAt).getTime() + 5 * 60_000))
                    : "within 5 minutes"}
                </TD>
                <TD>
                  {x.lastError ? (
                    <span className="text-danger-ink" title={x.lastError}>
                      failing: {x.lastError.slice(0, 80)}
                    </span>
                  ) : x.lastSuccessAt ? (
                    <Badge tone="success">ok</Badge>
                  ) : (
                    <Badge>waiting</Badge>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : null}
    </Card>
  );
}
