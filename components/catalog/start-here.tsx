import { Check } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export type StartHereProgress = { catalog: boolean; deployments: boolean; incidents: boolean };

const STEPS: Array<{ key: keyof StartHereProgress; title: string; body: string; href: string; action: string }> = [
  {
    key: "catalog",
    title: "Your service catalog",
    body: "Sync or import Backstage's catalog-info.yaml, or add services by hand: every score and figure belongs to a service.",
    href: "/services/import",
    action: "Import the catalog",
  },
  {
    key: "deployments",
    title: "Deployments",
    body: "The GitHub or GitLab webhook (deployments, pushes and pull requests give lead time), Argo CD, or POST /api/v1/deployments from CI.",
    href: "/settings/integrations",
    action: "Connect a forge",
  },
  {
    key: "incidents",
    title: "Incidents",
    body: "PagerDuty, Alertmanager, Opsgenie or incident.io: they give change failure rate and recovery time.",
    href: "/settings/integrations",
    action: "Connect alerting",
  },
];

/** A new install's first screen: the three sources to connect, each ticked once data arrives. */
export function StartHere({ progress, canConnect }: { progress: StartHereProgress; canConnect: boolean }) {
  const done = STEPS.filter((s) => progress[s.key]).length;
  return (
    <Card className="mb-6" data-testid="start-here">
      <CardHeader>
        <div>
          <CardTitle>Start here: connect three sources</CardTitle>
          <CardDescription>
            {done} of 3 connected.{" "}
            {canConnect
              ? "Settings → Integrations has the URL and secret to paste into each tool."
              : "Your platform team connects them; until then these pages stay empty."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <div
          className="mb-4 h-1.5 overflow-hidden rounded-full bg-muted"
          role="progressbar"
          aria-label="Sources connected"
          aria-valuemin={0}
          aria-valuemax={3}
          aria-valuenow={done}
        >
          <div className="h-full bg-primary transition-all" style={{ width: `${(done / 3) * 100}%` }} />
        </div>
        <ol className="grid grid-cols-1 gap-4 md:grid-cols-3">
          {STEPS.map((step, i) => {
            const isDone = progress[step.key];
            return (
              <li
                key={step.key}
                className="grid grid-cols-1 content-start gap-2 rounded-md border border-border p-4 text-sm"
              >
                <p className="flex items-center gap-2 font-medium">
                  <span
                    className={
                      isDone
                        ? "grid size-6 place-items-center rounded-full bg-success text-white"
                        : "grid size-6 place-items-center rounded-full bg-muted text-muted-foreground"
                    }
                    aria-hidden
                  >
                    {isDone ? <Check className="size-3.5" /> : i + 1}
                  </span>
                  {step.title}
                  {isDone ? <span className="sr-only">(connected)</span> : null}
                </p>
                <p className="text-muted-foreground">{step.body}</p>
                {!isDone && canConnect ? (
                  <Link href={step.href} className="font-medium text-primary hover:underline">
                    {step.action} →
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}
