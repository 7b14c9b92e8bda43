import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/core/format";

type Entry = { id: string; at: Date; actorLabel: string; action: string; data: unknown };

const LABELS: Record<string, string> = {
  "service.create": "created the service",
  "service.update": "edited the service",
  "service.archive": "archived the service",
  "service.unarchive": "restored the service",
  "checklist.upgrade": "upgraded the checklist",
  "waiver.request": "requested a waiver",
  "waiver.approve": "approved a waiver",
  "waiver.reject": "rejected a waiver",
  "review.request": "requested a review",
  "review.approved": "approved the review",
  "review.changes_requested": "requested changes",
  "review.comment": "commented on the review",
};

function describe(e: Entry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.action === "checklist.item.update") return `set ${String(d.item)} to ${String(d.to).replace("_", " ")}`;
  const label = LABELS[e.action] ?? e.action;
  return d.item && e.action.startsWith("waiver") ? `${label} (${String(d.item)})` : label;
}

export function ServiceActivity({ entries }: { entries: Entry[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Activity</CardTitle>
      </CardHeader>
      <CardContent>
        {entries.length === 0 ? (
          <p className="text-sm text-muted-foreground">No changes recorded yet.</p>
        ) : (
          <ol className="grid grid-cols-1 gap-2 text-xs" aria-label="Service history">
            {entries.map((e) => (
              <li key={e.id}>
                <span className="font-medium">{e.actorLabel}</span>{" "}
                <span className="text-muted-foreground">{describe(e)}</span>
                <br />
                <time className="text-muted-foreground" dateTime={e.at.toISOString()}>
                  {formatDateTime(e.at)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
