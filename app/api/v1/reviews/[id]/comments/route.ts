import { apiRoute, json } from "@/lib/api/handler";
import { commentOnReview } from "@/lib/data/reviews";
import { ZReviewComment } from "@/lib/schemas/readiness";

export const POST = apiRoute({ body: ZReviewComment }, async ({ actor, body, params }) => {
  const comment = await commentOnReview({ reviewId: params.id, body: body.body }, actor!);
  return json({ id: comment.id, createdAt: comment.createdAt.toISOString() }, 201);
});
