import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { CreateTokenForm } from "@/components/access/create-token-form";
import { CreateUserForm } from "@/components/access/create-user-form";
import { TokensTable } from "@/components/access/tokens-table";
import { UsersTable } from "@/components/access/users-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listTeams } from "@/lib/catalog/server";
import { listApiTokens } from "@/lib/access/server";
import { listUsers } from "@/lib/access/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  if (!can(user, "token.manage")) {
    return (
      <>
        <PageHeader title="Settings" />
        <Alert tone="warning" title="Platform team only">
          Settings (users and API tokens) are managed by the platform team.
        </Alert>
      </>
    );
  }
  const [tokens, users, teams] = await Promise.all([listApiTokens(user), listUsers(user), listTeams(user)]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Users, roles and API tokens."
        actions={
          <>
            <Link href="/settings/integrations" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              Integrations
            </Link>
            <Link href="/settings/templates" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              Checklist templates
            </Link>
            <Link href="/settings/scorecards" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              Scorecards
            </Link>
            <Link href="/settings/notifications" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              Notifications
            </Link>
            <Link href="/settings/audit" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              Audit log
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>API tokens</CardTitle>
              <CardDescription>
                Bearer tokens for CI pipelines and integrations. Stored hashed; shown once.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <CreateTokenForm teams={teams} />
          </CardContent>
          <TokensTable tokens={tokens} />
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Users</CardTitle>
              <CardDescription>A disabled user loses access on their next request.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <CreateUserForm teams={teams} />
          </CardContent>
          <UsersTable users={users} currentUserId={user.id} />
        </Card>
      </div>
    </>
  );
}
