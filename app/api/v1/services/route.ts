import { apiRoute, json } from "@/lib/api/handler";
import { toServiceDto } from "@/lib/api/dto";
import { can, denialReason } from "@/lib/auth/permissions";
import { createService, getServiceBySlug, listServices, ZServiceListQuery } from "@/lib/data/services";
import { forbidden } from "@/lib/errors";
import { ZServiceInput } from "@/lib/schemas/catalog";

export const GET = apiRoute({ query: ZServiceListQuery }, async ({ actor, query }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read the catalog"));
  const result = await listServices(query);
  const res = json(result.rows.map(toServiceDto));
  res.headers.set("x-total-count", String(result.total));
  return res;
});

export const POST = apiRoute({ body: ZServiceInput }, async ({ actor, body }) => {
  const created = await createService(body, actor!);
  const service = await getServiceBySlug(created.slug);
  return json(toServiceDto(service!), 201);
});
