import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDuration } from "@/lib/core/format";

export type WebhookActivitySummary = { counts: Record<string, number>; lastAt: Date | null } | undefined;

const ago = (ms: number) => (ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`);

const OUTCOMES: Array<[string, string]> = [
  ["applied", "accepted"],
  ["unmatched", "unmatched"],
  ["ignored", "ignored"],
];

/** One source: what to paste into the other tool, whether it is configured, and how it has gone. */
export function WebhookSourceCard({
  name,
  url,
  configured,
  env,
  auth,
  matches,
  activity,
  now,
}: {
  name: string;
  /** The full URL to paste into the other tool. */
  url: string;
  configured: boolean;
  env: string;
  auth: string;
  matches: string;
  activity: WebhookActivitySummary;
  now: Date;
}) {
  const total = activity ? Object.values(activity.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="grid gap-2 rounded-md border border-border p-4 text-sm">
      <div className="flex items-center justify-between gap-2">
        <p className="font-medium">{name}</p>
        {configured ? <Badge tone="success">ready</Badge> : <Badge tone="warning">{env} not set</Badge>}
      </div>
      <div className="flex min-w-0 items-center gap-1 rounded bg-muted/50 px-2 py-1">
        <code className="min-w-0 flex-1 truncate font-mono text-xs" title={url}>
          POST {url}
        </code>
        <CopyButton value={url} label={`${name} URL`} />
      </div>
      <p className="text-xs text-muted-foreground">
        {auth} Content type <code className="font-mono">application/json</code>.
      </p>
      <p className="text-xs text-muted-foreground">{matches}</p>
      <p className="text-xs">
        {total === 0 ? (
          <span className="text-muted-foreground">No delivery in the last 30 days.</span>
        ) : (
          <>
            Last delivery {activity?.lastAt ? ago(now.getTime() - activity.lastAt.getTime()) : "—"} ·{" "}
            {OUTCOMES.filter(([k]) => activity?.counts[k])
              .map(([k, label]) => `${activity?.counts[k]} ${label}`)
              .join(", ")}{" "}
            (30 days)
          </>
        )}
      </p>
    </div>
  );
}
