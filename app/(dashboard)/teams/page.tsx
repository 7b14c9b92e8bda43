import type { Metadata } from "next";
import { Download, Users } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requireUser } from "@/lib/core/auth/session";
import { listTeams } from "@/lib/catalog/server";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const user = await requireUser();
  const teams = await listTeams(user);
  return (
    <>
      <PageHeader
        title="Teams"
        description={`${teams.length} ${teams.length === 1 ? "team owns" : "teams own"} the services in the catalog.`}
        actions={
          teams.length ? (
            <a href="/teams/export.csv" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              <Download aria-hidden /> Export CSV
            </a>
          ) : null
        }
      />
      <Card>
        {teams.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet">
            Create teams with <code className="font-mono">POST /api/v1/teams</code>, or import a Backstage catalog.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Team</TH>
                <TH className="text-right">Services</TH>
                <TH className="text-right">Members</TH>
                <TH className="hidden md:table-cell">Description</TH>
              </tr>
            </THead>
            <TBody>
              {teams.map((team) => (
                <TR key={team.id}>
                  <TD>
                    <Link href={`/teams/${team.slug}`} className="font-medium hover:text-primary hover:underline">
                      {team.name}
                    </Link>
                    <p className="font-mono text-xs text-muted-foreground">{team.slug}</p>
                  </TD>
                  <TD className="text-right tabular-nums">{team.services}</TD>
                  <TD className="text-right tabular-nums">{team.members}</TD>
                  <TD className="hidden max-w-md truncate text-muted-foreground md:table-cell">
                    {team.description ?? "—"}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
