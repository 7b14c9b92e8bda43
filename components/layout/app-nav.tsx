"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BarChart3,
  ClipboardCheck,
  Flag,
  LayoutDashboard,
  Medal,
  Menu,
  Rocket,
  Server,
  Settings,
  ShieldCheck,
  Users,
  X,
} from "lucide-react";
import { useState } from "react";
import { cn } from "@/lib/core/cn";
import type { NavItem } from "./nav-items";

const ICONS = {
  overview: LayoutDashboard,
  teams: Users,
  services: Server,
  scorecards: Medal,
  initiatives: Flag,
  delivery: Rocket,
  reviews: ClipboardCheck,
  waivers: ShieldCheck,
  leadership: BarChart3,
  settings: Settings,
} as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

function Links({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="grid grid-cols-1 gap-0.5">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                active
                  ? "bg-sidebar-active text-white"
                  : "text-sidebar-foreground hover:bg-sidebar-active/60 hover:text-white",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 px-2 text-white">
      <span className="grid size-7 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
        S
      </span>
      <span className="text-base font-semibold tracking-tight">Shipshape</span>
    </Link>
  );
}

export function SidebarNav({ items }: { items: NavItem[] }) {
  return (
    <nav aria-label="Main" className="px-3">
      <Links items={items} />
    </nav>
  );
}

/** The small-screen menu: a button in the top bar that opens the same links. */
export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="md:hidden">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls="mobile-nav"
        className="grid size-9 place-items-center rounded-md text-foreground hover:bg-muted"
      >
        {open ? <X className="size-5" /> : <Menu className="size-5" />}
        <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
      </button>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label="Main"
          className="absolute inset-x-0 top-14 z-40 border-b border-border bg-sidebar p-3 shadow-lg"
        >
          <Links items={items} onNavigate={() => setOpen(false)} />
        </nav>
      ) : null}
    </div>
  );
}
