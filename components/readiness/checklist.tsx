import Markdown from "react-markdown";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress, progressTone } from "@/components/ui/progress";
import type { ServiceChecklist } from "@/lib/readiness/server";
import { ChecklistItemRow } from "./checklist-item-row";

export function Checklist({
  checklist,
  slug,
  canEdit,
}: {
  checklist: ServiceChecklist;
  slug: string;
  canEdit: boolean;
}) {
  return (
    <div className="grid grid-cols-1 gap-4">
      {checklist.categories.map((c) => {
        const t = checklist.progress.byCategory[c.key];
        return (
          <Card key={c.key} id={`cat-${c.key}`} className="scroll-mt-20">
            <CardHeader className="items-center pb-3">
              <CardTitle>{c.name}</CardTitle>
              <div className="flex w-40 items-center gap-2 text-xs text-muted-foreground">
                <Progress
                  value={t.percent}
                  label={`${c.name} progress`}
                  tone={progressTone(t.percent)}
                  className="h-1.5"
                />
                <span className="tabular-nums">
                  {t.resolved}/{t.total}
                </span>
              </div>
            </CardHeader>
            <ul className="border-t border-border">
              {c.items.map((item) => (
                <ChecklistItemRow
                  key={item.key}
                  slug={slug}
                  tier={checklist.tier}
                  canEdit={canEdit}
                  guidance={<Markdown>{item.guidance}</Markdown>}
                  item={{
                    key: item.key,
                    title: item.title,
                    required: item.required,
                    status: item.status,
                    waiverExpired: item.waiverExpired,
                    waivedUntil: item.waivedUntil?.toISOString() ?? null,
                    version: item.version,
                    evidenceUrl: item.evidenceUrl,
                    note: item.note,
                    naReason: item.naReason,
                    updatedAt: item.updatedAt?.toISOString() ?? null,
                    updatedBy: item.updatedBy,
                    pendingWaiverUntil: item.pendingWaiver?.expiresAt.toISOString() ?? null,
                  }}
                />
              ))}
            </ul>
          </Card>
        );
      })}
    </div>
  );
}
