// Several production servers on one database of their own, as Kubernetes would run them: for the
// multi-replica and shutdown tests. Each server writes its JSON logs to a file the test can read.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { startAppServer } from "@/lib/core/runtime/app-server";
import { createScratchDatabase } from "./scratch-database";

export type Replica = {
  name: string;
  base: string;
  logFile: string;
  stop: () => void;
  exited: Promise<number | null>;
  /** The replica's JSON log lines so far. */
  logs: () => Array<Record<string, unknown>>;
};

export const REPLICA_SECRET = "replica-test-secret-0123456789abcdef";
export const REPLICA_METRICS_TOKEN = "replica-metrics-token";

export async function replicaDatabase(): Promise<{ url: string; db: PrismaClient; drop: () => Promise<void> }> {
  const on = process.env.E2E_DATABASE_URL;
  if (!on) throw new Error("E2E_DATABASE_URL is not set: run the e2e suite with `npm run test:e2e`");
  const scratch = await createScratchDatabase({ on });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url, max: 2 }) });
  return {
    url: scratch.url,
    db,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

function readLog(file: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export async function startReplica(
  name: string,
  url: string,
  opts: { jobs?: boolean; env?: Record<string, string> } = {},
): Promise<Replica> {
  const dir = path.resolve("test-results", "replicas");
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `${name}.log`);
  fs.rmSync(logFile, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: REPLICA_SECRET,
    NEXTAUTH_SECRET: REPLICA_SECRET,
    METRICS_TOKEN: REPLICA_METRICS_TOKEN,
    SHIPSHAPE_DEMO: "0",
    ...opts.env,
  };
  // An empty value in `opts.env` unsets the variable.
  for (const [k, v] of Object.entries(env)) if (v === "") delete env[k];
  const app = await startAppServer(env, () => {}, logFile, { jobs: opts.jobs, logLevel: "info" });
  return { name, ...app, logFile, logs: () => readLog(logFile) };
}
