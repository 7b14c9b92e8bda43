import { Download, Siren } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { listIncidentsIn } from "@/lib/delivery/server";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/core/format";
import { withParams } from "@/lib/core/url";

type Props = {
  data: Awaited<ReturnType<typeof listIncidentsIn>>;
  path: string;
  params: Record<string, string>;
  exportHref: string;
  showService: boolean;
};

export function IncidentsTable({ data, path, params, exportHref, showService }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Incidents ({formatNumber(data.total)})</CardTitle>
        <a href={exportHref} className={buttonVariants({ variant: "secondary", size: "sm" })}>
          <Download aria-hidden /> CSV
        </a>
      </CardHeader>
      {data.rows.length === 0 ? (
        <EmptyState icon={Siren} title="No incidents started in this period">
          Report them with <code className="font-mono">POST /api/v1/incidents</code> or the PagerDuty webhook.
        </EmptyState>
      ) : (
        <>
          <Table>
            <THead>
              <tr>
                <TH>Incident</TH>
                {showService ? <TH>Service</TH> : null}
                <TH>Severity</TH>
                <TH>Started</TH>
                <TH>Restored in</TH>
                <TH>Caused by</TH>
              </tr>
            </THead>
            <TBody>
              {data.rows.map((i) => (
                <TR key={i.id}>
                  <TD>
                    <span className="font-medium">{i.title}</span>
                    <p className="font-mono text-xs text-muted-foreground">{i.externalId}</p>
                  </TD>
                  {showService ? (
                    <TD>
                      <Link href={`/services/${i.service.slug}/delivery`} className="hover:underline">
                        {i.service.name}
                      </Link>
                    </TD>
                  ) : null}
                  <TD>{i.severity ?? "—"}</TD>
                  <TD className="whitespace-nowrap text-muted-foreground">
                    {i.startedAt ? formatDateTime(i.startedAt) : "unknown"}
                  </TD>
                  <TD>
                    {i.resolvedAt && i.startedAt ? (
                      formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime())
                    ) : i.resolvedAt ? (
                      <span className="text-muted-foreground" title="The source never said when it started">
                        start unknown
                      </span>
                    ) : (
                      <Badge tone="danger">open</Badge>
                    )}
                  </TD>
                  <TD>
                    {i.linkedTo ? (
                      <span className="font-mono text-xs">
                        {i.linkedTo}{" "}
                        <span className="font-sans text-muted-foreground">
                          ({i.linkedBy === "explicit" ? "reported" : "by time"})
                        </span>
                      </span>
                    ) : (
                      <span className="text-xs text-muted-foreground">no earlier deployment</span>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            href={(p) => withParams(path, params, { ipage: p })}
          />
        </>
      )}
    </Card>
  );
}
