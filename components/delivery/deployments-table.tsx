import { Download, Rocket } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { listDeploymentsIn } from "@/lib/delivery/server";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/core/format";
import { withParams } from "@/lib/core/url";

type Props = {
  data: Awaited<ReturnType<typeof listDeploymentsIn>>;
  path: string;
  params: Record<string, string>;
  exportHref: string;
  showService: boolean;
};

// How a deployment names the earlier one it fixes (lib/delivery/server/derived-fixes.ts).
const FIX_VERB: Record<string, string> = {
  explicit: "fixes",
  revert: "reverts",
  rollback: "rolls back",
  hotfix: "hotfixes",
};
const FIXED_VERB: Record<string, string> = {
  explicit: "fixed",
  revert: "reverted",
  rollback: "rolled back",
  hotfix: "hotfixed",
};

export function DeploymentsTable({ data, path, params, exportHref, showService }: Props) {
  return (
    <Card>
      <CardHeader className="flex-wrap">
        <CardTitle>Deployments ({formatNumber(data.total)})</CardTitle>
        <div className="flex flex-wrap items-center gap-2">
          <form method="get" action={path} className="flex flex-wrap items-center gap-1.5">
            {Object.entries(params)
              .filter(([k]) => !["env", "status", "dpage"].includes(k))
              .map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
            <label className="sr-only" htmlFor="env-filter">
              Environment
            </label>
            <Input
              id="env-filter"
              name="env"
              placeholder="environment"
              defaultValue={params.env}
              className="h-8 w-32"
            />
            <label className="sr-only" htmlFor="status-filter">
              Status
            </label>
            <Input
              id="status-filter"
              name="status"
              placeholder="status"
              defaultValue={params.status}
              className="h-8 w-28"
            />
            <Button size="sm" variant="secondary" type="submit">
              Filter
            </Button>
          </form>
          <a href={exportHref} className={buttonVariants({ variant: "secondary", size: "sm" })}>
            <Download aria-hidden /> CSV
          </a>
        </div>
      </CardHeader>
      {data.rows.length === 0 ? (
        <EmptyState icon={Rocket} title="No deployments in this period">
          Report them with <code className="font-mono">POST /api/v1/deployments</code>, the GitHub webhook, or a CSV
          import.
        </EmptyState>
      ) : (
        <>
          <Table>
            <THead>
              <tr>
                <TH>Deployment</TH>
                {showService ? <TH>Service</TH> : null}
                <TH>Environment</TH>
                <TH>Status</TH>
                <TH>Finished</TH>
                <TH className="text-right">Changes</TH>
                <TH className="text-right">Incidents</TH>
              </tr>
            </THead>
            <TBody>
              {data.rows.map((d) => (
                <TR key={d.id}>
                  <TD>
                    <span className="font-mono text-xs">{d.externalId}</span>
                    <p className="text-xs text-muted-foreground">
                      {d.source}
                      {d.startedAt ? ` · took ${formatDuration(d.finishedAt.getTime() - d.startedAt.getTime())}` : ""}
                      {d.rework ? " · rework" : ""}
                    </p>
                    {d.fixes ? (
                      <p className="text-xs text-muted-foreground">
                        {FIX_VERB[d.fixRule ?? "explicit"] ?? "fixes"} <span className="font-mono">{d.fixes}</span>
                        {d.fixesDeploymentId ? "" : " (not received yet)"}
                      </p>
                    ) : null}
                    {d.fixedBy[0] ? (
                      <p className="text-xs text-danger-ink">
                        failed: {FIXED_VERB[d.fixedBy[0].fixRule ?? "explicit"] ?? "fixed"} by{" "}
                        <span className="font-mono">{d.fixedBy[0].externalId}</span>
                      </p>
                    ) : null}
                  </TD>
                  {showService ? (
                    <TD>
                      <Link href={`/services/${d.service.slug}/delivery`} className="hover:underline">
                        {d.service.name}
                      </Link>
                    </TD>
                  ) : null}
                  <TD>{d.environment}</TD>
                  <TD>
                    <Badge tone={d.status === "success" ? "success" : "danger"}>{d.status}</Badge>
                  </TD>
                  <TD className="whitespace-nowrap text-muted-foreground">{formatDateTime(d.finishedAt)}</TD>
                  <TD className="text-right text-muted-foreground tabular-nums">
                    {d._count.pullRequests ? `${d._count.pullRequests} PR` : `${d._count.commits} commits`}
                  </TD>
                  <TD className="text-right">
                    {d._count.incidents ? (
                      <Badge tone="danger">{d._count.incidents}</Badge>
                    ) : (
                      <span className="text-muted-foreground">—</span>
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
            href={(p) => withParams(path, params, { dpage: p })}
          />
        </>
      )}
    </Card>
  );
}
