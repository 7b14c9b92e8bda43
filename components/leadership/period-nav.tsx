import { PeriodPills } from "@/components/ui/period-pills";
import { cn } from "@/lib/core/cn";
import type { LeadershipPeriod } from "@/lib/core/period";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

const control = "h-8 rounded-md border border-input bg-card px-2 text-sm";

/** This quarter / half / year, a named past period, or custom dates; all kept in the URL. */
export function LeadershipPeriodNav({
  path,
  period,
  named,
}: {
  path: string;
  period: LeadershipPeriod;
  named: string[];
}) {
  const from = isoDate(period.window.from);
  const to = isoDate(new Date(period.window.to.getTime() - DAY_MS));
  return (
    <div className="no-print flex flex-wrap items-center gap-3">
      <PeriodPills
        label="Period"
        active={period.key}
        items={(["quarter", "half", "year"] as const).map((p) => ({
          key: p,
          label: `This ${p}`,
          href: `${path}?period=${p}`,
        }))}
      />
      <form action={path} className="flex flex-wrap items-center gap-1.5">
        <label htmlFor="named-period" className="text-sm text-muted-foreground">
          Past
        </label>
        <select
          id="named-period"
          name="period"
          defaultValue={named.includes(period.key) ? period.key : ""}
          className={control}
        >
          <option value="" disabled>
            choose…
          </option>
          {named.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit" className="h-8 rounded-md border border-border px-2.5 text-sm font-medium hover:bg-muted">
          Show
        </button>
      </form>
      <form action={path} className="flex flex-wrap items-center gap-1.5" aria-label="Custom period">
        <input type="hidden" name="period" value="custom" />
        <label className="sr-only" htmlFor="custom-from">
          From
        </label>
        <input id="custom-from" type="date" name="from" defaultValue={from} className={control} required />
        <span className="text-sm text-muted-foreground">to</span>
        <label className="sr-only" htmlFor="custom-to">
          To
        </label>
        <input id="custom-to" type="date" name="to" defaultValue={to} className={control} required />
        <button
          type="submit"
          className={cn(
            "h-8 rounded-md border px-2.5 text-sm font-medium hover:bg-muted",
            period.key === "custom" ? "border-primary text-primary" : "border-border",
          )}
        >
          Custom
        </button>
      </form>
    </div>
  );
}
