import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { toServiceDto } from "@/lib/catalog/domain";
import { getServiceChecklist } from "@/lib/readiness/server";
import { listServiceReviews } from "@/lib/readiness/server";
import { getServiceBySlug, updateService } from "@/lib/catalog/server";
import { notFound } from "@/lib/core/errors";
import { ZServicePatch } from "@/lib/catalog/schemas";

export const GET = apiRoute({}, async ({ actor, params }) => {
  const service = await getServiceBySlug(actor, params.slug);
  if (!service) throw notFound(`Service "${params.slug}"`);
  const [checklist, reviews] = await Promise.all([
    getServiceChecklist(actor, service.id),
    listServiceReviews(actor, service.id),
  ]);
  const approved = reviews.find((r) => r.status === "approved");
  return json({
    ...toServiceDto(service),
    readiness: checklist
      ? {
          template: checklist.template,
          percent: checklist.progress.overall.percent,
          resolved: checklist.progress.overall.resolved,
          total: checklist.progress.overall.total,
          requiredSatisfied: checklist.progress.required.satisfied,
          requiredTotal: checklist.progress.required.total,
          missingRequired: checklist.progress.required.missing,
        }
      : null,
    review: {
      open: reviews.some((r) => r.status === "requested"),
      lastApprovedAt: approved?.decidedAt?.toISOString() ?? null,
    },
  });
});

const ZPatchBody = ZServicePatch.extend({ archived: z.boolean().optional() }).refine(
  (b) => Object.keys(b).length > 0,
  "send at least one field to change",
);

export const PATCH = apiRoute({ body: ZPatchBody }, async ({ actor, body, params }) => {
  await updateService(params.slug, body, actor!);
  const service = await getServiceBySlug(actor, params.slug);
  return json(toServiceDto(service!));
});
