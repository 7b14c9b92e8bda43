"use client";

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
    <form onSubmit={keepValuesOnSubmit(action)} className="grid gap-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
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

export function ScorecardSettingsForm({
  scorecard,
}: {
  scorecard: { key: string; name: string; description: string | null; enabled: boolean; isDefault: boolean };
}) {
  const [state, action, pending] = useActionState(updateScorecardSettingsAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid gap-4">
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
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
