import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { pullNow } from "@/lib/slo/server";

// Reads the source now instead of at the next scheduled run ("send a test"): 200 with what was
// written, or 200 with the error the source gave (it is also kept on the SLO).
export const POST = apiRoute({ params: ZIdParams }, async ({ actor, params }) =>
  json(await pullNow(params.id, actor!)),
);
