import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { commentOnReview } from "@/lib/readiness/server";
import { ZReviewComment } from "@/lib/readiness/schemas";

export const POST = apiRoute({ body: ZReviewComment, params: ZIdParams }, async ({ actor, body, params }) => {
  const comment = await commentOnReview({ reviewId: params.id, body: body.body }, actor!);
  return json({ id: comment.id, createdAt: comment.createdAt.toISOString() }, 201);
});
