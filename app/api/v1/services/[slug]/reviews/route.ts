import { apiRoute, json } from "@/lib/core/api/route";
import { listServiceReviews, requestReview } from "@/lib/readiness/server";
import { getServiceBySlug } from "@/lib/catalog/server";
import { notFound } from "@/lib/core/errors";
import { ZReviewRequest } from "@/lib/readiness/schemas";

export const GET = apiRoute({}, async ({ actor, params }) => {
  const service = await getServiceBySlug(actor, params.slug);
  if (!service) throw notFound(`Service "${params.slug}"`);
  return json(await listServiceReviews(actor, service.id));
});

export const POST = apiRoute({ body: ZReviewRequest }, async ({ actor, body, params }) => {
  const review = await requestReview({ serviceSlug: params.slug, note: body.note }, actor!);
  return json({ id: review.id, status: review.status, createdAt: review.createdAt.toISOString() }, 201);
});
