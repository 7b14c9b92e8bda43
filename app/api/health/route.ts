import { NextResponse } from "next/server";
import { pingDatabase } from "@/lib/core/db/health";

export const dynamic = "force-dynamic";

// Public and cheap: load balancers and `docker compose` poll it. It recovers by itself when Postgres returns.
export async function GET() {
  const ok = await pingDatabase();
  return NextResponse.json(
    { status: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
