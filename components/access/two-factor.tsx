"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { confirmTotpAction, disableTotpAction, startTotpAction } from "@/lib/access/actions";
import type { ActionState } from "@/lib/core/auth/action";

type Pending = { secret: string; qr: string };

function CodeInput(props: { id?: string; autoFocus?: boolean; "aria-invalid"?: boolean; "aria-describedby"?: string }) {
  return (
    <Input
      {...props}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      placeholder="123456"
      required
      maxLength={40}
      className="w-40 font-mono tracking-widest"
    />
  );
}

/** Set-up in three steps: a QR code, the first code to prove it works, and the recovery codes once. */
export function TwoFactorSetup() {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [confirm, confirmAction, confirming] = useActionState<ActionState<{ recoveryCodes: string[] }>, FormData>(
    confirmTotpAction,
    { status: "idle" },
  );

  async function start() {
    setStarting(true);
    setStartError(null);
    const result = await startTotpAction({ status: "idle" }, new FormData());
    setStarting(false);
    if (result.status === "success" && result.data) setPending(result.data);
    else setStartError(result.status === "error" ? result.message : "Could not start the set-up.");
  }

  if (confirm.status === "success" && confirm.data) {
    const codes = confirm.data.recoveryCodes;
    return (
      <div className="grid grid-cols-1 gap-3 text-sm">
        <Alert tone="success">Two-factor authentication is on. Your next sign-in asks for a code.</Alert>
        <p>
          Save these recovery codes somewhere safe. Each signs you in once if you lose your device. They are not shown
          again.
        </p>
        <ul className="grid w-fit grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-border bg-muted/40 p-3 font-mono">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void navigator.clipboard?.writeText(codes.join("\n"))}
            type="button"
          >
            Copy codes
          </Button>
          <Button size="sm" type="button" onClick={() => router.refresh()}>
            I saved them
          </Button>
        </div>
      </div>
    );
  }

  if (!pending) {
    return (
      <div className="grid grid-cols-1 gap-2">
        <Button size="sm" className="w-fit" onClick={() => void start()} disabled={starting}>
          {starting ? "Preparing…" : "Set up two-factor authentication"}
        </Button>
        {startError ? <Alert tone="danger">{startError}</Alert> : null}
      </div>
    );
  }

  return (
    <form action={confirmAction} className="grid grid-cols-1 gap-3 text-sm">
      <p>
        Scan this code with an authenticator app (1Password, Google Authenticator, Authy…), then enter the code it
        shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, not an asset to optimise */}
      <img
        src={pending.qr}
        alt="QR code for your authenticator app"
        width={192}
        height={192}
        className="rounded-md border border-border bg-white"
      />
      <p className="text-xs text-muted-foreground">
        Cannot scan? Enter this key by hand: <code className="font-mono break-all">{pending.secret}</code>
      </p>
      <Field label="Code from your app" errors={confirm.status === "error" ? confirm.fieldErrors?.code : undefined}>
        <CodeInput autoFocus />
      </Field>
      {confirm.status === "error" && !confirm.fieldErrors?.code ? <Alert tone="danger">{confirm.message}</Alert> : null}
      <Button type="submit" size="sm" className="w-fit" disabled={confirming}>
        {confirming ? "Checking…" : "Turn on"}
      </Button>
    </form>
  );
}

/** Turning it off takes a current code (or a recovery code), so a borrowed session cannot. */
export function TwoFactorDisable() {
  const [state, action, pending] = useActionState<ActionState, FormData>(disableTotpAction, { status: "idle" });
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm("Turn off two-factor authentication? Sign-in will need only your password."))
          e.preventDefault();
      }}
      className="grid grid-cols-1 gap-2 text-sm"
    >
      <Field
        label="Code from your app, or a recovery code"
        errors={state.status === "error" ? state.fieldErrors?.code : undefined}
      >
        <CodeInput />
      </Field>
      {state.status === "error" && !state.fieldErrors?.code ? <Alert tone="danger">{state.message}</Alert> : null}
      <Button type="submit" variant="danger-outline" size="sm" className="w-fit" disabled={pending}>
        {pending ? "Turning off…" : "Turn off two-factor"}
      </Button>
    </form>
  );
}
