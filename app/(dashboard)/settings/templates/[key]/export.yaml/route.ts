import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { exportTemplateYaml } from "@/lib/readiness/server";
import { isAppError } from "@/lib/core/errors";
import { ZSlug } from "@/lib/core/schemas";

export async function GET(req: NextRequest, { params }: { params: Promise<{ key: string }> }) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const key = ZSlug.safeParse((await params).key);
  const version = Number(req.nextUrl.searchParams.get("version") ?? "") || undefined;
  if (!key.success) return new Response("Unknown template", { status: 404 });
  try {
    const { version: v, yaml } = await exportTemplateYaml(key.data, version);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${key.data}-v${v}.yaml"` } });
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: error.status });
    throw error;
  }
}
