// GitLab webhooks: Deployment Hook → deployments, Push Hook and merged Merge Request Hook → the
// history that gives them lead time (the same rule as GitHub's). Pure: token check and mapping.
import { z } from "zod";
import { repositoryKeyOf } from "@/lib/core/repository-key";
import { pushMapping, ZPushCommit, type GithubMapping } from "./github";
import { safeEqualText } from "./hmac";

/** X-Gitlab-Token: the webhook's secret token in plain text, compared in constant time. */
export function verifyGitlabToken(expected: string, header: string | null): boolean {
  return header !== null && safeEqualText(header, expected);
}

/**
 * GitLab's times: ISO 8601 ("2013-12-03T17:23:34Z") in newer payloads, "2021-04-28 21:50:00 +0200"
 * or "2013-12-03 17:23:34 UTC" in others. Null when unreadable.
 */
export function gitlabTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const legacy = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  const candidate = legacy
    ? `${legacy[1]}T${legacy[2]}${!legacy[3] || /^(utc|z)$/i.test(legacy[3]) ? "Z" : legacy[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`
    : text;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const ZProject = z.object({ path_with_namespace: z.string().min(1), web_url: z.string() });

function hostOf(webUrl: string): string {
  try {
    return new URL(webUrl).hostname || "gitlab.com";
  } catch {
    return "gitlab.com";
  }
}
const repoOf = (project: z.infer<typeof ZProject>) =>
  repositoryKeyOf(hostOf(project.web_url), project.path_with_namespace);

const ZDeploymentHook = z.object({
  object_kind: z.literal("deployment"),
  status: z.string(),
  status_changed_at: z.string(),
  deployment_id: z.union([z.number(), z.string()]),
  environment: z.string(),
  environment_tier: z.string().optional().nullable(),
  project: ZProject,
  short_sha: z.string().optional(),
  commit_url: z.string().optional(),
});

const ZPushHook = z.object({
  object_kind: z.literal("push"),
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  commits: z.array(ZPushCommit).default([]),
  project: ZProject,
});

const ZMergeRequestHook = z.object({
  object_kind: z.literal("merge_request"),
  project: ZProject,
  labels: z
    .array(z.object({ title: z.string() }))
    .nullable()
    .optional(),
  object_attributes: z.object({
    iid: z.number().int().positive(),
    state: z.string(),
    action: z.string().optional(),
    created_at: z.string(),
    updated_at: z.string().optional(),
    merged_at: z.string().optional().nullable(),
    merge_commit_sha: z.string().nullable().optional(),
    squash_commit_sha: z.string().nullable().optional(),
    source_branch: z.string(),
    target_branch: z.string(),
    last_commit: z.object({ id: z.string() }).optional().nullable(),
  }),
});

const DEPLOYMENT_STATES = { success: "success", failed: "failure", canceled: "cancelled" } as const;

function mapDeployment(payload: unknown): GithubMapping {
  const parsed = ZDeploymentHook.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a Deployment Hook payload" };
  const d = parsed.data;
  const status = DEPLOYMENT_STATES[d.status.toLowerCase() as keyof typeof DEPLOYMENT_STATES];
  if (!status) return { kind: "ignored", reason: `deployment status ${d.status} is not final` };
  const finishedAt = gitlabTime(d.status_changed_at);
  if (!finishedAt) return { kind: "invalid", reason: `status_changed_at ${d.status_changed_at} is not a time` };
  // The full sha is the last segment of commit_url; short_sha alone cannot be matched to pushes.
  const sha = /\/commit\/([0-9a-f]{7,64})\/?$/i.exec(d.commit_url ?? "")?.[1] ?? d.short_sha ?? null;
  return {
    kind: "deployment",
    service: null,
    repo: repoOf(d.project),
    sha,
    deployment: {
      externalId: `gl-${d.deployment_id}`,
      // GitLab's tier says which environment is production, whatever its name ("prod", "eu/live").
      environment: (d.environment_tier ?? d.environment).toLowerCase(),
      status,
      startedAt: null,
      finishedAt,
      commits: sha && sha.length >= 4 ? [{ sha, authoredAt: null }] : [],
    },
  };
}

function mapPush(payload: unknown): GithubMapping {
  const parsed = ZPushHook.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a Push Hook payload" };
  return pushMapping(repoOf(parsed.data.project), parsed.data, gitlabTime);
}

function mapMergeRequest(payload: unknown): GithubMapping {
  const parsed = ZMergeRequestHook.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a Merge Request Hook payload" };
  const mr = parsed.data.object_attributes;
  if (mr.state !== "merged" || (mr.action && mr.action !== "merge"))
    return { kind: "ignored", reason: `merge request !${mr.iid} ${mr.action ?? mr.state} is not used` };
  const mergedAt = gitlabTime(mr.merged_at) ?? gitlabTime(mr.updated_at);
  const openedAt = gitlabTime(mr.created_at);
  if (!mergedAt || !openedAt) return { kind: "invalid", reason: `merge request !${mr.iid} has no readable times` };
  return {
    kind: "pullRequest",
    repo: repoOf(parsed.data.project),
    pullRequest: {
      number: mr.iid,
      openedAt,
      mergedAt,
      // A squash merge deploys the squash commit; otherwise the merge commit (or, fast-forward, the
      // source branch's last commit).
      mergeCommitSha: mr.squash_commit_sha ?? mr.merge_commit_sha ?? mr.last_commit?.id ?? null,
      headRef: mr.source_branch,
      headSha: mr.last_commit?.id ?? null,
      baseRef: mr.target_branch,
      labels: (parsed.data.labels ?? []).map((l) => l.title),
      // GitLab's revert is a commit ("This reverts merge request !N"), read from the push.
      revertsNumber: null,
    },
  };
}

/** By the X-Gitlab-Event header ("Deployment Hook", "Push Hook", "Merge Request Hook", …). */
export function mapGitlabEvent(event: string | null, payload: unknown): GithubMapping {
  if (event === "Deployment Hook") return mapDeployment(payload);
  if (event === "Push Hook") return mapPush(payload);
  if (event === "Merge Request Hook") return mapMergeRequest(payload);
  return { kind: "ignored", reason: `event ${event ?? "(none)"} is not used` };
}
