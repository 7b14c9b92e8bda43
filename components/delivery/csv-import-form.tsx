"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select, Textarea } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { importCsvAction } from "@/lib/delivery/actions";

export function CsvImportForm() {
  const [state, action, pending] = useActionState(importCsvAction, { status: "idle" });
  const errors = state.status === "error" && state.data && !state.data.ok ? state.data.errors : [];
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? (
        <Alert tone="danger" title={state.message}>
          {errors.length ? (
            <ul
              className="mt-1 grid max-h-64 grid-cols-1 gap-0.5 overflow-auto font-mono text-xs"
              data-testid="csv-errors"
            >
              {errors.map((e, i) => (
                <li key={i}>
                  line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-1.5 sm:max-w-xs">
        <Label htmlFor="csv-kind">What the file holds</Label>
        <Select id="csv-kind" name="kind" defaultValue="deployments">
          <option value="deployments">Deployments</option>
          <option value="incidents">Incidents</option>
        </Select>
      </div>
      <div className="grid grid-cols-1 gap-1.5">
        <Label htmlFor="csv-file">CSV file (with a header row)</Label>
        <input
          id="csv-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-card file:px-3 file:py-1.5 file:text-sm"
        />
      </div>
      <div className="grid grid-cols-1 gap-1.5">
        <Label htmlFor="csv-text">…or paste CSV</Label>
        <Textarea
          id="csv-text"
          name="text"
          rows={8}
          className="font-mono text-xs"
          placeholder={
            "externalId,service,environment,status,startedAt,finishedAt,commitSha,commitAuthoredAt\ndep-1,payments-api,production,success,2026-01-05T10:00:00Z,2026-01-05T10:07:00Z,a1b2c3d4,2026-01-04T16:20:00Z"
          }
        />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}
