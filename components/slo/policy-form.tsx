"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { setPolicyAction } from "@/lib/slo/actions";

export function PolicyForm({ service, policy }: { service: string; policy: string | null }) {
  const [state, action, pending] = useActionState(setPolicyAction, { status: "idle" });
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-3">
      <input type="hidden" name="service" value={service} />
      <Field
        label="Error-budget policy"
        errors={state.status === "error" ? [state.message] : undefined}
        hint="What the team does when a budget is exhausted (SRE Workbook: freeze launches, prioritise reliability…)"
      >
        <Textarea name="policy" rows={4} maxLength={4000} defaultValue={policy ?? ""} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save policy"}
        </Button>
        {state.status === "success" ? <span className="text-xs text-success-ink">{state.message}</span> : null}
      </div>
    </form>
  );
}
