// Server configuration, validated once. A missing or malformed setting fails at start-up with one
// clear line (CONTRACT §1), never later in a request.
import { z } from "zod";

const ZOptionalSecret = z.string().min(1).optional();

export const ZServerEnv = z
  .object({
    DATABASE_URL: z
      .string({ error: "is required (npm start sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    // Where migrations and the job runner connect when DATABASE_URL goes through PgBouncer in
    // transaction mode (they need LISTEN/NOTIFY, advisory locks and session state).
    DIRECT_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    // Read-only replicas (streaming standbys) that the organisation dashboards read from, comma-separated.
    DATABASE_REPLICA_URLS: z
      .string()
      .regex(
        /^\s*postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*\s*$/,
        "must be a comma-separated list of postgresql:// URLs",
      )
      .optional(),
    AUTH_SECRET: z.string({ error: "is required when DATABASE_URL is set" }).min(16, "must be at least 16 characters"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    NEXTAUTH_URL: z.url().optional(),
    GITHUB_WEBHOOK_SECRET: ZOptionalSecret,
    PAGERDUTY_WEBHOOK_SECRET: ZOptionalSecret,
    // The secret token of GitLab webhooks (sent back in X-Gitlab-Token).
    GITLAB_WEBHOOK_TOKEN: ZOptionalSecret,
    // Shared tokens that Alertmanager's and Opsgenie's webhooks send as `Authorization: Bearer …`.
    ALERTMANAGER_WEBHOOK_TOKEN: ZOptionalSecret,
    OPSGENIE_WEBHOOK_TOKEN: ZOptionalSecret,
    // The signing secret of an incident.io webhook endpoint ("whsec_…", Standard Webhooks).
    INCIDENT_IO_WEBHOOK_SECRET: ZOptionalSecret,
    // The catalog the scheduled sync reads: a Backstage base URL, or catalog-info.yaml URLs (comma-separated).
    CATALOG_SYNC_URL: z
      .string()
      .regex(
        /^\s*https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*\s*$/,
        "must be an http(s) URL, or a comma-separated list of them",
      )
      .optional(),
    // A Bearer token for it (a Backstage static token or service-to-service token).
    CATALOG_SYNC_TOKEN: ZOptionalSecret,
    // The Prometheus-compatible API that imported SLOs read their queries from unless they name one.
    PROMETHEUS_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    // The Authorization header sent to PROMETHEUS_URL ("Bearer …", "Basic …").
    PROMETHEUS_AUTHORIZATION: ZOptionalSecret,
    AUTH_GITHUB_ID: ZOptionalSecret,
    AUTH_GITHUB_SECRET: ZOptionalSecret,
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_ID: ZOptionalSecret,
    AUTH_OIDC_SECRET: ZOptionalSecret,
    AUTH_GITHUB_API_URL: z.url().optional(),
    AUTH_SSO_ALLOWED_DOMAINS: z
      .string()
      .regex(/^[a-z0-9.,\s-]+$/i, "must be a comma-separated list of email domains")
      .optional(),
    AUTH_GITHUB_ALLOWED_ORGS: z
      .string()
      .regex(/^[a-z0-9_.,\s-]+$/i, "must be a comma-separated list of GitHub organisations")
      .optional(),
    AUTH_TOTP_REQUIRED_ROLES: z
      .string()
      .regex(
        /^\s*(platform|engineer|leadership)(\s*,\s*(platform|engineer|leadership))*\s*$/,
        "must be a comma-separated list of roles (platform, engineer, leadership)",
      )
      .optional(),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+)$/, "must be the number of reverse proxies in front (or true for one)")
      .optional(),
    HOST: z.string().min(1).optional(),
    SHIPSHAPE_SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).optional(),
    SHIPSHAPE_SIGNIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
    SHIPSHAPE_SECRETS_KEY: z
      .string()
      .min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)")
      .optional(),
    SHIPSHAPE_SECRETS_KEY_PREVIOUS: z
      .string()
      .min(32, "must be at least 32 characters (the key SHIPSHAPE_SECRETS_KEY had before)")
      .optional(),
    SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS: z.enum(["0", "1"], { error: "must be 0 or 1" }).optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SHIPSHAPE_DEMO: z.enum(["0", "1"]).default("0"),
    SHIPSHAPE_JOBS: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1"),
    SHIPSHAPE_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .superRefine((env, ctx) => {
    const groups: Array<[string, Array<keyof typeof env>]> = [
      ["GitHub sign-in", ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"]],
      ["OIDC sign-in", ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"]],
    ];
    for (const [label, keys] of groups) {
      const set = keys.filter((k) => env[k] !== undefined);
      if (set.length > 0 && set.length < keys.length) {
        const missing = keys.filter((k) => env[k] === undefined);
        ctx.addIssue({
          code: "custom",
          path: [missing[0]],
          message: `is required for ${label} (set ${keys.join(", ")} together)`,
        });
      }
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;

/** One line naming the first bad setting, e.g. `AUTH_SECRET must be at least 16 characters`. */
export function describeEnvError(error: z.ZodError): string {
  const issue = error.issues[0];
  const key = issue?.path.join(".") || "environment";
  return `Invalid configuration: ${key} ${issue?.message ?? "is invalid"}`;
}

let cached: TServerEnv | undefined;

export function serverEnv(source: Record<string, string | undefined> = process.env): TServerEnv {
  if (cached && source === process.env) return cached;
  const emptyAsUnset = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = ZServerEnv.safeParse(emptyAsUnset);
  if (!parsed.success) throw new Error(describeEnvError(parsed.error));
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
