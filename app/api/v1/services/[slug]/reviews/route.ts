import { apiRoute, json } from "@/lib/api/handler";
import { can, denialReason } from "@/lib/auth/permissions";
import { listServiceReviews, requestReview } from "@/lib/data/reviews";
import { getServiceBySlug } from "@/lib/data/services";
import { forbidden, notFound } from "@/lib/errors";
import { ZReviewRequest } from "@/lib/schemas/readiness";

export const GET = apiRoute({}, async ({ actor, params }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read reviews"));
  const service = await getServiceBySlug(params.slug);
  if (!service) throw notFound(`Service "${params.slug}"`);
  return json(await listServiceReviews(service.id));
});

export const POST = apiRoute({ body: ZReviewRequest }, async ({ actor, body, params }) => {
  const review = await requestReview({ serviceSlug: params.slug, note: body.note }, actor!);
  return json({ id: review.id, status: review.status, createdAt: review.createdAt.toISOString() }, 201);
});
