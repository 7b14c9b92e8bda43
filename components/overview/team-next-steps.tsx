import Link from "next/link";
import { ArrowRight, CheckCircle2 } from "lucide-react";
import { LevelBadge, LEVEL_LABEL } from "@/components/scorecards/level-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

type Level = "none" | "bronze" | "silver" | "gold";

export type TeamNextStepsData = Array<{
  team: { slug: string; name: string };
  score: number | null;
  levels: Record<Level, number>;
  services: Array<{
    id: string;
    slug: string;
    name: string;
    level: Level;
    next: { level: Exclude<Level, "none">; failing: Array<{ key: string; name: string; reason: string }> } | null;
  }>;
}>;

/**
 * An engineer's overview: each service of their teams with its level and exactly what its next
 * level needs, every failing rule linking to where the service's scorecard explains and fixes it.
 */
export function TeamNextSteps({ cards }: { cards: TeamNextStepsData }) {
  if (cards.length === 0)
    return (
      <Card className="mb-6">
        <EmptyState icon={CheckCircle2} title="You are not on a team yet">
          Ask the platform team to add you to your team: its services, and what each needs next, will show here.
        </EmptyState>
      </Card>
    );
  return (
    <section aria-labelledby="your-services" className="mb-6 grid grid-cols-1 gap-4">
      <h2 id="your-services" className="text-sm font-semibold tracking-tight">
        Your team{cards.length > 1 ? "s" : ""}: what to fix next
      </h2>
      {cards.map((card) => {
        return (
          <Card key={card.team.slug} data-testid={`team-next-${card.team.slug}`}>
            <CardHeader>
              <div>
                <CardTitle>
                  <Link href={`/teams/${card.team.slug}/scorecard`} className="hover:underline">
                    {card.team.name}
                  </Link>
                </CardTitle>
                <CardDescription>
                  Score {card.score === null ? "—" : card.score.toFixed(1)} ·{" "}
                  {(["gold", "silver", "bronze", "none"] as const)
                    .filter((l) => card.levels[l] > 0)
                    .map((l) => `${card.levels[l]} ${LEVEL_LABEL[l].toLowerCase()}`)
                    .join(", ")}
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <ul className="divide-y divide-border">
                {card.services.map((s) => {
                  const next = s.next;
                  return (
                    <li key={s.id} className="flex flex-wrap items-start gap-x-4 gap-y-1 py-2.5 text-sm">
                      <div className="flex w-48 min-w-0 shrink-0 items-center gap-2">
                        <LevelBadge level={s.level} />
                        <Link href={`/services/${s.slug}`} className="truncate font-medium hover:underline">
                          {s.name}
                        </Link>
                      </div>
                      {next && next.failing.length ? (
                        <div className="min-w-0 flex-1">
                          <span className="text-muted-foreground">To reach {LEVEL_LABEL[next.level]}: </span>
                          {next.failing.map((r, i) => (
                            <span key={r.key}>
                              {i > 0 ? ", " : null}
                              <Link
                                href={`/services/${s.slug}/scorecard#rule-${r.key}`}
                                className="text-primary underline-offset-2 hover:underline"
                                title={r.reason}
                              >
                                {r.name}
                              </Link>
                            </span>
                          ))}
                        </div>
                      ) : (
                        <span className="flex-1 text-muted-foreground">Top level reached.</span>
                      )}
                      <Link
                        href={`/services/${s.slug}/scorecard`}
                        className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline"
                      >
                        Scorecard<span className="sr-only"> of {s.name}</span>
                        <ArrowRight className="size-3" aria-hidden />
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </CardContent>
          </Card>
        );
      })}
    </section>
  );
}
