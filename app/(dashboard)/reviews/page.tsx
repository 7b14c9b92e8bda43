import type { Metadata } from "next";
import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { TierBadge } from "@/components/catalog/tier-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceChecklist } from "@/lib/readiness/server";
import { listReviewQueue } from "@/lib/readiness/server";
import { Progress } from "@/components/ui/progress";
import { formatDate } from "@/lib/core/format";
import { DAY_MS } from "@/lib/core/calendar";

export const metadata: Metadata = { title: "Reviews" };

function waiting(since: Date): number {
  return Math.max(0, Math.floor((Date.now() - since.getTime()) / DAY_MS));
}

export default async function ReviewsPage() {
  const user = await requireUser();
  const { open, decided } = await listReviewQueue(user);
  const readiness = new Map(
    await Promise.all(
      open.map(async (r) => [r.id, (await getServiceChecklist(user, r.serviceId))?.progress.required] as const),
    ),
  );
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Production readiness reviews requested by service owners, oldest first."
      />
      <Card>
        <CardHeader>
          <CardTitle>Waiting for review ({open.length})</CardTitle>
        </CardHeader>
        {open.length === 0 ? (
          <EmptyState icon={ClipboardCheck} title="The queue is empty">
            When a team requests a readiness review of a service, it appears here.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Service</TH>
                <TH>Team</TH>
                <TH>Tier</TH>
                <TH>Required items</TH>
                <TH>Requested</TH>
              </tr>
            </THead>
            <TBody>
              {open.map((r) => (
                <TR key={r.id}>
                  <TD>
                    <Link href={`/reviews/${r.id}`} className="font-medium hover:underline">
                      {r.service.name}
                    </Link>
                    {r.requestNote ? <p className="text-xs text-muted-foreground">{r.requestNote}</p> : null}
                  </TD>
                  <TD>{r.service.team.name}</TD>
                  <TD>
                    <TierBadge tier={r.service.tier} />
                  </TD>
                  <TD className="w-48">
                    {(() => {
                      const req = readiness.get(r.id);
                      if (!req) return <span className="text-muted-foreground">—</span>;
                      return (
                        <div className="flex items-center gap-2 text-xs text-muted-foreground tabular-nums">
                          <Progress
                            value={req.total ? (req.satisfied / req.total) * 100 : 100}
                            label={`${r.service.name} required items`}
                            tone={req.missing.length ? "warning" : "success"}
                            className="h-1.5"
                          />
                          {req.satisfied}/{req.total}
                        </div>
                      );
                    })()}
                  </TD>
                  <TD className="text-muted-foreground">
                    {formatDate(r.createdAt)}
                    <p className="text-xs">
                      {waiting(r.createdAt) === 0 ? "today" : `waiting ${waiting(r.createdAt)} d`}
                    </p>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {decided.length ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Recent decisions</CardTitle>
          </CardHeader>
          <Table>
            <TBody>
              {decided.map((r) => (
                <TR key={r.id}>
                  <TD>
                    <Link href={`/reviews/${r.id}`} className="font-medium hover:underline">
                      {r.service.name}
                    </Link>
                  </TD>
                  <TD>{r.service.team.name}</TD>
                  <TD>
                    <Badge tone={r.status === "approved" ? "success" : "warning"}>{r.status.replace("_", " ")}</Badge>
                  </TD>
                  <TD className="text-muted-foreground">{r.decidedAt ? formatDate(r.decidedAt) : "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
    </>
  );
}
