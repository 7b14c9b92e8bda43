import Link from "next/link";

/** A service's tags as chips; each links to the services that share it. */
export function TagList({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {entries.map(([key, value]) => {
        const filter = value === "" ? key : `${key}:${value}`;
        return (
          <li key={key}>
            <Link
              href={`/services?tag=${encodeURIComponent(filter)}`}
              className="inline-flex items-center rounded-md border border-border bg-card px-1.5 py-0.5 font-mono text-xs text-foreground hover:bg-muted"
              title={`Services tagged ${filter}`}
              aria-label={value === "" ? key : `${key}=${value}`}
            >
              {key}
              {value !== "" ? <span className="text-muted-foreground">={value}</span> : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
