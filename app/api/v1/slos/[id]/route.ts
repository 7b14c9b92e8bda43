import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { toSloDto } from "@/lib/slo/domain";
import { evaluate, updateSlo } from "@/lib/slo/server";
import { notFound } from "@/lib/core/errors";
import { ZSloPatch } from "@/lib/slo/schemas";

const ZId = z.uuid();

export const PATCH = apiRoute({ body: ZSloPatch }, async ({ actor, body, params }) => {
  if (!ZId.safeParse(params.id).success) throw notFound("SLO");
  const slo = await updateSlo(params.id, body, actor!);
  return json(toSloDto(await evaluate(actor, slo, new Date())));
});
