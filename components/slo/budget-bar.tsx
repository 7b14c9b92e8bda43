import { cn } from "@/lib/core/cn";

/** Remaining error budget; below zero it shows how far overspent, in red. */
export function BudgetBar({ remaining, label }: { remaining: number | null; label: string }) {
  if (remaining === null) return <p className="text-sm text-muted-foreground">No traffic in the window yet.</p>;
  const pct = Math.round(remaining * 1000) / 10;
  const tone = remaining <= 0 ? "bg-danger" : remaining < 0.25 ? "bg-warning" : "bg-success";
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between text-sm">
        <span className="text-muted-foreground">Error budget remaining</span>
        <span className={cn("text-lg font-semibold tabular-nums", remaining <= 0 && "text-danger-ink")}>{pct}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.max(0, pct)}
        className="h-2.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full", tone)}
          style={{ width: `${Math.max(remaining <= 0 ? 100 : 0, Math.min(100, pct))}%` }}
        />
      </div>
      {remaining < 0 ? (
        <p className="mt-1 text-xs text-danger-ink">Overspent by {Math.abs(pct)}% of the budget.</p>
      ) : null}
    </div>
  );
}
