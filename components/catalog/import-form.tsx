"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/core/auth/action";

type Result = { errors?: Array<{ index: number; message: string }> };

type Props<T extends object> = {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fileLabel: string;
  placeholder: string;
  submitLabel: string;
};

/** Upload a YAML file or paste it; shows the per-document report. */
export function YamlImportForm<T extends object>({ action, fileLabel, placeholder, submitLabel }: Props<T>) {
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, { status: "idle" });
  const importErrors =
    state.status === "success" && state.data && "errors" in state.data ? (state.data as Result).errors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="grid grid-cols-1 gap-4">
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      {state.status === "success" ? (
        <Alert tone={importErrors?.length ? "warning" : "success"} title={state.message}>
          {importErrors?.length ? (
            <ul className="mt-2 grid grid-cols-1 gap-1 text-sm" data-testid="import-errors">
              {importErrors.map((e) => (
                <li key={`${e.index}-${e.message}`}>
                  <span className="font-mono">document {e.index}</span>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-1.5">
        <Label htmlFor="yaml-file">{fileLabel}</Label>
        <input
          id="yaml-file"
          name="file"
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-card file:px-3 file:py-1.5 file:text-sm"
        />
      </div>
      <div className="grid grid-cols-1 gap-1.5">
        <Label htmlFor="yaml-text">…or paste YAML</Label>
        <Textarea id="yaml-text" name="yaml" rows={12} className="font-mono text-xs" placeholder={placeholder} />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
