import { apiRoute, json } from "@/lib/core/api/route";
import { getServiceChecklist } from "@/lib/readiness/server";
import { getServiceBySlug } from "@/lib/catalog/server";
import { notFound } from "@/lib/core/errors";

export const GET = apiRoute({}, async ({ actor, params }) => {
  const service = await getServiceBySlug(actor, params.slug);
  if (!service) throw notFound(`Service "${params.slug}"`);
  const checklist = await getServiceChecklist(actor, service.id);
  if (!checklist) throw notFound("Checklist (no template for this service type)");
  return json({
    service: service.slug,
    template: checklist.template,
    tier: checklist.tier,
    progress: {
      overall: checklist.progress.overall,
      byCategory: checklist.progress.byCategory,
      required: checklist.progress.required,
    },
    categories: checklist.categories.map((c) => ({
      key: c.key,
      name: c.name,
      items: c.items.map((i) => ({
        key: i.key,
        title: i.title,
        required: i.required,
        requiredForTiers: i.requiredForTiers,
        weight: i.weight,
        status: i.status,
        waiverExpired: i.waiverExpired,
        waivedUntil: i.waivedUntil?.toISOString() ?? null,
        version: i.version,
        evidenceUrl: i.evidenceUrl,
        note: i.note,
        reason: i.naReason,
        updatedAt: i.updatedAt?.toISOString() ?? null,
        updatedBy: i.updatedBy,
      })),
    })),
  });
});
