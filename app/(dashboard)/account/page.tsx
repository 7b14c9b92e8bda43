import type { Metadata } from "next";
import { LinkProviderButton, SignOutEverywhereButton } from "@/components/access/account-security";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TwoFactorDisable, TwoFactorSetup } from "@/components/access/two-factor";
import { Badge } from "@/components/ui/badge";
import { listOwnIdentities, twoFactorStatus } from "@/lib/access/server";
import { enabledSsoProviders } from "@/lib/core/auth/options";
import { requireUser } from "@/lib/core/auth/session";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Account" };

type Props = { searchParams: Promise<{ linked?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUser();
  const [identities, twoFactor, { linked }] = await Promise.all([
    listOwnIdentities(user),
    twoFactorStatus(user),
    searchParams,
  ]);
  const providers = enabledSsoProviders();
  const linkedIds = new Set(identities.map((i) => i.provider));
  return (
    <>
      <PageHeader title="Account" description={`${user.email} · ${user.role}`} />
      <div className="grid max-w-2xl grid-cols-1 gap-6">
        {linked ? <Alert tone="success">The identity is linked: you can now sign in with it.</Alert> : null}
        <Card>
          <CardHeader>
            <CardTitle>Single sign-on</CardTitle>
            <CardDescription>
              An identity is linked to an account only when its owner asks, from here, while signed in.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-3 text-sm">
            {providers.length === 0 ? (
              <p className="text-muted-foreground">No single sign-on provider is configured on this server.</p>
            ) : (
              providers.map((p) => (
                <div key={p.id} className="flex items-center justify-between gap-3">
                  <span className="font-medium">{p.name}</span>
                  {linkedIds.has(p.id) ? (
                    <span className="text-muted-foreground">
                      Linked {formatDate(identities.find((i) => i.provider === p.id)!.createdAt)}
                    </span>
                  ) : (
                    <LinkProviderButton provider={p.id} name={p.name} />
                  )}
                </div>
              ))
            )}
          </CardContent>
        </Card>
        {twoFactor.hasPassword ? <TwoFactorCard status={twoFactor} /> : null}
        <Card>
          <CardHeader>
            <CardTitle>Sessions</CardTitle>
            <CardDescription>
              A session lasts at most 12 hours. Signing out everywhere ends it on every device at once; so does a change
              of your role or password.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignOutEverywhereButton />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

type TwoFactorProps = { status: Awaited<ReturnType<typeof twoFactorStatus>> };

function TwoFactorCard({ status }: TwoFactorProps) {
  return (
    <Card id="two-factor">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor authentication
          {status.enabled ? <Badge tone="success">on</Badge> : <Badge>off</Badge>}
          {status.required ? <Badge tone="warning">required for your role</Badge> : null}
        </CardTitle>
        <CardDescription>
          {status.enabled
            ? `On since ${formatDate(status.enabledAt!)}. Password sign-in asks for a code from your app; ${status.recoveryCodesLeft} recovery code(s) left.`
            : "A code from an authenticator app, asked at each password sign-in, so a leaked password alone is not enough."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {status.enabled ? (
          status.required ? (
            <p className="text-sm text-muted-foreground">
              This server requires it for your role, so it cannot be turned off.
            </p>
          ) : (
            <TwoFactorDisable />
          )
        ) : (
          <TwoFactorSetup />
        )}
      </CardContent>
    </Card>
  );
}
