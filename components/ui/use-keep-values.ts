"use client";

import { startTransition, type FormEvent } from "react";

/**
 * React resets a form's fields after its action runs, which would wipe what the user typed when the
 * server answers with a validation error. Submitting through this handler keeps the fields. The
 * submitter is passed on, so forms with several submit buttons (approve / reject) still say which.
 */
export function keepValuesOnSubmit(action: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    startTransition(() => action(form));
  };
}
