import { Card, CardContent, CardHeader, CardTitle, CardDescription } from "@/components/ui/card";
import { Progress, progressTone } from "@/components/ui/progress";
import type { ServiceChecklist } from "@/lib/readiness/server";
import { UpgradeChecklistButton } from "./upgrade-checklist-button";

export function ReadinessSummary({
  checklist,
  slug,
  canEdit,
}: {
  checklist: ServiceChecklist;
  slug: string;
  canEdit: boolean;
}) {
  const { overall, required, byCategory } = checklist.progress;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Readiness</CardTitle>
          <CardDescription>
            {checklist.template.name} · version {checklist.template.version}
            {checklist.template.latestVersion > checklist.template.version
              ? ` (version ${checklist.template.latestVersion} available)`
              : ""}
          </CardDescription>
        </div>
        {canEdit && checklist.template.latestVersion > checklist.template.version ? (
          <UpgradeChecklistButton slug={slug} />
        ) : null}
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">
        <div>
          <div className="mb-1.5 flex items-baseline justify-between text-sm">
            <span className="font-medium">Overall</span>
            <span className="text-muted-foreground tabular-nums" data-testid="overall-progress">
              {overall.percent}% · {overall.resolved} of {overall.total} items
            </span>
          </div>
          <Progress
            value={overall.percent}
            label="Overall readiness"
            tone={progressTone(overall.percent)}
            className="h-2.5"
          />
        </div>
        <div>
          <div className="mb-1.5 flex items-baseline justify-between text-sm">
            <span className="font-medium">Required for tier {checklist.tier}</span>
            <span className="text-muted-foreground tabular-nums" data-testid="required-progress">
              {required.satisfied} of {required.total} done or waived
            </span>
          </div>
          <Progress
            value={required.total ? (required.satisfied / required.total) * 100 : 100}
            label={`Required for tier ${checklist.tier}`}
            tone={required.missing.length ? "warning" : "success"}
          />
        </div>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {checklist.categories.map((c) => {
            const t = byCategory[c.key];
            return (
              <li key={c.key}>
                <a href={`#cat-${c.key}`} className="group block rounded-md p-1 hover:bg-muted">
                  <div className="mb-1 flex justify-between text-xs">
                    <span className="font-medium group-hover:text-primary">{c.name}</span>
                    <span className="text-muted-foreground tabular-nums">
                      {t.resolved}/{t.total}
                    </span>
                  </div>
                  <Progress
                    value={t.percent}
                    label={`${c.name} progress`}
                    tone={progressTone(t.percent)}
                    className="h-1.5"
                  />
                </a>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
