import { apiRoute, json } from "@/lib/core/api/route";
import { can, denialReason } from "@/lib/core/auth/permissions";
import { importTemplate, listTemplates } from "@/lib/readiness/server";
import { forbidden } from "@/lib/core/errors";

export const GET = apiRoute({}, async ({ actor }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read templates"));
  return json((await listTemplates()).map((t) => ({ ...t, updatedAt: t.updatedAt.toISOString() })));
});

// A YAML template: a new version when its content differs from the latest one, else 200 unchanged.
export const POST = apiRoute({ bodyFormat: "yaml" }, async ({ actor, rawBody }) => {
  if (!can(actor, "template.manage")) throw forbidden(denialReason(actor, "import checklist templates"));
  const result = await importTemplate(rawBody.toString("utf8"), actor!);
  return json(result, result.action === "created" ? 201 : 200);
});
