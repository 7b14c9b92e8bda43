"use client";

import type { TScorecardScope } from "@/lib/scorecards/domain";
import { LIFECYCLES, SERVICE_TYPES } from "@/lib/catalog/schemas";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { createScorecardAction, updateScorecardSettingsAction } from "@/lib/scorecards/actions";

export function CreateScorecardForm() {
  const [state, action, pending] = useActionState(createScorecardAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Name" errors={errors?.name} hint="e.g. Security baseline">
          <Input name="name" required maxLength={120} />
        </Field>
        <Field label="Key" errors={errors?.key} hint="lower-case, e.g. security-baseline">
          <Input name="key" required pattern="[a-z0-9]+(-[a-z0-9]+)*" className="font-mono" />
        </Field>
      </div>
      <Field label="Description" errors={errors?.description}>
        <Input name="description" maxLength={4000} />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create scorecard"}
        </Button>
      </div>
    </form>
  );
}

function ScopeBoxes({
  legend,
  name,
  options,
  checked,
}: {
  legend: string;
  name: string;
  options: string[];
  checked: string[];
}) {
  return (
    <fieldset className="grid grid-cols-1 gap-1">
      <legend className="text-xs font-medium text-muted-foreground">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={o}
              defaultChecked={checked.includes(o)}
              className="size-4 rounded border-input"
            />
            {name === "tiers" ? `Tier ${o}` : o}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ScorecardSettingsForm({
  scorecard,
}: {
  scorecard: {
    key: string;
    name: string;
    description: string | null;
    enabled: boolean;
    isDefault: boolean;
    scope: TScorecardScope;
  };
}) {
  const [state, action, pending] = useActionState(updateScorecardSettingsAction, { status: "idle" });
  const scope = scorecard.scope;
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      <input type="hidden" name="scorecard" value={scorecard.key} />
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      <Field label="Name" errors={errors?.name}>
        <Input name="name" required maxLength={120} defaultValue={scorecard.name} />
      </Field>
      <Field label="Description" errors={errors?.description}>
        <Input name="description" maxLength={4000} defaultValue={scorecard.description ?? ""} />
      </Field>
      <div className="flex flex-wrap gap-6">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={scorecard.enabled}
            className="size-4 rounded border-input"
          />
          Enabled
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="isDefault"
            defaultChecked={scorecard.isDefault}
            className="size-4 rounded border-input"
          />
          Default (decides service levels, the gate and initiatives)
        </label>
      </div>
      <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">Applies to</legend>
        <p className="text-xs text-muted-foreground">
          Leave a part empty to include every value. Services outside the scope have no level on this scorecard, and
          team roll-ups leave them out.
        </p>
        <ScopeBoxes legend="Tiers" name="tiers" options={["1", "2", "3"]} checked={(scope.tiers ?? []).map(String)} />
        <ScopeBoxes legend="Types" name="types" options={[...SERVICE_TYPES]} checked={scope.types ?? []} />
        <ScopeBoxes legend="Lifecycles" name="lifecycles" options={[...LIFECYCLES]} checked={scope.lifecycles ?? []} />
        <Field label="Teams" errors={errors?.teams} hint="Team slugs, comma-separated">
          <Input name="teams" defaultValue={(scope.teams ?? []).join(", ")} placeholder="payments, checkout" />
        </Field>
        <Field label="Tags" errors={errors?.tags} hint='Every one must match: "pci" or "language:go", comma-separated'>
          <Input name="tags" defaultValue={(scope.tags ?? []).join(", ")} placeholder="pci, language:go" />
        </Field>
      </fieldset>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
