import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { setUserDisabledAction } from "@/lib/access/actions";
import type { listUsers } from "@/lib/access/server";
import { formatDateTime } from "@/lib/core/format";

export function UsersTable({
  users,
  currentUserId,
}: {
  users: Awaited<ReturnType<typeof listUsers>>;
  currentUserId: string;
}) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>User</TH>
          <TH>Role</TH>
          <TH>Teams</TH>
          <TH>Last sign-in</TH>
          <TH className="text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {users.map((u) => (
          <TR key={u.id}>
            <TD>
              <span className="font-medium">{u.name ?? u.email}</span>{" "}
              {u.pendingApproval ? <Badge tone="warning">waiting for approval</Badge> : null}
              <p className="text-xs text-muted-foreground">{u.email}</p>
            </TD>
            <TD>
              <Badge tone={u.role === "platform" ? "primary" : "neutral"}>{u.role}</Badge>
            </TD>
            <TD className="text-muted-foreground">{u.memberships.map((m) => m.team.name).join(", ") || "—"}</TD>
            <TD className="text-muted-foreground">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "Never"}</TD>
            <TD className="text-right">
              {u.id === currentUserId ? (
                <span className="text-xs text-muted-foreground">You</span>
              ) : (
                <ActionButton
                  action={setUserDisabledAction}
                  fields={{ id: u.id, disabled: String(!u.disabled) }}
                  label={u.pendingApproval ? "Approve" : u.disabled ? "Enable" : "Disable"}
                  variant={u.disabled ? "secondary" : "danger-outline"}
                />
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
