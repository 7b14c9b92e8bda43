import { apiRoute, json } from "@/lib/core/api/route";
import { toSloDto } from "@/lib/slo/domain";
import { createSlo, evaluateWritten } from "@/lib/slo/server";
import { ZSloInput } from "@/lib/slo/schemas";

export const POST = apiRoute({ body: ZSloInput }, async ({ actor, body }) => {
  const slo = await createSlo(body, actor!);
  return json(toSloDto(await evaluateWritten(slo, new Date())), 201);
});
