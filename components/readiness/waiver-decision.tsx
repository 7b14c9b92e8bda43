"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { decideWaiverAction } from "@/lib/readiness/actions";

export function WaiverDecision({ waiverId, label }: { waiverId: string; label: string }) {
  const [state, action, pending] = useActionState(decideWaiverAction, { status: "idle" });
  if (state.status === "success") return <span className="text-xs text-success">{state.message}</span>;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="waiverId" value={waiverId} />
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
        type="submit"
        name="decision"
        value="reject"
        size="sm"
        variant="danger-outline"
        disabled={pending}
        aria-label={`Reject waiver for ${label}`}
      >
        Reject
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="basis-full text-right text-xs text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
