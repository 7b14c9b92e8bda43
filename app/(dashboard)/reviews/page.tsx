import type { Metadata } from "next";
import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { TierBadge } from "@/components/catalog/tier-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/data/reviews";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  await requireUser();
  const { open, decided } = await listReviewQueue();
  return (
    <>
      <PageHeader title="Reviews" description="Production readiness reviews requested by service owners, oldest first." />
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
                  <TD className="text-muted-foreground">{formatDate(r.createdAt)}</TD>
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
