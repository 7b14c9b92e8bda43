"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import type { WeeklyDora } from "@/lib/delivery/server";
import { formatDayLabel } from "@/lib/core/format";

const week = formatDayLabel;
const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);

type Props = { data: WeeklyDora[]; benchmark: "2023" | "2021" };

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-border bg-card p-4">
      <h3 className="mb-2 text-sm font-semibold">{title}</h3>
      {children}
    </div>
  );
}

const summaryOf = (label: string, values: Array<number | null>, unit: string) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length
    ? `${label}: weekly values from ${Math.min(...present)} to ${Math.max(...present)} ${unit}; ${values.length - present.length} weeks without data.`
    : `${label}: no data in this period.`;
};

export function DoraTrends({ data, benchmark }: Props) {
  const rows = data.map((d) => ({
    week: d.week,
    deployments: d.deployments,
    deployDays: d.deployDays,
    leadTime: hours(d.leadTimeMinutes),
    cfr: d.changeFailureRate === null ? null : Math.round(d.changeFailureRate * 1000) / 10,
    recovery: hours(benchmark === "2023" ? d.recoveryMinutes : d.restoreMinutes),
    coding: hours(d.codingMinutes),
    review: hours(d.reviewMinutes),
    deploy: hours(d.deployMinutes),
  }));
  const freq: ChartConfig = {
    deployments: { label: "Deployments", color: "var(--chart-1)" },
    deployDays: { label: "Deploy days", color: "var(--chart-2)" },
  };
  const line = (key: string, label: string, color: string): ChartConfig => ({ [key]: { label, color } });
  const breakdown: ChartConfig = {
    coding: { label: "Coding", color: "var(--chart-1)" },
    review: { label: "Review", color: "var(--chart-3)" },
    deploy: { label: "Deploy", color: "var(--chart-2)" },
  };
  const hasBreakdown = rows.some((r) => r.coding !== null);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Frame title="Deployments per week">
        <ChartContainer
          config={freq}
          summary={summaryOf(
            "Deployments per week",
            rows.map((r) => r.deployments),
            "deployments",
          )}
          className="h-56"
        >
          <BarChart data={rows} margin={{ top: 4, right: 4, left: -16, bottom: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey="week" tickFormatter={week} {...axisProps} minTickGap={20} />
            <YAxis allowDecimals={false} {...axisProps} width={40} />
            <Tooltip
              {...tooltipStyle}
              labelFormatter={(l) => `Week of ${week(String(l))}`}
              cursor={{ fill: "var(--muted)" }}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar
              isAnimationActive={false}
              dataKey="deployments"
              name="Deployments"
              fill="var(--color-deployments)"
              radius={[3, 3, 0, 0]}
            />
            <Bar
              isAnimationActive={false}
              dataKey="deployDays"
              name="Deploy days"
              fill="var(--color-deployDays)"
              radius={[3, 3, 0, 0]}
            />
          </BarChart>
        </ChartContainer>
      </Frame>
      <Frame title="Median lead time (hours)">
        <ChartContainer
          config={line("leadTime", "Lead time (h)", "var(--chart-5)")}
          summary={summaryOf(
            "Median lead time",
            rows.map((r) => r.leadTime),
            "hours",
          )}
          className="h-56"
        >
          <LineChart data={rows} margin={{ top: 4, right: 4, left: -16, bottom: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey="week" tickFormatter={week} {...axisProps} minTickGap={20} />
            <YAxis {...axisProps} width={40} />
            <Tooltip {...tooltipStyle} labelFormatter={(l) => `Week of ${week(String(l))}`} />
            <Line
              isAnimationActive={false}
              dataKey="leadTime"
              name="Lead time (h)"
              stroke="var(--color-leadTime)"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls={false}
            />
          </LineChart>
        </ChartContainer>
      </Frame>
      <Frame title="Change failure rate (%)">
        <ChartContainer
          config={line("cfr", "Change failure rate (%)", "var(--chart-4)")}
          summary={summaryOf(
            "Change failure rate",
            rows.map((r) => r.cfr),
            "percent",
          )}
          className="h-56"
        >
          <LineChart data={rows} margin={{ top: 4, right: 4, left: -16, bottom: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey="week" tickFormatter={week} {...axisProps} minTickGap={20} />
            <YAxis {...axisProps} width={52} unit="%" />
            <Tooltip {...tooltipStyle} labelFormatter={(l) => `Week of ${week(String(l))}`} />
            <Line
              isAnimationActive={false}
              dataKey="cfr"
              name="CFR (%)"
              stroke="var(--color-cfr)"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls={false}
            />
          </LineChart>
        </ChartContainer>
      </Frame>
      <Frame
        title={benchmark === "2023" ? "Median failed deployment recovery (hours)" : "Median time to restore (hours)"}
      >
        <ChartContainer
          config={line("recovery", "Recovery (h)", "var(--chart-3)")}
          summary={summaryOf(
            "Median recovery",
            rows.map((r) => r.recovery),
            "hours",
          )}
          className="h-56"
        >
          <LineChart data={rows} margin={{ top: 4, right: 4, left: -16, bottom: 0 }}>
            <CartesianGrid {...gridProps} />
            <XAxis dataKey="week" tickFormatter={week} {...axisProps} minTickGap={20} />
            <YAxis {...axisProps} width={40} />
            <Tooltip {...tooltipStyle} labelFormatter={(l) => `Week of ${week(String(l))}`} />
            <Line
              isAnimationActive={false}
              dataKey="recovery"
              name="Recovery (h)"
              stroke="var(--color-recovery)"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls={false}
            />
          </LineChart>
        </ChartContainer>
      </Frame>
      <div className="lg:col-span-2">
        <Frame title="Lead time breakdown: median coding, review and deploy time per week (hours)">
          {hasBreakdown ? (
            <ChartContainer
              config={breakdown}
              summary={summaryOf(
                "Median coding time",
                rows.map((r) => r.coding),
                "hours",
              )}
              className="h-56"
            >
              <BarChart data={rows} margin={{ top: 4, right: 4, left: -16, bottom: 0 }}>
                <CartesianGrid {...gridProps} />
                <XAxis dataKey="week" tickFormatter={week} {...axisProps} minTickGap={20} />
                <YAxis {...axisProps} width={40} />
                <Tooltip
                  {...tooltipStyle}
                  labelFormatter={(l) => `Week of ${week(String(l))}`}
                  cursor={{ fill: "var(--muted)" }}
                />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <Bar isAnimationActive={false} dataKey="coding" name="Coding" stackId="lt" fill="var(--color-coding)" />
                <Bar isAnimationActive={false} dataKey="review" name="Review" stackId="lt" fill="var(--color-review)" />
                <Bar
                  isAnimationActive={false}
                  dataKey="deploy"
                  name="Deploy"
                  stackId="lt"
                  fill="var(--color-deploy)"
                  radius={[3, 3, 0, 0]}
                />
              </BarChart>
            </ChartContainer>
          ) : (
            <p className="py-8 text-center text-sm text-muted-foreground">
              The breakdown needs deployments reported with <code className="font-mono">pullRequests</code> (first
              commit, opened, merged); these deployments carry commits only.
            </p>
          )}
        </Frame>
      </div>
    </div>
  );
}
