import { apiRoute, json } from "@/lib/core/api/route";
import { toServiceDto } from "@/lib/catalog/domain";
import { createService, getServiceBySlug, listServices, ZServiceListQuery } from "@/lib/catalog/server";

import { ZServiceInput } from "@/lib/catalog/schemas";

export const GET = apiRoute({ query: ZServiceListQuery }, async ({ actor, query }) => {
  const result = await listServices(actor, query);
  const res = json(result.rows.map(toServiceDto));
  res.headers.set("x-total-count", String(result.total));
  return res;
});

export const POST = apiRoute({ body: ZServiceInput }, async ({ actor, body }) => {
  const created = await createService(body, actor!);
  const service = await getServiceBySlug(actor, created.slug);
  return json(toServiceDto(service!), 201);
});
