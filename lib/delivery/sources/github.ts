// GitHub webhooks: `deployment_status` → deployments, `push` and merged `pull_request` → the
// history that gives them lead time. Pure: signature check, body decoding and payload mapping.
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { repositoryKeyOf } from "@/lib/core/repository-key";
import { hmacSha256Hex, safeEqualHex } from "./hmac";
import { changedPaths, revertMarkers, revertedPullRequest } from "./git-conventions";
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

const ZRepository = z.object({ full_name: z.string(), html_url: z.string().optional() });

const ZDeploymentStatusEvent = z.object({
  deployment_status: z.object({ state: z.string(), created_at: z.string(), updated_at: z.string().optional() }),
  deployment: z.object({
    id: z.union([z.number(), z.string()]),
    sha: z.string().optional(),
    environment: z.string(),
    created_at: z.string(),
    // Free JSON set by whoever created the deployment (a JSON object, or a string holding one).
    payload: z.unknown().optional(),
  }),
  repository: ZRepository,
});

/**
 * The deployment payload's own links (documented for workflows that create deployments):
 * `{"service": "<slug>"}` names the service in a monorepo, `{"fixes": "gh-<id>"}` the deployment it
 * fixes, reverts or rolls back.
 */
const ZDeploymentPayload = z.object({
  service: z.string().trim().min(1).max(200).optional().catch(undefined),
  fixes: z.string().trim().min(1).max(200).optional().catch(undefined),
});
function deploymentPayload(payload: unknown): z.infer<typeof ZDeploymentPayload> {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return {};
    }
  }
  const parsed = ZDeploymentPayload.safeParse(value);
  return parsed.success ? parsed.data : {};
}

const FINAL_STATES: Record<string, TDeploymentInput["status"]> = {
  success: "success",
  failure: "failure",
  error: "error",
};

/** A push commit (GitHub's and GitLab's share these fields): its message and the paths it changed. */
export const ZPushCommit = z.object({
  id: z.string().min(4),
  timestamp: z.string().optional().nullable(),
  message: z.string().optional().nullable(),
  added: z.array(z.string()).optional().nullable(),
  modified: z.array(z.string()).optional().nullable(),
  removed: z.array(z.string()).optional().nullable(),
});

// `push`: the commits that reached a ref, from `before` to `after` (GitHub lists up to 2,048).
const ZPushEvent = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  forced: z.boolean().optional(),
  deleted: z.boolean().optional(),
  commits: z.array(ZPushCommit).default([]),
  repository: ZRepository,
});

// `pull_request` with action "closed": merged when `pull_request.merged` (or `merged_at`) says so.
const ZPullRequestEvent = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number().int().positive(),
    created_at: z.string(),
    merged_at: z.string().nullable().optional(),
    merged: z.boolean().optional().nullable(),
    merge_commit_sha: z.string().nullable().optional(),
    head: z.object({ ref: z.string(), sha: z.string().optional() }),
    base: z.object({ ref: z.string() }),
    body: z.string().nullable().optional(),
    labels: z
      .array(z.object({ name: z.string() }))
      .nullable()
      .optional(),
  }),
  repository: ZRepository,
});

const ZERO_SHA = /^0+$/;
const isoOrNull = (s: string | null | undefined) => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export type GitPushFacts = {
  ref: string;
  /** Null when the push created the ref (GitHub sends a zero sha). */
  before: string | null;
  after: string;
  forced: boolean;
  commits: Array<{
    sha: string;
    authoredAt: string | null;
    /** Null when the push did not list the commit's files. */
    paths: string[] | null;
    revertsSha: string | null;
    revertsPr: number | null;
  }>;
};

export type GitPullRequestFacts = {
  number: number;
  openedAt: string;
  mergedAt: string;
  mergeCommitSha: string | null;
  headRef: string;
  headSha: string | null;
  baseRef: string;
  labels: string[];
  /** The pull request it reverts, by GitHub's revert convention. */
  revertsNumber: number | null;
};

export type GithubMapping =
  | {
      kind: "deployment";
      repo: string;
      deployment: Omit<TDeploymentInput, "service">;
      sha: string | null;
      /** The service the event names itself (a monorepo's deployment payload). */
      service: string | null;
    }
  | { kind: "push"; repo: string; push: GitPushFacts }
  | { kind: "pullRequest"; repo: string; pullRequest: GitPullRequestFacts }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; reason: string };

const repoKeyOf = (repository: z.infer<typeof ZRepository>) =>
  repositoryKeyOf(hostOf(repository.html_url), repository.full_name);

/** A forge's push (GitHub's and GitLab's share the shape): a deletion is ignored, a new ref has no before. */
export function pushMapping(
  repo: string,
  p: {
    ref: string;
    before: string;
    after: string;
    forced?: boolean;
    deleted?: boolean;
    commits: Array<z.infer<typeof ZPushCommit>>;
  },
  time: (s: string | null | undefined) => string | null,
): GithubMapping {
  if (p.deleted || ZERO_SHA.test(p.after)) return { kind: "ignored", reason: `push deleted ${p.ref}` };
  return {
    kind: "push",
    repo,
    push: {
      ref: p.ref,
      before: ZERO_SHA.test(p.before) ? null : p.before,
      after: p.after,
      forced: p.forced ?? false,
      commits: p.commits.map((c) => {
        const reverts = revertMarkers(c.message);
        return {
          sha: c.id,
          authoredAt: time(c.timestamp),
          paths: changedPaths(c),
          revertsSha: reverts.sha,
          revertsPr: reverts.mergeRequest,
        };
      }),
    },
  };
}

function mapPush(payload: unknown): GithubMapping {
  const parsed = ZPushEvent.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a push payload" };
  return pushMapping(repoKeyOf(parsed.data.repository), parsed.data, isoOrNull);
}

function mapPullRequest(payload: unknown): GithubMapping {
  const parsed = ZPullRequestEvent.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a pull_request payload" };
  const { action, pull_request: pr, repository } = parsed.data;
  if (action !== "closed") return { kind: "ignored", reason: `pull_request ${action} is not used` };
  const mergedAt = isoOrNull(pr.merged_at);
  if (pr.merged === false || !mergedAt)
    return { kind: "ignored", reason: `pull request #${pr.number} was closed without merging` };
  return {
    kind: "pullRequest",
    repo: repoKeyOf(repository),
    pullRequest: {
      number: pr.number,
      openedAt: new Date(pr.created_at).toISOString(),
      mergedAt,
      mergeCommitSha: pr.merge_commit_sha ?? null,
      headRef: pr.head.ref,
      headSha: pr.head.sha ?? null,
      baseRef: pr.base.ref,
      labels: (pr.labels ?? []).map((l) => l.name),
      revertsNumber: revertedPullRequest(pr.body),
    },
  };
}

export function mapGithubEvent(event: string | null, payload: unknown): GithubMapping {
  if (event === "ping") return { kind: "ignored", reason: "ping" };
  if (event === "push") return mapPush(payload);
  if (event === "pull_request") return mapPullRequest(payload);
  if (event !== "deployment_status") return { kind: "ignored", reason: `event ${event ?? "(none)"} is not used` };
  const parsed = ZDeploymentStatusEvent.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a deployment_status payload" };
  const { deployment_status: status, deployment, repository } = parsed.data;
  const final = FINAL_STATES[status.state.toLowerCase()];
  if (!final) return { kind: "ignored", reason: `state ${status.state} is not final` };
  const links = deploymentPayload(deployment.payload);
  return {
    kind: "deployment",
    service: links.service ?? null,
    // Matched by host and path: a GitHub Enterprise repository is not github.com's namesake.
    repo: repoKeyOf(repository),
    sha: deployment.sha ?? null,
    deployment: {
      externalId: `gh-${deployment.id}`,
      environment: deployment.environment.toLowerCase(),
      status: final,
      startedAt: new Date(deployment.created_at).toISOString(),
      finishedAt: new Date(status.created_at).toISOString(),
      // GitHub sends the deployed sha without its authored date: the commits it shipped, with their
      // dates, come from the pushes (lib/delivery/server/git-history.ts).
      commits: deployment.sha ? [{ sha: deployment.sha, authoredAt: null }] : [],
      ...(links.fixes ? { fixes: links.fixes } : {}),
    },
  };
}
