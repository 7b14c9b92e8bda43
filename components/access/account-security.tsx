"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signOutEverywhereAction, startSsoLinkAction } from "@/lib/access/actions";
import type { ActionState } from "@/lib/core/auth/action";

/** Link an SSO provider to this account: the action marks the request, then the provider signs in. */
export function LinkProviderButton({ provider, name }: { provider: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function link() {
    setPending(true);
    const form = new FormData();
    form.set("provider", provider);
    const result = await startSsoLinkAction({ status: "idle" }, form);
    if (result.status !== "success") {
      setPending(false);
      setError(result.status === "error" ? result.message : "Could not start linking.");
      return;
    }
    await signIn(provider, { callbackUrl: "/account?linked=1" });
  }
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void link()} disabled={pending}>
        {pending ? "Redirecting…" : `Link ${name}`}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-danger-ink">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Ends every session of this account, on every device; this one goes to the sign-in page. */
export function SignOutEverywhereButton() {
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionState, FormData>(signOutEverywhereAction, { status: "idle" });
  useEffect(() => {
    if (state.status === "success") router.replace("/login");
  }, [state.status, router]);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm("Sign out of Shipshape on every device, this one included?")) e.preventDefault();
      }}
      className="grid grid-cols-1 gap-2"
    >
      <Button type="submit" variant="danger-outline" size="sm" disabled={pending} className="w-fit">
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
    </form>
  );
}
