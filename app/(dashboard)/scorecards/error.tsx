"use client";

import { SegmentError } from "@/components/layout/segment-states";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError error={error} reset={reset} what="this page" />;
}
