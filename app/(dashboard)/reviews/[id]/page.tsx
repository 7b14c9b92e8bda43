import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TierBadge } from "@/components/catalog/tier-badge";
import { ReadinessSummary } from "@/components/readiness/readiness-summary";
import { ReviewCommentForm } from "@/components/readiness/review-comment-form";
import { ReviewDecisionForm } from "@/components/readiness/review-decision-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceChecklist } from "@/lib/readiness/server";
import { getReview, listServiceReviews } from "@/lib/readiness/server";
import { isUuid } from "@/lib/core/schemas";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const review = isUuid(id) ? await getReview(user, id) : null;
  if (!review) notFound();
  const [checklist, history] = await Promise.all([
    getServiceChecklist(user, review.serviceId),
    listServiceReviews(user, review.serviceId),
  ]);
  const thisReview = history.find((r) => r.id === review.id)!;
  const missing = checklist
    ? checklist.categories.flatMap((c) => c.items.filter((i) => checklist.progress.required.missing.includes(i.key)))
    : [];
  const waived = checklist ? checklist.categories.flatMap((c) => c.items.filter((i) => i.status === "waived")) : [];
  const canDecide = can(user, "review.decide") && review.status === "requested";
  const canComment = can(user, "review.decide") || can(user, "review.request", { teamId: review.service.teamId });
  return (
    <>
      <PageHeader
        title={`Readiness review: ${review.service.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {review.service.team.name} <TierBadge tier={review.service.tier} /> · requested{" "}
            {formatDate(review.createdAt)} by {thisReview.requestedBy}
            <Badge
              tone={
                review.status === "approved" ? "success" : review.status === "changes_requested" ? "warning" : "neutral"
              }
            >
              {review.status.replace("_", " ")}
            </Badge>
          </span>
        }
        actions={
          <Link href={`/services/${review.service.slug}`} className="text-sm font-medium text-primary hover:underline">
            Open the service checklist →
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[1fr_24rem]">
        <div className="grid grid-cols-1 content-start gap-6">
          {checklist ? <ReadinessSummary checklist={checklist} slug={review.service.slug} canEdit={false} /> : null}
          <Card>
            <CardHeader>
              <CardTitle>Missing required items ({missing.length})</CardTitle>
            </CardHeader>
            <CardContent>
              {missing.length === 0 ? (
                <p className="text-sm text-success-ink">
                  Every item required for tier {review.service.tier} is done or waived.
                </p>
              ) : (
                <ul className="grid grid-cols-1 gap-1.5 text-sm" data-testid="missing-required">
                  {missing.map((i) => (
                    <li key={i.key} className="flex items-center justify-between gap-2">
                      <Link href={`/services/${review.service.slug}#item-${i.key}`} className="hover:underline">
                        {i.title}
                      </Link>
                      {i.waiverExpired ? (
                        <Badge tone="danger">waiver expired</Badge>
                      ) : i.pendingWaiver ? (
                        <Badge>waiver requested</Badge>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Active waivers ({waived.length})</CardTitle>
            </CardHeader>
            <CardContent>
              {waived.length === 0 ? (
                <p className="text-sm text-muted-foreground">None.</p>
              ) : (
                <ul className="grid grid-cols-1 gap-1.5 text-sm">
                  {waived.map((i) => (
                    <li key={i.key} className="flex justify-between gap-2">
                      <span>{i.title}</span>
                      <span className="text-muted-foreground">
                        until {i.waivedUntil ? formatDate(i.waivedUntil) : "—"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
        <div className="grid grid-cols-1 content-start gap-6">
          {canDecide ? (
            <Card>
              <CardHeader>
                <CardTitle>Decision</CardTitle>
              </CardHeader>
              <CardContent>
                <ReviewDecisionForm reviewId={review.id} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Conversation</CardTitle>
            </CardHeader>
            <CardContent className="grid grid-cols-1 gap-3 text-sm">
              {thisReview.requestNote ? (
                <p>
                  <span className="font-medium">{thisReview.requestedBy}:</span> {thisReview.requestNote}
                </p>
              ) : null}
              {thisReview.comments.map((c) => (
                <p key={c.id}>
                  <span className="font-medium">{c.author}</span>{" "}
                  <span className="text-xs text-muted-foreground">{formatDate(c.createdAt)}</span>
                  <br />
                  {c.body}
                </p>
              ))}
              {thisReview.decidedAt && thisReview.status !== "requested" ? (
                <p
                  data-testid="review-decision-entry"
                  className={
                    thisReview.status === "approved"
                      ? "rounded-md border border-success/30 bg-success-soft px-3 py-2 text-success-ink"
                      : "rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-foreground"
                  }
                >
                  <span className="font-medium">{thisReview.decidedBy ?? "The platform team"}</span>{" "}
                  {thisReview.status === "approved" ? "approved the review" : "requested changes"} on{" "}
                  {formatDate(thisReview.decidedAt)}.
                </p>
              ) : null}
              {thisReview.comments.length === 0 && !thisReview.requestNote && !thisReview.decidedAt ? (
                <p className="text-muted-foreground">No comments yet.</p>
              ) : null}
              {canComment ? <ReviewCommentForm reviewId={review.id} /> : null}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
