// "Builds if there is no current build": the production build is current when it was made from
// exactly the sources on disk. A content hash of the inputs is stored next to the build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public", "generated"];
const INPUT_FILES = [
  "package-lock.json",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const distDir = () => path.resolve(process.env.NEXT_DIST_DIR ?? ".next");
const stampFile = () => path.join(distDir(), "shipshape-build.json");

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.resolve(d), files);
  for (const f of INPUT_FILES) if (fs.existsSync(f)) files.push(path.resolve(f));
  const hash = crypto.createHash("sha256");
  for (const f of files.sort()) {
    hash.update(path.relative(process.cwd(), f));
    hash.update(fs.readFileSync(f));
  }
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!fs.existsSync(path.join(distDir(), "BUILD_ID")) || !fs.existsSync(stampFile())) return false;
  const stamp = JSON.parse(fs.readFileSync(stampFile(), "utf8")) as { hash?: string };
  return stamp.hash === sourceHash();
}

export function writeBuildStamp(): void {
  fs.writeFileSync(stampFile(), JSON.stringify({ hash: sourceHash(), builtAt: new Date().toISOString() }));
}
