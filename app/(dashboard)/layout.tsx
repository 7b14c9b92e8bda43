import { Brand, MobileNav, SidebarNav } from "@/components/layout/app-nav";
import { navItemsFor } from "@/components/layout/nav-items";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { UserMenu } from "@/components/layout/user-menu";
import { KeyboardShortcuts } from "@/components/layout/keyboard-shortcuts";
import { requireUser } from "@/lib/core/auth/session";
import { listTeamSlugsByIds } from "@/lib/catalog/server";
import { TwoFactorSetup } from "@/components/access/two-factor";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // A role that must use a second factor sees only its set-up until it is on, whatever the URL.
  if (user.mustEnrolTotp) return <TwoFactorRequired email={user.email} />;
  const items = navItemsFor(user.role);
  const teams = await listTeamSlugsByIds(user, user.teamIds);
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <aside className="no-print hidden w-60 shrink-0 bg-sidebar md:block">
        <div className="sticky top-0 flex h-screen flex-col gap-6 py-4">
          <Brand />
          <SidebarNav items={items} />
          <p className="mt-auto px-5 text-xs text-sidebar-foreground/60">
            Production readiness, measured.
            <br />
            Press <kbd className="font-mono">?</kbd> for keyboard shortcuts.
          </p>
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
        <KeyboardShortcuts items={items.map(({ href, label, key }) => ({ href, label, key }))} />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl flex-1 scroll-mt-16 px-4 py-6 outline-none md:px-8 md:py-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}

function TwoFactorRequired({ email }: { email: string }) {
  return (
    <main className="mx-auto grid min-h-screen w-full max-w-lg content-center gap-4 px-4 py-10">
      <p className="flex items-center gap-2 text-base font-semibold tracking-tight">
        <span className="grid size-7 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
          S
        </span>
        Shipshape
      </p>
      <Card>
        <CardHeader>
          <CardTitle>Set up two-factor authentication</CardTitle>
          <CardDescription>
            This server requires a second factor for your role. Set it up to continue as {email}.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-4">
          <TwoFactorSetup />
          <p className="text-xs text-muted-foreground">
            Not now?{" "}
            <a href="/logout" className="text-primary underline-offset-2 hover:underline">
              Sign out
            </a>
          </p>
        </CardContent>
      </Card>
    </main>
  );
}
