import { describe, expect, it } from "vitest";
import { changedPaths, isHotfix, revertedPullRequest, revertMarkers } from "@/lib/delivery/sources/git-conventions";
import { normalisePathPrefix, pathInScope } from "@/lib/core/repository-key";
import { mapGithubEvent } from "@/lib/delivery/sources/github";

describe("the conventions that make a change a fix", () => {
  it("reads git's and GitLab's revert messages", () => {
    const sha = "4f2d0bc6e1a9f3d4c5b6a7980123456789abcdef";
    expect(revertMarkers(`Revert "Add checkout"\n\nThis reverts commit ${sha}.`)).toEqual({ sha, mergeRequest: null });
    expect(revertMarkers(`Revert "MS-Viewport"\n\nThis reverts merge request !42`)).toEqual({
      sha: null,
      mergeRequest: 42,
    });
    expect(revertMarkers("Fix the revert script")).toEqual({ sha: null, mergeRequest: null });
    expect(revertMarkers(null)).toEqual({ sha: null, mergeRequest: null });
  });

  it("reads GitHub's revert pull request body, with or without the repository", () => {
    expect(revertedPullRequest("Reverts acme/payments-api#1347")).toBe(1347);
    expect(revertedPullRequest("Reverts #12\n\nBroke checkout")).toBe(12);
    expect(revertedPullRequest("This PR reverts nothing, see #12")).toBeNull();
  });

  it("knows a hotfix by its label or its branch", () => {
    expect(isHotfix(["bug", "HotFix"], "fix-login")).toBe(true);
    expect(isHotfix([], "hotfix/login")).toBe(true);
    expect(isHotfix([], "hotfix-1.2.3")).toBe(true);
    expect(isHotfix(["hotfixes-wanted"], "hotfixed")).toBe(false);
  });

  it("lists a push commit's changed paths, or null when the push lists none", () => {
    expect(changedPaths({ added: ["a/x"], modified: ["b/y", "a/x"], removed: [] })).toEqual(["a/x", "b/y"]);
    expect(changedPaths({ added: [], modified: [], removed: [] })).toEqual([]);
    expect(changedPaths({})).toBeNull();
  });
});

describe("monorepo path prefixes", () => {
  it("are stored as directories and match paths under them only", () => {
    expect(normalisePathPrefix("./services/payments")).toBe("services/payments/");
    expect(normalisePathPrefix("/services/payments//")).toBe("services/payments/");
    expect(normalisePathPrefix("  ")).toBe("");
    expect(pathInScope("services/payments/api.ts", ["services/payments/"])).toBe(true);
    expect(pathInScope("services/payments-v2/api.ts", ["services/payments/"])).toBe(false);
    expect(pathInScope("README.md", [""])).toBe(false);
  });
});

describe("the GitHub deployment payload", () => {
  const event = (payload: unknown) => ({
    deployment_status: { state: "success", created_at: "2026-02-01T10:07:00Z" },
    deployment: { id: 7, sha: "abc1234", environment: "production", created_at: "2026-02-01T10:00:00Z", payload },
    repository: { full_name: "acme/mono", html_url: "https://github.com/acme/mono" },
  });

  it("may name the service and the deployment it fixes, as an object or as a JSON string", () => {
    for (const payload of [
      { service: "payments", fixes: "gh-6" },
      JSON.stringify({ service: "payments", fixes: "gh-6" }),
    ]) {
      const mapped = mapGithubEvent("deployment_status", event(payload));
      expect(mapped).toMatchObject({ kind: "deployment", service: "payments", deployment: { fixes: "gh-6" } });
    }
  });

  it("is ignored when it is anything else", () => {
    for (const payload of [{}, "not json", 42, { service: 7, fixes: ["x"] }, null]) {
      const mapped = mapGithubEvent("deployment_status", event(payload));
      expect(mapped).toMatchObject({ kind: "deployment", service: null });
      expect(mapped.kind === "deployment" && "fixes" in mapped.deployment).toBe(false);
    }
  });
});
