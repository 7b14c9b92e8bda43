// deploy/readiness/shipshape.yaml: Shipshape's own readiness review, read and checked with zod.
// No database code here, so tests outside the server can read it too (seed/dogfood.ts loads it).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ZLifecycle, ZServiceType } from "@/lib/catalog/schemas";
import { parseYamlDocument } from "@/lib/core/yaml";

export const DOGFOOD_FILE = path.resolve("deploy", "readiness", "shipshape.yaml");

const ZRepoPath = z
  .string()
  .min(1)
  .refine((p) => !p.includes("..") && !path.isAbsolute(p), "must be a path inside the repository");

const ZAnswer = z.discriminatedUnion("status", [
  z.object({ status: z.literal("done"), evidence: ZRepoPath, note: z.string().optional() }),
  z.object({ status: z.literal("open"), note: z.string().min(1, "an open item says what is missing") }),
  z.object({ status: z.literal("not_applicable"), reason: z.string().min(1) }),
]);

export const ZDogfood = z.object({
  service: z.object({
    slug: z.string().min(1),
    name: z.string().min(1),
    description: z.string(),
    tier: z.number().int().min(1).max(3),
    lifecycle: ZLifecycle,
    type: ZServiceType,
    team: z.string().min(1),
    repository: z.url(),
    runbook: ZRepoPath,
    dashboard: ZRepoPath,
  }),
  template: z.string().min(1),
  items: z.record(z.string(), ZAnswer),
});
export type TDogfood = z.infer<typeof ZDogfood>;

export function readDogfood(file = DOGFOOD_FILE): TDogfood {
  return parseYamlDocument(fs.readFileSync(file, "utf8"), ZDogfood, path.basename(file));
}
