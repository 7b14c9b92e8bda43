"use client";

import { useId, type ReactElement } from "react";
import { cloneElement } from "react";
import { Label } from "./input";

type FieldProps = {
  label: string;
  /** Errors for this field, from the server action's fieldErrors. */
  errors?: string[];
  hint?: string;
  children: ReactElement<{ id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }>;
};

/** A labelled form control whose errors are linked by aria-describedby. */
export function Field({ label, errors, hint, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid grid-cols-1 gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {cloneElement(children, {
        id,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {hint && !errors?.length ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="text-xs text-danger-ink">
          {errors.join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
