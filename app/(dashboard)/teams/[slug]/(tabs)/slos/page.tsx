import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TeamSloTable } from "@/components/slo/team-slo-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/core/auth/session";
import { evaluateTeamSlos } from "@/lib/slo/server";
import { getTeamBySlug } from "@/lib/catalog/server";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `SLOs · ${(await params).slug}` };
}

export default async function TeamSlosPage({ params }: Props) {
  const user = await requireUser();
  const team = await getTeamBySlug(user, (await params).slug);
  if (!team) notFound();
  const rows = await evaluateTeamSlos(user, team.id, new Date());
  const counts = rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.evaluation.status]: (acc[r.evaluation.status] ?? 0) + 1 }),
    {},
  );
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>SLOs ({rows.length}), worst first</CardTitle>
          <CardDescription>
            {counts.exhausted ?? 0} exhausted · {counts.burning ?? 0} burning · {counts.no_data ?? 0} without data ·{" "}
            {counts.healthy ?? 0} healthy
          </CardDescription>
        </div>
      </CardHeader>
      <TeamSloTable rows={rows} />
    </Card>
  );
}
