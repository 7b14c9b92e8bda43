"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { ExpressionEditor } from "@/components/scorecards/expression-editor";
import { saveRuleAction } from "@/lib/scorecards/actions";
import type { RuleCheck } from "@/lib/scorecards/domain";
import type { DocumentField, TRuleDocument } from "@/lib/scorecards/domain";

const TYPES: Array<{ value: RuleCheck["type"]; label: string }> = [
  { value: "catalog_field", label: "Catalog field is set" },
  { value: "checklist_required", label: "Required-for-tier checklist items" },
  { value: "checklist_item", label: "One checklist item" },
  { value: "checklist_complete", label: "Whole checklist" },
  { value: "slo_count", label: "Number of SLOs" },
  { value: "slo_none_in_status", label: "No SLO in a status" },
  { value: "dora_band", label: "DORA band" },
  { value: "deployed_within_days", label: "Deployed recently" },
  { value: "review_approved_within_days", label: "Review approved recently" },
  { value: "expression", label: "Expression (CEL) over facts, tags, DORA, SLOs…" },
];

type Props = {
  scorecard: string;
  rule?: TRuleDocument;
  categories: string[];
  /** For expression rules: the fact keys in use, and the id of the page's service <datalist>. */
  factKeys: Array<{ key: string; services: number }>;
  servicesListId: string;
  fields: DocumentField[];
};

function AcceptBoxes({ name, options, checked }: { name: string; options: string[]; checked: string[] }) {
  return (
    <fieldset className="grid grid-cols-1 gap-1.5">
      <legend className="mb-1 text-sm font-medium">Counts as satisfied</legend>
      <div className="flex flex-wrap gap-4">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={o}
              defaultChecked={checked.includes(o)}
              className="size-4 rounded border-input"
            />
            {o.replace("_", " ")}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Adds a rule, or edits one (its check's parameters change with its type). */
export function RuleEditor({ scorecard, rule, categories, factKeys, servicesListId, fields }: Props) {
  const [state, action, pending] = useActionState(saveRuleAction, { status: "idle" });
  const [type, setType] = useState<RuleCheck["type"]>(rule?.check.type ?? "catalog_field");
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const c = (rule?.check ?? {}) as Partial<Record<string, unknown>>;
  const accept = (fallback: string[]) => (Array.isArray(c.accept) ? (c.accept as string[]) : fallback);
  return (
    <form
      onSubmit={keepValuesOnSubmit(action)}
      className="grid grid-cols-1 gap-4"
      aria-label={rule ? `Edit rule ${rule.name}` : "New rule"}
    >
      <input type="hidden" name="scorecard" value={scorecard} />
      {rule ? <input type="hidden" name="originalKey" value={rule.key} /> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-[2fr_1fr]">
        <Field label="Name" errors={errors?.name}>
          <Input name="name" required minLength={3} maxLength={160} defaultValue={rule?.name} />
        </Field>
        <Field label="Key" errors={errors?.key} hint="Stable id used by the API and initiatives">
          <Input name="key" required pattern="[a-z0-9]+(-[a-z0-9]+)*" defaultValue={rule?.key} className="font-mono" />
        </Field>
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field label="Level" errors={errors?.level}>
          <Select name="level" defaultValue={rule?.level ?? "silver"}>
            <option value="bronze">Bronze</option>
            <option value="silver">Silver</option>
            <option value="gold">Gold</option>
          </Select>
        </Field>
        <Field label="Weight" errors={errors?.weight} hint="1–10, for the score">
          <Input name="weight" type="number" min={1} max={10} step={1} defaultValue={rule?.weight ?? 1} />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={rule?.enabled ?? true}
            className="size-4 rounded border-input"
          />
          Enabled
        </label>
      </div>
      <Field label="Check" errors={errors?.type}>
        <Select name="type" value={type} onChange={(e) => setType(e.target.value as RuleCheck["type"])}>
          {TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      {type === "catalog_field" ? (
        <Field label="Field" errors={errors?.field}>
          <Select name="field" defaultValue={(c.field as string) ?? "runbookUrl"}>
            <option value="team">Owner team</option>
            <option value="onCall">On-call</option>
            <option value="runbookUrl">Runbook URL</option>
            <option value="repoUrl">Repository URL</option>
            <option value="dashboardUrl">Dashboard URL</option>
            <option value="description">Description</option>
          </Select>
        </Field>
      ) : null}
      {type === "checklist_required" ? (
        <>
          <Field label="Category (optional)" errors={errors?.category} hint="Only this category's items">
            <Select name="category" defaultValue={(c.category as string) ?? ""}>
              <option value="">Every category</option>
              {categories.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </Field>
          <AcceptBoxes name="accept" options={["done", "waived"]} checked={accept(["done", "waived"])} />
        </>
      ) : null}
      {type === "checklist_item" ? (
        <>
          <Field label="Item key" errors={errors?.item} hint="e.g. restore-tested">
            <Input name="item" required defaultValue={(c.item as string) ?? ""} className="font-mono" />
          </Field>
          <AcceptBoxes
            name="accept"
            options={["done", "waived", "not_applicable"]}
            checked={accept(["done", "waived", "not_applicable"])}
          />
        </>
      ) : null}
      {type === "checklist_complete" ? (
        <AcceptBoxes
          name="accept"
          options={["done", "waived", "not_applicable"]}
          checked={accept(["done", "not_applicable"])}
        />
      ) : null}
      {type === "slo_count" ? (
        <Field label="At least" errors={errors?.min}>
          <Input name="min" type="number" min={1} step={1} defaultValue={(c.min as number) ?? 1} />
        </Field>
      ) : null}
      {type === "slo_none_in_status" ? (
        <Field label="Status" errors={errors?.status}>
          <Select name="status" defaultValue={(c.status as string) ?? "exhausted"}>
            <option value="exhausted">exhausted</option>
            <option value="burning">burning</option>
          </Select>
        </Field>
      ) : null}
      {type === "dora_band" ? (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Metric" errors={errors?.metric}>
            <Select name="metric" defaultValue={(c.metric as string) ?? "leadTime"}>
              <option value="deploymentFrequency">Deployment frequency</option>
              <option value="leadTime">Lead time</option>
              <option value="changeFailureRate">Change failure rate</option>
              <option value="recovery">Recovery time</option>
            </Select>
          </Field>
          <Field label="At least" errors={errors?.atLeast}>
            <Select name="atLeast" defaultValue={(c.atLeast as string) ?? "high"}>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
              <option value="elite">elite</option>
            </Select>
          </Field>
        </div>
      ) : null}
      {type === "deployed_within_days" || type === "review_approved_within_days" ? (
        <Field label="Within (days)" errors={errors?.days}>
          <Input
            name="days"
            type="number"
            min={1}
            max={730}
            step={1}
            defaultValue={(c.days as number) ?? (type === "deployed_within_days" ? 30 : 180)}
          />
        </Field>
      ) : null}
      {type === "expression" ? (
        <ExpressionEditor
          defaultValue={(c.expression as string) ?? ""}
          errors={errors?.expression}
          factKeys={factKeys}
          servicesListId={servicesListId}
          fields={fields}
        />
      ) : null}
      <Field label="Description (optional)" errors={errors?.description}>
        <Input name="description" maxLength={2000} defaultValue={rule?.description ?? ""} />
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : rule ? "Save rule" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
