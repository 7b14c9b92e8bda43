// The Argo CD notifications template in deploy/argocd, rendered with Go's text/template as the
// notifications controller renders it (tests/support/argocd/render.go, Debian's golang-go), for a
// sample sync of an Application; the rendered body is posted to the deployments API as Argo CD would.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { POST as postDeployments } from "@/app/api/v1/deployments/route";
import { makeService, makeTeam, makeToken } from "../support/factories";

const configMap = parse(fs.readFileSync(path.resolve("deploy/argocd/argocd-notifications-cm.yaml"), "utf8")) as {
  data: Record<string, string>;
};
const template = (
  parse(configMap.data["template.shipshape-deployment"]) as { webhook: { shipshape: { body: string; path: string } } }
).webhook.shipshape;

function render(vars: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("go", ["run", path.resolve("tests/support/argocd/render.go")], (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(JSON.stringify({ template: template.body, vars }));
  });
}

/** An Application as the controller sees it after a sync (argoproj.io/v1alpha1). */
function application(opts: {
  name: string;
  annotations?: Record<string, string>;
  phase: "Succeeded" | "Failed" | "Error";
  revision: string;
  startedAt: string;
  finishedAt: string;
}) {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: opts.name, namespace: "argocd", ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      project: "default",
      source: { repoURL: "https://github.com/acme/payments-api.git", targetRevision: "HEAD", path: "deploy" },
      destination: { server: "https://kubernetes.default.svc", namespace: "payments" },
    },
    status: {
      sync: { status: "Synced", revision: opts.revision },
      health: { status: opts.phase === "Succeeded" ? "Healthy" : "Degraded" },
      operationState: {
        operation: { sync: { revision: opts.revision }, initiatedBy: { automated: true } },
        phase: opts.phase,
        message:
          opts.phase === "Succeeded" ? "successfully synced (all tasks run)" : "one or more objects failed to apply",
        startedAt: opts.startedAt,
        finishedAt: opts.finishedAt,
        syncResult: { revision: opts.revision, source: { repoURL: "https://github.com/acme/payments-api.git" } },
      },
    },
  };
}

async function post(body: string, token: string) {
  return postDeployments(
    new NextRequest(`http://localhost${template.path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-shipshape-peer": "10.8.0.1" },
      body,
    }),
    { params: Promise.resolve({}) },
  );
}

describe("the Argo CD notifications template", () => {
  it("renders a sync as a deployment the API accepts once, with its revision and times", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const token = await makeToken(prisma, ["ingest"]);
    const revision = "9d2a07e9488b91af2641b26b9407fe22a4514330";
    const body = await render({
      app: application({
        name: "payments-prod",
        annotations: { "shipshape.dev/service": svc.slug, "shipshape.dev/environment": "Production" },
        phase: "Succeeded",
        revision,
        startedAt: "2026-03-02T10:00:00Z",
        finishedAt: "2026-03-02T10:04:30Z",
      }),
    });
    expect(JSON.parse(body)).toEqual({
      externalId: "argocd:argocd/payments-prod@2026-03-02T10:04:30Z",
      service: svc.slug,
      environment: "Production",
      status: "success",
      startedAt: "2026-03-02T10:00:00Z",
      finishedAt: "2026-03-02T10:04:30Z",
      commits: [{ sha: revision }],
    });
    const first = await post(body, token);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: 1, duplicates: 0 });
    // A notification sent twice counts once.
    expect(await (await post(body, token)).json()).toEqual({ created: 0, duplicates: 1 });
    const [deployment] = await prisma.deployment.findMany({ where: { serviceId: svc.id }, include: { commits: true } });
    expect(deployment).toMatchObject({
      environment: "production",
      status: "success",
      startedAt: new Date("2026-03-02T10:00:00Z"),
      finishedAt: new Date("2026-03-02T10:04:30Z"),
    });
    expect(deployment.commits.map((c) => c.sha)).toEqual([revision]);
  });

  it("reports a failed sync as a failed deployment, and names the service by the app without annotations", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const body = await render({
      app: application({
        name: svc.slug,
        phase: "Failed",
        revision: "1111111111111111111111111111111111111111",
        startedAt: "2026-03-03T09:00:00Z",
        finishedAt: "2026-03-03T09:01:00Z",
      }),
    });
    expect(JSON.parse(body)).toMatchObject({ service: svc.slug, environment: "production", status: "failure" });
    expect((await post(body, await makeToken(prisma, ["ingest"]))).status).toBe(201);
    expect(await prisma.deployment.count({ where: { serviceId: svc.id, status: "failure" } })).toBe(1);
  });
});
