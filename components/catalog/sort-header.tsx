import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { TH } from "@/components/ui/table";
import { cn } from "@/lib/core/cn";

type Props = {
  label: string;
  column: string;
  sort: string;
  dir: "asc" | "desc";
  href: (sort: string, dir: "asc" | "desc") => string;
  className?: string;
};

export function SortHeader({ label, column, sort, dir, href, className }: Props) {
  const active = sort === column;
  const next = active && dir === "asc" ? "desc" : "asc";
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TH className={className} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        href={href(column, next)}
        className={cn("inline-flex items-center gap-1 hover:text-foreground", active && "text-foreground")}
      >
        {label}
        <Icon className="size-3" aria-hidden />
      </Link>
    </TH>
  );
}
