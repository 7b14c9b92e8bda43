import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

// deploy/kubernetes: every object is checked against the Kubernetes schemas (kubernetes-models), and
// against what the Operate issue asks of it. Where kubectl is installed, the overlay is also
// rendered with its built-in Kustomize and every rendered object is checked the same way.

const ROOT = path.resolve("deploy/kubernetes");
type K8sObject = { apiVersion: string; kind: string; metadata?: { name?: string }; [key: string]: unknown };
type Validator = new (data: never) => { validate(): void };

const MODELS: Record<string, Validator> = {
  "apps/v1/Deployment": Deployment as unknown as Validator,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler as unknown as Validator,
  "batch/v1/Job": Job as unknown as Validator,
  "networking.k8s.io/v1/Ingress": Ingress as unknown as Validator,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget as unknown as Validator,
  "v1/ConfigMap": ConfigMap as unknown as Validator,
  "v1/Namespace": Namespace as unknown as Validator,
  "v1/Secret": Secret as unknown as Validator,
  "v1/Service": Service as unknown as Validator,
  "v1/ServiceAccount": ServiceAccount as unknown as Validator,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor as unknown as Validator,
};

function validate(obj: K8sObject): void {
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  new Model(unwrapSecretData(obj) as never).validate();
}

/** Kustomize wraps long base64 values over lines; the API server ignores the line breaks (Go's base64 does). */
function unwrapSecretData(obj: K8sObject): K8sObject {
  if (obj.kind !== "Secret" || !obj.data) return obj;
  const data = Object.fromEntries(
    Object.entries(obj.data as Record<string, string>).map(([k, v]) => [k, v.replace(/\s+/g, "")]),
  );
  return { ...obj, data };
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : e.name.endsWith(".yaml") ? [p] : [];
  });
}

const parse = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);

const isKustomizeFile = (f: string) => ["kustomization.yaml", "kustomizeconfig.yaml"].includes(path.basename(f));
const files = yamlFiles(ROOT);
const objects = files.filter((f) => !isKustomizeFile(f)).flatMap((f) => parse(fs.readFileSync(f, "utf8")));
const byKindName = (kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found as unknown as Record<string, never>;
};

type Container = {
  name: string;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef?: { name: string }; configMapRef?: { name: string } }>;
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: Array<{ mountPath: string }>;
};
type PodSpec = {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  terminationGracePeriodSeconds?: number;
};
const podOf = (o: Record<string, never>) =>
  (o as unknown as { spec: { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } } }).spec
    .template;

describe("deploy/kubernetes", () => {
  it("holds every object the issue lists, each valid against the Kubernetes schemas", () => {
    expect(objects.length).toBeGreaterThanOrEqual(10);
    for (const o of objects) expect(() => validate(o), `${o.kind} ${o.metadata?.name}`).not.toThrow();
    for (const [kind, name] of [
      ["Deployment", "shipshape-web"],
      ["Deployment", "shipshape-worker"],
      ["Job", "shipshape-migrate"],
      ["Service", "shipshape"],
      ["HorizontalPodAutoscaler", "shipshape-web"],
      ["PodDisruptionBudget", "shipshape-web"],
      ["ServiceMonitor", "shipshape"],
    ])
      expect(() => byKindName(kind, name)).not.toThrow();
  });

  it("refuses an object that breaks the schema (the check is not vacuous)", () => {
    const web = structuredClone(byKindName("Deployment", "shipshape-web")) as unknown as K8sObject & {
      spec: { replicas: unknown };
    };
    web.spec.replicas = "two";
    expect(() => validate(web)).toThrow(/replicas must be integer/);
    expect(() => validate({ apiVersion: "v1", kind: "Pod" })).toThrow(/no schema/);
  });

  it("runs web and worker non-root on a read-only root filesystem, with probes, resources and the Secret", () => {
    for (const name of ["shipshape-web", "shipshape-worker"]) {
      const pod = podOf(byKindName("Deployment", name));
      expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      for (const c of pod.spec.containers) {
        expect(c.livenessProbe?.httpGet?.path).toBe("/api/health?probe=liveness");
        expect(c.readinessProbe?.httpGet?.path).toBe("/api/ready");
        expect(c.resources?.requests?.cpu).toBeTruthy();
        expect(c.resources?.requests?.memory).toBeTruthy();
        expect(c.resources?.limits?.memory).toBeTruthy();
        expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
        expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
        expect(c.volumeMounts?.map((m) => m.mountPath)).toEqual(
          expect.arrayContaining(["/app/.next/standalone/.next/cache", "/tmp"]),
        );
        expect(c.envFrom).toEqual(expect.arrayContaining([{ secretRef: { name: "shipshape" } }]));
      }
    }
    const jobs = (name: string) =>
      podOf(byKindName("Deployment", name)).spec.containers[0].env?.find((e) => e.name === "SHIPSHAPE_JOBS")?.value;
    expect(jobs("shipshape-web")).toBe("0");
    expect(jobs("shipshape-worker")).toBe("1");
  });

  it("points the Service, the budget and the autoscaler at the web pods", () => {
    const webLabels = podOf(byKindName("Deployment", "shipshape-web")).metadata?.labels ?? {};
    const service = byKindName("Service", "shipshape") as unknown as { spec: { selector: Record<string, string> } };
    const pdb = byKindName("PodDisruptionBudget", "shipshape-web") as unknown as {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    const hpa = byKindName("HorizontalPodAutoscaler", "shipshape-web") as unknown as {
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number };
    };
    expect(webLabels).toMatchObject(service.spec.selector);
    expect(webLabels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "shipshape-web" });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it("lists only files that exist in each kustomization", () => {
    const kustomizations = files.filter((f) => path.basename(f) === "kustomization.yaml");
    expect(kustomizations.length).toBe(3);
    for (const k of kustomizations) {
      const doc = parse(fs.readFileSync(k, "utf8"))[0] as unknown as Record<string, unknown>;
      const listed = ["resources", "components", "configurations"].flatMap((key) => (doc[key] as string[]) ?? []);
      for (const entry of listed)
        expect(fs.existsSync(path.resolve(path.dirname(k), entry)), `${k}: ${entry}`).toBe(true);
    }
  });

  it("renders the example overlay with kubectl's Kustomize when kubectl is installed, into valid objects", () => {
    let kubectl = true;
    try {
      execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    } catch {
      kubectl = false;
    }
    // Without kubectl (CI images may lack it) the files above are what is checked.
    if (!kubectl) return;
    const rendered = parse(
      execFileSync("kubectl", ["kustomize", path.join(ROOT, "overlays/example")], { encoding: "utf8" }),
    );
    for (const o of rendered) expect(() => validate(o), `${o.kind} ${o.metadata?.name}`).not.toThrow();
    const secret = rendered.find((o) => o.kind === "Secret");
    const monitor = rendered.find((o) => o.kind === "ServiceMonitor") as unknown as {
      spec: { endpoints: Array<{ authorization: { credentials: { name: string } } }> };
    };
    // The generated Secret's hashed name reaches the ServiceMonitor as it reaches the Deployments.
    expect(monitor.spec.endpoints[0].authorization.credentials.name).toBe(secret?.metadata?.name);
    expect(
      rendered.every((o) => o.kind === "Namespace" || (o.metadata as { namespace?: string }).namespace === "shipshape"),
    ).toBe(true);
  });
});
