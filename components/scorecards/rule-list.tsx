import { CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LEVELS, type RuleResult } from "@/lib/scorecards/domain";
import { LevelBadge } from "./level-badge";

/** Every rule of a scorecard, by level, with pass/fail and the fact behind it. */
export function RuleList({ rules, factsHref }: { rules: RuleResult[]; factsHref?: string }) {
  return (
    <div className="divide-y divide-border">
      {LEVELS.map((level) => {
        const atLevel = rules.filter((r) => r.level === level);
        if (atLevel.length === 0) return null;
        const passing = atLevel.filter((r) => r.pass).length;
        return (
          <section key={level} aria-label={`${level} rules`} className="px-5 py-3">
            <div className="mb-2 flex items-center gap-2">
              <LevelBadge level={level} />
              <span className="text-xs text-muted-foreground">
                {passing} of {atLevel.length} passing
              </span>
            </div>
            <ul className="space-y-1.5">
              {atLevel.map((r) => (
                <li
                  key={r.key}
                  id={`rule-${r.key}`}
                  className="flex scroll-mt-20 items-start gap-2.5 text-sm"
                  data-rule={r.key}
                  data-pass={r.pass}
                >
                  {r.pass ? (
                    <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success-ink" aria-label="passing" />
                  ) : (
                    <XCircle className="mt-0.5 size-4 shrink-0 text-danger-ink" aria-label="failing" />
                  )}
                  <div className="min-w-0">
                    <p className="font-medium">
                      {r.name}
                      {r.exemptUntil ? (
                        <Badge tone="warning" className="ml-1.5">
                          exempt until {r.exemptUntil.slice(0, 10)}
                        </Badge>
                      ) : null}
                      {r.weight > 1 ? (
                        <span className="ml-1.5 text-xs font-normal text-muted-foreground">weight {r.weight}</span>
                      ) : null}
                    </p>
                    <p className={r.pass ? "text-xs text-muted-foreground" : "text-xs text-danger-ink"}>{r.reason}</p>
                    {!r.pass && factsHref && r.read?.some((v) => v.path.startsWith("facts")) ? (
                      <Link href={factsHref} className="text-xs text-primary hover:underline">
                        See the service&apos;s facts
                      </Link>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
