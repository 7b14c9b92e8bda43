// GitHub `deployment_status` webhooks → deployments. Pure: signature check and payload mapping.
import { z } from "zod";
import { hmacSha256Hex, safeEqualHex } from "./hmac";
import type { TDeploymentInput } from "@/lib/delivery/schemas";

/** X-Hub-Signature-256: "sha256=" + HMAC-SHA256(secret, raw body), compared in constant time. */
export function verifyGithubSignature(secret: string, rawBody: Buffer | string, header: string | null): boolean {
  if (!header?.startsWith("sha256=")) return false;
  return safeEqualHex(header.slice("sha256=".length), hmacSha256Hex(secret, rawBody));
}

const ZDeploymentStatusEvent = z.object({
  deployment_status: z.object({ state: z.string(), created_at: z.string(), updated_at: z.string().optional() }),
  deployment: z.object({
    id: z.union([z.number(), z.string()]),
    sha: z.string().optional(),
    environment: z.string(),
    created_at: z.string(),
  }),
  repository: z.object({ full_name: z.string() }),
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
    repo: repository.full_name.toLowerCase(),
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
