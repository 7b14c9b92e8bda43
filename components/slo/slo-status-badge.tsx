import { Badge } from "@/components/ui/badge";
import type { SloStatus } from "@/lib/slo/domain";

const TONE = { healthy: "success", burning: "warning", exhausted: "danger", no_data: "neutral" } as const;
const LABEL = { healthy: "healthy", burning: "burning", exhausted: "budget exhausted", no_data: "no data" } as const;

export function SloStatusBadge({ status }: { status: SloStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
