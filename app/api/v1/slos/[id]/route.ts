import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { toSloDto } from "@/lib/slo/domain";
import { evaluateWritten, updateSlo } from "@/lib/slo/server";
import { ZSloPatch } from "@/lib/slo/schemas";

export const PATCH = apiRoute({ body: ZSloPatch, params: ZIdParams }, async ({ actor, body, params }) => {
  const slo = await updateSlo(params.id, body, actor!);
  return json(toSloDto(await evaluateWritten(slo, new Date())));
});
