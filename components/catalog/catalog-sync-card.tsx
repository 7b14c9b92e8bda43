import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/core/format";
import type { CatalogSyncResult } from "@/lib/catalog/server";

/** Where the hourly catalog sync reads from (or how to turn it on), and how its last run went. */
export function CatalogSyncCard({ catalogUrl, lastSync }: { catalogUrl: string | null; lastSync?: CatalogSyncResult }) {
  return (
    <Card className="mt-6">
      <CardHeader>
        <div>
          <CardTitle>Catalog sync</CardTitle>
          <CardDescription>
            {catalogUrl ? (
              <>
                Every hour from <code className="font-mono text-xs">{catalogUrl}</code>; run it now with{" "}
                <code className="font-mono text-xs">POST /api/v1/catalog/sync</code>.
              </>
            ) : (
              <>
                Off. Set <code className="font-mono text-xs">CATALOG_SYNC_URL</code> to a Backstage URL or to
                catalog-info.yaml URLs to keep services in step with your catalog.
              </>
            )}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="text-sm">
        {!lastSync ? (
          <p className="text-muted-foreground">No run yet.</p>
        ) : lastSync.error ? (
          <Alert tone="danger" title={`Last run ${formatDateTime(new Date(lastSync.startedAt))} changed nothing`}>
            {lastSync.error}
          </Alert>
        ) : (
          <div className="grid grid-cols-1 gap-2">
            <p>
              Last run {formatDateTime(new Date(lastSync.startedAt))}: {lastSync.created} created, {lastSync.updated}{" "}
              updated, {lastSync.archived} archived, {lastSync.unchanged} unchanged.
            </p>
            {lastSync.problems.length > 0 ? (
              <ul className="list-disc pl-5 text-muted-foreground">
                {lastSync.problems.slice(0, 10).map((p) => (
                  <li key={p.entity}>
                    <span className="font-medium text-foreground">{p.entity}</span> {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
