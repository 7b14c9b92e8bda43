"use client";

import { useEffect, useState } from "react";

/** Marks the report as rendered (charts drawn) for the PDF printer, and offers to print. */
export function ReportReady() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Two frames: the charts measure their containers after the first paint.
    const id = requestAnimationFrame(() => requestAnimationFrame(() => setReady(true)));
    return () => cancelAnimationFrame(id);
  }, []);
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-report-ready={ready ? "" : undefined}
      className="no-print rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-muted"
    >
      Print or save as PDF
    </button>
  );
}
