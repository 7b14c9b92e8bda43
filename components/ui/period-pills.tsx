import Link from "next/link";
import { cn } from "@/lib/core/cn";

export type PeriodPill = { key: string; label: string; href: string; title?: string };

const pill = (active: boolean) =>
  cn(
    "rounded-md px-2.5 py-1 text-sm font-medium",
    active ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
  );

/** The period (or benchmark) choices of a page as links, so a view can be shared by its URL. */
export function PeriodPills({
  label,
  items,
  active,
  className,
}: {
  label: string;
  items: PeriodPill[];
  active: string;
  className?: string;
}) {
  return (
    <nav
      aria-label={label}
      className={cn("flex flex-wrap items-center gap-1 rounded-lg border border-border bg-card p-1", className)}
    >
      {items.map((p) => (
        <Link
          key={p.key}
          href={p.href}
          aria-current={active === p.key ? "page" : undefined}
          className={pill(active === p.key)}
          title={p.title}
        >
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
