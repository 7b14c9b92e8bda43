import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CsvLink } from "@/components/ui/csv-link";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { AUDIT_KINDS } from "@/lib/access/domain";
import { ZAuditQuery } from "@/lib/access/schemas";
import { listAuditLog } from "@/lib/access/server";
import { listTeams } from "@/lib/catalog/server";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { formatDateTime } from "@/lib/core/format";
import { withParams } from "@/lib/core/url";

export const metadata: Metadata = { title: "Audit log · Settings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "audit.read"))
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert tone="warning" title="Platform team only">
          The organisation&apos;s audit log is read by the platform team.
        </Alert>
      </>
    );
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""),
  ) as Record<string, string>;
  const parsed = ZAuditQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZAuditQuery.parse({});
  const [log, teams] = await Promise.all([listAuditLog(user, query), listTeams(user)]);
  const filtered = Boolean(query.actor || query.team || query.service || query.kind || query.from || query.to);
  const filters = { ...raw, page: undefined };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and security event in the organisation, newest first: who, what, where and when."
        actions={<CsvLink href={withParams("/settings/audit/export.csv", filters, {})} />}
      />
      {parsed.success ? null : (
        <Alert tone="warning" className="mb-4">
          Some filters were not understood and are ignored:{" "}
          {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.
        </Alert>
      )}
      <Card>
        <form method="get" role="search" className="flex flex-wrap items-end gap-2 border-b border-border p-4">
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            Who
            <Input name="actor" defaultValue={query.actor} placeholder="Name, email or token" className="w-44" />
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            Kind
            <Select name="kind" defaultValue={query.kind ?? ""} className="w-44">
              <option value="">Everything</option>
              {Object.entries(AUDIT_KINDS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            Team
            <Select name="team" defaultValue={query.team ?? ""} className="w-40">
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            Service
            <Input name="service" defaultValue={query.service} placeholder="service slug" className="w-36" />
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            From
            <Input type="date" name="from" defaultValue={query.from} className="w-36" />
          </label>
          <label className="grid gap-1 text-xs font-medium text-muted-foreground">
            To
            <Input type="date" name="to" defaultValue={query.to} className="w-36" />
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link href="/settings/audit" className={buttonVariants({ variant: "ghost", size: "sm" })}>
              Clear
            </Link>
          ) : null}
        </form>
        {log.rows.length === 0 ? (
          <EmptyState icon={ScrollText} title={filtered ? "Nothing matches these filters" : "Nothing recorded yet"}>
            {filtered
              ? "Try a wider date range or fewer filters."
              : "Changes to checklists, waivers, reviews, scorecards, settings and every sign-in are recorded here."}
          </EmptyState>
        ) : (
          <>
            <Table aria-label="Audit log">
              <THead>
                <tr>
                  <TH>When</TH>
                  <TH>Who</TH>
                  <TH>What</TH>
                  <TH>Service</TH>
                </tr>
              </THead>
              <TBody>
                {log.rows.map((r) => (
                  <TR key={r.id} data-action={r.action}>
                    <TD className="whitespace-nowrap text-muted-foreground tabular-nums">{formatDateTime(r.at)}</TD>
                    <TD className="font-medium" title={r.actorDetail ?? undefined}>
                      {r.actor}
                    </TD>
                    <TD>
                      {r.kind ? (
                        <Badge tone={r.kind === "security" ? "warning" : "neutral"} className="mr-2">
                          {AUDIT_KINDS[r.kind]}
                        </Badge>
                      ) : null}
                      {r.description}
                    </TD>
                    <TD>
                      {r.service ? (
                        <Link href={`/services/${r.service.slug}`} className="hover:underline">
                          {r.service.name}
                          <span className="block text-xs text-muted-foreground">{r.service.team}</span>
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            <Pagination
              page={log.page}
              pageSize={log.pageSize}
              total={log.total}
              href={(page) => withParams("/settings/audit", filters, { page })}
            />
          </>
        )}
      </Card>
    </>
  );
}
