"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { commentReviewAction } from "@/lib/readiness/actions";

export function ReviewCommentForm({ reviewId }: { reviewId: string }) {
  const [state, action, pending] = useActionState(commentReviewAction, { status: "idle" });
  return (
    <form action={action} className="grid grid-cols-1 gap-2">
      <input type="hidden" name="reviewId" value={reviewId} />
      <label htmlFor="comment-body" className="sr-only">
        Add a comment
      </label>
      <Textarea id="comment-body" name="body" rows={2} required maxLength={4000} placeholder="Add a comment" />
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-danger-ink">
          {state.message}
        </p>
      ) : null}
      <div>
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {pending ? "Posting…" : "Comment"}
        </Button>
      </div>
    </form>
  );
}
