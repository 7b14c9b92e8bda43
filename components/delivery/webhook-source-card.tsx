import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDuration } from "@/lib/core/format";

export type WebhookActivitySummary =
  | {
      counts: Record<string, number>;
      lastAt: Date | null;
      problems: Array<{ kind: "rejected" | "ignored"; reason: string; count: number; lastAt: Date }>;
    }
  | undefined;

const ago = (ms: number) => (ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`);

const OUTCOMES: Array<[string, string]> = [
  ["accepted", "accepted"],
  ["duplicate", "duplicate"],
  ["ignored", "ignored"],
  ["unmatched", "unmatched"],
  ["rejected", "rejected"],
];

/** One source: what to paste into the other tool, whether it is configured, and how it has gone. */
export function WebhookSourceCard({
  name,
  url,
  configured,
  env,
  auth,
  matches,
  test,
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
  /** How to send a test from the other tool. */
  test: string;
  activity: WebhookActivitySummary;
  now: Date;
}) {
  const total = activity ? Object.values(activity.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="grid grid-cols-1 gap-2 rounded-md border border-border p-4 text-sm">
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
      <p className="text-xs text-muted-foreground">
        <span className="font-medium text-foreground">Send a test:</span> {test} It shows below within seconds.
      </p>
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
      {activity && activity.problems.length > 0 ? (
        <ul className="grid grid-cols-1 gap-1 text-xs" aria-label={`${name}: latest problems`}>
          {activity.problems.map((p) => (
            <li key={`${p.kind}:${p.reason}`} className="flex gap-2">
              <Badge tone={p.kind === "rejected" ? "danger" : "neutral"}>{p.kind}</Badge>
              <span className="min-w-0 flex-1 break-words text-muted-foreground">
                {p.reason} · {p.count}× · last {ago(now.getTime() - p.lastAt.getTime())}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
