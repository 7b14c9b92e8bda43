"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { requestReviewAction } from "@/lib/readiness/actions";

export function RequestReviewForm({
  slug,
  openRequired = [],
}: {
  slug: string;
  openRequired?: Array<{ key: string; title: string }>;
}) {
  const [state, action, pending] = useActionState(requestReviewAction, { status: "idle" });
  if (state.status === "success") return <p className="text-success-ink">{state.message}</p>;
  return (
    <form action={action} className="grid grid-cols-1 gap-2">
      <input type="hidden" name="slug" value={slug} />
      {openRequired.length ? (
        <div
          role="note"
          data-testid="open-required"
          className="rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-xs text-foreground"
        >
          <p className="font-medium">
            {openRequired.length === 1
              ? "1 required item is still open."
              : `${openRequired.length} required items are still open.`}{" "}
            Reviewers will see them; you can still ask.
          </p>
          <ul className="mt-1 list-disc pl-4">
            {openRequired.slice(0, 8).map((i) => (
              <li key={i.key}>
                <a href={`#item-${i.key}`} className="underline underline-offset-2">
                  {i.title}
                </a>
              </li>
            ))}
            {openRequired.length > 8 ? <li>…and {openRequired.length - 8} more</li> : null}
          </ul>
        </div>
      ) : null}
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
        <p role="alert" className="text-xs text-danger-ink">
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
