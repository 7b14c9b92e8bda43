import { fromDbServiceType } from "@/lib/catalog/schemas";
import type { TeamSummary } from "@/lib/catalog/server/teams";

// Public API shapes: slugs are the identifiers; internal ids never leave the server.

export type TTeamDto = {
  slug: string;
  name: string;
  description: string | null;
  serviceCount: number;
  memberCount: number;
  createdAt: string;
};

export function toTeamDto(team: TeamSummary): TTeamDto {
  return {
    slug: team.slug,
    name: team.name,
    description: team.description,
    serviceCount: team.services,
    memberCount: team.members,
    createdAt: team.createdAt.toISOString(),
  };
}

export type TServiceDto = {
  slug: string;
  name: string;
  team: string;
  teamName: string;
  tier: number;
  lifecycle: string;
  type: string;
  description: string | null;
  repoUrl: string | null;
  /** Monorepo: the repository paths and pull request labels that are this service's. */
  repoPaths: string[];
  repoLabels: string[];
  runbookUrl: string | null;
  dashboardUrl: string | null;
  onCall: string | null;
  pagerdutyServiceId: string | null;
  /** Key/value labels ("pci": "", "language": "go"). */
  tags: Record<string, string>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

type ServiceRowForDto = {
  slug: string;
  name: string;
  tier: number;
  lifecycle: string;
  type: "service" | "data_pipeline" | "ml_model";
  description?: string | null;
  repoUrl?: string | null;
  repoPaths?: string[];
  repoLabels?: string[];
  runbookUrl?: string | null;
  dashboardUrl?: string | null;
  onCall: string | null;
  pagerdutyServiceId?: string | null;
  tags?: unknown;
  archivedAt: Date | null;
  createdAt?: Date;
  updatedAt: Date;
  team: { slug: string; name: string };
};

export function toServiceDto(s: ServiceRowForDto): TServiceDto {
  return {
    slug: s.slug,
    name: s.name,
    team: s.team.slug,
    teamName: s.team.name,
    tier: s.tier,
    lifecycle: s.lifecycle,
    type: fromDbServiceType(s.type),
    description: s.description ?? null,
    repoUrl: s.repoUrl ?? null,
    repoPaths: s.repoPaths ?? [],
    repoLabels: s.repoLabels ?? [],
    runbookUrl: s.runbookUrl ?? null,
    dashboardUrl: s.dashboardUrl ?? null,
    onCall: s.onCall,
    pagerdutyServiceId: s.pagerdutyServiceId ?? null,
    tags: tagsOf(s.tags),
    archived: s.archivedAt !== null,
    createdAt: (s.createdAt ?? s.updatedAt).toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** A service's tags column (a JSON object of strings, by the table's CHECK and the API's schema). */
export function tagsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}
