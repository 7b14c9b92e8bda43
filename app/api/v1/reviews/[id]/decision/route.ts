import { apiRoute, json } from "@/lib/api/handler";
import { decideReview } from "@/lib/data/reviews";
import { ZReviewDecision } from "@/lib/schemas/readiness";

export const POST = apiRoute({ body: ZReviewDecision }, async ({ actor, body, params }) => {
  const review = await decideReview({ reviewId: params.id, decision: body.decision, comment: body.comment }, actor!);
  return json({ id: review.id, status: review.status });
});
