"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/core/cn";

/** Section tabs under a page header; the active tab follows the URL. */
export function TabNav({ items, label }: { items: Array<{ href: string; label: string }>; label: string }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label={label}
      className="no-print -mt-2 mb-6 flex [scrollbar-width:none] gap-1 overflow-x-auto border-b border-border"
    >
      {items.map((item) => {
        const active = pathname === item.href;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              active
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
