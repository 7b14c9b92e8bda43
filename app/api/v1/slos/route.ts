import { apiRoute, json } from "@/lib/api/handler";
import { toSloDto } from "@/lib/api/slo-dto";
import { createSlo, evaluate } from "@/lib/data/slos";
import { ZSloInput } from "@/lib/schemas/slo";

export const POST = apiRoute({ body: ZSloInput }, async ({ actor, body }) => {
  const slo = await createSlo(body, actor!);
  return json(toSloDto(await evaluate(slo, new Date())), 201);
});
