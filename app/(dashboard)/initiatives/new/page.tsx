import type { Metadata } from "next";
import { InitiativeForm } from "@/components/scorecards/initiative-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can, denialReason } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listUserOptions } from "@/lib/access/server";
import { listTeamOptions } from "@/lib/catalog/server";
import { getDefaultScorecard } from "@/lib/scorecards/server";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

export const metadata: Metadata = { title: "New initiative" };

export default async function NewInitiativePage() {
  const user = await requireUser();
  if (!can(user, "initiative.manage")) {
    return (
      <>
        <PageHeader title="New initiative" />
        <Alert tone="warning">{denialReason(user, "create initiatives")}.</Alert>
      </>
    );
  }
  const [teams, users, scorecard] = await Promise.all([
    listTeamOptions(user),
    listUserOptions(user),
    getDefaultScorecard(user),
  ]);
  return (
    <>
      <PageHeader
        title="New initiative"
        description="Pick a target, a scope and a date. Progress and the burn-up chart follow automatically."
      />
      <Card>
        <CardContent className="pt-5">
          <InitiativeForm
            teams={teams}
            rules={(scorecard?.rules ?? [])
              .filter((r) => r.enabled)
              .map((r) => ({ key: r.key, name: r.name, level: r.level }))}
            users={users.map((u) => ({ id: u.id, label: `${u.name ?? u.email} (${u.role})` }))}
            defaultOwner={user.id}
            defaultDate={isoDate(new Date(new Date().getTime() + 90 * DAY_MS))}
          />
        </CardContent>
      </Card>
    </>
  );
}
