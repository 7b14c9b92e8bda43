import { z } from "zod";
import { apiRoute, json } from "@/lib/api/handler";
import { toSloDto } from "@/lib/api/slo-dto";
import { evaluate, updateSlo } from "@/lib/data/slos";
import { notFound } from "@/lib/errors";
import { ZSloPatch } from "@/lib/schemas/slo";

const ZId = z.uuid();

export const PATCH = apiRoute({ body: ZSloPatch }, async ({ actor, body, params }) => {
  if (!ZId.safeParse(params.id).success) throw notFound("SLO");
  const slo = await updateSlo(params.id, body, actor!);
  return json(toSloDto(await evaluate(slo, new Date())));
});
