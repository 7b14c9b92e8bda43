"use client";

import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import type { TrendPoint } from "@/lib/scorecards/domain";
import { formatDayLabel } from "@/lib/core/format";

// Trend charts over daily snapshots (never recomputed: they show what the scorecard said that day).

const dayLabel = formatDayLabel;
const margin = { top: 4, right: 8, left: -16, bottom: 0 };

function Frame({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`rounded-lg border border-border bg-card p-4 ${className ?? ""}`}>
      <h3 className="mb-2 text-sm font-semibold">{title}</h3>
      {children}
    </div>
  );
}

const range = (values: Array<number | null>) => {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? `from ${Math.min(...v)} to ${Math.max(...v)}` : "no data";
};

export function ScoreTrend({ data, height = "h-64" }: { data: TrendPoint[]; height?: string }) {
  const config: ChartConfig = { score: { label: "Score", color: "var(--chart-1)" } };
  return (
    <ChartContainer
      config={config}
      summary={`Score per day, ${range(data.map((d) => d.score))} over ${data.length} days.`}
      className={height}
    >
      <LineChart data={data} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="day" tickFormatter={dayLabel} {...axisProps} minTickGap={28} />
        <YAxis domain={[0, 100]} {...axisProps} width={40} />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => dayLabel(String(l))} />
        <Line
          isAnimationActive={false}
          type="monotone"
          dataKey="score"
          name="Score"
          stroke="var(--color-score)"
          strokeWidth={2}
          dot={false}
        />
      </LineChart>
    </ChartContainer>
  );
}

export function LevelsArea({ data }: { data: TrendPoint[] }) {
  const config: ChartConfig = {
    none: { label: "No level", color: "color-mix(in oklch, var(--muted-foreground) 35%, transparent)" },
    bronze: { label: "Bronze", color: "var(--bronze)" },
    silver: { label: "Silver", color: "var(--silver)" },
    gold: { label: "Gold", color: "var(--gold)" },
  };
  const last = data.at(-1);
  return (
    <ChartContainer
      config={config}
      summary={
        last
          ? `Services per level on ${last.day}: ${last.gold} gold, ${last.silver} silver, ${last.bronze} bronze, ${last.none} without a level.`
          : "No history yet."
      }
      className="h-64"
    >
      <AreaChart data={data} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="day" tickFormatter={dayLabel} {...axisProps} minTickGap={28} />
        <YAxis allowDecimals={false} {...axisProps} width={40} />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => dayLabel(String(l))} />
        <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
        {(["none", "bronze", "silver", "gold"] as const).map((k) => (
          <Area
            key={k}
            isAnimationActive={false}
            type="stepAfter"
            dataKey={k}
            name={config[k].label}
            stackId="levels"
            stroke={`var(--color-${k})`}
            fill={`var(--color-${k})`}
            fillOpacity={0.85}
          />
        ))}
      </AreaChart>
    </ChartContainer>
  );
}

function SmallLine({
  data,
  dataKey,
  label,
  color,
  unit,
  percent,
}: {
  data: TrendPoint[];
  dataKey: keyof TrendPoint;
  label: string;
  color: string;
  unit?: string;
  percent?: boolean;
}) {
  const config: ChartConfig = { [dataKey]: { label, color } };
  return (
    <ChartContainer
      config={config}
      summary={`${label} per day, ${range(data.map((d) => d[dataKey] as number | null))}.`}
      className="h-44"
    >
      <LineChart data={data} margin={margin}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="day" tickFormatter={dayLabel} {...axisProps} minTickGap={28} />
        <YAxis {...axisProps} width={52} unit={unit} domain={percent ? [0, 100] : undefined} />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => dayLabel(String(l))} />
        <Line
          isAnimationActive={false}
          type="monotone"
          dataKey={dataKey}
          name={label}
          stroke={`var(--color-${dataKey})`}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
        />
      </LineChart>
    </ChartContainer>
  );
}

export function BudgetComplianceTrend({ data }: { data: TrendPoint[] }) {
  return (
    <SmallLine
      data={data}
      dataKey="budgetCompliance"
      label="SLOs within budget"
      color="var(--chart-2)"
      unit="%"
      percent
    />
  );
}

/** Each DORA metric over time (90-day rolling figures as snapshotted each day). */
export function DoraSnapshotTrends({ data }: { data: TrendPoint[] }) {
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
      <Frame title="Deploy days per week">
        <SmallLine data={data} dataKey="deployDaysPerWeek" label="Deploy days / week" color="var(--chart-1)" />
      </Frame>
      <Frame title="Lead time (hours)">
        <SmallLine data={data} dataKey="leadTimeHours" label="Lead time (h)" color="var(--chart-5)" />
      </Frame>
      <Frame title="Change failure rate (%)">
        <SmallLine data={data} dataKey="cfrPercent" label="CFR (%)" color="var(--chart-4)" unit="%" />
      </Frame>
      <Frame title="Recovery time (hours)">
        <SmallLine data={data} dataKey="recoveryHours" label="Recovery (h)" color="var(--chart-3)" />
      </Frame>
    </div>
  );
}
