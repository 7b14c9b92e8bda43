import { NextResponse } from "next/server";
import { checkDatabase, checkReplicas, pendingMigrations } from "@/lib/core/db/health";
import { jobsState } from "@/lib/core/jobs";
import { shuttingDown } from "@/lib/core/shutdown";

export const dynamic = "force-dynamic";

type Check = { name: "shutdown" | "database" | "migrations" | "jobs" | "read-replicas"; ok: boolean; detail: string };

// Readiness (Kubernetes readinessProbe): send this replica traffic only when the database answers,
// every migration this build ships is applied, and the job runner has started where it runs. 503
// names the failing check; a replica that received SIGTERM is unready. Read replicas are reported. Liveness stays /api/health.
export async function GET() {
  const checks: Check[] = [];
  if (shuttingDown()) checks.push({ name: "shutdown", ok: false, detail: "this replica is shutting down (SIGTERM)" });
  const db = await checkDatabase();
  checks.push({
    name: "database",
    ok: db.state !== "unavailable",
    detail: db.state === "unavailable" ? "PostgreSQL does not answer" : `${db.state} (${db.latencyMs} ms)`,
  });
  if (db.state !== "unavailable") {
    const pending = await pendingMigrations().catch(() => ["(cannot read _prisma_migrations)"]);
    checks.push({
      name: "migrations",
      ok: pending === null || pending.length === 0,
      detail:
        pending === null
          ? "not checked: this build ships no migrations folder"
          : pending.length
            ? `not applied: ${pending.join(", ")} (run npm run db:deploy)`
            : "all applied",
    });
  }
  const jobsWanted = process.env.SHIPSHAPE_JOBS !== "0";
  const jobs = jobsState();
  checks.push({
    name: "jobs",
    ok: !jobsWanted || jobs === "running",
    detail: jobsWanted ? `job runner ${jobs}` : "off in this process (SHIPSHAPE_JOBS=0)",
  });
  // Read replicas are reported, never failing: a dashboard whose replica does not answer reads the
  // primary instead (lib/core/db/replicas.ts), so a lost replica must not take every pod out.
  const replicas = await checkReplicas();
  if (replicas) {
    const down = replicas.filter((r) => !r.ok);
    checks.push({
      name: "read-replicas",
      ok: true,
      detail:
        replicas.map((r) => `read replica ${r.replica}: ${r.detail}`).join("; ") +
        (down.length ? "; dashboards read from the primary meanwhile" : ""),
    });
  }
  const failing = checks.filter((c) => !c.ok);
  return NextResponse.json(
    failing.length ? { status: "unready", failing: failing.map((c) => c.name), checks } : { status: "ready", checks },
    { status: failing.length ? 503 : 200, headers: { "cache-control": "no-store" } },
  );
}
