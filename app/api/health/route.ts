import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { checkDatabase } from "@/lib/core/db/health";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ probe: z.enum(["liveness"]).optional() });

// Public and cheap: load balancers and `docker compose` poll it. It recovers by itself when Postgres
// returns. A slow database is still up: 200 with "degraded" and the ping's latency, so an operator
// sees it before users time out; no answer within the timeout is 503.
// `?probe=liveness` answers for the process alone (Kubernetes' livenessProbe): a database outage must
// not restart every replica; readiness (/api/ready) takes them out of rotation instead.
export async function GET(req: NextRequest) {
  const headers = { "cache-control": "no-store" };
  const query = ZQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success)
    return NextResponse.json(
      { error: { code: "validation_failed", message: "probe must be `liveness` or absent" } },
      { status: 400, headers },
    );
  if (query.data.probe === "liveness") return NextResponse.json({ status: "ok", scope: "process" }, { headers });
  const db = await checkDatabase();
  if (db.state === "unavailable") return NextResponse.json({ status: "unavailable" }, { status: 503, headers });
  if (db.state === "degraded")
    return NextResponse.json({ status: "degraded", database: { latencyMs: db.latencyMs } }, { status: 200, headers });
  return NextResponse.json({ status: "ok" }, { headers });
}
