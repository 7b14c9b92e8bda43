"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { createInitiativeAction } from "@/lib/scorecards/actions";

type Props = {
  teams: Array<{ id: string; name: string }>;
  rules: Array<{ key: string; name: string; level: string }>;
  users: Array<{ id: string; label: string }>;
  defaultOwner: string;
  defaultDate: string;
};

export function InitiativeForm({ teams, rules, users, defaultOwner, defaultDate }: Props) {
  const [state, action, pending] = useActionState(createInitiativeAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-5">
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="Name" errors={errors?.name} hint="e.g. Tier-1 services to Silver by Q1">
          <Input name="name" required minLength={3} maxLength={120} />
        </Field>
        <Field label="Owner" errors={errors?.ownerId}>
          <Select name="ownerId" defaultValue={defaultOwner}>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Why it matters" errors={errors?.description} hint="Shown on the initiative page">
        <Textarea name="description" rows={2} maxLength={4000} />
      </Field>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="Target level" errors={errors?.targetLevel} hint="Services must reach at least this level">
          <Select name="targetLevel" defaultValue="silver">
            <option value="">No level (rules only)</option>
            <option value="bronze">Bronze</option>
            <option value="silver">Silver</option>
            <option value="gold">Gold</option>
          </Select>
        </Field>
        <Field label="Target date" errors={errors?.targetDate}>
          <Input name="targetDate" type="date" required defaultValue={defaultDate} />
        </Field>
      </div>
      <fieldset className="grid grid-cols-1 gap-2">
        <legend className="mb-1 text-sm font-medium">Rules that must pass (optional)</legend>
        <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">
          {rules.map((r) => (
            <label key={r.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="ruleKeys" value={r.key} className="size-4 rounded border-input" />
              <span>{r.name}</span>
              <span className="text-xs text-muted-foreground">{r.level}</span>
            </label>
          ))}
        </div>
        {errors?.ruleKeys ? <p className="text-xs text-danger-ink">{errors.ruleKeys.join(" · ")}</p> : null}
      </fieldset>
      <fieldset className="grid grid-cols-1 gap-2">
        <legend className="mb-1 text-sm font-medium">Teams in scope</legend>
        <p className="text-xs text-muted-foreground">
          All their active services count. Leave teams and services empty to include the whole organisation.
        </p>
        <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-3">
          {teams.map((t) => (
            <label key={t.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="teamIds" value={t.id} className="size-4 rounded border-input" />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label="More services (slugs)"
        errors={errors?.services}
        hint="Comma- or space-separated, e.g. search-api, indexer"
      >
        <Input name="services" />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create initiative"}
        </Button>
      </div>
    </form>
  );
}
