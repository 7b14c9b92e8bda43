"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { createWebhookAction } from "@/lib/notifications/actions";
import { EVENT_LABEL, NOTIFICATION_EVENTS } from "@/lib/notifications/domain";

export function WebhookForm({ teams }: { teams: Array<{ id: string; name: string }> }) {
  const [state, action, pending] = useActionState(createWebhookAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Field label="Name" errors={errors?.name} hint="e.g. #payments-alerts">
          <Input name="name" required maxLength={120} />
        </Field>
        <Field label="URL" errors={errors?.url} hint="A Slack incoming webhook, or your own receiver">
          <Input name="url" type="url" required placeholder="https://hooks.slack.com/services/…" />
        </Field>
        <Field label="Team" errors={errors?.teamId} hint="Only this team's events, or all">
          <Select name="teamId" defaultValue="">
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="grid grid-cols-1 gap-1.5">
        <legend className="mb-1 text-sm font-medium">Events</legend>
        <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">
          {NOTIFICATION_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={e} defaultChecked className="size-4 rounded border-input" />
              {EVENT_LABEL[e]} <code className="font-mono text-xs text-muted-foreground">{e}</code>
            </label>
          ))}
        </div>
        {errors?.events ? <p className="text-xs text-danger-ink">{errors.events.join(" · ")}</p> : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}
