"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionState } from "@/lib/core/auth/action";

export type ServiceFormValues = {
  slug: string;
  name: string;
  team: string;
  tier: number;
  lifecycle: string;
  type: string;
  description: string;
  repoUrl: string;
  repoPaths: string;
  repoLabels: string;
  runbookUrl: string;
  dashboardUrl: string;
  onCall: string;
  pagerdutyServiceId: string;
  tags: string;
};

type Props = {
  action: (prev: ActionState<undefined>, form: FormData) => Promise<ActionState<undefined>>;
  teams: Array<{ slug: string; name: string }>;
  initial?: ServiceFormValues;
  mode: "create" | "edit";
};

/** Create and edit share one form; each field shows its own error from the server's zod validation. */
export function ServiceForm({ action, teams, initial, mode }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const v = initial;
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="grid grid-cols-1 gap-6" noValidate>
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      {mode === "edit" ? <input type="hidden" name="currentSlug" value={v?.slug} /> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="Name" errors={errors?.name}>
          <Input name="name" defaultValue={v?.name} required maxLength={120} autoFocus={mode === "create"} />
        </Field>
        {mode === "create" ? (
          <Field
            label="Slug"
            errors={errors?.slug}
            hint="Lower-case letters, digits and hyphens; used in URLs and the API"
          >
            <Input name="slug" defaultValue={v?.slug} required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={63} />
          </Field>
        ) : (
          <Field label="Slug" hint="The slug cannot change: URLs, tokens and pipelines use it">
            <Input value={v?.slug} readOnly disabled />
          </Field>
        )}
        <Field label="Owning team" errors={errors?.team}>
          <Select name="team" defaultValue={v?.team ?? ""} required>
            <option value="" disabled>
              Choose a team
            </option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Tier"
          errors={errors?.tier}
          hint="1 is business-critical; tiers set which checklist items are required"
        >
          <Select name="tier" defaultValue={String(v?.tier ?? 2)}>
            <option value="1">Tier 1: business-critical</option>
            <option value="2">Tier 2: important</option>
            <option value="3">Tier 3: internal or low impact</option>
          </Select>
        </Field>
        <Field label="Lifecycle" errors={errors?.lifecycle}>
          <Select name="lifecycle" defaultValue={v?.lifecycle ?? "production"}>
            <option value="experimental">Experimental</option>
            <option value="production">Production</option>
            <option value="deprecated">Deprecated</option>
          </Select>
        </Field>
        <Field label="Type" errors={errors?.type} hint="Chooses the readiness checklist template">
          <Select name="type" defaultValue={v?.type ?? "service"}>
            <option value="service">Service</option>
            <option value="data-pipeline">Data pipeline</option>
            <option value="ml-model">ML model</option>
          </Select>
        </Field>
      </div>
      <Field label="Description" errors={errors?.description}>
        <Textarea name="description" defaultValue={v?.description} rows={3} maxLength={4000} />
      </Field>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="Repository URL" errors={errors?.repoUrl}>
          <Input name="repoUrl" type="url" defaultValue={v?.repoUrl} placeholder="https://github.com/org/repo" />
        </Field>
        <Field
          label="Monorepo paths"
          errors={errors?.repoPaths}
          hint="Only in a repository shared by several services: the folders that are this one, comma-separated (services/payments/)"
        >
          <Input name="repoPaths" defaultValue={v?.repoPaths} placeholder="services/payments/" maxLength={4000} />
        </Field>
        <Field
          label="Monorepo labels"
          errors={errors?.repoLabels}
          hint="Pull or merge request labels that mark this service's changes, comma-separated"
        >
          <Input name="repoLabels" defaultValue={v?.repoLabels} placeholder="service:payments" maxLength={4000} />
        </Field>
        <Field
          label="Tags"
          errors={Object.entries(errors ?? {}).flatMap(([path, messages]) =>
            path === "tags" ? messages : path.startsWith("tags.") ? messages.map((m) => `${path.slice(5)} ${m}`) : [],
          )}
          hint="Key/value labels for filters and scorecard scopes, comma-separated: language=go, pci"
        >
          <Input name="tags" defaultValue={v?.tags} placeholder="language=go, pci" maxLength={12000} />
        </Field>
        <Field label="Runbook URL" errors={errors?.runbookUrl}>
          <Input name="runbookUrl" type="url" defaultValue={v?.runbookUrl} />
        </Field>
        <Field label="Dashboard URL" errors={errors?.dashboardUrl}>
          <Input name="dashboardUrl" type="url" defaultValue={v?.dashboardUrl} />
        </Field>
        <Field label="On-call" errors={errors?.onCall} hint="Rotation or escalation policy name">
          <Input name="onCall" defaultValue={v?.onCall} maxLength={200} />
        </Field>
        <Field
          label="PagerDuty service id"
          errors={errors?.pagerdutyServiceId}
          hint="Maps PagerDuty incidents to this service"
        >
          <Input name="pagerdutyServiceId" defaultValue={v?.pagerdutyServiceId} maxLength={64} />
        </Field>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create service" : "Save changes"}
        </Button>
        <Link
          href={mode === "edit" ? `/services/${v?.slug}` : "/services"}
          className={buttonVariants({ variant: "secondary" })}
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
