import { describe, expect, it } from "vitest";
import { repositoryKey } from "@/lib/core/repository-key";
import { decodeGithubBody, mapGithubEvent, verifyGithubSignature } from "@/lib/delivery/sources/github";
import { hmacSha256Hex, safeEqualHex } from "@/lib/delivery/sources/hmac";
import { mapPagerdutyEvent, verifyPagerdutySignature } from "@/lib/delivery/sources/pagerduty";
import { githubPullRequestClosed, githubPush } from "../support/vendor-payloads";

describe("GitHub webhook signatures", () => {
  // GitHub's published test vector (docs: "Validating webhook deliveries").
  const secret = "It's a Secret to Everybody";
  const payload = "Hello, World!";
  const signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  it("accepts GitHub's published test vector", () => {
    expect(verifyGithubSignature(secret, Buffer.from(payload), signature)).toBe(true);
  });

  it("rejects a wrong secret, a changed body, a missing or malformed header", () => {
    expect(verifyGithubSignature("another secret", payload, signature)).toBe(false);
    expect(verifyGithubSignature(secret, "Hello, World?", signature)).toBe(false);
    expect(verifyGithubSignature(secret, payload, null)).toBe(false);
    expect(verifyGithubSignature(secret, payload, signature.replace("sha256=", "sha1="))).toBe(false);
    expect(verifyGithubSignature(secret, payload, "sha256=zz")).toBe(false);
    expect(verifyGithubSignature(secret, payload, signature.slice(0, -2))).toBe(false);
  });

  it("compares hex digests safely", () => {
    expect(safeEqualHex("abcd", "ABCD")).toBe(true);
    expect(safeEqualHex("abcd", "abce")).toBe(false);
    expect(safeEqualHex("abcd", "abc")).toBe(false);
  });
});

describe("GitHub delivery bodies", () => {
  const json = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
  it("read application/json and the form-encoded default (payload=), whose signature is over the raw form", () => {
    expect(decodeGithubBody(Buffer.from(json), "application/json")).toEqual({
      zen: "Keep it logically awesome.",
      hook_id: 1,
    });
    const form = Buffer.from(`payload=${encodeURIComponent(json)}`);
    expect(decodeGithubBody(form, "application/x-www-form-urlencoded")).toEqual({
      zen: "Keep it logically awesome.",
      hook_id: 1,
    });
    expect(verifyGithubSignature("s", form, `sha256=${hmacSha256Hex("s", form)}`)).toBe(true);
  });

  it("explain what is wrong with a body they cannot read", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return "none";
    };
    expect(code(() => decodeGithubBody(Buffer.from("zen=1"), "application/x-www-form-urlencoded"))).toBe(
      "validation_failed",
    );
    expect(code(() => decodeGithubBody(Buffer.from("payload=%7Bnope"), "application/x-www-form-urlencoded"))).toBe(
      "bad_json",
    );
    expect(code(() => decodeGithubBody(Buffer.from(json), "text/plain"))).toBe("unsupported_media_type");
  });
});

describe("repository keys (host and path)", () => {
  it("name a repository by host and path, whatever URL form a catalog uses", () => {
    expect(
      [
        "https://github.com/Acme/Payments-API",
        "https://github.com/acme/payments-api.git",
        "https://github.com/acme/payments-api/tree/main/src",
        "git@github.com:acme/payments-api.git",
        "ssh://git@github.com/acme/payments-api.git",
        "https://github.acme.corp/acme/payments-api",
        "https://gitlab.com/group/sub/project/-/tree/main",
        "https://gitlab.example.com/group/project.git",
      ].map(repositoryKey),
    ).toEqual([
      "github.com/acme/payments-api",
      "github.com/acme/payments-api",
      "github.com/acme/payments-api",
      "github.com/acme/payments-api",
      "github.com/acme/payments-api",
      "github.acme.corp/acme/payments-api",
      "gitlab.com/group/sub/project",
      "gitlab.example.com/group/project",
    ]);
    expect([null, "", "not a url", "https://github.com/acme", "mailto:x@y.z"].map(repositoryKey)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("GitHub deployment_status mapping", () => {
  const event = (state: string) => ({
    deployment_status: { state, created_at: "2026-01-05T10:07:00Z" },
    deployment: { id: 123, sha: "a1b2c3d4", environment: "Production", created_at: "2026-01-05T10:00:00Z" },
    repository: { full_name: "Acme/Payments-API" },
  });

  it("takes the repository's host from html_url (GitHub Enterprise Server)", () => {
    const ghes = {
      ...event("success"),
      repository: { full_name: "Acme/Payments-API", html_url: "https://GitHub.Acme.Corp/Acme/Payments-API" },
    };
    expect(mapGithubEvent("deployment_status", ghes)).toMatchObject({ repo: "github.acme.corp/acme/payments-api" });
  });

  it("maps a final state to a deployment keyed by the GitHub deployment id", () => {
    expect(mapGithubEvent("deployment_status", event("success"))).toEqual({
      kind: "deployment",
      repo: "github.com/acme/payments-api",
      sha: "a1b2c3d4",
      service: null,
      deployment: {
        externalId: "gh-123",
        environment: "production",
        status: "success",
        startedAt: "2026-01-05T10:00:00.000Z",
        finishedAt: "2026-01-05T10:07:00.000Z",
        commits: [{ sha: "a1b2c3d4", authoredAt: null }],
      },
    });
    expect(mapGithubEvent("deployment_status", event("failure"))).toMatchObject({
      kind: "deployment",
      deployment: { status: "failure" },
    });
  });

  it("ignores states that are not final, other events and pings; flags malformed payloads", () => {
    expect(mapGithubEvent("deployment_status", event("in_progress"))).toMatchObject({ kind: "ignored" });
    expect(mapGithubEvent("issues", {})).toMatchObject({ kind: "ignored" });
    expect(mapGithubEvent("push", {})).toMatchObject({ kind: "invalid", reason: "not a push payload" });
    expect(mapGithubEvent("ping", {})).toMatchObject({ kind: "ignored", reason: "ping" });
    expect(mapGithubEvent("deployment_status", { deployment: {} })).toMatchObject({ kind: "invalid" });
  });
});

describe("PagerDuty v3 webhooks", () => {
  const body = JSON.stringify({ event: { id: "evt1" } });
  it("verifies v1 signatures, any of several during rotation", () => {
    const good = `v1=${hmacSha256Hex("s3cret", body)}`;
    expect(verifyPagerdutySignature("s3cret", body, good)).toBe(true);
    expect(verifyPagerdutySignature("s3cret", body, `v1=${"0".repeat(64)}, ${good}`)).toBe(true);
    expect(verifyPagerdutySignature("other", body, good)).toBe(false);
    expect(verifyPagerdutySignature("s3cret", body, null)).toBe(false);
  });

  const pd = (type: string) => ({
    event: {
      id: "01DEN2JHPZ",
      event_type: type,
      occurred_at: "2026-01-05T11:30:00Z",
      data: {
        id: "Q1ABCDEF",
        type: "incident",
        number: 77,
        title: "Checkout errors",
        created_at: "2026-01-05T11:00:00Z",
        urgency: "high",
        priority: { summary: "P1" },
        service: { id: "PSVC123" },
      },
    },
  });

  it("maps triggered and resolved incidents", () => {
    expect(mapPagerdutyEvent(pd("incident.triggered"))).toEqual({
      kind: "incident",
      eventId: "01DEN2JHPZ",
      pdServiceId: "PSVC123",
      incident: {
        externalId: "Q1ABCDEF",
        title: "Checkout errors",
        severity: "P1",
        startedAt: "2026-01-05T11:00:00.000Z",
        resolvedAt: null,
      },
    });
    expect(mapPagerdutyEvent(pd("incident.resolved"))).toMatchObject({
      incident: { resolvedAt: "2026-01-05T11:30:00.000Z" },
    });
    expect(mapPagerdutyEvent(pd("incident.acknowledged"))).toMatchObject({ kind: "ignored" });
    expect(mapPagerdutyEvent({ nope: true })).toEqual({
      kind: "ignored",
      eventId: null,
      reason: "not a PagerDuty v3 webhook event",
    });
  });

  it("keeps a resolve's start unknown when it carries no created_at; a trigger without one starts when it occurred", () => {
    const without = (type: string) => {
      const e = pd(type);
      const { created_at: _omitted, ...data } = e.event.data;
      return { event: { ...e.event, data } };
    };
    expect(mapPagerdutyEvent(without("incident.resolved"))).toMatchObject({
      kind: "incident",
      incident: { startedAt: null, resolvedAt: "2026-01-05T11:30:00.000Z" },
    });
    expect(mapPagerdutyEvent(without("incident.triggered"))).toMatchObject({
      incident: { startedAt: "2026-01-05T11:30:00.000Z", resolvedAt: null },
    });
    // a date that is not one is a payload not understood, never a crash
    const bad = pd("incident.triggered");
    expect(
      mapPagerdutyEvent({ event: { ...bad.event, data: { ...bad.event.data, created_at: "yesterday" } } }),
    ).toMatchObject({
      kind: "ignored",
      reason: "incident.triggered has no incident with a service",
    });
  });
});

describe("GitHub push and pull_request events", () => {
  const repo = { owner: "Codertocat", name: "Hello-World" };

  it("read a push's ref, range and commit dates; a new branch has no before; a deletion is ignored", () => {
    const mapped = mapGithubEvent(
      "push",
      githubPush({
        repo,
        before: "0".repeat(40),
        after: "b".repeat(40),
        commits: [{ sha: "b".repeat(40), timestamp: "2019-05-15T15:20:30-05:00" }],
      }),
    );
    expect(mapped).toEqual({
      kind: "push",
      repo: "github.com/codertocat/hello-world",
      push: {
        ref: "refs/heads/main",
        before: null,
        after: "b".repeat(40),
        forced: false,
        commits: [
          {
            sha: "b".repeat(40),
            authoredAt: "2019-05-15T20:20:30.000Z",
            paths: ["README.md"],
            revertsSha: null,
            revertsPr: null,
          },
        ],
      },
    });
    const deleted = {
      ...githubPush({ repo, before: "a".repeat(40), after: "0".repeat(40), commits: [] }),
      deleted: true,
    };
    expect(mapGithubEvent("push", deleted)).toEqual({ kind: "ignored", reason: "push deleted refs/heads/main" });
  });

  it("keep a merged pull request only; other actions and unmerged closes are ignored", () => {
    const base = {
      repo,
      number: 2,
      createdAt: "2019-05-15T15:20:33Z",
      mergeCommitSha: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
      headRef: "changes",
      headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
    };
    expect(
      mapGithubEvent("pull_request", githubPullRequestClosed({ ...base, mergedAt: "2019-05-15T15:21:18Z" })),
    ).toEqual({
      kind: "pullRequest",
      repo: "github.com/codertocat/hello-world",
      pullRequest: {
        number: 2,
        openedAt: "2019-05-15T15:20:33.000Z",
        mergedAt: "2019-05-15T15:21:18.000Z",
        mergeCommitSha: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
        headRef: "changes",
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        baseRef: "main",
        labels: [],
        revertsNumber: null,
      },
    });
    expect(mapGithubEvent("pull_request", githubPullRequestClosed({ ...base, mergedAt: null }))).toEqual({
      kind: "ignored",
      reason: "pull request #2 was closed without merging",
    });
    const opened = { ...githubPullRequestClosed({ ...base, mergedAt: null }), action: "opened" };
    expect(mapGithubEvent("pull_request", opened)).toEqual({
      kind: "ignored",
      reason: "pull_request opened is not used",
    });
  });
});
