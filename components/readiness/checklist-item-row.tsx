"use client";

import { Check, ChevronDown, CircleDashed, CircleSlash, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionState, useOptimistic, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/core/cn";
import { requestWaiverAction, updateItemAction } from "@/lib/readiness/actions";
import type { ActionState } from "@/lib/core/auth/action";
import { ItemHistory } from "./item-history";
import { ItemDetailsForm, NotApplicableForm, WaiverRequestForm } from "./item-forms";
import { formatDate } from "@/lib/core/format";

export type ChecklistRowItem = {
  key: string;
  title: string;
  required: boolean;
  status: "open" | "done" | "not_applicable" | "waived";
  waiverExpired: boolean;
  waivedUntil: string | null;
  version: number;
  evidenceUrl: string | null;
  note: string | null;
  naReason: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  pendingWaiverUntil: string | null;
};

const day = (iso: string) => formatDate(new Date(iso));

function StatusIcon({ status }: { status: ChecklistRowItem["status"] }) {
  if (status === "done") return <Check className="size-4" aria-hidden />;
  if (status === "not_applicable") return <CircleSlash className="size-4" aria-hidden />;
  if (status === "waived") return <ShieldCheck className="size-4" aria-hidden />;
  return <CircleDashed className="size-4 opacity-0" aria-hidden />;
}

type Props = { slug: string; tier: number; item: ChecklistRowItem; canEdit: boolean; guidance: ReactNode };

export function ChecklistItemRow({ slug, tier, item, canEdit, guidance }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [toggleState, toggle, toggling] = useActionState(updateItemAction, { status: "idle" });
  const [detailsState, saveDetails, savingDetails] = useActionState(updateItemAction, { status: "idle" });
  const [naState, saveNa, savingNa] = useActionState(updateItemAction, { status: "idle" });
  const [waiverState, askWaiver, askingWaiver] = useActionState(requestWaiverAction, { status: "idle" });
  const errors = [toggleState, detailsState, naState].filter(
    (s): s is Extract<ActionState<{ version: number }>, { status: "error" }> => s.status === "error",
  );
  const conflict = errors.find((e) => e.code === "conflict");
  // A tick shows at once; the server's answer then confirms it, or it springs back with the error.
  const [status, setStatus] = useOptimistic(item.status);
  const tick = (form: FormData) => {
    setStatus(form.get("status") === "done" ? "done" : "open");
    toggle(form);
  };
  const done = status === "done";
  const resolved = status !== "open";
  const hidden = { slug, itemKey: item.key, version: String(item.version) };

  return (
    <li
      id={`item-${item.key}`}
      className={cn("border-b border-border last:border-b-0", item.waiverExpired && "bg-warning-soft/40")}
    >
      <div className="flex items-start gap-3 px-4 py-3">
        <form action={tick} aria-busy={toggling}>
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <input type="hidden" name="status" value={done ? "open" : "done"} />
          <button
            type="submit"
            role="checkbox"
            aria-checked={done}
            aria-label={`${item.title}: ${done ? "mark as open" : "mark as done"}`}
            disabled={!canEdit || toggling || item.status === "not_applicable" || item.status === "waived"}
            className={cn(
              "mt-0.5 grid size-5 place-items-center rounded border transition-colors disabled:cursor-not-allowed",
              done
                ? "border-success bg-success text-white"
                : resolved
                  ? "border-muted-foreground/40 bg-muted text-muted-foreground"
                  : "border-input bg-card hover:border-primary",
            )}
          >
            <StatusIcon status={status} />
          </button>
        </form>
        <div className="min-w-0 flex-1">
          <button
            type="button"
            onClick={() => setOpen((o) => !o)}
            className={cn(
              "text-left text-sm font-medium hover:text-primary",
              resolved && !item.waiverExpired && "text-muted-foreground",
            )}
            aria-expanded={open}
            aria-controls={`item-${item.key}-details`}
          >
            {item.title}
          </button>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            {item.required ? <Badge tone="primary">Required for tier {tier}</Badge> : null}
            {item.status === "not_applicable" ? <Badge>Not applicable</Badge> : null}
            {item.status === "waived" && item.waivedUntil ? (
              <Badge tone="warning">Waived until {day(item.waivedUntil)}</Badge>
            ) : null}
            {item.waiverExpired ? <Badge tone="danger">Waiver expired: open again</Badge> : null}
            {item.pendingWaiverUntil ? <Badge tone="neutral">Waiver requested</Badge> : null}
            {item.updatedBy && item.updatedAt && resolved ? (
              <span>
                {item.status === "done" ? "Done" : "Updated"} by {item.updatedBy} · {day(item.updatedAt)}
              </span>
            ) : null}
            {item.evidenceUrl ? (
              <a href={item.evidenceUrl} target="_blank" rel="noreferrer" className="text-primary hover:underline">
                evidence
              </a>
            ) : null}
          </div>
        </div>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          className="grid size-7 place-items-center rounded-md text-muted-foreground hover:bg-muted"
          aria-label={open ? "Hide details" : "Show details"}
        >
          <ChevronDown className={cn("size-4 transition-transform", open && "rotate-180")} aria-hidden />
        </button>
      </div>
      {errors.length ? (
        <div
          role="alert"
          className="mx-4 mb-3 flex items-center justify-between gap-3 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger-ink"
        >
          <span>{errors[0].message}</span>
          {conflict ? (
            <Button size="sm" variant="secondary" onClick={() => router.refresh()}>
              Reload
            </Button>
          ) : null}
        </div>
      ) : null}
      {open ? (
        <div id={`item-${item.key}-details`} className="grid grid-cols-1 gap-4 px-12 pb-4 text-sm">
          <div className="prose-sm max-w-none text-muted-foreground [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_p]:mb-2">
            {guidance}
          </div>
          {item.status === "not_applicable" && item.naReason ? (
            <p className="text-xs text-muted-foreground">Not applicable because: {item.naReason}</p>
          ) : null}
          {item.note ? <p className="text-xs text-muted-foreground">Note: {item.note}</p> : null}
          {canEdit ? (
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              <ItemDetailsForm
                hidden={hidden}
                item={item}
                action={saveDetails}
                pending={savingDetails}
                state={detailsState}
              />
              {item.required ? (
                !item.pendingWaiverUntil && item.status !== "waived" && item.status !== "done" ? (
                  <WaiverRequestForm
                    slug={slug}
                    itemKey={item.key}
                    action={askWaiver}
                    pending={askingWaiver}
                    state={waiverState}
                  />
                ) : null
              ) : item.status !== "not_applicable" ? (
                <NotApplicableForm hidden={hidden} action={saveNa} pending={savingNa} state={naState} />
              ) : null}
            </div>
          ) : null}
          <ItemHistory slug={slug} itemKey={item.key} version={item.version} />
        </div>
      ) : null}
    </li>
  );
}
