// Reads the manifest of a backup written by `npm run cli -- backup` (lib/core/db/backup.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import type { BackupManifest } from "@/lib/core/db/backup";

export async function manifestOf(file: string): Promise<BackupManifest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-manifest-"));
  try {
    await tar.extract({ file, cwd: dir }, ["manifest.json"]);
    return JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
