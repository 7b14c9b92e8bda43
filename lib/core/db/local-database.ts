// "One database, whatever the entry point" (CONTRACT §7): DATABASE_URL when set, otherwise the
// embedded cluster in .data/postgres, started here or shared with the process already running it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, startCluster, stopCluster, type Cluster } from "./embedded-postgres";

export const DATA_DIR = path.resolve(process.cwd(), ".data");
const SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const DATABASE_NAME = "shipshape";

type LocalSecrets = { pgPassword: string; authSecret: string };

/** Secrets generated once per checkout for embedded mode, kept in .data/secrets.json (mode 600). */
export function localSecrets(): LocalSecrets {
  if (fs.existsSync(SECRETS_FILE)) return JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    pgPassword: crypto.randomBytes(18).toString("base64url"),
    authSecret: crypto.randomBytes(32).toString("base64url"),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export type Database = {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release: () => Promise<void>;
};

export function embeddedPort(): number {
  const raw = process.env.SHIPSHAPE_PG_PORT ?? "54329";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`SHIPSHAPE_PG_PORT must be a port number (1-65535), got "${raw}"`);
  }
  return port;
}

export async function openDatabase(): Promise<Database> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: false, release: async () => undefined };
  const { pgPassword } = localSecrets();
  const cluster: Cluster = await startCluster({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: embeddedPort(),
    password: pgPassword,
  });
  const url = await createDatabase(cluster, DATABASE_NAME);
  return { url, embedded: true, release: () => stopCluster(cluster) };
}
