import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/core/db/health";

export const dynamic = "force-dynamic";

// Public and cheap: load balancers and `docker compose` poll it. It recovers by itself when Postgres
// returns. A slow database is still up: 200 with "degraded" and the ping's latency, so an operator
// sees it before users time out; no answer within the timeout is 503.
export async function GET() {
  const db = await checkDatabase();
  const headers = { "cache-control": "no-store" };
  if (db.state === "unavailable") return NextResponse.json({ status: "unavailable" }, { status: 503, headers });
  if (db.state === "degraded")
    return NextResponse.json({ status: "degraded", database: { latencyMs: db.latencyMs } }, { status: 200, headers });
  return NextResponse.json({ status: "ok" }, { headers });
}
