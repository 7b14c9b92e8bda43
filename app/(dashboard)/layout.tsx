import { Brand, MobileNav, SidebarNav } from "@/components/layout/app-nav";
import { navItemsFor } from "@/components/layout/nav-items";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { UserMenu } from "@/components/layout/user-menu";
import { requireUser } from "@/lib/core/auth/session";
import { listTeamSlugsByIds } from "@/lib/catalog/server";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const items = navItemsFor(user.role);
  const teams = await listTeamSlugsByIds(user, user.teamIds);
  return (
    <div className="flex min-h-screen">
      <aside className="no-print hidden w-60 shrink-0 bg-sidebar md:block">
        <div className="sticky top-0 flex h-screen flex-col gap-6 py-4">
          <Brand />
          <SidebarNav items={items} />
          <p className="mt-auto px-5 text-xs text-sidebar-foreground/60">Production readiness, measured.</p>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print relative sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-border bg-background/90 px-4 backdrop-blur md:px-8">
          <div className="flex items-center gap-2">
            <MobileNav items={items} />
            <span className="font-semibold md:hidden">Shipshape</span>
          </div>
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <UserMenu email={user.email} name={user.name} role={user.role} teams={teams} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
