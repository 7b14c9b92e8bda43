"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { decideExemptionAction, requestExemptionAction, revokeExemptionAction } from "@/lib/scorecards/actions";

/** Approve, or reject with a reason (asked for before the rejection is sent). */
export function ExemptionDecision({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(decideExemptionAction, { status: "idle" });
  const [rejecting, setRejecting] = useState(false);
  if (state.status === "success") return <span className="text-xs text-success-ink">{state.message}</span>;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 justify-items-end gap-2">
      <input type="hidden" name="id" value={id} />
      {rejecting ? (
        <>
          <label className="sr-only" htmlFor={`reason-${id}`}>
            Reason for rejecting the exemption for {label}
          </label>
          <Textarea
            id={`reason-${id}`}
            name="note"
            required
            minLength={3}
            maxLength={2000}
            rows={2}
            placeholder="Why not? The team sees this."
            className="w-64 text-sm"
          />
          <div className="flex gap-2">
            <Button type="button" size="sm" variant="ghost" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button type="submit" name="decision" value="reject" size="sm" variant="danger-outline" disabled={pending}>
              Reject
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            type="submit"
            name="decision"
            value="approve"
            size="sm"
            disabled={pending}
            aria-label={`Approve exemption for ${label}`}
          >
            Approve
          </Button>
          <Button
            type="button"
            size="sm"
            variant="danger-outline"
            onClick={() => setRejecting(true)}
            aria-label={`Reject exemption for ${label}`}
          >
            Reject…
          </Button>
        </div>
      )}
      {state.status === "error" ? (
        <span role="alert" className="text-right text-xs text-danger-ink">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

export function RevokeExemption({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(revokeExemptionAction, { status: "idle" });
  if (state.status === "success") return <span className="text-xs text-success-ink">{state.message}</span>;
  return (
    <form
      onSubmit={(e) => {
        if (!window.confirm(`Revoke the exemption for ${label}? The rule is judged again at once.`)) e.preventDefault();
        else keepValuesOnSubmit(action)(e);
      }}
      className="flex justify-end"
    >
      <input type="hidden" name="id" value={id} />
      <Button type="submit" size="sm" variant="ghost" disabled={pending} aria-label={`Revoke exemption for ${label}`}>
        Revoke
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="text-xs text-danger-ink">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/** On a service's Scorecard tab: ask for one failing rule to be waived until a date. */
export function RequestExemptionForm({
  service,
  scorecard,
  rules,
  defaultExpiry,
}: {
  service: string;
  scorecard: string;
  rules: Array<{ key: string; name: string }>;
  /** YYYY-MM-DD, a month from today. */
  defaultExpiry: string;
}) {
  const [state, action, pending] = useActionState(requestExemptionAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form
      onSubmit={keepValuesOnSubmit(action)}
      className="grid grid-cols-1 gap-3"
      aria-label="Request a rule exemption"
    >
      <input type="hidden" name="service" value={service} />
      <input type="hidden" name="scorecard" value={scorecard} />
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <Field label="Rule" errors={errors?.rule}>
        <Select name="rule" required>
          {rules.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Justification" errors={errors?.justification} hint="Why, and what you will do before it expires">
        <Textarea name="justification" required minLength={10} maxLength={2000} rows={2} />
      </Field>
      <Field label="Expires" errors={errors?.expiresAt} hint="At most a year from today">
        <Input name="expiresAt" type="date" required defaultValue={defaultExpiry} />
      </Field>
      <div>
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          {pending ? "Requesting…" : "Request exemption"}
        </Button>
      </div>
    </form>
  );
}
