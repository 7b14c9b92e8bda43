"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SSO_REFUSAL_MESSAGE } from "@/lib/access/domain";

const GENERIC_ERROR = "Invalid email or password.";

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: GENERIC_ERROR,
  AccessDenied: "Your account is not allowed to sign in. Ask a platform admin.",
  SessionRequired: "Please sign in to continue.",
  RateLimited: "Too many failed sign-ins. Wait a few minutes, then try again.",
  ...SSO_REFUSAL_MESSAGE,
};

type Props = { callbackUrl: string; initialError: string | null; providers: Array<{ id: string; name: string }> };

export function LoginForm({ callbackUrl, initialError, providers }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError ? (ERROR_MESSAGES[initialError] ?? "Sign-in failed. Try again.") : null,
  );
  const [pending, setPending] = useState(false);
  // Shown once the server says this account has two-factor on (after a right password).
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
      redirect: false,
      callbackUrl,
    });
    if (!result || result.error) {
      setPending(false);
      if (result?.error === "SecondFactorRequired" || result?.error === "SecondFactorInvalid") {
        setNeedsCode(true);
        setError(
          result.error === "SecondFactorRequired"
            ? null
            : "That code is not right, or was already used. Enter the current code from your app.",
        );
        return;
      }
      setError(result?.status === 429 ? ERROR_MESSAGES.RateLimited : GENERIC_ERROR);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="mt-6 grid grid-cols-1 gap-4">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-4" noValidate>
        <Field label="Email">
          <Input name="email" type="email" autoComplete="username" required autoFocus placeholder="you@company.com" />
        </Field>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        {needsCode ? (
          <Field label="Authentication code" hint="From your authenticator app, or one of your recovery codes.">
            <Input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              autoFocus
              maxLength={40}
              placeholder="123456"
              className="font-mono tracking-widest"
            />
          </Field>
        ) : null}
        <Button type="submit" size="lg" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {providers.length ? (
        <>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
          {providers.map((p) => (
            <Button key={p.id} variant="secondary" size="lg" onClick={() => signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </>
      ) : null}
    </div>
  );
}
