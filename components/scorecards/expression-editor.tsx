"use client";

import { CheckCircle2, Play, XCircle } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { previewExpressionAction } from "@/lib/scorecards/actions";
import type { DocumentField, ExpressionPreview } from "@/lib/scorecards/domain";
import type { ActionState } from "@/lib/core/auth/action";

type Props = {
  defaultValue?: string;
  errors?: string[];
  /** Custom fact keys in use, for the picker. */
  factKeys: Array<{ key: string; services: number }>;
  /** The id of the page's <datalist> of service slugs. */
  servicesListId: string;
  /** The document's fields (lib/scorecards/domain/expression-fields.ts). */
  fields: DocumentField[];
};

const EXAMPLES = [
  'facts.coverage.line >= 80 && dora.changeFailureRate.band in ["elite", "high"]',
  'slos.all(s, s.status != "exhausted") && size(slos) >= 1',
  '!("pci" in tags) || checklist.items["pen-test"] == "done"',
];

/** A CEL expression with a field picker and a "test against a service" preview (no nested form). */
export function ExpressionEditor({ defaultValue, errors, factKeys, servicesListId, fields: allFields }: Props) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(defaultValue ?? "");
  const [service, setService] = useState("");
  const [preview, setPreview] = useState<ActionState<ExpressionPreview> | null>(null);
  const [pending, startTransition] = useTransition();

  const insert = (text: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + text + value.slice(end);
    setValue(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const test = () => {
    const form = new FormData();
    form.set("expression", value);
    form.set("service", service.trim());
    startTransition(async () => setPreview(await previewExpressionAction({ status: "idle" }, form)));
  };

  const fields = allFields.filter((f) => !f.path.includes("[]"));
  const result = preview?.status === "success" ? preview.data : undefined;
  return (
    <div className="grid grid-cols-1 gap-3">
      <div className="grid grid-cols-1 gap-1.5">
        <label htmlFor={`${id}-expr`} className="text-sm font-medium">
          Expression (CEL)
        </label>
        <Textarea
          id={`${id}-expr`}
          ref={area}
          name="expression"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          rows={3}
          maxLength={2000}
          spellCheck={false}
          placeholder={EXAMPLES[0]}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
          className="font-mono text-xs"
        />
        {errors?.length ? (
          <p id={`${id}-error`} className="text-xs text-danger-ink" role="alert">
            {errors.join(" ")}
          </p>
        ) : null}
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          True passes the rule. Checked when saved; a missing fact fails with &ldquo;no fact&rdquo;. E.g.{" "}
          <code className="font-mono">{EXAMPLES[1]}</code>
        </p>
      </div>

      <details className="rounded-md border border-border">
        <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-primary">
          Insert a field ({fields.length + factKeys.length})
        </summary>
        <div className="grid max-h-64 grid-cols-1 gap-3 overflow-y-auto p-3 sm:grid-cols-2">
          <div>
            <p className="mb-1 text-xs font-medium text-muted-foreground">Custom facts</p>
            {factKeys.length === 0 ? (
              <p className="text-xs text-muted-foreground">None reported yet (PUT …/facts/&#123;key&#125;).</p>
            ) : (
              <ul className="grid grid-cols-1 gap-0.5">
                {factKeys.map((f) => (
                  <li key={f.key}>
                    <button
                      type="button"
                      onClick={() => insert(`facts.${f.key}`)}
                      className="rounded px-1 text-left font-mono text-xs hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                    >
                      facts.{f.key}
                    </button>{" "}
                    <span className="text-xs text-muted-foreground">{f.services} services</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-muted-foreground">The service</p>
            <ul className="grid grid-cols-1 gap-0.5">
              {fields.map((f) => (
                <li key={f.path} title={f.description}>
                  <button
                    type="button"
                    onClick={() => insert(f.path)}
                    className="rounded px-1 text-left font-mono text-xs hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  >
                    {f.path}
                  </button>{" "}
                  <span className="text-xs text-muted-foreground">{f.type}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </details>

      <div className="grid grid-cols-1 gap-2 rounded-md border border-dashed border-border p-3">
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid min-w-48 flex-1 grid-cols-1 gap-1">
            <label htmlFor={`${id}-svc`} className="text-xs font-medium">
              Test against a service
            </label>
            <Input
              id={`${id}-svc`}
              list={servicesListId}
              value={service}
              onChange={(e) => setService(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  test();
                }
              }}
              placeholder="service slug"
              className="font-mono text-xs"
            />
          </div>
          <Button type="button" variant="secondary" size="sm" onClick={test} disabled={pending || !service.trim()}>
            <Play aria-hidden /> {pending ? "Testing…" : "Test"}
          </Button>
        </div>
        <div aria-live="polite">
          {preview?.status === "error" ? <Alert tone="danger">{preview.message}</Alert> : null}
          {result ? (
            <div className="grid grid-cols-1 gap-2 text-sm" data-testid="expression-preview">
              <p className="flex items-start gap-1.5">
                {result.pass ? (
                  <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success-ink" aria-hidden />
                ) : (
                  <XCircle className="mt-0.5 size-4 shrink-0 text-danger-ink" aria-hidden />
                )}
                <span>
                  <strong>{result.pass ? "Passes" : "Fails"}</strong> on {result.service}: {result.reason}
                </span>
              </p>
              {result.read.length > 0 ? (
                <table className="w-fit text-xs">
                  <caption className="sr-only">Values the expression read</caption>
                  <tbody>
                    {result.read.map((r) => (
                      <tr key={r.path}>
                        <th scope="row" className="pr-3 text-left font-mono font-normal text-muted-foreground">
                          {r.path}
                        </th>
                        <td className="font-mono">{r.value === undefined ? "missing" : JSON.stringify(r.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <details>
                <summary className="cursor-pointer text-xs text-primary">The service&apos;s whole document</summary>
                <pre tabIndex={0} className="mt-1 max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs">
                  {JSON.stringify(result.document, null, 2)}
                </pre>
              </details>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
