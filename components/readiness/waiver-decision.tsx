"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { decideWaiverAction } from "@/lib/readiness/actions";

/** Approve at once; rejecting first asks for the reason the requester will read. */
export function WaiverDecision({ waiverId, label }: { waiverId: string; label: string }) {
  const [state, action, pending] = useActionState(decideWaiverAction, { status: "idle" });
  const [rejecting, setRejecting] = useState(false);
  if (state.status === "success") return <span className="text-xs text-success-ink">{state.message}</span>;
  const noteError = state.status === "error" ? state.fieldErrors?.note?.[0] : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="waiverId" value={waiverId} />
      {rejecting ? (
        <>
          <label htmlFor={`reason-${waiverId}`} className="sr-only">
            Why is the waiver for {label} rejected?
          </label>
          <Textarea
            id={`reason-${waiverId}`}
            name="note"
            required
            minLength={3}
            rows={2}
            autoFocus
            placeholder="Why is it rejected? The team reads this."
            aria-invalid={noteError ? true : undefined}
            className="basis-full text-sm"
          />
          <Button type="button" size="sm" variant="ghost" onClick={() => setRejecting(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" name="decision" value="reject" size="sm" variant="danger" disabled={pending}>
            Reject waiver
          </Button>
        </>
      ) : (
        <>
          <Button
            type="submit"
            name="decision"
            value="approve"
            size="sm"
            disabled={pending}
            aria-label={`Approve waiver for ${label}`}
          >
            Approve
          </Button>
          <Button
            type="button"
            size="sm"
            variant="danger-outline"
            disabled={pending}
            aria-label={`Reject waiver for ${label}`}
            onClick={() => setRejecting(true)}
          >
            Reject…
          </Button>
        </>
      )}
      {state.status === "error" ? (
        <span role="alert" className="basis-full text-right text-xs text-danger-ink">
          {noteError ?? state.message}
        </span>
      ) : null}
    </form>
  );
}
