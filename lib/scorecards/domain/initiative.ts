// Initiatives (campaigns), pure: whether a service meets an initiative's target, the burn-up series
// and the schedule. A target is a level (the service's level at least that), or a set of rules
// (each of them passing), or both.
import { DAY_MS } from "@/lib/core/calendar";
import { LEVEL_RANK, type Level } from "@/lib/scorecards/domain/scorecard";

export type InitiativeTarget = { targetLevel: Exclude<Level, "none"> | null; ruleKeys: string[] };
export type ServiceState = {
  level: Level;
  rules: Array<{ rule: string; pass: boolean; message: string; name?: string }>;
};

/** The reasons a service does not meet the target yet; empty when it does. */
export function targetGaps(state: ServiceState, target: InitiativeTarget): string[] {
  const gaps: string[] = [];
  if (target.targetLevel && LEVEL_RANK[state.level] < LEVEL_RANK[target.targetLevel])
    gaps.push(`is ${state.level === "none" ? "below bronze" : state.level}, needs ${target.targetLevel}`);
  for (const key of target.ruleKeys) {
    const rule = state.rules.find((r) => r.rule === key);
    if (!rule) gaps.push(`rule "${key}": no data`);
    else if (!rule.pass) gaps.push(`${rule.name ?? key}: ${rule.message}`);
  }
  return gaps;
}

export const meetsTarget = (state: ServiceState, target: InitiativeTarget) => targetGaps(state, target).length === 0;

export type BurnUpPoint = { day: string; done: number | null; scope: number; ideal: number };

/**
 * Burn-up from daily snapshots: services meeting the target each day, the scope, and the ideal line
 * from the start's count to the whole scope on the target date. Days without a snapshot are null.
 */
export function burnUp(
  days: string[],
  doneByDay: Map<string, number>,
  scope: number,
  start: Date,
  targetDate: Date,
): BurnUpPoint[] {
  const first = days.length ? (doneByDay.get(days[0]) ?? 0) : 0;
  const span = Math.max(1, targetDate.getTime() - start.getTime());
  return days.map((day) => {
    const t = new Date(`${day}T00:00:00Z`).getTime();
    const ratio = Math.min(1, Math.max(0, (t - start.getTime()) / span));
    return {
      day,
      done: doneByDay.get(day) ?? null,
      scope,
      ideal: Math.round((first + (scope - first) * ratio) * 10) / 10,
    };
  });
}

export type Schedule = { daysLeft: number; overdue: boolean; complete: boolean };

export function schedule(targetDate: Date, done: number, scope: number, now: Date): Schedule {
  const complete = scope > 0 && done >= scope;
  const daysLeft = Math.ceil((targetDate.getTime() - now.getTime()) / DAY_MS);
  return { daysLeft, overdue: !complete && targetDate.getTime() < now.getTime(), complete };
}
