import { Rocket } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { formatDateTime, formatDuration } from "@/lib/core/format";

type Props = {
  deployments: Array<{ id: string; externalId: string; environment: string; status: string; finishedAt: Date }>;
  incidents: Array<{
    id: string;
    externalId: string;
    title: string;
    severity: string | null;
    startedAt: Date | null;
    resolvedAt: Date | null;
  }>;
};

export function RecentDeliveryEvents({ deployments, incidents }: Props) {
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Recent deployments</CardTitle>
        </CardHeader>
        {deployments.length === 0 ? (
          <EmptyState icon={Rocket} title="No deployments reported" />
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Deployment</TH>
                <TH>Environment</TH>
                <TH>Status</TH>
                <TH>Finished</TH>
              </tr>
            </THead>
            <TBody>
              {deployments.map((d) => (
                <TR key={d.id}>
                  <TD className="font-mono text-xs">{d.externalId}</TD>
                  <TD>{d.environment}</TD>
                  <TD>
                    <Badge tone={d.status === "success" ? "success" : "danger"}>{d.status}</Badge>
                  </TD>
                  <TD className="text-muted-foreground">{formatDateTime(d.finishedAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Recent incidents</CardTitle>
        </CardHeader>
        {incidents.length === 0 ? (
          <EmptyState icon={Rocket} title="No incidents reported" />
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Incident</TH>
                <TH>Severity</TH>
                <TH>Started</TH>
                <TH>Restored in</TH>
              </tr>
            </THead>
            <TBody>
              {incidents.map((i) => (
                <TR key={i.id}>
                  <TD>
                    <span className="font-medium">{i.title}</span>
                    <p className="font-mono text-xs text-muted-foreground">{i.externalId}</p>
                  </TD>
                  <TD>{i.severity ?? "—"}</TD>
                  <TD className="text-muted-foreground">{i.startedAt ? formatDateTime(i.startedAt) : "unknown"}</TD>
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
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
