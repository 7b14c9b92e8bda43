"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { saveAssumptionsAction } from "@/lib/leadership/actions";
import type { RoiAssumptions } from "@/lib/leadership/domain";

/** The ROI assumptions, editable by leadership and the platform team; saving keeps a revision. */
export function AssumptionsForm({ values }: { values: RoiAssumptions }) {
  const [state, action, pending] = useActionState(saveAssumptionsAction, { status: "idle" });
  const e = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const err = (...keys: string[]) => keys.flatMap((k) => e[k] ?? []);
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4" aria-label="ROI assumptions">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium">Cost of an hour of downtime, by tier</legend>
        {(["1", "2", "3"] as const).map((t) => (
          <Field key={t} label={`Tier ${t}`} errors={err(`tier${t}`, `downtimeCostPerHour.${t}`)}>
            <Input name={`tier${t}`} inputMode="decimal" required defaultValue={values.downtimeCostPerHour[t]} />
          </Field>
        ))}
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Engineer cost per hour (loaded)" errors={err("engineerCostPerHour")}>
          <Input name="engineerCostPerHour" inputMode="decimal" required defaultValue={values.engineerCostPerHour} />
        </Field>
        <Field label="Remediation hours per failed change" errors={err("remediationHoursPerFailedChange")}>
          <Input
            name="remediationHoursPerFailedChange"
            inputMode="decimal"
            required
            defaultValue={values.remediationHoursPerFailedChange}
          />
        </Field>
        <Field label="Currency" errors={err("currency")} hint="ISO code, e.g. USD, EUR">
          <Input name="currency" required maxLength={3} defaultValue={values.currency} className="uppercase" />
        </Field>
      </div>
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">Baseline period (before the readiness work)</legend>
        <Field label="From" errors={err("baselineFrom", "baseline.from")}>
          <Input type="date" name="baselineFrom" required defaultValue={values.baseline.from} />
        </Field>
        <Field label="To (inclusive)" errors={err("baselineTo", "baseline.to")}>
          <Input type="date" name="baselineTo" required defaultValue={values.baseline.to} />
        </Field>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save assumptions"}
        </Button>
      </div>
    </form>
  );
}
