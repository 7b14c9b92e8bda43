import { CheckCircle2, Clock, MessageSquareWarning } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { listServiceReviews } from "@/lib/readiness/server";
import { formatDate } from "@/lib/core/format";
import { RequestReviewForm } from "./request-review-form";

type Reviews = Awaited<ReturnType<typeof listServiceReviews>>;

const STATUS = {
  requested: { tone: "neutral", label: "waiting for review", icon: Clock },
  approved: { tone: "success", label: "approved", icon: CheckCircle2 },
  changes_requested: { tone: "warning", label: "changes requested", icon: MessageSquareWarning },
  cancelled: { tone: "neutral", label: "cancelled", icon: Clock },
} as const;

export function ReviewPanel({
  reviews,
  slug,
  canRequest,
  isPlatform,
  openRequired = [],
}: {
  reviews: Reviews;
  slug: string;
  canRequest: boolean;
  isPlatform: boolean;
  /** Required items still open: asking for a review with them warns, and lists them. */
  openRequired?: Array<{ key: string; title: string }>;
}) {
  const approved = reviews.find((r) => r.status === "approved");
  const open = reviews.find((r) => r.status === "requested");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Platform review</CardTitle>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4 text-sm">
        <p data-testid="last-approved">
          {approved?.decidedAt ? (
            <>
              <CheckCircle2 className="mr-1 inline size-4 text-success-ink" aria-hidden />
              Approved on <strong>{formatDate(approved.decidedAt)}</strong> by {approved.decidedBy}
            </>
          ) : (
            <span className="text-muted-foreground">Never approved yet.</span>
          )}
        </p>
        {open ? (
          <p className="rounded-md bg-muted px-3 py-2">
            Review requested {formatDate(open.createdAt)} by {open.requestedBy}.{" "}
            {isPlatform ? (
              <Link href={`/reviews/${open.id}`} className="font-medium text-primary hover:underline">
                Open the review
              </Link>
            ) : (
              "Waiting for the platform team."
            )}
          </p>
        ) : canRequest ? (
          <RequestReviewForm slug={slug} openRequired={openRequired} />
        ) : null}
        {reviews.length ? (
          <ol className="grid grid-cols-1 gap-3 border-t border-border pt-3" aria-label="Review history">
            {reviews.map((r) => {
              const s = STATUS[r.status];
              return (
                <li key={r.id} className="grid grid-cols-1 gap-1">
                  <div className="flex items-center justify-between gap-2">
                    <Link href={`/reviews/${r.id}`} className="font-medium hover:underline">
                      {formatDate(r.createdAt)}
                    </Link>
                    <Badge tone={s.tone}>{s.label}</Badge>
                  </div>
                  {r.comments.map((c) => (
                    <p key={c.id} className="text-xs text-muted-foreground">
                      <span className="font-medium text-foreground">{c.author}:</span> {c.body}
                    </p>
                  ))}
                </li>
              );
            })}
          </ol>
        ) : null}
      </CardContent>
    </Card>
  );
}
