"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { createTokenAction } from "@/lib/access/actions";

const SCOPE_HELP = {
  read: "read everything",
  ingest: "send deployments, incidents, SLIs",
  admin: "manage catalog and settings",
} as const;

export function CreateTokenForm({ teams }: { teams: Array<{ slug: string; name: string }> }) {
  const [state, action, pending] = useActionState(createTokenAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid gap-4">
      {state.status === "success" && state.data?.token ? (
        <Alert tone="success" title={state.message}>
          <code
            data-testid="new-token"
            className="mt-1 block rounded bg-card px-2 py-1 font-mono text-xs break-all text-foreground"
          >
            {state.data.token}
          </code>
        </Alert>
      ) : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
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
          <p id="scopes-error" className="mt-1 text-xs text-danger">
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
