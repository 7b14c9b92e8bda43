import type { Metadata } from "next";
import { Database } from "lucide-react";
import { notFound } from "next/navigation";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireUser } from "@/lib/core/auth/session";
import { formatDateTime, plural } from "@/lib/core/format";
import { getServiceBySlug, listFactsWithHistory } from "@/lib/catalog/server";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Facts · ${(await params).slug}` };
}

function JsonValue({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2);
  const short = JSON.stringify(value);
  if (short.length <= 80) return <code className="font-mono text-xs break-all">{short}</code>;
  return (
    <details>
      <summary className="cursor-pointer font-mono text-xs break-all">{short.slice(0, 77)}…</summary>
      <pre tabIndex={0} className="mt-2 max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">
        {text}
      </pre>
    </details>
  );
}

export default async function ServiceFactsPage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(user, slug);
  if (!service) notFound();
  const facts = await listFactsWithHistory(user, service.id);
  const base = process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  const example = `curl -X PUT ${base}/api/v1/services/${slug}/facts/coverage \\
  -H "Authorization: Bearer $SHIPSHAPE_TOKEN" -H "Content-Type: application/json" \\
  --data '{"line": 81.5, "branch": 70.2}'`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Custom facts</CardTitle>
        <p className="text-sm text-muted-foreground">
          Values that CI jobs and scanners report about this service. Expression rules in scorecards read them as{" "}
          <code className="font-mono text-xs">facts.&lt;key&gt;</code>.
        </p>
      </CardHeader>
      {facts.length === 0 ? (
        <CardContent>
          <EmptyState icon={Database} title="No facts reported yet">
            <p>Send one from a CI job with an ingest token of this service&apos;s team:</p>
            <div className="mt-3 flex items-start gap-1 text-left">
              <pre
                tabIndex={0}
                className="min-w-0 flex-1 overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs text-foreground"
              >
                {example}
              </pre>
              <CopyButton value={example} label="the command" />
            </div>
          </EmptyState>
        </CardContent>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <THead>
              <TR>
                <TH>Key</TH>
                <TH>Value</TH>
                <TH>Changed</TH>
                <TH>Last reported</TH>
                <TH>History</TH>
              </TR>
            </THead>
            <TBody>
              {facts.map((f) => (
                <TR key={f.key} id={`fact-${f.key}`} className="align-top">
                  <TD className="font-mono text-xs font-medium">{f.key}</TD>
                  <TD className="max-w-md">
                    <JsonValue value={f.value} />
                  </TD>
                  <TD className="text-xs whitespace-nowrap text-muted-foreground">{formatDateTime(f.updatedAt)}</TD>
                  <TD className="text-xs text-muted-foreground">
                    <span className="whitespace-nowrap">{formatDateTime(f.reportedAt)}</span>
                    <br />
                    by {f.reportedBy}
                  </TD>
                  <TD className="text-xs">
                    <details>
                      <summary className="cursor-pointer whitespace-nowrap text-primary">
                        {f.history.length >= 10 ? "last 10 changes" : plural(f.history.length, "change")}
                      </summary>
                      <ol className="mt-2 grid grid-cols-1 gap-1.5">
                        {f.history.map((h, i) => (
                          <li key={i} className="grid grid-cols-1 gap-0.5">
                            <span className="text-muted-foreground">
                              {formatDateTime(h.recordedAt)} · {h.recordedBy}
                            </span>
                            {h.deleted ? (
                              <span className="italic">deleted</span>
                            ) : (
                              <code className="font-mono break-all">{JSON.stringify(h.value).slice(0, 200)}</code>
                            )}
                          </li>
                        ))}
                      </ol>
                    </details>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
