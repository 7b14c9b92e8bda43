"use client";

import { useEffect, useState } from "react";
import { itemHistoryAction, type ItemHistoryEntry } from "@/lib/readiness/actions";
import { formatDateTime } from "@/lib/core/format";

/** The item's audit trail, fetched when its details open (and again after each change). */
export function ItemHistory({ slug, itemKey, version }: { slug: string; itemKey: string; version: number }) {
  const [entries, setEntries] = useState<ItemHistoryEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    itemHistoryAction(slug, itemKey).then((rows) => live && setEntries(rows));
    return () => {
      live = false;
    };
  }, [slug, itemKey, version]);
  return (
    <div>
      <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">History</p>
      {entries === null ? (
        <p className="text-xs text-muted-foreground">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="text-xs text-muted-foreground">No changes yet.</p>
      ) : (
        <ol className="grid grid-cols-1 gap-1 text-xs" data-testid="item-history">
          {entries.map((e) => (
            <li key={e.id} className="flex gap-2">
              <time className="shrink-0 text-muted-foreground tabular-nums" dateTime={e.at}>
                {formatDateTime(new Date(e.at))}
              </time>
              <span className="font-medium">{e.actor}</span>
              <span className="text-muted-foreground">{e.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
