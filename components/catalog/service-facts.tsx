import { ExternalLink } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

type Props = {
  service: {
    slug: string;
    description: string | null;
    onCall: string | null;
    repoUrl: string | null;
    repoPaths: string[];
    repoLabels: string[];
    runbookUrl: string | null;
    dashboardUrl: string | null;
    type: string;
    createdAt: Date;
  };
};

function LinkFact({ label, href }: { label: string; href: string | null }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="truncate">
        {href ? (
          <a
            href={href}
            className="inline-flex items-center gap-1 text-primary hover:underline"
            target="_blank"
            rel="noreferrer"
          >
            {href.replace(/^https?:\/\//, "")}
            <ExternalLink className="size-3" aria-hidden />
          </a>
        ) : (
          <span className="text-muted-foreground">Not set</span>
        )}
      </dd>
    </div>
  );
}

export function ServiceFacts({ service }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>About</CardTitle>
      </CardHeader>
      <CardContent>
        {service.description ? <p className="mb-4 text-sm">{service.description}</p> : null}
        <dl className="grid grid-cols-1 gap-3 text-sm">
          <div>
            <dt className="text-xs text-muted-foreground">Slug</dt>
            <dd className="font-mono">{service.slug}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Type</dt>
            <dd>{service.type.replace("_", " ")}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">On-call</dt>
            <dd>{service.onCall ?? <span className="text-muted-foreground">Not set</span>}</dd>
          </div>
          <LinkFact label="Repository" href={service.repoUrl} />
          {service.repoPaths.length > 0 || service.repoLabels.length > 0 ? (
            <div>
              <dt className="text-xs text-muted-foreground">In the monorepo</dt>
              <dd className="flex flex-wrap gap-1">
                {service.repoPaths.map((p) => (
                  <code key={p} className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">
                    {p}
                  </code>
                ))}
                {service.repoLabels.map((l) => (
                  <span key={l} className="rounded border border-border px-1.5 py-0.5 text-xs">
                    label {l}
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          <LinkFact label="Runbook" href={service.runbookUrl} />
          <LinkFact label="Dashboard" href={service.dashboardUrl} />
        </dl>
      </CardContent>
    </Card>
  );
}
