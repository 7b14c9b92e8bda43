"use client";

import { AlertTriangle } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** Shown by each segment's error.tsx: a generic message (details go to the server log), and a retry. */
export function SegmentError({
  error,
  reset,
  what,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto mt-12 max-w-md rounded-lg border border-danger/30 bg-danger-soft p-6 text-center"
    >
      <AlertTriangle className="mx-auto size-6 text-danger-ink" aria-hidden />
      <h2 className="mt-2 font-semibold">Could not load {what}</h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Something went wrong on our side. Try again; if it keeps happening, give your admin this reference:{" "}
        <code className="font-mono">{error.digest ?? "n/a"}</code>
      </p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
