export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-screen grid-cols-1 lg:grid-cols-[1.1fr_1fr]">
      <div className="relative hidden flex-col justify-between overflow-hidden bg-sidebar p-10 text-white lg:flex">
        <div className="flex items-center gap-2">
          <span className="grid size-8 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
            S
          </span>
          <span className="text-lg font-semibold tracking-tight">Shipshape</span>
        </div>
        <div className="max-w-md">
          <p className="text-3xl leading-tight font-semibold tracking-tight">
            Know which services are ready for production, and prove it.
          </p>
          <p className="mt-4 text-sidebar-foreground">
            Readiness checklists, DORA metrics, SLOs and error budgets, scorecards with history: one self-hosted
            dashboard for platform teams, engineers and leadership.
          </p>
        </div>
        <ul className="grid grid-cols-3 gap-4 text-sm text-sidebar-foreground">
          <li>
            <span className="block text-2xl font-semibold text-white">Bronze → Gold</span>scorecards
          </li>
          <li>
            <span className="block text-2xl font-semibold text-white">4 keys</span>DevLake-compatible
          </li>
          <li>
            <span className="block text-2xl font-semibold text-white">SLOs</span>error budgets
          </li>
        </ul>
      </div>
      <div className="flex items-center justify-center p-6">{children}</div>
    </div>
  );
}
