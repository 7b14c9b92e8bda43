"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import { formatDayLabel, formatMonthLabel, formatNumber } from "@/lib/core/format";

// Organisation trend charts. Months of the previous period are drawn lighter than the current
// period's; clicking a month opens the teams behind it.

const monthLabel = (m: string) => formatMonthLabel(m);
const dayLabel = formatDayLabel;
const margin = { top: 6, right: 8, left: -12, bottom: 0 };

export type MonthPoint = { month: string; value: number | null; current: boolean; partial?: boolean };

export function MonthlyBars({
  data,
  label,
  color,
  unit,
  digits = 0,
  drillHref,
  height = "h-44",
}: {
  data: MonthPoint[];
  label: string;
  color: string;
  unit?: string;
  digits?: number;
  drillHref?: string;
  height?: string;
}) {
  const router = useRouter();
  const config: ChartConfig = { value: { label, color } };
  const format = (v: number | null) => (v === null ? "no data" : `${formatNumber(v, digits)}${unit ?? ""}`);
  const open = (month: string) => drillHref && router.push(`${drillHref}&month=${month}`);
  // The month under way is marked (*): its totals are for part of a month.
  const partial = new Set(data.filter((d) => d.partial).map((d) => d.month));
  const tick = (m: string) => `${monthLabel(m)}${partial.has(m) ? "*" : ""}`;
  return (
    <ChartContainer
      config={config}
      summary={`${label} per month: ${data.map((d) => `${d.month}${d.partial ? " (so far)" : ""} ${format(d.value)}`).join("; ")}.`}
      className={height}
    >
      <BarChart data={data} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="month" tickFormatter={tick} {...axisProps} interval="preserveStartEnd" minTickGap={8} />
        <YAxis {...axisProps} width={48} tickFormatter={(v: number) => `${formatNumber(v, digits)}${unit ?? ""}`} />
        <Tooltip
          {...tooltipStyle}
          labelFormatter={(l) => `${monthLabel(String(l))}${partial.has(String(l)) ? " (so far)" : ""}`}
          formatter={(v) => [format(typeof v === "number" ? v : null), label]}
          cursor={{ fill: "var(--muted)" }}
        />
        <Bar
          dataKey="value"
          name={label}
          isAnimationActive={false}
          radius={[3, 3, 0, 0]}
          cursor={drillHref ? "pointer" : undefined}
          onClick={(_, index) => open(data[index].month)}
        >
          {data.map((d) => (
            <Cell
              key={d.month}
              fill="var(--color-value)"
              fillOpacity={d.current ? (d.partial ? 0.6 : 1) : 0.35}
              strokeDasharray={d.partial ? "3 2" : undefined}
              stroke={d.partial ? "var(--color-value)" : undefined}
            />
          ))}
        </Bar>
      </BarChart>
    </ChartContainer>
  );
}

export type SharePoint = { day: string; share: number | null };

/** A daily share (0–1) as a percentage line, with the start of the period marked. */
export function ShareTrend({
  data,
  label,
  color,
  periodStart,
  drillHref,
  height = "h-56",
}: {
  data: SharePoint[];
  label: string;
  color: string;
  periodStart: string;
  drillHref?: string;
  height?: string;
}) {
  const router = useRouter();
  const config: ChartConfig = { pct: { label, color } };
  const points = data.map((d) => ({ day: d.day, pct: d.share === null ? null : Math.round(d.share * 1000) / 10 }));
  const last = points.at(-1);
  return (
    <ChartContainer
      config={config}
      summary={
        last ? `${label}: ${last.pct ?? "no data"}% on ${last.day}, over ${points.length} days.` : "No snapshots yet."
      }
      className={height}
    >
      <LineChart
        data={points}
        margin={margin}
        onClick={(e) => {
          const day = typeof e?.activeLabel === "string" ? e.activeLabel : null;
          if (day && drillHref) router.push(`${drillHref}&month=${day.slice(0, 7)}`);
        }}
        style={drillHref ? { cursor: "pointer" } : undefined}
      >
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="day" tickFormatter={dayLabel} {...axisProps} minTickGap={32} />
        <YAxis domain={[0, 100]} {...axisProps} width={44} unit="%" />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => dayLabel(String(l))} formatter={(v) => [`${v}%`, label]} />
        <ReferenceLine
          x={periodStart}
          stroke="var(--muted-foreground)"
          strokeDasharray="4 4"
          label={{ value: "period start", position: "insideTopLeft", fontSize: 10, fill: "var(--muted-foreground)" }}
        />
        <Line
          isAnimationActive={false}
          type="monotone"
          dataKey="pct"
          name={label}
          stroke="var(--color-pct)"
          strokeWidth={2}
          dot={false}
          connectNulls
        />
      </LineChart>
    </ChartContainer>
  );
}
