import { z } from "zod";
import { apiRoute, json } from "@/lib/api/handler";
import { toServiceDto } from "@/lib/api/dto";
import { can, denialReason } from "@/lib/auth/permissions";
import { getServiceChecklist } from "@/lib/data/checklists";
import { listServiceReviews } from "@/lib/data/reviews";
import { getServiceBySlug, updateService } from "@/lib/data/services";
import { forbidden, notFound } from "@/lib/errors";
import { ZServicePatch } from "@/lib/schemas/catalog";

export const GET = apiRoute({}, async ({ actor, params }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read the catalog"));
  const service = await getServiceBySlug(params.slug);
  if (!service) throw notFound(`Service "${params.slug}"`);
  const [checklist, reviews] = await Promise.all([getServiceChecklist(service.id), listServiceReviews(service.id)]);
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

const ZPatchBody = ZServicePatch.extend({ archived: z.boolean().optional() }).refine((b) => Object.keys(b).length > 0, "send at least one field to change");

export const PATCH = apiRoute({ body: ZPatchBody }, async ({ actor, body, params }) => {
  await updateService(params.slug, body, actor!);
  const service = await getServiceBySlug(params.slug);
  return json(toServiceDto(service!));
});
