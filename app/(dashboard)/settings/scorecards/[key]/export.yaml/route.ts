import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { exportScorecardYaml } from "@/lib/scorecards/server";
import { isAppError } from "@/lib/core/errors";
import { ZSlug } from "@/lib/core/schemas";

export async function GET(_req: Request, { params }: { params: Promise<{ key: string }> }) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const key = ZSlug.safeParse((await params).key);
  if (!key.success) return new Response("Unknown scorecard", { status: 404 });
  try {
    const yaml = await exportScorecardYaml(key.data);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${key.data}.yaml"` } });
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: error.status });
    throw error;
  }
}
