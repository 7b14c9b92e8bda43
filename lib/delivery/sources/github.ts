// GitHub `deployment_status` webhooks → deployments. Pure: signature check, body decoding and
// payload mapping.
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { repositoryKeyOf } from "@/lib/core/repository-key";
import { hmacSha256Hex, safeEqualHex } from "./hmac";
import type { TDeploymentInput } from "@/lib/delivery/schemas";

/** X-Hub-Signature-256: "sha256=" + HMAC-SHA256(secret, raw body), compared in constant time. */
export function verifyGithubSignature(secret: string, rawBody: Buffer | string, header: string | null): boolean {
  if (!header?.startsWith("sha256=")) return false;
  return safeEqualHex(header.slice("sha256=".length), hmacSha256Hex(secret, rawBody));
}

/**
 * The delivery's JSON, in either content type GitHub offers: `application/json`, or
 * `application/x-www-form-urlencoded` (the webhook's default) with the JSON in `payload=`. The
 * signature was checked over the raw bytes before this.
 */
export function decodeGithubBody(raw: Buffer, contentType: string | null): unknown {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  let text: string;
  if (type === "application/x-www-form-urlencoded") {
    const payload = new URLSearchParams(raw.toString("utf8")).get("payload");
    if (payload === null)
      throw new AppError("validation_failed", "A form-encoded GitHub delivery carries its JSON in a payload= field", [
        { path: "payload", message: "is required" },
      ]);
    text = payload;
  } else if (type === "application/json" || type === "") {
    text = raw.toString("utf8");
  } else {
    throw new AppError(
      "unsupported_media_type",
      `Content-Type must be application/json or application/x-www-form-urlencoded, not ${type}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError("bad_json", `The GitHub payload is not valid JSON: ${(error as Error).message}`);
  }
}

/** The repository's host, from its html_url (github.com or a GitHub Enterprise Server's). */
function hostOf(htmlUrl: string | undefined): string {
  if (!htmlUrl) return "github.com";
  try {
    return new URL(htmlUrl).hostname || "github.com";
  } catch {
    return "github.com";
  }
}

const ZDeploymentStatusEvent = z.object({
  deployment_status: z.object({ state: z.string(), created_at: z.string(), updated_at: z.string().optional() }),
  deployment: z.object({
    id: z.union([z.number(), z.string()]),
    sha: z.string().optional(),
    environment: z.string(),
    created_at: z.string(),
  }),
  repository: z.object({ full_name: z.string(), html_url: z.string().optional() }),
});

const FINAL_STATES: Record<string, TDeploymentInput["status"]> = {
  success: "success",
  failure: "failure",
  error: "error",
};

export type GithubMapping =
  | { kind: "deployment"; repo: string; deployment: Omit<TDeploymentInput, "service"> }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; reason: string };

export function mapGithubEvent(event: string | null, payload: unknown): GithubMapping {
  if (event === "ping") return { kind: "ignored", reason: "ping" };
  if (event !== "deployment_status") return { kind: "ignored", reason: `event ${event ?? "(none)"} is not used` };
  const parsed = ZDeploymentStatusEvent.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a deployment_status payload" };
  const { deployment_status: status, deployment, repository } = parsed.data;
  const final = FINAL_STATES[status.state.toLowerCase()];
  if (!final) return { kind: "ignored", reason: `state ${status.state} is not final` };
  return {
    kind: "deployment",
    // Matched by host and path: a GitHub Enterprise repository is not github.com's namesake.
    repo: repositoryKeyOf(hostOf(repository.html_url), repository.full_name),
    deployment: {
      externalId: `gh-${deployment.id}`,
      environment: deployment.environment.toLowerCase(),
      status: final,
      startedAt: new Date(deployment.created_at).toISOString(),
      finishedAt: new Date(status.created_at).toISOString(),
      // GitHub sends the deployed sha without its authored date; lead time needs the API or CSV for that.
      commits: deployment.sha ? [{ sha: deployment.sha, authoredAt: null }] : [],
    },
  };
}
