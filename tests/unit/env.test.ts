import { describe, expect, it } from "vitest";
import { serverEnv } from "@/lib/core/env";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db", AUTH_SECRET: "0123456789abcdef0123" };

describe("server configuration", () => {
  it("accepts a minimal valid environment and applies defaults", () => {
    const env = serverEnv({ ...base });
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("names the first bad setting in one line", () => {
    expect(() => serverEnv({ ...base, DATABASE_URL: "mysql://x" })).toThrow(
      "Invalid configuration: DATABASE_URL must be a postgresql:// URL",
    );
    expect(() => serverEnv({ DATABASE_URL: base.DATABASE_URL })).toThrow(
      /^Invalid configuration: AUTH_SECRET is required/,
    );
    expect(() => serverEnv({ ...base, AUTH_SECRET: "short" })).toThrow("AUTH_SECRET must be at least 16 characters");
    expect(() => serverEnv({ ...base, PORT: "eighty" })).toThrow(/^Invalid configuration: PORT /);
  });

  it("takes read replicas as a comma-separated list of PostgreSQL URLs", () => {
    const two = "postgresql://r@replica-1:5432/db, postgres://r@replica-2:5432/db?sslmode=require";
    expect(serverEnv({ ...base, DATABASE_REPLICA_URLS: two }).DATABASE_REPLICA_URLS).toBe(two);
    expect(() => serverEnv({ ...base, DATABASE_REPLICA_URLS: "postgresql://r@replica-1/db,mysql://x" })).toThrow(
      "Invalid configuration: DATABASE_REPLICA_URLS must be a comma-separated list of postgresql:// URLs",
    );
  });

  it("treats empty strings as unset", () => {
    expect(serverEnv({ ...base, GITHUB_WEBHOOK_SECRET: "" }).GITHUB_WEBHOOK_SECRET).toBeUndefined();
  });

  it("requires SSO settings to come as a complete set", () => {
    expect(() => serverEnv({ ...base, AUTH_GITHUB_ID: "id" })).toThrow(
      "AUTH_GITHUB_SECRET is required for GitHub sign-in",
    );
    expect(() => serverEnv({ ...base, AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "x" })).toThrow(
      "AUTH_OIDC_SECRET is required for OIDC sign-in",
    );
    expect(serverEnv({ ...base, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" }).AUTH_GITHUB_ID).toBe("id");
  });
});
