import Link from "next/link";
import { cn } from "@/lib/core/cn";
import { TREND_PERIODS, type TrendPeriodKey } from "@/lib/scorecards/domain";

const pill = (active: boolean) => cn("rounded-md px-2.5 py-1 text-sm font-medium", active ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted");

/** 30d / 90d / 180d / 365d, kept in the URL (?period=) so a view can be shared. */
export function TrendPeriodNav({ path, active }: { path: string; active: TrendPeriodKey }) {
  return (
    <nav aria-label="Trend period" className="flex items-center gap-1 rounded-lg border border-border bg-card p-1 no-print">
      {TREND_PERIODS.map((p) => (
        <Link key={p} href={`${path}?period=${p}`} aria-current={active === p ? "page" : undefined} className={pill(active === p)}>
          {p}
        </Link>
      ))}
    </nav>
  );
}
