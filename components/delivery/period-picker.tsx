import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/core/cn";
import { PERIODS, windowDates, type PagePeriod } from "@/lib/core/period/page-period";

const pill = (active: boolean) => cn("rounded-md px-2.5 py-1 text-sm font-medium", active ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted");

/** Period presets, a custom range and the benchmark year; all in the URL so views can be shared. */
export function PeriodPicker({ path, period }: { path: string; period: PagePeriod }) {
  const dates = windowDates(period.window);
  const qs = (p: Record<string, string>) => `${path}?${new URLSearchParams(p).toString()}`;
  return (
    <div className="flex flex-wrap items-center gap-3 no-print">
      <nav aria-label="Period" className="flex items-center gap-1 rounded-lg border border-border bg-card p-1">
        {PERIODS.map((p) => (
          <Link key={p} href={qs({ period: p, benchmark: period.benchmark })} aria-current={period.key === p ? "page" : undefined} className={pill(period.key === p)}>
            {p}
          </Link>
        ))}
      </nav>
      <form method="get" action={path} className="flex items-center gap-1.5 text-sm">
        <label htmlFor="from" className="sr-only">
          From
        </label>
        <Input id="from" name="from" type="date" defaultValue={dates.from} className="h-8 w-36" />
        <span className="text-muted-foreground">–</span>
        <label htmlFor="to" className="sr-only">
          To
        </label>
        <Input id="to" name="to" type="date" defaultValue={dates.to} className="h-8 w-36" />
        <input type="hidden" name="benchmark" value={period.benchmark} />
        <Button type="submit" size="sm" variant={period.key === "custom" ? "primary" : "secondary"}>
          Apply
        </Button>
      </form>
      <nav aria-label="Benchmark" className="flex items-center gap-1 rounded-lg border border-border bg-card p-1">
        {(["2023", "2021"] as const).map((b) => (
          <Link key={b} href={qs({ ...period.params, benchmark: b })} aria-current={period.benchmark === b ? "page" : undefined} className={pill(period.benchmark === b)} title={`DORA ${b} benchmark bands`}>
            DORA {b}
          </Link>
        ))}
      </nav>
    </div>
  );
}
