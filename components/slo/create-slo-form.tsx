"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { createSloAction } from "@/lib/slo/actions";

export function CreateSloForm({ service }: { service: string }) {
  const [state, action, pending] = useActionState(createSloAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      <input type="hidden" name="service" value={service} />
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field label="Name" errors={errors?.name} hint="e.g. availability, latency">
          <Input name="name" required maxLength={63} />
        </Field>
        <Field label="Objective (%)" errors={errors?.objective} hint="e.g. 99.9">
          <Input name="objective" type="number" step="0.001" min="0.001" max="100" required defaultValue="99.9" />
        </Field>
        <Field label="Window" errors={errors?.windowDays}>
          <Select name="windowDays" defaultValue="30">
            <option value="7">7 days</option>
            <option value="28">28 days</option>
            <option value="30">30 days</option>
            <option value="month">Calendar month (UTC)</option>
          </Select>
        </Field>
      </div>
      <Field label="Description" errors={errors?.description} hint="What counts as a good event">
        <Input name="description" maxLength={2000} />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create SLO"}
        </Button>
      </div>
    </form>
  );
}
