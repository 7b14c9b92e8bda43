import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/access/login-form";
import { getCurrentUser } from "@/lib/core/auth/session";
import { enabledSsoProviders } from "@/lib/core/auth/options";
import { DEMO_USERS } from "@/lib/access/domain";
import { sameOriginPath } from "@/lib/core/url";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

/** Only same-origin paths are followed after sign-in (parsed as the browser will, so `/\\evil.com` stays here). */
const safeCallback = (url: string | undefined) => sameOriginPath(url, "http://shipshape.invalid");

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallback(callbackUrl));
  const demo = process.env.SHIPSHAPE_DEMO === "1";
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Shipshape</h1>
      <p className="mt-1 text-sm text-muted-foreground">Use your work email and password.</p>
      <LoginForm
        callbackUrl={safeCallback(callbackUrl)}
        initialError={error ?? null}
        providers={enabledSsoProviders()}
      />
      {demo ? (
        <div className="mt-8 rounded-lg border border-dashed border-border p-4 text-sm">
          <p className="font-medium">Demo accounts</p>
          <p className="mt-1 text-xs text-muted-foreground">This instance runs on seeded demo data.</p>
          <ul className="mt-3 grid grid-cols-1 gap-1.5 font-mono text-xs">
            {DEMO_USERS.map((u) => (
              <li key={u.email} className="flex justify-between gap-3">
                <span>{u.email}</span>
                <span className="text-muted-foreground">{u.password}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
