"use client";

import type { ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { cn } from "@/lib/core/cn";

/** Series name → label and colour. Colours are CSS variables, so charts follow the theme. */
export type ChartConfig = Record<string, { label: string; color: string }>;

type ChartContainerProps = {
  config: ChartConfig;
  /** A text summary for screen readers (and anyone who prefers words to pixels). */
  summary: string;
  className?: string;
  children: ReactNode;
};

export function ChartContainer({ config, summary, className, children }: ChartContainerProps) {
  const style = Object.fromEntries(
    Object.entries(config).map(([key, v]) => [`--color-${key}`, v.color]),
  ) as React.CSSProperties;
  return (
    <figure className={cn("h-64 w-full overflow-hidden text-xs", className)} style={style}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 600, height: 256 }}>
        {children as React.ReactElement}
      </ResponsiveContainer>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}

export const axisProps = {
  stroke: "var(--muted-foreground)",
  tickLine: false,
  axisLine: false,
  fontSize: 11,
} as const;

export const gridProps = { stroke: "var(--border)", strokeDasharray: "3 3", vertical: false } as const;

export const tooltipStyle = {
  contentStyle: {
    background: "var(--card)",
    border: "1px solid var(--border)",
    borderRadius: "var(--radius)",
    color: "var(--foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--muted-foreground)" },
} as const;
