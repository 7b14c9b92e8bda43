"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { requestReviewAction } from "@/lib/readiness/actions";

export function RequestReviewForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(requestReviewAction, { status: "idle" });
  if (state.status === "success") return <p className="text-success">{state.message}</p>;
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor="review-note" className="text-xs text-muted-foreground">
        Ready for sign-off? Ask the platform team to review.
      </label>
      <Textarea
        id="review-note"
        name="note"
        rows={2}
        placeholder="Anything reviewers should know (optional)"
        maxLength={2000}
      />
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-danger">
          {state.message}
        </p>
      ) : null}
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Requesting…" : "Request review"}
        </Button>
      </div>
    </form>
  );
}
