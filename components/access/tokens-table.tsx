import { KeyRound } from "lucide-react";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { revokeTokenAction } from "@/lib/access/actions";
import type { listApiTokens } from "@/lib/access/server";
import { formatDate, formatDateTime } from "@/lib/core/format";

export function TokensTable({ tokens }: { tokens: Awaited<ReturnType<typeof listApiTokens>> }) {
  if (tokens.length === 0) {
    return (
      <EmptyState icon={KeyRound} title="No API tokens yet">
        Create one above, or run <code className="font-mono">npm run cli -- token create --name ci --scopes read</code>.
      </EmptyState>
    );
  }
  return (
    <Table>
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Scopes</TH>
          <TH>Team</TH>
          <TH>Created</TH>
          <TH>Last used</TH>
          <TH className="text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id} className={t.revokedAt ? "opacity-60" : undefined}>
            <TD>
              <span className="font-medium">{t.name}</span>
              <p className="font-mono text-xs text-muted-foreground">{t.prefix}…</p>
            </TD>
            <TD>
              <div className="flex gap-1">
                {t.scopes.map((s) => (
                  <Badge key={s} tone={s === "admin" ? "warning" : "primary"}>
                    {s}
                  </Badge>
                ))}
              </div>
            </TD>
            <TD>{t.team?.name ?? <span className="text-muted-foreground">All teams</span>}</TD>
            <TD className="text-muted-foreground">{formatDate(t.createdAt)}</TD>
            <TD className="text-muted-foreground">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</TD>
            <TD className="text-right">
              {t.revokedAt ? (
                <Badge tone="danger">revoked</Badge>
              ) : (
                <ActionButton
                  action={revokeTokenAction}
                  fields={{ id: t.id }}
                  label="Revoke"
                  variant="danger-outline"
                  confirm={`Revoke ${t.name}? Clients using it stop working at once.`}
                />
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
