"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { upgradeChecklistAction } from "@/lib/readiness/actions";

export function UpgradeChecklistButton({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(upgradeChecklistAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="slug" value={slug} />
      <Button size="sm" variant="secondary" disabled={pending}>
        {pending ? "Upgrading…" : "Upgrade checklist"}
      </Button>
      {state.status !== "idle" ? (
        <span className={state.status === "error" ? "text-xs text-danger-ink" : "text-xs text-success-ink"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
