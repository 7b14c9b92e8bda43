"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { createTokenAction } from "@/lib/access/actions";

const SCOPE_HELP = {
  read: "read everything",
  ingest: "send deployments, incidents, SLIs",
  admin: "manage catalog and settings",
} as const;

/** The new token, shown once: copy it, and a first call to try it with. */
function NewToken({ message, token }: { message: string; token: string }) {
  const origin = typeof window === "undefined" ? "https://shipshape.example.com" : window.location.origin;
  const snippet = `curl -sS -H "Authorization: Bearer ${token}" ${origin}/api/v1/teams`;
  return (
    <Alert tone="success" title={message}>
      <div className="mt-1 flex items-center gap-1">
        <code
          data-testid="new-token"
          className="block min-w-0 flex-1 rounded bg-card px-2 py-1 font-mono text-xs break-all text-foreground"
        >
          {token}
        </code>
        <CopyButton value={token} label="the token" />
      </div>
      <p className="mt-2 text-xs">It is not shown again. Try it:</p>
      <div className="mt-1 flex items-start gap-1">
        <pre
          tabIndex={0}
          data-testid="new-token-snippet"
          className="min-w-0 flex-1 overflow-x-auto rounded bg-card px-2 py-1 font-mono text-xs text-foreground"
        >
          {snippet}
        </pre>
        <CopyButton value={snippet} label="the command" />
      </div>
      <p className="mt-1 text-xs">
        From CI: set <code className="font-mono">SHIPSHAPE_URL={origin}</code> and{" "}
        <code className="font-mono">SHIPSHAPE_TOKEN</code>, then{" "}
        <code className="font-mono">npm run cli -- gate SERVICE</code>.
      </p>
    </Alert>
  );
}

export function CreateTokenForm({ teams }: { teams: Array<{ slug: string; name: string }> }) {
  const [state, action, pending] = useActionState(createTokenAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      {state.status === "success" && state.data?.token ? (
        <NewToken message={state.message ?? "Token created."} token={state.data.token} />
      ) : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Name" errors={errors?.name} hint="Where it is used, e.g. github-actions">
          <Input name="name" required maxLength={80} />
        </Field>
        <Field label="Team binding" errors={errors?.team} hint="A bound token writes only that team's services">
          <Select name="team" defaultValue="">
            <option value="">No binding (organisation-wide)</option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset aria-describedby={errors?.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-medium">Scopes</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {(["read", "ingest", "admin"] as const).map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={scope === "read"}
                className="size-4 accent-[var(--primary)]"
              />
              <span className="font-mono">{scope}</span>
              <span className="text-muted-foreground">— {SCOPE_HELP[scope]}</span>
            </label>
          ))}
        </div>
        {errors?.scopes ? (
          <p id="scopes-error" className="mt-1 text-xs text-danger-ink">
            {errors.scopes.join(" · ")}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}
