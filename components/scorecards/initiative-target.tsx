import { LevelBadge } from "./level-badge";
import type { InitiativeTarget } from "@/lib/scorecards/domain";

export function InitiativeTargetLabel({ target }: { target: InitiativeTarget }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-sm">
      {target.targetLevel ? (
        <>
          reach <LevelBadge level={target.targetLevel} />
        </>
      ) : null}
      {target.targetLevel && target.ruleKeys.length ? <span className="text-muted-foreground">and</span> : null}
      {target.ruleKeys.length ? (
        <span>
          pass{" "}
          {target.ruleKeys.map((k) => (
            <code key={k} className="mr-1 rounded bg-muted px-1 font-mono text-xs">
              {k}
            </code>
          ))}
        </span>
      ) : null}
    </span>
  );
}

export function ScheduleLabel({
  daysLeft,
  overdue,
  complete,
}: {
  daysLeft: number;
  overdue: boolean;
  complete: boolean;
}) {
  if (complete) return <span className="text-success-ink">complete</span>;
  if (overdue)
    return (
      <span className="font-medium text-danger-ink">
        overdue by {Math.abs(daysLeft)} day{Math.abs(daysLeft) === 1 ? "" : "s"}
      </span>
    );
  return (
    <span>
      {daysLeft} day{daysLeft === 1 ? "" : "s"} left
    </span>
  );
}
