// What the benchmark's two modes share: the org-scale data set, the benchmark's credentials, and the
// printing helpers.
import crypto from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/access/server/password";
import { generateToken, hashToken, tokenDisplayPrefix } from "@/lib/access/server/token-secrets";
import { resetDatabase, runSeed } from "@/prisma/seed";
export { signIn } from "../support/sign-in";

export const say = (m: string) => process.stdout.write(`${m}\n`);

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The `seed large` data set at a scale (1: 200 teams, 2,000 services, ~2.2M deployments), loaded once. */
export async function ensureLargeData(db: PrismaClient, scale = 1): Promise<void> {
  const teams = Math.max(1, Math.round(200 * scale));
  if ((await db.team.count()) >= teams && (await db.deployment.count()) > teams * 5_000) return;
  say(
    `benchmark database: loading the data set at scale ${scale} (${teams} teams, ${teams * 10} services, ~${Math.round(teams * 11_000).toLocaleString("en-US")} deployments)${scale >= 1 ? "; about 4 minutes" : ""}, once…`,
  );
  await resetDatabase(db);
  await runSeed(db, "large", { log: (m) => say(`  ${m}`), scale });
}

/** A platform user and an admin token for the benchmark, refreshed on every run. */
export async function benchCredentials(db: PrismaClient) {
  const email = "bench@shipshape.local";
  const password = crypto.randomBytes(12).toString("hex");
  await db.user.upsert({
    where: { email },
    update: { passwordHash: await hashPassword(password), disabled: false, role: "platform" },
    create: { email, name: "Benchmark", role: "platform", passwordHash: await hashPassword(password) },
  });
  const token = generateToken();
  await db.apiToken.create({
    data: {
      name: `bench-${Date.now()}`,
      tokenHash: hashToken(token),
      prefix: tokenDisplayPrefix(token),
      scopes: ["read", "admin", "ingest"],
    },
  });
  return { email, password, token };
}

export function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  say(`\n${fmt(head)}\n${widths.map((w) => "─".repeat(w)).join("  ")}\n${rows.map(fmt).join("\n")}`);
}
