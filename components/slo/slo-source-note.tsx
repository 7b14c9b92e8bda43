import { CloudDownload, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatDuration, plural } from "@/lib/core/format";
import type { SloSourceDto } from "@/lib/slo/server";

/** Where a pulled SLO reads its samples, and how its last pull went (an error stays visible). */
export function SloSourceNote({ source, now }: { source: SloSourceDto; now: Date }) {
  const ago = (iso: string) => {
    const ms = now.getTime() - new Date(iso).getTime();
    return ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`;
  };
  const failing = source.lastError !== null;
  return (
    <div
      role={failing ? "alert" : "note"}
      aria-label="SLI source"
      className={
        failing
          ? "grid gap-1 rounded-md border border-danger/30 bg-danger-soft p-3 text-sm"
          : "grid gap-1 rounded-md border border-border bg-muted/40 p-3 text-sm"
      }
    >
      <p className="flex flex-wrap items-center gap-1.5">
        <CloudDownload className="size-4 text-muted-foreground" aria-hidden />
        <span className="font-medium">Pulled from Prometheus</span>
        <code className="font-mono text-xs break-all">{source.effectiveUrl ?? "PROMETHEUS_URL (not set)"}</code>
        {source.url === null ? <Badge>server default</Badge> : null}
        {source.lastSuccessAt ? (
          <span className="text-muted-foreground">
            · last read {ago(source.lastSuccessAt)}
            {source.readUntil ? `, complete to ${formatDateTime(new Date(source.readUntil))}` : ""}
          </span>
        ) : (
          <span className="text-muted-foreground">· not read yet (every 5 minutes)</span>
        )}
      </p>
      {failing ? (
        <p className="flex items-start gap-1.5 text-danger-ink">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            The last pull failed {source.lastErrorAt ? ago(source.lastErrorAt) : ""}: {source.lastError}
            {source.lastSuccessAt
              ? ` Last success ${formatDateTime(new Date(source.lastSuccessAt))}.`
              : " It has never succeeded."}
          </span>
        </p>
      ) : source.lastMissing > 0 && source.lastSuccessAt ? (
        <p className="text-muted-foreground">
          The last read found no data for {plural(source.lastMissing, "five-minute bucket")}; gaps in the last 6 hours
          are read again.
        </p>
      ) : null}
    </div>
  );
}
