// The matrix's rows: every route handler and every server action, with who may call it (a Policy
// from world.ts) and how to make a request whose allowed outcome is a real change. A route or action
// without a row here fails the matrix, so a new one cannot ship unexamined.
import fs from "node:fs";
import path from "node:path";
import { generate } from "otplib";
import { sealSecret, secretKeys } from "@/lib/core/secret-box";
import { serverEnv } from "@/lib/core/env";
import { uniq } from "../../support/factories";
import type { ActorName, Policy, World } from "./world";

export type HttpRequest = {
  path: string;
  /** JSON body (sent as application/json) … */
  json?: unknown;
  /** … or a YAML body … */
  yaml?: string;
  /** … or a CSV body. */
  csv?: string;
};

export type RouteCell = {
  policy: Policy;
  prepare: (w: World) => Promise<HttpRequest>;
  /** A change is expected when allowed (default: true for POST, PUT, PATCH, DELETE). */
  writes?: boolean;
  /** Statuses besides 2xx that mean "allowed" (the gate answers 412 for a failing service). */
  allowedStatus?: number[];
};
export type Excluded = { excluded: string };

export type ActionCell = {
  policy: Policy;
  /** The form fields (or, with `args`, the plain arguments) for this actor. */
  prepare: (w: World, actor: ActorName) => Promise<Record<string, string | string[]>>;
  args?: (w: World) => Promise<unknown[]>;
  /** A change is expected when allowed (default true). */
  writes?: boolean;
  /** When allowed, the result must match this (for actions that answer without a change). */
  allowedResult?: RegExp;
  /** After an allowed call: put the world back (e.g. sign in again after "sign out everywhere"). */
  after?: (w: World, actor: ActorName) => Promise<void>;
};

const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
// The e2e server's AUTH_SECRET (playwright.config.ts): secrets sealed here open there.
const keys = () =>
  secretKeys(serverEnv({ DATABASE_URL: "postgresql://e2e", AUTH_SECRET: "e2e-test-secret-0123456789abcdef" }));

const TEMPLATE_YAML = fs.readFileSync(path.resolve("prisma/seed/templates/production-readiness.yaml"), "utf8");

async function review(w: World) {
  const svc = await w.freshService();
  return w.db.review.create({ data: { serviceId: svc.id, requestedById: w.users.engineerA.id } });
}
async function waiver(w: World) {
  const svc = await w.freshService();
  return w.db.waiver.create({
    data: {
      serviceId: svc.id,
      itemKey: w.itemKey,
      justification: "Covered by the platform backup job",
      expiresAt: new Date(Date.now() + 10 * 86_400_000),
      requestedById: w.users.engineerA.id,
    },
  });
}
/** A fresh service of team A with a `coverage` fact. */
async function fact(w: World) {
  const svc = await w.freshService();
  await w.db.serviceFact.create({
    data: {
      serviceId: svc.id,
      key: "coverage",
      value: { line: 72 },
      updatedAt: new Date(),
      reportedAt: new Date(),
      reportedBy: "seed",
    },
  });
  return svc;
}
async function slo(w: World) {
  const svc = await w.freshService();
  return {
    svc,
    slo: await w.db.slo.create({ data: { serviceId: svc.id, name: uniq("avail"), objective: 99.9, windowDays: 30 } }),
  };
}
/** An SLO read from a Prometheus that is not there (port 9, discard): a pull fails at once. */
async function sloWithSource(w: World) {
  const { slo: s } = await slo(w);
  await w.db.sloSource.create({
    data: { sloId: s.id, url: "http://127.0.0.1:9", errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY },
  });
  return s;
}
const ERROR_QUERY = 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))';
const TOTAL_QUERY = "sum(rate(http_requests_total[{{.window}}]))";
async function webhook(w: World) {
  return w.db.notificationWebhook.create({
    data: {
      name: uniq("hook"),
      url: "https://93.184.216.34/hook",
      secret: sealSecret("whsec_matrix", keys()),
      events: ["review.decided"],
    },
  });
}
const cardYaml = (key: string) =>
  `key: ${key}\nname: Card ${key}\nrules:\n  - { key: slos, name: Has an SLO, level: bronze, check: { type: slo_count } }\n`;
async function initiative(w: World) {
  return w.db.initiative.create({
    data: {
      name: uniq("init"),
      ruleKeys: [],
      ownerId: w.users.platform.id,
      targetDate: new Date(Date.now() + 86_400_000),
    },
  });
}
/** A pending exemption from the default scorecard's runbook rule, on a fresh service of team A. */
async function exemption(w: World, status: "pending" | "approved" = "pending") {
  const svc = await w.freshService();
  const card = await w.db.scorecard.findFirstOrThrow({ where: { isDefault: true } });
  return w.db.ruleExemption.create({
    data: {
      serviceId: svc.id,
      scorecardId: card.id,
      ruleKey: "runbook",
      justification: "The runbook moves to the new wiki this month",
      expiresAt: new Date(Date.now() + 10 * 86_400_000),
      requestedBy: "seed",
      status,
      ...(status === "approved" ? { decidedAt: new Date(), decidedBy: "seed" } : {}),
    },
  });
}
async function scorecardKey(w: World) {
  const key = uniq("card");
  await w.db.scorecard.create({ data: { key, name: `Card ${key}` } });
  return key;
}
const sessionUserId = (w: World, actor: ActorName) => {
  const a = w.actors[actor];
  return a.kind === "session" ? a.id : null;
};
const resetTotp = async (w: World, actor: ActorName) => {
  const id = sessionUserId(w, actor);
  if (id)
    await w.db.user.update({
      where: { id },
      data: {
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        totpRecoveryHashes: [],
      },
    });
};
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const ROUTES: Record<string, RouteCell | Excluded> = {
  "GET /api/auth/[...nextauth]": {
    excluded: "next-auth's own sign-in endpoints: covered by login, two-factor and web-security specs",
  },
  "POST /api/auth/[...nextauth]": {
    excluded: "next-auth's own sign-in endpoints: covered by login, two-factor and web-security specs",
  },
  "GET /api/health": { policy: "public", prepare: async () => ({ path: "/api/health" }) },
  "GET /api/v1/openapi.json": { policy: "public", prepare: async () => ({ path: "/api/v1/openapi.json" }) },
  "GET /api/ready": { policy: "public", prepare: async () => ({ path: "/api/ready" }) },
  // Only the scraper's METRICS_TOKEN opens it, never a user's session or an API token.
  "GET /metrics": { policy: "signature", prepare: async () => ({ path: "/metrics" }) },
  "GET /api/v1/[...path]": { excluded: "unknown API paths: a 404 in the error shape for everyone (api.spec)" },
  "POST /api/v1/[...path]": { excluded: "unknown API paths: a 404 in the error shape for everyone (api.spec)" },
  "PUT /api/v1/[...path]": { excluded: "unknown API paths: a 404 in the error shape for everyone (api.spec)" },
  "PATCH /api/v1/[...path]": { excluded: "unknown API paths: a 404 in the error shape for everyone (api.spec)" },
  "DELETE /api/v1/[...path]": { excluded: "unknown API paths: a 404 in the error shape for everyone (api.spec)" },

  // Reads.
  "GET /api/v1/services": { policy: "read", prepare: async () => ({ path: "/api/v1/services" }) },
  "GET /api/v1/services/[slug]": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}` }),
  },
  "GET /api/v1/services/[slug]/checklist": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/checklist` }),
  },
  "GET /api/v1/services/[slug]/dora": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/dora` }),
  },
  "GET /api/v1/services/[slug]/gate": {
    policy: "read",
    allowedStatus: [412],
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/gate` }),
  },
  "GET /api/v1/services/[slug]/reviews": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/reviews` }),
  },
  "GET /api/v1/services/[slug]/scorecard": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/scorecard` }),
  },
  "GET /api/v1/services/[slug]/slos": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/slos` }),
  },
  "GET /api/v1/services/[slug]/facts": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/facts` }),
  },
  "GET /api/v1/services/[slug]/facts/[key]": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${(await fact(w)).slug}/facts/coverage` }),
  },
  "GET /api/v1/scorecards": { policy: "read", prepare: async () => ({ path: "/api/v1/scorecards" }) },
  "GET /api/v1/scorecards/[key]": {
    policy: "read",
    prepare: async () => ({ path: "/api/v1/scorecards/production-readiness" }),
  },
  "GET /api/v1/scorecards/[key]/export": {
    policy: "read",
    prepare: async () => ({ path: "/api/v1/scorecards/production-readiness/export" }),
  },
  "GET /api/v1/initiatives": { policy: "read", prepare: async () => ({ path: "/api/v1/initiatives" }) },
  "GET /api/v1/initiatives/[id]": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/initiatives/${(await initiative(w)).id}` }),
  },
  "GET /api/v1/exemptions": { policy: "read", prepare: async () => ({ path: "/api/v1/exemptions" }) },
  "GET /api/v1/services/[slug]/exemptions": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/exemptions` }),
  },
  "GET /api/v1/teams": { policy: "read", prepare: async () => ({ path: "/api/v1/teams" }) },
  "GET /api/v1/teams/[slug]/dora": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/teams/${w.teamA.slug}/dora` }),
  },
  "GET /api/v1/teams/[slug]/scorecard": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/teams/${w.teamA.slug}/scorecard` }),
  },
  "GET /api/v1/templates": { policy: "read", prepare: async () => ({ path: "/api/v1/templates" }) },
  "GET /api/v1/templates/[key]": {
    policy: "read",
    prepare: async () => ({ path: "/api/v1/templates/production-readiness" }),
  },
  "GET /api/v1/waivers": { policy: "read", prepare: async () => ({ path: "/api/v1/waivers" }) },

  // Exports (the same API authentication; leadership figures need the ROI right).
  "GET /delivery/deployments.csv": {
    policy: "read",
    prepare: async (w) => ({ path: `/delivery/deployments.csv?team=${w.teamA.slug}` }),
  },
  "GET /delivery/incidents.csv": {
    policy: "read",
    prepare: async (w) => ({ path: `/delivery/incidents.csv?team=${w.teamA.slug}` }),
  },
  "GET /delivery/teams.csv": { policy: "read", prepare: async () => ({ path: "/delivery/teams.csv" }) },
  "GET /leadership/export/assumptions.csv": {
    policy: "roi",
    prepare: async () => ({ path: "/leadership/export/assumptions.csv" }),
  },
  "GET /leadership/export/months.csv": {
    policy: "roi",
    prepare: async () => ({ path: "/leadership/export/months.csv" }),
  },
  "GET /leadership/export/teams.csv": {
    policy: "roi",
    prepare: async () => ({ path: "/leadership/export/teams.csv" }),
  },
  "GET /scorecards/teams.csv": { policy: "read", prepare: async () => ({ path: "/scorecards/teams.csv" }) },
  "GET /services/export.csv": { policy: "read", prepare: async () => ({ path: "/services/export.csv" }) },
  "GET /settings/scorecards/[key]/export.yaml": {
    policy: "read",
    prepare: async () => ({ path: "/settings/scorecards/production-readiness/export.yaml" }),
  },
  "GET /settings/templates/[key]/export.yaml": {
    policy: "read",
    prepare: async () => ({ path: "/settings/templates/production-readiness/export.yaml" }),
  },
  "GET /teams/[slug]/scorecard.csv": {
    policy: "read",
    prepare: async (w) => ({ path: `/teams/${w.teamA.slug}/scorecard.csv` }),
  },
  "GET /teams/export.csv": { policy: "read", prepare: async () => ({ path: "/teams/export.csv" }) },
  "GET /waivers/export.csv": { policy: "read", prepare: async () => ({ path: "/waivers/export.csv" }) },
  "GET /settings/audit/export.csv": {
    policy: "org",
    prepare: async () => ({ path: "/settings/audit/export.csv?kind=security" }),
  },

  // Writes by the owning team.
  "PATCH /api/v1/services/[slug]": {
    policy: "teamA",
    prepare: async (w) => ({
      path: `/api/v1/services/${(await w.freshService()).slug}`,
      json: { description: "Edited by the matrix" },
    }),
  },
  "PATCH /api/v1/services/[slug]/checklist/items/[key]": {
    policy: "teamA",
    prepare: async (w) => ({
      path: `/api/v1/services/${(await w.freshService()).slug}/checklist/items/${w.itemKey}`,
      json: { status: "done", version: 0, evidenceUrl: "https://wiki.example.com/evidence" },
    }),
  },
  "POST /api/v1/services/[slug]/reviews": {
    policy: "teamA",
    prepare: async (w) => ({
      path: `/api/v1/services/${(await w.freshService()).slug}/reviews`,
      json: { note: "Ready for a look" },
    }),
  },
  "POST /api/v1/services/[slug]/waivers": {
    policy: "teamA",
    prepare: async (w) => ({
      path: `/api/v1/services/${(await w.freshService()).slug}/waivers`,
      json: { item: w.itemKey, justification: "Covered by the platform's shared runbook", expiresAt: future() },
    }),
  },
  "POST /api/v1/services/[slug]/exemptions": {
    policy: "teamA",
    prepare: async (w) => ({
      path: `/api/v1/services/${(await w.freshService()).slug}/exemptions`,
      json: { rule: "runbook", justification: "The runbook moves to the new wiki this month", expiresAt: future() },
    }),
  },
  "POST /api/v1/reviews/[id]/comments": {
    policy: "teamA",
    prepare: async (w) => ({ path: `/api/v1/reviews/${(await review(w)).id}/comments`, json: { body: "A question" } }),
  },

  // Events: the owning team, or an ingest token bound to it.
  "POST /api/v1/deployments": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/deployments",
      json: {
        externalId: uniq("deploy"),
        service: w.serviceA.slug,
        environment: "production",
        status: "success",
        finishedAt: iso(5),
      },
    }),
  },
  "POST /api/v1/incidents": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/incidents",
      json: {
        externalId: uniq("inc"),
        service: w.serviceA.slug,
        title: "Checkout errors",
        startedAt: iso(60),
        resolvedAt: iso(30),
      },
    }),
  },
  "POST /api/v1/sli": {
    policy: "teamIngest",
    prepare: async (w) => {
      const { svc, slo: s } = await slo(w);
      return {
        path: "/api/v1/sli",
        json: {
          service: svc.slug,
          slo: s.name,
          samples: [{ start: iso(10).slice(0, 16) + ":00Z", good: 99, total: 100 }],
        },
      };
    },
  },
  "PUT /api/v1/services/[slug]/facts/[key]": {
    policy: "teamIngest",
    prepare: async (w) => ({ path: `/api/v1/services/${w.serviceA.slug}/facts/${uniq("cov")}`, json: { line: 80 } }),
  },
  "DELETE /api/v1/services/[slug]/facts/[key]": {
    policy: "teamIngest",
    prepare: async (w) => ({ path: `/api/v1/services/${(await fact(w)).slug}/facts/coverage` }),
  },
  "POST /api/v1/facts": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/facts",
      json: { facts: [{ service: w.serviceA.slug, key: uniq("vulns"), value: { critical: 0 } }] },
    }),
  },
  "POST /api/v1/slos": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/slos",
      json: { service: w.serviceA.slug, name: uniq("latency"), objective: 99.5 },
    }),
  },
  "PATCH /api/v1/slos/[id]": {
    policy: "teamIngest",
    prepare: async (w) => ({ path: `/api/v1/slos/${(await slo(w)).slo.id}`, json: { objective: 99.5 } }),
  },
  "POST /api/v1/deployments/import": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/deployments/import",
      csv: `externalId,service,environment,status,finishedAt\n${uniq("deploy")},${w.serviceA.slug},production,success,${iso(5)}\n`,
    }),
  },
  "POST /api/v1/incidents/import": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/incidents/import",
      csv: `externalId,service,title,startedAt\n${uniq("inc")},${w.serviceA.slug},Outage,${iso(5)}\n`,
    }),
  },
  "POST /api/v1/slos/import": {
    policy: "teamIngest",
    prepare: async (w) => ({
      path: "/api/v1/slos/import",
      yaml: `version: "prometheus/v1"\nservice: "${w.serviceA.slug}"\nslos:\n  - { name: ${uniq("requests")}, objective: 99.9 }\n`,
    }),
  },

  // The platform team's.
  "GET /api/v1/slos/[id]/source": {
    policy: "read",
    prepare: async (w) => ({ path: `/api/v1/slos/${(await sloWithSource(w)).id}/source` }),
  },
  "PUT /api/v1/slos/[id]/source": {
    policy: "org",
    prepare: async (w) => ({
      path: `/api/v1/slos/${(await slo(w)).slo.id}/source`,
      json: { url: "http://127.0.0.1:9", errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY },
    }),
  },
  "DELETE /api/v1/slos/[id]/source": {
    policy: "org",
    prepare: async (w) => ({ path: `/api/v1/slos/${(await sloWithSource(w)).id}/source` }),
  },
  // A pull of an unreachable source changes only the source's own report (bookkeeping to the
  // change counter): allowed means a 200 that carries the error.
  "POST /api/v1/slos/[id]/source/pull": {
    policy: "org",
    writes: false,
    prepare: async (w) => ({ path: `/api/v1/slos/${(await sloWithSource(w)).id}/source/pull` }),
  },
  "POST /api/v1/services": {
    policy: "org",
    prepare: async (w) => ({
      path: "/api/v1/services",
      json: { slug: uniq("new"), name: "New service", team: w.teamA.slug, tier: 2, lifecycle: "production" },
    }),
  },
  // The e2e server has no CATALOG_SYNC_URL: the platform team is let through to a 409 that names
  // the setting; everyone else is refused first.
  "POST /api/v1/catalog/sync": {
    policy: "org",
    writes: false,
    allowedStatus: [409],
    prepare: async () => ({ path: "/api/v1/catalog/sync" }),
  },
  "POST /api/v1/teams": {
    policy: "org",
    prepare: async () => ({ path: "/api/v1/teams", json: { slug: uniq("team"), name: "New team" } }),
  },
  "POST /api/v1/templates": {
    policy: "org",
    prepare: async () => ({
      path: "/api/v1/templates",
      yaml: TEMPLATE_YAML.replace(/^key: .*$/m, `key: ${uniq("tpl")}`),
    }),
  },
  "POST /api/v1/catalog/import": {
    policy: "org",
    prepare: async (w) => ({
      path: "/api/v1/catalog/import",
      yaml: `kind: Component\nmetadata: { name: ${uniq("imported")} }\nspec: { type: service, lifecycle: production, owner: group:${w.teamA.slug} }\n`,
    }),
  },
  "POST /api/v1/reviews/[id]/decision": {
    policy: "org",
    prepare: async (w) => ({ path: `/api/v1/reviews/${(await review(w)).id}/decision`, json: { decision: "approve" } }),
  },
  "POST /api/v1/scorecards": {
    policy: "org",
    prepare: async () => ({ path: "/api/v1/scorecards", yaml: cardYaml(uniq("card")) }),
  },
  // A dry run of the default scorecard's own YAML and a new one: allowed, it plans and writes nothing.
  "POST /api/v1/scorecards/apply": {
    policy: "org",
    writes: false,
    prepare: async (w) => ({
      path: "/api/v1/scorecards/apply",
      json: {
        dryRun: true,
        files: [
          {
            name: "default.yaml",
            text: await (await w.actors.platform.ctx.get("/api/v1/scorecards/production-readiness/export")).text(),
          },
          { name: "new.yaml", text: cardYaml(uniq("card")) },
        ],
      },
    }),
  },
  "PUT /api/v1/scorecards/[key]": {
    policy: "org",
    prepare: async (w) => {
      const key = await scorecardKey(w);
      return {
        path: `/api/v1/scorecards/${key}`,
        json: {
          key,
          name: "Card",
          rules: [{ key: "slos", name: "Has an SLO", level: "bronze", check: { type: "slo_count" } }],
        },
      };
    },
  },
  "PUT /api/v1/scorecards/[key]/rules/[rule]": {
    policy: "org",
    prepare: async (w) => ({
      path: `/api/v1/scorecards/${await scorecardKey(w)}/rules/has-runbook`,
      json: {
        key: "has-runbook",
        name: "Has a runbook",
        level: "bronze",
        check: { type: "catalog_field", field: "runbookUrl" },
      },
    }),
  },
  "DELETE /api/v1/scorecards/[key]/rules/[rule]": {
    policy: "org",
    prepare: async (w) => {
      const key = uniq("card");
      await w.db.scorecard.create({
        data: {
          key,
          name: `Card ${key}`,
          rules: {
            create: [{ key: "slos", name: "Has an SLO", level: "bronze", position: 0, check: { type: "slo_count" } }],
          },
        },
      });
      return { path: `/api/v1/scorecards/${key}/rules/slos` };
    },
  },
  "POST /api/v1/initiatives": {
    policy: "org",
    prepare: async (w) => ({
      path: "/api/v1/initiatives",
      json: {
        name: "Runbooks everywhere",
        targetLevel: "bronze",
        teams: [w.teamA.slug],
        owner: w.users.platform.email,
        targetDate: future(),
      },
    }),
  },
  "POST /api/v1/exemptions/[id]/decision": {
    policy: "org",
    prepare: async (w) => ({
      path: `/api/v1/exemptions/${(await exemption(w)).id}/decision`,
      json: { decision: "approve" },
    }),
  },
  "POST /api/v1/exemptions/[id]/revoke": {
    policy: "org",
    prepare: async (w) => ({ path: `/api/v1/exemptions/${(await exemption(w, "approved")).id}/revoke`, json: {} }),
  },
  "POST /api/v1/waivers/[id]/decision": {
    policy: "org",
    prepare: async (w) => ({ path: `/api/v1/waivers/${(await waiver(w)).id}/decision`, json: { decision: "approve" } }),
  },

  // Signed by the sender, never by a user's or token's credentials.
  "POST /api/v1/webhooks/github": {
    policy: "signature",
    prepare: async () => ({
      path: "/api/v1/webhooks/github",
      json: { action: "created", deployment_status: { state: "success" } },
    }),
  },
  "POST /api/v1/webhooks/pagerduty": {
    policy: "signature",
    prepare: async () => ({
      path: "/api/v1/webhooks/pagerduty",
      json: { event: { event_type: "incident.triggered" } },
    }),
  },
  "POST /api/v1/webhooks/incident-io": {
    policy: "signature",
    prepare: async (w) => ({
      path: "/api/v1/webhooks/incident-io",
      json: {
        event_type: "public_incident.incident_created_v2",
        "public_incident.incident_created_v2": {
          id: uniq("01H"),
          created_at: iso(5),
          incident_status: { category: "active" },
          custom_field_entries: [{ custom_field: { name: "Service" }, values: [{ value_text: w.serviceA.slug }] }],
        },
      },
    }),
  },
  "POST /api/v1/webhooks/gitlab": {
    policy: "signature",
    prepare: async () => ({
      path: "/api/v1/webhooks/gitlab",
      json: { object_kind: "deployment", status: "success", deployment_id: 1 },
    }),
  },
  // A user's session or API token is not the receiver's shared token: well-formed alerts naming a
  // real service are still refused, and write nothing.
  "POST /api/v1/webhooks/alertmanager": {
    policy: "signature",
    prepare: async (w) => ({
      path: "/api/v1/webhooks/alertmanager",
      json: {
        version: "4",
        status: "firing",
        alerts: [{ status: "firing", labels: { alertname: "Down", service: w.serviceA.slug }, startsAt: iso(5) }],
      },
    }),
  },
  "POST /api/v1/webhooks/opsgenie": {
    policy: "signature",
    prepare: async (w) => ({
      path: "/api/v1/webhooks/opsgenie",
      json: {
        action: "Create",
        alert: { alertId: uniq("og"), tags: [`service:${w.serviceA.slug}`], createdAt: Date.now() - 60_000 },
      },
    }),
  },
};

const idOnly = (make: (w: World) => Promise<{ id: string }>) => async (w: World) => ({ id: (await make(w)).id });

export const ACTIONS: Record<string, ActionCell> = {
  // Access: the platform team manages users and tokens; everyone manages their own account.
  createTokenAction: { policy: "org", prepare: async () => ({ name: uniq("tok"), scopes: ["read"], team: "" }) },
  revokeTokenAction: {
    policy: "org",
    prepare: async (w) => ({
      id: (
        await w.db.apiToken.create({
          data: { name: uniq("tok"), tokenHash: uniq("hash"), prefix: "ssp_x", scopes: ["read"] },
        })
      ).id,
    }),
  },
  setUserDisabledAction: {
    policy: "org",
    prepare: async (w) => ({
      id: (await w.db.user.create({ data: { email: `${uniq("target")}@test.shipshape.dev`, role: "engineer" } })).id,
      disabled: "true",
    }),
  },
  createUserAction: {
    policy: "org",
    prepare: async () => ({
      email: `${uniq("new")}@test.shipshape.dev`,
      name: "New",
      role: "engineer",
      team: "",
      password: "a-long-password-1",
    }),
  },
  signOutEverywhereAction: { policy: "self", prepare: async () => ({}), after: (w, actor) => w.signInAgain(actor) },
  startSsoLinkAction: {
    policy: "self",
    prepare: async () => ({ provider: "github" }),
    writes: false,
    allowedResult: /That sign-in provider is not configured/,
  },
  startTotpAction: { policy: "self", prepare: async () => ({}), after: resetTotp },
  confirmTotpAction: {
    policy: "self",
    prepare: async (w, actor) => {
      const id = sessionUserId(w, actor);
      if (id) await w.db.user.update({ where: { id }, data: { totpPendingSecret: sealSecret(TOTP_SECRET, keys()) } });
      return { code: await generate({ secret: TOTP_SECRET }) };
    },
    after: resetTotp,
  },
  disableTotpAction: {
    policy: "self",
    prepare: async (w, actor) => {
      const id = sessionUserId(w, actor);
      if (id)
        await w.db.user.update({
          where: { id },
          data: { totpSecret: sealSecret(TOTP_SECRET, keys()), totpEnabledAt: new Date(), totpLastStep: null },
        });
      return { code: await generate({ secret: TOTP_SECRET }) };
    },
    after: resetTotp,
  },

  // Catalog.
  createServiceAction: {
    policy: "org",
    prepare: async (w) => ({
      slug: uniq("ui"),
      name: "From the form",
      team: w.teamA.slug,
      tier: "2",
      lifecycle: "production",
      type: "service",
    }),
  },
  updateServiceAction: {
    policy: "teamA",
    prepare: async (w) => {
      const svc = await w.freshService();
      return {
        currentSlug: svc.slug,
        name: "Renamed by the matrix",
        team: w.teamA.slug,
        tier: "2",
        lifecycle: "production",
        type: "service",
      };
    },
  },
  archiveServiceAction: {
    policy: "org",
    prepare: async (w) => ({ slug: (await w.freshService()).slug, archived: "true" }),
  },
  importCatalogAction: {
    policy: "org",
    prepare: async (w) => ({
      yaml: `kind: Component\nmetadata: { name: ${uniq("ui-import")} }\nspec: { type: service, lifecycle: production, owner: group:${w.teamA.slug} }\n`,
    }),
  },

  // Delivery.
  importCsvAction: {
    policy: "teamA",
    prepare: async (w) => ({
      kind: "deployments",
      text: `externalId,service,environment,status,finishedAt\n${uniq("csv")},${w.serviceA.slug},production,success,${iso(20)}\n`,
    }),
  },
  mapUnmatchedAction: {
    policy: "org",
    prepare: async (w) => {
      const key = `${uniq("org")}/repo`;
      await w.db.unmatchedEvent.create({
        data: { provider: "github", externalKey: key, eventType: "deployment_status", payload: {} },
      });
      return { provider: "github", externalKey: key, service: (await w.freshService()).slug };
    },
  },

  // Leadership.
  saveAssumptionsAction: {
    policy: "roi",
    prepare: async () => ({
      currency: "EUR",
      tier1: String(10_000 + Math.floor(Math.random() * 1000)),
      tier2: "2000",
      tier3: "300",
      engineerCostPerHour: "110",
      remediationHoursPerFailedChange: "3",
      baselineFrom: "2026-01-01",
      baselineTo: "2026-03-31",
    }),
  },

  // Notifications.
  createWebhookAction: {
    policy: "org",
    prepare: async () => ({
      name: uniq("hook"),
      url: "https://93.184.216.34/hook",
      teamId: "",
      events: ["review.decided"],
    }),
  },
  toggleWebhookAction: { policy: "org", prepare: async (w) => ({ id: (await webhook(w)).id, enabled: "false" }) },
  deleteWebhookAction: { policy: "org", prepare: idOnly(webhook) },
  testWebhookAction: { policy: "org", prepare: idOnly(webhook) },

  // Readiness.
  updateItemAction: {
    policy: "teamA",
    prepare: async (w) => ({
      slug: (await w.freshService()).slug,
      itemKey: w.itemKey,
      version: "0",
      status: "done",
      evidenceUrl: "https://wiki.example.com/e",
    }),
  },
  requestWaiverAction: {
    policy: "teamA",
    prepare: async (w) => ({
      slug: (await w.freshService()).slug,
      itemKey: w.itemKey,
      justification: "Covered by the shared platform runbook",
      expiresAt: future(),
    }),
  },
  requestExemptionAction: {
    policy: "teamA",
    prepare: async (w) => ({
      service: (await w.freshService()).slug,
      scorecard: "production-readiness",
      rule: "runbook",
      justification: "The runbook moves to the new wiki this month",
      expiresAt: future(),
    }),
  },
  decideExemptionAction: {
    policy: "org",
    prepare: async (w) => ({ id: (await exemption(w)).id, decision: "approve" }),
  },
  revokeExemptionAction: {
    policy: "org",
    prepare: async (w) => ({ id: (await exemption(w, "approved")).id }),
  },
  decideWaiverAction: {
    policy: "org",
    prepare: async (w) => ({ waiverId: (await waiver(w)).id, decision: "approve" }),
  },
  requestReviewAction: { policy: "teamA", prepare: async (w) => ({ slug: (await w.freshService()).slug, note: "" }) },
  decideReviewAction: {
    policy: "org",
    prepare: async (w) => ({ reviewId: (await review(w)).id, decision: "approve" }),
  },
  commentReviewAction: {
    policy: "teamA",
    prepare: async (w) => ({ reviewId: (await review(w)).id, body: "Looks close" }),
  },
  upgradeChecklistAction: {
    policy: "teamA",
    prepare: async (w) => {
      // A service on an older template version, so the upgrade changes something.
      const svc = await w.freshService();
      const old = await w.db.checklistTemplate.findFirstOrThrow({
        where: { key: "production-readiness" },
        orderBy: { version: "asc" },
      });
      const latest = await w.db.checklistTemplate.findFirstOrThrow({
        where: { key: "production-readiness" },
        orderBy: { version: "desc" },
      });
      if (old.id === latest.id)
        throw new Error("the matrix needs two versions of production-readiness (see beforeAll)");
      await w.db.serviceChecklist.create({ data: { serviceId: svc.id, templateId: old.id } });
      return { slug: svc.slug };
    },
  },
  itemHistoryAction: {
    policy: "self",
    prepare: async () => ({}),
    args: async (w) => [w.serviceA.slug, w.itemKey],
    writes: false,
    allowedResult: /checklist\.item\.update/,
  },
  importTemplateAction: {
    policy: "org",
    prepare: async () => ({ yaml: TEMPLATE_YAML.replace(/^key: .*$/m, `key: ${uniq("tpl")}`) }),
  },

  // Scorecards and initiatives.
  importScorecardAction: {
    policy: "org",
    prepare: async () => ({
      yaml: `key: ${uniq("card")}\nname: Matrix card\nrules:\n  - { key: has-runbook, name: Has a runbook, level: bronze, check: { type: catalog_field, field: runbookUrl } }\n`,
    }),
  },
  previewExpressionAction: {
    policy: "self",
    prepare: async (w) => ({ expression: "catalog.tier >= 1", service: w.serviceA.slug }),
    writes: false,
    allowedResult: /Passes on/,
  },
  saveRuleAction: {
    policy: "org",
    prepare: async (w) => ({
      scorecard: await scorecardKey(w),
      key: "has-runbook",
      name: "Has a runbook",
      level: "bronze",
      weight: "1",
      enabled: "on",
      type: "catalog_field",
      field: "runbookUrl",
    }),
  },
  deleteRuleAction: {
    policy: "org",
    prepare: async (w) => {
      const key = await scorecardKey(w);
      const card = await w.db.scorecard.findUniqueOrThrow({ where: { key } });
      await w.db.scorecardRule.create({
        data: {
          scorecardId: card.id,
          key: "gone",
          name: "Goes away",
          level: "bronze",
          check: { type: "catalog_field", field: "runbookUrl" },
          position: 0,
        },
      });
      return { scorecard: key, rule: "gone" };
    },
  },
  updateScorecardSettingsAction: {
    policy: "org",
    prepare: async (w) => ({ scorecard: await scorecardKey(w), name: "Renamed card", description: "", enabled: "on" }),
  },
  createScorecardAction: {
    policy: "org",
    prepare: async () => ({ key: uniq("card"), name: "New card", description: "" }),
  },
  createInitiativeAction: {
    policy: "org",
    prepare: async (w) => ({
      name: "Runbooks everywhere",
      description: "",
      targetLevel: "bronze",
      ruleKeys: [],
      teamIds: [w.teamA.id],
      services: "",
      ownerId: w.users.platform.id,
      targetDate: future(),
    }),
  },
  archiveInitiativeAction: {
    policy: "org",
    prepare: async (w) => ({
      id: (
        await w.db.initiative.create({
          data: {
            name: uniq("init"),
            ruleKeys: [],
            ownerId: w.users.platform.id,
            targetDate: new Date(Date.now() + 86_400_000),
          },
        })
      ).id,
    }),
  },

  // SLOs.
  createSloAction: {
    policy: "teamA",
    prepare: async (w) => ({ service: w.serviceA.slug, name: uniq("ui-slo"), objective: "99.9", windowDays: "30" }),
  },
  importSloAction: {
    policy: "teamA",
    prepare: async (w) => ({
      yaml: `version: "prometheus/v1"\nservice: "${w.serviceA.slug}"\nslos:\n  - { name: ${uniq("ui-import")}, objective: 99.5 }\n`,
    }),
  },
  setPolicyAction: {
    policy: "org",
    prepare: async (w) => ({ service: (await w.freshService()).slug, policy: "Freeze releases at 0%." }),
  },
};
