import type { TeamSummary } from "@/lib/data/teams";

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
