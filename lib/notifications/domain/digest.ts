// The weekly digest per team, pure: what fails, what each service needs for its next level, what
// changed since last week, and the waivers and exemptions about to expire. Built from the same
// scorecard evaluation and snapshots as the pages; sent as a `digest.weekly` notification.
import { mrkdwn } from "./message";

type Level = "none" | "bronze" | "silver" | "gold";

export type DigestInput = {
  team: { slug: string; name: string };
  week: string;
  score: number | null;
  scoreWeekAgo: number | null;
  levels: Record<Level, number>;
  failing: Array<{ rule: string; name: string; level: string; services: number }>;
  services: Array<{
    slug: string;
    name: string;
    level: Level;
    levelWeekAgo: Level | null;
    next: { level: string; failing: string[] } | null;
  }>;
  expiring: Array<{ kind: "waiver" | "exemption"; service: string; what: string; expiresAt: Date }>;
};

export type TeamDigest = {
  /** Slack mrkdwn, several lines. */
  text: string;
  data: {
    week: string;
    score: number | null;
    scoreChange: number | null;
    levels: Record<Level, number>;
    failing: DigestInput["failing"];
    nextLevel: Array<{ service: string; level: string; failing: string[] }>;
    changes: Array<{ service: string; from: Level; to: Level }>;
    expiring: Array<{ kind: string; service: string; what: string; expiresAt: string }>;
  };
};

const RANK: Record<Level, number> = { none: 0, bronze: 1, silver: 2, gold: 3 };
const MAX_LINES = 5;

function more(items: string[], max = MAX_LINES): string[] {
  return items.length <= max ? items : [...items.slice(0, max), `…and ${items.length - max} more`];
}

export function buildTeamDigest(input: DigestInput): TeamDigest {
  const scoreChange =
    input.score !== null && input.scoreWeekAgo !== null
      ? Math.round((input.score - input.scoreWeekAgo) * 10) / 10
      : null;
  const changes = input.services
    .filter((s) => s.levelWeekAgo !== null && s.levelWeekAgo !== s.level)
    .map((s) => ({ service: s.slug, name: s.name, from: s.levelWeekAgo as Level, to: s.level }));
  const nextLevel = input.services
    .filter((s) => s.next && s.next.failing.length > 0)
    .sort((a, b) => RANK[a.level] - RANK[b.level] || a.name.localeCompare(b.name))
    .map((s) => ({ service: s.slug, name: s.name, level: s.next!.level, failing: s.next!.failing }));

  const lines: string[] = [];
  const change =
    scoreChange === null ? "" : scoreChange === 0 ? " (no change)" : ` (${scoreChange > 0 ? "+" : ""}${scoreChange})`;
  lines.push(
    mrkdwn`*${input.team.name}* — week of ${input.week}: score ${input.score ?? "—"}` +
      change +
      ` · ${input.levels.gold} gold, ${input.levels.silver} silver, ${input.levels.bronze} bronze, ${input.levels.none} below`,
  );
  if (changes.length)
    lines.push(
      "*Since last week*",
      ...more(changes.map((c) => mrkdwn`• ${c.name}: ${c.from} → ${c.to}${RANK[c.to] < RANK[c.from] ? " ▼" : " ▲"}`)),
    );
  if (input.failing.length)
    lines.push(
      "*Failing rules*",
      ...more(
        input.failing.map((f) => mrkdwn`• ${f.name} (${f.level}): ${f.services} service${f.services === 1 ? "" : "s"}`),
      ),
    );
  if (nextLevel.length)
    lines.push(
      "*Next level*",
      ...more(nextLevel.map((n) => mrkdwn`• ${n.name} → ${n.level}: ${n.failing.slice(0, 3).join("; ")}`)),
    );
  if (input.expiring.length)
    lines.push(
      "*Expiring within 7 days*",
      ...more(
        input.expiring.map(
          (e) => mrkdwn`• ${e.service}: ${e.kind} for ${e.what}, ${e.expiresAt.toISOString().slice(0, 10)}`,
        ),
      ),
    );
  if (lines.length === 1) lines.push("Every rule passes and nothing expires this week.");
  return {
    text: lines.join("\n"),
    data: {
      week: input.week,
      score: input.score,
      scoreChange,
      levels: input.levels,
      failing: input.failing,
      nextLevel: nextLevel.map(({ service, level, failing }) => ({ service, level, failing })),
      changes: changes.map(({ service, from, to }) => ({ service, from, to })),
      expiring: input.expiring.map((e) => ({ ...e, expiresAt: e.expiresAt.toISOString() })),
    },
  };
}

/** The Monday (UTC) of the week `date` falls in, as YYYY-MM-DD: the digest's week. */
export function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
