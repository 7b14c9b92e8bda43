// Runs a command with DATABASE_URL pointing at the project's database (CONTRACT §7), e.g.
//   tsx lib/core/runtime/with-database.ts prisma migrate dev
// Used by the db:* npm scripts so they work on the embedded cluster with no configuration.
import { spawn } from "node:child_process";
import { openDatabase } from "@/lib/core/db/local-database";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-database <command> [args…]");
  process.exit(2);
}
const db = await openDatabase();
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: db.url } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
const code: number = await new Promise((resolve) => child.on("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
await db.release();
process.exit(code);
