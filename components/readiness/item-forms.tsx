"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/core/auth/action";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

type FormAction = (form: FormData) => void;
type Hidden = Record<string, string>;

function HiddenFields({ fields }: { fields: Hidden }) {
  return (
    <>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

const fieldErrors = <T,>(state: ActionState<T>) => (state.status === "error" ? state.fieldErrors : undefined);

export function ItemDetailsForm({
  hidden,
  item,
  action,
  pending,
  state,
}: {
  hidden: Hidden;
  item: { evidenceUrl: string | null; note: string | null; status: string };
  action: FormAction;
  pending: boolean;
  state: ActionState<{ version: number }>;
}) {
  const errors = fieldErrors(state);
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-3 rounded-md border border-border p-3">
      <HiddenFields fields={{ ...hidden, status: "done" }} />
      <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Evidence</p>
      <Field
        label="Evidence URL"
        errors={errors?.evidenceUrl}
        hint="A link that proves it: a doc, dashboard, PR or test run"
      >
        <Input name="evidenceUrl" type="url" defaultValue={item.evidenceUrl ?? ""} placeholder="https://…" />
      </Field>
      <Field label="Note" errors={errors?.note}>
        <Textarea name="note" defaultValue={item.note ?? ""} rows={2} maxLength={2000} />
      </Field>
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Saving…" : item.status === "done" ? "Save evidence" : "Mark done with evidence"}
        </Button>
      </div>
    </form>
  );
}

export function NotApplicableForm({
  hidden,
  action,
  pending,
  state,
}: {
  hidden: Hidden;
  action: FormAction;
  pending: boolean;
  state: ActionState<{ version: number }>;
}) {
  const errors = fieldErrors(state);
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-3 rounded-md border border-border p-3">
      <HiddenFields fields={{ ...hidden, status: "not_applicable" }} />
      <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Does not apply?</p>
      <Field label="Reason" errors={errors?.reason}>
        <Textarea
          name="reason"
          rows={2}
          required
          maxLength={500}
          placeholder="Why this does not apply to the service"
        />
      </Field>
      <div>
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Mark not applicable"}
        </Button>
      </div>
    </form>
  );
}

function inDays(days: number): string {
  return isoDate(new Date(Date.now() + days * DAY_MS));
}

export function WaiverRequestForm({
  slug,
  itemKey,
  action,
  pending,
  state,
}: {
  slug: string;
  itemKey: string;
  action: FormAction;
  pending: boolean;
  state: ActionState<undefined>;
}) {
  const errors = fieldErrors(state);
  if (state.status === "success")
    return <p className="rounded-md border border-border p-3 text-sm text-success-ink">{state.message}</p>;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-3 rounded-md border border-border p-3">
      <HiddenFields fields={{ slug, itemKey }} />
      <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Need more time? Request a waiver
      </p>
      <Field label="Justification" errors={errors?.justification}>
        <Textarea
          name="justification"
          rows={2}
          required
          minLength={10}
          maxLength={2000}
          placeholder="Why, what compensates in the meantime, and when it will be done"
        />
      </Field>
      <Field label="Waiver expires on" errors={errors?.expiresAt} hint="The item is open again after this date">
        <Input name="expiresAt" type="date" required defaultValue={inDays(30)} min={inDays(1)} max={inDays(365)} />
      </Field>
      {state.status === "error" && !errors ? <p className="text-xs text-danger-ink">{state.message}</p> : null}
      <div>
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {pending ? "Requesting…" : "Request waiver"}
        </Button>
      </div>
    </form>
  );
}
