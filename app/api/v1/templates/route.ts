import { apiRoute, json } from "@/lib/core/api/route";
import { importTemplate, listTemplates } from "@/lib/readiness/server";

export const GET = apiRoute({}, async ({ actor }) => {
  return json((await listTemplates(actor)).map((t) => ({ ...t, updatedAt: t.updatedAt.toISOString() })));
});

// A YAML template: a new version when its content differs from the latest one, else 200 unchanged.
export const POST = apiRoute({ bodyFormat: "yaml" }, async ({ actor, rawBody }) => {
  const result = await importTemplate(rawBody.toString("utf8"), actor!);
  return json(result, result.action === "created" ? 201 : 200);
});
