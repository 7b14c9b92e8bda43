"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { decideReviewAction } from "@/lib/readiness/actions";

export function ReviewDecisionForm({ reviewId }: { reviewId: string }) {
  const [state, action, pending] = useActionState(decideReviewAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-3">
      <input type="hidden" name="reviewId" value={reviewId} />
      {state.status === "error" && !errors?.comment ? <Alert tone="danger">{state.message}</Alert> : null}
      <Field
        label="Decision comment"
        errors={errors?.comment}
        hint="Required when requesting changes: say what must change"
      >
        <Textarea name="comment" rows={4} maxLength={4000} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="request_changes" variant="secondary" disabled={pending}>
          Request changes
        </Button>
      </div>
    </form>
  );
}
