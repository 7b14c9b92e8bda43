import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PeriodPills } from "@/components/ui/period-pills";
import { PERIODS, windowDates, type PagePeriod } from "@/lib/core/period";

/** Period presets, a custom range and the benchmark year; all in the URL so views can be shared. */
export function PeriodPicker({ path, period }: { path: string; period: PagePeriod }) {
  const dates = windowDates(period.window);
  const qs = (p: Record<string, string>) => `${path}?${new URLSearchParams(p).toString()}`;
  return (
    <div className="no-print flex flex-wrap items-center gap-3">
      <PeriodPills
        label="Period"
        active={period.key}
        items={PERIODS.map((p) => ({ key: p, label: p, href: qs({ period: p, benchmark: period.benchmark }) }))}
      />
      <form method="get" action={path} className="flex flex-wrap items-center gap-1.5 text-sm">
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
      <PeriodPills
        label="Benchmark"
        active={period.benchmark}
        items={(["2023", "2021"] as const).map((b) => ({
          key: b,
          label: `DORA ${b}`,
          href: qs({ ...period.params, benchmark: b }),
          title: `DORA ${b} benchmark bands`,
        }))}
      />
    </div>
  );
}
