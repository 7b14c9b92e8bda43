"use client";

import { SegmentError } from "@/components/layout/segment-states";

// Inside the tabs: the header and the other tabs stay usable while this one failed.
export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError error={error} reset={reset} what="this tab" />;
}
