"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { mapUnmatchedAction } from "@/lib/delivery/actions";

export function MapUnmatchedForm({
  provider,
  externalKey,
  services,
}: {
  provider: string;
  externalKey: string;
  services: Array<{ slug: string; name: string }>;
}) {
  const [state, action, pending] = useActionState(mapUnmatchedAction, { status: "idle" });
  if (state.status === "success") return <span className="text-xs text-success-ink">{state.message}</span>;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="provider" value={provider} />
      <input type="hidden" name="externalKey" value={externalKey} />
      <label className="sr-only" htmlFor={`map-${provider}-${externalKey}`}>
        Service for {externalKey}
      </label>
      <Select id={`map-${provider}-${externalKey}`} name="service" required defaultValue="" className="h-8 w-56">
        <option value="" disabled>
          Choose a service
        </option>
        {services.map((s) => (
          <option key={s.slug} value={s.slug}>
            {s.name}
          </option>
        ))}
      </Select>
      <Button type="submit" size="sm" disabled={pending}>
        Map
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="basis-full text-right text-xs text-danger-ink">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
