"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/core/auth/action";
import { Button } from "./button";

type Props<T> = {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "secondary" | "danger" | "danger-outline" | "ghost";
  confirm?: string;
};

/** A one-button form for row actions (revoke, disable), with its own pending and error state. */
export function ActionButton<T>({ action, fields, label, pendingLabel, variant = "secondary", confirm }: Props<T>) {
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, { status: "idle" });
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" size="sm" variant={variant} disabled={pending}>
        {pending ? (pendingLabel ?? label) : label}
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="text-xs text-danger-ink">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
