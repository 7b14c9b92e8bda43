import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { decideReview } from "@/lib/readiness/server";
import { ZReviewDecision } from "@/lib/readiness/schemas";

export const POST = apiRoute({ body: ZReviewDecision, params: ZIdParams }, async ({ actor, body, params }) => {
  const review = await decideReview({ reviewId: params.id, decision: body.decision, comment: body.comment }, actor!);
  return json({ id: review.id, status: review.status });
});
