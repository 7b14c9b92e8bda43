import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export type AttentionRow = { key: string; href: string; label: string; detail?: React.ReactNode };

/** One "needs attention" card of the overview: a count, up to five links, and where to see them all. */
export function AttentionList({
  icon: Icon,
  title,
  description,
  count,
  rows,
  all,
  empty,
}: {
  icon: LucideIcon;
  title: string;
  description: string;
  count: number;
  rows: AttentionRow[];
  all: { href: string; label: string };
  empty: string;
}) {
  return (
    <Card data-testid={`attention-${title.toLowerCase().replace(/\W+/g, "-")}`}>
      <CardHeader>
        <div>
          <CardTitle className="flex items-center gap-2">
            <Icon className="size-4 text-muted-foreground" aria-hidden />
            {title}
            <span
              className={
                count > 0
                  ? "rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-accent-foreground tabular-nums"
                  : "rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground tabular-nums"
              }
            >
              {count}
            </span>
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-2 text-sm">
            {rows.slice(0, 5).map((r) => (
              <li key={r.key} className="flex min-w-0 flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                <Link href={r.href} className="min-w-0 truncate font-medium text-primary hover:underline">
                  {r.label}
                </Link>
                {r.detail ? <span className="text-xs text-muted-foreground">{r.detail}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <Link href={all.href} className="mt-3 inline-block text-xs font-medium text-primary hover:underline">
          {all.label} →
        </Link>
      </CardContent>
    </Card>
  );
}
