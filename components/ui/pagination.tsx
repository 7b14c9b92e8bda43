import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonVariants } from "./button";
import { cn } from "@/lib/core/cn";
import { formatNumber } from "@/lib/core/format";

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link for a page, keeping the other search params. */
  href: (page: number) => string;
};

export function Pagination({ page, pageSize, total, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = (target: number, disabled: boolean, label: string, icon: React.ReactNode) =>
    disabled ? (
      <span
        aria-disabled
        className={cn(buttonVariants({ variant: "secondary", size: "sm" }), "pointer-events-none opacity-50")}
      >
        {icon}
        <span className="sr-only">{label}</span>
      </span>
    ) : (
      <Link href={href(target)} className={buttonVariants({ variant: "secondary", size: "sm" })} aria-label={label}>
        {icon}
      </Link>
    );
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-4 border-t border-border px-4 py-3 text-sm text-muted-foreground"
    >
      <span>
        {first}–{last} of {formatNumber(total)}
      </span>
      <div className="flex items-center gap-2">
        {link(page - 1, page <= 1, "Previous page", <ChevronLeft />)}
        <span className="tabular-nums">
          Page {page} of {pages}
        </span>
        {link(page + 1, page >= pages, "Next page", <ChevronRight />)}
      </div>
    </nav>
  );
}
